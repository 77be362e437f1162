package queue_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/queue"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// emulatorReport builds a UUT report with the given id and steps numeric
// steps, as a station would.
func emulatorReport(t testing.TB, id string, steps int) *report.Report {
	t.Helper()
	r, err := report.NewUUT("PCB-100", "SN-"+id[:8], "A", 10,
		report.WithStation(report.Station{Name: "STATION-01", Location: "Line 3", Purpose: "Production"}),
		report.WithOperator("operator"), report.WithID(id))
	require.NoError(t, err)
	for i := 0; i < steps; i++ {
		_, err := r.Root.AddNumericStep(fmt.Sprintf("rail %d", i), 3.3, "V", report.Lim(report.GELE, 3.2, 3.4))
		require.NoError(t, err)
	}
	return r
}

func newGUID(t testing.TB) string {
	t.Helper()
	id, err := report.NewGUID()
	require.NoError(t, err)
	return id
}

// TestEmulatorOutage: the emulator answers 503, resets connections, then
// hangs; the station keeps submitting through the queue; after recovery
// every report is on the emulator exactly once.
func TestEmulatorOutage(t *testing.T) {
	srv := watstest.NewServer()
	defer srv.Close()
	// The client's breaker opens during the outage; a short cool-down lets
	// its probe find the recovered server quickly.
	client, err := wats.New(srv.URL(), srv.Token(), wats.WithCircuitBreaker(3, 100*time.Millisecond))
	require.NoError(t, err)
	var mu sync.Mutex
	sent := 0
	q, err := queue.Open(t.TempDir(), client.Report,
		queue.WithAttemptTimeout(300*time.Millisecond),
		queue.WithBackoff(20*time.Millisecond, 200*time.Millisecond),
		queue.WithPollInterval(50*time.Millisecond),
		queue.WithEvents(func(e queue.Event) {
			if e.Kind == queue.EventSent {
				mu.Lock()
				sent++
				mu.Unlock()
			}
		}))
	require.NoError(t, err)
	defer q.Close()
	start := func() (stop func()) {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- q.Run(ctx) }()
		return func() {
			cancel()
			require.NoError(t, <-done)
		}
	}
	stop := start()

	var ids []string
	for _, f := range []watstest.Fault{
		{Method: "POST", Path: "/api/Report/WSJF", Status: 503, Times: -1},
		{Method: "POST", Path: "/api/Report/WSJF", Reset: true, Times: -1},
		{Method: "POST", Path: "/api/Report/WSJF", Hang: true, Times: -1},
	} {
		srv.ClearFaults()
		srv.Inject(f)
		for i := 0; i < 5; i++ {
			id := newGUID(t)
			rc, err := q.Submit(context.Background(), emulatorReport(t, id, 20))
			require.NoError(t, err)
			require.Equal(t, queue.StatePending, rc.State, "queued during the outage")
			ids = append(ids, id)
		}
	}
	assert.Empty(t, srv.Reports(), "nothing got through during the outage")
	// The emulator releases hung requests with an empty 200, which the
	// report service rightly takes as success; let every hung upload end
	// by its attempt timeout (uploader stopped) before the faults go.
	stop()
	srv.ClearFaults()
	stop = start()
	defer stop()
	q.Wake()
	deadline := time.Now().Add(20 * time.Second)
	for {
		mu.Lock()
		n := sent
		mu.Unlock()
		if n == len(ids) {
			break
		}
		require.True(t, time.Now().Before(deadline), "drain stuck at %d/%d", n, len(ids))
		time.Sleep(10 * time.Millisecond)
	}
	got := map[string]int{}
	for _, r := range srv.Reports() {
		got[r.ID]++
	}
	for _, id := range ids {
		assert.Equal(t, 1, got[id], "report %s on the emulator exactly once", id)
	}
	assert.Len(t, got, len(ids))
}

// The report service is the queue's submitter.
var _ queue.Submitter = (*report.Service)(nil)
