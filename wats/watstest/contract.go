package watstest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/watsgo/sdk/internal/contract"
)

// ContractMode says how the emulator holds requests and answers to the WATS
// server's own API documents.
type ContractMode int

const (
	// Strict answers what the documents do not describe as the server
	// would refuse it, and more: unknown route 404, wrong verb 405; an
	// undeclared or missing required query parameter, a value of the wrong
	// type or format, a body member the schema lacks or a read-only member
	// 400. Every 2xx answer of the emulator is checked against the
	// documented answer schema; one that breaks it is replaced by a 500.
	Strict ContractMode = iota
	// Lenient ignores what the server ignores (undeclared query parameters,
	// unknown and read-only body members, undocumented enum values, numeric
	// strings for numbers) and refuses the rest as Strict does. Answers are
	// not checked.
	Lenient
	// Off switches the contract check off: the emulator's routes answer
	// whatever they are asked.
	Off
)

// String returns "strict", "lenient" or "off".
func (m ContractMode) String() string {
	switch m {
	case Strict:
		return "strict"
	case Lenient:
		return "lenient"
	case Off:
		return "off"
	}
	return fmt.Sprintf("ContractMode(%d)", int(m))
}

// ParseContractMode reads "strict", "lenient" or "off" (any case).
func ParseContractMode(s string) (ContractMode, error) {
	for _, m := range []ContractMode{Strict, Lenient, Off} {
		if strings.EqualFold(s, m.String()) {
			return m, nil
		}
	}
	return 0, fmt.Errorf("watstest: contract mode %q is not strict, lenient or off", s)
}

// EnvContract names the environment variable that sets the contract mode of
// emulators created without WithContract: strict, lenient or off.
const EnvContract = "WATSTEST_CONTRACT"

// defaultContractMode applies when neither WithContract nor WATSTEST_CONTRACT
// says otherwise: the emulator holds requests and its own answers to the
// server's documents, so a test against it proves something about a real
// server.
const defaultContractMode = Strict

// WithContract sets the contract mode (default: WATSTEST_CONTRACT, else
// the package default).
func WithContract(mode ContractMode) Option { return func(e *Emulator) { e.contract.mode = mode } }

// contractModeFromEnv is the mode for an emulator without WithContract. An
// unreadable value panics: a test run that asked for a mode must get it.
func contractModeFromEnv() ContractMode {
	s, ok := os.LookupEnv(EnvContract)
	if !ok || s == "" {
		return defaultContractMode
	}
	m, err := ParseContractMode(s)
	if err != nil {
		panic(err)
	}
	return m
}

// ContractViolation is one way a request or an answer breaks the documents.
type ContractViolation struct {
	// Operation labels the documented operation, e.g.
	// "Report_GetReportAsWSJF (GET /api/Report/Wsjf/{id})".
	Operation string
	// Where is "query.name", "path.name", "body.member[0].x" or "answer...".
	Where string
	// Message says what is wrong.
	Message string
}

func (v ContractViolation) String() string { return v.Operation + ": " + v.Where + ": " + v.Message }

// ContractStats sums up what the contract check saw.
type ContractStats struct {
	// Mode is the emulator's contract mode.
	Mode ContractMode
	// Exchanges counts the requests matched to a documented operation.
	Exchanges int
	// Operations counts exchanges by operation, keyed "VERB /template" as
	// documented (e.g. "GET /api/Report/Wsjf/{id}").
	Operations map[string]int
	// RouteErrors lists requests no documented operation matches, as
	// "VERB /path -> 404" (or 405).
	RouteErrors []string
	// Refused lists the request violations answered with 400.
	Refused []ContractViolation
	// NotEmulated lists documented operations asked for that the emulator
	// does not serve (answered 501), keyed like Operations.
	NotEmulated []string
	// AnswerViolations lists the emulator's answers that broke the
	// documented schema (Strict only; each was replaced by a 500).
	AnswerViolations []ContractViolation
}

// maxRecorded bounds each list of ContractStats.
const maxRecorded = 1000

