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
)
