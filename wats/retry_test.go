package wats_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestRetryCountsPerStatus(t *testing.T) {
	tests := []struct {
		status       int
		wantRequests int
	}{
		{http.StatusTooManyRequests, 3},
		{http.StatusInternalServerError, 3},
		{http.StatusBadGateway, 3},
		{http.StatusServiceUnavailable, 3},
		{http.StatusGatewayTimeout, 3},
		{http.StatusBadRequest, 1},
		{http.StatusUnauthorized, 1},
		{http.StatusForbidden, 1},
		{http.StatusNotFound, 1},
		{http.StatusConflict, 1},
		{http.StatusNotImplemented, 1},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.status), func(t *testing.T) {
			srv := newServer(t)
			c := newClient(t, srv, wats.WithCircuitBreaker(0, 0))
			srv.Inject(watstest.Fault{Status: tt.status, Times: -1})
			_, err := c.Levels(context.Background())
			var apiErr *wats.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.status, apiErr.StatusCode)
			assert.Equal(t, tt.wantRequests, apiErr.Attempts)
			assert.Len(t, srv.Requests(), tt.wantRequests)
		})
	}
}

func TestRetryRecoversAndKeepsRequestID(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv)
	srv.FailNext(2, http.StatusServiceUnavailable)
	v, err := c.ServerVersion(context.Background())
	require.NoError(t, err)
	assert.Equal(t, watstest.ServerVersion, v)
	reqs := srv.Requests()
	require.Len(t, reqs, 3)
	id := reqs[0].Header.Get("X-Request-ID")
	require.NotEmpty(t, id)
	for _, r := range reqs {
		assert.Equal(t, id, r.Header.Get("X-Request-ID"), "one id across the retries of a call")
	}
}

func TestRetryByVerb(t *testing.T) {
	// The transport's verb rule, observed through the emulator: only
	// idempotent verbs are retried. POST goes through the report path in
	// other packages; here a raw emulator route stands in for it.
	srv := newServer(t)
	c := newClient(t, srv, wats.WithCircuitBreaker(0, 0))
	srv.Inject(watstest.Fault{Status: http.StatusServiceUnavailable, Times: -1})
	for _, m := range []string{http.MethodGet, http.MethodPut, http.MethodDelete, http.MethodHead, http.MethodPost, http.MethodPatch} {
		t.Run(m, func(t *testing.T) {
			srv.ResetRequests()
			err := c.RawDoForTest(context.Background(), m, "/api/App/Version")
			require.ErrorIs(t, err, wats.ErrServer)
			want := 3
			if m == http.MethodPost || m == http.MethodPatch {
				want = 1
			}
			assert.Len(t, srv.Requests(), want)
		})
	}
}

func TestTransportErrorsAreRetried(t *testing.T) {
	tests := []struct {
		name  string
		fault watstest.Fault
	}{
		{"reset", watstest.Fault{Reset: true, Times: 2}},
		{"truncated body", watstest.Fault{Truncate: true, Times: 2}},
		{"hang until timeout", watstest.Fault{Hang: true, Times: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			c := newClient(t, srv, wats.WithTimeout(200*time.Millisecond))
			srv.Inject(tt.fault)
			v, err := c.ServerVersion(context.Background())
			require.NoError(t, err)
			assert.Equal(t, watstest.ServerVersion, v)
			assert.Len(t, srv.Requests(), 3)
		})
	}
}

func TestTransportErrorAfterExhaustion(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv)
	srv.Inject(watstest.Fault{Reset: true, Times: -1})
	_, err := c.Levels(context.Background())
	var te *wats.TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, 3, te.Attempts)
	assert.Equal(t, "/api/App/Levels", te.Route)
	assert.Equal(t, "wats.Levels", te.Op)
	assert.Contains(t, err.Error(), "wats.Levels: GET /api/App/Levels: transport error")
	assert.NotEmpty(t, te.RequestID)
}

