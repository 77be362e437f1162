package queue

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
)

func TestRunDrainsEveryEntryOnce(t *testing.T) {
	dir := t.TempDir()
	sub := newFake(func(_ string, n int) error {
		if n == 1 {
			return apiErr(503, "busy") // every report fails once first
		}
		return nil
	})
	q := mustOpen(t, dir, sub, WithConcurrency(3))
	var ids []string
	for i := 0; i < 40; i++ {
		id := newID()
		ids = append(ids, id)
		_, err := q.Enqueue(context.Background(), newReport(t, id, 2))
		require.NoError(t, err)
	}
	runQueue(t, q)
	waitFor(t, 10*time.Second, "drain", func() bool {
		s, err := q.Stats()
		return err == nil && s.Sent == 40 && drained(q)
	})
	for _, id := range ids {
		assert.Equal(t, 2, sub.count(id), id)
	}
	s, err := q.Stats()
	require.NoError(t, err)
	assert.Equal(t, uint64(40), s.Sent)
	assert.Equal(t, uint64(40), s.Failed)
	assert.Zero(t, s.Bytes)
	assert.Contains(t, s.LastError, "503")
}

func TestRunBoundsConcurrency(t *testing.T) {
	var cur, peak atomic.Int32
	sub := SubmitterFunc(func(ctx context.Context, r *report.Report) (string, error) {
		n := cur.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
		cur.Add(-1)
		return r.ID(), nil
	})
	q := mustOpen(t, t.TempDir(), sub, WithConcurrency(2))
	for i := 0; i < 12; i++ {
		_, err := q.Enqueue(context.Background(), newReport(t, newID(), 1))
		require.NoError(t, err)
	}
	runQueue(t, q)
	waitFor(t, 10*time.Second, "drain", func() bool { return drained(q) })
	assert.Equal(t, int32(2), peak.Load())
}

func TestMaxAttemptsThenDeadAndRequeue(t *testing.T) {
	dir := t.TempDir()
	var healthy atomic.Bool
	sub := newFake(func(string, int) error {
		if healthy.Load() {
			return nil
		}
		return apiErr(502, "bad gateway")
	})
	var events sync.Map
	q := mustOpen(t, dir, sub, WithMaxAttempts(3), WithEvents(func(e Event) {
		v, _ := events.LoadOrStore(e.Kind, new(atomic.Int32))
		v.(*atomic.Int32).Add(1)
	}))
	id := newID()
	_, err := q.Enqueue(context.Background(), newReport(t, id, 1))
	require.NoError(t, err)
	stop := runQueue(t, q)
	waitFor(t, 5*time.Second, "dead letter", func() bool {
		_, err := os.Stat(filepath.Join(dir, id+".dead"))
		return err == nil
	})
	stop()
	assert.Equal(t, 3, sub.count(id))
	dead, err := q.Dead()
	require.NoError(t, err)
	require.Len(t, dead, 1)
	assert.Equal(t, 3, dead[0].Attempts)
	assert.Equal(t, 502, dead[0].LastStatus)
	assert.Contains(t, dead[0].LastError, "bad gateway")
	for kind, want := range map[EventKind]int32{EventQueued: 1, EventFailed: 2, EventDead: 1} {
		v, ok := events.Load(kind)
		require.True(t, ok, kind)
		assert.Equal(t, want, v.(*atomic.Int32).Load(), kind)
	}

	assert.ErrorIs(t, q.Requeue(newID()), ErrNoEntry)
	healthy.Store(true)
	n, err := q.RequeueDead()
	require.NoError(t, err)
	assert.Equal(t, 1, n)
	data, err := os.ReadFile(filepath.Join(dir, id+".pending"))
	require.NoError(t, err)
	m, _, err := decodeEntry(data, id)
	require.NoError(t, err)
	assert.Zero(t, m.Attempts, "requeue resets the counters")
	runQueue(t, q)
	waitFor(t, 5*time.Second, "drain", func() bool { return drained(q) })
	assert.Equal(t, 4, sub.count(id))
}

func TestAuthFailuresAreNotCounted(t *testing.T) {
	dir := t.TempDir()
	var auth atomic.Int32
	sub := newFake(func(_ string, n int) error {
		if n <= 5 {
			return apiErr(401, "token expired")
		}
		return nil
	})
	q := mustOpen(t, dir, sub, WithMaxAttempts(2), WithEvents(func(e Event) {
		if e.Kind == EventAuthFailed {
			auth.Add(1)
		}
	}))
	id := newID()
	_, err := q.Enqueue(context.Background(), newReport(t, id, 1))
	require.NoError(t, err)
	runQueue(t, q)
	waitFor(t, 5*time.Second, "drain", func() bool { return drained(q) })
	assert.Equal(t, 6, sub.count(id), "five 401s did not exhaust two attempts")
	assert.Equal(t, int32(5), auth.Load())
	s, _ := q.Stats()
	assert.Zero(t, s.Dead)
}

