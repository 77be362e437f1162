package convert

import (
	"bufio"
	"container/heap"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/watsgo/sdk/report"
)

// worker claims ready files until ctx ends (stop claiming); conversions run under
// workCtx, which Run cancels when the grace period is over.
func (w *Watcher) worker(ctx, workCtx context.Context) {
	for {
		if ctx.Err() != nil {
			return
		}
		f := w.claim()
		if f == nil {
			select {
			case <-w.notify:
				continue
			case <-ctx.Done():
				return
			}
		}
		w.process(workCtx, f)
	}
}

// claim pops the oldest ready file and marks it processing.
func (w *Watcher) claim() *file {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.ready.Len() == 0 {
		return nil
	}
	f := heap.Pop(&w.ready).(*file)
	f.state = fsProcessing
	w.processing++
	w.depthLocked()
	if w.ready.Len() > 0 {
		w.signal() // let another worker take the next one
	}
	return f
}

// attempt is one worker's pass over one file.
type attempt struct {
	f       *file
	conv    Converter
	start   time.Time
	n       int // attempt number
	log     *convLog
	ids     []string
	handed  bool
	content []byte
	// needIntent: the converter chose the ids; record them before handing over.
	needIntent bool
}

func (w *Watcher) process(ctx context.Context, f *file) {
	a := &attempt{f: f, conv: f.conv, start: w.now()}
	if f.folder.ConversionLog {
		a.log = &convLog{}
	}
	w.mu.Lock()
	m := w.memoLocked(f)
	m.attempts++
	a.n = m.attempts
	a.ids = append(a.ids, m.accepted...)
	w.mu.Unlock()
	w.event(a, StateProcessing, nil, "", time.Time{})
	w.opt.Metrics.Claimed(convName(a.conv))
	a.log.add("INFO", "claim", "claimed", map[string]any{"file": f.path, "attempt": a.n, "size": f.size})

	// A file whose reports were all accepted before (a crash or a failed
	// post-action since) only needs its post-action.
	if h, _, _, hok, _, _ := f.root.ledger.lookup(f.rel()); hok && h.same(f.size, f.mod) {
		a.ids, a.handed = h.IDs, true
		if c, ok := w.reg.Lookup(h.Conv); ok && a.conv == nil {
			a.conv = c
		}
		a.log.add("INFO", "resume", "reports were accepted before; applying the post-action", map[string]any{"reports": h.IDs})
		w.postAction(ctx, a)
		return
	}

	reports, err := w.convert(ctx, a)
	if err != nil {
		w.convertFailed(ctx, a, err)
		return
	}
	if err := w.handOver(ctx, a, reports); err != nil {
		return
	}
	w.postAction(ctx, a)
}

