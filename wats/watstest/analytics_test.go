package watstest

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/analytics"
	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/wats"
)

func anSetup(t *testing.T, opts ...Option) (*Server, *analytics.Service) {
	t.Helper()
	srv := NewServer(append([]Option{WithClock(func() time.Time { return anD3.AddDate(0, 0, 2) })}, opts...)...)
	t.Cleanup(srv.Close)
	seedAnalytics(t, srv.Emulator)
	c, err := wats.New(srv.URL(), srv.Token())
	require.NoError(t, err)
	return srv, c.Analytics
}

// nthTo waits for the n-th request (1-based) to path to be logged: the
// emulator logs a request after answering it, so the client can be faster.
func nthTo(t *testing.T, s *Server, path string, n int) LoggedRequest {
	t.Helper()
	var found []LoggedRequest
	require.Eventually(t, func() bool {
		found = found[:0]
		for _, r := range s.Requests() {
			if strings.EqualFold(r.Path, path) {
				found = append(found, r)
			}
		}
		return len(found) >= n
	}, 2*time.Second, time.Millisecond)
	return found[n-1]
}

func pct(n, d int) float64 { return 100 * float64(n) / float64(d) }

type yieldWant struct {
	group                              string
	units, fp, sp, tp, lp, reports, ok int64
}

// TestYieldGroupings asserts hand-computed yields for four groupings.
func TestYieldGroupings(t *testing.T) {
	_, an := anSetup(t)
	ctx := context.Background()
	ict := analytics.Filter{PartNumber: "PCBA-100", TestOperation: "ICT"}.Between(anD1, anD3.AddDate(0, 0, 1))

	t.Run("by day", func(t *testing.T) {
		f := ict
		f.DateGrouping = analytics.Ptr(analytics.GroupDay)
		rows, err := an.DynamicYield(ctx, &f, analytics.Dimensions{analytics.Asc(analytics.DimPeriod)})
		require.NoError(t, err)
		// Retests counted per day: d1 has U2's 2nd run, d2 U3's 2nd and 3rd, d3 U5's 2nd and 3rd.
		checkYieldRetests(t, rows, []int64{1, 2, 2})
		want := []yieldWant{
			{"2026-03-02T00:00:00Z", 3, 1, 2, 2, 2, 4, 2},
			{"2026-03-03T00:00:00Z", 1, 1, 1, 1, 1, 3, 1},
			{"2026-03-10T00:00:00Z", 2, 1, 1, 2, 2, 4, 2},
		}
		checkCounts(t, rows, analytics.YieldRow.Period, want)
	})
	t.Run("by week", func(t *testing.T) {
		f := ict
		f.DateGrouping = analytics.Ptr(analytics.GroupWeek)
		rows, err := an.DynamicYield(ctx, &f, analytics.Dimensions{analytics.Asc(analytics.DimPeriod)})
		require.NoError(t, err)
		checkCounts(t, rows, analytics.YieldRow.Period, []yieldWant{
			{"2026-03-02T00:00:00Z", 4, 2, 3, 3, 3, 7, 3},
			{"2026-03-09T00:00:00Z", 2, 1, 1, 2, 2, 4, 2},
		})
	})
	t.Run("by station", func(t *testing.T) {
		rows, err := an.DynamicYield(ctx, &ict, analytics.Dimensions{analytics.Asc(analytics.DimStationName)})
		require.NoError(t, err)
		checkCounts(t, rows, analytics.YieldRow.StationName, []yieldWant{
			{"ICT-1", 3, 1, 2, 2, 2, 4, 2},
			{"ICT-2", 3, 2, 2, 3, 3, 7, 3},
		})
	})
	t.Run("by operation, worst first", func(t *testing.T) {
		f := analytics.Filter{PartNumber: "PCBA-100"}
		// Naming a KPI as sort key returns only the KPIs named, so name them all.
		dims := analytics.Dimensions{analytics.Asc(analytics.KPIFPY), analytics.By(analytics.DimTestOperation)}
		for _, k := range []analytics.KPI{analytics.KPIUnitCount, analytics.KPIFPCount, analytics.KPISPCount, analytics.KPITPCount, analytics.KPILPCount,
			analytics.KPITestReportCount, analytics.KPITestYieldCount, analytics.KPISPY, analytics.KPITPY, analytics.KPILPY, analytics.KPITestYield} {
			dims = append(dims, analytics.Show(k))
		}
		rows, err := an.DynamicYield(ctx, &f, dims)
		require.NoError(t, err)
		checkCounts(t, rows, analytics.YieldRow.TestOperation, []yieldWant{
			{"ICT", 6, 3, 4, 5, 5, 11, 5},
			{"FCT", 3, 2, 3, 3, 3, 4, 3},
		})
	})
}

