package watstest

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Fault describes a misbehaviour for the next matching requests.
type Fault struct {
	// Method limits the fault to one verb ("" matches any).
	Method string
	// Path limits the fault to paths starting with this prefix,
	// case-insensitively ("" matches any), e.g. "/api/Report".
	Path string
	// Times is how many matching requests are affected; 0 means 1, -1 means
	// until cleared.
	Times int

	// Status, when non-zero, answers with this status and Body instead of
	// serving the request. An empty Body means the emulator's usual error
	// body ({"Message": ...}) unless NoBody is set.
	Status int
	// Body is the answer's body for Status.
	Body string
	// ContentType of Body (default application/json; charset=utf-8).
	ContentType string
	// NoBody sends the status with an empty body.
	NoBody bool
	// RetryAfter, when set, is sent as the Retry-After header verbatim
	// (delta-seconds like "2" or an HTTP-date).
	RetryAfter string
	// Latency delays the answer (or the fault) by this long.
	Latency time.Duration
	// Reset closes the connection without an answer.
	Reset bool
	// Truncate sends the status line, a Content-Length larger than the
	// body, half a body, and closes the connection.
	Truncate bool
	// Hang blocks until the client gives up (or the server closes).
	Hang bool
}

type activeFault struct {
	Fault
	left int // remaining matches; -1 unlimited
}

type faultSet struct {
	mu     sync.Mutex
	faults []*activeFault
	hang   chan struct{}
}

// Inject adds a fault. Faults are matched in the order injected; the first
// matching fault with matches left applies to a request.
func (e *Emulator) Inject(f Fault) {
	n := f.Times
	if n == 0 {
		n = 1
	}
	e.faults.mu.Lock()
	e.faults.faults = append(e.faults.faults, &activeFault{Fault: f, left: n})
	e.faults.mu.Unlock()
}

// FailNext answers the next n requests (any route) with status.
func (e *Emulator) FailNext(n, status int) { e.Inject(Fault{Times: n, Status: status}) }

// ClearFaults removes every injected fault and releases hanging requests.
func (e *Emulator) ClearFaults() {
	e.faults.mu.Lock()
	e.faults.faults = nil
	e.faults.mu.Unlock()
	e.faults.releaseHangs()
}

func (fs *faultSet) take(r *http.Request) *Fault {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	for i, f := range fs.faults {
		if f.Method != "" && !strings.EqualFold(f.Method, r.Method) {
			continue
		}
		if f.Path != "" && !strings.HasPrefix(strings.ToLower(r.URL.Path), strings.ToLower(f.Path)) {
			continue
		}
		out := f.Fault
		if f.left > 0 {
			f.left--
			if f.left == 0 {
				fs.faults = append(fs.faults[:i:i], fs.faults[i+1:]...)
			}
		}
		return &out
	}
	return nil
}

func (fs *faultSet) hangChan() chan struct{} {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.hang == nil {
		fs.hang = make(chan struct{})
	}
	return fs.hang
}

func (fs *faultSet) releaseHangs() {
	fs.mu.Lock()
	if fs.hang != nil {
		close(fs.hang)
		fs.hang = nil
	}
	fs.mu.Unlock()
}

// apply performs the fault matching r, if any, and reports whether the
// request was consumed by it. A latency-only fault delays and then lets the
// request through.
func (fs *faultSet) apply(w http.ResponseWriter, r *http.Request) bool {
	f := fs.take(r)
	if f == nil {
		return false
	}
	if f.Latency > 0 {
		select {
		case <-time.After(f.Latency):
		case <-r.Context().Done():
			return true
		}
	}
	if f.RetryAfter != "" {
		w.Header().Set("Retry-After", f.RetryAfter)
	}
	switch {
	case f.Hang:
		select {
		case <-r.Context().Done():
		case <-fs.hangChan():
		}
		// A released hang must not look like success: an empty 200 would
		// tell a client its report arrived when the emulator never stored
		// it. Drop the connection, as a server that died mid-request would.
		hijackClose(w)
		return true
	case f.Reset:
		hijackClose(w)
		return true
	case f.Truncate:
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(64))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"truncated":`))
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
		hijackClose(w)
		return true
	case f.Status != 0:
		if f.Body != "" || f.NoBody {
			ct := f.ContentType
			if ct == "" {
				ct = "application/json; charset=utf-8"
			}
			if !f.NoBody {
				w.Header().Set("Content-Type", ct)
			}
			w.WriteHeader(f.Status)
			_, _ = w.Write([]byte(f.Body))
		} else {
			writeError(w, f.Status, "injected fault: %d %s", f.Status, http.StatusText(f.Status))
		}
		return true
	}
	return false
}

// hijackClose drops the connection without a proper answer.
func hijackClose(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		panic(http.ErrAbortHandler)
	}
	_ = conn.Close()
}
