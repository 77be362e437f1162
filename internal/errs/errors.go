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
)

// APIError is a non-2xx answer from the server.
type APIError struct {
	// Op names the SDK operation, e.g. "product.Get".
	Op string
	// Method and Route are the HTTP verb and the route template
	// (e.g. "/api/Product/{partNumber}"), never the token.
	Method string
	Route  string
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

func (f FieldError) String() string {
	if f.Message != "" {
		return f.Path + ": " + f.Message
	}
	return f.Path + ": failed " + f.Rule
}

// ValidationError lists every violation found before a request was sent.
type ValidationError struct {
	// Op names the operation that refused the input, e.g. "report.Submit".
	Op     string
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
// the operation and route that failed.
type TransportError struct {
	Op        string
	Method    string
	Route     string
	RequestID string
	Attempts  int
	Err       error
}

// Error says what failed and why.
func (e *TransportError) Error() string {
	s := fmt.Sprintf("%s %s: transport error: %v", e.Method, e.Route, e.Err)
	if e.Op != "" {
		s = e.Op + ": " + s
	}
	if e.RequestID != "" {
		s += " (request id " + e.RequestID + ")"
	}
	return s
}

// Unwrap exposes the underlying network error.
func (e *TransportError) Unwrap() error { return e.Err }
