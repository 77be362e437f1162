package convert

import (
	"archive/zip"
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/report"
)

var collisionName = regexp.MustCompile(`^a\.[a-z0-9]{8}\.fake$`)

func TestWatcherPostActions(t *testing.T) {
	for _, tc := range []struct {
		action PostAction
		check  func(t *testing.T, h *harness)
	}{
		{Delete, func(t *testing.T, h *harness) {
			assert.False(t, exists(filepath.Join(h.dir, "a.fake")))
			assert.False(t, exists(filepath.Join(h.dir, "Done", "a.fake")))
		}},
		{Move, func(t *testing.T, h *harness) {
			assert.False(t, exists(filepath.Join(h.dir, "a.fake")))
			b, err := os.ReadFile(filepath.Join(h.dir, "Done", "a.fake"))
			require.NoError(t, err)
			assert.Equal(t, "old", string(b), "the file already in Done/ is not overwritten")
			des, err := os.ReadDir(filepath.Join(h.dir, "Done"))
			require.NoError(t, err)
			var moved []string
			for _, de := range des {
				if collisionName.MatchString(de.Name()) {
					moved = append(moved, de.Name())
				}
			}
			assert.Len(t, moved, 1, "collision name <stem>.<8 random>.<ext>: %v", des)
		}},
		{Archive, func(t *testing.T, h *harness) {
			zp := filepath.Join(h.dir, "Done", time.Now().Format("200601")+".zip")
			require.Eventually(t, func() bool { return !exists(filepath.Join(h.dir, "Done", "b.fake")) }, 5*time.Second, 10*time.Millisecond)
			zr, err := zip.OpenReader(zp)
			require.NoError(t, err)
			defer zr.Close()
			var names []string
			for _, f := range zr.File {
				names = append(names, f.Name)
			}
			assert.Contains(t, names, "b.fake")
			assert.Contains(t, names, "a.fake")
			assert.False(t, exists(filepath.Join(h.dir, "a.fake")))
		}},
		{Keep, func(t *testing.T, h *harness) {
			assert.True(t, exists(filepath.Join(h.dir, "a.fake")))
			// A rescan does not convert the kept file again...
			h.w.requestScan(h.w.roots[0])
			time.Sleep(200 * time.Millisecond)
			assert.Equal(t, int64(2), h.conv.calls.Load())
			// ... but a changed one is a new file.
			h.write("a.fake", fakeFile("", "SN-A2"))
			h.mu.Lock()
			h.events = nil
			h.mu.Unlock()
			h.waitFor(StateDone, "a.fake")
			assert.Equal(t, int64(3), h.conv.calls.Load())
		}},
	} {
		t.Run(tc.action.String(), func(t *testing.T) {
			h := newHarness(t, func(h *harness, o *WatcherOptions) { o.Folders[0].PostAction = tc.action })
			if tc.action == Move {
				require.NoError(t, os.MkdirAll(filepath.Join(h.dir, "Done"), 0o755))
				h.write("Done/a.fake", "old")
			}
			h.start()
			h.write("a.fake", fakeFile("", "SN-A"))
			h.write("b.fake", fakeFile("", "SN-B"))
			h.waitFor(StateDone, "a.fake", "b.fake")
			assert.ElementsMatch(t, []string{"SN-A", "SN-B"}, h.sink.serials())
			tc.check(t, h)
		})
	}
}

