package watstest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/analytics"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// The analytics scenarios run on their own part number, tested at the end
// of line (process 100) over the last hours:
//
//	AN-S1 pass; AN-S2 fail (voltage), pass; AN-S3 fail (voltage), then repaired.
const (
	anSuitePart = "APP-SUITE-100"
	anSuiteOp   = "End of line test"
)

var anSuiteVoltage = analytics.StepPath("MainSequence Callback", "Power", "Voltage 3V3")

func init() {
	registerSuite("analytics/seed", suiteAnalyticsSeed)
	registerSuite("analytics/yield", suiteAnalyticsYield)
	registerSuite("analytics/steps-measurements", suiteAnalyticsSteps)
	registerSuite("analytics/reports-repairs-oee", suiteAnalyticsReports)
	registerSuite("analytics/internal", suiteAnalyticsInternal)
}

// anSuiteDoc is one end-of-line UUT run as WSJF.
func anSuiteDoc(i int, sn string, at time.Time, fail bool) []byte {
	status, value := "P", 3.3
	if fail {
		status, value = "F", 3.6
	}
	doc := map[string]any{
		"type": "T", "id": fmt.Sprintf("a0000000-0000-4000-8000-%012d", i), "pn": anSuitePart, "sn": sn, "rev": "A",
		"processCode": 100, "processName": anSuiteOp, "result": status, "machineName": "SUITE-EOL", "location": "Oslo", "purpose": "Production",
		"start": at.UTC().Format(time.RFC3339),
		"root": map[string]any{"id": 0, "group": "M", "stepType": "SequenceCall", "name": "MainSequence Callback", "status": status,
			"seqCall": map[string]any{"path": "eol.seq", "version": "1.0"}, "steps": []any{
				map[string]any{"id": 1, "group": "M", "stepType": "SequenceCall", "name": "Power", "status": status, "seqCall": map[string]any{},
					"steps": []any{map[string]any{"id": 2, "group": "M", "stepType": "ET_NLT", "name": "Voltage 3V3", "status": status,
						"totTime": 0.5, "causedUUTFailure": fail, "numericMeas": []any{map[string]any{"compOp": "GELE", "status": status,
							"unit": "V", "value": value, "lowLimit": 3.2, "highLimit": 3.4}}}}}}},
		"uut": map[string]any{"execTime": 30.0, "user": "op1", "batchSN": "AN-B1"},
	}
	b, _ := json.Marshal(doc)
	return b
}

func anSuiteRepair(at time.Time) []byte {
	doc := map[string]any{
		"type": "R", "id": "a0000000-0000-4000-8000-000000000999", "pn": anSuitePart, "sn": "AN-S3", "rev": "A",
		"processCode": 500, "processName": "Repair", "result": "P", "machineName": "SUITE-REPAIR", "location": "Oslo", "purpose": "Repair",
		"start": at.UTC().Format(time.RFC3339),
		"uur":   map[string]any{"processCode": 100, "processName": anSuiteOp, "user": "tech1"},
		"subUnits": []any{map[string]any{"pn": anSuitePart, "sn": "AN-S3", "idx": 0, "failures": []any{
			map[string]any{"category": "Component", "code": "Burned Component", "comRef": "R1", "refStepName": "Voltage 3V3"}}}},
	}
	b, _ := json.Marshal(doc)
	return b
}

// anSuiteFrom is a window start before every seeded run.
func anSuiteFrom() time.Time { return time.Now().Add(-6 * time.Hour) }

func anSuiteFilter() *analytics.Filter {
	f := analytics.Filter{PartNumber: anSuitePart, TestOperation: anSuiteOp}.Between(anSuiteFrom(), time.Now().Add(time.Hour))
	return &f
}

func suiteAnalyticsSeed(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	base := time.Now().Add(-4 * time.Hour).Truncate(time.Second)
	runs := []struct {
		sn   string
		fail bool
	}{{"AN-S1", false}, {"AN-S2", true}, {"AN-S2", false}, {"AN-S3", true}}
	for i, r := range runs {
		_, err := c.Report.SubmitJSON(ctx, anSuiteDoc(i+1, r.sn, base.Add(time.Duration(i)*time.Minute), r.fail))
		require.NoError(t, err, r.sn)
	}
	_, err := c.Report.SubmitJSON(ctx, anSuiteRepair(base.Add(time.Hour)))
	require.NoError(t, err)
}

