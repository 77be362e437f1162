package snpool_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/production/snpool"
)

// counter is a Source handing out SN-1, SN-2, ... that can be switched
// off to simulate an outage.
type counter struct {
	mu    sync.Mutex
	next  int
	down  atomic.Bool
	calls atomic.Int32
}

var errOutage = errors.New("connection refused")

func (c *counter) Take(_ context.Context, typ string, n int) ([]string, error) {
	c.calls.Add(1)
	if c.down.Load() {
		return nil, errOutage
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	out := make([]string, n)
	for i := range out {
		c.next++
		out[i] = fmt.Sprintf("%s-%d", typ, c.next)
	}
	return out, nil
}

func bg() context.Context { return context.Background() }

func open(t *testing.T, dir string, src snpool.Source, opts ...snpool.Option) *snpool.Pool {
	t.Helper()
	p, err := snpool.Open(dir, "SN", src, opts...)
	require.NoError(t, err)
	t.Cleanup(func() { _ = p.Close() })
	return p
}

func draw(t *testing.T, p *snpool.Pool, n int, seen map[string]bool) {
	t.Helper()
	for i := 0; i < n; i++ {
		sn, err := p.Next(bg())
		require.NoError(t, err)
		require.False(t, seen[sn], "number %s handed out twice", sn)
		seen[sn] = true
	}
}

func TestNextIsDistinctAcrossReopen(t *testing.T) {
	dir, src := t.TempDir(), &counter{}
	seen := map[string]bool{}
	for restart := 0; restart < 3; restart++ {
		p := open(t, dir, src, snpool.WithBatchSize(7), snpool.WithLowWater(0))
		draw(t, p, 10, seen)
		require.NoError(t, p.Close())
	}
	assert.Len(t, seen, 30)
	// Numbers left in the pool at each close are used after reopening, so
	// only the last batch's tail is unused: 30 used of at most 35 taken.
	assert.LessOrEqual(t, int(src.calls.Load()), 5)
}

func TestOutageKeepsHandingOutThenFailsClearly(t *testing.T) {
	dir, src := t.TempDir(), &counter{}
	var mu sync.Mutex
	var refillErrs []error
	p := open(t, dir, src, snpool.WithBatchSize(20), snpool.WithLowWater(5), snpool.WithRetryDelay(0),
		snpool.WithRefillObserver(func(_ int, err error) {
			mu.Lock()
			refillErrs = append(refillErrs, err)
			mu.Unlock()
		}))
	_, err := p.Refill(bg())
	require.NoError(t, err)

	src.down.Store(true)
	seen := map[string]bool{}
	draw(t, p, 20, seen) // no network needed while numbers last
	_, err = p.Next(bg())
	require.ErrorIs(t, err, snpool.ErrEmpty)
	require.ErrorIs(t, err, errOutage, "the cause is kept")
	assert.Contains(t, err.Error(), "type SN")
	require.ErrorIs(t, p.LastRefillError(), errOutage)

	src.down.Store(false)
	draw(t, p, 5, seen)
	assert.Len(t, seen, 25)
	mu.Lock()
	defer mu.Unlock()
	assert.NotEmpty(t, refillErrs)
}

func TestBackgroundRefillBelowLowWater(t *testing.T) {
	dir, src := t.TempDir(), &counter{}
	refilled := make(chan int, 10)
	p := open(t, dir, src, snpool.WithBatchSize(10), snpool.WithLowWater(8),
		snpool.WithRefillObserver(func(n int, err error) {
			if err == nil {
				refilled <- n
			}
		}))
	_, err := p.Next(bg()) // empty: synchronous refill
	require.NoError(t, err)
	assert.Equal(t, 10, <-refilled)
	_, err = p.Next(bg())
	require.NoError(t, err)
	_, err = p.Next(bg()) // 7 left < 8: background refill
	require.NoError(t, err)
	select {
	case n := <-refilled:
		assert.Equal(t, 10, n)
	case <-time.After(10 * time.Second):
		t.Fatal("no background refill")
	}
	assert.Eventually(t, func() bool { return p.Available() == 17 }, 5*time.Second, 10*time.Millisecond)
}

func TestExhaustedSource(t *testing.T) {
	src := snpool.SourceFunc(func(context.Context, string, int) ([]string, error) {
		return nil, production.ErrNoFreeSerialNumbers
	})
	p := open(t, t.TempDir(), src)
	_, err := p.Next(bg())
	require.ErrorIs(t, err, snpool.ErrEmpty)
	require.ErrorIs(t, err, production.ErrNoFreeSerialNumbers)
}

func TestDrainReturnsUnused(t *testing.T) {
	dir, src := t.TempDir(), &counter{}
	p := open(t, dir, src, snpool.WithBatchSize(5), snpool.WithLowWater(0))
	sn, err := p.Next(bg())
	require.NoError(t, err)
	assert.Equal(t, "SN-1", sn)
	left, err := p.Drain()
	require.NoError(t, err)
	assert.Equal(t, []string{"SN-2", "SN-3", "SN-4", "SN-5"}, left)
	assert.Zero(t, p.Available())
	require.NoError(t, p.Close())

	p2 := open(t, dir, src, snpool.WithBatchSize(5))
	sn, err = p2.Next(bg())
	require.NoError(t, err)
	assert.Equal(t, "SN-6", sn, "drained numbers are not handed out again")
}

func TestTornJournalLineIsRepaired(t *testing.T) {
	dir, src := t.TempDir(), &counter{}
	p := open(t, dir, src, snpool.WithBatchSize(5), snpool.WithLowWater(0))
	first, err := p.Next(bg())
	require.NoError(t, err)
	require.NoError(t, p.Close())

	// A writer killed mid-append leaves half a line.
	j := filepath.Join(dir, "sn-SN.journal")
	f, err := os.OpenFile(j, os.O_WRONLY|os.O_APPEND, 0)
	require.NoError(t, err)
	_, err = f.WriteString("SN-")
	require.NoError(t, err)
	require.NoError(t, f.Close())

	p2 := open(t, dir, src, snpool.WithBatchSize(5), snpool.WithLowWater(0))
	seen := map[string]bool{first: true}
	draw(t, p2, 4, seen)
	data, err := os.ReadFile(j)
	require.NoError(t, err)
	assert.Equal(t, "gen 00000000000000000001\nSN-1\nSN-2\nSN-3\nSN-4\nSN-5\n", string(data), "the torn line is cut before appending")
}

func TestJournalThatDoesNotMatchTheSnapshotIsAnError(t *testing.T) {
	tests := []struct {
		name, journal string
	}{
		{"truncated to nothing", ""},
		{"header lost, lines kept", "A\nZ\n"},
		{"torn header", "gen 0000"},
		{"journal newer than snapshot", "gen 00000000000000000009\nB\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			require.NoError(t, os.WriteFile(filepath.Join(dir, "sn-SN.snapshot.json"), []byte(`{"version":1,"gen":3,"type":"SN","free":["B","C"]}`), 0o644))
			require.NoError(t, os.WriteFile(filepath.Join(dir, "sn-SN.journal"), []byte(tt.journal), 0o644))
			p, err := snpool.Open(dir, "SN", &counter{}, snpool.WithLowWater(0))
			if err == nil {
				defer p.Close()
				_, err = p.Next(bg())
			}
			require.ErrorIs(t, err, snpool.ErrDamaged, "never a silent re-issue of B or C")
		})
	}
}

