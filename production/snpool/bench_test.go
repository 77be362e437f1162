package snpool_test

import (
	"testing"

	"github.com/watsgo/sdk/production/snpool"
)

// BenchmarkNextWarm measures one hand-out from a warm pool: flock, an
// fstat and a header pread of the journal, one journal append and its
// fsync. The fsync is the durable bookkeeping and dominates.
func BenchmarkNextWarm(b *testing.B) {
	p, err := snpool.Open(b.TempDir(), "SN", &counter{}, snpool.WithBatchSize(b.N+1), snpool.WithLowWater(0))
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	if _, err := p.Refill(bg()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := p.Next(bg()); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "handouts/s")
}

// BenchmarkNextWarmParallel is BenchmarkNextWarm with goroutines sharing
// one Pool: hand-outs serialise on the lock, so this shows the contended rate.
func BenchmarkNextWarmParallel(b *testing.B) {
	p, err := snpool.Open(b.TempDir(), "SN", &counter{}, snpool.WithBatchSize(b.N+64), snpool.WithLowWater(0))
	if err != nil {
		b.Fatal(err)
	}
	defer p.Close()
	if _, err := p.Refill(bg()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := p.Next(bg()); err != nil {
				b.Error(err)
				return
			}
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "handouts/s")
}
