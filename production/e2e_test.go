package production_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/wats/watstest"
)

// TestSubmittingAFailingReportChangesTheGrade goes through the SDK only:
// reports built and submitted with the report service, grades read with
// Verify, no pause in between. pyWATS answers this from a 300 s cache.
func TestSubmittingAFailingReportChangesTheGrade(t *testing.T) {
	c, _ := apitest.Setup(t,
		watstest.WithProductionUnits(watstest.ProductionUnit{SerialNumber: "E2E-1", PartNumber: "BOX", Revision: "A"}),
		watstest.WithVerificationRule("BOX", 10))
	submit := func(pass bool, start time.Time) {
		t.Helper()
		r, err := c.Report.NewUUT("BOX", "E2E-1", "A", 10, report.WithStart(start),
			report.WithStation(report.Station{Name: "ST-1", Location: "Line 1", Purpose: "Production"}), report.WithOperator("op"))
		require.NoError(t, err)
		_, err = r.Root.AddPassFailStep("Function test", pass)
		require.NoError(t, err)
		_, err = c.Report.Submit(ctx(t), r)
		require.NoError(t, err)
	}
	start := time.Now().Add(-time.Minute)

	g, err := c.Production.Verify(ctx(t), "E2E-1", "BOX")
	require.NoError(t, err)
	assert.Equal(t, "Unknown", g.Status)

	submit(true, start)
	g, err = c.Production.Verify(ctx(t), "E2E-1", "BOX")
	require.NoError(t, err)
	assert.Equal(t, "Passed", g.Status)

	submit(false, start.Add(time.Second))
	g, err = c.Production.Verify(ctx(t), "E2E-1", "BOX")
	require.NoError(t, err)
	assert.Equal(t, "Failed", g.Status, "the failing report is seen at once")
	require.Len(t, g.Results, 1)
	assert.Equal(t, 2, g.Results[0].TotalCount)
	assert.Equal(t, 1, g.Results[0].NonPassedCount)
}
