package asset_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/asset"
	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/wats"
)

func intp(n int) *int { return &n }

func TestCounts(t *testing.T) {
	c, srv := apitest.Setup(t, fixtures()...)
	ctx := context.Background()
	rack := asset.BySerial("RACK-1")

	require.NoError(t, c.Asset.IncrementCount(ctx, rack, nil))
	require.NoError(t, c.Asset.IncrementCount(ctx, rack, &asset.CountOptions{IncrementBy: 4}))
	a := get(t, c, "RACK-1")
	assert.Equal(t, 5, a.RunningCount)
	assert.Equal(t, 5, a.TotalCount)
	require.NotNil(t, a.LastSeenDate)

	require.NoError(t, c.Asset.IncrementCount(ctx, rack, &asset.CountOptions{IncrementBy: 2, IncludeChildren: true}))
	assert.Equal(t, 7, get(t, c, "RACK-1").RunningCount)
	assert.Equal(t, 2, get(t, c, "FIX-2").RunningCount)
	assert.Equal(t, 2, get(t, c, "PIN-1").RunningCount, "grandchildren are counted too")

	// A new total adds its difference to the old total to both counts.
	require.NoError(t, c.Asset.IncrementCount(ctx, rack, &asset.CountOptions{TotalCount: intp(1000), CultureCode: "en-US"}))
	a = get(t, c, "RACK-1")
	assert.Equal(t, 1000, a.TotalCount)
	assert.Equal(t, 1000, a.RunningCount)
	err := c.Asset.IncrementCount(ctx, rack, &asset.CountOptions{TotalCount: intp(10)})
	apitest.RequireStatus(t, err, http.StatusBadRequest, wats.ErrBadRequest)

	require.NoError(t, c.Asset.ResetRunningCount(ctx, rack, "new pins"))
	a = get(t, c, "RACK-1")
	assert.Equal(t, 0, a.RunningCount)
	assert.Equal(t, 1000, a.TotalCount, "a reset keeps the total")

	require.NoError(t, c.Asset.Unverified().SetRunningCount(ctx, rack, 42))
	require.NoError(t, c.Asset.Unverified().SetTotalCount(ctx, rack, 4242))
	a = get(t, c, "RACK-1")
	assert.Equal(t, 42, a.RunningCount)
	assert.Equal(t, 4242, a.TotalCount)

	nope := asset.BySerial("NOPE")
	for name, err := range map[string]error{
		"IncrementCount":    c.Asset.IncrementCount(ctx, nope, nil),
		"ResetRunningCount": c.Asset.ResetRunningCount(ctx, nope, ""),
		"SetRunningCount":   c.Asset.Unverified().SetRunningCount(ctx, nope, 1),
		"SetTotalCount":     c.Asset.Unverified().SetTotalCount(ctx, nope, 1),
		"SetState":          c.Asset.SetState(ctx, nope, asset.StateInTransit),
	} {
		t.Run(name+" 404", func(t *testing.T) { apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound) })
	}

	srv.ResetRequests()
	apitest.RequireValidation(t, c.Asset.IncrementCount(ctx, rack, &asset.CountOptions{IncrementBy: -1}), "incrementBy")
	apitest.RequireValidation(t, c.Asset.IncrementCount(ctx, rack, &asset.CountOptions{TotalCount: intp(-5)}), "totalCount")
	apitest.RequireValidation(t, c.Asset.Unverified().SetRunningCount(ctx, rack, -1), "runningCount")
	apitest.RequireValidation(t, c.Asset.Unverified().SetTotalCount(ctx, rack, -1), "totalCount")
	apitest.RequireValidation(t, c.Asset.SetState(ctx, rack, asset.State(7)), "state")
	err = c.Asset.IncrementCount(ctx, asset.Ident{}, &asset.CountOptions{IncrementBy: -1})
	apitest.RequireValidation(t, err, "incrementBy")
	apitest.RequireValidation(t, err, "id|serialNumber")
	apitest.RequireNoRequests(t, srv)
}

