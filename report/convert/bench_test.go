package convert

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/queue"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// wsjfConv is the minimal converter of the pipeline benchmarks: a WSJF document
// parsed with report.Parse (the ATML converter lives on another branch). The id is
// cleared so that each copy gets its own stable id, as a converted file without an
// id would.
type wsjfConv struct{}

func (wsjfConv) Name() string       { return "wsjf-bench" }
func (wsjfConv) Patterns() []string { return []string{"*.json"} }
func (wsjfConv) Sniff(head []byte) Confidence {
	if bytes.HasPrefix(bytes.TrimSpace(head), []byte("{")) {
		return Likely
	}
	return No
}
func (wsjfConv) Convert(ctx context.Context, src *Source) ([]*report.Report, error) {
	b, err := io.ReadAll(src.Reader)
	if err != nil {
		return nil, err
	}
	r, err := report.Parse(b)
	if err != nil {
		return nil, &MalformedError{Converter: "wsjf-bench", File: src.Name, Msg: err.Error()}
	}
	r.SetID("")
	return []*report.Report{r}, nil
}

// benchDoc is the server export fixture (7 top-level steps, 186 in all), compact:
// about 32 KB.
func benchDoc(b *testing.B) []byte {
	b.Helper()
	data, err := os.ReadFile("../testdata/uut-server-export.json")
	if err != nil {
		b.Fatal(err)
	}
	r, err := report.Parse(data)
	if err != nil {
		b.Fatal(err)
	}
	out, err := r.MarshalJSON()
	if err != nil {
		b.Fatal(err)
	}
	return out
}

// pipeline is one run: n files dropped into a watched folder, converted, durably
// enqueued and deleted; with deliver, also uploaded to the emulator.
type pipeline struct {
	watch, staging, qdir string
	q                    *queue.Queue
	sent                 atomic.Int64
	done                 atomic.Int64
	allDone, allSent     chan struct{}
}

