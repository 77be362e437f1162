package watstest

import (
	"net/http"
	"sync"
	"time"
)

// LoggedRequest is one request the emulator received. The Authorization
// header is never kept.
type LoggedRequest struct {
	Method   string
	Path     string // unescaped path
	RawPath  string // path as sent, escaped
	Query    string // raw query string as sent
	Header   http.Header
	BodySize int64
	Status   int
	Duration time.Duration
	At       time.Time
}

type requestLog struct {
	mu   sync.Mutex
	reqs []LoggedRequest
}

func (l *requestLog) add(r *http.Request, status int, d time.Duration) {
	h := r.Header.Clone()
	h.Del("Authorization")
	lr := LoggedRequest{
		Method: r.Method, Path: r.URL.Path, RawPath: r.URL.EscapedPath(), Query: r.URL.RawQuery,
		Header: h, BodySize: r.ContentLength, Status: status, Duration: d, At: time.Now(),
	}
	l.mu.Lock()
	l.reqs = append(l.reqs, lr)
	l.mu.Unlock()
}

// Requests returns a copy of every request received so far, oldest first.
func (e *Emulator) Requests() []LoggedRequest {
	e.log.mu.Lock()
	defer e.log.mu.Unlock()
	return append([]LoggedRequest(nil), e.log.reqs...)
}

// ResetRequests forgets the request log.
func (e *Emulator) ResetRequests() {
	e.log.mu.Lock()
	e.log.reqs = nil
	e.log.mu.Unlock()
}