// contractState is the emulator's contract check and its statistics.
type contractState struct {
	mode   ContractMode
	router *contract.Router

	mu          sync.Mutex
	exchanges   int
	ops         map[string]int
	routeErrors []string
	refused     []ContractViolation
	notEmulated []string
	answers     []ContractViolation
}

func newContractState() *contractState {
	// contract.Default is built at first use; Extra routes are registered
	// from init functions, so they are all in by now.
	return &contractState{mode: contractModeFromEnv(), router: contract.Default(), ops: map[string]int{}}
}

// ContractMode returns the emulator's contract mode.
func (e *Emulator) ContractMode() ContractMode { return e.contract.mode }

// ContractStats returns a copy of what the contract check has seen.
func (e *Emulator) ContractStats() ContractStats {
	c := e.contract
	c.mu.Lock()
	defer c.mu.Unlock()
	s := ContractStats{
		Mode: c.mode, Exchanges: c.exchanges, Operations: make(map[string]int, len(c.ops)),
		RouteErrors: append([]string(nil), c.routeErrors...), Refused: append([]ContractViolation(nil), c.refused...),
		NotEmulated: append([]string(nil), c.notEmulated...), AnswerViolations: append([]ContractViolation(nil), c.answers...),
	}
	for k, v := range c.ops {
		s.Operations[k] = v
	}
	return s
}

func appendBounded[T any](s []T, v ...T) []T {
	if len(s) >= maxRecorded {
		return s
	}
	return append(s, v...)
}

// DocumentedOperation is one operation of the WATS server's documents.
type DocumentedOperation struct {
	// ID is the document's operationId.
	ID string
	// Method and Path are the verb and template, e.g. "GET", "/api/Report/Wsjf/{id}".
	Method, Path string
	// Internal is true for an operation only the internal document lists.
	Internal bool
}

// Key is "VERB /template", the key of ContractStats.Operations.
func (o DocumentedOperation) Key() string { return o.Method + " " + o.Path }

// DocumentedOperations lists every operation of the server's public and
// internal documents, public ones first.
func DocumentedOperations() []DocumentedOperation {
	ops := contract.Default().Operations()
	out := make([]DocumentedOperation, len(ops))
	for i, op := range ops {
		out[i] = DocumentedOperation{ID: op.ID, Method: op.Method, Path: op.Path, Internal: op.Internal}
	}
	return out
}

// checkRequest runs the request side of the contract. It returns the
// matched operation, or nil when it has answered the request itself.
func (e *Emulator) checkRequest(w http.ResponseWriter, r *http.Request) *contract.Match {
	c := e.contract
	m, err := c.router.Lookup(r.Method, r.URL.EscapedPath())
	if err != nil {
		re := err.(*contract.RouteError)
		c.mu.Lock()
		c.routeErrors = appendBounded(c.routeErrors, fmt.Sprintf("%s %s -> %d", r.Method, r.URL.EscapedPath(), re.Status))
		c.mu.Unlock()
		if re.Status == http.StatusMethodNotAllowed {
			w.Header().Set("Allow", strings.Join(re.Allow, ", "))
			writeError(w, re.Status, "The requested resource does not support http method '%s'.", r.Method)
		} else {
			writeError(w, re.Status, "No HTTP resource was found that matches the request URI '%s'.", r.URL.Path)
		}
		return nil
	}
	key := m.Op.Method + " " + m.Op.Path
	c.mu.Lock()
	c.exchanges++
	c.ops[key]++
	c.mu.Unlock()
	if m.Extra != nil {
		return m
	}
	var body []byte
	if r.Body != nil {
		body, _ = io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
	}
	mode := contract.Strict
	if c.mode == Lenient {
		mode = contract.Lenient
	}
	vs := c.router.CheckRequest(m, contract.Request{RawQuery: r.URL.RawQuery, ContentType: r.Header.Get("Content-Type"), Body: body}, mode)
	if len(vs) == 0 {
		return m
	}
	out := convertViolations(vs)
	c.mu.Lock()
	c.refused = appendBounded(c.refused, out...)
	c.mu.Unlock()
	writeError(w, http.StatusBadRequest, "watstest: the request breaks the server's documented contract of %s: %s", m.Op.Label(), joinViolations(vs))
	return nil
}

