package software

import (
	"bytes"
	"context"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// Download errors, matched with errors.Is.
var (
	// ErrChecksum matches a *ChecksumError.
	ErrChecksum = errors.New("software: checksum mismatch")
	// ErrNotReleased is returned when Download is asked for a package that
	// is not Released (see DownloadOptions.AllowUnreleased).
	ErrNotReleased = errors.New("software: package is not released")
	// ErrUnsafePath is returned when a package file would land outside the
	// target directory (a folder or file name like "..").
	ErrUnsafePath = errors.New("software: unsafe file path in package")
	// ErrSize is returned when a file's download does not have the size the
	// package declares (the server sends more, or less); nothing is placed.
	ErrSize = errors.New("software: download size differs from the package")
)

// ChecksumError names the package file whose content does not match the
// server's checksum. The mismatching download is deleted, never placed.
type ChecksumError struct {
	// File is the file's path inside the package, slash-separated.
	File string
	// Algorithm is the digest inferred from the checksum length.
	Algorithm string
	Want, Got []byte // digest the server stores / digest of the downloaded bytes
}

// Error says which file failed and how.
func (e *ChecksumError) Error() string {
	return fmt.Sprintf("software: %s: %s checksum mismatch: server says %s, downloaded content hashes to %s",
		e.File, e.Algorithm, base64.StdEncoding.EncodeToString(e.Want), base64.StdEncoding.EncodeToString(e.Got))
}

// Is makes errors.Is(err, ErrChecksum) true.
func (e *ChecksumError) Is(target error) bool { return target == ErrChecksum }

// Progress is one progress report of Download.
type Progress struct {
	// File is the file being handled, slash-separated, relative to the
	// package root.
	File string
	// FileDone and FileTotal count bytes of File.
	FileDone, FileTotal int64
	// Done and Total count bytes of the whole package; files found
	// already in place count as done. Done reaches Total on success.
	Done, Total int64
	// Skipped is true when File was already present with the right checksum.
	Skipped bool
}

// DownloadOptions tune Download.
type DownloadOptions struct {
	// Progress, when set, is called on the calling goroutine after every
	// chunk written and once per skipped file. Keep it fast.
	Progress func(Progress)
	// AllowUnreleased lets Download fetch a Draft, Pending or Revoked
	// package (e.g. to review it); by default only Released packages install.
	AllowUnreleased bool
}

// DownloadedFile is one file Download placed or found in place.
type DownloadedFile struct {
	// Path is the file's path inside the package, slash-separated.
	Path string
	// LocalPath is where it is on disk.
	LocalPath string
	Size      int64 // file size in bytes
	// Skipped is true when the file was already present and verified.
	Skipped bool
}

// DownloadResult describes a finished Download.
type DownloadResult struct {
	Package *InternalPackage // the package as the internal routes describe it
	Files   []DownloadedFile // every file placed or found in place
	// Transferred is the number of bytes fetched from the server in this call.
	Transferred int64
}

type packageEntry struct {
	rel      string
	repoID   string
	size     int64
	checksum []byte
}

// Download installs a released package's files under dir, keeping the
// package's folder layout. Every file is written to a temporary file in its
// target folder, hashed while it streams, verified against the server's
// checksum and only then renamed into place, so an interrupted or corrupt
// download never leaves a half-written file. Calling Download again after
// an interruption resumes: files already present with a matching checksum
// are skipped. A mismatch returns a *ChecksumError naming the file.
//
// The checksum algorithm is not documented by WATS; Download infers it from
// the digest length (16 bytes MD5, 20 SHA-1, 32 SHA-256) and refuses a file
// whose checksum is missing or of another length.
//
// WATS API: GET /api/internal/Software/GetPackage
// WATS API: GET /api/internal/Software/DownloadFile
func (s *Service) Download(ctx context.Context, packageID, dir string, opts DownloadOptions) (*DownloadResult, error) {
	const op = "software.Download"
	v := &errs.ValidationError{Op: op}
	checkID(v, "packageId", packageID)
	if strings.TrimSpace(dir) == "" {
		v.Add("dir", "required", "target directory is required")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	in := s.Internal()
	pkg, err := in.Package(ctx, packageID)
	if err != nil {
		return nil, err
	}
	if !opts.AllowUnreleased && pkg.Status != StatusReleased.Int() {
		return nil, fmt.Errorf("%s: package %s version %d is %s: %w", op, pkg.Name, pkg.Version, StatusFromInt(pkg.Status), ErrNotReleased)
	}
	var entries []packageEntry
	if err := collect(pkg.PackageFolders, "", &entries); err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	var total int64
	for _, e := range entries {
		total += e.size
	}
	res := &DownloadResult{Package: pkg}
	p := &progressWriter{report: opts.Progress, total: total}
	for _, e := range entries {
		local := filepath.Join(dir, filepath.FromSlash(e.rel))
		h, algo, err := hasherFor(e.checksum)
		if err != nil {
			return res, fmt.Errorf("%s: %s: %w", op, e.rel, err)
		}
		if present(local, e.size, h, e.checksum) {
			p.skip(e.rel, e.size)
			res.Files = append(res.Files, DownloadedFile{Path: e.rel, LocalPath: local, Size: e.size, Skipped: true})
			continue
		}
		h.Reset()
		n, err := s.fetch(ctx, in, e, local, h, algo, p)
		res.Transferred += n
		if err != nil {
			return res, err
		}
		res.Files = append(res.Files, DownloadedFile{Path: e.rel, LocalPath: local, Size: n})
	}
	return res, nil
}

// fetch downloads one file into its part file beside local, verifies size
// and checksum and renames it into place. A transfer cut short continues
// where it stopped (an HTTP Range request; a server that ignores the range
// sends the whole file again), as does a part file a killed process left.
// A file that fails verification is removed; one interrupted by ctx is
// kept for the next call to resume.
func (s *Service) fetch(ctx context.Context, in *Internal, e packageEntry, local string, h hash.Hash, algo string, p *progressWriter) (n int64, err error) {
	if err := os.MkdirAll(filepath.Dir(local), 0o755); err != nil {
		return 0, fmt.Errorf("software.Download: %s: %w", e.rel, err)
	}
	part := partPath(local)
	f, err := os.OpenFile(part, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return 0, fmt.Errorf("software.Download: %s: %w", e.rel, err)
	}
	keep := false
	defer func() {
		_ = f.Close()
		if err != nil && !keep {
			_ = os.Remove(part)
		}
	}()
	sink := &fileSink{f: f, h: h, p: p, size: e.size}
	if err := sink.resume(); err != nil {
		return 0, fmt.Errorf("software.Download: %s: %w", e.rel, err)
	}
	p.start(e.rel, e.size)
	p.resume(sink.off)
	defer func() { n = sink.kept }()
	for stalls := 0; sink.off < e.size || e.size == 0; {
		before := sink.off
		err = in.downloadFrom(ctx, e.repoID, sink)
		if err == nil {
			break
		}
		var te *errs.TransportError
		switch {
		case ctx.Err() != nil:
			keep = true // resumed by the next Download
			return n, fmt.Errorf("software.Download: %s: %w", e.rel, err)
		case !errors.As(err, &te):
			return n, fmt.Errorf("software.Download: %s: %w", e.rel, err)
		case sink.off > before:
			stalls = 0 // cut short after progress: continue from there
		default:
			if stalls++; stalls >= maxStalls {
				return n, fmt.Errorf("software.Download: %s: %w", e.rel, err)
			}
		}
	}
	if e.size > 0 && sink.off != e.size {
		return n, fmt.Errorf("software.Download: %s: %w: got %d bytes, the package says %d", e.rel, ErrSize, sink.off, e.size)
	}
	if got := h.Sum(nil); !bytes.Equal(got, e.checksum) {
		return n, &ChecksumError{File: e.rel, Algorithm: algo, Want: e.checksum, Got: got}
	}
	if err = f.Sync(); err == nil {
		err = f.Close()
	}
	if err == nil {
		err = os.Rename(part, local)
	}
	if err != nil {
		return n, fmt.Errorf("software.Download: %s: place file: %w", e.rel, err)
	}
	return n, nil
}

// maxStalls is how many attempts in a row may end without a byte before a
// file's download gives up (the transport has retried each already).
const maxStalls = 3

// partPath is the fixed temporary name of local's download: short (a
// hash, so a 244-byte file name still fits the 255-byte limit of file
// systems), hidden, and the same on every call, so a later Download finds
// a killed one's bytes and resumes or removes them.
func partPath(local string) string {
	sum := sha256.Sum256([]byte(filepath.Base(local)))
	return filepath.Join(filepath.Dir(local), fmt.Sprintf(".%x%s", sum[:8], partSuffix))
}

// partSuffix marks the SDK's part files.
const partSuffix = ".watspart"

// downloadFrom fetches the file from sink's offset on, asking for a range
// when part of it is already there.
//
// WATS API: GET /api/internal/Software/DownloadFile
func (in *Internal) downloadFrom(ctx context.Context, repositoryFolderFileID string, sink *fileSink) error {
	const op = "software.Internal.DownloadFile"
	hdr := http.Header{}
	if sink.off > 0 {
		hdr.Set("Range", fmt.Sprintf("bytes=%d-", sink.off))
	}
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/internal/Software/DownloadFile",
		Query: url.Values{"repositoryFolderFileId": {repositoryFolderFileID}}, Header: hdr, Output: sink, Accept: "*/*",
		OnResponse: sink.begin})
	return err
}

