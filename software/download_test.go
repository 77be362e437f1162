package software_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/software"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

var pkgFiles = map[string]string{
	"bin/run.exe":       strings.Repeat("MZ", 40000),
	"bin/lib/util.dll":  strings.Repeat("dll", 1000),
	"cfg/station.ini":   "line=3\n",
	"docs/readme.txt":   "hello\n",
	"docs/a/b/deep.txt": "deep",
}

func totalSize() int64 {
	var n int64
	for _, c := range pkgFiles {
		n += int64(len(c))
	}
	return n
}

func assertInstalled(t *testing.T, dir string) {
	t.Helper()
	for rel, want := range pkgFiles {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		require.NoError(t, err, rel)
		assert.Equal(t, want, string(got), rel)
	}
}

// leftovers lists temporary files Download left behind.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && (strings.Contains(d.Name(), ".part-") || strings.HasSuffix(d.Name(), ".watspart")) {
			out = append(out, p)
		}
		return nil
	})
	return out
}

func TestDownloadProgressReachesTotal(t *testing.T) {
	c, _ := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw := c.Software
	p := released(t, sw, "Full", pkgFiles)
	dir := t.TempDir()
	var last software.Progress
	calls := 0
	res, err := sw.Download(context.Background(), p.PackageID, dir, software.DownloadOptions{Progress: func(pr software.Progress) {
		calls++
		assert.GreaterOrEqual(t, pr.Done, last.Done, "progress never goes back")
		assert.LessOrEqual(t, pr.FileDone, pr.FileTotal)
		last = pr
	}})
	require.NoError(t, err)
	assert.Equal(t, totalSize(), last.Total)
	assert.Equal(t, last.Total, last.Done, "progress reaches total")
	assert.GreaterOrEqual(t, calls, len(pkgFiles))
	assert.Equal(t, totalSize(), res.Transferred)
	assert.Len(t, res.Files, len(pkgFiles))
	assertInstalled(t, dir)
	assert.Empty(t, leftovers(t, dir))
}

func TestDownloadResumesAfterInterruption(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw := c.Software
	p := released(t, sw, "Resume", pkgFiles)
	dir := t.TempDir()
	ctx := context.Background()

	// The third file download dies mid-body.
	srv.Inject(watstest.Fault{Path: "/api/internal/Software/DownloadFile", Times: 2, Latency: 1})
	srv.Inject(watstest.Fault{Path: "/api/internal/Software/DownloadFile", Truncate: true})
	res, err := sw.Download(ctx, p.PackageID, dir, software.DownloadOptions{})
	require.Error(t, err)
	require.Len(t, res.Files, 2, "two files placed before the interruption")
	assert.Empty(t, leftovers(t, dir), "no half-written file left behind")

	var skipped int
	res, err = sw.Download(ctx, p.PackageID, dir, software.DownloadOptions{Progress: func(pr software.Progress) {
		if pr.Skipped {
			skipped++
		}
	}})
	require.NoError(t, err)
	assert.Equal(t, 2, skipped, "verified files are not fetched again")
	var placed int64
	for _, f := range res.Files {
		if !f.Skipped {
			placed += f.Size
		}
	}
	assert.Equal(t, placed, res.Transferred)
	assert.Less(t, res.Transferred, totalSize())
	assertInstalled(t, dir)
	assert.Empty(t, leftovers(t, dir))
}

func TestDownloadDetectsCorruptFile(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw := c.Software
	p := released(t, sw, "Corrupt", map[string]string{"bin/run.exe": "real content"})
	dir := t.TempDir()
	srv.Inject(watstest.Fault{Path: "/api/internal/Software/DownloadFile", Status: 200, Body: "evil content"})
	_, err := sw.Download(context.Background(), p.PackageID, dir, software.DownloadOptions{})
	require.ErrorIs(t, err, software.ErrChecksum)
	var ce *software.ChecksumError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "bin/run.exe", ce.File)
	assert.Equal(t, "MD5", ce.Algorithm)
	assert.Contains(t, err.Error(), "bin/run.exe")
	_, statErr := os.Stat(filepath.Join(dir, "bin", "run.exe"))
	assert.True(t, errors.Is(statErr, os.ErrNotExist), "a corrupt file is never placed")
	assert.Empty(t, leftovers(t, dir))
}

