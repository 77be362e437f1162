package watstest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// DefaultToken is the token the emulator accepts unless WithToken says otherwise.
const DefaultToken = "d2F0c3Rlc3Q6c2VjcmV0" // base64("watstest:secret")

// Emulator is the in-memory WATS server as an http.Handler. It is safe for
// concurrent use. Each domain keeps its own state and lock in its own file.
type Emulator struct {
	token string
	now   func() time.Time

	router *router
	faults *faultSet
	log    *requestLog

	contract *contractState

	app        *appState
	processes  *processState
	reports    *reportState
	products   *productState
	assets     *assetState
	production *productionState
	rootcause  *rootCauseState
	software   *softwareState
	alarmLogs  *alarmState

	mu      sync.Mutex // guards seeding errors
	seedErr []error
}

// Option configures an Emulator.
type Option func(*Emulator)

// WithToken sets the token the emulator accepts ("Authorization: Basic <token>").
func WithToken(token string) Option { return func(e *Emulator) { e.token = token } }

// WithClock replaces the emulator's clock (default time.Now), for
// deterministic timestamps in tests.
func WithClock(now func() time.Time) Option { return func(e *Emulator) { e.now = now } }

// NewHandler returns the emulator as an http.Handler, without a listener.
func NewHandler(opts ...Option) *Emulator {
	e := &Emulator{
		token:  DefaultToken,
		now:    time.Now,
		router: &router{},
		faults: &faultSet{},
		log:    &requestLog{},

		contract: newContractState(),
	}
	e.app = newAppState()
	e.processes = newProcessState()
	e.reports = newReportState()
	e.products = newProductState()
	e.assets = newAssetState()
	e.production = newProductionState()
	e.rootcause = newRootCauseState()
	e.software = newSoftwareState()
	e.alarmLogs = newAlarmState()

	e.installApp()
	e.installProcess()
	e.installReport()
	e.installProduct()
	e.installAsset()
	e.installProduction()
	e.installRootCause()
	e.installSoftware()
	e.installAnalytics()

	for _, o := range opts {
		o(e)
	}
	return e
}

// Token returns the token the emulator accepts.
func (e *Emulator) Token() string { return e.token }

// handle registers an endpoint. Domain files call it from their install method.
func (e *Emulator) handle(method, pattern string, h HandlerFunc) {
	e.router.add(method, pattern, h)
}

// ServeHTTP authenticates, logs, applies injected faults and routes.
func (e *Emulator) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	cw := &countingWriter{ResponseWriter: w}
	cb := &countingBody{ReadCloser: r.Body}
	r.Body = cb
	ticket := e.log.begin(r)
	defer func() { e.log.finish(ticket, cw.status, time.Since(start), cb.size(r)) }()

	if e.faults.apply(cw, r) {
		return
	}
	if r.Header.Get("Authorization") != "Basic "+e.token {
		writeError(cw, http.StatusUnauthorized, "Authorization has been denied for this request.")
		return
	}
	if e.contract.mode != Off {
		e.serveContract(cw, r)
		return
	}
	h, params, pathSeen := e.router.match(r.Method, r.URL.EscapedPath())
	if h == nil {
		if pathSeen {
			writeError(cw, http.StatusMethodNotAllowed, "The requested resource does not support http method '%s'.", r.Method)
			return
		}
		writeError(cw, http.StatusNotFound, "No HTTP resource was found that matches the request URI '%s'.", r.URL.Path)
		return
	}
	if strings.HasPrefix(strings.ToLower(r.URL.Path), "/api/internal/") && r.Header.Get("Referer") == "" {
		// The real server's internal routes expect the web frontend's Referer;
		// refusing without it keeps clients honest.
		writeError(cw, http.StatusBadRequest, "internal API requires a Referer header")
		return
	}
	h(cw, r, params)
}

// Server is an Emulator listening on a loopback port.
type Server struct {
	*Emulator
	ts *httptest.Server
}

// NewServer starts an emulator on 127.0.0.1 with a random port. Close it when done.
func NewServer(opts ...Option) *Server {
	e := NewHandler(opts...)
	return &Server{Emulator: e, ts: httptest.NewServer(e)}
}

// URL returns the server root, e.g. "http://127.0.0.1:41234".
func (s *Server) URL() string { return s.ts.URL }

// Close shuts the listener down and ends open connections.
func (s *Server) Close() {
	s.faults.releaseHangs()
	s.ts.CloseClientConnections()
	s.ts.Close()
}

// CloseClientConnections drops every open client connection at once.
func (s *Server) CloseClientConnections() { s.ts.CloseClientConnections() }

// countingWriter records the status written, for the request log.
type countingWriter struct {
	http.ResponseWriter
	status int
}

// WriteHeader records the first status.
func (c *countingWriter) WriteHeader(code int) {
	if c.status == 0 {
		c.status = code
	}
	c.ResponseWriter.WriteHeader(code)
}

// Write records an implicit 200.
func (c *countingWriter) Write(b []byte) (int, error) {
	if c.status == 0 {
		c.status = http.StatusOK
	}
	return c.ResponseWriter.Write(b)
}

// Flush passes through so streamed answers reach the client.
func (c *countingWriter) Flush() {
	_ = http.NewResponseController(c.ResponseWriter).Flush()
}

// Unwrap lets http.ResponseController reach the underlying writer (hijack for resets).
func (c *countingWriter) Unwrap() http.ResponseWriter { return c.ResponseWriter }

// countingBody counts the request body bytes a handler reads.
type countingBody struct {
	io.ReadCloser
	n int64
}

// Read counts the bytes read.
func (c *countingBody) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	c.n += int64(n)
	return n, err
}

// size is what was read, or the declared length when nothing was read.
func (c *countingBody) size(r *http.Request) int64 {
	if c.n == 0 && r.ContentLength > 0 {
		return r.ContentLength
	}
	return c.n
}
