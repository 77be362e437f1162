package analytics_test

import (
	"context"
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/analytics"
	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestValidationSendsNothing(t *testing.T) {
	c, srv := apitest.Setup(t)
	an := c.Analytics
	ctx := context.Background()
	in := an.Internal()
	d1 := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	d0 := d1.AddDate(0, 0, -1)
	recent := analytics.RecentOptions{Days: 7, ProductGroupID: "1", LevelID: "1"}
	tests := []struct {
		name  string
		call  func() error
		field string
	}{
		{"dates reversed", func() error {
			f := analytics.Filter{}.Between(d1, d0)
			_, err := an.VolumeYield(ctx, &f)
			return err
		}, "dateTo"},
		{"bad grouping", func() error {
			_, err := an.HighVolume(ctx, &analytics.Filter{DateGrouping: analytics.Ptr(analytics.DateGrouping(9))})
			return err
		}, "dateGrouping"},
		{"yield over 100", func() error { _, err := an.WorstYield(ctx, &analytics.Filter{Yield: analytics.Ptr(101)}); return err }, "yield"},
		{"negative topCount", func() error { _, err := an.TopFailed(ctx, &analytics.Filter{TopCount: analytics.Ptr(-1)}); return err }, "topCount"},
		{"bad run", func() error {
			_, err := an.Unverified().TestStepAnalysis(ctx, &analytics.Filter{PartNumber: "p", TestOperation: "o"}, analytics.Run(0))
			return err
		}, "run"},
		{"period without grouping", func() error {
			_, err := an.DynamicYield(ctx, &analytics.Filter{}, analytics.Dimensions{analytics.By(analytics.DimPeriod)})
			return err
		}, "dateGrouping"},
		{"dimension with separator", func() error {
			_, err := an.DynamicYield(ctx, nil, analytics.Dimensions{analytics.By("partNumber;revision")})
			return err
		}, "dimensions[0]"},
		{"sort by trend", func() error {
			_, err := an.DynamicYield(ctx, nil, analytics.Dimensions{analytics.Desc(analytics.KPIFPYTrend)})
			return err
		}, "dimensions[0]"},
		{"dims twice", func() error {
			_, err := an.DynamicRepair(ctx, &analytics.Filter{Dimensions: "partNumber"}, analytics.Dimensions{analytics.By(analytics.DimPartNumber)})
			return err
		}, "dimensions"},
		{"recent no days", func() error {
			_, err := an.VolumeYieldRecent(ctx, analytics.RecentOptions{ProductGroupID: "1", LevelID: "1"})
			return err
		}, "days"},
		{"recent no group", func() error {
			_, err := an.HighVolumeRecent(ctx, analytics.RecentOptions{Days: 1, LevelID: "1"})
			return err
		}, "productGroupId"},
		{"recent no level", func() error {
			_, err := an.WorstYieldRecent(ctx, analytics.RecentOptions{Days: 1, ProductGroupID: "1"})
			return err
		}, "levelId"},
		{"top failed get no part", func() error {
			_, err := an.TopFailedRecent(ctx, analytics.TopFailedOptions{ProcessCode: 10, ProductGroupID: "1", LevelID: "1", Days: 1, Count: 1})
			return err
		}, "partNumber"},
		{"step analysis needs operation", func() error {
			_, err := an.TestStepAnalysis(ctx, &analytics.Filter{PartNumber: "p"})
			return err
		}, "testOperation"},
		{"measurements need part", func() error { _, err := an.Measurements(ctx, nil); return err }, "partNumber"},
		{"path with semicolon", func() error {
			_, err := an.AggregatedMeasurements(ctx, &analytics.Filter{PartNumber: "p", TestOperation: "o"}, analytics.StepPath("a;b"))
			return err
		}, "measurementPaths[0]"},
		{"path with empty step", func() error {
			_, err := an.Measurements(ctx, &analytics.Filter{PartNumber: "p", TestOperation: "o"}, analytics.StepPath("Main", " ", "V"))
			return err
		}, "measurementPaths[0]"},
		{"oee without availableTime", func() error { _, err := an.OEEAnalysis(ctx, nil, analytics.OEEOptions{}); return err }, "availableTime"},
		{"oee 25 hours", func() error {
			_, err := an.OEEAnalysis(ctx, nil, analytics.OEEOptions{AvailableHours: []float64{25, 0, 0, 0, 0, 0, 0}})
			return err
		}, "availableTime[0]"},
		{"uut query dates reversed", func() error {
			_, err := an.UUTReportsQuery(ctx, analytics.UUTQuery{DateFrom: d1, DateTo: d0})
			return err
		}, "dateTo"},
		{"repair history needs revision", func() error {
			_, err := an.RelatedRepairHistory(ctx, "p", "", analytics.RepairHistoryOptions{})
			return err
		}, "revision"},
		{"fpy needs part", func() error { _, err := an.FirstPassYield(ctx, "", "", d0, d1, analytics.GroupDay); return err }, "partNumber"},
		{"fpy needs dates", func() error {
			_, err := an.FirstPassYield(ctx, "p", "", time.Time{}, d1, analytics.GroupDay)
			return err
		}, "dateFrom"},
		{"fpy grouping none", func() error { _, err := an.FirstPassYield(ctx, "p", "", d0, d1, analytics.GroupNone); return err }, "dateGrouping"},
		{"rolled yield needs part", func() error { _, _, err := an.RolledYield(ctx, " ", d0, d1); return err }, "partNumber"},
		{"top failed steps n", func() error { _, err := an.TopFailedSteps(ctx, "p", "o", d0, d1, 0); return err }, "topCount"},
		{"series needs path", func() error { _, err := an.MeasurementSeries(ctx, "p", "o", "", d0, d1); return err }, "measurementPaths"},
		{"unit history needs serial", func() error { _, err := an.UnitHistory(ctx, "", "p"); return err }, "serialNumber"},
		{"internal flow filter", func() error { _, err := in.UnitFlowLinks(ctx, ""); return err }, "filter"},
		{"internal sn none", func() error { _, err := in.UnitFlowSerialNumbers(ctx, nil); return err }, "unitIds"},
		{"internal unit order none", func() error { _, err := in.UnitFlowUnitOrder(ctx, nil); return err }, "units"},
		{"internal list recent", func() error {
			_, err := in.MeasurementListRecent(ctx, analytics.RecentOptions{}, analytics.ListFilters{})
			return err
		}, "days"},
		{"internal status recent", func() error {
			_, err := in.StepStatusListRecent(ctx, analytics.RecentOptions{Days: 1}, analytics.ListFilters{})
			return err
		}, "productGroupId"},
		{"internal top failed get", func() error { _, err := in.TopFailedRecent(ctx, analytics.TopFailedOptions{}); return err }, "days"},
		{"alarm type", func() error {
			_, err := in.AlarmLogs(ctx, nil, analytics.AlarmOptions{Types: []analytics.AlarmType{9}})
			return err
		}, "includeTypes[0]"},
		{"internal filter", func() error {
			_, err := in.UnitFlow(ctx, &analytics.Filter{MinCount: analytics.Ptr(-2)})
			return err
		}, "minCount"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			require.ErrorIs(t, err, wats.ErrValidation)
			var ve *wats.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Fields[0].Path, ve.Error())
		})
	}
	assert.Empty(t, srv.Requests(), "validation happens before any request")
	_ = recent
}

