package queue

import (
	"io"
	"io/fs"
	"os"
)

// fileSystem is the seam between the queue and the disk. Production code uses
// osFS; tests wrap it to inject ENOSPC, EROFS and torn writes without needing
// a real full or read-only volume.
type fileSystem interface {
	// CreateTemp creates a new file for writing in dir.
	CreateTemp(dir, pattern string) (writeFile, error)
	Rename(oldpath, newpath string) error
	Remove(name string) error
	ReadFile(name string) ([]byte, error)
	WriteFile(name string, data []byte, perm fs.FileMode) error
	ReadDir(name string) ([]fs.DirEntry, error)
	MkdirAll(path string, perm fs.FileMode) error
	Stat(name string) (fs.FileInfo, error)
	// SyncDir flushes a directory's entries (renames, creations) to disk.
	SyncDir(name string) error
}

// writeFile is the part of *os.File the queue writes through.
type writeFile interface {
	io.Writer
	Sync() error
	Close() error
	Name() string
}

// osFS is the real file system.
type osFS struct{}

func (osFS) CreateTemp(dir, pattern string) (writeFile, error) { return os.CreateTemp(dir, pattern) }
func (osFS) Rename(oldpath, newpath string) error              { return os.Rename(oldpath, newpath) }
func (osFS) Remove(name string) error                          { return os.Remove(name) }
func (osFS) ReadFile(name string) ([]byte, error)              { return os.ReadFile(name) }
func (osFS) ReadDir(name string) ([]fs.DirEntry, error)        { return os.ReadDir(name) }
func (osFS) MkdirAll(path string, perm fs.FileMode) error      { return os.MkdirAll(path, perm) }
func (osFS) Stat(name string) (fs.FileInfo, error)             { return os.Stat(name) }

func (osFS) WriteFile(name string, data []byte, perm fs.FileMode) error {
	return os.WriteFile(name, data, perm)
}

func (osFS) SyncDir(name string) error {
	d, err := os.Open(name)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
