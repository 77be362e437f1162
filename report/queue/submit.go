package queue

import (
	"context"
	"fmt"
	"io/fs"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/report"
)

// Receipt says where a stored report ended up.
type Receipt struct {
	// ID is the report id.
	ID string
	// State is StateSent (uploaded, gone from the queue), StatePending
	// (safely queued, the uploader will send it) or StateDead (rejected by
	// the server, kept in dead letter).
	State State
	// ServerID is the id the server answered with (StateSent only).
	ServerID string
	// Err is why the report was not sent: the upload error, ErrOffline or
	// ErrNotUploader. Nil when sent.
	Err error
}

// Submit stores r durably and then uploads it (save-before-send).
//
// The report is finalised and validated first; an invalid report is
// refused with a *RefusedError wrapping *errs.ValidationError before
// anything is written or sent. It is then written to disk (temp file, fsync,
// rename, directory fsync) and only then sent with ctx, for at most the
// submit budget (WithSubmitBudget, default 3 s). The outcome:
//
//   - uploaded: Receipt.State is StateSent and the entry is removed;
//   - transport error, 5xx, 429, 401/403, open circuit breaker, timeout or
//     budget spent, an answer that is not the server's (a proxy's page):
//     Receipt.State is StatePending, Receipt.Err says why, error is nil;
//     the report is safe and Run will send it (with the same id);
//   - offline (WithOnline) or another process is the uploader: queued
//     without an attempt, Receipt.Err is ErrOffline or ErrNotUploader;
//   - the server rejects the report (400, 409, 422...): Receipt.State is
//     StateDead and the error matches ErrRejected and the *errs.APIError;
//   - not stored (invalid, ErrQueueFull, ErrDuplicate, disk full, read-only
//     folder): a *RefusedError carrying the report; the caller keeps it.
//
// WATS API: POST /api/Report/WSJF (through the Submitter)
func (q *Queue) Submit(ctx context.Context, r *report.Report) (Receipt, error) {
	const op = "queue.Submit"
	key, body, err := q.prepare(op, r)
	if err != nil {
		return Receipt{}, err
	}
	q.mu.Lock()
	uploader := q.owner && q.sub != nil
	q.mu.Unlock()
	var why error
	switch {
	case !uploader:
		why = ErrNotUploader
	case q.cfg.online != nil && !q.cfg.online():
		why = ErrOffline
	}
	if why != nil {
		rc, err := q.enqueue(op, r, key, body)
		rc.Err = why
		return rc, err
	}

	// Written straight as "sending" and marked in flight so Run leaves it
	// alone; a crash from here on leaves a "sending" file that the next
	// uploader puts back to pending.
	now := q.cfg.now()
	m := Meta{ID: r.ID(), EnqueuedAt: now, NextAttempt: now}
	it := &item{key: key, meta: m, state: StateSending, inflight: true}
	if err := q.admit(op, r, key, int64(len(body)), it); err != nil {
		return Receipt{}, err
	}
	size, err := q.store(key, StateSending, m, body)
	if err != nil {
		q.release(key, int64(len(body)))
		return Receipt{}, &RefusedError{Op: op, ID: r.ID(), Report: r, Err: fmt.Errorf("write entry: %w", err)}
	}
	q.stored(it, size, int64(len(body)))
	q.emit(EventQueued, key, 0, nil)

	actx, cancel := context.WithTimeout(ctx, min(q.cfg.submitBudget, q.cfg.attemptTimeout))
	serverID, sendErr := q.sub.Submit(actx, r)
	cancel()
	rc := q.settle(it, body, serverID, sendErr, false)
	q.nudge()
	if rc.State == StateDead {
		return rc, fmt.Errorf("%s: report %s: %w: %w", op, r.ID(), ErrRejected, sendErr)
	}
	return rc, nil
}

// Enqueue stores r durably without trying to send it; Run uploads it.
// Errors are as for Submit's "not stored" case: a *RefusedError carrying
// the report.
func (q *Queue) Enqueue(ctx context.Context, r *report.Report) (Receipt, error) {
	const op = "queue.Enqueue"
	if err := ctx.Err(); err != nil {
		return Receipt{}, &RefusedError{Op: op, ID: idOf(r), Report: r, Err: err}
	}
	key, body, err := q.prepare(op, r)
	if err != nil {
		return Receipt{}, err
	}
	return q.enqueue(op, r, key, body)
}

