package convert_test

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
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/atml"
	"github.com/watsgo/sdk/report/queue"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// wsjfConv is a minimal WSJF converter (report.Parse), the second input of the
// pipeline benchmarks. The id is cleared so that each copy gets its own stable id.
type wsjfConv struct{}

func (wsjfConv) Name() string       { return "wsjf-bench" }
func (wsjfConv) Patterns() []string { return []string{"*.json"} }
func (wsjfConv) Sniff(head []byte) convert.Confidence {
	if bytes.HasPrefix(bytes.TrimSpace(head), []byte("{")) {
		return convert.Likely
	}
	return convert.No
}
func (wsjfConv) Convert(ctx context.Context, src *convert.Source) ([]*report.Report, error) {
	b, err := io.ReadAll(src.Reader)
	if err != nil {
		return nil, err
	}
	r, err := report.Parse(b)
	if err != nil {
		return nil, &convert.MalformedError{Converter: "wsjf-bench", File: src.Name, Msg: err.Error()}
	}
	r.SetID("")
	return []*report.Report{r}, nil
}

// benchInput is one file format of the pipeline benchmarks.
type benchInput struct {
	conv     convert.Converter
	doc      []byte
	ext      string
	defaults convert.Defaults
}

// atmlInput is the 32 KB TestStand ATML 6.01 fixture through the ATML converter.
func atmlInput(b *testing.B) benchInput {
	b.Helper()
	doc, err := os.ReadFile("../../../shared/fixtures/convert/atml/ATML 6.01 [2 31 52 PM][5 15 2019].xml")
	if err != nil {
		b.Skip("ATML fixture not found:", err)
	}
	return benchInput{conv: atml.New(), doc: doc, ext: ".xml", defaults: convert.Defaults{
		Location: time.UTC,
		Station:  report.Station{Name: "bench", Location: "Line 1", Purpose: "Production"},
	}}
}

// wsjfInput is the server export fixture (186 steps), compact: 49 KB.
func wsjfInput(b *testing.B) benchInput {
	b.Helper()
	data, err := os.ReadFile("../testdata/uut-server-export.json")
	if err != nil {
		b.Fatal(err)
	}
	r, err := report.Parse(data)
	if err != nil {
		b.Fatal(err)
	}
	doc, err := r.MarshalJSON()
	if err != nil {
		b.Fatal(err)
	}
	return benchInput{conv: wsjfConv{}, doc: doc, ext: ".json"}
}

