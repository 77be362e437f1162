package watstest

import (
	"errors"
	"fmt"
)

// SeedErr reports the seeds the emulator refused (for example an asset whose
// type was never seeded), joined into one error; nil when every seed was
// applied. A refused seed leaves the emulator's previous data in place.
// Options cannot return errors, so a test checks SeedErr once after
// NewServer or NewHandler.
func (e *Emulator) SeedErr() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return errors.Join(e.seedErr...)
}

// recordSeedError records a seed the emulator refuses (nil is ignored);
// SeedErr reports it.
func (e *Emulator) recordSeedError(err error) {
	if err == nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.seedErr = append(e.seedErr, fmt.Errorf("watstest: %w", err))
}
