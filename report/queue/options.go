package queue

import (
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// Defaults. The retry cap and the in-flight reset match the C# WATS client's
// 5-minute pending timer and 30-minute "transferring" reset.
const (
	// DefaultConcurrency is how many uploads Run performs at once.
	DefaultConcurrency = 4
	// DefaultMaxEntries caps the entries on disk (pending, sending, dead).
	DefaultMaxEntries = 10000
	// DefaultMaxBytes caps their total size (1 GiB).
	DefaultMaxBytes = 1 << 30
	// DefaultBackoffBase is the delay after the first failed attempt.
	DefaultBackoffBase = 2 * time.Second
	// DefaultBackoffMax caps the delay between attempts (C#: 5 minutes).
	DefaultBackoffMax = 5 * time.Minute
	// DefaultAttemptTimeout bounds one upload attempt.
	DefaultAttemptTimeout = 60 * time.Second
	// DefaultSubmitBudget bounds the inline attempt of Submit: a hanging
	// server holds a test line up this long at most, then the report waits
	// for Run.
	DefaultSubmitBudget = 3 * time.Second
	// DefaultInFlightTimeout is the age after which an orphaned "sending"
	// entry returns to pending (C#: 30 minutes).
	DefaultInFlightTimeout = 30 * time.Minute
	// DefaultPollInterval is how often Run rescans the folder.
	DefaultPollInterval = 10 * time.Second
	// DefaultStopGrace is how long uploads may finish after Run's context ends.
	DefaultStopGrace = 5 * time.Second
)

// Option configures a Queue in Open.
type Option func(*config) error

type config struct {
	concurrency     int
	maxEntries      int
	maxBytes        int64
	maxAttempts     int
	backoffBase     time.Duration
	backoffMax      time.Duration
	attemptTimeout  time.Duration
	submitBudget    time.Duration
	inFlightTimeout time.Duration
	pollInterval    time.Duration
	stopGrace       time.Duration
	archive         bool
	archiveKeep     time.Duration
	wake            <-chan struct{}
	online          func() bool
	onEvent         func(Event)
	logger          *slog.Logger
	fs              fileSystem
	now             func() time.Time
}

func defaultConfig() config {
	return config{
		concurrency:     DefaultConcurrency,
		maxEntries:      DefaultMaxEntries,
		maxBytes:        DefaultMaxBytes,
		backoffBase:     DefaultBackoffBase,
		backoffMax:      DefaultBackoffMax,
		attemptTimeout:  DefaultAttemptTimeout,
		submitBudget:    DefaultSubmitBudget,
		inFlightTimeout: DefaultInFlightTimeout,
		pollInterval:    DefaultPollInterval,
		stopGrace:       DefaultStopGrace,
		fs:              osFS{},
		now:             time.Now,
	}
}

func positive(name string, d time.Duration) error {
	if d <= 0 {
		return fmt.Errorf("queue: %s must be positive, got %v", name, d)
	}
	return nil
}

// WithConcurrency sets how many uploads Run performs at once (default 4).
func WithConcurrency(n int) Option {
	return func(c *config) error {
		if n < 1 {
			return fmt.Errorf("queue: concurrency must be at least 1, got %d", n)
		}
		c.concurrency = n
		return nil
	}
}

// WithCapacity limits the queue to maxEntries entries and maxBytes bytes on
// disk, counting pending, sending and dead entries (default 10 000 entries,
// 1 GiB). Zero means no limit for that dimension. A full queue refuses new
// reports with ErrQueueFull.
func WithCapacity(maxEntries int, maxBytes int64) Option {
	return func(c *config) error {
		if maxEntries < 0 || maxBytes < 0 {
			return fmt.Errorf("queue: capacity must not be negative, got %d entries, %d bytes", maxEntries, maxBytes)
		}
		c.maxEntries, c.maxBytes = maxEntries, maxBytes
		return nil
	}
}

// WithMaxAttempts moves an entry to dead letter after n counted failures
// (transport errors, 5xx, 429, attempt timeouts). Zero, the default, retries
// forever. Credential failures (401, 403) and an open circuit breaker are not
// counted: they say nothing about the report.
func WithMaxAttempts(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("queue: max attempts must not be negative, got %d", n)
		}
		c.maxAttempts = n
		return nil
	}
}