func TestAttemptsPersistAcrossRestart(t *testing.T) {
	dir := t.TempDir()
	sub := newFake(func(string, int) error { return apiErr(503, "down") })
	q1, err := Open(dir, sub, WithBackoff(time.Hour, 2*time.Hour))
	require.NoError(t, err)
	id := newID()
	rc, err := q1.Submit(context.Background(), newReport(t, id, 1))
	require.NoError(t, err)
	require.Equal(t, StatePending, rc.State)
	require.NoError(t, q1.Close())

	data, err := os.ReadFile(filepath.Join(dir, id+".pending"))
	require.NoError(t, err)
	m, _, err := decodeEntry(data, id)
	require.NoError(t, err)
	assert.Equal(t, 1, m.Attempts)
	assert.Equal(t, 503, m.LastStatus)
	assert.True(t, m.NextAttempt.After(time.Now().Add(30*time.Minute)), "backoff persisted: %v", m.NextAttempt)

	// A restarted uploader honours the persisted next-attempt time...
	q2 := mustOpen(t, dir, sub)
	stop := runQueue(t, q2)
	time.Sleep(100 * time.Millisecond)
	assert.Equal(t, 1, sub.count(id))
	// ...until woken (the client went online again).
	sub.mu.Lock()
	sub.result = nil
	sub.mu.Unlock()
	q2.Wake()
	waitFor(t, 5*time.Second, "drain after wake", func() bool { return drained(q2) })
	stop()
	assert.Equal(t, 2, sub.count(id))
}

func TestWakeChannel(t *testing.T) {
	dir := t.TempDir()
	var down atomic.Bool
	down.Store(true)
	sub := newFake(func(string, int) error {
		if down.Load() {
			return apiErr(503, "down")
		}
		return nil
	})
	wake := make(chan struct{})
	q := mustOpen(t, dir, sub, WithBackoff(time.Hour, time.Hour), WithWake(wake))
	id := newID()
	_, err := q.Enqueue(context.Background(), newReport(t, id, 1))
	require.NoError(t, err)
	runQueue(t, q)
	waitFor(t, 5*time.Second, "first failure", func() bool { return sub.count(id) == 1 })
	down.Store(false)
	wake <- struct{}{}
	waitFor(t, 5*time.Second, "drain after wake", func() bool { return drained(q) })
	close(wake) // a closed channel must not spin the loop
	time.Sleep(20 * time.Millisecond)
	assert.Equal(t, 2, sub.count(id))
}

func TestRunStopReturnsInFlightToPending(t *testing.T) {
	dir := t.TempDir()
	started := make(chan struct{}, 16)
	sub := SubmitterFunc(func(ctx context.Context, r *report.Report) (string, error) {
		started <- struct{}{}
		<-ctx.Done()
		return "", ctx.Err()
	})
	q := mustOpen(t, dir, sub, WithConcurrency(2))
	var ids []string
	for i := 0; i < 3; i++ {
		id := newID()
		ids = append(ids, id)
		_, err := q.Enqueue(context.Background(), newReport(t, id, 1))
		require.NoError(t, err)
	}
	stop := runQueue(t, q)
	<-started
	<-started
	stop()
	for _, id := range ids {
		data, err := os.ReadFile(filepath.Join(dir, id+".pending"))
		require.NoError(t, err, "entry %s is pending again", id)
		m, _, err := decodeEntry(data, id)
		require.NoError(t, err)
		assert.Zero(t, m.Attempts, "an attempt cut short by shutdown is not counted")
	}
}

func TestRunStopLetsInFlightFinishWithinGrace(t *testing.T) {
	dir := t.TempDir()
	release := make(chan struct{})
	started := make(chan struct{}, 1)
	sub := SubmitterFunc(func(ctx context.Context, r *report.Report) (string, error) {
		started <- struct{}{}
		<-release
		return r.ID(), nil
	})
	q := mustOpen(t, dir, sub, WithStopGrace(5*time.Second))
	_, err := q.Enqueue(context.Background(), newReport(t, newID(), 1))
	require.NoError(t, err)
	stop := runQueue(t, q)
	<-started
	go func() {
		time.Sleep(20 * time.Millisecond)
		close(release)
	}()
	stop()
	assert.True(t, drained(q))
	s, _ := q.Stats()
	assert.Equal(t, uint64(1), s.Sent)
}