// runPipeline drops n copies of in.doc into a watched folder and returns the time
// until all were converted, durably enqueued and deleted, and (deliver) until the
// queue uploaded all to the emulator. write writes the files straight into the
// folder instead of moving them in from a folder on the same disk.
func runPipeline(b *testing.B, n int, in benchInput, deliver, write bool, peak *uint64) (converted, delivered time.Duration) {
	b.Helper()
	watch, staging, qdir := b.TempDir(), b.TempDir(), b.TempDir()
	allDone, allSent := make(chan struct{}), make(chan struct{})
	var done, sent atomic.Int64
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
	q, err := queue.Open(qdir, sub, queue.WithCapacity(0, 0), queue.WithEvents(func(e queue.Event) {
		if e.Kind == queue.EventSent && sent.Add(1) == int64(n) {
			close(allSent)
		}
	}))
	if err != nil {
		b.Fatal(err)
	}
	defer q.Close()
	name := func(i int) string { return fmt.Sprintf("r%05d%s", i, in.ext) }
	if !write {
		for i := 0; i < n; i++ {
			if err := os.WriteFile(filepath.Join(staging, name(i)), in.doc, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	reg, err := convert.NewRegistry(in.conv)
	if err != nil {
		b.Fatal(err)
	}
	w, err := convert.NewWatcher(reg, convert.QueueSink(q), &convert.WatcherOptions{
		Folders: []convert.Folder{{Path: watch, Converter: in.conv.Name(), Defaults: in.defaults}},
		OnEvent: func(e convert.Event) {
			switch e.State {
			case convert.StateDone:
				if done.Add(1) == int64(n) {
					close(allDone)
				}
			case convert.StateError:
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
		go func() { defer wg.Done(); _ = q.Run(ctx) }()
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
		var err error
		if write {
			err = os.WriteFile(filepath.Join(watch, name(i)), in.doc, 0o644)
		} else {
			err = os.Rename(filepath.Join(staging, name(i)), filepath.Join(watch, name(i)))
		}
		if err != nil {
			b.Fatal(err)
		}
	}
	wait := func(ch chan struct{}, what string) time.Duration {
		select {
		case <-ch:
		case <-time.After(15 * time.Minute):
			b.Fatalf("%s: timeout (%d done, %d sent)", what, done.Load(), sent.Load())
		}
		return time.Since(start)
	}
	converted = wait(allDone, "convert")
	if deliver {
		delivered = wait(allSent, "deliver")
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
	} else if st, _ := q.Stats(); st.Pending != n {
		b.Fatalf("queue holds %d pending reports, want %d", st.Pending, n)
	}
	return converted, delivered
}

// BenchmarkPipeline1000 drops 1 000 copies of the 32 KB ATML 6.01 fixture (and, for
// comparison, of a 49 KB WSJF report) into a watched folder and measures until
// every file is converted, durably enqueued and deleted (converted-s) and, with
// deliver, until the queue has uploaded all of them to the emulator (delivered-s).
// The files are moved in from a folder on the same disk with mod times older than
// the stability window (a copy that keeps them); the write variant writes them
// straight into the folder, so each also waits out the 1 s stability check.
func BenchmarkPipeline1000(b *testing.B) {
	for _, tc := range []struct {
		name           string
		input          func(*testing.B) benchInput
		deliver, write bool
	}{
		{"atml/queue", atmlInput, false, false},
		{"atml/queue+deliver", atmlInput, true, false},
		{"atml/write+queue", atmlInput, false, true},
		{"wsjf/queue", wsjfInput, false, false},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.StopTimer()
			in := tc.input(b)
			var conv, del time.Duration
			for i := 0; i < b.N; i++ {
				c, d := runPipeline(b, 1000, in, tc.deliver, tc.write, nil)
				conv += c
				del += d
			}
			b.ReportMetric(float64(len(in.doc))/1024, "file-KB")
			b.ReportMetric(conv.Seconds()/float64(b.N), "converted-s")
			if tc.deliver {
				b.ReportMetric(del.Seconds()/float64(b.N), "delivered-s")
			}
		})
	}
}

// BenchmarkPipelineMemory runs the ATML queue pipeline over 1 000 and 10 000 files
// and reports the peak in-use heap, sampled every 20 ms.
func BenchmarkPipelineMemory(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.StopTimer()
			in := atmlInput(b)
			var peak uint64
			var conv time.Duration
			for i := 0; i < b.N; i++ {
				runtime.GC()
				c, _ := runPipeline(b, n, in, false, false, &peak)
				conv += c
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
			b.ReportMetric(conv.Seconds()/float64(b.N), "converted-s")
		})
	}
}

// BenchmarkBaseline1000 is the floor the pipeline is measured against: the same
// 1 000 files converted (ConvertFile: read, convert, finalise, validate) and
// durably enqueued by a plain loop on GOMAXPROCS goroutines, without watching,
// stability checks, the ledger or post-actions.
func BenchmarkBaseline1000(b *testing.B) {
	for _, tc := range []struct {
		name  string
		input func(*testing.B) benchInput
	}{{"atml", atmlInput}, {"wsjf", wsjfInput}} {
		b.Run(tc.name, func(b *testing.B) {
			b.StopTimer()
			in := tc.input(b)
			for i := 0; i < b.N; i++ {
				baselineRun(b, in)
			}
		})
	}
}

func baselineRun(b *testing.B, in benchInput) {
	dir, qdir := b.TempDir(), b.TempDir()
	jobs := make(chan string, 1000)
	for j := 0; j < 1000; j++ {
		p := filepath.Join(dir, fmt.Sprintf("r%05d%s", j, in.ext))
		if err := os.WriteFile(p, in.doc, 0o644); err != nil {
			b.Fatal(err)
		}
		jobs <- p
	}
	close(jobs)
	q, err := queue.Open(qdir, nil, queue.WithCapacity(0, 0))
	if err != nil {
		b.Fatal(err)
	}
	defer q.Close()
	reg, _ := convert.NewRegistry(in.conv)
	opts := &convert.ConvertOptions{Converter: in.conv.Name(), Defaults: in.defaults}
	b.StartTimer()
	var wg sync.WaitGroup
	for k := 0; k < runtime.GOMAXPROCS(0); k++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range jobs {
				reps, err := reg.ConvertFile(context.Background(), p, opts)
				for _, r := range reps {
					if err == nil {
						_, err = q.Enqueue(context.Background(), r)
					}
				}
				if err != nil {
					b.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
}
