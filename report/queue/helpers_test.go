package queue

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
	"github.com/watsgo/sdk/report"
)

// newID returns a random GUID in the WATS form.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// reportJSON builds a UUT report in the WSJF shape of the fixtures with
// the given number of numeric-limit steps under the root sequence.
func reportJSON(id string, steps int) []byte {
	type meas struct {
		Status   string  `json:"status"`
		Value    float64 `json:"value"`
		Unit     string  `json:"unit"`
		CompOp   string  `json:"compOp"`
		LowLimit float64 `json:"lowLimit"`
		HighLim  float64 `json:"highLimit"`
	}
	type step struct {
		StepType  string `json:"stepType"`
		Name      string `json:"name"`
		Group     string `json:"group"`
		Status    string `json:"status"`
		ID        int    `json:"id"`
		ErrorCode int    `json:"errorCode"`
		Start     string `json:"start"`
		TotTime   float64
		TsGUID    string `json:"tsGuid"`
		Meas      []meas `json:"numericMeas"`
	}
	var ss []step
	for i := 0; i < steps; i++ {
		ss = append(ss, step{
			StepType: "ET_NLT", Name: fmt.Sprintf("Measure rail %d voltage", i), Group: "M", Status: "P",
			ID: i + 2, Start: "2024-04-15T02:49:41.38+00:00", TotTime: 0.2132184,
			TsGUID: "ID#:Ogudd5mn0k6O7APi0duoiD",
			Meas:   []meas{{Status: "P", Value: 3.2901 + float64(i)/100, Unit: "Vdc", CompOp: "GELE", LowLimit: 3.1, HighLim: 3.5}},
		})
	}
	doc := map[string]any{
		"id": id, "type": "T", "pn": "4494394418", "sn": "SN-" + id[:8], "rev": "03",
		"processCode": 50, "result": "P", "machineName": "STATION-01", "location": "Line 3",
		"purpose": "Production", "start": "2026-04-18T00:58:36.696072Z",
		"uut": map[string]any{"user": "te85", "execTime": 148.9, "fixtureId": "F-84"},
		"root": map[string]any{"stepType": "WATS_SeqCall", "name": "MainSequence Callback", "group": "M", "status": "P", "id": 1,
			"seqCall": map[string]any{"path": `C:\\Seq\\Main.seq`, "name": "MainSequence Callback", "version": "1.0.0"}, "steps": ss},
	}
	b, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	return b
}

func newReport(t testing.TB, id string, steps int) *report.Report {
	t.Helper()
	r, err := report.Parse(reportJSON(id, steps))
	require.NoError(t, err)
	return r
}

// fakeSubmitter records every upload and answers with result(id, n), n
// being the 1-based attempt number for that id.
type fakeSubmitter struct {
	mu     sync.Mutex
	calls  map[string]int
	order  []string
	result func(id string, n int) error
}

func newFake(result func(id string, n int) error) *fakeSubmitter {
	return &fakeSubmitter{calls: map[string]int{}, result: result}
}

func (f *fakeSubmitter) Submit(ctx context.Context, r *report.Report) (string, error) {
	f.mu.Lock()
	f.calls[r.ID()]++
	n := f.calls[r.ID()]
	f.order = append(f.order, r.ID())
	res := f.result
	f.mu.Unlock()
	if res != nil {
		if err := res(r.ID(), n); err != nil {
			return "", err
		}
	}
	return r.ID(), nil
}

func (f *fakeSubmitter) count(id string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[id]
}

func (f *fakeSubmitter) total() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.order)
}

func apiErr(status int, msg string) error {
	return &errs.APIError{Op: "report.Submit", Method: "POST", Route: "/api/Report/WSJF", StatusCode: status, Message: msg}
}

// reportServer is a minimal stand-in for the emulator's report store
// (POST /api/Report/WSJF, de-duplicating by id) with switchable faults. It
// counts every delivery so tests can tell "stored once" from "posted once".
type reportServer struct {
	srv    *httptest.Server
	mu     sync.Mutex
	stored map[string]int // id -> deliveries
	hang   chan struct{}

	mode atomic.Int32 // serverMode
}

type serverMode int32

const (
	modeUp serverMode = iota
	mode503
	modeReset
	modeHang
	modeFlaky // every third POST gets a 503 or a reset
)

func newReportServer(t testing.TB) *reportServer {
	s := &reportServer{stored: map[string]int{}, hang: make(chan struct{})}
	var n atomic.Int64
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || !strings.EqualFold(r.URL.Path, "/api/Report/WSJF") {
			http.NotFound(w, r)
			return
		}
		mode := serverMode(s.mode.Load())
		if mode == modeFlaky {
			switch n.Add(1) % 6 {
			case 1:
				mode = mode503
			case 4:
				mode = modeReset
			}
		}
		switch mode {
		case mode503:
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"Message":"maintenance"}`))
			return
		case modeReset:
			conn, _, err := http.NewResponseController(w).Hijack()
			if err == nil {
				_ = conn.Close()
			}
			return
		case modeHang:
			s.mu.Lock()
			hang := s.hang
			s.mu.Unlock()
			select {
			case <-r.Context().Done():
			case <-hang:
			}
			// Released: drop the connection rather than answer 200.
			if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
				_ = conn.Close()
			}
			return
		}
		var doc struct {
			ID string `json:"id"`
			SN string `json:"sn"`
		}
		if err := json.NewDecoder(r.Body).Decode(&doc); err != nil || doc.ID == "" || doc.SN == "" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"Message":"invalid report"}`))
			return
		}
		s.mu.Lock()
		s.stored[strings.ToLower(doc.ID)]++
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = fmt.Fprintf(w, `{"ID":%q}`, doc.ID)
	}))
	t.Cleanup(func() {
		s.setMode(modeUp)
		s.srv.CloseClientConnections()
		s.srv.Close()
	})
	return s
}

