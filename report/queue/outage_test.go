package queue

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOutageThenRecovery: while the server answers 503, resets connections
// or hangs, a station keeps submitting; every report is kept. When the
// server recovers and the uploader is woken, the queue drains and every
// report arrives exactly once.
func TestOutageThenRecovery(t *testing.T) {
	// The attempt timeout is generous where the server answers, so a slow
	// (race-instrumented) run never times out an upload the server stored,
	// which would legitimately post it twice.
	for _, mode := range []struct {
		name    string
		m       serverMode
		timeout time.Duration
	}{{"503", mode503, 2 * time.Second}, {"reset", modeReset, 2 * time.Second}, {"hang", modeHang, 500 * time.Millisecond}} {
		t.Run(mode.name, func(t *testing.T) {
			srv := newReportServer(t)
			dir := t.TempDir()
			var mu sync.Mutex
			kinds := map[EventKind]int{}
			q := mustOpen(t, dir, newHTTPSubmitter(srv.srv.URL),
				WithAttemptTimeout(mode.timeout),
				WithBackoff(20*time.Millisecond, 100*time.Millisecond),
				WithEvents(func(e Event) {
					mu.Lock()
					kinds[e.Kind]++
					mu.Unlock()
				}))
			runQueue(t, q)

			srv.setMode(mode.m)
			var ids []string
			for i := 0; i < 15; i++ {
				id := newID()
				rc, err := q.Submit(context.Background(), newReport(t, id, 20))
				require.NoError(t, err, "a report is never refused for an outage")
				require.Equal(t, StatePending, rc.State)
				require.Error(t, rc.Err, "the station learns why it was only queued")
				ids = append(ids, id)
			}
			s, err := q.Stats()
			require.NoError(t, err)
			assert.Equal(t, 15, s.Pending+s.Sending)
			assert.Empty(t, srv.deliveries())

			srv.setMode(modeUp)
			q.Wake()
			waitFor(t, 10*time.Second, "drain after recovery", func() bool {
				mu.Lock()
				defer mu.Unlock()
				return kinds[EventSent] == 15 && drained(q)
			})
			got := srv.deliveries()
			assert.Len(t, got, 15)
			for _, id := range ids {
				assert.Equal(t, 1, got[id], "report %s delivered exactly once", id)
			}
			mu.Lock()
			defer mu.Unlock()
			assert.Equal(t, 15, kinds[EventQueued])
			assert.Equal(t, 15, kinds[EventSent])
			assert.GreaterOrEqual(t, kinds[EventFailed], 15)
			assert.Zero(t, kinds[EventDead])
		})
	}
}
