package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pyClient is a third-party client the way pyWATS talks to a server: plain
// HTTP with the Basic token, JSON documents built by hand, the documented
// routes. Nothing of the Go SDK is involved.
type pyClient struct {
	t     *testing.T
	base  string
	token string
}

func (c pyClient) do(method, path string, query url.Values, body []byte) (int, []byte) {
	c.t.Helper()
	u := c.base + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	req, err := http.NewRequest(method, u, bytes.NewReader(body))
	require.NoError(c.t, err)
	req.Header.Set("Authorization", "Basic "+c.token)
	req.Header.Set("Accept", "application/json")
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(c.t, err)
	return resp.StatusCode, b
}

func (c pyClient) json(method, path string, query url.Values, body []byte, out any) {
	c.t.Helper()
	code, b := c.do(method, path, query, body)
	require.Equal(c.t, http.StatusOK, code, "%s %s: %s", method, path, b)
	if out != nil {
		require.NoError(c.t, json.Unmarshal(b, out), "%s %s: %s", method, path, b)
	}
}

// TestThirdPartyClient runs a station's everyday calls, as a pyWATS-style
// client makes them, against the command's emulator in its default
// (strict) contract mode.
func TestThirdPartyClient(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, ln, config{token: "cHk6c2VjcmV0", out: io.Discard}, slog.New(slog.NewTextHandler(io.Discard, nil)))
	}()
	defer func() {
		cancel()
		require.NoError(t, <-done)
	}()
	c := pyClient{t: t, base: "http://" + ln.Addr().String(), token: "cHk6c2VjcmV0"}

	var version string
	c.json("GET", "/api/App/Version", nil, nil, &version)
	assert.NotEmpty(t, version)

	var procs []map[string]any
	c.json("GET", "/api/App/Processes", nil, nil, &procs)
	codes := map[float64]bool{}
	for _, p := range procs {
		codes[p["code"].(float64)] = true
	}
	assert.True(t, codes[10] && codes[500], "test operation 10 and repair operation 500 are listed")

	uut, err := os.ReadFile("../../report/testdata/uut-server-export.json")
	require.NoError(t, err)
	var res map[string]any
	c.json("POST", "/api/Report/WSJF", nil, uut, &res)
	assert.Equal(t, "33a2d408-3fc8-480b-b554-6866c77fd91c", res["ID"])

	var loaded map[string]any
	c.json("GET", "/api/Report/Wsjf/33a2d408-3fc8-480b-b554-6866c77fd91c", nil, nil, &loaded)
	assert.Equal(t, "FATTest-325", loaded["sn"])

	uur, err := os.ReadFile("../../report/testdata/uur-server-export.json")
	require.NoError(t, err)
	c.json("POST", "/api/Report/WSJF", nil, uur, &res)
	assert.Equal(t, "83ac0b8e-b575-4004-94de-f905774c3ed8", res["ID"])

	var headers []map[string]any
	c.json("GET", "/api/Report/Query/Header", url.Values{"$filter": {"serialNumber eq 'FATTest-325'"}}, nil, &headers)
	require.Len(t, headers, 1)
	assert.Equal(t, "33a2d408-3fc8-480b-b554-6866c77fd91c", headers[0]["uuid"])

	var product map[string]any
	c.json("GET", "/api/Product/FATPartNo", nil, nil, &product)
	assert.Equal(t, "FATPartNo", product["partNumber"], "a submitted report creates its product")

	var assets []map[string]any
	c.json("GET", "/api/Asset", url.Values{"$top": {"10"}}, nil, &assets)

	var verification map[string]any
	c.json("GET", "/api/Production/UnitVerification", url.Values{"serialNumber": {"FATTest-325"}, "partNumber": {"FATPartNo"}}, nil, &verification)
	assert.NotEmpty(t, verification)

	code, body := c.do("GET", "/api/Report/Query/Header", url.Values{"reportType": {"U"}}, nil)
	assert.Equal(t, http.StatusBadRequest, code, "a parameter the server does not declare is refused: %s", body)
}