func TestRetryAfterIsHonoured(t *testing.T) {
	tests := []struct {
		name       string
		retryAfter func() string
		cap        time.Duration
		min, max   time.Duration
	}{
		{"delta seconds", func() string { return "1" }, 5 * time.Second, time.Second, time.Second},
		{"delta seconds capped", func() string { return "120" }, 300 * time.Millisecond, 300 * time.Millisecond, 300 * time.Millisecond},
		{"http date", func() string { return time.Now().Add(3 * time.Second).UTC().Format(http.TimeFormat) }, 10 * time.Second, 500 * time.Millisecond, 3 * time.Second},
		{"http date capped", func() string { return time.Now().Add(time.Hour).UTC().Format(http.TimeFormat) }, 200 * time.Millisecond, 200 * time.Millisecond, 200 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := newServer(t)
			var logs logBuffer
			c := newClient(t, srv, wats.WithRetry(2, time.Millisecond, tt.cap), wats.WithLogger(logs.logger()),
				wats.WithRateLimit(0, 0))
			srv.Inject(watstest.Fault{Status: http.StatusServiceUnavailable, RetryAfter: tt.retryAfter()})
			_, err := c.ServerVersion(context.Background())
			require.NoError(t, err)
			wait := retryWaits(t, logs.String())
			require.Len(t, wait, 1)
			assert.GreaterOrEqual(t, wait[0], tt.min)
			assert.LessOrEqual(t, wait[0], tt.max)
		})
	}
}

func TestRetryAfterOnAPIError(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv, wats.WithRetry(0, 0, 0))
	srv.Inject(watstest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "7"})
	err := c.Ping(context.Background())
	var apiErr *wats.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 7*time.Second, apiErr.RetryAfter)
	assert.ErrorIs(t, err, wats.ErrRateLimited)
}

func TestContextCancelledDuringBackoff(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv, wats.WithRetry(3, time.Second, time.Minute))
	srv.Inject(watstest.Fault{Status: http.StatusServiceUnavailable, RetryAfter: "60", Times: -1})
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(100*time.Millisecond, cancel)
	start := time.Now()
	_, err := c.Levels(ctx)
	elapsed := time.Since(start)
	require.Error(t, err)
	assert.Less(t, elapsed, 5*time.Second, "cancellation must end the 60 s wait promptly")
	assert.ErrorIs(t, err, context.Canceled)
	assert.ErrorIs(t, err, wats.ErrServer, "the last attempt's failure is kept")
	var apiErr *wats.APIError
	assert.True(t, errors.As(err, &apiErr))
	assert.Len(t, srv.Requests(), 1)
}

func TestDeadlineShorterThanBackoffReturnsLastError(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv, wats.WithRetry(3, time.Second, time.Minute))
	srv.Inject(watstest.Fault{Status: http.StatusServiceUnavailable, RetryAfter: "60", Times: -1})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	_, err := c.Levels(ctx)
	assert.Less(t, time.Since(start), time.Second, "a wait that cannot fit the deadline is not started")
	assert.ErrorIs(t, err, wats.ErrServer)
}

// retryWaits extracts the "wait" attribute of every retry log record.
func retryWaits(t *testing.T, logs string) []time.Duration {
	t.Helper()
	var out []time.Duration
	for _, line := range strings.Split(strings.TrimSpace(logs), "\n") {
		if !strings.Contains(line, `"msg":"wats: retrying"`) {
			continue
		}
		rec := decodeRecord(t, line)
		ns, ok := rec["wait"].(float64)
		require.True(t, ok, "retry record has a wait: %s", line)
		out = append(out, time.Duration(ns))
	}
	return out
}

func TestConnectionRefusedIsRetried(t *testing.T) {
	srv := watstest.NewServer()
	u := srv.URL()
	srv.Close() // nothing listens there any more
	var attempts []int
	c, err := wats.New(u, srv.Token(), fastRetry, wats.WithCircuitBreaker(0, 0),
		wats.WithMiddleware(func(ctx context.Context, a *wats.AttemptInfo, next func(context.Context) wats.AttemptResult) wats.AttemptResult {
			attempts = append(attempts, a.Attempt)
			return next(ctx)
		}))
	require.NoError(t, err)
	_, err = c.Levels(context.Background())
	var te *wats.TransportError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, []int{1, 2, 3}, attempts)
	assert.Contains(t, err.Error(), "refused")
}