func TestJournalTruncatedWhileOpenIsAnError(t *testing.T) {
	dir, src := t.TempDir(), &counter{}
	p := open(t, dir, src, snpool.WithBatchSize(5), snpool.WithLowWater(0))
	seen := map[string]bool{}
	draw(t, p, 3, seen)
	// Someone cuts the journal back to its header at a line boundary.
	require.NoError(t, os.Truncate(filepath.Join(dir, "sn-SN.journal"), int64(len("gen 00000000000000000001\n"))))
	_, err := p.Next(bg())
	require.ErrorIs(t, err, snpool.ErrDamaged)
}

// lineBreakSource hands out numbers a line-based journal could not hold.
type lineBreakSource struct{}

func (lineBreakSource) Take(_ context.Context, _ string, n int) ([]string, error) {
	out := []string{"A\nB", "A", "B", "C\r", "\"quoted\"", "D\r\nE", "tab\there"}
	return out[:min(n, len(out))], nil
}

func TestNumbersWithLineBreaksSurviveTheJournal(t *testing.T) {
	dir := t.TempDir()
	want := map[string]bool{"A\nB": true, "A": true, "B": true, "C\r": true, "\"quoted\"": true, "D\r\nE": true, "tab\there": true}
	seen := map[string]bool{}
	p := open(t, dir, lineBreakSource{}, snpool.WithBatchSize(7), snpool.WithLowWater(0))
	draw(t, p, 3, seen)
	other := open(t, dir, lineBreakSource{}, snpool.WithBatchSize(7), snpool.WithLowWater(0))
	draw(t, other, 2, seen) // a second process reads the first one's journal
	require.NoError(t, p.Close())
	require.NoError(t, other.Close())
	reopened := open(t, dir, lineBreakSource{}, snpool.WithBatchSize(7), snpool.WithLowWater(0))
	draw(t, reopened, 2, seen)
	assert.Equal(t, want, seen, "every number exactly once, byte for byte")
}

