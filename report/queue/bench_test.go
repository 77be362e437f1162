package queue

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/watsgo/sdk/report"
)

// BenchmarkEnqueue20Steps compares a durable Enqueue of a 20-step report
// with a bare temp-write+fsync+rename of the same report bytes (and the
// same plus the directory fsync that makes the rename itself durable).
func BenchmarkEnqueue20Steps(b *testing.B) {
	b.Run("queue", func(b *testing.B) {
		q, err := Open(b.TempDir(), nil, WithCapacity(0, 0))
		if err != nil {
			b.Fatal(err)
		}
		defer q.Close()
		rs := make([]*report.Report, b.N)
		for i := range rs {
			rs[i] = newReport(b, newID(), 20)
		}
		b.SetBytes(int64(len(reportJSON(newID(), 20))))
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := q.Enqueue(context.Background(), rs[i]); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, dirSync := range []bool{false, true} {
		name := "raw_write_fsync_rename"
		if dirSync {
			name += "_dirsync"
		}
		b.Run(name, func(b *testing.B) {
			dir := b.TempDir()
			ids := make([]string, b.N)
			for i := range ids {
				ids[i] = newID()
			}
			data := reportJSON(ids[0], 20)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				rawWrite(b, dir, ids[i]+".json", data, dirSync)
			}
		})
	}
}

// BenchmarkDrain1000 uploads 1 000 queued 20-step reports over loopback
// HTTP to a de-duplicating report store; one op is the whole drain.
func BenchmarkDrain1000(b *testing.B) {
	const n = 1000
	srv := newReportServer(b)
	sub := newHTTPSubmitter(srv.srv.URL)
	BenchDrain(b, n, sub, func() *report.Report { return newReport(b, newID(), 20) })
	if got := len(srv.deliveries()); got != n*b.N {
		b.Fatalf("server holds %d reports, want %d", got, n*b.N)
	}
}

// BenchmarkEnqueueVsRaw interleaves, op by op, a durable Enqueue of a
// 20-step report with a bare temp-write+fsync+rename of the same report
// bytes, and with the same plus a directory fsync, so a busy shared disk
// slows all three alike. rate_vs_raw is the queue's rate relative to the
// bare write (target ≥ 0.8); rate_vs_raw_dirsync compares equal durability.
func BenchmarkEnqueueVsRaw(b *testing.B) {
	q, err := Open(b.TempDir(), nil, WithCapacity(0, 0))
	if err != nil {
		b.Fatal(err)
	}
	defer q.Close()
	rawDir := b.TempDir()
	rs := make([]*report.Report, b.N)
	for i := range rs {
		rs[i] = newReport(b, newID(), 20)
	}
	data := reportJSON(newID(), 20)
	var tq, tr, trd time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if _, err := q.Enqueue(context.Background(), rs[i]); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		rawWrite(b, rawDir, rs[i].ID()+".json", data, false)
		t2 := time.Now()
		rawWrite(b, rawDir, rs[i].ID()+".d.json", data, true)
		t3 := time.Now()
		tq, tr, trd = tq+t1.Sub(t0), tr+t2.Sub(t1), trd+t3.Sub(t2)
	}
	b.ReportMetric(float64(tq.Nanoseconds())/float64(b.N), "queue-ns/op")
	b.ReportMetric(float64(tr.Nanoseconds())/float64(b.N), "raw-ns/op")
	b.ReportMetric(float64(trd.Nanoseconds())/float64(b.N), "raw+dirsync-ns/op")
	b.ReportMetric(float64(tr)/float64(tq), "rate_vs_raw")
	b.ReportMetric(float64(trd)/float64(tq), "rate_vs_raw_dirsync")
}

// BenchDrain seeds a queue in a fresh directory with n reports from
// newRep, then times draining it through sub; one op is the whole drain.
// It reports reports/s. (Exported for the queue_test benchmarks.)
func BenchDrain(b *testing.B, n int, sub Submitter, newRep func() *report.Report) {
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		dir := b.TempDir()
		seed, err := Open(dir, nil, WithCapacity(0, 0))
		if err != nil {
			b.Fatal(err)
		}
		for j := 0; j < n; j++ {
			if _, err := seed.Enqueue(context.Background(), newRep()); err != nil {
				b.Fatal(err)
			}
		}
		_ = seed.Close()
		var sent atomic.Int32
		done := make(chan struct{})
		q, err := Open(dir, sub, WithCapacity(0, 0), WithEvents(func(e Event) {
			if e.Kind == EventSent && sent.Add(1) == int32(n) {
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
}

// rawWrite is the bare durable write the queue is measured against:
// temp-write, fsync, rename to name in dir, and with dirSync the directory
// fsync that makes the rename itself durable.
func rawWrite(b *testing.B, dir, name string, data []byte, dirSync bool) {
	f, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := f.Write(data); err != nil {
		b.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		b.Fatal(err)
	}
	if err := f.Close(); err != nil {
		b.Fatal(err)
	}
	if err := os.Rename(f.Name(), filepath.Join(dir, name)); err != nil {
		b.Fatal(err)
	}
	if dirSync {
		if err := (osFS{}).SyncDir(dir); err != nil {
			b.Fatal(err)
		}
	}
}