func suiteAnalyticsYield(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	an := c.Analytics
	f := &analytics.Filter{PartNumber: anSuitePart}
	rows, err := an.DynamicYield(ctx, f, analytics.Dimensions{analytics.By(analytics.DimPartNumber), analytics.By(analytics.DimTestOperation)})
	require.NoError(t, err)
	require.Len(t, rows, 1)
	assert.Equal(t, anSuitePart, rows[0].PartNumber())
	assert.Equal(t, int64(3), rows[0].UnitCount())
	assert.Equal(t, int64(1), rows[0].FPCount(), "only AN-S1 passed its first run")
	assert.Equal(t, int64(2), rows[0].LPCount())

	rep, err := an.DynamicRepair(ctx, f, analytics.Dimensions{analytics.By(analytics.DimPartNumber)})
	require.NoError(t, err)
	require.Len(t, rep, 1)
	assert.Equal(t, int64(1), rep[0].RepairReportCount())

	recent := analytics.RecentOptions{Days: 1, ProductGroupID: "1", LevelID: "1"}
	for _, tc := range []struct {
		name string
		call func() ([]analytics.YieldRow, error)
	}{
		{"VolumeYield", func() ([]analytics.YieldRow, error) { return an.VolumeYield(ctx, f) }},
		{"VolumeYieldRecent", func() ([]analytics.YieldRow, error) { return an.VolumeYieldRecent(ctx, recent) }},
		{"HighVolume", func() ([]analytics.YieldRow, error) { return an.HighVolume(ctx, f) }},
		{"HighVolumeRecent", func() ([]analytics.YieldRow, error) { return an.HighVolumeRecent(ctx, recent) }},
		{"HighVolumeByProductGroup", func() ([]analytics.YieldRow, error) { return an.HighVolumeByProductGroup(ctx, f) }},
		{"WorstYield", func() ([]analytics.YieldRow, error) { return an.WorstYield(ctx, f) }},
		{"WorstYieldRecent", func() ([]analytics.YieldRow, error) { return an.WorstYieldRecent(ctx, recent) }},
		{"WorstYieldByProductGroup", func() ([]analytics.YieldRow, error) { return an.WorstYieldByProductGroup(ctx, f) }},
	} {
		got, err := tc.call()
		require.NoError(t, err, tc.name)
		require.NotEmpty(t, got, tc.name)
		var units int64
		for _, r := range got {
			units += r.UnitCount()
		}
		assert.GreaterOrEqual(t, units, int64(3), tc.name+" counts the suite's three units")
	}

	pts, err := an.FirstPassYield(ctx, anSuitePart, anSuiteOp, anSuiteFrom(), time.Now().Add(time.Hour), analytics.GroupDay)
	require.NoError(t, err)
	var units int64
	for _, p := range pts {
		units += p.Units
	}
	assert.Equal(t, int64(3), units)
	rty, ops, err := an.RolledYield(ctx, anSuitePart, anSuiteFrom(), time.Now().Add(time.Hour))
	require.NoError(t, err)
	require.Len(t, ops, 1)
	assert.InDelta(t, 100.0/3, rty, 1e-9)
}

