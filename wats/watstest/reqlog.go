package watstest

import (
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// LoggedRequest is one request the emulator received. The Authorization
// header is never kept.
type LoggedRequest struct {
	// Method is the HTTP verb.
	Method string
	// Path is the unescaped path, RawPath the path as sent (escaped).
	Path, RawPath string
	// Query is the raw query string as sent.
	Query string
	// Header holds the request headers without Authorization.
	Header http.Header
	// BodySize is the number of body bytes received.
	BodySize int64
	// Status is the status answered (0 when the connection was dropped or
	// the request is still in flight).
	Status int
	// Duration is how long the emulator took, injected latency included.
	Duration time.Duration
	// At is when the request finished (when it arrived, while in flight).
	At time.Time
}

// QueryValues parses Query; '+' and %20 both decode to a space.
func (lr LoggedRequest) QueryValues() url.Values {
	v, _ := url.ParseQuery(lr.Query)
	return v
}

// RequestsTo returns the logged requests with this method ("" for any) whose
// path starts with prefix, compared case-insensitively.
func (e *Emulator) RequestsTo(method, prefix string) []LoggedRequest {
	var out []LoggedRequest
	for _, r := range e.Requests() {
		if (method == "" || strings.EqualFold(method, r.Method)) && len(r.Path) >= len(prefix) && strings.EqualFold(r.Path[:len(prefix)], prefix) {
			out = append(out, r)
		}
	}
	return out
}

type requestLog struct {
	mu    sync.Mutex
	reqs  []LoggedRequest
	base  int // sequence number of reqs[0]: entries dropped so far
	limit int // entries kept at most (0: DefaultRequestLogLimit)
	gen   int // bumped by ResetRequests so late finishes do not touch new entries
	hook  func(LoggedRequest)
}

// DefaultRequestLogLimit is how many requests the log keeps by default: a
// long-running emulator (examples/emulator serving a station for days) must
// not grow without bound.
const DefaultRequestLogLimit = 10000

// WithRequestLogLimit keeps only the newest n requests in the log (Requests,
// the admin API); older ones are dropped. n <= 0 keeps DefaultRequestLogLimit.
func WithRequestLogLimit(n int) Option {
	return func(e *Emulator) { e.log.limit = n }
}

// WithRequestHook calls fn with every request once it is answered (or its
// connection dropped), for example to print a request log. fn runs on the
// request's goroutine and must be safe for concurrent use.
func WithRequestHook(fn func(LoggedRequest)) Option {
	return func(e *Emulator) { e.log.hook = fn }
}

// logTicket lets a request fill in its outcome once it is known.
type logTicket struct{ seq, gen int }

// begin records r as soon as it arrives, so a client that sees its
// connection dropped (Reset, Truncate) already finds it in the log.
func (l *requestLog) begin(r *http.Request) logTicket {
	h := r.Header.Clone()
	h.Del("Authorization")
	lr := LoggedRequest{
		Method: r.Method, Path: r.URL.Path, RawPath: r.URL.EscapedPath(), Query: r.URL.RawQuery,
		Header: h, BodySize: r.ContentLength, At: time.Now(),
	}
	if lr.BodySize < 0 {
		lr.BodySize = 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reqs = append(l.reqs, lr)
	t := logTicket{seq: l.base + len(l.reqs) - 1, gen: l.gen}
	limit := l.limit
	if limit <= 0 {
		limit = DefaultRequestLogLimit
	}
	if len(l.reqs) >= 2*limit {
		// Drop the oldest half at once: amortised O(1) per request.
		drop := len(l.reqs) - limit
		l.reqs = append(l.reqs[:0:0], l.reqs[drop:]...)
		l.base += drop
	}
	return t
}

// finish fills in the outcome of the request behind t.
func (l *requestLog) finish(t logTicket, status int, d time.Duration, bodySize int64) {
	l.mu.Lock()
	idx := t.seq - l.base
	if t.gen != l.gen || idx < 0 || idx >= len(l.reqs) {
		l.mu.Unlock()
		return
	}
	lr := &l.reqs[idx]
	lr.Status, lr.Duration, lr.BodySize, lr.At = status, d, bodySize, time.Now()
	done := *lr
	l.mu.Unlock()
	if l.hook != nil {
		l.hook(done)
	}
}

// Requests returns a copy of the requests received so far, oldest first:
// all of them, or the newest ones when more arrived than the log keeps
// (WithRequestLogLimit; between the limit and twice the limit are kept).
func (e *Emulator) Requests() []LoggedRequest {
	e.log.mu.Lock()
	defer e.log.mu.Unlock()
	return append([]LoggedRequest(nil), e.log.reqs...)
}

// ResetRequests forgets the request log.
func (e *Emulator) ResetRequests() {
	e.log.mu.Lock()
	e.log.reqs = nil
	e.log.base = 0
	e.log.gen++
	e.log.mu.Unlock()
}
