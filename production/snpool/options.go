package snpool

import (
	"fmt"
	"time"
)

type config struct {
	batch         int
	lowWater      int
	refillTimeout time.Duration
	retryDelay    time.Duration
	onRefill      func(added int, err error)
}

func defaultConfig() config {
	// The C# client's example settings: batches of 100, refill below 10.
	return config{batch: 100, lowWater: 10, refillTimeout: 30 * time.Second, retryDelay: 5 * time.Second}
}

// Option configures a Pool.
type Option func(*config) error

// WithBatchSize sets how many numbers one refill takes from the source (default 100).
func WithBatchSize(n int) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("snpool: batch size %d: must be greater than 0", n)
		}
		c.batch = n
		return nil
	}
}

// WithLowWater sets the count of unused numbers below which a background
// refill starts (default 10; 0 refills only when empty).
func WithLowWater(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("snpool: low-water mark %d: must not be negative", n)
		}
		c.lowWater = n
		return nil
	}
}

// WithRefillTimeout bounds one background refill (default 30 s).
func WithRefillTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("snpool: refill timeout %v: must be positive", d)
		}
		c.refillTimeout = d
		return nil
	}
}

// WithRetryDelay sets how long after a failed refill the next background
// refill may start (default 5 s), so an outage is not hammered by every Next.
func WithRetryDelay(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("snpool: retry delay %v: must not be negative", d)
		}
		c.retryDelay = d
		return nil
	}
}

// WithRefillObserver calls f after every refill attempt with the count of
// numbers added and the error, if any (for logging and metrics). f runs on
// the refilling goroutine and must not call the Pool.
func WithRefillObserver(f func(added int, err error)) Option {
	return func(c *config) error {
		c.onRefill = f
		return nil
	}
}
