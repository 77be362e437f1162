package wats_test

import (
	"context"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestRateLimiterPacesRequests(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv, wats.WithRateLimit(20, 1))
	start := time.Now()
	for i := 0; i < 6; i++ {
		require.NoError(t, c.Ping(context.Background()))
	}
	// One token at start, then one every 50 ms: five waits at least.
	assert.GreaterOrEqual(t, time.Since(start), 240*time.Millisecond)
	assert.Len(t, srv.Requests(), 6)
}

func TestRateLimiterOffSwitch(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv, wats.WithRateLimit(0, 0))
	start := time.Now()
	for i := 0; i < 20; i++ {
		require.NoError(t, c.Ping(context.Background()))
	}
	assert.Less(t, time.Since(start), 5*time.Second)
}

func TestContextEndsRateLimitWait(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv, wats.WithRateLimit(0.01, 1)) // one request per 100 s
	require.NoError(t, c.Ping(context.Background()))

	t.Run("cancel", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(50*time.Millisecond, cancel)
		start := time.Now()
		err := c.Ping(ctx)
		assert.ErrorIs(t, err, context.Canceled)
		assert.Less(t, time.Since(start), 2*time.Second)
	})
	t.Run("deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		start := time.Now()
		err := c.Ping(ctx)
		assert.ErrorIs(t, err, context.DeadlineExceeded, "a wait past the deadline fails at once")
		assert.Less(t, time.Since(start), time.Second)
	})
	assert.Len(t, srv.Requests(), 1, "nothing was sent while waiting")
}

func TestCircuitBreakerTransitions(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv, wats.WithRetry(0, 0, 0), wats.WithCircuitBreaker(3, 150*time.Millisecond), wats.WithRateLimit(0, 0))
	var mu sync.Mutex
	var seen []string
	stop := c.OnStatusChange(func(ch wats.StatusChange) {
		mu.Lock()
		seen = append(seen, ch.From.String()+">"+ch.To.String())
		mu.Unlock()
	})
	defer stop()
	ctx := context.Background()

	// 429 and 5xx answers count as failures, 4xx do not.
	srv.Inject(watstest.Fault{Status: http.StatusNotFound})
	srv.Inject(watstest.Fault{Status: http.StatusServiceUnavailable})
	srv.Inject(watstest.Fault{Status: http.StatusTooManyRequests})
	for i := 0; i < 3; i++ {
		require.Error(t, c.Ping(ctx))
	}
	assert.Equal(t, wats.StatusOnline, c.Status(), "404 reset nothing, two failures are below the threshold")

	srv.Inject(watstest.Fault{Status: http.StatusNotImplemented}) // not retried, but a 5xx: counts
	_, err := c.Levels(ctx)
	require.Error(t, err)
	assert.Equal(t, wats.StatusOffline, c.Status())

	srv.ResetRequests()
	_, err = c.Levels(ctx)
	require.ErrorIs(t, err, wats.ErrCircuitOpen)
	assert.Contains(t, err.Error(), "circuit breaker open")
	assert.Empty(t, srv.Requests(), "an open breaker sends nothing")

	// After the cool-down one probe goes through; it fails and re-opens.
	time.Sleep(200 * time.Millisecond)
	srv.FailNext(1, http.StatusBadGateway)
	_, err = c.Levels(ctx)
	require.ErrorIs(t, err, wats.ErrServer)
	assert.Equal(t, wats.StatusOffline, c.Status())

	// The next probe succeeds and closes the breaker.
	time.Sleep(200 * time.Millisecond)
	_, err = c.Levels(ctx)
	require.NoError(t, err)
	assert.Equal(t, wats.StatusOnline, c.Status())

	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, []string{"online>offline", "offline>probing", "probing>offline", "offline>probing", "probing>online"}, seen)
}

