package software_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/software"
	"github.com/watsgo/sdk/wats"
)

// fileProxy stands between a client and the emulator and serves file
// downloads itself, the way a given server or line would: cutting answers
// short, honouring or ignoring Range, sending more than the package says.
type fileProxy struct {
	*httptest.Server
	requests atomic.Int32 // file download requests
	sent     atomic.Int64 // file bytes sent
	ranges   atomic.Int32 // requests that asked for a range
}

type proxyMode struct {
	cutAfter    int  // close the connection after this many bytes of each answer (0: never)
	cutOnce     bool // cut only the first answer
	honourRange bool
	extra       int   // bytes of garbage appended to the file
	claim       int64 // Content-Length announced instead of the real one (0: real, <0: none, chunked)
}

func newFileProxy(t *testing.T, emu string, mode proxyMode) *fileProxy {
	target, err := url.Parse(emu)
	require.NoError(t, err)
	rp := httputil.NewSingleHostReverseProxy(target)
	fp := &fileProxy{}
	fp.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.EqualFold(r.URL.Path, "/api/internal/Software/DownloadFile") {
			rp.ServeHTTP(w, r)
			return
		}
		n := fp.requests.Add(1)
		req, _ := http.NewRequest(http.MethodGet, emu+r.URL.RequestURI(), nil)
		req.Header = r.Header.Clone()
		req.Header.Del("Range")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			http.Error(w, err.Error(), 502)
			return
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		body = append(body, strings.Repeat("X", mode.extra)...)
		start := 0
		status := http.StatusOK
		if rg := r.Header.Get("Range"); rg != "" {
			fp.ranges.Add(1)
			if mode.honourRange {
				_, _ = fmt.Sscanf(rg, "bytes=%d-", &start)
				status = http.StatusPartialContent
				w.Header().Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", start, len(body)-1, len(body)))
			}
		}
		out := body[start:]
		w.Header().Set("Content-Type", "application/octet-stream")
		switch {
		case mode.claim > 0:
			w.Header().Set("Content-Length", fmt.Sprint(mode.claim))
		case mode.claim == 0:
			w.Header().Set("Content-Length", fmt.Sprint(len(out)))
		}
		w.WriteHeader(status)
		w.(http.Flusher).Flush()
		if mode.cutAfter > 0 && len(out) > mode.cutAfter && (!mode.cutOnce || n == 1) {
			_, _ = w.Write(out[:mode.cutAfter])
			fp.sent.Add(int64(mode.cutAfter))
			if hj, ok := w.(http.Hijacker); ok {
				w.(http.Flusher).Flush()
				c, _, _ := hj.Hijack()
				_ = c.Close()
			}
			return
		}
		nw, _ := w.Write(out)
		fp.sent.Add(int64(nw))
	}))
	t.Cleanup(fp.Close)
	return fp
}

var bigFile = map[string]string{"bin/run.exe": strings.Repeat("0123456789", 8000)} // 80 000 bytes

func proxiedDownload(t *testing.T, files map[string]string, mode proxyMode, opts ...wats.Option) (*fileProxy, string, *software.DownloadResult, error) {
	c, srv := apitest.SetupClient(t, nil)
	p := released(t, c.Software, "Hostile", files)
	fp := newFileProxy(t, srv.URL(), mode)
	pc, err := wats.New(fp.URL, srv.Token(), append([]wats.Option{wats.WithRetry(2, time.Millisecond, time.Millisecond)}, opts...)...)
	require.NoError(t, err)
	dir := t.TempDir()
	res, err := pc.Software.Download(context.Background(), p.PackageID, dir, software.DownloadOptions{})
	return fp, dir, res, err
}

func TestDownloadResumesWithRange(t *testing.T) {
	fp, dir, res, err := proxiedDownload(t, bigFile, proxyMode{cutAfter: 20000, honourRange: true})
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join(dir, "bin", "run.exe"))
	require.NoError(t, err)
	assert.Equal(t, bigFile["bin/run.exe"], string(got))
	assert.GreaterOrEqual(t, fp.requests.Load(), int32(4), "four cut answers of 20 000 bytes")
	assert.EqualValues(t, 80000, fp.sent.Load(), "every byte sent once: resumed, never restarted")
	assert.EqualValues(t, 80000, res.Transferred)
	assert.Empty(t, leftovers(t, dir))
}

func TestDownloadRestartsWhenRangeIsIgnored(t *testing.T) {
	fp, dir, _, err := proxiedDownload(t, bigFile, proxyMode{cutAfter: 20000, cutOnce: true})
	require.NoError(t, err)
	assert.EqualValues(t, 1, fp.ranges.Load(), "the second request asked for the rest")
	got, err := os.ReadFile(filepath.Join(dir, "bin", "run.exe"))
	require.NoError(t, err)
	assert.Equal(t, bigFile["bin/run.exe"], string(got), "the whole answer replaced the part")
}

func TestDownloadRefusesMoreThanDeclared(t *testing.T) {
	tests := []struct {
		name string
		mode proxyMode
	}{
		{"chunked body longer than the package says", proxyMode{extra: 1 << 20, claim: -1}},
		{"Content-Length beyond the package size", proxyMode{extra: 1 << 20}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, dir, _, err := proxiedDownload(t, bigFile, tt.mode)
			require.ErrorIs(t, err, software.ErrSize)
			_, statErr := os.Stat(filepath.Join(dir, "bin", "run.exe"))
			assert.True(t, os.IsNotExist(statErr), "nothing placed")
			assert.Empty(t, leftovers(t, dir), "and nothing left on the disk")
		})
	}
}

func TestDownloadOfALongFileName(t *testing.T) {
	name := strings.Repeat("n", 240) + ".dll" // 244 bytes: legal, but no room for a long temporary suffix
	c, _ := apitest.SetupClient(t, nil)
	p := released(t, c.Software, "Long", map[string]string{"lib/" + name: "content"})
	dir := t.TempDir()
	_, err := c.Software.Download(context.Background(), p.PackageID, dir, software.DownloadOptions{})
	require.NoError(t, err)
	got, err := os.ReadFile(filepath.Join(dir, "lib", name))
	require.NoError(t, err)
	assert.Equal(t, "content", string(got))
}
