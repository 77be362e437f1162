//go:build !windows

package convert

import "os"

// openForRead opens path read-only. POSIX systems have no share modes; a file that
// is still being written is caught by the stability check instead.
func openForRead(path string) (*os.File, error) { return os.Open(path) }