// checkCounts checks the unit and report counts and every yield derived from them.
func checkCounts(t *testing.T, rows []analytics.YieldRow, key func(analytics.YieldRow) string, want []yieldWant) {
	t.Helper()
	require.Len(t, rows, len(want))
	for i, w := range want {
		r := rows[i]
		assert.Equal(t, w.group, key(r), "row %d", i)
		got := yieldWant{key(r), r.UnitCount(), r.FPCount(), r.Int("spCount"), r.Int("tpCount"), r.LPCount(), r.Int("testReportCount"), r.Int("testYieldCount")}
		assert.Equal(t, w, got)
		for _, k := range []struct {
			kpi  string
			n, d int64
		}{{"fpy", w.fp, w.units}, {"spy", w.sp, w.units}, {"tpy", w.tp, w.units}, {"lpy", w.lp, w.units}, {"testYield", w.ok, w.reports}} {
			v, ok := r.Float(k.kpi)
			require.True(t, ok, k.kpi)
			assert.Equal(t, pct(int(k.n), int(k.d)), v, "%s %s", w.group, k.kpi)
		}
	}
}

func checkYieldRetests(t *testing.T, rows []analytics.YieldRow, want []int64) {
	t.Helper()
	require.Len(t, rows, len(want))
	for i, w := range want {
		assert.Equal(t, w, rows[i].Int("retestCount"), rows[i].Period())
	}
}

func TestFirstPassAndRolledYield(t *testing.T) {
	_, an := anSetup(t)
	ctx := context.Background()
	pts, err := an.FirstPassYield(ctx, "PCBA-100", "ICT", anD1, anD3.AddDate(0, 0, 1), analytics.GroupDay)
	require.NoError(t, err)
	require.Len(t, pts, 3)
	assert.Equal(t, anD1, pts[0].Start)
	assert.Equal(t, []float64{pct(1, 3), 100, 50}, []float64{pts[0].FPY, pts[1].FPY, pts[2].FPY})
	assert.Equal(t, []int64{3, 1, 2}, []int64{pts[0].Units, pts[1].Units, pts[2].Units})

	monthly, err := an.FirstPassYield(ctx, "PCBA-100", "ICT", anD1, anD3, analytics.GroupMonth)
	require.NoError(t, err)
	require.Len(t, monthly, 1)
	assert.Equal(t, float64(50), monthly[0].FPY)

	rty, ops, err := an.RolledYield(ctx, "PCBA-100", anD1, anD3.AddDate(0, 0, 1))
	require.NoError(t, err)
	require.Len(t, ops, 2)
	assert.Equal(t, "FCT", ops[0].TestOperation)
	assert.InDelta(t, 100*0.5*(2.0/3.0), rty, 1e-9, "RTY = FPY(ICT) × FPY(FCT)")

	_, _, err = an.RolledYield(ctx, "NOPE", anD1, anD3)
	assert.ErrorContains(t, err, "no units")
}

func TestVolumeHighWorst(t *testing.T) {
	_, an := anSetup(t)
	ctx := context.Background()
	vol, err := an.VolumeYield(ctx, &analytics.Filter{})
	require.NoError(t, err)
	require.Len(t, vol, 1)
	assert.Equal(t, int64(9), vol[0].UnitCount(), "units are counted per test operation: 6 ICT + 3 FCT")

	recent, err := an.VolumeYieldRecent(ctx, analytics.RecentOptions{Days: 30, ProductGroupID: "1", LevelID: "1"})
	require.NoError(t, err)
	require.Len(t, recent, 1)
	assert.Equal(t, int64(9), recent[0].UnitCount())
	none, err := an.VolumeYieldRecent(ctx, analytics.RecentOptions{Days: 1, ProductGroupID: "1", LevelID: "1"})
	require.NoError(t, err)
	assert.Empty(t, none, "nothing in the last day of the emulator clock")

	high, err := an.HighVolume(ctx, &analytics.Filter{TopCount: analytics.Ptr(1)})
	require.NoError(t, err)
	require.Len(t, high, 1)
	assert.Equal(t, "ICT", high[0].TestOperation())
	highR, err := an.HighVolumeRecent(ctx, analytics.RecentOptions{Days: 30, ProductGroupID: "1", LevelID: "1"})
	require.NoError(t, err)
	assert.Len(t, highR, 2)

	worst, err := an.WorstYield(ctx, &analytics.Filter{MinCount: analytics.Ptr(1)})
	require.NoError(t, err)
	require.Len(t, worst, 2)
	assert.Equal(t, "ICT", worst[0].TestOperation())
	fpy, _ := worst[1].FPY()
	assert.Equal(t, pct(2, 3), fpy)
	worstR, err := an.WorstYieldRecent(ctx, analytics.RecentOptions{Days: 30, ProductGroupID: "1", LevelID: "1"})
	require.NoError(t, err)
	assert.Len(t, worstR, 2)
	filtered, err := an.WorstYield(ctx, &analytics.Filter{MinCount: analytics.Ptr(4)})
	require.NoError(t, err)
	assert.Len(t, filtered, 1, "minCount drops FCT's 3 units")

	byGroup, err := an.HighVolumeByProductGroup(ctx, &analytics.Filter{})
	require.NoError(t, err)
	require.Len(t, byGroup, 1)
	worstGroup, err := an.WorstYieldByProductGroup(ctx, &analytics.Filter{})
	require.NoError(t, err)
	require.Len(t, worstGroup, 1)
}

