package wats_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestNormalizeBaseURL(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  string
	}{
		{in: "https://x.wats.com", want: "https://x.wats.com"},
		{in: "https://x.wats.com/", want: "https://x.wats.com"},
		{in: "https://x.wats.com/api", want: "https://x.wats.com"},
		{in: "https://x.wats.com/api/", want: "https://x.wats.com"},
		{in: "https://x.wats.com/API/", want: "https://x.wats.com"},
		{in: "http://10.0.0.5:8080/wats/api/", want: "http://10.0.0.5:8080/wats"},
		{in: "  https://x.wats.com/  ", want: "https://x.wats.com"},
		{in: "https://x.wats.com/apiv2", want: "https://x.wats.com/apiv2"},
		{in: "x.wats.com", wantErr: "must start with http:// or https://"},
		{in: "ftp://x.wats.com", wantErr: "must start with http:// or https://"},
		{in: "", wantErr: "must start with http:// or https://"},
		{in: "https://", wantErr: "has no host"},
		{in: "https://x.wats.com/?a=1", wantErr: "must not have a query"},
		{in: "https://user:pw@x.wats.com", wantErr: "must not carry credentials"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := wats.NormalizeBaseURL(tt.in)
			if tt.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tt.wantErr)
				assert.NotContains(t, err.Error(), "pw@")
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestNewRejectsBadInput(t *testing.T) {
	_, err := wats.New("x.wats.com", "tok")
	require.Error(t, err, "a URL without scheme fails at construction")
	_, err = wats.New("https://x.wats.com", " ")
	require.ErrorContains(t, err, "token is empty")
	_, err = wats.New("https://x.wats.com", "a\nb")
	require.ErrorContains(t, err, "control character")
	for name, opt := range map[string]wats.Option{
		"retry":   wats.WithRetry(-1, 0, 0),
		"retry2":  wats.WithRetry(3, 0, 0),
		"rate":    wats.WithRateLimit(-1, 1),
		"burst":   wats.WithRateLimit(5, 0),
		"breaker": wats.WithCircuitBreaker(3, 0),
		"timeout": wats.WithTimeout(-1),
		"logger":  wats.WithLogger(nil),
		"http":    wats.WithHTTPClient(nil),
		"tls":     wats.WithTLSConfig(nil),
		"proxy":   wats.WithProxy("no-scheme"),
		"mw":      wats.WithMiddleware(nil),
		"ttl":     wats.WithProcessCacheTTL(0),
		"station": wats.WithStation(""),
	} {
		_, err := wats.New("https://x.wats.com", "tok", opt)
		assert.Error(t, err, name)
	}
}

func TestNewFromEnv(t *testing.T) {
	srv := newServer(t)
	tests := []struct {
		name         string
		url, tok, st *string
		wantErr      string
		wantStation  string
	}{
		{name: "ok", url: ptr(srv.URL() + "/api/"), tok: ptr(srv.Token()), st: ptr("LINE1-EOL")},
		{name: "no url", tok: ptr("t"), wantErr: "WATS_URL is not set"},
		{name: "bad url", url: ptr("wats.local"), tok: ptr("t"), wantErr: "WATS_URL"},
		{name: "no token", url: ptr(srv.URL()), wantErr: "WATS_TOKEN is not set"},
		{name: "empty station", url: ptr(srv.URL()), tok: ptr("t"), st: ptr(""), wantErr: "WATS_STATION"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			setEnv(t, wats.EnvURL, tt.url)
			setEnv(t, wats.EnvToken, tt.tok)
			setEnv(t, wats.EnvStation, tt.st)
			c, err := wats.NewFromEnv()
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, srv.URL(), c.BaseURL())
			assert.Equal(t, "LINE1-EOL", c.Station())
			require.NoError(t, c.Ping(context.Background()))
		})
	}
}

func ptr(s string) *string { return &s }

// setEnv sets or unsets a variable for the duration of the test.
func setEnv(t *testing.T, k string, v *string) {
	t.Setenv(k, "") // registers the restore
	if v == nil {
		require.NoError(t, unsetenv(k))
		return
	}
	t.Setenv(k, *v)
}

