package wats

import "github.com/watsgo/sdk/internal/errs"

// APIError is a non-2xx answer from the server; see errors.As.
type APIError = errs.APIError

// ValidationError lists every client-side violation found before any request.
type ValidationError = errs.ValidationError

// FieldError is one violation inside a ValidationError.
type FieldError = errs.FieldError

// TransportError is a failure below HTTP (reset, EOF, timeout, refused).
type TransportError = errs.TransportError

// Sentinels for errors.Is.
var (
	// ErrBadRequest matches 400 answers.
	ErrBadRequest = errs.ErrBadRequest
	// ErrUnauthorized matches 401 answers (wrong or missing token).
	ErrUnauthorized = errs.ErrUnauthorized
	// ErrForbidden matches 403 answers (missing permission).
	ErrForbidden = errs.ErrForbidden
	// ErrNotFound matches 404 answers.
	ErrNotFound = errs.ErrNotFound
	// ErrConflict matches 409 answers.
	ErrConflict = errs.ErrConflict
	// ErrRateLimited matches 429 answers.
	ErrRateLimited = errs.ErrRateLimited
	// ErrServer matches 5xx answers.
	ErrServer = errs.ErrServer
	// ErrCircuitOpen is returned without a request while the breaker is open.
	ErrCircuitOpen = errs.ErrCircuitOpen
	// ErrValidation matches every *ValidationError.
	ErrValidation = errs.ErrValidation
	// ErrResponseTooLarge is returned when an answer exceeds the client's cap
	// (WithMaxResponseSize); nothing of it is kept.
	ErrResponseTooLarge = errs.ErrResponseTooLarge
	// ErrRedirectRefused is returned when the server redirects to another
	// origin (scheme, host or port) or redirects a POST: the credential is
	// never sent there and a report body is never re-sent.
	ErrRedirectRefused = errs.ErrRedirectRefused
	// ErrThrottled is returned without a request when the client-side rate
	// limit (or a server's Retry-After) would make the call wait past its
	// context's deadline. It also matches context.DeadlineExceeded.
	ErrThrottled = errs.ErrThrottled
	// ErrLocalWrite is returned when writing a download to the caller's
	// writer failed (disk full, read-only): not retried, not held against the
	// server.
	ErrLocalWrite = errs.ErrLocalWrite
	// ErrUnexpectedAnswer is returned when a 2xx answer is not what the
	// server sends for that call (for example an HTML page from a captive
	// portal answering a report submit): the call's outcome is unknown, so a
	// report is kept, never taken as delivered.
	ErrUnexpectedAnswer = errs.ErrUnexpectedAnswer
)
