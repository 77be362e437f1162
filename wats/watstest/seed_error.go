package watstest

import "errors"

// recordSeedError keeps a seeding failure for SeedError instead of
// panicking, so a bad fixture fails the test that asks rather than the
// whole test binary.
func (e *Emulator) recordSeedError(err error) {
	e.mu.Lock()
	e.seedErr = append(e.seedErr, err)
	e.mu.Unlock()
}

// SeedError returns every seeding failure of the options the emulator was
// built with (a report source that could not be read, a document that is
// not a report), joined, or nil when all seeds were stored. Check it right
// after NewServer or NewHandler:
//
//	srv := watstest.NewServer(watstest.WithReports("testdata/uut.json"))
//	if err := srv.SeedError(); err != nil { t.Fatal(err) }
func (e *Emulator) SeedError() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return errors.Join(e.seedErr...)
}