// collect flattens the folder tree into files with slash paths, refusing
// names that would escape the target directory.
func collect(folders []PackageFolder, prefix string, out *[]packageEntry) error {
	for _, f := range folders {
		if err := safeName(f.Name); err != nil {
			return fmt.Errorf("folder %q: %w", path.Join(prefix, f.Name), err)
		}
		dir := path.Join(prefix, f.Name)
		for _, pf := range f.PackageFolderFiles {
			rf := pf.RepositoryFolderFile
			if rf == nil {
				return fmt.Errorf("file %s in %q has no repository file", pf.PackageFolderFileID, dir)
			}
			if err := safeName(rf.Name); err != nil {
				return fmt.Errorf("file %q: %w", path.Join(dir, rf.Name), err)
			}
			id := rf.RepositoryFolderFileID
			if id == "" {
				id = pf.RepositoryFolderFileID
			}
			*out = append(*out, packageEntry{rel: path.Join(dir, rf.Name), repoID: id, size: rf.FileSize, checksum: rf.Checksum})
		}
		if err := collect(f.PackageFolders, dir, out); err != nil {
			return err
		}
	}
	return nil
}

func safeName(name string) error {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, `/\`) || filepath.VolumeName(name) != "" {
		return ErrUnsafePath
	}
	return nil
}

func hasherFor(sum []byte) (hash.Hash, string, error) {
	switch len(sum) {
	case md5.Size:
		return md5.New(), "MD5", nil
	case sha1.Size:
		return sha1.New(), "SHA-1", nil
	case sha256.Size:
		return sha256.New(), "SHA-256", nil
	case 0:
		return nil, "", errors.New("server gave no checksum; refusing to install an unverifiable file")
	}
	return nil, "", fmt.Errorf("checksum of %d bytes matches no known digest", len(sum))
}

// present reports whether local already holds the expected content.
func present(local string, size int64, h hash.Hash, want []byte) bool {
	f, err := os.Open(local)
	if err != nil {
		return false
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() || (size > 0 && st.Size() != size) {
		return false
	}
	h.Reset()
	if _, err := io.Copy(h, f); err != nil {
		return false
	}
	return bytes.Equal(h.Sum(nil), want)
}

// fileSink receives one file's bytes: the part file, the running hash
// and the progress. It knows the declared size and refuses more, so a
// hostile or broken server cannot fill the disk.
type fileSink struct {
	f    *os.File
	h    hash.Hash
	p    *progressWriter
	size int64 // declared size (0 = unknown)
	off  int64 // bytes in the part file
	kept int64 // bytes of the part file written by this call
	err  error
}

// resume takes up a part file an earlier call left: its bytes are hashed
// and kept when they can be the start of the file, else dropped.
func (s *fileSink) resume() error {
	st, err := s.f.Stat()
	if err != nil {
		return err
	}
	if st.Size() == 0 || (s.size > 0 && st.Size() > s.size) {
		return s.restart()
	}
	s.h.Reset()
	if _, err := io.Copy(s.h, s.f); err != nil {
		return s.restart()
	}
	s.off = st.Size()
	return nil
}

// restart empties the part file.
func (s *fileSink) restart() error {
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if err := s.f.Truncate(0); err != nil {
		return err
	}
	s.h.Reset()
	s.off, s.kept = 0, 0
	return nil
}

// begin checks an answer before its body is written: a 206 must continue
// at the offset asked for; a 200 is the whole file again, so the part file
// starts over; a declared length beyond the package's size is refused.
func (s *fileSink) begin(status int, h http.Header) error {
	switch {
	case status == http.StatusPartialContent:
		var start int64
		if _, err := fmt.Sscanf(h.Get("Content-Range"), "bytes %d-", &start); err != nil || start != s.off {
			return fmt.Errorf("%w: partial answer %q does not continue at byte %d", ErrSize, h.Get("Content-Range"), s.off)
		}
	case s.off > 0:
		if err := s.restart(); err != nil {
			return err
		}
		s.p.rewind()
	}
	if cl := h.Get("Content-Length"); cl != "" && s.size > 0 {
		var n int64
		if _, err := fmt.Sscan(cl, &n); err == nil && s.off+n > s.size {
			return fmt.Errorf("%w: the server announces %d bytes from byte %d, the package says %d in all", ErrSize, n, s.off, s.size)
		}
	}
	return nil
}

// Write stores b, hashes it and reports progress.
func (s *fileSink) Write(b []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	if s.size > 0 && s.off+int64(len(b)) > s.size {
		s.err = fmt.Errorf("%w: the server sends more than the package's %d bytes", ErrSize, s.size)
		return 0, s.err
	}
	n, err := s.f.Write(b)
	s.h.Write(b[:n])
	s.off += int64(n)
	s.kept += int64(n)
	if err != nil {
		s.err = err
		return n, err
	}
	return s.p.Write(b)
}

// progressWriter turns written bytes into Progress reports.
type progressWriter struct {
	report      func(Progress)
	cur         Progress
	done, total int64
}

func (p *progressWriter) start(file string, size int64) {
	p.cur = Progress{File: file, FileTotal: size, Done: p.done, Total: p.total}
}

// resume counts bytes a part file already holds as done.
func (p *progressWriter) resume(n int64) {
	p.done += n
	p.cur.FileDone, p.cur.Done = n, p.done
}

func (p *progressWriter) skip(file string, size int64) {
	p.done += size
	if p.report != nil {
		p.report(Progress{File: file, FileDone: size, FileTotal: size, Done: p.done, Total: p.total, Skipped: true})
	}
}

// Write counts b towards the progress and reports it.
// rewind takes the current file's bytes back off the totals.
func (p *progressWriter) rewind() {
	p.done -= p.cur.FileDone
	p.cur.FileDone = 0
	p.cur.Done = p.done
	if p.report != nil {
		p.report(p.cur)
	}
}

func (p *progressWriter) Write(b []byte) (int, error) {
	p.done += int64(len(b))
	p.cur.FileDone += int64(len(b))
	p.cur.Done = p.done
	if p.report != nil {
		p.report(p.cur)
	}
	return len(b), nil
}