func TestServerErrorsSurface(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	an := c.Analytics
	ctx := context.Background()
	srv.Inject(watstest.Fault{Path: "/api/App/DynamicYield", Status: 500, Body: `{"Message":"query timeout"}`})
	_, err := an.DynamicYield(ctx, nil, nil)
	require.ErrorIs(t, err, wats.ErrServer)
	assert.Contains(t, err.Error(), "analytics.DynamicYield")
	assert.Contains(t, err.Error(), "query timeout")

	// The emulator refuses what the server is documented to refuse.
	_, err = an.OEEAnalysis(ctx, nil, analytics.OEEOptions{AvailableHours: []float64{8, 8, 8, 8, 8, 8, 8}})
	require.NoError(t, err, "an empty store still answers")
	_, err = an.DynamicYield(ctx, &analytics.Filter{Status: "Maybe"}, nil)
	assert.ErrorIs(t, err, wats.ErrBadRequest)
}

// Analytics POSTs only read, so unlike other POSTs they are retried.
func TestQueriesAreRetried(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{wats.WithRetry(2, time.Millisecond, time.Millisecond)})
	an := c.Analytics
	srv.Inject(watstest.Fault{Path: "/api/App/DynamicYield", Status: 503})
	rows, err := an.DynamicYield(context.Background(), &analytics.Filter{PartNumber: "P"}, nil)
	require.NoError(t, err)
	assert.Empty(t, rows)
	require.Eventually(t, func() bool { return len(srv.Requests()) == 2 }, 2*time.Second, time.Millisecond)
	assert.Equal(t, []int{503, 200}, []int{srv.Requests()[0].Status, srv.Requests()[1].Status})
}

