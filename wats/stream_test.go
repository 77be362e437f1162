package wats_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/wats"
)

// stuckReader blocks in Read until release is closed, like a network share
// or a pipe whose writer hung.
type stuckReader struct{ release chan struct{} }

func (s stuckReader) Read(p []byte) (int, error) {
	<-s.release
	return 0, io.EOF
}

// fileWriter is a writer that is not memory (no Reset), like an *os.File.
type fileWriter struct{ n atomic.Int64 }

func (f *fileWriter) Write(p []byte) (int, error) { f.n.Add(int64(len(p))); return len(p), nil }

func discardServer(t *testing.T) *httptest.Server {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `"0c8b5a0e-5b7e-4a8e-9a57-2b1f0e4d7c31"`)
	}))
	t.Cleanup(ts.Close)
	return ts
}

func TestStalledUploadEndsWithTheContext(t *testing.T) {
	ts := discardServer(t)
	tests := []struct {
		name   string
		upload func(ctx context.Context, c *wats.Client, r io.Reader) error
	}{
		{"raw body", func(ctx context.Context, c *wats.Client, r io.Reader) error { return c.Product.UploadBOM(ctx, r) }},
		{"multipart", func(ctx context.Context, c *wats.Client, r io.Reader) error {
			_, err := c.RootCause.UploadAttachment(ctx, "log.txt", r)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			release := make(chan struct{})
			defer close(release)
			c, err := wats.New(ts.URL, hostileToken, wats.WithTimeout(0), wats.WithRetry(0, 0, 0))
			require.NoError(t, err)
			ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
			defer cancel()
			err = tt.upload(ctx, c, io.MultiReader(strings.NewReader("<BOM>"), stuckReader{release}))
			require.ErrorIs(t, err, context.DeadlineExceeded, "the call returns when the context ends, though the source never does")
		})
	}
}

// dripServer sends n chunks of a download, pausing gap between them, and
// stalls for stall before the last one.
func dripServer(t *testing.T, n int, gap, stall time.Duration) *httptest.Server {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/xml")
		fl := w.(http.Flusher)
		for i := 0; i < n; i++ {
			if i == n-1 {
				select {
				case <-time.After(stall):
				case <-r.Context().Done():
					return
				}
			}
			_, _ = io.WriteString(w, strings.Repeat("x", 1024))
			fl.Flush()
			select {
			case <-time.After(gap):
			case <-r.Context().Done():
				return
			}
		}
	}))
	t.Cleanup(ts.Close)
	return ts
}

func TestLongTransfersAreBoundedByProgress(t *testing.T) {
	const id = "0c8b5a0e-5b7e-4a8e-9a57-2b1f0e4d7c31"
	t.Run("slow but moving download outlasts the attempt timeout", func(t *testing.T) {
		ts := dripServer(t, 12, 40*time.Millisecond, 0) // about 0.5 s in all
		c, err := wats.New(ts.URL, hostileToken, wats.WithTimeout(150*time.Millisecond), wats.WithRetry(0, 0, 0))
		require.NoError(t, err)
		var w fileWriter
		n, err := c.Report.LoadWSXF(context.Background(), id, &w)
		require.NoError(t, err)
		assert.EqualValues(t, 12*1024, n)
	})
	t.Run("a silent stall ends the attempt", func(t *testing.T) {
		ts := dripServer(t, 4, time.Millisecond, 2*time.Second)
		c, err := wats.New(ts.URL, hostileToken, wats.WithTimeout(150*time.Millisecond), wats.WithRetry(0, 0, 0))
		require.NoError(t, err)
		var w fileWriter
		_, err = c.Report.LoadWSXF(context.Background(), id, &w)
		var te *wats.TransportError
		require.ErrorAs(t, err, &te)
		assert.Contains(t, err.Error(), "without progress")
	})
}

// zeros is an endless source of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// peakHeap samples the heap in use while fn runs and returns the growth
// over the starting point, in MiB.
func peakHeap(fn func()) float64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	base := ms.HeapInuse
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		tk := time.NewTicker(5 * time.Millisecond)
		defer tk.Stop()
		for {
			select {
			case <-done:
				return
			case <-tk.C:
				var m runtime.MemStats
				runtime.ReadMemStats(&m)
				if m.HeapInuse > peak.Load() {
					peak.Store(m.HeapInuse)
				}
			}
		}
	}()
	fn()
	close(done)
	p := peak.Load()
	if p < base {
		return 0
	}
	return float64(p-base) / (1 << 20)
}

// BenchmarkStream256MiB moves 256 MiB up (a BOM upload from a reader) and
// down (a WSXF download into a writer) and reports the heap growth seen
// while it runs; the goal is at most 16 MiB each.
func BenchmarkStream256MiB(b *testing.B) {
	const size = 256 << 20
	b.Run("upload", func(b *testing.B) {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_, _ = io.Copy(io.Discard, r.Body)
		}))
		defer ts.Close()
		c, err := wats.New(ts.URL, hostileToken)
		require.NoError(b, err)
		b.SetBytes(size)
		var worst float64
		for i := 0; i < b.N; i++ {
			worst = max(worst, peakHeap(func() {
				require.NoError(b, c.Product.UploadBOM(context.Background(), io.LimitReader(zeros{}, size)))
			}))
		}
		b.ReportMetric(worst, "peak-heap-MiB")
	})
	b.Run("download", func(b *testing.B) {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/xml")
			_, _ = io.Copy(w, io.LimitReader(zeros{}, size))
		}))
		defer ts.Close()
		c, err := wats.New(ts.URL, hostileToken)
		require.NoError(b, err)
		b.SetBytes(size)
		var worst float64
		for i := 0; i < b.N; i++ {
			worst = max(worst, peakHeap(func() {
				var w fileWriter
				_, err := c.Report.LoadWSXF(context.Background(), "0c8b5a0e-5b7e-4a8e-9a57-2b1f0e4d7c31", &w)
				require.NoError(b, err)
			}))
		}
		b.ReportMetric(worst, "peak-heap-MiB")
	})
}

// fullDisk fails every write like a disk with no space left.
type fullDisk struct{}

func (fullDisk) Write(p []byte) (int, error) { return 0, syscall.ENOSPC }

func TestLocalWriteErrorsAreNotTheServersFault(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv, wats.WithCircuitBreaker(2, time.Minute))
	id, err := c.Report.SubmitJSON(context.Background(), minimalUUT(t))
	require.NoError(t, err)
	for i := 0; i < 5; i++ {
		_, err := c.Report.LoadWSXF(context.Background(), id, fullDisk{})
		require.ErrorIs(t, err, wats.ErrLocalWrite)
		require.ErrorIs(t, err, syscall.ENOSPC)
	}
	assert.Equal(t, wats.StatusOnline, c.Status(), "a full disk does not take the server offline")
	assert.Len(t, srv.Requests(), 6, "one submit, five loads: never retried")
}