func runPipeline(b *testing.B, n int, doc []byte, deliver, write bool, peak *uint64) (converted, delivered time.Duration) {
	b.Helper()
	p := &pipeline{watch: b.TempDir(), staging: b.TempDir(), qdir: b.TempDir(),
		allDone: make(chan struct{}), allSent: make(chan struct{})}
	var srv *watstest.Server
	var sub queue.Submitter
	if deliver {
		srv = watstest.NewServer()
		defer srv.Close()
		client, err := wats.New(srv.URL(), srv.Token(), wats.WithRateLimit(0, 0))
		if err != nil {
			b.Fatal(err)
		}
		sub = client.Report
	}
	var err error
	p.q, err = queue.Open(p.qdir, sub, queue.WithCapacity(0, 0), queue.WithEvents(func(e queue.Event) {
		if e.Kind == queue.EventSent && p.sent.Add(1) == int64(n) {
			close(p.allSent)
		}
	}))
	if err != nil {
		b.Fatal(err)
	}
	defer p.q.Close()
	if !write {
		for i := 0; i < n; i++ {
			if err := os.WriteFile(filepath.Join(p.staging, fmt.Sprintf("r%05d.json", i)), doc, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	reg, _ := NewRegistry(wsjfConv{})
	w, err := NewWatcher(reg, QueueSink(p.q), &WatcherOptions{
		Folders: []Folder{{Path: p.watch, Converter: "wsjf-bench"}},
		OnEvent: func(e Event) {
			switch e.State {
			case StateDone:
				if p.done.Add(1) == int64(n) {
					close(p.allDone)
				}
			case StateError:
				b.Errorf("%s: %v", e.File, e.Err)
			}
		},
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); _ = w.Run(ctx) }()
	if deliver {
		wg.Add(1)
		go func() { defer wg.Done(); _ = p.q.Run(ctx) }()
	}
	stopPeak := make(chan struct{})
	var peakWG sync.WaitGroup
	if peak != nil {
		peakWG.Add(1)
		go func() {
			defer peakWG.Done()
			var ms runtime.MemStats
			for {
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > *peak {
					*peak = ms.HeapInuse
				}
				select {
				case <-stopPeak:
					return
				case <-time.After(20 * time.Millisecond):
				}
			}
		}()
	}
	time.Sleep(50 * time.Millisecond) // the watcher's first scan of the empty folder
	b.StartTimer()
	start := time.Now()
	for i := 0; i < n; i++ {
		name := fmt.Sprintf("r%05d.json", i)
		var err error
		if write {
			err = os.WriteFile(filepath.Join(p.watch, name), doc, 0o644)
		} else {
			err = os.Rename(filepath.Join(p.staging, name), filepath.Join(p.watch, name))
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	wait := func(ch chan struct{}, what string) time.Duration {
		select {
		case <-ch:
		case <-time.After(10 * time.Minute):
			b.Fatalf("%s: timeout (%d done, %d sent)", what, p.done.Load(), p.sent.Load())
		}
		return time.Since(start)
	}
	converted = wait(p.allDone, "convert")
	if deliver {
		delivered = wait(p.allSent, "deliver")
	}
	b.StopTimer()
	close(stopPeak)
	peakWG.Wait()
	cancel()
	wg.Wait()
	if deliver {
		if got := len(srv.Reports()); got != n {
			b.Fatalf("emulator holds %d reports, want %d", got, n)
		}
	} else if st, _ := p.q.Stats(); st.Pending != n {
		b.Fatalf("queue holds %d pending reports, want %d", st.Pending, n)
	}
	return converted, delivered
}

// BenchmarkPipeline1000 drops 1 000 copies of a ~32 KB WSJF report into a watched
// folder (moved in from a folder on the same disk, mod times older than the
// stability window, as a copy that keeps them) and measures until every file is
// converted, durably enqueued and deleted (converted-s), and, in the deliver
// variant, until the queue has uploaded all of them to the emulator
// (delivered-s). The write variant writes the files straight into the folder, so
// every file also waits out the 1 s stability check.
func BenchmarkPipeline1000(b *testing.B) {
	doc := benchDoc(b)
	for _, tc := range []struct {
		name           string
		deliver, write bool
	}{
		{"queue", false, false},
		{"queue+deliver", true, false},
		{"write+queue", false, true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.StopTimer()
			var conv, del time.Duration
			for i := 0; i < b.N; i++ {
				c, d := runPipeline(b, 1000, doc, tc.deliver, tc.write, nil)
				conv += c
				del += d
			}
			b.ReportMetric(float64(len(doc))/1024, "file-KB")
			b.ReportMetric(conv.Seconds()/float64(b.N), "converted-s")
			if tc.deliver {
				b.ReportMetric(del.Seconds()/float64(b.N), "delivered-s")
			}
		})
	}
}

// BenchmarkPipelineMemory runs the queue pipeline over 1 000 and 10 000 files and
// reports the peak in-use heap, sampled every 20 ms: it must stay within 2x.
func BenchmarkPipelineMemory(b *testing.B) {
	doc := benchDoc(b)
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.StopTimer()
			var peak uint64
			var conv time.Duration
			for i := 0; i < b.N; i++ {
				runtime.GC()
				c, _ := runPipeline(b, n, doc, false, false, &peak)
				conv += c
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(conv.Seconds()/float64(b.N), "converted-s")
		})
	}
}

// BenchmarkBaseline1000 is the floor the pipeline is measured against: the same
// 1 000 files read, parsed, finalised, validated and durably enqueued by a plain
// loop on GOMAXPROCS goroutines, without watching, stability checks, the ledger or
// post-actions.
func BenchmarkBaseline1000(b *testing.B) {
	doc := benchDoc(b)
	b.StopTimer()
	for i := 0; i < b.N; i++ {
		dir, qdir := b.TempDir(), b.TempDir()
		for j := 0; j < 1000; j++ {
			if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("r%05d.json", j)), doc, 0o644); err != nil {
				b.Fatal(err)
			}
		}
		q, err := queue.Open(qdir, nil, queue.WithCapacity(0, 0))
		if err != nil {
			b.Fatal(err)
		}
		reg, _ := NewRegistry(wsjfConv{})
		jobs := make(chan string, 1000)
		for j := 0; j < 1000; j++ {
			jobs <- filepath.Join(dir, fmt.Sprintf("r%05d.json", j))
		}
		close(jobs)
		b.StartTimer()
		var wg sync.WaitGroup
		for k := 0; k < runtime.GOMAXPROCS(0); k++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for p := range jobs {
					reps, err := reg.ConvertFile(context.Background(), p, &ConvertOptions{Converter: "wsjf-bench"})
					if err == nil {
						_, err = q.Enqueue(context.Background(), reps[0])
					}
					if err != nil {
						b.Error(err)
					}
				}
			}()
		}
		wg.Wait()
		b.StopTimer()
		q.Close()
	}
}