func TestTopFailedAndStepAnalysis(t *testing.T) {
	srv, an := anSetup(t)
	ctx := context.Background()
	top, err := an.TopFailedSteps(ctx, "PCBA-100", "ICT", anD1, anD3.AddDate(0, 0, 1), 5)
	require.NoError(t, err)
	require.Len(t, top, 3)
	assert.Equal(t, "Voltage 3V3", top[0].StepName)
	assert.Equal(t, "MainSequence Callback¶Power¶Voltage 3V3", top[0].StepPath)
	assert.Equal(t, 4, top[0].FailCount)
	assert.Equal(t, 11, top[0].TotalCount)
	assert.Equal(t, pct(4, 11), top[0].FailRate)
	assert.Equal(t, []string{"Boundary Scan", "Current"}, []string{top[1].StepName, top[2].StepName})
	require.NotNil(t, top[0].FirstFail)
	assert.Equal(t, anD1.Add(9*time.Hour), top[0].FirstFail.Time)

	get, err := an.TopFailedRecent(ctx, analytics.TopFailedOptions{PartNumber: "PCBA-100", ProcessCode: 10, ProductGroupID: "1", LevelID: "1", Days: 30, Count: 1})
	require.NoError(t, err)
	require.Len(t, get, 1)
	assert.Equal(t, 4, get[0].FailCount)
	last := nthTo(t, srv, "/api/App/TopFailed", 2)
	q, _ := url.ParseQuery(last.Query)
	assert.Equal(t, "10", q.Get("processCode"))
	assert.Equal(t, "1", q.Get("count"))

	first, err := an.TestStepAnalysis(ctx, &analytics.Filter{PartNumber: "PCBA-100", TestOperation: "ICT"})
	require.NoError(t, err)
	v := findStep(t, first, "Voltage 3V3", "")
	assert.Equal(t, 6, v.StepCount, "run 1 only: one report per unit")
	assert.Equal(t, 3, v.StepFailedCount)
	assert.Equal(t, 3, v.StepCausedUUTFailed)
	require.NotNil(t, v.Limit1)
	assert.Equal(t, 3.2, *v.Limit1)
	assert.Equal(t, "GELE", v.CompOperator)
	require.NotNil(t, v.StepTimeAvg)
	assert.Equal(t, 0.5, *v.StepTimeAvg)

	// The run member is not in the filter schema: a real server ignores
	// what it does not know, so only a lenient contract lets it through.
	_, un := anSetup(t, WithContract(Lenient))
	all, err := un.Unverified().TestStepAnalysis(ctx, &analytics.Filter{PartNumber: "PCBA-100", TestOperation: "ICT"}, analytics.RunAll)
	require.NoError(t, err)
	v = findStep(t, all, "Voltage 3V3", "")
	assert.Equal(t, 11, v.StepCount)
	assert.Equal(t, 4, v.StepFailedCount)
	idle := findStep(t, all, "Current", "Idle")
	assert.Equal(t, 11, idle.MeasureCount)
	assert.Equal(t, 1, idle.StepFailedCount)
	assert.Contains(t, idle.Extra, "measureCountWof")

	lastRun, err := un.Unverified().TestStepAnalysis(ctx, &analytics.Filter{PartNumber: "PCBA-100", TestOperation: "ICT"}, analytics.RunLast)
	require.NoError(t, err)
	assert.Equal(t, 1, findStep(t, lastRun, "Voltage 3V3", "").StepFailedCount, "only U3 ends on a voltage failure")
}

func findStep(t *testing.T, rows []analytics.StepAnalysisRow, name, meas string) analytics.StepAnalysisRow {
	t.Helper()
	for _, r := range rows {
		if r.StepName == name && r.MeasureName == meas {
			return r
		}
	}
	t.Fatalf("step %q/%q not in %d rows", name, meas, len(rows))
	return analytics.StepAnalysisRow{}
}

