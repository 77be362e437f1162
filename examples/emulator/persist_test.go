package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// start runs the command on a random port and returns its URL and a stop
// function that waits for it to end.
func start(t *testing.T, cfg config, banner io.Writer) (string, func()) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	cfg.out = banner
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- run(ctx, ln, cfg, slog.New(slog.NewTextHandler(io.Discard, nil))) }()
	stop := func() {
		cancel()
		select {
		case err := <-done:
			require.NoError(t, err)
		case <-time.After(10 * time.Second):
			t.Fatal("the emulator did not stop")
		}
	}
	return "http://" + ln.Addr().String(), stop
}

func do(t *testing.T, method, url, token, ct, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Basic "+token)
	if ct != "" {
		req.Header.Set("Content-Type", ct)
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// With -data, a report submitted before a restart is served after it.
func TestDataSurvivesRestart(t *testing.T) {
	dir := t.TempDir()
	report, err := os.ReadFile("../../report/testdata/uut-server-export.json")
	require.NoError(t, err)
	const id = "33a2d408-3fc8-480b-b554-6866c77fd91c"
	cfg := config{token: "tok", dataDir: dir, contract: "strict"}

	base, stop := start(t, cfg, io.Discard)
	code, body := do(t, "POST", base+"/api/Report/WSJF", "tok", "application/json", string(report))
	require.Equal(t, http.StatusOK, code, body)
	code, _ = do(t, "POST", base+"/api/Report/WSJF", "tok", "application/json", `{"type":"X"}`)
	assert.NotEqual(t, http.StatusOK, code)
	stop()

	files, err := filepath.Glob(filepath.Join(dir, "*"))
	require.NoError(t, err)
	require.Equal(t, []string{filepath.Join(dir, "wsjf-"+id+".json")}, files, "only the accepted report is kept")

	base, stop = start(t, cfg, io.Discard)
	defer stop()
	code, body = do(t, "GET", base+"/api/Report/Wsjf/"+id, "tok", "", "")
	require.Equal(t, http.StatusOK, code, body)
	assert.Contains(t, body, "FATTest-325")
	code, body = do(t, "GET", base+"/_watstest/requests", "tok", "", "")
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, 1, strings.Count(body, `"Method"`), "restoring leaves the request log empty")
}

// The banner names URL, token and admin URL; the admin API controls faults.
func TestBannerAndAdmin(t *testing.T) {
	var banner bytes.Buffer
	base, stop := start(t, config{token: "s3cret", contract: "lenient"}, &syncWriter{w: &banner})
	defer stop()
	code, body := do(t, "POST", base+"/_watstest/faults", "s3cret", "application/json", `{"Path":"/api/App/Version","Status":503,"Times":1}`)
	require.Equal(t, http.StatusNoContent, code, body)
	code, _ = do(t, "GET", base+"/api/App/Version", "s3cret", "", "")
	assert.Equal(t, http.StatusServiceUnavailable, code)
	code, _ = do(t, "GET", base+"/api/App/Version?unknown=1", "s3cret", "", "")
	assert.Equal(t, http.StatusOK, code, "lenient ignores an undeclared parameter")
	code, _ = do(t, "GET", base+"/_watstest/contract", "wrong", "", "")
	assert.Equal(t, http.StatusUnauthorized, code)
	code, body = do(t, "GET", base+"/_watstest/contract", "s3cret", "", "")
	assert.Equal(t, http.StatusOK, code)
	assert.Contains(t, body, `"Mode":"lenient"`)

	out := banner.String()
	assert.Contains(t, out, base)
	assert.Contains(t, out, "s3cret")
	assert.Contains(t, out, base+"/_watstest/")
	assert.Contains(t, out, "lenient")
}

func TestBadContractFlag(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	err = run(context.Background(), ln, config{token: "t", contract: "loose"}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	assert.ErrorContains(t, err, "loose")
}