func TestWatcherErrorSidecarAndLog(t *testing.T) {
	h := newHarness(t, func(h *harness, o *WatcherOptions) { o.Folders[0].ConversionLog = true })
	h.write("Error/bad.fake", "an older failure with the same name")
	h.start()
	h.write("bad.fake", fakeFile("fail\n", "SN1"))
	h.write("invalid.fake", fakeFile("invalid\n", "SN1"))
	evs := h.waitFor(StateError, "bad.fake", "invalid.fake")
	assert.ErrorIs(t, evs[0].Err, ErrMalformed)
	assert.ErrorIs(t, evs[1].Err, ErrValidation)
	assert.ErrorIs(t, evs[1].Err, errs.ErrValidation)
	assert.Empty(t, h.sink.ids(), "nothing of a failed file reaches the sink")

	dest := evs[0].Dest
	assert.Equal(t, filepath.Join(h.dir, "Error"), filepath.Dir(dest))
	assert.NotEqual(t, "bad.fake", filepath.Base(dest), "collision renamed")
	var sc sidecar
	b, err := os.ReadFile(dest + ".error.json")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &sc))
	assert.Equal(t, "fake", sc.Converter)
	assert.Equal(t, 1, sc.Attempts)
	assert.Contains(t, sc.Error, "fail requested")
	assert.WithinDuration(t, time.Now(), sc.Time, time.Minute)
	assert.FileExists(t, filepath.Join(h.dir, "Error", "invalid.fake"))
	assert.FileExists(t, filepath.Join(h.dir, "Error", "invalid.fake.error.json"))
	assert.False(t, exists(filepath.Join(h.dir, "bad.fake")))

	// The conversion log is JSON lines beside the file's final location.
	stem := strings.TrimSuffix(filepath.Base(dest), ".fake")
	lf, err := os.Open(filepath.Join(h.dir, "Error", stem+".log"))
	require.NoError(t, err)
	defer lf.Close()
	var steps []string
	sc2 := bufio.NewScanner(lf)
	for sc2.Scan() {
		var e convLogEntry
		require.NoError(t, json.Unmarshal(sc2.Bytes(), &e))
		assert.False(t, e.Time.IsZero())
		steps = append(steps, e.Step)
	}
	assert.Equal(t, []string{"claim", "error"}, steps)
}

func TestWatcherConversionLogDone(t *testing.T) {
	h := newHarness(t, func(h *harness, o *WatcherOptions) {
		o.Folders[0].ConversionLog = true
		o.Folders[0].PostAction = Move
	})
	h.start()
	h.write("ok.fake", fakeFile("warn\n", "S1", "S2"))
	h.waitFor(StateDone, "ok.fake")
	b, err := os.ReadFile(filepath.Join(h.dir, "Done", "ok.log"))
	require.NoError(t, err)
	s := string(b)
	for _, want := range []string{`"step":"claim"`, `"step":"convert"`, `"level":"WARN"`, `"step":"accept"`, `"step":"done"`} {
		assert.Contains(t, s, want)
	}
}

func TestWatcherDeadline(t *testing.T) {
	h := newHarness(t, func(h *harness, o *WatcherOptions) { o.FileTimeout = 150 * time.Millisecond })
	h.start()
	start := time.Now()
	h.write("slow.fake", fakeFile("sleep=1m\n", "S1"))
	h.write("hang.fake", fakeFile("hang\n", "S1"))
	evs := h.waitFor(StateError, "slow.fake", "hang.fake")
	for _, e := range evs {
		assert.ErrorIs(t, e.Err, context.DeadlineExceeded, e.File)
	}
	assert.Less(t, time.Since(start), 5*time.Second, "a converter ignoring ctx does not hold a worker")
	assert.FileExists(t, filepath.Join(h.dir, "Error", "hang.fake"))
	// No silent re-queue: each file was converted once.
	time.Sleep(100 * time.Millisecond)
	assert.Equal(t, int64(2), h.conv.calls.Load())
	assert.Empty(t, h.sink.ids())
}

func TestWatcherStability(t *testing.T) {
	h := newHarness(t, func(h *harness, o *WatcherOptions) {
		o.StableFor = 300 * time.Millisecond
		o.StableRetry = 30 * time.Millisecond
	})
	h.start()
	p := filepath.Join(h.dir, "growing.fake")
	f, err := os.Create(p)
	require.NoError(t, err)
	_, _ = f.WriteString("FAKE\n")
	var sns []string
	var written time.Time
	for i := 0; i < 10; i++ { // a writer appending every 100 ms for a second
		sn := fmt.Sprintf("S%d", i)
		sns = append(sns, sn)
		_, err := f.WriteString("sn=" + sn + "\n")
		require.NoError(t, err)
		written = time.Now()
		time.Sleep(100 * time.Millisecond)
		assert.Zero(t, h.count("growing.fake", StateProcessing), "claimed while still being written")
	}
	require.NoError(t, f.Close())
	evs := h.waitFor(StateDone, "growing.fake")
	assert.GreaterOrEqual(t, evs[0].Time.Sub(written), 290*time.Millisecond, "ready only after StableFor without change")
	assert.Equal(t, sns, h.sink.serials(), "the whole file was converted")
	assert.Equal(t, int64(1), h.conv.calls.Load())
}

