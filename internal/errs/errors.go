// Package errs holds the SDK's error types. They are re-exported from package wats
// (wats.APIError, wats.ErrNotFound, ...) so users never import this package.
package errs

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Sentinels matched with errors.Is. An *APIError matches the sentinel of its
// status class; a *ValidationError matches ErrValidation.
var (
	ErrBadRequest   = errors.New("wats: bad request")
	ErrUnauthorized = errors.New("wats: unauthorized")
	ErrForbidden    = errors.New("wats: forbidden")
	ErrNotFound     = errors.New("wats: not found")
	ErrConflict     = errors.New("wats: conflict")
	ErrRateLimited  = errors.New("wats: rate limited")
	ErrServer       = errors.New("wats: server error")
	ErrCircuitOpen  = errors.New("wats: circuit breaker open")
	ErrValidation   = errors.New("wats: validation failed")

	ErrResponseTooLarge = errors.New("wats: answer larger than the client accepts")
	ErrRedirectRefused  = errors.New("wats: redirect refused")
	ErrThrottled        = errors.New("wats: client-side rate limit would outlast the context")
	ErrLocalWrite       = errors.New("wats: writing the download locally failed")
	ErrUnexpectedAnswer = errors.New("wats: unexpected answer")
)

// APIError is a non-2xx answer from the server.
type APIError struct {
	// Op names the SDK operation, e.g. "product.Get".
	Op string
	// Method is the HTTP verb.
	Method string
	// Route is the route template, e.g. "/api/Product/{partNumber}" (never
	// the filled path, so no user data or secret leaks through it).
	Route string
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// RequestID is the X-Request-ID the client sent on every attempt.
	RequestID string
	// Message is the server's message parsed from a JSON error body
	// (message, Message, error, detail or title), or the body text.
	Message string
	// Errors holds the "errors" member of the body when present (raw JSON).
	Errors string
	// Body is the raw body, capped at a few KB.
	Body string
	// RetryAfter is the server's Retry-After hint, zero when absent.
	RetryAfter time.Duration
	// Attempts is how many attempts were made before giving up.
	Attempts int
}

// Error says what failed and why.
func (e *APIError) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "%s %s: %d %s", e.Method, e.Route, e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	if e.RequestID != "" {
		b.WriteString(" (request id ")
		b.WriteString(e.RequestID)
		b.WriteString(")")
	}
	return b.String()
}

// Is maps the status code to the sentinel errors.
func (e *APIError) Is(target error) bool {
	return target != nil && target == SentinelFor(e.StatusCode)
}

// SentinelFor returns the sentinel matching an HTTP status, or nil.
func SentinelFor(status int) error {
	switch {
	case status == http.StatusBadRequest:
		return ErrBadRequest
	case status == http.StatusUnauthorized:
		return ErrUnauthorized
	case status == http.StatusForbidden:
		return ErrForbidden
	case status == http.StatusNotFound:
		return ErrNotFound
	case status == http.StatusConflict:
		return ErrConflict
	case status == http.StatusTooManyRequests:
		return ErrRateLimited
	case status >= 500:
		return ErrServer
	}
	return nil
}

// FieldError is one client-side validation failure.
type FieldError struct {
	// Path is the JSON path of the offending value, e.g. "root.steps[3].numericMeas[0].lowLimit".
	Path string
	// Rule names the rule that failed, e.g. "required" or "max=100".
	Rule string
	// Message explains the failure in words.
	Message string
}

// String renders the violation as "path: message".
func (f FieldError) String() string {
	if f.Message != "" {
		return f.Path + ": " + f.Message
	}
	return f.Path + ": failed " + f.Rule
}

// ValidationError lists every violation found before a request was sent.
type ValidationError struct {
	// Op names the operation that refused the input, e.g. "report.Submit".
	Op string
	// Fields lists every violation, in the order found.
	Fields []FieldError
}

// Error lists every violation.
func (e *ValidationError) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	b.WriteString("invalid input: ")
	for i, f := range e.Fields {
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(f.String())
	}
	return b.String()
}

// Is makes errors.Is(err, ErrValidation) true.
func (e *ValidationError) Is(target error) bool { return target == ErrValidation }

// Add appends a violation.
func (e *ValidationError) Add(path, rule, msg string) {
	e.Fields = append(e.Fields, FieldError{Path: path, Rule: rule, Message: msg})
}

// OrNil returns e when it holds violations and nil otherwise, so callers can
// collect into a ValidationError and return it unconditionally.
func (e *ValidationError) OrNil() error {
	if e == nil || len(e.Fields) == 0 {
		return nil
	}
	return e
}

// Invalid builds a ValidationError with one violation.
func Invalid(op, path, msg string) *ValidationError {
	return &ValidationError{Op: op, Fields: []FieldError{{Path: path, Rule: "invalid", Message: msg}}}
}

// TransportError wraps a failure below HTTP (dial, reset, EOF, timeout) with
// the operation and route that failed. When the caller's context ended the
// call, Err is the context's error and Last the last attempt's failure (if
// any), so errors.Is matches both.
type TransportError struct {
	// Op names the SDK operation.
	Op string
	// Method is the HTTP verb.
	Method string
	// Route is the route template.
	Route string
	// RequestID is the X-Request-ID of the call.
	RequestID string
	// Attempts is how many attempts were made.
	Attempts int
	// Err is the network or context error.
	Err error
	// Last is the failure of the last attempt when Err is a context error.
	Last error
}

// Error says what failed and why.
func (e *TransportError) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	fmt.Fprintf(&b, "%s %s: ", e.Method, e.Route)
	if e.Last != nil {
		fmt.Fprintf(&b, "gave up: %v (last attempt: %v)", e.Err, e.Last)
	} else {
		fmt.Fprintf(&b, "transport error: %v", e.Err)
	}
	if e.Attempts > 1 {
		fmt.Fprintf(&b, " after %d attempts", e.Attempts)
	}
	if e.RequestID != "" {
		b.WriteString(" (request id ")
		b.WriteString(e.RequestID)
		b.WriteString(")")
	}
	return b.String()
}

// Unwrap exposes the underlying error and, when set, the last attempt's failure.
func (e *TransportError) Unwrap() []error {
	if e.Last != nil {
		return []error{e.Err, e.Last}
	}
	return []error{e.Err}
}

// CircuitOpenError is returned without any request while the client's
// circuit breaker is open. It matches ErrCircuitOpen.
type CircuitOpenError struct {
	// Op names the SDK operation.
	Op string
	// Method is the HTTP verb.
	Method string
	// Route is the route template.
	Route string
	// RequestID is the X-Request-ID the call would have carried.
	RequestID string
	// RetryIn is how long until the breaker lets a probe through (0 when a
	// probe is already in flight).
	RetryIn time.Duration
}

// Error says what failed and why.
func (e *CircuitOpenError) Error() string {
	s := fmt.Sprintf("%s %s: not sent: circuit breaker open after repeated failures", e.Method, e.Route)
	if e.Op != "" {
		s = e.Op + ": " + s
	}
	if e.RetryIn > 0 {
		s += fmt.Sprintf("; next probe in %v", e.RetryIn.Round(time.Millisecond))
	}
	return s
}

// Is makes errors.Is(err, ErrCircuitOpen) true.
func (e *CircuitOpenError) Is(target error) bool { return target == ErrCircuitOpen }