func TestDownloadReplacesTamperedLocalFile(t *testing.T) {
	c, _ := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw := c.Software
	p := released(t, sw, "Tamper", pkgFiles)
	dir := t.TempDir()
	ctx := context.Background()
	_, err := sw.Download(ctx, p.PackageID, dir, software.DownloadOptions{})
	require.NoError(t, err)
	target := filepath.Join(dir, "cfg", "station.ini")
	require.NoError(t, os.WriteFile(target, []byte("line=4\n"), 0o644)) // same size, other content
	res, err := sw.Download(ctx, p.PackageID, dir, software.DownloadOptions{})
	require.NoError(t, err)
	assert.EqualValues(t, len("line=3\n"), res.Transferred, "only the tampered file is fetched")
	assertInstalled(t, dir)
}

func TestDownloadRefusesUnreleased(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw := c.Software
	ctx := context.Background()
	p, err := sw.Create(ctx, &software.Package{Name: "Draft"})
	require.NoError(t, err)
	require.NoError(t, sw.UploadZip(ctx, p.PackageID, zipOf(t, map[string]string{"a/b.txt": "b"}), software.UploadZipOptions{}))
	dir := t.TempDir()
	apitest.WaitRequests(t, srv, 2)
	_, err = sw.Download(ctx, p.PackageID, dir, software.DownloadOptions{})
	require.ErrorIs(t, err, software.ErrNotReleased)
	reqs := apitest.WaitRequests(t, srv, 3)
	assert.Len(t, reqs, 3, "only the package was read")
	assert.Equal(t, "/api/internal/Software/GetPackage", reqs[2].Path)

	_, err = sw.Download(ctx, p.PackageID, dir, software.DownloadOptions{AllowUnreleased: true})
	require.NoError(t, err)

	_, err = sw.Download(ctx, missingID, dir, software.DownloadOptions{})
	assert.ErrorIs(t, err, wats.ErrNotFound)
}

func TestDownloadCancelled(t *testing.T) {
	c, _ := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw := c.Software
	p := released(t, sw, "Cancel", pkgFiles)
	dir := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	_, err := sw.Download(ctx, p.PackageID, dir, software.DownloadOptions{Progress: func(pr software.Progress) {
		if pr.Done > 0 {
			cancel()
		}
	}})
	require.ErrorIs(t, err, context.Canceled)
	assert.Len(t, leftovers(t, dir), 1, "the interrupted file's part is kept for the next call")

	res, err := sw.Download(context.Background(), p.PackageID, dir, software.DownloadOptions{})
	require.NoError(t, err)
	assertInstalled(t, dir)
	assert.Less(t, res.Transferred, totalSize()+1)
	assert.Empty(t, leftovers(t, dir), "the next call resumed it and left nothing behind")
}

// With retries on, a download cut short is retried by the transport: the
// partial bytes are dropped from the temporary file, the hash and the
// progress, and the file is placed once, intact.
func TestDownloadRetriesCutShortFile(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{wats.WithRetry(3, time.Millisecond, time.Millisecond)})
	sw := c.Software
	p := released(t, sw, "Retry", pkgFiles)
	dir := t.TempDir()
	srv.Inject(watstest.Fault{Path: "/api/internal/Software/DownloadFile", Truncate: true})
	var last software.Progress
	res, err := sw.Download(context.Background(), p.PackageID, dir, software.DownloadOptions{Progress: func(pr software.Progress) { last = pr }})
	require.NoError(t, err)
	assert.Equal(t, totalSize(), res.Transferred)
	assert.Equal(t, last.Total, last.Done)
	assertInstalled(t, dir)
	assert.Empty(t, leftovers(t, dir))
}