func TestWatcherEventsAndRecursion(t *testing.T) {
	h := newHarness(t, func(h *harness, o *WatcherOptions) { o.Folders[0].Recursive = true })
	h.start()
	time.Sleep(50 * time.Millisecond)
	// ScanInterval is an hour: only fsnotify events find these.
	h.write("top.fake", fakeFile("", "T"))
	h.waitFor(StateDone, "top.fake")
	require.NoError(t, os.MkdirAll(filepath.Join(h.dir, "line1"), 0o755))
	time.Sleep(100 * time.Millisecond) // the new folder's watch is added by the scan its event asks for
	h.write("line1/deep.fake", fakeFile("", "D"))
	evs := h.waitFor(StateDone, "deep.fake")
	assert.Equal(t, filepath.Join(h.dir, "line1", "deep.fake"), evs[0].File)
	// A rename into the folder is an event too.
	other := t.TempDir()
	src := filepath.Join(other, "moved.fake")
	require.NoError(t, os.WriteFile(src, []byte(fakeFile("", "M")), 0o644))
	require.NoError(t, os.Rename(src, filepath.Join(h.dir, "moved.fake")))
	h.waitFor(StateDone, "moved.fake")
	assert.ElementsMatch(t, []string{"T", "D", "M"}, h.sink.serials())
}

func TestWatcherIgnores(t *testing.T) {
	h := newHarness(t, func(h *harness, o *WatcherOptions) { o.ScanInterval = 50 * time.Millisecond })
	for _, n := range []string{".hidden.fake", "~lock.fake", "Done/x.fake", "Error/y.fake", "Pending/z.fake", "other.txt", "sub/deep.fake"} {
		h.write(n, fakeFile("", "X"))
	}
	h.write("take.FAKE", fakeFile("", "TAKE")) // patterns are case-insensitive
	h.start()
	h.waitFor(StateDone, "take.FAKE")
	time.Sleep(200 * time.Millisecond) // a few more scans
	assert.Equal(t, []string{"TAKE"}, h.sink.serials())
	for _, n := range []string{".hidden.fake", "~lock.fake", "Done/x.fake", "Error/y.fake", "Pending/z.fake", "other.txt", "sub/deep.fake"} {
		assert.FileExists(t, filepath.Join(h.dir, filepath.FromSlash(n)))
	}
}

func TestWatcherOrderAndBound(t *testing.T) {
	h := newHarness(t, func(h *harness, o *WatcherOptions) {
		o.Workers = 1
		o.MaxPending = 2
	})
	base := time.Now().Add(-time.Hour)
	names := []string{"e.fake", "c.fake", "a.fake", "d.fake", "b.fake"}
	for i, n := range names {
		p := h.write(n, fakeFile("", n))
		require.NoError(t, os.Chtimes(p, base, base.Add(time.Duration(i)*time.Minute)))
	}
	h.start()
	h.waitFor(StateDone, names...)
	assert.Equal(t, names, h.sink.serials(), "oldest mod time first, across scans of a bounded pending set")
}

func TestWatcherSniffFolder(t *testing.T) {
	h := newHarness(t, func(h *harness, o *WatcherOptions) {
		o.Folders = []Folder{{Path: h.dir, Sniff: true, Patterns: []string{"*.dat"}}, {Path: h.dir, Converter: "fake"}}
	})
	h.start()
	h.write("good.dat", fakeFile("", "G"))
	h.write("unknown.dat", "<xml/>")
	h.write("bound.fake", "<xml/>") // bound: the converter gets it regardless
	evs := h.waitFor(StateError, "unknown.dat", "bound.fake")
	assert.ErrorIs(t, evs[0].Err, ErrUnknownFormat)
	assert.Equal(t, "", evs[0].Converter)
	assert.ErrorIs(t, evs[1].Err, ErrMalformed)
	done := h.waitFor(StateDone, "good.dat")
	assert.Equal(t, "fake", done[0].Converter)
}

