//go:build !(linux || darwin || freebsd || netbsd || openbsd || dragonfly)

package queue

// dirLock is a no-op where flock(2) is unavailable: every Queue believes it
// is the uploader. Run one process per queue directory on such systems.
type dirLock struct{}

func tryLock(string) (*dirLock, bool, error) { return &dirLock{}, true, nil }

func (*dirLock) unlock() error { return nil }