func TestStateAndStatus(t *testing.T) {
	c, _ := apitest.Setup(t, fixtures()...)
	ctx := context.Background()
	fix := asset.BySerial("FIX-1")

	require.NoError(t, c.Asset.SetState(ctx, fix, asset.StateInCalibration))
	assert.Equal(t, asset.StateInCalibration, *get(t, c, "FIX-1").State)

	tests := []struct {
		running int
		want    asset.AlarmState
	}{
		{0, asset.AlarmOK},
		{79, asset.AlarmOK},
		{80, asset.AlarmWarning},
		{100, asset.AlarmAlarm},
	}
	for _, tt := range tests {
		require.NoError(t, c.Asset.Unverified().SetRunningCount(ctx, fix, tt.running))
		st, err := c.Asset.Status(ctx, fix, &asset.StatusOptions{NoTranslate: true, CultureCode: "en-US"})
		require.NoError(t, err)
		assert.Equal(t, tt.want, st.AlarmState, "running count %d", tt.running)
		assert.Equal(t, tt.running, st.RunningCount)
		assert.Contains(t, string(st.Raw), `"serialNumber":"FIX-1"`, "the full answer is kept")
	}

	_, err := c.Asset.Status(ctx, asset.BySerial("NOPE"), nil)
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)
}

func TestCalibrationAndMaintenance(t *testing.T) {
	c, srv := apitest.Setup(t, fixtures()...)
	ctx := context.Background()
	fix := asset.BySerial("FIX-1")
	require.NoError(t, c.Asset.Unverified().SetRunningCount(ctx, fix, 50))

	done := time.Date(2026, 2, 1, 8, 30, 0, 0, time.FixedZone("CET", 3600))
	require.NoError(t, c.Asset.RecordCalibration(ctx, fix, &asset.EventOptions{At: done, Comment: "annual"}))
	a := get(t, c, "FIX-1")
	require.NotNil(t, a.LastCalibrationDate)
	assert.True(t, a.LastCalibrationDate.Equal(done))
	require.NotNil(t, a.NextCalibrationDate)
	assert.True(t, a.NextCalibrationDate.Equal(done.AddDate(0, 0, 30)), "next = last + the type's 30-day interval")
	assert.Equal(t, 0, a.RunningCount, "calibration restarts the running count")

	require.NoError(t, c.Asset.RecordMaintenance(ctx, fix, nil))
	a = get(t, c, "FIX-1")
	assert.True(t, a.LastMaintenanceDate.Equal(t0), "no date means the server's now")
	assert.True(t, a.NextMaintenanceDate.Equal(t0.AddDate(0, 0, 90)))

	from, to := t0.AddDate(0, -1, 0), t0.AddDate(1, 0, 0)
	require.NoError(t, c.Asset.Unverified().RecordExternalCalibration(ctx, fix, asset.ExternalEvent{Done: from, NextDue: to, Comment: "by lab"}))
	require.NoError(t, c.Asset.Unverified().RecordExternalMaintenance(ctx, fix, asset.ExternalEvent{Done: from, NextDue: to}))
	a = get(t, c, "FIX-1")
	assert.True(t, a.LastCalibrationDate.Equal(from))
	assert.True(t, a.NextCalibrationDate.Equal(to))
	assert.True(t, a.NextMaintenanceDate.Equal(to))

	nope := asset.BySerial("NOPE")
	apitest.RequireStatus(t, c.Asset.RecordCalibration(ctx, nope, nil), http.StatusNotFound, wats.ErrNotFound)
	apitest.RequireStatus(t, c.Asset.RecordMaintenance(ctx, nope, nil), http.StatusNotFound, wats.ErrNotFound)
	apitest.RequireStatus(t, c.Asset.Unverified().RecordExternalCalibration(ctx, nope, asset.ExternalEvent{Done: from, NextDue: to}), http.StatusNotFound, wats.ErrNotFound)
	apitest.RequireStatus(t, c.Asset.Unverified().RecordExternalMaintenance(ctx, nope, asset.ExternalEvent{Done: from, NextDue: to}), http.StatusNotFound, wats.ErrNotFound)

	srv.ResetRequests()
	apitest.RequireValidation(t, c.Asset.Unverified().RecordExternalCalibration(ctx, fix, asset.ExternalEvent{Done: to, NextDue: from}), "toDate")
	apitest.RequireValidation(t, c.Asset.Unverified().RecordExternalMaintenance(ctx, fix, asset.ExternalEvent{NextDue: to}), "fromDate")
	apitest.RequireValidation(t, c.Asset.Unverified().RecordExternalMaintenance(ctx, fix, asset.ExternalEvent{Done: from}), "toDate")
	apitest.RequireNoRequests(t, srv)
}

