package wats_test

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// fastRetry keeps retry tests quick: 3 attempts, 1 ms base, 5 ms cap.
var fastRetry = wats.WithRetry(3, time.Millisecond, 5*time.Millisecond)

// newServer starts an emulator that is closed when the test ends.
func newServer(t testing.TB, opts ...watstest.Option) *watstest.Server {
	t.Helper()
	srv := watstest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// newClient returns a client for srv with fast retries and the given options.
func newClient(t testing.TB, srv *watstest.Server, opts ...wats.Option) *wats.Client {
	t.Helper()
	c, err := wats.New(srv.URL(), srv.Token(), append([]wats.Option{fastRetry}, opts...)...)
	require.NoError(t, err)
	return c
}

// logBuffer is a goroutine-safe sink for a JSON slog handler.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

func (l *logBuffer) logger() *slog.Logger {
	return slog.New(slog.NewJSONHandler(l, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func unsetenv(k string) error { return os.Unsetenv(k) }

// newRecordingServer serves h on a plain httptest server and calls see with
// every request first (headers the emulator's log hides, like Authorization).
func newRecordingServer(t testing.TB, see func(*http.Request), h http.Handler) string {
	t.Helper()
	var mu sync.Mutex
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		see(r)
		mu.Unlock()
		h.ServeHTTP(w, r)
	}))
	t.Cleanup(ts.Close)
	return ts.URL
}

// decodeRecord parses one JSON log line.
func decodeRecord(t testing.TB, line string) map[string]any {
	t.Helper()
	var rec map[string]any
	require.NoError(t, json.Unmarshal([]byte(line), &rec), line)
	return rec
}
