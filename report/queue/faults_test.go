package queue

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/report"
)

// shiftedClock is a clock that can be moved by an offset at run time.
type shiftedClock struct{ off atomic.Int64 }

func (c *shiftedClock) now() time.Time        { return time.Now().Add(time.Duration(c.off.Load())) }
func (c *shiftedClock) shift(d time.Duration) { c.off.Add(int64(d)) }
func failingThen(ok *atomic.Bool) func(string, int) error {
	return func(string, int) error {
		if ok.Load() {
			return nil
		}
		return apiErr(503, "down")
	}
}

func TestClockGoingBackNeverStrandsAReport(t *testing.T) {
	const year = 365 * 24 * time.Hour
	t.Run("across a restart", func(t *testing.T) {
		dir := t.TempDir()
		var up atomic.Bool
		sub := newFake(failingThen(&up))
		q1 := mustOpen(t, dir, sub, WithBackoff(time.Hour, 2*time.Hour))
		id := newID()
		rc, err := q1.Submit(context.Background(), newReport(t, id, 1))
		require.NoError(t, err)
		require.Equal(t, StatePending, rc.State)
		require.NoError(t, q1.Close())

		up.Store(true)
		clock := &shiftedClock{}
		clock.shift(-year) // the station's battery died: the clock restarts a year back
		q2 := mustOpen(t, dir, sub, WithBackoff(time.Hour, 2*time.Hour), withClock(clock.now))
		runQueue(t, q2)
		waitFor(t, 5*time.Second, "the report sent although its next attempt lies a year ahead", func() bool { return drained(q2) })
		assert.Equal(t, 2, sub.count(id))
	})
	t.Run("while running", func(t *testing.T) {
		dir := t.TempDir()
		var up atomic.Bool
		sub := newFake(failingThen(&up))
		clock := &shiftedClock{}
		q := mustOpen(t, dir, sub, WithBackoff(time.Hour, 2*time.Hour), withClock(clock.now))
		id := newID()
		_, err := q.Submit(context.Background(), newReport(t, id, 1))
		require.NoError(t, err)
		runQueue(t, q)
		time.Sleep(50 * time.Millisecond)
		require.Equal(t, 1, sub.count(id), "the backoff holds while the clock is sane")
		up.Store(true)
		clock.shift(-year)
		waitFor(t, 5*time.Second, "the report sent after the jump back", func() bool { return drained(q) })
	})
}

func TestUnreadableEntryIsQuarantinedAndReported(t *testing.T) {
	dir := t.TempDir()
	id := newID()
	seed := mustOpen(t, dir, nil)
	_, err := seed.Enqueue(context.Background(), newReport(t, id, 1))
	require.NoError(t, err)
	require.NoError(t, seed.Close())

	ffs := &faultFS{readErr: func(name string) error {
		if filepath.Base(name) == id+".pending" {
			return syscall.EIO
		}
		return nil
	}}
	var events []Event
	q := mustOpen(t, dir, newFake(nil), withFS(ffs), WithEvents(func(e Event) { events = append(events, e) }))
	runQueue(t, q)
	waitFor(t, 5*time.Second, "the unreadable entry moved aside", func() bool {
		st, err := q.Stats()
		return err == nil && st.Quarantined == 1 && st.Pending == 0
	})
	st, err := q.Stats()
	require.NoError(t, err)
	assert.Contains(t, st.LastError, "input/output error")
	require.NotEmpty(t, events)
	assert.Equal(t, EventQuarantined, events[len(events)-1].Kind)
}

func TestStatsCountOnlyEntries(t *testing.T) {
	dir := t.TempDir()
	q := mustOpen(t, dir, nil)
	id := newID()
	_, err := q.Enqueue(context.Background(), newReport(t, id, 1))
	require.NoError(t, err)
	require.NoError(t, os.Mkdir(filepath.Join(dir, newID()+".pending"), 0o755))
	require.NoError(t, os.Symlink(filepath.Join(dir, id+".pending"), filepath.Join(dir, newID()+".pending")))
	st, err := q.Stats()
	require.NoError(t, err)
	assert.Equal(t, 1, st.Pending, "a folder or a link named like an entry is not one")
}

