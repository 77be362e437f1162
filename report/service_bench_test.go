package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/wats"
)

// BenchmarkSubmit posts a 20-step UUT to the emulator over loopback through
// the SDK (finalise, validate, encode, send, parse the answer) and, in the
// same run, the same bytes through a bare net/http POST. The emulator keeps
// one report (same id, replaced), so memory does not grow with b.N.
func BenchmarkSubmit(b *testing.B) {
	doc := uutDoc(uutSpec{id: guid(1), sn: "BENCH-1", steps: 20})
	// The default limiter (500 per minute, like pyWATS) would cap the
	// figure; the benchmark measures the client, so it is switched off.
	c, srv := apitest.SetupClient(b, []wats.Option{apitest.NoRateLimit()})
	ctx := context.Background()

	sdk := func(b *testing.B) func() func() error {
		return func() func() error {
			r, err := report.Parse(doc) // one report per goroutine: Submit finalises it
			if err != nil {
				b.Fatal(err)
			}
			return func() error { _, err := c.Report.Submit(ctx, r); return err }
		}
	}
	raw := func(b *testing.B) func() func() error {
		return func() func() error {
			return func() error {
				req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL()+"/api/Report/WSJF", bytes.NewReader(doc))
				if err != nil {
					return err
				}
				req.Header.Set("Authorization", "Basic "+srv.Token())
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					return err
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					return fmt.Errorf("status %d", resp.StatusCode)
				}
				return nil
			}
		}
	}
	for _, kind := range []struct {
		name string
		mk   func(*testing.B) func() func() error
	}{{"sdk", sdk}, {"raw", raw}} {
		for _, g := range []int{1, 8} {
			b.Run(fmt.Sprintf("%s/goroutines=%d", kind.name, g), func(b *testing.B) {
				b.SetBytes(int64(len(doc)))
				b.ReportAllocs()
				runConcurrent(b, g, kind.mk(b))
			})
		}
	}
}

// runConcurrent shares b.N calls among g goroutines, each with its own
// call from mk, and reports requests per second.
func runConcurrent(b *testing.B, g int, mk func() func() error) {
	calls := make([]func() error, g)
	for i := range calls {
		calls[i] = mk()
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	var firstErr atomic.Value
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < g; i++ {
		wg.Add(1)
		go func(call func() error) {
			defer wg.Done()
			for next.Add(1) <= int64(b.N) {
				if err := call(); err != nil {
					firstErr.CompareAndSwap(nil, err)
					return
				}
			}
		}(calls[i])
	}
	wg.Wait()
	b.StopTimer()
	if err, _ := firstErr.Load().(error); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
}

// BenchmarkHeadersStream walks 10 000 and 100 000 headers through Headers
// against a server that makes pages on the fly, so only the client's memory
// is at stake. peak-heap-MB is the highest HeapAlloc sampled every 1 000
// rows (after a GC before the walk); it must stay flat as the count grows.
func BenchmarkHeadersStream(b *testing.B) {
	for _, total := range []int{10_000, 100_000} {
		b.Run("headers="+strconv.Itoa(total), func(b *testing.B) {
			ts := httptest.NewServer(headerPager(total))
			defer ts.Close()
			c, err := wats.New(ts.URL, "token", wats.WithRateLimit(0, 0))
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			var peak uint64
			var ms runtime.MemStats
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				runtime.GC()
				n := 0
				for _, err := range c.Report.Headers(ctx, report.HeaderQuery{}, report.WithPageSize(500)) {
					if err != nil {
						b.Fatal(err)
					}
					n++
					if n%1000 == 0 {
						runtime.ReadMemStats(&ms)
						peak = max(peak, ms.HeapAlloc)
					}
				}
				if n != total {
					b.Fatalf("walked %d headers, want %d", n, total)
				}
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(float64(total*b.N)/b.Elapsed().Seconds(), "headers/s")
		})
	}
}

// headerPager serves R1 pages of synthetic headers for $top/$skip.
func headerPager(total int) http.Handler {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		top, _ := strconv.Atoi(r.URL.Query().Get("$top"))
		skip, _ := strconv.Atoi(r.URL.Query().Get("$skip"))
		end := min(skip+top, total)
		w.Header().Set("Content-Type", "application/json")
		enc := json.NewEncoder(w)
		_, _ = io.WriteString(w, "[")
		for i := skip; i < end; i++ {
			if i > skip {
				_, _ = io.WriteString(w, ",")
			}
			_ = enc.Encode(report.ReportHeader{
				ID: guid(i), SerialNumber: "SN-" + strconv.Itoa(i), PartNumber: "PCBA-100", Revision: "A",
				ReportType: report.TypeUUT, StationName: "FCT-01", Location: "Line 2", Purpose: "Production",
				ProcessCode: 10, ProcessName: "FCT", Result: "Passed", Start: start.Add(time.Duration(i) * time.Second),
				UserName: "op1", ExecutionTime: 12.5,
			})
		}
		_, _ = io.WriteString(w, "]")
	})
}