func TestEmptyStoreAnswersEmpty(t *testing.T) {
	c, _ := apitest.Setup(t)
	an := c.Analytics
	ctx := context.Background()
	rows, err := an.DynamicYield(ctx, nil, nil)
	require.NoError(t, err)
	assert.Empty(t, rows)
	hist, err := an.SerialNumberHistory(ctx, &analytics.Filter{SerialNumber: "X"})
	require.NoError(t, err)
	assert.Empty(t, hist)
}

func TestDimensionsString(t *testing.T) {
	tests := []struct {
		dims analytics.Dimensions
		want string
	}{
		{nil, ""},
		{analytics.Dimensions{analytics.Desc(analytics.KPIUnitCount), analytics.By(analytics.DimPartNumber), analytics.By(analytics.DimTestOperation)}, "unitCount desc;partNumber;testOperation"},
		{analytics.Dimensions{analytics.Asc(analytics.KPIFPY), analytics.By(analytics.DimPartNumber), analytics.Asc(analytics.DimPeriod)}, "fpy asc;partNumber;period asc"},
		{analytics.Dimensions{analytics.Show(analytics.KPIRepairCount), analytics.By(analytics.DimRepairCode)}, "repairCount;repairCode"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, tc.dims.String())
	}
}

func TestMeasurementPaths(t *testing.T) {
	tests := []struct {
		got  analytics.MeasurementPath
		want string
	}{
		{analytics.StepPath("MainSequence Callback", "NI steps", "Voltage"), "MainSequence Callback¶NI steps¶Voltage"},
		{analytics.StepPath("Main", "Multi").Measurement("Measurement0"), "Main¶Multi¶¶Measurement0"},
		{analytics.ParsePath("Main/NI steps/Multi::M1"), "Main¶NI steps¶Multi¶¶M1"},
		{analytics.ParsePath("Main/V"), "Main¶V"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, string(tc.got))
	}
	names, meas := analytics.StepPath("A", "B").Measurement("m").Steps()
	assert.Equal(t, []string{"A", "B"}, names)
	assert.Equal(t, "m", meas)
}

func TestComputeCapability(t *testing.T) {
	lo, hi := 0.0, 6.0
	c, err := analytics.ComputeCapability([]float64{1, 2, 3, 4, 5}, &lo, &hi)
	require.NoError(t, err)
	// Hand computation: mean 3, s = sqrt(10/4) = 1.58113883; Cpu = Cpl = 3/(3s) = 0.632455532; Cp = 6/(6s).
	assert.Equal(t, 3.0, c.Mean)
	assert.InDelta(t, 1.5811388300841898, c.StdDev, 1e-15)
	assert.InDelta(t, 0.6324555320336759, c.Cpk, 1e-12)
	assert.InDelta(t, 0.6324555320336759, c.Cp, 1e-12)

	off := 4.0
	c, err = analytics.ComputeCapability([]float64{1, 2, 3, 4, 5}, nil, &off)
	require.NoError(t, err)
	assert.InDelta(t, 1/(3*1.5811388300841898), c.Cpk, 1e-12, "one-sided: Cpu only")
	assert.True(t, math.IsNaN(c.Cp))
	assert.True(t, math.IsNaN(c.Cpl))

	tests := []struct {
		name      string
		values    []float64
		low, high *float64
	}{
		{"one value", []float64{1}, &lo, &hi},
		{"no limits", []float64{1, 2}, nil, nil},
		{"no spread", []float64{2, 2, 2}, &lo, &hi},
		{"limits reversed", []float64{1, 2}, &hi, &lo},
	}
	for _, tc := range tests {
		_, err := analytics.ComputeCapability(tc.values, tc.low, tc.high)
		assert.ErrorIs(t, err, analytics.ErrCapability, tc.name)
	}
}

