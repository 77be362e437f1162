package wats

import "github.com/watsgo/sdk/internal/transport"

// Middleware wraps every attempt (retries included) for metrics and
// tracing. It must call next exactly once and return its result:
//
//	func(ctx context.Context, a *wats.AttemptInfo, next func(context.Context) wats.AttemptResult) wats.AttemptResult {
//		res := next(ctx)
//		observe(a.Route, res.StatusCode, res.Duration)
//		return res
//	}
type Middleware = transport.Middleware

// AttemptInfo describes one attempt to a Middleware: operation, verb, route
// template, attempt number, request id, and extra headers to send.
type AttemptInfo = transport.AttemptInfo

// AttemptResult is the outcome of one attempt: status (0 when no answer
// arrived), error and duration.
type AttemptResult = transport.AttemptResult
