package production_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// jsonSubmitter is the part of the report service this test needs. It is
// asserted at run time so the production package builds and tests before
// the report service lands.
type jsonSubmitter interface {
	SubmitJSON(ctx context.Context, doc []byte) (string, error)
}

// wsjf builds a small, complete WSJF UUT report.
func wsjf(t *testing.T, id, sn, pn string, process int, result string, start time.Time) []byte {
	t.Helper()
	doc := map[string]any{
		"id": id, "type": "T", "pn": pn, "sn": sn, "rev": "A", "processCode": process, "result": result,
		"machineName": "ST-1", "location": "Line 1", "purpose": "Production",
		"start": start.UTC().Format(time.RFC3339Nano),
		"uut":   map[string]any{"user": "operator", "execTime": 1.5},
		"root": map[string]any{
			"stepType": "SequenceCall", "name": "MainSequence", "group": "M", "status": result, "id": 0,
			"start": start.UTC().Format(time.RFC3339Nano), "totTime": 1.5,
			"seqCall": map[string]any{"path": "main.seq", "name": "MainSequence", "version": "1.0.0"},
		},
	}
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	return b
}

// TestSubmittingAFailingReportChangesTheGrade goes through the SDK only:
// reports submitted with the report service, grades read with Verify, no
// pause in between. pyWATS answers this from a 300 s cache.
func TestSubmittingAFailingReportChangesTheGrade(t *testing.T) {
	srv := watstest.NewServer(
		watstest.WithProductionUnits(watstest.ProductionUnit{SerialNumber: "E2E-1", PartNumber: "BOX", Revision: "A"}),
		watstest.WithVerificationRule("BOX", 10))
	defer srv.Close()
	c, err := wats.New(srv.URL(), srv.Token())
	require.NoError(t, err)
	sub, ok := any(c.Report).(jsonSubmitter)
	if !ok {
		t.Skip("report.Service has no SubmitJSON: the report service is not merged into this branch yet")
	}
	start := time.Now().Add(-time.Minute)

	g, err := c.Production.Verify(ctx(t), "E2E-1", "BOX")
	require.NoError(t, err)
	assert.Equal(t, "Unknown", g.Status)

	_, err = sub.SubmitJSON(ctx(t), wsjf(t, "0f5e0c3a-6b0e-4d43-9a57-000000000001", "E2E-1", "BOX", 10, "P", start))
	require.NoError(t, err)
	g, err = c.Production.Verify(ctx(t), "E2E-1", "BOX")
	require.NoError(t, err)
	assert.Equal(t, "Passed", g.Status)

	_, err = sub.SubmitJSON(ctx(t), wsjf(t, "0f5e0c3a-6b0e-4d43-9a57-000000000002", "E2E-1", "BOX", 10, "F", start.Add(time.Second)))
	require.NoError(t, err)
	g, err = c.Production.Verify(ctx(t), "E2E-1", "BOX")
	require.NoError(t, err)
	assert.Equal(t, "Failed", g.Status, "the failing report is seen at once")
	require.Len(t, g.Results, 1)
	assert.Equal(t, 2, g.Results[0].TotalCount)
}