// convert opens, converts and finishes the file's reports under the per-file
// deadline.
func (w *Watcher) convert(ctx context.Context, a *attempt) ([]*report.Report, error) {
	f := a.f
	fh, err := w.openStable(ctx, f)
	if err != nil {
		return nil, err
	}
	type result struct {
		reports []*report.Report
		conv    Converter
		content []byte
		err     error
	}
	type start struct {
		ctx    context.Context
		cancel context.CancelFunc
	}
	done := make(chan result, 1)
	started := make(chan start, 1)
	bound := a.conv
	// The converter runs in its own goroutine so that a converter ignoring its
	// deadline cannot hold a worker: the file is failed and the goroutine's
	// result, whenever it comes, is discarded. The deadline starts when the
	// converter does (after waiting for its ConverterLimit slot).
	go func() {
		defer fh.Close()
		h := newContentHash()
		br := bufio.NewReaderSize(io.TeeReader(fh, h), SniffSize)
		conv := bound
		if conv == nil {
			head, err := br.Peek(SniffSize)
			if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
				done <- result{err: fmt.Errorf("read: %w", err)}
				return
			}
			var conf Confidence
			if conv, conf = w.reg.Sniff(head); conv == nil {
				done <- result{err: fmt.Errorf("%w: no registered converter recognises the content", ErrUnknownFormat)}
				return
			}
			a.log.add("INFO", "sniff", "converter chosen by content", map[string]any{"converter": conv.Name(), "confidence": int(conf)})
		}
		release, err := w.acquire(ctx, conv)
		if err != nil {
			done <- result{conv: conv, err: err}
			return
		}
		defer release()
		fctx, cancel := context.WithTimeout(ctx, w.opt.FileTimeout)
		started <- start{fctx, cancel} // the worker owns cancel
		src := &Source{
			Name: f.path, Reader: br, Size: f.size, ModTime: f.mod,
			Params: f.folder.Params, Defaults: f.folder.Defaults, Processes: f.folder.Processes,
			Warn: func(msg string) {
				a.log.add("WARN", "convert", msg, nil)
				w.opt.Logger.Warn("convert: "+msg, "file", f.path, "converter", conv.Name())
			},
		}
		reps, err := conv.Convert(fctx, src)
		if err == nil {
			_, err = io.Copy(io.Discard, br) // the rest feeds the content hash
		}
		done <- result{reports: reps, conv: conv, content: h.Sum(nil), err: err}
	}()
	var res result
	var fctx context.Context
	select {
	case st := <-started:
		fctx = st.ctx
		defer st.cancel()
	case res = <-done:
		select {
		case st := <-started: // started and finished before the worker looked
			st.cancel()
		default:
		}
	case <-ctx.Done():
	}
	if fctx != nil {
		select {
		case res = <-done:
		case <-fctx.Done():
			// Give a converter that honours ctx a moment to return and close
			// the file (Windows cannot move an open file otherwise).
			select {
			case res = <-done:
			case <-time.After(time.Second):
				w.opt.Logger.Error("convert: converter ignored its deadline; its result will be discarded",
					"file", f.path, "converter", convName(a.conv))
			}
			if res.conv != nil {
				a.conv = res.conv
			}
			if ctx.Err() != nil {
				return nil, errCancelled
			}
			return nil, fmt.Errorf("conversion exceeded its %v deadline: %w", w.opt.FileTimeout, context.DeadlineExceeded)
		}
	}
	if res.conv != nil {
		a.conv = res.conv
	}
	if ctx.Err() != nil {
		return nil, errCancelled
	}
	if res.err != nil {
		return nil, res.err
	}
	a.log.add("INFO", "convert", "converted", map[string]any{"converter": a.conv.Name(), "reports": len(res.reports)})
	id := identity{converter: a.conv.Name(), name: f.path, size: f.size, modTime: f.mod, content: res.content}
	own, err := finish(id, res.reports)
	if err != nil {
		return nil, err
	}
	if own {
		// Ids the converter chose may differ from those of an interrupted
		// earlier hand-over of this very file: reuse those.
		if in, ok := f.root.ledger.intent(f.rel()); ok && in.same(f.size, f.mod) && len(in.IDs) == len(res.reports) {
			for i, r := range res.reports {
				r.SetID(in.IDs[i])
			}
			a.log.add("INFO", "resume", "report ids of an interrupted hand-over reused", map[string]any{"reports": in.IDs})
		} else {
			a.needIntent = true
		}
	}
	return res.reports, nil
}

