package queue

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/report"
)

func TestSubmitOutcomes(t *testing.T) {
	transportErr := &errs.TransportError{Op: "report.Submit", Method: "POST", Route: "/api/Report/WSJF", Err: errors.New("connection reset by peer")}
	tests := []struct {
		name      string
		err       error
		wantState State
		wantErrIs []error // on the returned error (nil when none)
		wantFiles []string
	}{
		{name: "accepted", err: nil, wantState: StateSent},
		{name: "server 503 stays queued", err: apiErr(503, "maintenance"), wantState: StatePending, wantFiles: []string{"pending"}},
		{name: "429 stays queued", err: apiErr(429, "slow down"), wantState: StatePending, wantFiles: []string{"pending"}},
		{name: "transport error stays queued", err: transportErr, wantState: StatePending, wantFiles: []string{"pending"}},
		{name: "attempt deadline stays queued", err: context.DeadlineExceeded, wantState: StatePending, wantFiles: []string{"pending"}},
		{name: "breaker open stays queued", err: fmt.Errorf("report.Submit: %w", errs.ErrCircuitOpen), wantState: StatePending, wantFiles: []string{"pending"}},
		{name: "401 stays queued", err: apiErr(401, "bad token"), wantState: StatePending, wantFiles: []string{"pending"}},
		{name: "403 stays queued", err: apiErr(403, "no rights"), wantState: StatePending, wantFiles: []string{"pending"}},
		{name: "400 dead letter", err: apiErr(400, "step 3 has no name"), wantState: StateDead,
			wantErrIs: []error{ErrRejected, errs.ErrBadRequest}, wantFiles: []string{"dead"}},
		{name: "422 dead letter", err: apiErr(422, "unprocessable"), wantState: StateDead,
			wantErrIs: []error{ErrRejected}, wantFiles: []string{"dead"}},
		{name: "409 dead letter", err: apiErr(409, "conflict"), wantState: StateDead,
			wantErrIs: []error{ErrRejected, errs.ErrConflict}, wantFiles: []string{"dead"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			sub := newFake(func(string, int) error { return tc.err })
			q := mustOpen(t, dir, sub)
			id := newID()
			rc, err := q.Submit(context.Background(), newReport(t, id, 3))
			if tc.wantErrIs == nil {
				require.NoError(t, err)
			} else {
				for _, target := range tc.wantErrIs {
					assert.ErrorIs(t, err, target)
				}
			}
			assert.Equal(t, tc.wantState, rc.State)
			assert.Equal(t, id, rc.ID)
			assert.Equal(t, 1, sub.count(id), "exactly one attempt inline")
			if tc.err != nil {
				assert.ErrorIs(t, rc.Err, tc.err)
			}
			var want []string
			for _, st := range tc.wantFiles {
				want = append(want, id+"."+st)
			}
			got := files(t, dir)
			var entries []string
			for _, n := range got {
				if _, _, ok := splitName(n); ok {
					entries = append(entries, n)
				}
			}
			assert.Equal(t, want, entries)
		})
	}
}

func TestSubmitRefusesInvalidReportBeforeAnyIO(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(r *report.Report)
		field  string
	}{
		{"missing serial number", func(r *report.Report) { r.Header.SN = report.NullStr() }, "sn"},
		{"unknown type", func(r *report.Report) { r.Header.Type = report.StrOf("X") }, "type"},
		{"id not a GUID (unsafe as a file name)", func(r *report.Report) { r.Header.ID = report.StrOf("../../etc/passwd") }, "id"},
		{"missing station", func(r *report.Report) { r.Header.MachineName = report.NullStr() }, "machineName"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			sub := newFake(nil)
			q := mustOpen(t, dir, sub)
			r := newReport(t, newID(), 2)
			tc.mutate(r)
			for _, call := range []func(context.Context, *report.Report) (Receipt, error){q.Submit, q.Enqueue} {
				rc, err := call(context.Background(), r)
				require.Error(t, err)
				assert.ErrorIs(t, err, errs.ErrValidation)
				var ve *errs.ValidationError
				require.ErrorAs(t, err, &ve)
				var paths []string
				for _, f := range ve.Fields {
					paths = append(paths, f.Path)
				}
				assert.Contains(t, paths, tc.field)
				var re *RefusedError
				require.ErrorAs(t, err, &re)
				assert.Same(t, r, re.Report, "the report is handed back")
				assert.Equal(t, Receipt{}, rc)
			}
			assert.Zero(t, sub.total(), "nothing sent")
			assert.Equal(t, []string{"lock", "quarantine"}, files(t, dir), "nothing written")
		})
	}
	t.Run("nil report", func(t *testing.T) {
		q := mustOpen(t, t.TempDir(), newFake(nil))
		_, err := q.Submit(context.Background(), nil)
		assert.ErrorIs(t, err, errs.ErrValidation)
	})
}

