package convert

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"
)

// event reports a state change of the attempt's file.
func (w *Watcher) event(a *attempt, st State, err error, dest string, retryAt time.Time) {
	w.log.event(Event{Time: w.now(), File: a.f.path, Converter: convName(a.conv), State: st,
		Reports: append([]string(nil), a.ids...), Dest: dest, Attempt: a.n, RetryAt: retryAt, Err: err})
}

// finishLocked ends the tracking of a processed file.
func (w *Watcher) finishLocked(f *file) {
	if f.state == fsProcessing {
		w.processing--
	}
	delete(w.files, f.path)
	w.depthLocked()
	if f.root.truncated && len(w.files) <= w.opt.MaxPending/2 {
		f.root.truncated = false
		w.requestScan(f.root)
	}
}

// release puts the file back to pending: at once, or at retryAt (then a scan is
// scheduled for that time). observe puts it through the stability check again.
func (w *Watcher) release(a *attempt, why error, retryAt time.Time, observe bool) {
	w.mu.Lock()
	w.finishLocked(a.f)
	if m := w.memo[a.f.path]; m != nil {
		m.notBefore = retryAt
		if observe {
			m.size, m.mod = -1, time.Time{} // forget: the file is another one now
		}
	}
	w.mu.Unlock()
	w.event(a, StatePending, why, "", retryAt)
	r := a.f.root
	if d := time.Until(retryAt); d > 0 {
		time.AfterFunc(d, func() { w.requestScan(r) })
	} else if why != nil {
		w.requestScan(r)
	}
}

// retryLater keeps the file pending after a temporary failure, with back-off.
func (w *Watcher) retryLater(a *attempt, why error) {
	w.mu.Lock()
	m := w.memoLocked(a.f)
	m.failures++
	d := w.opt.RetryBase << min(m.failures-1, 20)
	if d > w.opt.RetryMax || d <= 0 {
		d = w.opt.RetryMax
	}
	w.mu.Unlock()
	w.release(a, why, w.now().Add(d), false)
}

// drop forgets a file that disappeared.
func (w *Watcher) drop(a *attempt) {
	w.mu.Lock()
	w.finishLocked(a.f)
	delete(w.memo, a.f.path)
	w.mu.Unlock()
	a.f.root.ledger.forget(a.f.rel())
}

// suspend leaves the file in place until its dependency may be there.
func (w *Watcher) suspend(a *attempt, se *SuspendError) {
	d := se.RetryAfter
	if d <= 0 {
		d = w.opt.SuspendRetry
	}
	until := w.now().Add(d)
	a.log.add("WARN", "suspend", se.Error(), map[string]any{"retry_after": until})
	// Not fsynced: losing it only means an earlier retry after a crash.
	_ = a.f.root.ledger.append(ledgerEntry{Op: opSuspended, File: a.f.rel(), Size: a.f.size,
		ModTime: a.f.mod.UnixNano(), Until: until, Reason: se.Error()}, false)
	w.opt.Metrics.Suspended(convName(a.conv))
	w.mu.Lock()
	w.finishLocked(a.f)
	m := w.memoLocked(a.f)
	m.notBefore = until
	w.mu.Unlock()
	w.event(a, StateSuspended, se, "", until)
	r := a.f.root
	time.AfterFunc(d, func() { w.requestScan(r) })
}

// sidecar is the <name>.error.json written beside a file in Error/.
type sidecar struct {
	Time      time.Time `json:"time"`
	File      string    `json:"file"`
	Converter string    `json:"converter"`
	Error     string    `json:"error"`
	Attempts  int       `json:"attempts"`
	// Reports are ids the sink accepted before another report was rejected.
	Reports []string `json:"reports,omitempty"`
}

