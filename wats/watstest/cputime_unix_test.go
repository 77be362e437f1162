//go:build unix

package watstest

import (
	"syscall"
	"time"
)

// processCPU is the CPU time the test process has used (user + system). On
// a shared, loaded machine it measures a benchmark's work better than wall
// time, which includes the time other processes had the CPU.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
