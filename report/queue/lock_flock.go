//go:build linux || darwin || freebsd || netbsd || openbsd || dragonfly

package queue

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"syscall"
	"time"
)

// dirLock is an advisory flock(2) on the queue's lock file. The kernel drops
// it when the holder dies, so a lock left by a killed process is recovered by
// the next tryLock without any clean-up.
type dirLock struct {
	f *os.File
}

// tryLock takes the lock without waiting. held is false when another process
// (or another Queue in this process) holds it.
func tryLock(path string) (l *dirLock, held bool, err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, false, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		_ = f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, false, nil
		}
		return nil, false, fmt.Errorf("flock %s: %w", path, err)
	}
	// The holder's pid helps whoever debugs a stuck station; the lock itself
	// is the flock, never the content, and the file is never deleted (that
	// would let a second process lock a new inode).
	if err := f.Truncate(0); err == nil {
		_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+" "+time.Now().UTC().Format(time.RFC3339)+"\n"), 0)
	}
	return &dirLock{f: f}, true, nil
}

// unlock releases the lock.
func (l *dirLock) unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	_ = syscall.Flock(int(l.f.Fd()), syscall.LOCK_UN)
	err := l.f.Close()
	l.f = nil
	return err
}