func (s *reportServer) setMode(m serverMode) {
	old := serverMode(s.mode.Swap(int32(m)))
	if old == modeHang && m != modeHang {
		s.mu.Lock()
		close(s.hang)
		s.hang = make(chan struct{})
		s.mu.Unlock()
	}
}

func (s *reportServer) deliveries() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.stored))
	for k, v := range s.stored {
		out[k] = v
	}
	return out
}

// httpSubmitter posts WSJF through the SDK transport, so errors arrive as
// the real *errs.APIError / *errs.TransportError.
type httpSubmitter struct{ t transport.Doer }

func newHTTPSubmitter(baseURL string) httpSubmitter {
	return httpSubmitter{t: transport.New(transport.Config{BaseURL: baseURL, Token: "dGVzdA==", UserAgent: "queue-test"})}
}

func (s httpSubmitter) Submit(ctx context.Context, r *report.Report) (string, error) {
	var out struct {
		ID string `json:"ID"`
	}
	_, err := s.t.Do(ctx, &transport.Request{Op: "report.Submit", Method: http.MethodPost, Route: "/api/Report/WSJF", JSON: r, Result: &out})
	return out.ID, err
}

// files lists the names in dir (not recursive), sorted.
func files(t testing.TB, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, de := range des {
		out = append(out, de.Name())
	}
	sort.Strings(out)
	return out
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t testing.TB, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %v waiting for %s", d, what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// drained reports whether no pending or sending entry is left.
func drained(q *Queue) bool {
	s, err := q.Stats()
	return err == nil && s.Pending == 0 && s.Sending == 0
}

// runQueue starts Run in the background and returns a stop function that
// cancels it and waits for it to return.
func runQueue(t testing.TB, q *Queue) (stop func()) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- q.Run(ctx) }()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			cancel()
			select {
			case err := <-done:
				require.NoError(t, err)
			case <-time.After(10 * time.Second):
				t.Fatal("Run did not stop within 10s of cancellation")
			}
		})
	}
	t.Cleanup(stop)
	return stop
}

// fastOpts are timings that make tests quick.
func fastOpts() []Option {
	return []Option{
		WithBackoff(time.Millisecond, 20*time.Millisecond),
		WithPollInterval(20 * time.Millisecond),
		WithAttemptTimeout(2 * time.Second),
		WithStopGrace(50 * time.Millisecond),
	}
}

func mustOpen(t testing.TB, dir string, sub Submitter, opts ...Option) *Queue {
	t.Helper()
	q, err := Open(dir, sub, append(fastOpts(), opts...)...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = q.Close() })
	return q
}

// faultFS wraps the real file system and fails chosen operations, standing
// in for a full disk or a read-only mount.
type faultFS struct {
	osFS
	mu sync.Mutex
	// createErr fails CreateTemp (read-only folder).
	createErr error
	// writeErr fails Write after half the data was written (disk full).
	writeErr error
	// renameErr fails Rename.
	renameErr error
	// readErr fails ReadFile of names it returns true for (EIO, EACCES).
	readErr func(name string) error
}

func (f *faultFS) ReadFile(name string) ([]byte, error) {
	f.mu.Lock()
	fn := f.readErr
	f.mu.Unlock()
	if fn != nil {
		if err := fn(name); err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
	}
	return f.osFS.ReadFile(name)
}

func (f *faultFS) set(fn func(*faultFS)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f)
}

func (f *faultFS) CreateTemp(dir, pattern string) (writeFile, error) {
	f.mu.Lock()
	cerr, werr := f.createErr, f.writeErr
	f.mu.Unlock()
	if cerr != nil {
		return nil, &fs.PathError{Op: "open", Path: filepath.Join(dir, pattern), Err: cerr}
	}
	w, err := f.osFS.CreateTemp(dir, pattern)
	if err != nil || werr == nil {
		return w, err
	}
	return &fullFile{writeFile: w, err: werr}, nil
}

func (f *faultFS) Rename(oldpath, newpath string) error {
	f.mu.Lock()
	rerr := f.renameErr
	f.mu.Unlock()
	if rerr != nil {
		return &os.LinkError{Op: "rename", Old: oldpath, New: newpath, Err: rerr}
	}
	return f.osFS.Rename(oldpath, newpath)
}

// fullFile writes half of what it is given, then fails like a full disk.
type fullFile struct {
	writeFile
	err error
}

func (f *fullFile) Write(p []byte) (int, error) {
	n, _ := f.writeFile.Write(p[:len(p)/2])
	return n, &fs.PathError{Op: "write", Path: f.Name(), Err: f.err}
}