func TestMeasurementsSeriesAndCpk(t *testing.T) {
	srv, an := anSetup(t)
	ctx := context.Background()
	voltage := analytics.StepPath("MainSequence Callback", "Power", "Voltage 3V3")
	idle := analytics.StepPath("MainSequence Callback", "Power", "Current").Measurement("Idle")

	groups, err := an.Measurements(ctx, &analytics.Filter{PartNumber: "PCBA-100", TestOperation: "ICT"}, voltage, idle)
	require.NoError(t, err)
	require.Len(t, groups, 2)
	assert.Equal(t, string(voltage), groups[0].MeasurementPath)
	assert.Len(t, groups[0].Measurements, 11)
	assert.Len(t, groups[1].Measurements, 11)
	m := groups[0].Measurements[0]
	assert.Equal(t, "U1", m.SerialNumber)
	assert.Equal(t, 3.25, *m.Value)
	assert.Equal(t, 3.4, *m.Limit2)
	assert.Equal(t, "00000000-0000-4000-8000-000000000001", m.ReportID)
	raw := nthTo(t, srv, "/api/App/Measurements", 1).Query
	assert.Contains(t, raw, "%C2%B6%C2%B6Idle", "pilcrows are sent percent-encoded as UTF-8")

	series, err := an.MeasurementSeries(ctx, "PCBA-100", "ICT", voltage, anD1, anD3.AddDate(0, 0, 1))
	require.NoError(t, err)
	require.Len(t, series.Points, 11)
	assert.Equal(t, 3.2, *series.Low)
	assert.Equal(t, 3.4, *series.High)
	assert.Equal(t, "V", series.Unit)
	assert.True(t, series.Points[0].Start.Before(series.Points[10].Start.Time))

	capab, err := an.Cpk(ctx, "PCBA-100", "ICT", voltage, anD1, anD3.AddDate(0, 0, 1))
	require.NoError(t, err)
	assert.Equal(t, 11, capab.N)
	agg, err := an.AggregatedMeasurements(ctx, &analytics.Filter{PartNumber: "PCBA-100", TestOperation: "ICT"}, voltage)
	require.NoError(t, err)
	require.Len(t, agg, 1)
	assert.Equal(t, 11, agg[0].Count)
	require.NotNil(t, agg[0].Cpk)
	assert.InDelta(t, *agg[0].Cpk, capab.Cpk, 1e-12, "client-side Cpk matches the emulator's independent computation")
	assert.InDelta(t, *agg[0].Avg, capab.Mean, 1e-12)

	_, err = an.Cpk(ctx, "PCBA-100", "ICT", idle, anD1, anD3.AddDate(0, 0, 1))
	assert.ErrorIs(t, err, analytics.ErrCapability, "all Idle values are equal")
}

func TestHistoryAndReportLists(t *testing.T) {
	_, an := anSetup(t)
	ctx := context.Background()
	hist, err := an.UnitHistory(ctx, "U3", "PCBA-100")
	require.NoError(t, err)
	require.Len(t, hist, 4)
	assert.Equal(t, []report.Type{"T", "T", "T", "R"}, []report.Type{hist[0].ReportType, hist[1].ReportType, hist[2].ReportType, hist[3].ReportType})
	assert.Equal(t, []int{1, 2, 3}, []int{hist[0].Run, hist[1].Run, hist[2].Run})
	assert.Equal(t, "Failed", hist[0].Result)
	assert.Equal(t, "Voltage 3V3", hist[0].CausedUUTFailure)
	assert.Equal(t, "MainSequence Callback¶Power¶Voltage 3V3", hist[0].CausedUUTFailurePath)
	assert.Equal(t, "tech1", hist[3].UserName)

	failed, err := an.UUTReports(ctx, &analytics.Filter{TestOperation: "ICT", Status: analytics.StatusFailed})
	require.NoError(t, err)
	require.Len(t, failed, 6)
	assert.Equal(t, "U5", failed[0].SerialNumber, "newest first")
	top2, err := an.UUTReports(ctx, &analytics.Filter{TopCount: analytics.Ptr(2)})
	require.NoError(t, err)
	assert.Len(t, top2, 2)

	byQuery, err := an.UUTReportsQuery(ctx, analytics.UUTQuery{SerialNumber: "U2", Status: analytics.StatusPassed})
	require.NoError(t, err)
	require.Len(t, byQuery, 2, "U2 passed ICT and FCT once each")

	uur, err := an.UURReports(ctx, &analytics.Filter{PartNumber: "PCBA-%"})
	require.NoError(t, err)
	require.Len(t, uur, 1)
	assert.Equal(t, "U3", uur[0].SerialNumber)

	wild, err := an.SerialNumberHistory(ctx, &analytics.Filter{SerialNumber: "U1;U_", PartNumber: "pcba-100"})
	require.NoError(t, err)
	assert.Len(t, wild, 16, "U1;U_ matches every unit; matching ignores case")
}

func TestRepairs(t *testing.T) {
	_, an := anSetup(t)
	ctx := context.Background()
	rows, err := an.DynamicRepair(ctx, &analytics.Filter{}, analytics.Dimensions{analytics.By(analytics.DimPartNumber), analytics.By(analytics.DimRepairCode),
		analytics.Show(analytics.KPIRepairCount), analytics.Show(analytics.KPIRepairReportCount)})
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assert.Equal(t, "Burned Component", rows[0].String("repairCode"))
	assert.Equal(t, int64(1), rows[0].RepairCount())
	assert.Equal(t, int64(1), rows[0].RepairReportCount())

	def, err := an.DynamicRepair(ctx, nil, nil)
	require.NoError(t, err)
	require.Len(t, def, 1)
	assert.Equal(t, "Repair", def[0].String("repairOperation"))

	hist, err := an.RelatedRepairHistory(ctx, "PCBA-100", "A", analytics.RepairHistoryOptions{TestOperationCode: 10})
	require.NoError(t, err)
	require.Len(t, hist, 1)
	assert.Equal(t, "Component", hist[0].FailCode)
	assert.Equal(t, "Burned Component", hist[0].RepairCode)
	assert.Equal(t, "Voltage 3V3", hist[0].FailStepName)
	none, err := an.RelatedRepairHistory(ctx, "PCBA-100", "A", analytics.RepairHistoryOptions{TestOperationCode: 20})
	require.NoError(t, err)
	assert.Empty(t, none)
}

