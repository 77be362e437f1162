package snpool_test

import (
	"os"
	"testing"

	"github.com/watsgo/sdk/production/snpool"
)

// BenchmarkNextWarm measures one hand-out from a warm pool: flock, an
// fstat and a header pread of the journal, one journal append and its
// fsync. The fsync is the durable bookkeeping and dominates.
func BenchmarkNextWarm(b *testing.B) { benchNext(b, b.TempDir()) }

// BenchmarkNextWarmTmpfs runs the same hand-out on tmpfs, where fsync is
// free: what is left is the pool's own cost (syscalls and bookkeeping).
func BenchmarkNextWarmTmpfs(b *testing.B) {
	if st, err := os.Stat("/dev/shm"); err != nil || !st.IsDir() {
		b.Skip("no /dev/shm")
	}
	dir, err := os.MkdirTemp("/dev/shm", "snpool-bench")
	if err != nil {
		b.Skip(err)
	}
	defer os.RemoveAll(dir)
	benchNext(b, dir)
}

func benchNext(b *testing.B, dir string) {
	p, err := snpool.Open(dir, "SN", &counter{}, snpool.WithBatchSize(b.N+1), snpool.WithLowWater(0))
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