func TestEventQueryIsUTC(t *testing.T) {
	c, srv := apitest.Setup(t, fixtures()...)
	done := time.Date(2026, 2, 1, 8, 30, 0, 0, time.FixedZone("CET", 3600))
	srv.ResetRequests()
	require.NoError(t, c.Asset.RecordCalibration(context.Background(), asset.BySerial("FIX-1"), &asset.EventOptions{At: done}))
	require.Len(t, srv.Requests(), 1)
	assert.Equal(t, "dateTime=2026-02-01T07%3A30%3A00Z&serialNumber=FIX-1", srv.Requests()[0].Query)
}

func TestLogAndMessages(t *testing.T) {
	c, srv := apitest.Setup(t, fixtures()...)
	ctx := context.Background()
	fix := get(t, c, "FIX-1")
	require.NoError(t, c.Asset.PostMessage(ctx, asset.ByID(fix.AssetID), &asset.Message{Content: "pins look worn"}, nil))
	require.NoError(t, c.Asset.ResetRunningCount(ctx, asset.BySerial("FIX-1"), "new pins"))
	require.NoError(t, c.Asset.RecordCalibration(ctx, asset.BySerial("FIX-1"), nil))
	require.NoError(t, c.Asset.SetState(ctx, asset.BySerial("FIX-1"), asset.StateInStorage))

	entries, err := c.Asset.Log(ctx, wats.Query{Filter: wats.Eq("serialNumber", "FIX-1"), OrderBy: []wats.Order{{Field: "logId"}}})
	require.NoError(t, err)
	var types []asset.LogType
	for _, e := range entries {
		types = append(types, e.Type)
		assert.True(t, e.Date.Equal(t0))
	}
	assert.Equal(t, []asset.LogType{asset.LogRegister, asset.LogMessage, asset.LogResetCount, asset.LogCalibration, asset.LogStateChange}, types)
	assert.Equal(t, "watstest", entries[1].User, "the author is the authenticated user")
	assert.Equal(t, "pins look worn", entries[1].Comment)
	assert.Contains(t, entries[2].Comment, "new pins")

	srv.ResetRequests()
	n := 0
	for e, err := range c.Asset.AllLog(ctx, wats.Query{Top: 2}) {
		require.NoError(t, err)
		assert.Positive(t, e.LogID)
		n++
	}
	assert.Equal(t, 8, n, "4 registrations and 4 changes")
	assert.Len(t, srv.Requests(), 5, "pages of 2, ending with an empty page")

	_, err = c.Asset.Log(ctx, wats.Query{Filter: wats.RawFilter("serialNumber eq 'x' and")})
	apitest.RequireStatus(t, err, http.StatusBadRequest, wats.ErrBadRequest)
	err = c.Asset.PostMessage(ctx, asset.ByID("00000000-0000-0000-0000-000000000000"), &asset.Message{Content: "x"}, nil)
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)

	srv.ResetRequests()
	require.NoError(t, c.Asset.PostMessage(ctx, asset.BySerial("FIX-1"), &asset.Message{Content: "by serial"}, &asset.MessageOptions{CultureCode: "nb-NO"}))
	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "cultureCode=nb-NO&serialNumber=FIX-1", reqs[0].Query)

	srv.ResetRequests()
	apitest.RequireValidation(t, c.Asset.PostMessage(ctx, asset.Ident{}, &asset.Message{Content: "x"}, nil), "id|serialNumber")
	apitest.RequireValidation(t, c.Asset.PostMessage(ctx, asset.ByID(fix.AssetID), &asset.Message{}, nil), "content")
	apitest.RequireValidation(t, c.Asset.PostMessage(ctx, asset.ByID(fix.AssetID), nil, nil), "message")
	apitest.RequireNoRequests(t, srv)
}