func TestOEE(t *testing.T) {
	srv, an := anSetup(t)
	ctx := context.Background()
	f := analytics.Filter{StationName: "ICT-1"}.Between(anD1, anD1.Add(24*time.Hour-time.Second))
	res, err := an.OEEAnalysis(ctx, &f, analytics.OEEOptions{AvailableHours: []float64{8, 8, 8, 8, 8, 0, 0}})
	require.NoError(t, err)
	assert.Equal(t, 4, res.TotalCount)
	assert.Equal(t, 2, res.GoodCount)
	assert.Equal(t, float64(480), *res.PlannedProductionTime, "one Monday of 8 hours")
	assert.Equal(t, float64(4), *res.RunTime, "four runs of 60 s")
	assert.Equal(t, float64(50), *res.Quality)
	assert.Equal(t, float64(100), *res.Performance)
	assert.InDelta(t, 100*4.0/480, *res.Availability, 1e-12)
	assert.InDelta(t, 100*4.0/480*0.5, *res.OEE, 1e-12)
	q, _ := url.ParseQuery(nthTo(t, srv, "/api/App/OeeAnalysis", 1).Query)
	assert.Equal(t, "8,8,8,8,8,0,0", q.Get("availableTime"))
}

func TestDimensionsAndFilterOnTheWire(t *testing.T) {
	srv, an := anSetup(t)
	ctx := context.Background()
	f := analytics.Filter{PartNumber: "PCBA-100", DateGrouping: analytics.Ptr(analytics.GroupYear), Yield: analytics.Ptr(0)}
	_, err := an.DynamicYield(ctx, &f, analytics.Dimensions{analytics.Desc(analytics.KPIUnitCount), analytics.By(analytics.DimPartNumber), analytics.By(analytics.DimPeriod)})
	require.NoError(t, err)
	q, _ := url.ParseQuery(nthTo(t, srv, "/api/App/DynamicYield", 1).Query)
	assert.Equal(t, "unitCount desc;partNumber;period", q.Get("dimensions"))

	// An unknown dimension is the server's 400, surfaced as an APIError.
	_, err = an.DynamicYield(ctx, &analytics.Filter{}, analytics.Dimensions{analytics.By("colour")})
	var apiErr *wats.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Message, "colour")

	js, err := analytics.FilterJSON(&f)
	require.NoError(t, err)
	assert.JSONEq(t, `{"partNumber":"PCBA-100","dateGrouping":0,"yield":0,"includeCurrentPeriod":true}`, js,
		"zero values that were set are sent; unset fields never are")
}

