package convert

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/queue"
)

// ErrRejected marks a report a Sink refused for good (the report itself is bad). The
// watcher moves the file to Error/. Any other Sink error is taken as temporary: the
// file stays pending and is handed over again later.
var ErrRejected = errors.New("convert: report rejected by the sink")

// Sink takes over converted reports. Accept returns nil only once the report is
// safe: durably stored (the offline queue) or filed by the server. The watcher
// calls Accept for each report of a file in turn, only after all of them converted
// and validated, and applies the file's post-action only when every one was
// accepted. Reports have stable ids: a report handed over again after a failure or
// a crash carries the same id, so a sink may answer "already have it" with nil.
// Accept may be called concurrently for different files.
type Sink interface {
	Accept(ctx context.Context, r *report.Report) error
}

// SinkFunc adapts a function to Sink.
type SinkFunc func(ctx context.Context, r *report.Report) error

// Accept calls f.
func (f SinkFunc) Accept(ctx context.Context, r *report.Report) error { return f(ctx, r) }

// Submitter uploads one report; *report.Service satisfies it.
type Submitter interface {
	Submit(ctx context.Context, r *report.Report) (string, error)
}

// ServiceSink submits each report straight to the server (the report service's
// Submit). A report is accepted when the server answers 2xx, or 409 Conflict (the
// server holds a report with this id already: with stable ids that is this
// report, sent before a crash or a lost answer). Other 4xx answers except 401, 403,
// 404, 405, 408 and 429, and invalid reports, are rejections (ErrRejected); every
// other failure leaves the file pending. Prefer QueueSink on a station: it does not
// depend on the server being up.
func ServiceSink(s Submitter) Sink {
	return SinkFunc(func(ctx context.Context, r *report.Report) error {
		_, err := s.Submit(ctx, r)
		if err == nil {
			return nil
		}
		var ve *errs.ValidationError
		if errors.As(err, &ve) {
			return fmt.Errorf("%w: %w", ErrRejected, err)
		}
		var ae *errs.APIError
		if errors.As(err, &ae) {
			switch s := ae.StatusCode; {
			case s == http.StatusConflict:
				return nil
			case s == http.StatusUnauthorized, s == http.StatusForbidden, s == http.StatusNotFound,
				s == http.StatusMethodNotAllowed, s == http.StatusRequestTimeout, s == http.StatusTooManyRequests:
			case s >= 400 && s < 500:
				return fmt.Errorf("%w: %w", ErrRejected, err)
			}
		}
		return err
	})
}

// QueueSink hands each report to the offline queue (save-before-send): a report is
// accepted once the queue has durably stored it (Enqueue: written, fsynced,
// renamed); the queue's uploader (Queue.Run) sends it. A report whose id the queue
// holds already (queue.ErrDuplicate) counts as accepted. An invalid report is a
// rejection (ErrRejected); a full queue, a closed queue or a disk error leave the
// file pending.
func QueueSink(q *queue.Queue) Sink {
	return SinkFunc(func(ctx context.Context, r *report.Report) error {
		_, err := q.Enqueue(ctx, r)
		switch {
		case err == nil, errors.Is(err, queue.ErrDuplicate):
			return nil
		case errors.Is(err, errs.ErrValidation):
			return fmt.Errorf("%w: %w", ErrRejected, err)
		}
		return err
	})
}
