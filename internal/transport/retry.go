package transport

import (
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/cenkalti/backoff/v4"
)

// retryableStatus lists the answers worth another attempt: throttling and
// transient server failures.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// idempotent reports whether req may be sent again: the verb rule (GET, PUT,
// DELETE, HEAD, OPTIONS) unless Request.Idempotent overrides it, and never
// for probes or bodies that cannot be rewound.
func idempotent(req *Request) bool {
	if req.Probe {
		return false
	}
	if req.Body != nil && req.Multipart == nil {
		if _, ok := req.Body.(interface {
			Seek(int64, int) (int64, error)
		}); !ok {
			return false
		}
	}
	if req.Multipart != nil {
		return false // streamed once from the caller's reader
	}
	if req.Idempotent != nil {
		return *req.Idempotent
	}
	switch strings.ToUpper(req.Method) {
	case http.MethodGet, http.MethodPut, http.MethodDelete, http.MethodHead, http.MethodOptions:
		return true
	}
	return false
}

// ParseRetryAfter reads a Retry-After header in either form, delta-seconds
// ("120") or HTTP-date, relative to now. It returns 0 when the header is
// absent, malformed or in the past.
func ParseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// jitterBackOff is the per-call backoff: full jitter over an exponential
// ceiling (uniform in [0, min(cap, base·2ⁿ)]), replaced by the server's
// Retry-After (capped) when the last answer carried one. It is built fresh
// for every call because backoff.ExponentialBackOff is not goroutine-safe.
//
// A wait that would end after the context's deadline is not started:
// NextBackOff returns backoff.Stop, and the caller gets the last failure at
// once instead of a deadline error later.
type jitterBackOff struct {
	exp      *backoff.ExponentialBackOff
	cap      time.Duration
	hint     time.Duration // Retry-After of the last answer; consumed by NextBackOff
	deadline time.Time     // zero when the context has none
}

func newJitterBackOff(p RetryPolicy, deadline time.Time) *jitterBackOff {
	exp := backoff.NewExponentialBackOff(
		backoff.WithInitialInterval(p.Base),
		backoff.WithMultiplier(2),
		backoff.WithRandomizationFactor(0), // jitter is applied below, in full
		backoff.WithMaxInterval(p.Cap),
		backoff.WithMaxElapsedTime(0), // attempts and the context bound the call
	)
	return &jitterBackOff{exp: exp, cap: hintCap(p.Cap), deadline: deadline}
}

// NextBackOff implements backoff.BackOff.
func (j *jitterBackOff) NextBackOff() time.Duration {
	d := j.next()
	if !j.deadline.IsZero() && time.Now().Add(d).After(j.deadline) {
		return backoff.Stop
	}
	return d
}

func (j *jitterBackOff) next() time.Duration {
	ceiling := j.exp.NextBackOff()
	if h := j.hint; h > 0 {
		j.hint = 0
		if h > j.cap {
			h = j.cap
		}
		return h
	}
	if ceiling <= 0 {
		return 0
	}
	return time.Duration(rand.Int64N(int64(ceiling) + 1))
}

// Reset implements backoff.BackOff.
func (j *jitterBackOff) Reset() { j.exp.Reset(); j.hint = 0 }

// hintCap bounds a server's Retry-After: the retry cap, or 30 s when none
// is configured, so a hostile or broken header cannot park a call for hours.
func hintCap(c time.Duration) time.Duration {
	if c <= 0 {
		return 30 * time.Second
	}
	return c
}