func TestEntryNamedInAnotherCaseIsDelivered(t *testing.T) {
	dir := t.TempDir()
	id := newID()
	seed := mustOpen(t, dir, nil)
	_, err := seed.Enqueue(context.Background(), newReport(t, id, 1))
	require.NoError(t, err)
	require.NoError(t, seed.Close())
	// Copied from a Windows volume: "ID.Pending", upper-case GUID.
	upper := filepath.Join(dir, strings.ToUpper(id)+".Pending")
	require.NoError(t, os.Rename(filepath.Join(dir, id+".pending"), upper))

	sub := newFake(nil)
	q := mustOpen(t, dir, sub)
	st, err := q.Stats()
	require.NoError(t, err)
	assert.Equal(t, 1, st.Pending, "visible to Stats")
	runQueue(t, q)
	waitFor(t, 5*time.Second, "delivered", func() bool { return drained(q) && sub.total() == 1 })
}

// hangingSubmitter blocks until its context ends, like a server that
// accepted the connection and never answers.
type hangingSubmitter struct{ calls atomic.Int32 }

func (h *hangingSubmitter) Submit(ctx context.Context, r *report.Report) (string, error) {
	h.calls.Add(1)
	<-ctx.Done()
	return "", ctx.Err()
}

func TestSubmitBudgetBoundsTheTestLine(t *testing.T) {
	dir := t.TempDir()
	h := &hangingSubmitter{}
	q := mustOpen(t, dir, h, WithSubmitBudget(100*time.Millisecond), WithAttemptTimeout(time.Minute))
	rc, err := q.Submit(context.Background(), newReport(t, newID(), 1))
	require.NoError(t, err)
	assert.Equal(t, StatePending, rc.State, "kept for Run")
	assert.ErrorIs(t, rc.Err, context.DeadlineExceeded)
	assert.EqualValues(t, 1, h.calls.Load())
}

func TestFlushWaitsForDelivery(t *testing.T) {
	dir := t.TempDir()
	var up atomic.Bool
	sub := newFake(failingThen(&up))
	q := mustOpen(t, dir, sub, WithBackoff(time.Hour, 2*time.Hour))
	for i := 0; i < 5; i++ {
		_, err := q.Submit(context.Background(), newReport(t, newID(), 1))
		require.NoError(t, err)
	}
	runQueue(t, q)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	err := q.Flush(ctx)
	cancel()
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Contains(t, err.Error(), "5 reports still waiting")

	up.Store(true)
	require.NoError(t, q.Flush(context.Background()), "Flush wakes the backed-off entries and waits for them")
	assert.True(t, drained(q))
	assert.Equal(t, 15, sub.total(), "inline, woken by the first Flush (still failing), delivered")
}

func TestFlushWithoutTheLockSaysSo(t *testing.T) {
	dir := t.TempDir()
	owner := mustOpen(t, dir, newFake(nil))
	_ = owner
	other := mustOpen(t, dir, newFake(nil))
	_, err := other.Enqueue(context.Background(), newReport(t, newID(), 1))
	require.NoError(t, err)
	err = other.Flush(context.Background())
	require.ErrorIs(t, err, ErrNotUploader)
}

func TestBreakerFastFailsAreNotFailures(t *testing.T) {
	dir := t.TempDir()
	open := &errs.CircuitOpenError{Op: "report.Submit", Method: "POST", Route: "/api/Report/WSJF"}
	sub := newFake(func(string, int) error { return open })
	q := mustOpen(t, dir, sub)
	id := newID()
	rc, err := q.Submit(context.Background(), newReport(t, id, 1))
	require.NoError(t, err)
	require.Equal(t, StatePending, rc.State)
	require.True(t, errors.Is(rc.Err, errs.ErrCircuitOpen))
	st, err := q.Stats()
	require.NoError(t, err)
	assert.Zero(t, st.Failed, "nothing was sent, so nothing failed")
	data, err := os.ReadFile(filepath.Join(dir, id+".pending"))
	require.NoError(t, err)
	m, _, err := decodeEntry(data, id)
	require.NoError(t, err)
	assert.Zero(t, m.Failures, "the report cannot be on the server")
	assert.Zero(t, m.Attempts)
}