// notEmulated answers a documented operation the emulator does not serve.
func (e *Emulator) notEmulated(w http.ResponseWriter, m *contract.Match) {
	c := e.contract
	key := m.Op.Method + " " + m.Op.Path
	c.mu.Lock()
	c.notEmulated = appendBounded(c.notEmulated, key)
	c.mu.Unlock()
	writeError(w, http.StatusNotImplemented, "watstest: %s is documented but not emulated", m.Op.Label())
}

// serveChecked runs h with its answer buffered and, if it is a 2xx answer,
// checked against the documented schema before it is sent. An answer that
// breaks the schema is recorded and replaced by a 500 naming the violations.
func (e *Emulator) serveChecked(w http.ResponseWriter, r *http.Request, m *contract.Match, h func(http.ResponseWriter)) {
	bw := &bufferedWriter{header: http.Header{}}
	h(bw)
	status := bw.status
	if status == 0 {
		status = http.StatusOK
	}
	vs := e.contract.router.CheckAnswer(m, contract.Answer{Status: status, ContentType: bw.header.Get("Content-Type"), Body: bw.buf.Bytes()})
	if len(vs) > 0 {
		c := e.contract
		c.mu.Lock()
		c.answers = appendBounded(c.answers, convertViolations(vs)...)
		c.mu.Unlock()
		writeError(w, http.StatusInternalServerError, "watstest: answer of %s breaks the server's documented schema: %s", m.Op.ID, joinViolations(vs))
		return
	}
	for k, v := range bw.header {
		w.Header()[k] = v
	}
	w.WriteHeader(status)
	_, _ = w.Write(bw.buf.Bytes())
}

func convertViolations(vs []contract.Violation) []ContractViolation {
	out := make([]ContractViolation, len(vs))
	for i, v := range vs {
		out[i] = ContractViolation{Operation: v.Op, Where: v.Where, Message: v.Message}
	}
	return out
}

func joinViolations(vs []contract.Violation) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = v.Where + ": " + v.Message
	}
	sort.Strings(parts)
	return strings.Join(parts, "; ")
}

// bufferedWriter holds an answer until it has been checked.
type bufferedWriter struct {
	header http.Header
	status int
	buf    bytes.Buffer
}

// Header returns the answer's headers.
func (b *bufferedWriter) Header() http.Header { return b.header }

// WriteHeader records the first status.
func (b *bufferedWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}

// Write buffers the body.
func (b *bufferedWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.buf.Write(p)
}

// Flush does nothing: the answer is sent once checked.
func (b *bufferedWriter) Flush() {}

// serveContract serves an authenticated request through the contract check.
func (e *Emulator) serveContract(w http.ResponseWriter, r *http.Request) {
	m := e.checkRequest(w, r)
	if m == nil {
		return
	}
	h, params, _ := e.router.match(r.Method, r.URL.EscapedPath())
	if h == nil {
		e.notEmulated(w, m)
		return
	}
	if strings.HasPrefix(strings.ToLower(r.URL.Path), "/api/internal/") && r.Header.Get("Referer") == "" {
		// As in ServeHTTP without the contract: the web frontend's Referer.
		writeError(w, http.StatusBadRequest, "internal API requires a Referer header")
		return
	}
	if e.contract.mode != Strict || m.Extra != nil {
		h(w, r, params)
		return
	}
	e.serveChecked(w, r, m, func(bw http.ResponseWriter) { h(bw, r, params) })
}

// unemulated lists, as "VERB /template", the documented operations (public
// only, or internal too) for which the emulator registered no route.
func (e *Emulator) unemulated(internal bool) []string {
	var out []string
	for _, op := range e.contract.router.Operations() {
		if op.Internal && !internal {
			continue
		}
		if !e.router.serves(op.Method, op.Path) {
			out = append(out, op.Method+" "+op.Path)
		}
	}
	return out
}