func TestWatcherSinkFailures(t *testing.T) {
	t.Run("temporary failure keeps the file pending, accepted ids are not re-sent", func(t *testing.T) {
		h := newHarness(t, nil)
		h.sink.fail = func(r *report.Report, call int) error {
			if r.Header.SN.Value() == "S2" && call <= 2 {
				return errors.New("disk full")
			}
			return nil
		}
		h.start()
		h.write("multi.fake", fakeFile("", "S1", "S2", "S3"))
		evs := h.waitFor(StateDone, "multi.fake")
		assert.Equal(t, []string{"S1", "S2", "S3"}, h.sink.serials(), "each report accepted exactly once")
		assert.Equal(t, 3, evs[0].Attempt)
		assert.Len(t, evs[0].Reports, 3)
		assert.Equal(t, 2, h.count("multi.fake", StatePending))
		h.sink.mu.Lock()
		assert.Equal(t, 1, h.sink.calls[h.sink.accepted[0].ID()], "S1 was handed over once")
		h.sink.mu.Unlock()
	})
	t.Run("ids the converter chose at random are kept across retries", func(t *testing.T) {
		h := newHarness(t, nil)
		h.sink.fail = func(r *report.Report, call int) error {
			if r.Header.SN.Value() == "S2" && call <= 1 {
				return errors.New("disk full")
			}
			return nil
		}
		h.start()
		h.write("random.fake", "FAKE\nsn=S1\nrandom\nsn=S2\nrandom\n")
		evs := h.waitFor(StateDone, "random.fake")
		assert.Equal(t, []string{"S1", "S2"}, h.sink.serials(), "S1 not handed over again under a new id")
		assert.Equal(t, h.sink.ids(), evs[0].Reports)
		assert.Equal(t, int64(2), h.conv.calls.Load(), "converted twice, same ids both times")
	})
	t.Run("rejection moves the file to Error with the accepted ids", func(t *testing.T) {
		h := newHarness(t, nil)
		h.sink.fail = func(r *report.Report, call int) error {
			if r.Header.SN.Value() == "S2" {
				return fmt.Errorf("%w: 400 bad report", ErrRejected)
			}
			return nil
		}
		h.start()
		h.write("rej.fake", fakeFile("", "S1", "S2"))
		evs := h.waitFor(StateError, "rej.fake")
		assert.ErrorIs(t, evs[0].Err, ErrRejected)
		b, err := os.ReadFile(filepath.Join(h.dir, "Error", "rej.fake.error.json"))
		require.NoError(t, err)
		var sc sidecar
		require.NoError(t, json.Unmarshal(b, &sc))
		assert.Equal(t, h.sink.ids(), sc.Reports)
	})
}

func TestWatcherSuspend(t *testing.T) {
	h := newHarness(t, nil)
	h.start()
	h.write("wait.fake", fakeFile("suspend=100ms\n", "S1"))
	evs := h.waitFor(StateSuspended, "wait.fake")
	assert.ErrorIs(t, evs[0].Err, ErrSuspended)
	assert.ErrorIs(t, evs[0].Err, ErrUnknownProcess)
	assert.WithinDuration(t, evs[0].Time.Add(100*time.Millisecond), evs[0].RetryAt, 50*time.Millisecond)
	require.Eventually(t, func() bool { return h.count("wait.fake", StateSuspended) >= 2 }, 5*time.Second, 10*time.Millisecond,
		"tried again after retry_after")
	assert.FileExists(t, filepath.Join(h.dir, "wait.fake"), "left in place")
	assert.NoFileExists(t, filepath.Join(h.dir, "Error", "wait.fake"))
	h.stop()
	// The ledger carries retry_after over a restart.
	l, err := openLedger(filepath.Join(h.dir, "Pending"), func(string) (int64, time.Time, bool) {
		fi, err := os.Stat(filepath.Join(h.dir, "wait.fake"))
		return fi.Size(), fi.ModTime(), err == nil
	})
	require.NoError(t, err)
	defer l.close()
	_, _, s, _, _, ok := l.lookup("wait.fake")
	require.True(t, ok)
	assert.False(t, s.Until.IsZero())
}

