package queue_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/watsgo/sdk/report/queue"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// BenchmarkDrainEmulator1000 drains 1 000 queued 20-step reports through
// the real client (report.Service) to the emulator over loopback; one op is
// the whole drain. The client's rate limiter is off: its default (500 per
// minute) would otherwise set the pace, not the queue.
func BenchmarkDrainEmulator1000(b *testing.B) {
	const n = 1000
	srv := watstest.NewServer()
	defer srv.Close()
	client, err := wats.New(srv.URL(), srv.Token(), wats.WithRateLimit(0, 0))
	if err != nil {
		b.Fatal(err)
	}
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		seed, err := queue.Open(dir, nil, queue.WithCapacity(0, 0))
		if err != nil {
			b.Fatal(err)
		}
		for j := 0; j < n; j++ {
			if _, err := seed.Enqueue(context.Background(), emulatorReport(b, newGUID(b), 20)); err != nil {
				b.Fatal(err)
			}
		}
		_ = seed.Close()
		var sent atomic.Int32
		done := make(chan struct{})
		q, err := queue.Open(dir, client.Report, queue.WithCapacity(0, 0), queue.WithEvents(func(e queue.Event) {
			if e.Kind == queue.EventSent && sent.Add(1) == n {
				close(done)
			}
		}))
		if err != nil {
			b.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		stopped := make(chan struct{})
		b.StartTimer()
		start := time.Now()
		go func() {
			_ = q.Run(ctx)
			close(stopped)
		}()
		select {
		case <-done:
		case <-time.After(2 * time.Minute):
			b.Fatalf("drain stuck at %d/%d", sent.Load(), n)
		}
		total += time.Since(start)
		b.StopTimer()
		cancel()
		<-stopped
		_ = q.Close()
	}
	b.ReportMetric(float64(n*b.N)/total.Seconds(), "reports/s")
	if got := len(srv.Reports()); got != n*b.N {
		b.Fatalf("emulator holds %d reports, want %d", got, n*b.N)
	}
}