func TestPingPassesOpenBreaker(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv, wats.WithRetry(0, 0, 0), wats.WithCircuitBreaker(1, time.Hour))
	srv.FailNext(1, http.StatusServiceUnavailable)
	_, err := c.Levels(context.Background())
	require.Error(t, err)
	require.Equal(t, wats.StatusOffline, c.Status())
	_, err = c.Levels(context.Background())
	require.ErrorIs(t, err, wats.ErrCircuitOpen)

	require.NoError(t, c.Ping(context.Background()), "Ping probes even while open")
	assert.Equal(t, wats.StatusOnline, c.Status())
	_, err = c.Levels(context.Background())
	require.NoError(t, err)
}

func TestHalfOpenAdmitsOneProbe(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv, wats.WithRetry(0, 0, 0), wats.WithCircuitBreaker(1, 50*time.Millisecond), wats.WithRateLimit(0, 0))
	srv.FailNext(1, http.StatusServiceUnavailable)
	require.Error(t, c.Ping(context.Background()))
	time.Sleep(80 * time.Millisecond)
	srv.ResetRequests()
	srv.Inject(watstest.Fault{Latency: time.Second}) // the probe is slow

	var wg sync.WaitGroup
	errs := make([]error, 8)
	wg.Add(1)
	go func() { defer wg.Done(); _, errs[0] = c.Levels(context.Background()) }()
	// Wait until the probe has reached the emulator, then pile on.
	require.Eventually(t, func() bool { return len(srv.Requests()) == 1 }, 5*time.Second, 5*time.Millisecond)
	for i := 1; i < len(errs); i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, errs[i] = c.Levels(context.Background())
		}(i)
	}
	wg.Wait()
	require.NoError(t, errs[0])
	for _, err := range errs[1:] {
		assert.ErrorIs(t, err, wats.ErrCircuitOpen)
	}
	assert.Len(t, srv.Requests(), 1)
	assert.Equal(t, wats.StatusOnline, c.Status())
}

func TestRateLimiterSlowsAfter429(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv, wats.WithRetry(0, 0, 0), wats.WithRateLimit(1000, 1000))
	srv.Inject(watstest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1"})
	require.ErrorIs(t, c.Ping(context.Background()), wats.ErrRateLimited)
	start := time.Now()
	require.NoError(t, c.Ping(context.Background()))
	assert.GreaterOrEqual(t, time.Since(start), 900*time.Millisecond, "the next request waits out Retry-After")
}

func TestTokenNeverInLogsOrErrors(t *testing.T) {
	const token = "c2VjcmV0LXRva2VuOnMzY3IzdA=="
	srv := newServer(t, watstest.WithToken(token))
	var logs logBuffer
	c := newClient(t, srv, wats.WithLogger(logs.logger()), wats.WithCircuitBreaker(4, 20*time.Millisecond),
		wats.WithTimeout(100*time.Millisecond))
	ctx := context.Background()

	var texts []string
	collect := func(err error) {
		if err != nil {
			texts = append(texts, err.Error())
		}
	}
	srv.Inject(watstest.Fault{Status: 503, Body: `{"Message":"echo: Authorization: Basic ` + token + `"}`, Times: 3})
	_, err := c.Levels(ctx)
	collect(err)
	srv.Inject(watstest.Fault{Reset: true, Times: 3})
	_, err = c.Levels(ctx)
	collect(err)
	srv.Inject(watstest.Fault{Hang: true, Times: 1})
	collect(c.Ping(ctx))
	_, err = c.Levels(ctx) // breaker open now
	collect(err)
	time.Sleep(30 * time.Millisecond)
	srv.Inject(watstest.Fault{Status: 429, RetryAfter: "0", Body: token, ContentType: "text/plain"})
	collect(c.Ping(ctx))
	collect(c.Ping(ctx))
	bad, err := wats.New(srv.URL(), "wrong"+token)
	require.NoError(t, err)
	collect(bad.Ping(ctx))

	require.NotEmpty(t, texts)
	all := logs.String() + strings.Join(texts, "\n")
	assert.Contains(t, all, "wats: retrying", "the run did produce retry records")
	assert.Contains(t, all, "circuit breaker", "the run did produce breaker records")
	assert.Contains(t, all, "[REDACTED]", "the echoed token was seen and removed")
	assert.False(t, strings.Contains(all, token), "the token leaked into a log record or error text")
}