func suiteAnalyticsSteps(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	an := c.Analytics
	top, err := an.TopFailed(ctx, &analytics.Filter{PartNumber: anSuitePart, TestOperation: anSuiteOp})
	require.NoError(t, err)
	require.NotEmpty(t, top)
	assert.Equal(t, "Voltage 3V3", top[0].StepName)
	topR, err := an.TopFailedRecent(ctx, analytics.TopFailedOptions{PartNumber: anSuitePart, ProcessCode: 100, ProductGroupID: "1", LevelID: "1", Days: 1, Count: 3})
	require.NoError(t, err)
	require.NotEmpty(t, topR)
	assert.Equal(t, 2, topR[0].FailCount)
	steps, err := an.TopFailedSteps(ctx, anSuitePart, anSuiteOp, anSuiteFrom(), time.Now().Add(time.Hour), 1)
	require.NoError(t, err)
	require.Len(t, steps, 1)

	rows, err := an.TestStepAnalysis(ctx, anSuiteFilter())
	require.NoError(t, err)
	first := anStep(t, rows, "Voltage 3V3")
	assert.Equal(t, 3, first.StepCount, "first runs: one per unit")
	// The unverified form sends the body member "run", which the filter
	// schema lacks but the route's own description names (an ExtraMember
	// entry of the contract's exemption table).
	second, err := an.Unverified().TestStepAnalysis(ctx, anSuiteFilter(), analytics.Run(2))
	require.NoError(t, err)
	assert.NotNil(t, second)

	groups, err := an.Measurements(ctx, anSuiteFilter(), anSuiteVoltage)
	require.NoError(t, err)
	require.Len(t, groups, 1)
	assert.Len(t, groups[0].Measurements, 4)
	agg, err := an.AggregatedMeasurements(ctx, anSuiteFilter(), anSuiteVoltage)
	require.NoError(t, err)
	require.Len(t, agg, 1)
	assert.Equal(t, 4, agg[0].Count)
	series, err := an.MeasurementSeries(ctx, anSuitePart, anSuiteOp, anSuiteVoltage, anSuiteFrom(), time.Now().Add(time.Hour))
	require.NoError(t, err)
	assert.Len(t, series.Values(), 4)
	capab, err := an.Cpk(ctx, anSuitePart, anSuiteOp, anSuiteVoltage, anSuiteFrom(), time.Now().Add(time.Hour))
	require.NoError(t, err)
	assert.Equal(t, 4, capab.N)
}

func anStep(t *testing.T, rows []analytics.StepAnalysisRow, name string) analytics.StepAnalysisRow {
	t.Helper()
	for _, r := range rows {
		if r.StepName == name {
			return r
		}
	}
	require.Failf(t, "step missing", "no row for %q in %d rows", name, len(rows))
	return analytics.StepAnalysisRow{}
}

func suiteAnalyticsReports(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	an := c.Analytics
	hist, err := an.SerialNumberHistory(ctx, &analytics.Filter{SerialNumber: "AN-S3", PartNumber: anSuitePart})
	require.NoError(t, err)
	assert.Len(t, hist, 2, "one UUT and one UUR")
	unit, err := an.UnitHistory(ctx, "AN-S2", anSuitePart)
	require.NoError(t, err)
	assert.Len(t, unit, 2)

	uut, err := an.UUTReports(ctx, &analytics.Filter{PartNumber: anSuitePart, Status: analytics.StatusFailed})
	require.NoError(t, err)
	assert.Len(t, uut, 2)
	byQuery, err := an.UUTReportsQuery(ctx, analytics.UUTQuery{PartNumber: anSuitePart, SerialNumber: "AN-S1"})
	require.NoError(t, err)
	require.Len(t, byQuery, 1)
	assert.Equal(t, "AN-S1", byQuery[0].SerialNumber)
	uur, err := an.UURReports(ctx, &analytics.Filter{PartNumber: anSuitePart})
	require.NoError(t, err)
	require.Len(t, uur, 1)
	assert.Equal(t, "AN-S3", uur[0].SerialNumber)

	repairs, err := an.RelatedRepairHistory(ctx, anSuitePart, "A", analytics.RepairHistoryOptions{TestOperationCode: 100})
	require.NoError(t, err)
	require.Len(t, repairs, 1)
	assert.Equal(t, "AN-S3", repairs[0].SerialNumber)

	oee, err := an.OEEAnalysis(ctx, &analytics.Filter{PartNumber: anSuitePart}, analytics.OEEOptions{AvailableHours: []float64{24, 24, 24, 24, 24, 24, 24}})
	require.NoError(t, err)
	assert.Equal(t, 4, oee.TotalCount)
	assert.Equal(t, 2, oee.GoodCount)
}