func TestWatcherShutdown(t *testing.T) {
	t.Run("grace lets short conversions finish", func(t *testing.T) {
		h := newHarness(t, nil)
		h.start()
		h.write("short.fake", fakeFile("sleep=300ms\n", "S1"))
		h.waitFor(StateProcessing, "short.fake")
		h.stop()
		assert.Equal(t, 1, h.count("short.fake", StateDone))
		assert.Equal(t, []string{"S1"}, h.sink.serials())
	})
	t.Run("after the grace period conversions are cancelled and stay pending", func(t *testing.T) {
		h := newHarness(t, func(h *harness, o *WatcherOptions) { o.Grace = 100 * time.Millisecond })
		h.start()
		h.write("long.fake", fakeFile("sleep=1m\n", "S1"))
		h.waitFor(StateProcessing, "long.fake")
		took := h.stop()
		assert.Less(t, took, 3*time.Second)
		assert.FileExists(t, filepath.Join(h.dir, "long.fake"), "still pending")
		assert.NoFileExists(t, filepath.Join(h.dir, "Error", "long.fake"))
		assert.Equal(t, 1, h.count("long.fake", StatePending))
		assert.Empty(t, h.sink.ids())
	})
}

func TestWatcherPostActionRetryNeverResubmits(t *testing.T) {
	h := newHarness(t, func(h *harness, o *WatcherOptions) { o.Folders[0].PostAction = Move })
	h.write("Done", "a file where the Done folder should be") // Move cannot create Done/
	h.start()
	h.write("m.fake", fakeFile("", "S1"))
	require.Eventually(t, func() bool { return h.count("m.fake", StatePending) >= 2 }, 5*time.Second, 10*time.Millisecond)
	require.NoError(t, os.Remove(filepath.Join(h.dir, "Done")))
	h.waitFor(StateDone, "m.fake")
	assert.Equal(t, []string{"S1"}, h.sink.serials(), "the retried post-action did not hand the report over again")
	assert.Equal(t, int64(1), h.conv.calls.Load(), "nor convert it again")
	assert.FileExists(t, filepath.Join(h.dir, "Done", "m.fake"))
}

func TestWatcherRestartAfterHandOver(t *testing.T) {
	// First run: the reports are accepted, the post-action cannot run.
	h := newHarness(t, func(h *harness, o *WatcherOptions) { o.Folders[0].PostAction = Move })
	h.write("Done", "blocker")
	h.start()
	h.write("r.fake", fakeFile("", "S1", "S2"))
	require.Eventually(t, func() bool { return h.count("r.fake", StatePending) >= 1 }, 5*time.Second, 10*time.Millisecond)
	h.stop()
	require.Len(t, h.sink.ids(), 2)
	require.NoError(t, os.Remove(filepath.Join(h.dir, "Done")))

	// Second run (a new process): the ledger says the reports were accepted.
	sink2 := &memSink{}
	o := fastOptions(Folder{Path: h.dir, Converter: "fake", PostAction: Move})
	evc := make(chan Event, 16)
	o.OnEvent = func(e Event) { evc <- e }
	w2, err := NewWatcher(h.reg, sink2, o)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w2.Run(ctx) }()
	defer func() { cancel(); <-done }()
	for e := range evc {
		if e.State == StateDone {
			assert.Equal(t, h.sink.ids(), e.Reports)
			break
		}
	}
	assert.Empty(t, sink2.ids(), "nothing handed over twice")
	assert.Equal(t, int64(1), h.conv.calls.Load())
	assert.FileExists(t, filepath.Join(h.dir, "Done", "r.fake"))
}

