//go:build !unix

package snpool

import "os"

// crossProcess tells whether lockFile excludes other processes: not here,
// so only Pools in one process exclude each other (through the Pool's
// process-wide lock table).
const crossProcess = false

func lockFile(*os.File) error   { return nil }
func unlockFile(*os.File) error { return nil }

func fileSize(f *os.File) (int64, error) {
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// syncDir is a no-op where directories cannot be fsynced.
func syncDir(string) error { return nil }