func suiteAnalyticsInternal(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	in := c.Analytics.Internal()
	f := &analytics.Filter{PartNumber: anSuitePart}
	flow, err := in.UnitFlow(ctx, f)
	require.NoError(t, err)
	require.Len(t, flow.Nodes, 1)
	assert.Equal(t, 3, flow.Nodes[0].UnitCount)
	assert.Equal(t, 3, flow.TotalUnits)

	fj, err := analytics.FilterJSON(f)
	require.NoError(t, err)
	nodes, err := in.UnitFlowNodes(ctx, fj)
	require.NoError(t, err)
	assert.Contains(t, string(nodes), anSuiteOp)
	links, err := in.UnitFlowLinks(ctx, fj)
	require.NoError(t, err)
	assert.JSONEq(t, `[]`, string(links), "one operation has no links")
	unitsRaw, err := in.UnitFlowUnits(ctx, fj)
	require.NoError(t, err)
	var units []struct {
		UnitID       int    `json:"unitId"`
		SerialNumber string `json:"serialNumber"`
	}
	require.NoError(t, json.Unmarshal(unitsRaw, &units))
	require.Len(t, units, 3)
	sn, err := in.UnitFlowSerialNumbers(ctx, []int{units[0].UnitID})
	require.NoError(t, err)
	assert.Contains(t, string(sn), units[0].SerialNumber)
	split, err := in.UnitFlowSplitBy(ctx, f)
	require.NoError(t, err)
	assert.Contains(t, string(split), "SUITE-EOL")
	order, err := in.UnitFlowUnitOrder(ctx, []analytics.UnitRef{{UnitID: units[0].UnitID, Source: 1, Target: 1}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"count":1}`, string(order))

	ml, err := in.MeasurementList(ctx, &analytics.Filter{PartNumber: anSuitePart, SerialNumber: "AN-S2"}, analytics.ListFilters{})
	require.NoError(t, err)
	assert.Len(t, ml, 2, "AN-S2 ran twice, one measurement each")
	recent := analytics.RecentOptions{Days: 1, ProductGroupID: "1", LevelID: "1"}
	mlr, err := in.MeasurementListRecent(ctx, recent, analytics.ListFilters{})
	require.NoError(t, err)
	assert.GreaterOrEqual(t, len(mlr), 4)
	ss, err := in.StepStatusList(ctx, &analytics.Filter{PartNumber: anSuitePart}, analytics.ListFilters{})
	require.NoError(t, err)
	require.Len(t, ss, 1)
	assert.Equal(t, 2, ss[0].FailCount)
	assert.Equal(t, 4, ss[0].TotalCount)
	ssr, err := in.StepStatusListRecent(ctx, recent, analytics.ListFilters{})
	require.NoError(t, err)
	assert.NotEmpty(t, ssr)

	agg, err := in.AggregatedMeasurements(ctx, &analytics.Filter{PartNumber: anSuitePart}, analytics.ListFilters{}, nil)
	require.NoError(t, err)
	require.Len(t, agg, 1)
	assert.Equal(t, 4, agg[0].Count)
	require.NotNil(t, agg[0].Max)
	assert.Equal(t, 3.6, *agg[0].Max)
	aggR, err := in.AggregatedMeasurementsRecent(ctx, recent, analytics.ListFilters{}, &analytics.AggregateOptions{MeasurementName: "Voltage 3V3"})
	require.NoError(t, err)
	require.NotEmpty(t, aggR)
	for _, a := range aggR {
		assert.Equal(t, "Voltage 3V3", a.StepName)
	}

	tf, err := in.TopFailed(ctx, &analytics.Filter{PartNumber: anSuitePart, TopCount: analytics.Ptr(1)})
	require.NoError(t, err)
	require.Len(t, tf, 1)
	tfr, err := in.TopFailedRecent(ctx, analytics.TopFailedOptions{PartNumber: anSuitePart, ProcessCode: 100, ProductGroupID: "1", LevelID: "1", Days: 1, Count: 1})
	require.NoError(t, err)
	require.Len(t, tfr, 1)
	assert.True(t, strings.HasSuffix(tfr[0].StepPath, "Voltage 3V3"), tfr[0].StepPath)

	alarms, err := in.AlarmLogs(ctx, &analytics.Filter{}, analytics.AlarmOptions{Types: []analytics.AlarmType{analytics.AlarmYield}})
	require.NoError(t, err)
	assert.Empty(t, alarms, "the suite's emulator has no alarms configured")
}