func TestFinalizeAssignsMissingID(t *testing.T) {
	dir := t.TempDir()
	q := mustOpen(t, dir, newFake(nil))
	r := newReport(t, newID(), 1)
	r.Header.ID = report.NullStr()
	rc, err := q.Enqueue(context.Background(), r)
	require.NoError(t, err)
	require.NotEmpty(t, rc.ID)
	assert.Equal(t, r.ID(), rc.ID)
	assert.FileExists(t, filepath.Join(dir, rc.ID+".pending"))
}

func TestEnqueueDoesNotSend(t *testing.T) {
	dir := t.TempDir()
	sub := newFake(nil)
	q := mustOpen(t, dir, sub)
	id := newID()
	rc, err := q.Enqueue(context.Background(), newReport(t, id, 2))
	require.NoError(t, err)
	assert.Equal(t, Receipt{ID: id, State: StatePending}, rc)
	assert.Zero(t, sub.total())
	assert.FileExists(t, filepath.Join(dir, id+".pending"))

	// The entry is a complete, checksummed file holding the same document.
	data, err := os.ReadFile(filepath.Join(dir, id+".pending"))
	require.NoError(t, err)
	m, body, err := decodeEntry(data, id)
	require.NoError(t, err)
	assert.Equal(t, id, m.ID)
	assert.Zero(t, m.Attempts)
	assert.JSONEq(t, string(reportJSON(id, 2)), string(body))
}

func TestDuplicateIDRefused(t *testing.T) {
	dir := t.TempDir()
	q := mustOpen(t, dir, newFake(func(string, int) error { return apiErr(503, "down") }))
	id := newID()
	_, err := q.Enqueue(context.Background(), newReport(t, id, 1))
	require.NoError(t, err)
	// Same id in another case is the same report.
	_, err = q.Submit(context.Background(), newReport(t, strings.ToUpper(id), 1))
	assert.ErrorIs(t, err, ErrDuplicate)
	var re *RefusedError
	require.ErrorAs(t, err, &re)
	assert.NotNil(t, re.Report)
}

func TestCapacityRefusesAndHandsBack(t *testing.T) {
	t.Run("by count", func(t *testing.T) {
		dir := t.TempDir()
		q := mustOpen(t, dir, newFake(nil), WithCapacity(3, 0))
		for i := 0; i < 3; i++ {
			_, err := q.Enqueue(context.Background(), newReport(t, newID(), 1))
			require.NoError(t, err)
		}
		r := newReport(t, newID(), 1)
		_, err := q.Enqueue(context.Background(), r)
		require.ErrorIs(t, err, ErrQueueFull)
		var re *RefusedError
		require.ErrorAs(t, err, &re)
		assert.Same(t, r, re.Report)
		assert.Contains(t, err.Error(), "3 entries")
		s, err := q.Stats()
		require.NoError(t, err)
		assert.Equal(t, 3, s.Pending)
	})
	t.Run("by bytes", func(t *testing.T) {
		dir := t.TempDir()
		one := int64(len(reportJSON(newID(), 20)))
		q := mustOpen(t, dir, newFake(nil), WithCapacity(0, 2*one+one/2))
		_, err := q.Enqueue(context.Background(), newReport(t, newID(), 20))
		require.NoError(t, err)
		_, err = q.Enqueue(context.Background(), newReport(t, newID(), 20))
		require.NoError(t, err)
		_, err = q.Submit(context.Background(), newReport(t, newID(), 20))
		require.ErrorIs(t, err, ErrQueueFull)
	})
	t.Run("another process filled it", func(t *testing.T) {
		dir := t.TempDir()
		uploader := mustOpen(t, dir, newFake(nil), WithCapacity(2, 0))
		other := mustOpen(t, dir, nil) // enqueue-only process
		for i := 0; i < 2; i++ {
			_, err := other.Enqueue(context.Background(), newReport(t, newID(), 1))
			require.NoError(t, err)
		}
		time.Sleep(30 * time.Millisecond) // past the poll interval: totals are re-read
		_, err := uploader.Enqueue(context.Background(), newReport(t, newID(), 1))
		require.ErrorIs(t, err, ErrQueueFull, "totals are re-read from disk before refusing")
	})
	t.Run("room again after draining", func(t *testing.T) {
		dir := t.TempDir()
		q := mustOpen(t, dir, newFake(nil), WithCapacity(1, 0))
		_, err := q.Enqueue(context.Background(), newReport(t, newID(), 1))
		require.NoError(t, err)
		stop := runQueue(t, q)
		waitFor(t, 5e9, "drain", func() bool { return drained(q) })
		stop()
		_, err = q.Enqueue(context.Background(), newReport(t, newID(), 1))
		require.NoError(t, err)
	})
}

