// Package apitest holds the test helpers the domain packages' external test
// packages share: an emulator plus client per test, assertions on the
// errors the SDK returns, request counting on the emulator's log, and the
// endpoint documentation check.
//
// It is a non-test package so that several _test packages can import it,
// but it must only be imported from _test.go files. Because it imports
// wats (which imports every domain package), it can only be used from
// external test packages (package foo_test), never from package foo's own
// tests.
package apitest

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// Setup starts an emulator seeded with opts and a client with default
// options talking to it. Both are closed when the test ends.
func Setup(t testing.TB, opts ...watstest.Option) (*wats.Client, *watstest.Server) {
	t.Helper()
	return SetupClient(t, nil, opts...)
}

// SetupClient is Setup with client options: it starts an emulator seeded
// with opts and a client built with clientOpts (for example FastRetry or
// NoRetry). Both are closed when the test ends.
func SetupClient(t testing.TB, clientOpts []wats.Option, opts ...watstest.Option) (*wats.Client, *watstest.Server) {
	t.Helper()
	srv := watstest.NewServer(opts...)
	t.Cleanup(srv.Close)
	require.NoError(t, srv.SeedErr(), "the emulator refused seed data")
	t.Cleanup(func() { RequireContractAnswers(t, srv) })
	return NewClient(t, srv, clientOpts...), srv
}

// RequireContractAnswers fails the test if the emulator gave an answer that
// breaks the server's documented schema (checked in watstest.Strict mode).
func RequireContractAnswers(t testing.TB, srv *watstest.Server) {
	t.Helper()
	vs := srv.ContractStats().AnswerViolations
	if len(vs) == 0 {
		return
	}
	msgs := make([]string, len(vs))
	for i, v := range vs {
		msgs[i] = v.String()
	}
	t.Errorf("the emulator answered %d time(s) against the server's documented schema:\n%s", len(vs), strings.Join(msgs, "\n"))
}

// NewClient returns a further client, built with opts, for an emulator
// that is already running.
func NewClient(t testing.TB, srv *watstest.Server, opts ...wats.Option) *wats.Client {
	t.Helper()
	c, err := wats.New(srv.URL(), srv.Token(), opts...)
	require.NoError(t, err)
	return c
}

// FastRetry is a retry policy for tests that inject transient failures:
// three attempts whose waits are at most a few milliseconds.
func FastRetry() wats.Option {
	return wats.WithRetry(3, time.Millisecond, 5*time.Millisecond)
}

// NoRateLimit switches the client's rate limiter off, for benchmarks that
// would otherwise measure the default limit of 500 requests a minute.
func NoRateLimit() wats.Option {
	return wats.WithRateLimit(0, 0)
}

// NoRetry makes a client send every request once, for tests that inject a
// single failure and expect to see it.
func NoRetry() wats.Option {
	return wats.WithRetry(1, 0, 0)
}

// RequireNoRequests asserts that validation stopped the call before the
// wire: the emulator has logged no request at all.
func RequireNoRequests(t testing.TB, srv *watstest.Server) {
	t.Helper()
	require.Empty(t, srv.Requests(), "validation must refuse the call before any request")
}

// RequireValidation asserts that err is a *wats.ValidationError (and
// matches wats.ErrValidation) with a field whose JSON path is jsonField.
func RequireValidation(t testing.TB, err error, jsonField string) {
	t.Helper()
	require.ErrorIs(t, err, wats.ErrValidation)
	var ve *wats.ValidationError
	require.ErrorAs(t, err, &ve)
	var paths []string
	for _, f := range ve.Fields {
		paths = append(paths, f.Path)
	}
	require.Contains(t, paths, jsonField, "validation error %v", err)
}

// RequireStatus asserts that err matches sentinel and is a *wats.APIError
// with the given HTTP status and a non-empty message parsed from the
// emulator's error body.
func RequireStatus(t testing.TB, err error, status int, sentinel error) {
	t.Helper()
	require.ErrorIs(t, err, sentinel)
	var ae *wats.APIError
	require.ErrorAs(t, err, &ae)
	require.Equal(t, status, ae.StatusCode)
	require.NotEmpty(t, ae.Message, "the emulator's error body must be parsed")
}

// UnavailableOnce makes the emulator fail the next request with this
// method whose path starts with path (the emulator matches fault paths as
// case-insensitive prefixes) with 503 Service Unavailable and
// "Retry-After: 0". The failed attempt never reaches the handler.
func UnavailableOnce(srv *watstest.Server, method, path string) {
	srv.Inject(watstest.Fault{Method: method, Path: path, Status: http.StatusServiceUnavailable, RetryAfter: "0"})
}

// Count returns how many logged requests have exactly this method and path.
func Count(srv *watstest.Server, method, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

// CountPrefix returns how many logged requests have this method and a path
// starting with prefix.
func CountPrefix(srv *watstest.Server, method, prefix string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && strings.HasPrefix(r.Path, prefix) {
			n++
		}
	}
	return n
}

// WaitRequests waits up to two seconds until at least n requests are
// logged and returns the log: the emulator logs a request after answering
// it, so the client can be faster than the log.
func WaitRequests(t testing.TB, srv *watstest.Server, n int) []watstest.LoggedRequest {
	t.Helper()
	require.Eventually(t, func() bool { return len(srv.Requests()) >= n }, 2*time.Second, time.Millisecond)
	return srv.Requests()
}