func TestRestartRecoversSendingEntries(t *testing.T) {
	dir := t.TempDir()
	enq := mustOpen(t, dir, nil)
	a, b := newID(), newID()
	for _, id := range []string{a, b} {
		_, err := enq.Enqueue(context.Background(), newReport(t, id, 1))
		require.NoError(t, err)
	}
	// A crashed uploader left a "sending"; another crash, between writing
	// the new pending copy and removing the sending one, left both for b.
	require.NoError(t, os.Rename(filepath.Join(dir, a+".pending"), filepath.Join(dir, a+".sending")))
	data, err := os.ReadFile(filepath.Join(dir, b+".pending"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, b+".sending"), data, 0o644))

	var recovered atomic.Int32
	sub := newFake(nil)
	q := mustOpen(t, dir, sub, WithEvents(func(e Event) {
		if e.Kind == EventRecovered {
			recovered.Add(1)
		}
	}))
	assert.Equal(t, int32(1), recovered.Load())
	data, err = os.ReadFile(filepath.Join(dir, a+".pending"))
	require.NoError(t, err)
	m, _, err := decodeEntry(data, a)
	require.NoError(t, err)
	assert.Equal(t, 1, m.Interrupted, "the interrupted upload is on record")
	got := files(t, dir)
	assert.Contains(t, got, a+".pending")
	assert.Contains(t, got, b+".pending")
	assert.NotContains(t, got, a+".sending")
	assert.NotContains(t, got, b+".sending")
	runQueue(t, q)
	waitFor(t, 5*time.Second, "drain", func() bool { return drained(q) })
	assert.Equal(t, 1, sub.count(a))
	assert.Equal(t, 1, sub.count(b))
}

func TestInFlightTimeoutRecoversOrphan(t *testing.T) {
	dir := t.TempDir()
	sub := newFake(nil)
	q := mustOpen(t, dir, sub, WithInFlightTimeout(time.Minute))
	id := newID()
	_, err := q.Enqueue(context.Background(), newReport(t, id, 1))
	require.NoError(t, err)
	// An orphan appearing while this uploader runs (e.g. a copy restored by
	// hand): young ones are left alone, old ones go back to pending.
	orphan := filepath.Join(dir, id+".sending")
	require.NoError(t, os.Rename(filepath.Join(dir, id+".pending"), orphan))
	q.mu.Lock()
	delete(q.index, id)
	q.mu.Unlock()
	runQueue(t, q)
	time.Sleep(80 * time.Millisecond)
	assert.FileExists(t, orphan)
	old := time.Now().Add(-2 * time.Minute)
	require.NoError(t, os.Chtimes(orphan, old, old))
	waitFor(t, 5*time.Second, "recovered and sent", func() bool { return sub.count(id) == 1 && drained(q) })
}

func TestCorruptEntriesQuarantined(t *testing.T) {
	dir := t.TempDir()
	good := newID()
	enq := mustOpen(t, dir, nil)
	_, err := enq.Enqueue(context.Background(), newReport(t, good, 1))
	require.NoError(t, err)
	full, err := os.ReadFile(filepath.Join(dir, good+".pending"))
	require.NoError(t, err)

	badJSON, err := encodeEntry(Meta{ID: "b0000000-0000-4000-8000-000000000002"}, []byte(`{"id": "b0000000`))
	require.NoError(t, err)
	cases := map[string][]byte{
		"a0000000-0000-4000-8000-000000000001": full[:len(full)/2], // torn write, wrong id too
		"b0000000-0000-4000-8000-000000000002": badJSON,            // checksum fine, body not JSON
		"c0000000-0000-4000-8000-000000000003": []byte("garbage"),  // no header
		"d0000000-0000-4000-8000-000000000004": {},                 // empty
	}
	for id, data := range cases {
		require.NoError(t, os.WriteFile(filepath.Join(dir, id+".pending"), data, 0o644))
	}
	var quarantined atomic.Int32
	sub := newFake(nil)
	q := mustOpen(t, dir, sub, WithEvents(func(e Event) {
		if e.Kind == EventQuarantined {
			quarantined.Add(1)
		}
	}))
	runQueue(t, q)
	waitFor(t, 5*time.Second, "drain", func() bool { return drained(q) })
	assert.Equal(t, 1, sub.count(good), "the good entry still goes out")
	assert.Equal(t, 1, sub.total())
	assert.Equal(t, int32(4), quarantined.Load())
	qfiles := files(t, filepath.Join(dir, quarantineDir))
	assert.Len(t, qfiles, 8, "each file plus its reason note: %v", qfiles)
	for _, name := range qfiles {
		if strings.HasSuffix(name, ".reason.txt") {
			reason, err := os.ReadFile(filepath.Join(dir, quarantineDir, name))
			require.NoError(t, err)
			assert.Contains(t, string(reason), "corrupt queue entry")
		}
	}
	s, err := q.Stats()
	require.NoError(t, err)
	assert.Equal(t, 4, s.Quarantined)
	assert.Contains(t, s.LastError, "quarantined")
}