func TestOfflineProbeQueuesWithoutAttempt(t *testing.T) {
	sub := newFake(nil)
	q := mustOpen(t, t.TempDir(), sub, WithOnline(func() bool { return false }))
	rc, err := q.Submit(context.Background(), newReport(t, newID(), 1))
	require.NoError(t, err)
	assert.Equal(t, StatePending, rc.State)
	assert.ErrorIs(t, rc.Err, ErrOffline)
	assert.Zero(t, sub.total())
}

func TestSubmitCancelledContextKeepsReport(t *testing.T) {
	dir := t.TempDir()
	blocking := SubmitterFunc(func(ctx context.Context, r *report.Report) (string, error) {
		<-ctx.Done()
		return "", ctx.Err()
	})
	q := mustOpen(t, dir, blocking)
	ctx, cancel := context.WithCancel(context.Background())
	id := newID()
	var wg sync.WaitGroup
	wg.Add(1)
	var rc Receipt
	var err error
	go func() {
		defer wg.Done()
		rc, err = q.Submit(ctx, newReport(t, id, 1))
	}()
	waitFor(t, 5e9, "entry in flight", func() bool {
		_, serr := os.Stat(filepath.Join(dir, id+".sending"))
		return serr == nil
	})
	cancel()
	wg.Wait()
	require.NoError(t, err)
	assert.Equal(t, StatePending, rc.State)
	assert.ErrorIs(t, rc.Err, context.Canceled)
	assert.FileExists(t, filepath.Join(dir, id+".pending"))
}

func TestClassify(t *testing.T) {
	tests := []struct {
		err  error
		want verdict
	}{
		{apiErr(500, ""), retryCounted},
		{apiErr(502, ""), retryCounted},
		{apiErr(503, ""), retryCounted},
		{apiErr(429, ""), retryCounted},
		{apiErr(408, ""), retryCounted},
		{apiErr(404, ""), retryCounted},
		{apiErr(401, ""), retryUncounted},
		{apiErr(403, ""), retryUncounted},
		{apiErr(400, ""), reject},
		{apiErr(409, ""), conflict},
		{apiErr(413, ""), reject},
		{apiErr(422, ""), reject},
		{errs.Invalid("report.Submit", "sn", "required"), reject},
		{&errs.TransportError{Err: errors.New("EOF")}, retryCounted},
		{context.DeadlineExceeded, retryCounted},
		{context.Canceled, retryUncounted},
		{fmt.Errorf("wrapped: %w", errs.ErrCircuitOpen), retryUncounted},
		{errors.New("something unheard of"), retryCounted},
	}
	for _, tc := range tests {
		t.Run(tc.err.Error(), func(t *testing.T) {
			assert.Equal(t, tc.want, classify(tc.err))
		})
	}
	assert.True(t, isAuth(apiErr(http.StatusUnauthorized, "")))
	assert.False(t, isAuth(apiErr(http.StatusBadRequest, "")))
}

// TestConflictAfterEarlierAttemptCountsAsSent: with a server that answers
// 409 to a resubmitted id, a report whose first upload timed out after
// arriving is recognised as delivered, not dead-lettered.
func TestConflictAfterEarlierAttemptCountsAsSent(t *testing.T) {
	for _, tc := range []struct {
		name  string
		first error
	}{
		{"after a timeout", context.DeadlineExceeded},
		{"after a reset", &errs.TransportError{Err: errors.New("connection reset by peer")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			sub := newFake(func(_ string, n int) error {
				if n == 1 {
					return tc.first
				}
				return apiErr(409, "report already exists")
			})
			q := mustOpen(t, dir, sub)
			id := newID()
			rc, err := q.Submit(context.Background(), newReport(t, id, 1))
			require.NoError(t, err)
			require.Equal(t, StatePending, rc.State)
			runQueue(t, q)
			waitFor(t, 5*time.Second, "settled", func() bool {
				s, err := q.Stats()
				return err == nil && s.Sent == 1
			})
			s, err := q.Stats()
			require.NoError(t, err)
			assert.Zero(t, s.Dead)
			assert.Zero(t, s.Pending)
			assert.Equal(t, 2, sub.count(id))
		})
	}
}
