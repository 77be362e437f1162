package transport

import (
	"context"
	"fmt"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/watsgo/sdk/internal/errs"
)

// slowWindow is how long the limiter stays slowed after a 429 before it
// doubles its rate again.
const slowWindow = 30 * time.Second

// limiter is the per-client token bucket with a 429 reflex.
//
// When the server answers 429, the limiter halves its rate (down to 1/16 of
// the configured rate), shrinks its burst to 1 so no saved-up tokens rush
// out, and holds every new attempt until the server's Retry-After (capped
// by the retry cap) has passed. Each 30 s without another 429 doubles the
// rate again until the configured rate and burst are restored.
//
// Without a configured rate (the default) there is no token bucket, but the
// Retry-After of a 429 still holds every attempt of the client, not only the
// one that was refused.
type limiter struct {
	cfg RateLimit
	now func() time.Time
	cap time.Duration

	mu         sync.Mutex
	lim        *rate.Limiter
	slowedAt   time.Time // last 429 or last recovery step
	pauseUntil time.Time // no attempt starts before this (Retry-After)
}

func newLimiter(cfg RateLimit, retryCap time.Duration, now func() time.Time) *limiter {
	if cfg.Rate <= 0 {
		return &limiter{now: now, cap: hintCap(retryCap)}
	}
	if cfg.Burst < 1 {
		cfg.Burst = 1
	}
	return &limiter{cfg: cfg, now: now, cap: hintCap(retryCap), lim: rate.NewLimiter(rate.Limit(cfg.Rate), cfg.Burst)}
}

// wait blocks until an attempt may start or ctx ends. A wait that would pass
// ctx's deadline fails at once with an error matching both errs.ErrThrottled
// and context.DeadlineExceeded.
func (l *limiter) wait(ctx context.Context) error {
	if l == nil {
		return nil
	}
	now := l.now()
	l.mu.Lock()
	pause := l.pauseUntil.Sub(now)
	var r *rate.Reservation
	if l.lim != nil {
		l.recoverLocked(now)
		r = l.lim.ReserveN(now, 1)
	}
	l.mu.Unlock()
	if r != nil && !r.OK() {
		return fmt.Errorf("rate limiter refused the request")
	}
	d := pause
	if r != nil && r.DelayFrom(now) > d {
		d = r.DelayFrom(now)
	}
	if d <= 0 {
		return nil
	}
	cancel := func(at time.Time) {
		if r != nil {
			r.CancelAt(at)
		}
	}
	if dl, ok := ctx.Deadline(); ok && now.Add(d).After(dl) {
		cancel(now)
		return fmt.Errorf("%w: waiting %v would pass the context deadline: %w", errs.ErrThrottled, d.Round(time.Millisecond), context.DeadlineExceeded)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		cancel(l.now())
		return ctx.Err()
	}
}

// throttled slows the limiter down after a 429; retryAfter is the server's
// hint (0 when absent).
func (l *limiter) throttled(retryAfter time.Duration) {
	if l == nil {
		return
	}
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lim != nil {
		floor := rate.Limit(l.cfg.Rate / 16)
		next := l.lim.Limit() / 2
		if next < floor {
			next = floor
		}
		l.lim.SetLimitAt(now, next)
		l.lim.SetBurstAt(now, 1)
		l.slowedAt = now
	}
	if retryAfter > l.cap {
		retryAfter = l.cap
	}
	if until := now.Add(retryAfter); until.After(l.pauseUntil) {
		l.pauseUntil = until
	}
}

// recoverLocked doubles the rate for every quiet slowWindow since the last
// step, restoring the configured values at the end.
func (l *limiter) recoverLocked(now time.Time) {
	full := rate.Limit(l.cfg.Rate)
	for l.lim.Limit() < full && now.Sub(l.slowedAt) >= slowWindow {
		next := l.lim.Limit() * 2
		l.slowedAt = l.slowedAt.Add(slowWindow)
		if next >= full {
			l.lim.SetLimitAt(now, full)
			l.lim.SetBurstAt(now, l.cfg.Burst)
			return
		}
		l.lim.SetLimitAt(now, next)
	}
}

// currentRate reports the rate in force (for tests and logs).
func (l *limiter) currentRate() float64 {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.lim == nil {
		return 0
	}
	return float64(l.lim.Limit())
}
