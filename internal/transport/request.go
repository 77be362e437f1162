// Package transport is the seam between the domain packages and the shared
// HTTP machinery owned by wats.Client. Domain packages describe a call with a
// Request and hand it to a Doer; they never build URLs, headers or retries.
package transport

import (
	"context"
	"io"
	"net/http"
	"net/url"
)

// Doer executes one API call: auth, escaping, retry, rate limit, breaker,
// logging and error mapping all happen behind it.
type Doer interface {
	Do(ctx context.Context, req *Request) (*Response, error)
}

// Request describes one API call.
type Request struct {
	// Op names the SDK operation for errors and logs, e.g. "product.Get".
	Op string
	// Method is the HTTP verb.
	Method string
	// Route is the path template relative to the server root, e.g.
	// "/api/Product/{partNumber}". Placeholders are filled from PathParams,
	// each value escaped with url.PathEscape. The template (not the filled
	// path) is what logs and metrics see.
	Route string
	// PathParams fills the {name} placeholders of Route.
	PathParams map[string]string
	// Query holds the query string; nil or empty values are simply absent.
	Query url.Values
	// Header holds extra request headers.
	Header http.Header

	// JSON, when non-nil, is marshalled once and sent as application/json.
	JSON any
	// Body, when non-nil, is sent as is with ContentType. A Body that is not
	// an io.Seeker cannot be re-sent, so such a call is never retried.
	Body io.Reader
	// ContentType of Body (default application/octet-stream).
	ContentType string
	// Multipart, when non-nil, is streamed as multipart/form-data.
	Multipart *Multipart

	// Result, when non-nil, receives the JSON-decoded 2xx body. Empty bodies,
	// "null" and "" leave it untouched.
	Result any
	// Output, when non-nil, receives the raw 2xx body as a stream (downloads).
	// A download cut short is retried only when nothing was written yet or
	// Output has a Reset method (like *bytes.Buffer), called before the retry.
	// An Output with a Len method (a *bytes.Buffer) is taken to be memory,
	// and the client's answer cap (Config.MaxResponseBytes) applies to it;
	// any other Output (a file) streams without a cap, bounded by progress.
	Output io.Writer
	// Accept overrides the Accept header (default application/json).
	Accept string
	// OnResponse, when set, sees the status and headers of a 2xx answer
	// before its body is read (a download checks Content-Range or the
	// declared size there). An error it returns ends the call unretried.
	OnResponse func(status int, header http.Header) error

	// Idempotent overrides the verb rule for retries (nil: GET, PUT, DELETE
	// and HEAD are retried, POST is not).
	Idempotent *bool
	// Probe marks a connectivity probe (Client.Ping): it is sent even while
	// the circuit breaker is open, its outcome moves the breaker, and it is
	// never retried.
	Probe bool
}

// Multipart is a multipart/form-data body with one file part.
type Multipart struct {
	// Fields are plain form fields written before the file.
	Fields map[string]string
	// FieldName is the form name of the file part (e.g. "file").
	FieldName string
	// FileName is the file name sent in the part header.
	FileName string
	// ContentType of the file part; default application/octet-stream.
	ContentType string
	// File is streamed into the part.
	File io.Reader
}

// Response carries what the caller may need from a 2xx answer besides the body.
type Response struct {
	// StatusCode is the 2xx status received.
	StatusCode int
	// Header holds the response headers.
	Header http.Header
	// RequestID is the X-Request-ID sent with the call.
	RequestID string
	// Written is the number of bytes copied to Request.Output.
	Written int64
}

// Bool returns a pointer to b, for Request.Idempotent.
func Bool(b bool) *bool { return &b }