// fail moves the file to Error/ with a sidecar saying why. When even that is
// impossible the file stays pending and is retried with back-off.
func (w *Watcher) fail(ctx context.Context, a *attempt, cause error) {
	f := a.f
	dir := filepath.Join(f.root.dir, errorDir, filepath.FromSlash(filepath.Dir(f.rel())))
	a.log.add("ERROR", "error", cause.Error(), nil)
	err := os.MkdirAll(dir, 0o755)
	var dst string
	if err == nil {
		dst = freeName(dir, filepath.Base(f.path))
		sc := sidecar{Time: w.now(), File: f.path, Converter: convName(a.conv), Error: cause.Error(), Attempts: a.n, Reports: a.ids}
		b, _ := json.MarshalIndent(sc, "", "  ")
		// Sidecar first: a crash in between leaves a sidecar without its file,
		// never a failed file without its reason.
		if err = os.WriteFile(dst+errorSidecarExtension, append(b, '\n'), 0o644); err == nil {
			if err = os.Rename(f.path, dst); err != nil {
				os.Remove(dst + errorSidecarExtension)
			}
		}
	}
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			w.drop(a)
			return
		}
		w.opt.Logger.Error("convert: cannot move a failed file to Error/", "file", f.path, "err", err, "cause", cause)
		w.retryLater(a, fmt.Errorf("move to Error/: %w (after: %v)", err, cause))
		return
	}
	_ = syncDir(dir)
	if err := a.log.writeNext(dir, dst); err != nil {
		w.opt.Logger.Warn("convert: conversion log", "file", dst, "err", err)
	}
	w.opt.Metrics.Failed(convName(a.conv), w.now().Sub(a.start))
	w.mu.Lock()
	w.finishLocked(f)
	delete(w.memo, f.path)
	w.mu.Unlock()
	f.root.ledger.forget(f.rel())
	w.event(a, StateError, cause, dst, time.Time{})
}

// postAction applies the folder's post-action to a handed file. A failure keeps the
// file pending; the ledger's handed record makes the next attempt retry only the
// post-action, never the hand-over.
func (w *Watcher) postAction(ctx context.Context, a *attempt) {
	f := a.f
	var dest, logDir string
	var err error
	sub := filepath.FromSlash(filepath.Dir(f.rel()))
	done := filepath.Join(f.root.dir, doneDir, sub)
	switch f.folder.PostAction {
	case Delete:
		err = os.Remove(f.path)
		if errors.Is(err, fs.ErrNotExist) {
			err = nil
		}
		logDir = done
	case Move, Archive:
		dest, err = moveNoReplace(f.path, done, filepath.Base(f.path))
		logDir = done
		if err == nil && f.folder.PostAction == Archive && f.root.archiver != nil {
			if f.root.archiver.add(dest) {
				select {
				case w.archReq <- f.root:
				default:
				}
			}
		}
	case Keep:
		err = f.root.ledger.append(ledgerEntry{Op: opKept, File: f.rel(), Size: f.size, ModTime: f.mod.UnixNano()}, true)
		dest, logDir = f.path, done
	}
	if err != nil {
		a.log.add("ERROR", "post-action", err.Error(), map[string]any{"action": f.folder.PostAction.String()})
		w.opt.Logger.Warn("convert: post-action failed, will retry (the reports are not sent again)",
			"file", f.path, "action", f.folder.PostAction.String(), "err", err)
		w.retryLater(a, fmt.Errorf("post-action %v: %w", f.folder.PostAction, err))
		return
	}
	a.log.add("INFO", "done", "post-action applied", map[string]any{"action": f.folder.PostAction.String(), "dest": dest})
	if f.folder.ConversionLog {
		final := dest
		if final == "" {
			final = f.path
		}
		if err := a.log.writeNext(logDir, final); err != nil {
			w.opt.Logger.Warn("convert: conversion log", "file", f.path, "err", err)
		}
	}
	if f.folder.PostAction != Keep {
		f.root.ledger.forget(f.rel())
	}
	w.opt.Metrics.Converted(convName(a.conv), w.now().Sub(a.start), len(a.ids))
	w.mu.Lock()
	w.finishLocked(f)
	delete(w.memo, f.path)
	w.mu.Unlock()
	w.event(a, StateDone, nil, dest, time.Time{})
}
