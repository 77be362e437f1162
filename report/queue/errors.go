package queue

import (
	"errors"

	"github.com/watsgo/sdk/report"
)

// Sentinel errors, matched with errors.Is.
var (
	// ErrQueueFull refuses a report when the entry or byte limit is reached.
	// The report was not stored; the caller still holds it.
	ErrQueueFull = errors.New("queue: full")
	// ErrDuplicate refuses a report whose id is already in the queue (in
	// any state): the queue already holds that report.
	ErrDuplicate = errors.New("queue: report id already queued")
	// ErrRejected marks a report the server refused as invalid (a 4xx that
	// says the report itself is bad). It sits in dead letter with the
	// server's message; the returned error also wraps the *errs.APIError.
	ErrRejected = errors.New("queue: report rejected by the server")
	// ErrNoEntry says that no entry with the given id exists in that state.
	ErrNoEntry = errors.New("queue: no such entry")
	// ErrNotUploader is the reason a Receipt gives when Submit only queued
	// the report because another process holds the uploader lock (or the
	// queue has no Submitter).
	ErrNotUploader = errors.New("queue: not the uploader, report queued for the uploading process")
	// ErrOffline is the reason a Receipt gives when Submit only queued the
	// report because the online probe said the server is unreachable.
	ErrOffline = errors.New("queue: offline, report queued")
	// ErrClosed is returned by calls on a closed Queue.
	ErrClosed = errors.New("queue: closed")
)

// RefusedError is returned when a report could not be stored at all
// (invalid report, full queue, duplicate id, disk full, read-only folder).
// Nothing was written and nothing was sent: the report is handed back in
// Report and the caller must keep it.
type RefusedError struct {
	// Op is the call that refused, e.g. "queue.Submit".
	Op string
	// ID is the report id ("" when the report had none).
	ID string
	// Report is the report the caller gave, unchanged apart from Finalize.
	Report *report.Report
	// Err is the cause: a *errs.ValidationError, ErrQueueFull, ErrDuplicate,
	// ErrClosed or a file-system error.
	Err error
}

// Error says which report was refused and why.
func (e *RefusedError) Error() string {
	s := e.Op + ": report "
	if e.ID != "" {
		s += e.ID + " "
	}
	return s + "not stored, caller keeps it: " + e.Err.Error()
}

// Unwrap exposes the cause.
func (e *RefusedError) Unwrap() error { return e.Err }