func TestComputeDueDates(t *testing.T) {
	last := t0
	next := t0.AddDate(0, 0, 10)
	ty := &asset.Type{CalibrationInterval: 30, MaintenanceInterval: 7, RunningCountLimit: 100}
	tests := []struct {
		name      string
		a         asset.Asset
		ty        *asset.Type
		wantCal   *time.Time
		wantMnt   *time.Time
		countLeft *int
	}{
		{"stored next wins", asset.Asset{LastCalibrationDate: &last, NextCalibrationDate: &next}, ty, &next, nil, intp(100)},
		{"last plus interval", asset.Asset{LastCalibrationDate: &last, LastMaintenanceDate: &last, RunningCount: 30}, ty, ptr(t0.AddDate(0, 0, 30)), ptr(t0.AddDate(0, 0, 7)), intp(70)},
		{"unlimited interval", asset.Asset{LastCalibrationDate: &last, NextCalibrationDate: &next}, &asset.Type{CalibrationInterval: asset.IntervalUnlimited}, nil, nil, nil},
		{"no type, no next", asset.Asset{LastCalibrationDate: &last}, nil, nil, nil, nil},
		{"expanded type used", asset.Asset{LastCalibrationDate: &last, Type: ty}, nil, ptr(t0.AddDate(0, 0, 30)), nil, intp(100)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := asset.ComputeDueDates(&tt.a, tt.ty)
			assert.Equal(t, tt.wantCal, d.Calibration)
			assert.Equal(t, tt.wantMnt, d.Maintenance)
			assert.Equal(t, tt.countLeft, d.RunningCountLeft)
		})
	}

	d := asset.DueDates{Calibration: &next}
	assert.False(t, d.CalibrationDue(t0, 9*24*time.Hour))
	assert.True(t, d.CalibrationDue(t0, 10*24*time.Hour))
	assert.True(t, asset.DueDates{RunningCountLeft: intp(0)}.CalibrationDue(t0, 0))
	assert.False(t, asset.DueDates{}.MaintenanceDue(t0, time.Hour))
	assert.True(t, asset.DueDates{Maintenance: &last}.MaintenanceDue(t0, 0))
}

func ptr(t time.Time) *time.Time { return &t }

func TestDueDatesFromServer(t *testing.T) {
	c, _ := apitest.Setup(t, fixtures()...)
	ctx := context.Background()
	fix := asset.BySerial("FIX-1")
	require.NoError(t, c.Asset.RecordCalibration(ctx, fix, &asset.EventOptions{At: t0.AddDate(0, 0, -25)}))
	require.NoError(t, c.Asset.Unverified().SetRunningCount(ctx, fix, 60))
	a, due, err := c.Asset.DueDates(ctx, fix)
	require.NoError(t, err)
	assert.Equal(t, "FIX-1", a.SerialNumber)
	require.NotNil(t, due.Calibration)
	assert.True(t, due.Calibration.Equal(t0.AddDate(0, 0, 5)))
	require.NotNil(t, due.RunningCountLeft, "the type was looked up for its limit")
	assert.Equal(t, 40, *due.RunningCountLeft)
	assert.True(t, due.CalibrationDue(t0, 7*24*time.Hour))
	assert.False(t, due.CalibrationDue(t0, 24*time.Hour))

	_, _, err = c.Asset.DueDates(ctx, asset.BySerial("NOPE"))
	require.ErrorIs(t, err, wats.ErrNotFound)
}

func TestAssetDecodesServerDateForms(t *testing.T) {
	var a asset.Asset
	require.NoError(t, jsonUnmarshal(`{"serialNumber":"S","lastCalibrationDate":"2026-03-01T12:00:00","nextCalibrationDate":"2026-03-31T12:00:00.1234567+01:00","firstSeenDate":null,"lastSeenDate":"","assetLog":[{"logId":1,"date":"2026-03-01T12:00:00.5","type":4}],"unknownField":1}`, &a))
	require.NotNil(t, a.LastCalibrationDate)
	assert.True(t, a.LastCalibrationDate.Equal(t0), "a zone-less date-time is UTC")
	assert.Equal(t, 2026, a.NextCalibrationDate.Year())
	assert.Nil(t, a.FirstSeenDate)
	assert.Nil(t, a.LastSeenDate)
	require.Len(t, a.Log, 1)
	assert.True(t, a.Log[0].Date.Equal(t0.Add(500*time.Millisecond)))
	assert.Equal(t, asset.LogCalibration, a.Log[0].Type)

	require.Error(t, jsonUnmarshal(`{"serialNumber":"S","lastSeenDate":"yesterday"}`, &a))
}

// TestConcurrentUsage records usage from many goroutines at once, as
// parallel test sockets sharing a fixture would; no count may be lost.
func TestConcurrentUsage(t *testing.T) {
	c, _ := apitest.Setup(t, fixtures()...)
	ctx := context.Background()
	const workers, runs = 8, 10
	errc := make(chan error, workers*runs)
	done := make(chan struct{})
	for w := 0; w < workers; w++ {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := 0; i < runs; i++ {
				errc <- c.Asset.IncrementCount(ctx, asset.BySerial("FIX-1"), nil)
			}
		}()
	}
	for w := 0; w < workers; w++ {
		<-done
	}
	close(errc)
	for err := range errc {
		require.NoError(t, err)
	}
	a := get(t, c, "FIX-1")
	assert.Equal(t, workers*runs, a.RunningCount)
	assert.Equal(t, workers*runs, a.TotalCount)
}
