package wats_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestWithTLSConfigCustomCA(t *testing.T) {
	emu := watstest.NewHandler()
	ts := httptest.NewTLSServer(emu)
	t.Cleanup(ts.Close)

	plain, err := wats.New(ts.URL, emu.Token(), wats.WithRetry(0, 0, 0))
	require.NoError(t, err)
	err = plain.Ping(context.Background())
	var te *wats.TransportError
	require.ErrorAs(t, err, &te, "an unknown CA is refused")

	pool := x509.NewCertPool()
	pool.AddCert(ts.Certificate())
	c, err := wats.New(ts.URL, emu.Token(), wats.WithTLSConfig(&tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}))
	require.NoError(t, err)
	require.NoError(t, c.Ping(context.Background()))
}

func TestWithProxy(t *testing.T) {
	emu := watstest.NewHandler()
	var mu sync.Mutex
	var proxied []string
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		proxied = append(proxied, r.URL.String()) // absolute-form target
		mu.Unlock()
		emu.ServeHTTP(w, r)
	}))
	t.Cleanup(proxy.Close)

	c, err := wats.New("http://wats.invalid", emu.Token(), wats.WithProxy(proxy.URL), wats.WithInsecureHTTP())
	require.NoError(t, err)
	v, err := c.ServerVersion(context.Background())
	require.NoError(t, err)
	assert.Equal(t, watstest.ServerVersion, v)
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{"http://wats.invalid/api/App/Version"}, proxied)
}

func TestWithHTTPClientIsCopied(t *testing.T) {
	srv := newServer(t)
	hc := &http.Client{}
	c, err := wats.New(srv.URL(), srv.Token(), wats.WithHTTPClient(hc), wats.WithProxy(""))
	require.NoError(t, err)
	require.NoError(t, c.Ping(context.Background()))
	assert.Nil(t, hc.Transport, "the caller's client is not modified")

	custom := &http.Client{Transport: roundTripperFunc(http.DefaultTransport.RoundTrip)}
	_, err = wats.New(srv.URL(), srv.Token(), wats.WithHTTPClient(custom), wats.WithTLSConfig(&tls.Config{MinVersion: tls.VersionTLS12}))
	require.ErrorContains(t, err, "*http.Transport")
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestMiddlewareSeesEveryAttempt(t *testing.T) {
	srv := newServer(t)
	type seen struct {
		route   string
		attempt int
		status  int
		id      string
	}
	var mu sync.Mutex
	var got []seen
	var order []string
	mw := func(name string) wats.Middleware {
		return func(ctx context.Context, a *wats.AttemptInfo, next func(context.Context) wats.AttemptResult) wats.AttemptResult {
			mu.Lock()
			order = append(order, name+">")
			mu.Unlock()
			a.Header.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
			a.Header.Set("Authorization", "Bearer nope")
			res := next(ctx)
			mu.Lock()
			order = append(order, "<"+name)
			if name == "outer" {
				got = append(got, seen{a.Route, a.Attempt, res.StatusCode, a.RequestID})
			}
			mu.Unlock()
			return res
		}
	}
	c := newClient(t, srv, wats.WithMiddleware(mw("outer"), mw("inner")))
	srv.FailNext(1, http.StatusBadGateway)
	_, err := c.Levels(context.Background())
	require.NoError(t, err)

	mu.Lock()
	defer mu.Unlock()
	require.Len(t, got, 2)
	assert.Equal(t, seen{"/api/App/Levels", 1, 502, got[0].id}, got[0])
	assert.Equal(t, seen{"/api/App/Levels", 2, 200, got[0].id}, got[1])
	assert.Equal(t, []string{"outer>", "inner>", "<inner", "<outer", "outer>", "inner>", "<inner", "<outer"}, order)
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", reqs[1].Header.Get("Traceparent"))
}

func TestMiddlewareCannotOverrideAuthorization(t *testing.T) {
	emu := watstest.NewHandler()
	var auth string
	u := newRecordingServer(t, func(r *http.Request) { auth = r.Header.Get("Authorization") }, emu)
	c, err := wats.New(u, emu.Token(), wats.WithMiddleware(func(ctx context.Context, a *wats.AttemptInfo, next func(context.Context) wats.AttemptResult) wats.AttemptResult {
		a.Header.Set("Authorization", "Bearer nope")
		return next(ctx)
	}))
	require.NoError(t, err)
	require.NoError(t, c.Ping(context.Background()))
	assert.Equal(t, "Basic "+emu.Token(), auth)
}

func TestAppMetadata(t *testing.T) {
	srv := newServer(t, watstest.WithLevels(watstest.AppLevel{ID: 7, Name: "Cabinet"}))
	c := newClient(t, srv)
	ctx := context.Background()

	levels, err := c.Levels(ctx)
	require.NoError(t, err)
	assert.Equal(t, []wats.Level{{LevelID: 7, LevelName: "Cabinet"}}, levels)

	groups, err := c.ProductGroups(ctx, nil)
	require.NoError(t, err)
	require.NotEmpty(t, groups)
	assert.NotEmpty(t, groups[0].ProductGroupName)
	assert.NotContains(t, string(groups[0].Raw), "filters")

	groups, err = c.ProductGroups(ctx, &wats.ProductGroupOptions{IncludeFilters: true})
	require.NoError(t, err)
	assert.Contains(t, string(groups[0].Raw), "filters", "unknown members are kept raw")
	last := srv.Requests()[len(srv.Requests())-1]
	assert.Equal(t, url.Values{"includeFilters": {"true"}}, last.QueryValues())
}