func TestLockMakesOneUploader(t *testing.T) {
	dir := t.TempDir()
	sub := newFake(nil)
	first := mustOpen(t, dir, sub)
	second := mustOpen(t, dir, sub)
	assert.True(t, first.Uploader())
	assert.False(t, second.Uploader())

	// The second process still queues safely; it does not send.
	id := newID()
	rc, err := second.Submit(context.Background(), newReport(t, id, 1))
	require.NoError(t, err)
	assert.Equal(t, StatePending, rc.State)
	assert.ErrorIs(t, rc.Err, ErrNotUploader)
	assert.Zero(t, sub.total())

	// The uploader picks it up on its next scan.
	stop := runQueue(t, first)
	waitFor(t, 5*time.Second, "uploaded by the lock holder", func() bool { return sub.count(id) == 1 })
	stop()
	require.NoError(t, first.Close())

	// The second takes over once the first is gone.
	id2 := newID()
	_, err = second.Enqueue(context.Background(), newReport(t, id2, 1))
	require.NoError(t, err)
	runQueue(t, second)
	waitFor(t, 5*time.Second, "take-over", func() bool { return second.Uploader() && sub.count(id2) == 1 })
	assert.Equal(t, 1, sub.count(id))
}

func TestEnqueueOnlyQueue(t *testing.T) {
	q := mustOpen(t, t.TempDir(), nil)
	assert.False(t, q.Uploader())
	err := q.Run(context.Background())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "Submitter")
}

func TestRunMisuse(t *testing.T) {
	q := mustOpen(t, t.TempDir(), newFake(nil))
	stop := runQueue(t, q)
	waitFor(t, time.Second, "running", func() bool {
		q.mu.Lock()
		defer q.mu.Unlock()
		return q.running
	})
	assert.Error(t, q.Run(context.Background()), "second Run")
	assert.Error(t, q.Close(), "Close while running")
	stop()
	require.NoError(t, q.Close())
	assert.ErrorIs(t, q.Run(context.Background()), ErrClosed)
	_, err := q.Enqueue(context.Background(), newReport(t, newID(), 1))
	assert.ErrorIs(t, err, ErrClosed)
}

func TestArchiveKeepsSentCopies(t *testing.T) {
	dir := t.TempDir()
	q := mustOpen(t, dir, newFake(nil), WithArchive(time.Hour))
	id := newID()
	rc, err := q.Submit(context.Background(), newReport(t, id, 2))
	require.NoError(t, err)
	require.Equal(t, StateSent, rc.State)
	body, err := os.ReadFile(filepath.Join(dir, archiveDir, id+".json"))
	require.NoError(t, err)
	assert.JSONEq(t, string(reportJSON(id, 2)), string(body))

	old := time.Now().Add(-2 * time.Hour)
	require.NoError(t, os.Chtimes(filepath.Join(dir, archiveDir, id+".json"), old, old))
	runQueue(t, q)
	waitFor(t, 5*time.Second, "archive pruned", func() bool {
		_, err := os.Stat(filepath.Join(dir, archiveDir, id+".json"))
		return errors.Is(err, os.ErrNotExist)
	})
}

func TestBackoffGrowsWithJitterAndCap(t *testing.T) {
	q := &Queue{cfg: defaultConfig()}
	for n, want := range map[int]time.Duration{1: 2 * time.Second, 2: 4 * time.Second, 5: 32 * time.Second, 9: 5 * time.Minute, 200: 5 * time.Minute} {
		for i := 0; i < 50; i++ {
			d := q.backoff(n)
			assert.GreaterOrEqual(t, d, want/2, "n=%d", n)
			assert.LessOrEqual(t, d, want, "n=%d", n)
		}
	}
}

func TestStatsOldestPending(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	clock := func() time.Time { return now }
	q, err := Open(dir, newFake(nil), func(c *config) error { c.now = clock; return nil })
	require.NoError(t, err)
	defer q.Close()
	_, err = q.Enqueue(context.Background(), newReport(t, newID(), 1))
	require.NoError(t, err)
	now = now.Add(90 * time.Second)
	s, err := q.Stats()
	require.NoError(t, err)
	assert.Equal(t, 90*time.Second, s.OldestPending)
	assert.Equal(t, 1, s.Pending)
	assert.True(t, s.Uploader)
	assert.Greater(t, s.Bytes, int64(100))
	assert.Contains(t, s.String(), "pending=1")
}
