package convert

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
)

// memSink records accepted reports; fail decides per call whether to refuse.
type memSink struct {
	mu       sync.Mutex
	accepted []*report.Report
	calls    map[string]int
	fail     func(r *report.Report, call int) error
}

func (s *memSink) Accept(ctx context.Context, r *report.Report) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.calls == nil {
		s.calls = map[string]int{}
	}
	s.calls[r.ID()]++
	if s.fail != nil {
		if err := s.fail(r, s.calls[r.ID()]); err != nil {
			return err
		}
	}
	s.accepted = append(s.accepted, r)
	return nil
}

func (s *memSink) ids() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, len(s.accepted))
	for i, r := range s.accepted {
		out[i] = r.ID()
	}
	return out
}

func (s *memSink) serials() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, len(s.accepted))
	for i, r := range s.accepted {
		out[i] = r.Header.SN.Value()
	}
	return out
}

// harness runs a watcher over one temp folder and collects its events.
type harness struct {
	t      *testing.T
	dir    string
	conv   *fakeConv
	reg    *Registry
	sink   *memSink
	w      *Watcher
	cancel context.CancelFunc
	done   chan error

	mu     sync.Mutex
	events []Event
	signal chan struct{}
}

// fastOptions are watcher options scaled down for tests.
func fastOptions(folders ...Folder) *WatcherOptions {
	return &WatcherOptions{
		Folders:       folders,
		Workers:       2,
		ScanInterval:  time.Hour, // discovery by events unless a test says otherwise
		Debounce:      20 * time.Millisecond,
		StableFor:     50 * time.Millisecond,
		StableRetry:   20 * time.Millisecond,
		StableTimeout: 2 * time.Second,
		FileTimeout:   5 * time.Second,
		Grace:         2 * time.Second,
		RetryBase:     50 * time.Millisecond,
		RetryMax:      200 * time.Millisecond,
		SuspendRetry:  100 * time.Millisecond,
		ArchiveIdle:   50 * time.Millisecond,
	}
}

func newHarness(t *testing.T, configure func(h *harness, o *WatcherOptions)) *harness {
	t.Helper()
	h := &harness{t: t, dir: t.TempDir(), conv: newFake("fake"), sink: &memSink{}, signal: make(chan struct{}, 1)}
	t.Cleanup(func() {
		select {
		case <-h.conv.release:
		default:
			close(h.conv.release)
		}
	})
	var err error
	h.reg, err = NewRegistry(h.conv)
	require.NoError(t, err)
	o := fastOptions(Folder{Path: h.dir, Converter: "fake"})
	if configure != nil {
		configure(h, o)
	}
	prev := o.OnEvent
	o.OnEvent = func(e Event) {
		if prev != nil {
			prev(e)
		}
		h.mu.Lock()
		h.events = append(h.events, e)
		h.mu.Unlock()
		select {
		case h.signal <- struct{}{}:
		default:
		}
	}
	h.w, err = NewWatcher(h.reg, h.sink, o)
	require.NoError(t, err)
	return h
}

func (h *harness) start() *harness {
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	h.done = make(chan error, 1)
	go func() { h.done <- h.w.Run(ctx) }()
	h.t.Cleanup(func() { h.stop() })
	return h
}

// stop shuts the watcher down and returns how long Run took to return.
func (h *harness) stop() time.Duration {
	if h.cancel == nil {
		return 0
	}
	start := time.Now()
	h.cancel()
	h.cancel = nil
	select {
	case err := <-h.done:
		require.NoError(h.t, err)
	case <-time.After(30 * time.Second):
		h.t.Fatal("watcher did not stop")
	}
	return time.Since(start)
}

func (h *harness) write(name, body string) string {
	h.t.Helper()
	p := filepath.Join(h.dir, filepath.FromSlash(name))
	require.NoError(h.t, os.MkdirAll(filepath.Dir(p), 0o755))
	require.NoError(h.t, os.WriteFile(p, []byte(body), 0o644))
	return p
}

// waitFor waits until a final event (done, error, suspended) for every given
// base name, or fails the test.
func (h *harness) waitFor(st State, names ...string) []Event {
	h.t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		h.mu.Lock()
		var got []Event
		for _, n := range names {
			for _, e := range h.events {
				if filepath.Base(e.File) == n && e.State == st {
					got = append(got, e)
					break
				}
			}
		}
		h.mu.Unlock()
		if len(got) == len(names) {
			return got
		}
		select {
		case <-h.signal:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			h.t.Fatalf("timeout waiting for %s of %v; events: %v", st, names, h.snapshot())
		}
	}
}

func (h *harness) snapshot() []Event {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]Event(nil), h.events...)
}

func (h *harness) count(name string, st State) int {
	n := 0
	for _, e := range h.snapshot() {
		if filepath.Base(e.File) == name && e.State == st {
			n++
		}
	}
	return n
}

func exists(p string) bool {
	_, err := os.Lstat(p)
	return !errors.Is(err, os.ErrNotExist)
}
