package queue

import (
	"context"
	"errors"
	"net/http"

	"github.com/watsgo/sdk/internal/errs"
)

// verdict is what an upload failure means for the entry.
type verdict int

const (
	// retryCounted: keep queued, count towards MaxAttempts (transport
	// errors, timeouts, 5xx, 429, anything unknown).
	retryCounted verdict = iota
	// retryUncounted: keep queued without counting, the failure says
	// nothing about the report (credentials, open circuit breaker).
	retryUncounted
	// reject: the server says the report itself is bad; dead letter.
	reject
	// conflict: 409, the server holds a report with this id already. After
	// an earlier attempt that may have arrived, that is our own delivery.
	conflict
)

// classify decides what an upload error means. Unknown errors are retried:
// a queue that keeps a report too long is recoverable, one that drops it is
// not.
//
// 401 and 403 are deliberately not rejections: they say the station's token
// is wrong or lacks rights, which an operator fixes without touching the
// report. The entry stays queued, the attempt is not counted, and the
// failure is logged at Error level and reported as EventAuthFailed.
//
// 404 and 405 on the submit route mean a wrong base URL or an older server,
// again not the report's fault, so they are retried too. 408 is a timeout.
// Every other 4xx (400, 413, 415, 422, ...) is a rejection of this report:
// it moves to dead letter with the server's message.
//
// 409 Conflict is how a server that refuses resubmissions answers a report
// id it already holds (a server may instead de-duplicate silently; the
// emulator can do either). After an earlier attempt that may have arrived (timeout,
// reset, crash mid-upload) the queue takes 409 as proof of delivery and
// removes the entry; on a first attempt it is a genuine id clash and the
// report goes to dead letter for a human.
func classify(err error) verdict {
	var ve *errs.ValidationError
	if errors.As(err, &ve) {
		return reject
	}
	if errors.Is(err, errs.ErrCircuitOpen) || errors.Is(err, errs.ErrThrottled) {
		// Nothing was sent: the failure says nothing about the report.
		return retryUncounted
	}
	var ae *errs.APIError
	if errors.As(err, &ae) {
		switch s := ae.StatusCode; {
		case s == http.StatusUnauthorized, s == http.StatusForbidden:
			return retryUncounted
		case s == http.StatusConflict:
			return conflict
		case s == http.StatusNotFound, s == http.StatusMethodNotAllowed,
			s == http.StatusRequestTimeout, s == http.StatusTooManyRequests, s >= 500:
			return retryCounted
		case s >= 400:
			return reject
		}
		return retryCounted
	}
	// Transport errors, context deadlines of the attempt, net errors, EOF:
	// the report may or may not have arrived; resending with the same id is
	// safe.
	if errors.Is(err, context.Canceled) {
		return retryUncounted
	}
	return retryCounted
}

// isAuth reports a credentials failure, surfaced loudly.
func isAuth(err error) bool {
	return errors.Is(err, errs.ErrUnauthorized) || errors.Is(err, errs.ErrForbidden)
}

// failure extracts what is persisted about an error: the server's message
// when there is one, and the HTTP status.
func failure(err error) (msg string, status int) {
	var ae *errs.APIError
	if errors.As(err, &ae) {
		return err.Error(), ae.StatusCode
	}
	return err.Error(), 0
}

// notSent reports a failure that happened before anything left the client.
func notSent(err error) bool {
	return errors.Is(err, errs.ErrCircuitOpen) || errors.Is(err, errs.ErrThrottled)
}
