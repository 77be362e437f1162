package transport

import (
	"context"
	"net/http"
	"time"
)

// AttemptInfo describes one attempt to middleware.
type AttemptInfo struct {
	// Op, Method and Route identify the call; Route is the template, which
	// keeps metric labels bounded.
	Op, Method, Route string
	// Attempt counts from 1.
	Attempt int
	// RequestID is the X-Request-ID shared by every attempt of the call.
	RequestID string
	// Header holds extra headers to send with this attempt (for example a
	// trace-propagation header). Authorization is never visible here and
	// cannot be overridden.
	Header http.Header
}

// AttemptResult is what an attempt produced.
type AttemptResult struct {
	// StatusCode is the HTTP status, 0 when no answer arrived.
	StatusCode int
	// Err is the attempt's error: an *errs.APIError for non-2xx answers,
	// a transport or context error otherwise.
	Err error
	// Duration is the wall time of the attempt, body included.
	Duration time.Duration
}

// Middleware wraps every attempt (not every call), so retries are visible
// to metrics and tracing. It must call next exactly once and return its
// result, possibly after recording it.
type Middleware func(ctx context.Context, info *AttemptInfo, next func(context.Context) AttemptResult) AttemptResult