func TestWatcherMetricsAndSlog(t *testing.T) {
	var c Counters
	var logBuf syncBuffer
	h := newHarness(t, func(h *harness, o *WatcherOptions) {
		o.Metrics = &c
		o.Logger = slog.New(slog.NewJSONHandler(&logBuf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	})
	h.start()
	h.write("ok.fake", fakeFile("", "S1", "S2"))
	h.write("bad.fake", fakeFile("fail\n"))
	h.waitFor(StateDone, "ok.fake")
	h.waitFor(StateError, "bad.fake")
	per, pending, processing := c.Snapshot()
	got := per["fake"]
	assert.Equal(t, int64(2), got.Seen)
	assert.Equal(t, int64(2), got.Claimed)
	assert.Equal(t, int64(1), got.Converted)
	assert.Equal(t, int64(1), got.Failed)
	assert.Equal(t, int64(2), got.Reports)
	assert.Positive(t, got.Duration)
	assert.Zero(t, pending)
	assert.Zero(t, processing)
	logs := logBuf.String()
	for _, want := range []string{
		`"level":"DEBUG","msg":"convert: file processing"`,
		`"level":"INFO","msg":"convert: file done"`,
		`"level":"WARN","msg":"convert: file error"`,
	} {
		assert.Contains(t, logs, want)
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestWatcherConverterLimit(t *testing.T) {
	h := newHarness(t, func(h *harness, o *WatcherOptions) {
		o.Workers = 4
		o.ConverterLimit = map[string]int{"fake": 1}
		o.FileTimeout = 250 * time.Millisecond // the deadline starts when the converter does
	})
	h.start()
	for i := 0; i < 4; i++ {
		h.write(fmt.Sprintf("l%d.fake", i), fakeFile("sleep=100ms\n", fmt.Sprint(i)))
	}
	start := time.Now()
	h.waitFor(StateDone, "l0.fake", "l1.fake", "l2.fake", "l3.fake")
	assert.GreaterOrEqual(t, time.Since(start), 350*time.Millisecond, "one at a time")
}

func TestWatcherOptions(t *testing.T) {
	reg, err := NewRegistry(newFake("fake"))
	require.NoError(t, err)
	sink := &memSink{}
	for _, tc := range []struct {
		name string
		opts *WatcherOptions
		want string
	}{
		{"no folders", &WatcherOptions{}, "no folders"},
		{"nil options", nil, "no folders"},
		{"unknown converter", &WatcherOptions{Folders: []Folder{{Path: t.TempDir(), Converter: "nope"}}}, "no converter called"},
		{"bad pattern", &WatcherOptions{Folders: []Folder{{Path: t.TempDir(), Converter: "fake", Patterns: []string{"[x"}}}}, "syntax error"},
		{"empty path", &WatcherOptions{Folders: []Folder{{Converter: "fake"}}}, "path is empty"},
		{"negative", &WatcherOptions{Folders: []Folder{{Path: t.TempDir(), Converter: "fake"}}, Grace: -1}, "Grace"},
		{"bad action", &WatcherOptions{Folders: []Folder{{Path: t.TempDir(), Converter: "fake", PostAction: 9}}}, "post-action"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := NewWatcher(reg, sink, tc.opts)
			assert.ErrorContains(t, err, tc.want)
		})
	}
	_, err = NewWatcher(nil, sink, fastOptions(Folder{Path: t.TempDir()}))
	assert.Error(t, err)
	w, err := NewWatcher(reg, sink, &WatcherOptions{Folders: []Folder{{Path: t.TempDir()}}})
	require.NoError(t, err)
	assert.Equal(t, max(1, w.opt.Workers), w.opt.Workers)
	assert.Equal(t, DefaultFileTimeout, w.opt.FileTimeout)
	assert.Equal(t, DefaultMaxPending, w.opt.MaxPending)

	missing := filepath.Join(t.TempDir(), "missing")
	w, err = NewWatcher(reg, sink, &WatcherOptions{Folders: []Folder{{Path: missing}}})
	require.NoError(t, err)
	assert.Error(t, w.Run(context.Background()), "a folder that does not exist keeps Run from starting")
}

func TestParsePostAction(t *testing.T) {
	for in, want := range map[string]PostAction{"": Delete, "DELETE": Delete, "move": Move, "Archive": Archive, "zip": Archive, "Keep": Keep} {
		got, err := ParsePostAction(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
		assert.NotEmpty(t, got.String())
	}
	_, err := ParsePostAction("Error")
	assert.Error(t, err)
}
