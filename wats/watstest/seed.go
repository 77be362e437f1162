package watstest

import "errors"

// seedFailed records a seeding error of an Option (nil is ignored), so
// that a bad seed is reported by SeedError instead of panicking.
func (e *Emulator) seedFailed(err error) {
	if err == nil {
		return
	}
	e.mu.Lock()
	e.seedErr = append(e.seedErr, err)
	e.mu.Unlock()
}

// SeedError reports every seed an Option refused (nil when all were
// taken). Refused seeds leave the emulator's previous data in place.
func (e *Emulator) SeedError() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return errors.Join(e.seedErr...)
}