func TestJournalOfOlderGenerationIsDiscarded(t *testing.T) {
	dir := t.TempDir()
	// A crash after the snapshot rename but before the journal reset.
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sn-SN.snapshot.json"), []byte(`{"version":1,"gen":2,"type":"SN","free":["B","C"]}`), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sn-SN.journal"), []byte("gen 00000000000000000001\nB\n"), 0o644))
	p := open(t, dir, &counter{}, snpool.WithLowWater(0))
	seen := map[string]bool{}
	draw(t, p, 2, seen)
	assert.Equal(t, map[string]bool{"B": true, "C": true}, seen)
}

// TestOtherPoolsRefillIsSeen guards against a stale view: a Pool must notice
// that another one replaced the snapshot even when the file system reuses
// the old snapshot's inode for the new one.
func TestOtherPoolsRefillIsSeen(t *testing.T) {
	dir, src := t.TempDir(), &counter{}
	a := open(t, dir, src, snpool.WithBatchSize(3), snpool.WithLowWater(0))
	b := open(t, dir, src, snpool.WithBatchSize(3), snpool.WithLowWater(0))
	seen := map[string]bool{}
	draw(t, a, 1, seen)
	for i := 0; i < 4; i++ { // several generations: inode reuse gets likely
		draw(t, b, 3, seen)
		_, err := b.Refill(bg())
		require.NoError(t, err)
	}
	draw(t, a, 3, seen)
	assert.Len(t, seen, 16)
}

func TestDamagedSnapshotIsAnError(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "sn-SN.snapshot.json"), []byte(`{"free":[`), 0o644))
	_, err := snpool.Open(dir, "SN", &counter{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "damaged")
}

func TestOpenValidates(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		typ  string
		src  snpool.Source
		opts []snpool.Option
	}{
		{"empty type", " ", &counter{}, nil},
		{"nil source", "SN", nil, nil},
		{"batch", "SN", &counter{}, []snpool.Option{snpool.WithBatchSize(0)}},
		{"low water", "SN", &counter{}, []snpool.Option{snpool.WithLowWater(-1)}},
		{"timeout", "SN", &counter{}, []snpool.Option{snpool.WithRefillTimeout(0)}},
		{"retry", "SN", &counter{}, []snpool.Option{snpool.WithRetryDelay(-time.Second)}},
	} {
		_, err := snpool.Open(dir, tc.typ, tc.src, tc.opts...)
		assert.Error(t, err, tc.name)
	}
}

func TestClosedPool(t *testing.T) {
	p, err := snpool.Open(t.TempDir(), "SN", &counter{})
	require.NoError(t, err)
	require.NoError(t, p.Close())
	require.NoError(t, p.Close(), "Close is idempotent")
	_, err = p.Next(bg())
	require.ErrorIs(t, err, snpool.ErrClosed)
	_, err = p.Refill(bg())
	require.ErrorIs(t, err, snpool.ErrClosed)
}

func TestTypeNamesAreEscapedForFiles(t *testing.T) {
	dir := t.TempDir()
	p, err := snpool.Open(dir, "../MAC addr", &counter{}, snpool.WithBatchSize(1))
	require.NoError(t, err)
	defer p.Close()
	_, err = p.Next(bg())
	require.NoError(t, err)
	_, err = os.Stat(filepath.Join(dir, "sn-%2E%2E%2FMAC%20addr.snapshot.json"))
	require.NoError(t, err, "files stay inside the directory")
}

func TestPoolsInOneProcessShareSafely(t *testing.T) {
	dir, src := t.TempDir(), &counter{}
	const workers, each = 4, 60
	var mu sync.Mutex
	seen := map[string]int{}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		p := open(t, dir, src, snpool.WithBatchSize(13), snpool.WithLowWater(4))
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				sn, err := p.Next(bg())
				if !assert.NoError(t, err) {
					return
				}
				mu.Lock()
				seen[sn]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	assert.Len(t, seen, workers*each)
	for sn, n := range seen {
		assert.Equal(t, 1, n, sn)
	}
}