func (q *Queue) enqueue(op string, r *report.Report, key string, body []byte) (Receipt, error) {
	now := q.cfg.now()
	m := Meta{ID: r.ID(), EnqueuedAt: now, NextAttempt: now}
	it := &item{key: key, meta: m, state: StatePending, inflight: true}
	if err := q.admit(op, r, key, int64(len(body)), it); err != nil {
		return Receipt{}, err
	}
	size, err := q.store(key, StatePending, m, body)
	if err != nil {
		q.release(key, int64(len(body)))
		return Receipt{}, &RefusedError{Op: op, ID: r.ID(), Report: r, Err: fmt.Errorf("write entry: %w", err)}
	}
	q.stored(it, size, int64(len(body)))
	q.mu.Lock()
	it.inflight = false
	q.mu.Unlock()
	q.emit(EventQueued, key, 0, nil)
	q.nudge()
	return Receipt{ID: r.ID(), State: StatePending}, nil
}

func idOf(r *report.Report) string {
	if r == nil {
		return ""
	}
	return r.ID()
}

// prepare finalises, validates and serialises r; nothing touches the disk.
func (q *Queue) prepare(op string, r *report.Report) (key string, body []byte, err error) {
	refuse := func(e error) (string, []byte, error) {
		return "", nil, &RefusedError{Op: op, ID: idOf(r), Report: r, Err: e}
	}
	if r == nil {
		return refuse(errs.Invalid(op, "report", "report is nil"))
	}
	q.mu.Lock()
	closed := q.closed
	q.mu.Unlock()
	if closed {
		return refuse(ErrClosed)
	}
	if err := r.Finalize(); err != nil {
		return refuse(err)
	}
	if err := r.Validate(); err != nil {
		return refuse(err)
	}
	key, ok := normID(r.ID())
	if !ok {
		msg := "report id is required (Finalize assigns one)"
		if r.ID() != "" {
			msg = fmt.Sprintf("report id %q is not a GUID-like token (letters, digits, '-', '_', braces; at most 128)", r.ID())
		}
		return refuse(errs.Invalid(op, "id", msg))
	}
	body, err = r.Marshal() // not json.Marshal: it would compact the encoder's output a second time
	if err != nil {
		return refuse(fmt.Errorf("encode report: %w", err))
	}
	return key, body, nil
}

// admit checks for duplicates and capacity and reserves the room; the
// reservation is undone by release when the write fails. size is the body
// size; the header adds a little that the next scan accounts for.
func (q *Queue) admit(op string, r *report.Report, key string, size int64, it *item) error {
	refuse := func(e error) error { return &RefusedError{Op: op, ID: r.ID(), Report: r, Err: e} }
	if q.exists(key) {
		return refuse(ErrDuplicate)
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if _, ok := q.index[key]; ok {
		return refuse(ErrDuplicate)
	}
	// Totals may be stale when other processes share the folder: re-read
	// them before refusing, and when older than a poll interval.
	if q.full(size) || q.cfg.now().Sub(q.totalsAt) > q.cfg.pollInterval {
		if des, err := q.fs.ReadDir(q.dir); err == nil {
			q.count, q.bytes = countEntries(des)
			q.totalsAt = q.cfg.now()
		}
		if q.full(size) {
			return refuse(fmt.Errorf("%w: %d entries, %d bytes (limits %d entries, %d bytes)",
				ErrQueueFull, q.count, q.bytes, q.cfg.maxEntries, q.cfg.maxBytes))
		}
	}
	q.count++
	q.bytes += size
	it.gen = q.wakeGen
	if q.owner {
		q.index[key] = it
	}
	return nil
}

func (q *Queue) full(size int64) bool {
	return (q.cfg.maxEntries > 0 && q.count+1 > q.cfg.maxEntries) ||
		(q.cfg.maxBytes > 0 && q.bytes+size > q.cfg.maxBytes)
}

// release undoes admit after a failed write.
func (q *Queue) release(key string, size int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	delete(q.index, key)
	q.count--
	q.bytes -= size
}

// stored records the real size (header included) once the entry is on
// disk, replacing the reservation admit made.
func (q *Queue) stored(it *item, size, reserved int64) {
	q.mu.Lock()
	defer q.mu.Unlock()
	it.size = size
	q.bytes += size - reserved
}

// countEntries totals the data files in a directory listing.
func countEntries(des []fs.DirEntry) (count int, bytes int64) {
	for _, de := range des {
		if _, _, ok := splitName(de.Name()); !ok || strings.HasPrefix(de.Name(), tempPrefix) {
			continue
		}
		info, err := de.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		count++
		bytes += info.Size()
	}
	return count, bytes
}

// nudge tells a running uploader to look again without waiting.
func (q *Queue) nudge() {
	select {
	case q.kick <- struct{}{}:
	default:
	}
}