// WithBackoff sets the per-entry retry delay: base doubled per failure,
// capped at max, with jitter over the upper half (default 2 s, 5 min).
func WithBackoff(base, max time.Duration) Option {
	return func(c *config) error {
		if err := errors.Join(positive("backoff base", base), positive("backoff max", max)); err != nil {
			return err
		}
		if max < base {
			return fmt.Errorf("queue: backoff max %v is below base %v", max, base)
		}
		c.backoffBase, c.backoffMax = base, max
		return nil
	}
}

// WithAttemptTimeout bounds one upload attempt (default 60 s). A timed-out
// attempt counts as a transport failure and the entry stays queued.
func WithAttemptTimeout(d time.Duration) Option {
	return func(c *config) error {
		if err := positive("attempt timeout", d); err != nil {
			return err
		}
		c.attemptTimeout = d
		return nil
	}
}

// WithSubmitBudget bounds the inline upload attempt of Submit (default 3 s).
// The report is stored before that attempt, so when the budget runs out it
// stays pending and Run delivers it; the station's test line is never held
// longer than d by a slow or hanging server.
func WithSubmitBudget(d time.Duration) Option {
	return func(c *config) error {
		if err := positive("submit budget", d); err != nil {
			return err
		}
		c.submitBudget = d
		return nil
	}
}

// WithInFlightTimeout sets the age after which a "sending" entry that no
// upload of this process owns goes back to pending (default 30 min).
// Entries left "sending" by a crashed uploader are recovered at once when
// the next uploader takes the lock; this timeout is the safety net.
func WithInFlightTimeout(d time.Duration) Option {
	return func(c *config) error {
		if err := positive("in-flight timeout", d); err != nil {
			return err
		}
		c.inFlightTimeout = d
		return nil
	}
}

// WithPollInterval sets how often Run rescans the folder for reports queued
// by other processes and retries to take the uploader lock (default 10 s).
// Reports queued through this Queue are seen at once.
func WithPollInterval(d time.Duration) Option {
	return func(c *config) error {
		if err := positive("poll interval", d); err != nil {
			return err
		}
		c.pollInterval = d
		return nil
	}
}

// WithStopGrace sets how long uploads in flight may finish after Run's
// context ends (default 5 s). Uploads still running then are cancelled and
// their entries return to pending, uncounted.
func WithStopGrace(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("queue: stop grace must not be negative, got %v", d)
		}
		c.stopGrace = d
		return nil
	}
}

// WithArchive keeps a copy of every sent report as archive/<id>.json (plain
// WSJF) and deletes copies older than keep. Without it, sent entries are
// deleted.
func WithArchive(keep time.Duration) Option {
	return func(c *config) error {
		if err := positive("archive retention", keep); err != nil {
			return err
		}
		c.archive, c.archiveKeep = true, keep
		return nil
	}
}

// WithWake gives Run a channel that signals "the server is reachable again"
// (for example a goroutine forwarding the client's online transitions). On a
// signal Run rescans and makes every pending entry due at once, ignoring
// its backoff.
func WithWake(ch <-chan struct{}) Option {
	return func(c *config) error {
		c.wake = ch
		return nil
	}
}

// WithOnline gives Submit a cheap connectivity probe. When it reports false,
// Submit stores the report and returns at once (Receipt.Err is ErrOffline)
// instead of waiting for an attempt that will fail.
func WithOnline(online func() bool) Option {
	return func(c *config) error {
		c.online = online
		return nil
	}
}

// WithEvents registers a callback for queue events (queued, sent, failed,
// dead, quarantined, recovered), e.g. to feed metrics. It is called
// synchronously from the goroutine that caused the event and must be quick
// and safe for concurrent use.
func WithEvents(fn func(Event)) Option {
	return func(c *config) error {
		c.onEvent = fn
		return nil
	}
}

// WithLogger logs failures, rejections, quarantines and recoveries (default:
// no logging). Credential failures are logged at Error level.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// withFS swaps the file system (tests inject faults through it).
func withFS(fs fileSystem) Option {
	return func(c *config) error {
		c.fs = fs
		return nil
	}
}

// withClock replaces the queue's clock (tests of clock jumps).
func withClock(now func() time.Time) Option {
	return func(c *config) error { c.now = now; return nil }
}
