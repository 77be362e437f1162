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
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/wats/watstest"
)

func get(t *testing.T, url, token string) (int, string) {
	t.Helper()
	return do(t, http.MethodGet, url, token, "", "")
}

// The command serves the seeded emulator to any HTTP client, logs each
// request without the token, and stops cleanly when its context ends.
func TestServeSeededAndStop(t *testing.T) {
	dir := t.TempDir()
	seed, err := os.ReadFile("../../report/testdata/uut-server-export.json")
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.json"), seed, 0o600))

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	var logs bytes.Buffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, ln, config{token: "tok3n", reportGlob: filepath.Join(dir, "*.json")}, slog.New(slog.NewTextHandler(&syncWriter{w: &logs}, nil)))
	}()
	base := "http://" + ln.Addr().String()

	code, body := get(t, base+"/api/App/Version", "tok3n")
	assert.Equal(t, http.StatusOK, code)
	assert.Contains(t, body, watstest.ServerVersion)
	code, _ = get(t, base+"/api/App/Version", "wrong")
	assert.Equal(t, http.StatusUnauthorized, code)
	code, body = get(t, base+"/api/Report/Wsjf/33a2d408-3fc8-480b-b554-6866c77fd91c", "tok3n")
	assert.Equal(t, http.StatusOK, code, "the seeded report is served")
	assert.Contains(t, body, "FATTest-325")

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(10 * time.Second):
		t.Fatal("the emulator did not stop")
	}
	out := logs.String()
	assert.Contains(t, out, "path=/api/App/Version")
	assert.NotContains(t, out, "tok3n", "the token never reaches the log")
}

func TestBadSeedIsAnError(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.json"), []byte(`{"type":"X"}`), 0o600))
	tests := []struct {
		name string
		cfg  config
	}{
		{"glob without match", config{token: "t", reportGlob: filepath.Join(dir, "*.none")}},
		{"refused report", config{token: "t", reportGlob: filepath.Join(dir, "bad.json")}},
		{"missing process file", config{token: "t", procFile: filepath.Join(dir, "nope.json")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			require.NoError(t, err)
			err = run(context.Background(), ln, tc.cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
			assert.Error(t, err)
		})
	}
}