func TestTolerantDecoding(t *testing.T) {
	var m analytics.Measurement
	require.NoError(t, json.Unmarshal([]byte(`{"reportId":"r1","limitLow":1.5,"limitHigh":2.5,"timestamp":"2026-03-02T08:00:00","value":2,"mystery":7}`), &m))
	assert.Equal(t, "r1", m.ReportID)
	assert.Equal(t, 1.5, *m.Limit1)
	assert.Equal(t, 2.5, *m.Limit2)
	require.NotNil(t, m.Start)
	assert.Equal(t, time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC), m.Start.Time, "a zone-less date-time is UTC")
	assert.JSONEq(t, `7`, string(m.Extra["mystery"]))

	var s analytics.StepAnalysisRow
	require.NoError(t, json.Unmarshal([]byte(`{"stepName":"V","cpl":1.1,"cpu":1.3,"minWof":0.2}`), &s))
	assert.Equal(t, 1.1, *s.CpLower)
	assert.Equal(t, 1.3, *s.CpUpper)
	assert.Contains(t, s.Extra, "minWof")

	var row analytics.YieldRow
	require.NoError(t, json.Unmarshal([]byte(`{"partNumber":"P","fpy":"97.5","unitCount":40,"colour":"red","period":null}`), &row))
	fpy, ok := row.FPY()
	assert.True(t, ok)
	assert.Equal(t, 97.5, fpy, "numbers sent as strings are read")
	assert.Equal(t, int64(40), row.UnitCount())
	assert.Equal(t, "red", row.String("colour"))
	assert.False(t, row.Has("period"))
	_, ok = row.SPY()
	assert.False(t, ok)
	out, err := json.Marshal(row)
	require.NoError(t, err)
	assert.JSONEq(t, `{"partNumber":"P","fpy":"97.5","unitCount":40,"colour":"red","period":null}`, string(out))

	var link analytics.UnitFlowLink
	require.NoError(t, json.Unmarshal([]byte(`{"source":1,"target":2,"unitCount":3}`), &link))
	assert.JSONEq(t, `1`, string(link.SourceID))
	assert.JSONEq(t, `2`, string(link.TargetID))
}

func TestFilterWireNames(t *testing.T) {
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	f := analytics.Filter{SerialNumber: "S", PartNumber: "P", Revision: "R", BatchNumber: "B", StationName: "St", TestOperation: "T",
		Status: analytics.StatusFailed, Yield: analytics.Ptr(90), MiscDescription: "MD", MiscValue: "MV", ProductGroup: "PG", Level: "L",
		SWFilename: "F", SWVersion: "V", Socket: "So", DateGrouping: analytics.Ptr(analytics.GroupDay), PeriodCount: analytics.Ptr(7),
		IncludeCurrentPeriod: analytics.Ptr(false), MaxCount: analytics.Ptr(1), MinCount: analytics.Ptr(2), TopCount: analytics.Ptr(3),
		Dimensions: "partNumber"}.Between(from, from.Add(time.Hour+123456789))
	js, err := analytics.FilterJSON(&f)
	require.NoError(t, err)
	assert.JSONEq(t, `{"serialNumber":"S","partNumber":"P","revision":"R","batchNumber":"B","stationName":"St","testOperation":"T",
		"status":"Failed","yield":90,"miscDescription":"MD","miscValue":"MV","productGroup":"PG","level":"L","swFilename":"F","swVersion":"V",
		"socket":"So","dateFrom":"2026-01-01T00:00:00Z","dateTo":"2026-01-01T01:00:00.1234567Z","dateGrouping":4,"periodCount":7,
		"includeCurrentPeriod":false,"maxCount":1,"minCount":2,"topCount":3,"dimensions":"partNumber"}`, js, "every member is one of the filter schema's, dates with at most 7 fractional digits")
	empty, err := analytics.FilterJSON(nil)
	require.NoError(t, err)
	assert.Equal(t, `{}`, empty, "nothing unset is sent")
}
