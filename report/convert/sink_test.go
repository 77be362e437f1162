package convert

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/queue"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func sinkReport(t *testing.T, sn string) *report.Report {
	t.Helper()
	r, err := report.NewUUT("PN-1", sn, "A", 10,
		report.WithStation(report.Station{Name: "st", Location: "loc", Purpose: "test"}),
		report.WithOperator("op"))
	require.NoError(t, err)
	_, err = r.Root.AddPassFailStep("s", true)
	require.NoError(t, err)
	require.NoError(t, r.Finalize())
	return r
}

func TestQueueSink(t *testing.T) {
	ctx := context.Background()
	q, err := queue.Open(t.TempDir(), nil)
	require.NoError(t, err)
	s := QueueSink(q)

	r := sinkReport(t, "SN1")
	require.NoError(t, s.Accept(ctx, r))
	st, err := q.Stats()
	require.NoError(t, err)
	assert.Equal(t, 1, st.Pending, "durably enqueued")
	assert.NoError(t, s.Accept(ctx, r), "the same id again (a retry after a crash) counts as accepted")
	st, _ = q.Stats()
	assert.Equal(t, 1, st.Pending, "and is not queued twice")

	bad := sinkReport(t, "SN2")
	bad.Header.PN = report.StrOf("")
	err = s.Accept(ctx, bad)
	assert.ErrorIs(t, err, ErrRejected)
	assert.ErrorIs(t, err, wats.ErrValidation)

	require.NoError(t, q.Close())
	err = s.Accept(ctx, sinkReport(t, "SN3"))
	require.Error(t, err)
	assert.NotErrorIs(t, err, ErrRejected, "a closed queue is temporary: the file stays pending")
}

func TestServiceSink(t *testing.T) {
	ctx := context.Background()
	srv := watstest.NewServer()
	defer srv.Close()
	client, err := wats.New(srv.URL(), srv.Token(), wats.WithRetry(0, 0, 0), wats.WithCircuitBreaker(0, 0), wats.WithRateLimit(0, 0))
	require.NoError(t, err)
	s := ServiceSink(client.Report)
	for _, tc := range []struct {
		name     string
		fault    *watstest.Fault
		rejected bool
		ok       bool
	}{
		{"accepted", nil, false, true},
		{"409 means the server has this id", &watstest.Fault{Method: "POST", Path: "/api/Report/WSJF", Status: 409, Times: 1}, false, true},
		{"400 is a rejection", &watstest.Fault{Method: "POST", Path: "/api/Report/WSJF", Status: 400, Times: 1}, true, false},
		{"422 is a rejection", &watstest.Fault{Method: "POST", Path: "/api/Report/WSJF", Status: 422, Times: 1}, true, false},
		{"503 is temporary", &watstest.Fault{Method: "POST", Path: "/api/Report/WSJF", Status: 503, Times: 1}, false, false},
		{"401 is temporary", &watstest.Fault{Method: "POST", Path: "/api/Report/WSJF", Status: 401, Times: 1}, false, false},
		{"429 is temporary", &watstest.Fault{Method: "POST", Path: "/api/Report/WSJF", Status: 429, Times: 1}, false, false},
		{"reset is temporary", &watstest.Fault{Method: "POST", Path: "/api/Report/WSJF", Reset: true, Times: 1}, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv.ClearFaults()
			if tc.fault != nil {
				srv.Inject(*tc.fault)
			}
			r := sinkReport(t, "SN-"+tc.name[:3])
			c, cancel := context.WithTimeout(ctx, 10*time.Second)
			defer cancel()
			err := s.Accept(c, r)
			if tc.ok {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, tc.rejected, errors.Is(err, ErrRejected), err.Error())
		})
	}
	srv.ClearFaults()
	bad := sinkReport(t, "SN-bad")
	bad.Header.SN = report.StrOf("")
	assert.ErrorIs(t, s.Accept(ctx, bad), ErrRejected, "an invalid report is refused before any request")
}
