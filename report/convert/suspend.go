package convert

import (
	"errors"
	"fmt"
	"time"
)

// ErrSuspended matches every *SuspendError.
var ErrSuspended = errors.New("convert: file suspended until a dependency is available")

// SuspendError is what a converter returns when a file cannot be converted yet for a
// reason outside the file (a process name that cannot be resolved while the server
// is unreachable, a reference file not yet copied). The watcher leaves the file in
// place and tries again after RetryAfter, instead of moving it to Error/.
type SuspendError struct {
	// RetryAfter is how long to wait before the next attempt (0 = the watcher's
	// default).
	RetryAfter time.Duration
	// Err says what is missing.
	Err error
}

// Suspend wraps err as a *SuspendError asking for a new attempt after retryAfter.
func Suspend(err error, retryAfter time.Duration) error {
	return &SuspendError{RetryAfter: retryAfter, Err: err}
}

func (e *SuspendError) Error() string {
	if e.RetryAfter > 0 {
		return fmt.Sprintf("suspended, retry after %v: %v", e.RetryAfter, e.Err)
	}
	return fmt.Sprintf("suspended: %v", e.Err)
}

// Is makes errors.Is(err, ErrSuspended) true for every *SuspendError.
func (e *SuspendError) Is(target error) bool { return target == ErrSuspended }

// Unwrap returns what is missing.
func (e *SuspendError) Unwrap() error { return e.Err }
