package analytics_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/analytics"
	"github.com/watsgo/sdk/internal/apitest"
)

// uut is a WSJF UUT document with one "Voltage" step that fails when the
// report fails.
func uut(n int, sn string, at time.Time, pass bool) []byte {
	st := "P"
	if !pass {
		st = "F"
	}
	doc := map[string]any{
		"type": "T", "id": fmt.Sprintf("00000000-0000-4000-8000-%012d", n), "pn": "E2E-1", "sn": sn, "rev": "A",
		"processCode": 10, "processName": "ICT", "result": st, "machineName": "ICT-1", "location": "Oslo", "purpose": "Production",
		"start": at.Format(time.RFC3339),
		"root": map[string]any{"id": 0, "group": "M", "stepType": "SequenceCall", "name": "Main", "status": st, "seqCall": map[string]any{},
			"steps": []any{map[string]any{"id": 1, "group": "M", "stepType": "ET_NLT", "name": "Voltage", "status": st, "causedUUTFailure": !pass,
				"numericMeas": []any{map[string]any{"compOp": "GELE", "status": st, "unit": "V", "value": map[bool]float64{true: 3.3, false: 3.6}[pass],
					"lowLimit": 3.2, "highLimit": 3.4}}}}},
		"uut": map[string]any{"user": "op", "execTime": 30.0},
	}
	b, _ := json.Marshal(doc)
	return b
}

// TestEndToEndThroughSubmit submits reports through the real report route
// and reads the yields back.
func TestEndToEndThroughSubmit(t *testing.T) {
	c, _ := apitest.Setup(t)
	an := c.Analytics
	ctx := context.Background()
	d1 := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	d2 := d1.AddDate(0, 0, 1)
	runs := []struct {
		sn   string
		at   time.Time
		pass bool
	}{
		{"U1", d1.Add(8 * time.Hour), true},
		{"U2", d1.Add(9 * time.Hour), false},
		{"U2", d1.Add(10 * time.Hour), true},
		{"U3", d1.Add(11 * time.Hour), false},
		{"U4", d2.Add(8 * time.Hour), true},
	}
	for i, r := range runs {
		_, err := c.Report.SubmitJSON(ctx, uut(i+1, r.sn, r.at, r.pass))
		require.NoError(t, err, "report %d", i+1)
	}

	pts, err := an.FirstPassYield(ctx, "E2E-1", "ICT", d1, d2.Add(24*time.Hour), analytics.GroupDay)
	require.NoError(t, err)
	require.Len(t, pts, 2)
	assert.Equal(t, analytics.YieldPoint{Period: "2026-03-02T00:00:00Z", Start: d1, Units: 3, FirstPass: 1, FPY: 100.0 / 3}, pts[0])
	assert.Equal(t, analytics.YieldPoint{Period: "2026-03-03T00:00:00Z", Start: d2, Units: 1, FirstPass: 1, FPY: 100}, pts[1])

	f := analytics.Filter{PartNumber: "E2E-1"}.Between(d1, d2.Add(24*time.Hour))
	rows, err := an.DynamicYield(ctx, &f, analytics.Dimensions{analytics.By(analytics.DimPartNumber)})
	require.NoError(t, err)
	require.Len(t, rows, 1)
	lpy, _ := rows[0].LPY()
	assert.Equal(t, 75.0, lpy, "U1, U2 and U4 end passed; U3 does not")
	ty, _ := rows[0].TestYield()
	assert.Equal(t, 60.0, ty, "3 of 5 reports passed")

	top, err := an.TopFailedSteps(ctx, "E2E-1", "ICT", d1, d2.Add(24*time.Hour), 5)
	require.NoError(t, err)
	require.Len(t, top, 1)
	assert.Equal(t, "Main¶Voltage", top[0].StepPath)
	assert.Equal(t, 2, top[0].FailCount)
	assert.Equal(t, 5, top[0].TotalCount)

	hist, err := an.UnitHistory(ctx, "U2", "E2E-1")
	require.NoError(t, err)
	require.Len(t, hist, 2)
	assert.Equal(t, []string{"Failed", "Passed"}, []string{hist[0].Result, hist[1].Result})
}
