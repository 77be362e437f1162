package convert

import (
	"archive/zip"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// archiver zips the files of one folder's Done/ into Done/yyyyMM.zip in batches. A
// file is first moved to Done/ (so it is safe once its reports are accepted); the
// zip is rewritten with the new entries (existing entries copied raw, no
// recompression), fsynced and renamed over the old one, and only then are the moved
// files deleted. A crash in between leaves files in Done/ that the next start zips;
// a file whose entry is already in the zip (same name, size and CRC) is only
// deleted, so no entry is added twice.
type archiver struct {
	done string // the Done/ folder
	now  func() time.Time

	mu      sync.Mutex
	pending []string // files in Done/ waiting to be zipped
}

// batchArchive is how many queued files make the archiver commit at once.
const batchArchive = 50

func (a *archiver) add(path string) (flushNow bool) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.pending = append(a.pending, path)
	return len(a.pending) >= batchArchive
}

// recover queues the files a crash left in Done/ (everything but zips, logs,
// sidecars and temp files).
func (a *archiver) recover() error {
	des, err := os.ReadDir(a.done)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	for _, de := range des {
		n := de.Name()
		low := strings.ToLower(n)
		if !de.Type().IsRegular() || strings.HasPrefix(n, ".") ||
			strings.HasSuffix(low, ".zip") || strings.HasSuffix(low, ".log") || strings.HasSuffix(low, ".error.json") {
			continue
		}
		a.add(filepath.Join(a.done, n))
	}
	return nil
}

// flush zips every queued file. Files it could not zip stay queued.
func (a *archiver) flush() error {
	a.mu.Lock()
	files := a.pending
	a.pending = nil
	a.mu.Unlock()
	if len(files) == 0 {
		return nil
	}
	zipPath := filepath.Join(a.done, a.now().Format("200601")+".zip")
	if err := appendZip(zipPath, files); err != nil {
		a.mu.Lock()
		a.pending = append(files, a.pending...)
		a.mu.Unlock()
		return fmt.Errorf("archive %s: %w", zipPath, err)
	}
	var errs []error
	for _, f := range files {
		if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// appendZip writes zipPath anew with its old entries plus files.
func appendZip(zipPath string, files []string) error {
	dir := filepath.Dir(zipPath)
	tmp, err := os.CreateTemp(dir, ".zip-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	zw := zip.NewWriter(tmp)
	type entry struct {
		size uint64
		crc  uint32
	}
	have := map[string]entry{}
	if old, err := zip.OpenReader(zipPath); err == nil {
		for _, f := range old.File {
			if err := zw.Copy(f); err != nil {
				old.Close()
				tmp.Close()
				return err
			}
			have[f.Name] = entry{f.UncompressedSize64, f.CRC32}
		}
		old.Close()
	} else if !errors.Is(err, fs.ErrNotExist) {
		tmp.Close()
		return fmt.Errorf("read existing zip: %w", err)
	}
	for _, p := range files {
		if err := addToZip(zw, p, func(name string, size uint64, crc func() (uint32, error)) (string, bool) {
			for {
				e, ok := have[name]
				if !ok {
					have[name] = entry{size, 0}
					return name, true
				}
				if e.size == size {
					if c, err := crc(); err == nil && c == e.crc {
						return "", false // zipped before a crash: only delete
					}
				}
				name = withSuffix(name)
			}
		}); err != nil && !errors.Is(err, fs.ErrNotExist) {
			tmp.Close()
			return err
		}
	}
	if err := errors.Join(zw.Close(), tmp.Sync(), tmp.Close()); err != nil {
		return err
	}
	if err := os.Rename(tmp.Name(), zipPath); err != nil {
		return err
	}
	return syncDir(dir)
}

// addToZip adds the file at p; name decides the entry name (false: skip it).
func addToZip(zw *zip.Writer, p string, name func(string, uint64, func() (uint32, error)) (string, bool)) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	crc := func() (uint32, error) {
		h := crc32.NewIEEE()
		if _, err := io.Copy(h, f); err != nil {
			return 0, err
		}
		_, err := f.Seek(0, io.SeekStart)
		return h.Sum32(), err
	}
	entryName, ok := name(filepath.Base(p), uint64(info.Size()), crc)
	if !ok {
		return nil
	}
	hdr := &zip.FileHeader{Name: entryName, Method: zip.Deflate, Modified: info.ModTime()}
	w, err := zw.CreateHeader(hdr)
	if err != nil {
		return err
	}
	_, err = io.Copy(w, f)
	return err
}
