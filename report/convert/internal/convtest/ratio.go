package convtest

import (
	"testing"
	"time"
)

// Ratio runs baseline and convert alternately b.N times, so that both see
// the same machine load, and reports each one's files/s and their ratio
// (convert files/s ÷ baseline files/s; 1 means as fast as the baseline).
func Ratio(b *testing.B, baseline, convert func() error) {
	b.Helper()
	b.ReportAllocs()
	var tb, tc time.Duration
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if err := baseline(); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if err := convert(); err != nil {
			b.Fatal(err)
		}
		t2 := time.Now()
		tb += t1.Sub(t0)
		tc += t2.Sub(t1)
	}
	if tb <= 0 || tc <= 0 {
		return
	}
	b.ReportMetric(float64(b.N)/tb.Seconds(), "baseline-files/s")
	b.ReportMetric(float64(b.N)/tc.Seconds(), "convert-files/s")
	b.ReportMetric(float64(tb)/float64(tc), "ratio")
}

// FilesPerSecond runs fn b.N times as the sub-benchmark name and reports
// its files/s (one call of fn handles one file).
func FilesPerSecond(b *testing.B, name string, fn func() error) {
	b.Run(name, func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if err := fn(); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "files/s")
	})
}
