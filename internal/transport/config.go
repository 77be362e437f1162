package transport

import (
	"log/slog"
	"net/http"
	"time"
)

// Config is what wats.New hands to the transport. Zero values of the policy
// structs mean "off"; DefaultRetry, DefaultRateLimit and DefaultBreaker give
// the SDK defaults.
type Config struct {
	// BaseURL is the normalised server root without trailing slash.
	BaseURL string
	// Token is sent verbatim as "Authorization: Basic <token>". It never
	// appears in logs or error texts.
	Token string
	// HTTPClient performs the attempts. Its Timeout, if any, applies in
	// addition to AttemptTimeout.
	HTTPClient *http.Client
	// UserAgent is the full User-Agent header value.
	UserAgent string
	// AttemptTimeout bounds one attempt (send, wait, read the body); 0 means
	// no per-attempt bound beyond the caller's context.
	AttemptTimeout time.Duration
	// Retry is the retry policy for idempotent calls.
	Retry RetryPolicy
	// RateLimit is the client-side limiter; Rate <= 0 turns it off.
	RateLimit RateLimit
	// Breaker is the circuit breaker; Threshold <= 0 turns it off.
	Breaker BreakerPolicy
	// Logger receives attempt, retry and breaker records; nil logs nothing.
	Logger *slog.Logger
	// Middleware wraps every attempt, first element outermost.
	Middleware []Middleware
	// MaxResponseBytes caps every answer read into memory (JSON results);
	// 0 means DefaultMaxResponseBytes. Streamed downloads are not capped here.
	MaxResponseBytes int64
	// Now is the clock for the breaker and limiter (default time.Now).
	Now func() time.Time
}

// DefaultMaxResponseBytes is the default cap on an answer read into memory:
// far above any documented WATS answer (a large header query page is a few
// MiB), far below what would hurt a station's memory.
const DefaultMaxResponseBytes = 64 << 20

// RetryPolicy says how often and how patiently idempotent calls are retried.
type RetryPolicy struct {
	// Attempts is the total number of attempts including the first; 0 or 1
	// disables retries.
	Attempts int
	// Base is the first backoff ceiling; each later ceiling doubles.
	Base time.Duration
	// Cap bounds every wait, including a server's Retry-After.
	Cap time.Duration
}

// DefaultRetry is the pyWATS-compatible policy: 3 attempts, 1 s base, 30 s cap.
func DefaultRetry() RetryPolicy {
	return RetryPolicy{Attempts: 3, Base: time.Second, Cap: 30 * time.Second}
}

// RateLimit configures the client-side token bucket.
type RateLimit struct {
	// Rate is the sustained number of requests per second; <= 0 disables.
	Rate float64
	// Burst is how many requests may go at once after a quiet period.
	Burst int
}

// DefaultRateLimit is no client-side limit. The server enforces its own and
// answers 429 with Retry-After, which the retry loop honours; a fixed
// client-side cap (pyWATS's 500 per minute) starves a service that embeds
// the client long before any server would refuse it.
func DefaultRateLimit() RateLimit { return RateLimit{} }

// PyWATSRateLimit is pyWATS's long-run rate of 500 requests per 60 s with a
// burst of 500, for users who want the peer's behaviour.
func PyWATSRateLimit() RateLimit { return RateLimit{Rate: 500.0 / 60.0, Burst: 500} }

// BreakerPolicy configures the circuit breaker.
type BreakerPolicy struct {
	// Threshold is the number of consecutive failed attempts that opens the
	// breaker; <= 0 disables it.
	Threshold int
	// Cooldown is how long the breaker stays open before one probe may pass.
	Cooldown time.Duration
}

// DefaultBreaker opens after 5 consecutive failed attempts and probes
// again after 30 s.
func DefaultBreaker() BreakerPolicy { return BreakerPolicy{Threshold: 5, Cooldown: 30 * time.Second} }