// acquire takes the converter's ConverterLimit slot, if it has a limit.
func (w *Watcher) acquire(ctx context.Context, c Converter) (release func(), err error) {
	sem := w.sems[c.Name()]
	if sem == nil {
		return func() {}, nil
	}
	select {
	case sem <- struct{}{}:
		return func() { <-sem }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// errCancelled marks an attempt cut short by shutdown: the file stays pending.
var errCancelled = errors.New("convert: cancelled by shutdown")

// errChanged marks a file that changed after it was found stable.
var errChanged = errors.New("convert: file changed after the stability check")

// openStable opens the file, retrying while it cannot be opened (up to
// StableTimeout), and checks it is still the file the stability check saw.
func (w *Watcher) openStable(ctx context.Context, f *file) (*os.File, error) {
	deadline := w.now().Add(w.opt.StableTimeout)
	for {
		fh, err := openForRead(f.path)
		if err == nil {
			fi, err := fh.Stat()
			if err != nil {
				fh.Close()
				return nil, err
			}
			if fi.Size() != f.size || !fi.ModTime().Equal(f.mod) {
				fh.Close()
				return nil, errChanged
			}
			return fh, nil
		}
		if errors.Is(err, os.ErrNotExist) || w.now().After(deadline) {
			return nil, &openError{err}
		}
		select {
		case <-ctx.Done():
			return nil, errCancelled
		case <-time.After(w.opt.StableRetry):
		}
	}
}

// openError is a file that could not be opened; it stays pending (no error state).
type openError struct{ err error }

func (e *openError) Error() string { return "open: " + e.err.Error() }
func (e *openError) Unwrap() error { return e.err }

// convertFailed routes a failed conversion: shutdown and unopenable or changed
// files stay pending, suspensions wait, everything else goes to Error/.
func (w *Watcher) convertFailed(ctx context.Context, a *attempt, err error) {
	var oe *openError
	var se *SuspendError
	switch {
	case errors.Is(err, errCancelled):
		a.log.add("INFO", "cancel", "cancelled by shutdown; the file stays pending", nil)
		w.release(a, nil, time.Time{}, false)
	case errors.As(err, &oe):
		if errors.Is(err, os.ErrNotExist) {
			w.drop(a)
			return
		}
		w.retryLater(a, err)
	case errors.Is(err, errChanged):
		w.release(a, err, time.Time{}, true)
	case errors.As(err, &se):
		w.suspend(a, se)
	default:
		w.fail(ctx, a, err)
	}
}

// handOver gives every report to the sink; on a temporary failure the file stays
// pending with the accepted ids remembered, on a rejection it goes to Error/.
func (w *Watcher) handOver(ctx context.Context, a *attempt, reports []*report.Report) error {
	if a.needIntent {
		ids := make([]string, len(reports))
		for i, r := range reports {
			ids[i] = r.ID()
		}
		if err := a.f.root.ledger.append(ledgerEntry{Op: opIntent, File: a.f.rel(), Size: a.f.size,
			ModTime: a.f.mod.UnixNano(), IDs: ids, Conv: convName(a.conv)}, true); err != nil {
			w.retryLater(a, fmt.Errorf("ledger: %w", err))
			return err
		}
	}
	done := make(map[string]bool, len(a.ids))
	for _, id := range a.ids {
		done[id] = true
	}
	for _, r := range reports {
		if done[r.ID()] {
			continue
		}
		if err := w.sink.Accept(ctx, r); err != nil {
			a.log.add("ERROR", "accept", "sink did not accept the report", map[string]any{"report": r.ID(), "err": err.Error()})
			if errors.Is(err, ErrRejected) {
				w.fail(ctx, a, err)
				return err
			}
			w.retryLater(a, err)
			return err
		}
		done[r.ID()] = true
		a.ids = append(a.ids, r.ID())
		w.mu.Lock()
		if m := w.memo[a.f.path]; m != nil {
			m.accepted = append(m.accepted, r.ID())
		}
		w.mu.Unlock()
		a.log.add("INFO", "accept", "report accepted", map[string]any{"report": r.ID()})
	}
	// The record that makes a restart skip straight to the post-action; the
	// post-action must not start before it is on disk.
	if err := a.f.root.ledger.append(ledgerEntry{Op: opHanded, File: a.f.rel(), Size: a.f.size,
		ModTime: a.f.mod.UnixNano(), IDs: a.ids, Conv: convName(a.conv)}, true); err != nil {
		w.retryLater(a, fmt.Errorf("ledger: %w", err))
		return err
	}
	a.handed = true
	return nil
}

// memoLocked returns the memo of f, reset when the file changed.
func (w *Watcher) memoLocked(f *file) *memo {
	m := w.memo[f.path]
	if m == nil || m.size != f.size || !m.mod.Equal(f.mod) {
		m = &memo{size: f.size, mod: f.mod}
		w.memo[f.path] = m
	}
	return m
}