func TestInternalAnalytics(t *testing.T) {
	srv, an := anSetup(t)
	ctx := context.Background()
	in := an.Internal()
	flow, err := in.UnitFlow(ctx, &analytics.Filter{PartNumber: "PCBA-100"})
	require.NoError(t, err)
	require.Len(t, flow.Nodes, 2)
	assert.Equal(t, "ICT", flow.Nodes[0].Name)
	assert.Equal(t, 6, flow.Nodes[0].UnitCount)
	assert.Equal(t, 5, flow.Nodes[0].PassCount)
	assert.Equal(t, 1, flow.Nodes[0].FailCount)
	require.Len(t, flow.Links, 1)
	assert.Equal(t, "ICT", flow.Links[0].Source)
	assert.Equal(t, "FCT", flow.Links[0].Target)
	assert.Equal(t, 3, flow.Links[0].UnitCount, "U1, U2 and U4 moved on to FCT")
	assert.Equal(t, 6, flow.TotalUnits)

	fj, err := analytics.FilterJSON(&analytics.Filter{PartNumber: "PCBA-100"})
	require.NoError(t, err)
	links, err := in.UnitFlowLinks(ctx, fj)
	require.NoError(t, err)
	assert.Contains(t, string(links), `"unitCount":3`)
	nodes, err := in.UnitFlowNodes(ctx, fj)
	require.NoError(t, err)
	assert.Contains(t, string(nodes), `"name":"FCT"`)
	units, err := in.UnitFlowUnits(ctx, fj)
	require.NoError(t, err)
	assert.Contains(t, string(units), `"serialNumber":"U6"`)
	_, err = in.UnitFlowNodes(ctx, "not json")
	assert.ErrorIs(t, err, wats.ErrBadRequest)

	sn, err := in.UnitFlowSerialNumbers(ctx, []int{1})
	require.NoError(t, err)
	assert.Contains(t, string(sn), `"serialNumber":"U1"`)
	split, err := in.UnitFlowSplitBy(ctx, &analytics.Filter{TestOperation: "ICT"})
	require.NoError(t, err)
	assert.Contains(t, string(split), `"stationName":"ICT-2"`)
	order, err := in.UnitFlowUnitOrder(ctx, []analytics.UnitRef{{UnitID: 1, Source: 1, Target: 2}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"count":1}`, string(order))

	ml, err := in.MeasurementList(ctx, &analytics.Filter{PartNumber: "PCBA-100", SerialNumber: "U1"}, analytics.ListFilters{})
	require.NoError(t, err)
	assert.Len(t, ml, 3, "U1's ICT run has three numeric measurements")
	mlr, err := in.MeasurementListRecent(ctx, analytics.RecentOptions{Days: 30, ProductGroupID: "1", LevelID: "1"}, analytics.ListFilters{})
	require.NoError(t, err)
	assert.Len(t, mlr, 33)
	idle, err := in.AggregatedMeasurements(ctx, &analytics.Filter{PartNumber: "PCBA-100"}, analytics.ListFilters{},
		&analytics.AggregateOptions{MeasurementName: "idle"})
	require.NoError(t, err)
	require.Len(t, idle, 1, "one path carries the Idle measurement")
	assert.Equal(t, 11, idle[0].Count)
	assert.Equal(t, "Current", idle[0].StepName)
	everything, err := in.AggregatedMeasurementsRecent(ctx, analytics.RecentOptions{Days: 30, ProductGroupID: "1", LevelID: "1"}, analytics.ListFilters{}, nil)
	require.NoError(t, err)
	assert.Len(t, everything, 3, "voltage, idle and load")
	q, _ := url.ParseQuery(nthTo(t, srv, "/api/internal/App/AggregatedMeasurements", 1).Query)
	assert.Equal(t, "idle", q.Get("measurementName"))
	assert.Equal(t, "<filters></filters>", q.Get("stepFilters"))

	ss, err := in.StepStatusList(ctx, &analytics.Filter{TestOperation: "ICT"}, analytics.ListFilters{})
	require.NoError(t, err)
	require.NotEmpty(t, ss)
	for _, s := range ss {
		if s.StepName == "Voltage 3V3" {
			assert.Equal(t, 4, s.FailCount)
			assert.Equal(t, 11, s.TotalCount)
		}
	}
	ssr, err := in.StepStatusListRecent(ctx, analytics.RecentOptions{Days: 30, ProductGroupID: "1", LevelID: "1"}, analytics.ListFilters{})
	require.NoError(t, err)
	assert.Len(t, ssr, 4, "three ICT leaf steps and one FCT step")

	tf, err := in.TopFailed(ctx, &analytics.Filter{TestOperation: "ICT", TopCount: analytics.Ptr(1)})
	require.NoError(t, err)
	require.Len(t, tf, 1)
	tfr, err := in.TopFailedRecent(ctx, analytics.TopFailedOptions{PartNumber: "PCBA-100", ProcessCode: 20, ProductGroupID: "1", LevelID: "1", Days: 30, Count: 5})
	require.NoError(t, err)
	require.Len(t, tfr, 1)
	assert.Equal(t, "Function", tfr[0].StepName)

	for _, r := range srv.Requests() {
		if strings.HasPrefix(strings.ToLower(r.Path), "/api/internal/") {
			assert.NotEmpty(t, r.Header.Get("Referer"), r.Path)
		}
	}
}

func TestAlarmLogs(t *testing.T) {
	srv := NewServer(WithAlarmLogs(
		AlarmLog{"logId": 1, "name": "FPY low", "type": 2, "logDate": "2026-03-02T10:00:00Z", "fpy": 40.0, "calculationsString": "fpy<50"},
		AlarmLog{"logId": 2, "name": "Cal due", "type": 5, "logDate": "2026-03-03T10:00:00Z", "assetname": "DMM-1"},
	))
	t.Cleanup(srv.Close)
	c, err := wats.New(srv.URL(), srv.Token(), wats.WithRetry(1, 0, 0))
	require.NoError(t, err)
	in := c.Analytics.Internal()
	ctx := context.Background()

	all, err := in.AlarmLogs(ctx, &analytics.Filter{}, analytics.AlarmOptions{})
	require.NoError(t, err)
	require.Len(t, all, 2)
	assert.Equal(t, analytics.AlarmYield, all[0].Type)
	assert.Empty(t, all[0].CalculationsString, "not asked for")
	assert.JSONEq(t, `40`, string(all[0].Extra["fpy"]))
	assert.JSONEq(t, `"DMM-1"`, string(all[1].Extra["assetname"]))

	assets, err := in.AlarmLogs(ctx, &analytics.Filter{}, analytics.AlarmOptions{Types: []analytics.AlarmType{analytics.AlarmAsset}, IncludeCalculationString: true})
	require.NoError(t, err)
	require.Len(t, assets, 1)
	assert.Equal(t, "Cal due", assets[0].Name)
	q, _ := url.ParseQuery(nthTo(t, srv, "/api/internal/Trigger/GetAlarmAndNotificationLogs", 2).Query)
	assert.Equal(t, "5", q.Get("includeTypes"))

	withCalc, err := in.AlarmLogs(ctx, &analytics.Filter{TopCount: analytics.Ptr(1)}, analytics.AlarmOptions{IncludeCalculationString: true})
	require.NoError(t, err)
	require.Len(t, withCalc, 1)
	assert.Equal(t, "fpy<50", withCalc[0].CalculationsString)

	srv.FailNext(1, 500)
	_, err = in.AlarmLogs(ctx, nil, analytics.AlarmOptions{})
	assert.ErrorIs(t, err, wats.ErrServer, "unlike pyWATS, failures surface as errors")
}

// TestEveryEndpointError checks that each analytics call surfaces a server
// refusal as a typed error: filters the emulator rejects for the POST
// routes, an injected failure for the GET routes.
func TestEveryEndpointError(t *testing.T) {
	srv, an := anSetup(t)
	ctx := context.Background()
	in := an.Internal()
	bad := &analytics.Filter{PartNumber: "P", TestOperation: "ICT", Status: "Maybe"}
	recent := analytics.RecentOptions{Days: 1, ProductGroupID: "1", LevelID: "1"}
	tfo := analytics.TopFailedOptions{PartNumber: "P", ProcessCode: 10, ProductGroupID: "1", LevelID: "1", Days: 1, Count: 1}
	posts := map[string]func() error{
		"DynamicYield":             func() error { _, err := an.DynamicYield(ctx, bad, nil); return err },
		"DynamicRepair":            func() error { _, err := an.DynamicRepair(ctx, bad, nil); return err },
		"VolumeYield":              func() error { _, err := an.VolumeYield(ctx, bad); return err },
		"HighVolume":               func() error { _, err := an.HighVolume(ctx, bad); return err },
		"HighVolumeByProductGroup": func() error { _, err := an.HighVolumeByProductGroup(ctx, bad); return err },
		"WorstYield":               func() error { _, err := an.WorstYield(ctx, bad); return err },
		"WorstYieldByProductGroup": func() error { _, err := an.WorstYieldByProductGroup(ctx, bad); return err },
		"TopFailed":                func() error { _, err := an.TopFailed(ctx, bad); return err },
		"TestStepAnalysis":         func() error { _, err := an.TestStepAnalysis(ctx, bad); return err },
		"Measurements":             func() error { _, err := an.Measurements(ctx, bad); return err },
		"AggregatedMeasurements":   func() error { _, err := an.AggregatedMeasurements(ctx, bad); return err },
		"OEEAnalysis": func() error {
			_, err := an.OEEAnalysis(ctx, bad, analytics.OEEOptions{AvailableHours: []float64{1, 1, 1, 1, 1, 1, 1}})
			return err
		},
		"SerialNumberHistory": func() error { _, err := an.SerialNumberHistory(ctx, bad); return err },
		"UUTReports":          func() error { _, err := an.UUTReports(ctx, bad); return err },
		"UURReports":          func() error { _, err := an.UURReports(ctx, bad); return err },
		"Internal.UnitFlow":   func() error { _, err := in.UnitFlow(ctx, bad); return err },
		"Internal.SplitBy":    func() error { _, err := in.UnitFlowSplitBy(ctx, bad); return err },
		"Internal.MeasList":   func() error { _, err := in.MeasurementList(ctx, bad, analytics.ListFilters{}); return err },
		"Internal.StepStatus": func() error { _, err := in.StepStatusList(ctx, bad, analytics.ListFilters{}); return err },
		"Internal.TopFailed":  func() error { _, err := in.TopFailed(ctx, bad); return err },
		"Internal.AlarmLogs":  func() error { _, err := in.AlarmLogs(ctx, bad, analytics.AlarmOptions{}); return err },
	}
	for name, call := range posts {
		t.Run(name, func(t *testing.T) {
			err := call()
			var apiErr *wats.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, 400, apiErr.StatusCode)
			assert.Contains(t, apiErr.Message, "Maybe")
		})
	}
	gets := []struct {
		route string
		call  func() error
	}{
		{"/api/App/VolumeYield", func() error { _, err := an.VolumeYieldRecent(ctx, recent); return err }},
		{"/api/App/HighVolume", func() error { _, err := an.HighVolumeRecent(ctx, recent); return err }},
		{"/api/App/WorstYield", func() error { _, err := an.WorstYieldRecent(ctx, recent); return err }},
		{"/api/App/TopFailed", func() error { _, err := an.TopFailedRecent(ctx, tfo); return err }},
		{"/api/App/UutReport", func() error { _, err := an.UUTReportsQuery(ctx, analytics.UUTQuery{}); return err }},
		{"/api/App/RelatedRepairHistory", func() error {
			_, err := an.RelatedRepairHistory(ctx, "P", "A", analytics.RepairHistoryOptions{})
			return err
		}},
		{"/api/internal/UnitFlow/Links", func() error { _, err := in.UnitFlowLinks(ctx, "{}"); return err }},
		{"/api/internal/UnitFlow/Nodes", func() error { _, err := in.UnitFlowNodes(ctx, "{}"); return err }},
		{"/api/internal/UnitFlow/Units", func() error { _, err := in.UnitFlowUnits(ctx, "{}"); return err }},
		{"/api/internal/UnitFlow/SN", func() error { _, err := in.UnitFlowSerialNumbers(ctx, []int{1}); return err }},
		{"/api/internal/UnitFlow/UnitOrder", func() error { _, err := in.UnitFlowUnitOrder(ctx, []analytics.UnitRef{{UnitID: 1}}); return err }},
		{"/api/internal/App/MeasurementList", func() error {
			_, err := in.MeasurementListRecent(ctx, recent, analytics.ListFilters{})
			return err
		}},
		{"/api/internal/App/StepStatusList", func() error {
			_, err := in.StepStatusListRecent(ctx, recent, analytics.ListFilters{})
			return err
		}},
		{"/api/internal/App/TopFailed", func() error { _, err := in.TopFailedRecent(ctx, tfo); return err }},
	}
	for _, g := range gets {
		t.Run(g.route, func(t *testing.T) {
			srv.ClearFaults()
			srv.Inject(Fault{Path: g.route, Status: 403, Body: `{"Message":"denied"}`})
			err := g.call()
			require.ErrorIs(t, err, wats.ErrForbidden)
			assert.Contains(t, err.Error(), "denied")
		})
	}
}

// Reports without processName (pyWATS sends none) take the operation name
// from the emulator's process table, so filters by name still match.
func TestOperationNameFromProcessTable(t *testing.T) {
	srv := NewServer()
	t.Cleanup(srv.Close)
	for i, res := range []string{"P", "F"} {
		doc := anDoc(i, anRun{sn: fmt.Sprintf("N%d", i), op: "ICT", at: anD1.Add(time.Duration(i) * time.Hour), station: "S", fail: map[string]string{"P": "", "F": "voltage"}[res]})
		delete(doc, "processName")
		doc["processCode"] = 50 // "PCBA test" in the default process table
		srv.reports.put(anStore(t, doc))
	}
	c, err := wats.New(srv.URL(), srv.Token())
	require.NoError(t, err)
	rows, err := c.Analytics.DynamicYield(context.Background(), &analytics.Filter{TestOperation: "PCBA test"},
		analytics.Dimensions{analytics.By(analytics.DimTestOperation)})
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assert.Equal(t, "PCBA test", rows[0].TestOperation())
	assert.Equal(t, int64(2), rows[0].UnitCount())
	byCode, err := c.Analytics.UUTReports(context.Background(), &analytics.Filter{TestOperation: "50"})
	require.NoError(t, err)
	require.Len(t, byCode, 2, "the code as text matches too")
	assert.Equal(t, "PCBA test", byCode[0].ProcessName)
}

func TestWildcardPatterns(t *testing.T) {
	tests := []struct {
		pattern, value string
		want           bool
	}{
		{"PCBA-100", "pcba-100", true},
		{"PCBA-%", "PCBA-100", true},
		{"PCBA-%", "PCB-100", false},
		{"%-100", "PCBA-100", true},
		{"P_BA-100", "PCBA-100", true},
		{"P_BA-100", "PCCBA-100", false},
		{"A;B;PCBA-1__", "PCBA-100", true},
		{"A;B", "C", false},
		{"%", "", true},
		{"_", "", false},
		{"%a%b%", "xxAyyBzz", true},
		{"ø%", "Øresund", true},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, anCompile(tc.pattern).match(tc.value), "%q ~ %q", tc.pattern, tc.value)
	}
}

func TestAlarmLogSeedsAreChecked(t *testing.T) {
	for _, tc := range []struct {
		name string
		log  AlarmLog
		ok   bool
	}{
		{"valid", AlarmLog{"logId": 1, "logDate": "2026-03-02T10:00:00.1234567Z"}, true},
		{"no date", AlarmLog{"logId": 2}, true},
		{"no id", AlarmLog{"logDate": "2026-03-02T10:00:00Z"}, false},
		{"fractional id", AlarmLog{"logId": 1.5}, false},
		{"nine digits", AlarmLog{"logId": 3, "logDate": "2026-03-02T10:00:00.123456789Z"}, false},
		{"not a date", AlarmLog{"logId": 4, "logDate": "yesterday"}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := NewServer(WithAlarmLogs(tc.log))
			t.Cleanup(srv.Close)
			if tc.ok {
				require.NoError(t, srv.SeedErr())
				assert.Len(t, srv.alarmLogs.logs, 1)
				return
			}
			require.Error(t, srv.SeedErr())
			assert.Empty(t, srv.alarmLogs.logs, "a refused seed adds nothing")
		})
	}
}