func TestRequestHeaders(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv, wats.WithUserAgent("linetester/2.1"))
	_, err := c.ServerVersion(context.Background())
	require.NoError(t, err)
	_, err = c.Process.Internal().Processes(context.Background())
	require.NoError(t, err)

	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	h := reqs[0].Header
	assert.Regexp(t, regexp.MustCompile(`^watsgo/\d+\.\d+\.\d+ \(go[^;]+; \w+/\w+\) linetester/2\.1$`), h.Get("User-Agent"))
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, h.Get("X-Request-ID"))
	assert.NotEqual(t, h.Get("X-Request-ID"), reqs[1].Header.Get("X-Request-ID"), "each call has its own id")
	assert.Equal(t, "application/json", h.Get("Accept"))
	assert.Empty(t, h.Get("Referer"), "public routes carry no Referer")
	assert.Empty(t, h.Get("Authorization"), "the emulator's log never keeps the token")
	assert.Equal(t, srv.URL(), reqs[1].Header.Get("Referer"), "internal routes carry the base URL as Referer")
}

func TestAuthorizationHeaderIsBasicTokenVerbatim(t *testing.T) {
	var got string
	h := watstest.NewHandler()
	ts := newRecordingServer(t, func(r *http.Request) { got = r.Header.Get("Authorization") }, h)
	c, err := wats.New(ts, h.Token())
	require.NoError(t, err)
	require.NoError(t, c.Ping(context.Background()))
	assert.Equal(t, "Basic "+h.Token(), got)
}

func TestWrongTokenIsUnauthorized(t *testing.T) {
	srv := newServer(t)
	c, err := wats.New(srv.URL(), wats.BasicToken("someone", "wrong"))
	require.NoError(t, err)
	err = c.Ping(context.Background())
	require.ErrorIs(t, err, wats.ErrUnauthorized)
	assert.Len(t, srv.Requests(), 1, "401 is not retried")
}

func TestBasicToken(t *testing.T) {
	assert.Equal(t, "d2F0c3Rlc3Q6c2VjcmV0", wats.BasicToken("watstest", "secret"))
	assert.Equal(t, watstest.DefaultToken, wats.BasicToken("watstest", "secret"))
}

func TestTwoClientsShareNothing(t *testing.T) {
	a, b := newServer(t), newServer(t)
	ca := newClient(t, a, wats.WithCircuitBreaker(1, time.Hour), wats.WithRetry(0, 0, 0))
	cb := newClient(t, b)
	a.FailNext(1, http.StatusServiceUnavailable)
	require.Error(t, ca.Ping(context.Background()))
	assert.Equal(t, wats.StatusOffline, ca.Status())
	assert.Equal(t, wats.StatusOnline, cb.Status())
	require.NoError(t, cb.Ping(context.Background()))
}

func TestCloseKeepsClientUsable(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv)
	require.NoError(t, c.Ping(context.Background()))
	c.Close()
	require.NoError(t, c.Ping(context.Background()))
}

func TestBaseURLErrorsNeverRepeatCredentials(t *testing.T) {
	for _, in := range []string{"user:pw@host", "ftp://user:pw@host", "https://user:pw@host"} {
		_, err := wats.NormalizeBaseURL(in)
		require.Error(t, err, in)
		assert.NotContains(t, err.Error(), "pw", in)
	}
}

func TestBaseURLWithPathPrefix(t *testing.T) {
	// A WATS server behind a reverse proxy under /wats: every route must be
	// sent below the prefix, never as an absolute /api path.
	emu := watstest.NewHandler()
	ts := httptest.NewServer(http.StripPrefix("/wats", emu))
	t.Cleanup(ts.Close)
	c, err := wats.New(ts.URL+"/wats/api/", emu.Token())
	require.NoError(t, err)
	assert.Equal(t, ts.URL+"/wats", c.BaseURL())
	require.NoError(t, c.Ping(context.Background()))
	_, err = c.Process.Internal().Processes(context.Background())
	require.NoError(t, err)
	assert.Equal(t, ts.URL+"/wats", emu.Requests()[1].Header.Get("Referer"))
}
