package watstest

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/wats"
)

// These tests seed the report store directly (the report routes belong to
// the report domain) and read grades through the SDK over HTTP.

var gradeT0 = time.Date(2026, 1, 2, 8, 0, 0, 0, time.UTC)

func putReport(s *Server, typ, sn, pn string, code int, result string, at time.Time, doc map[string]any) {
	if doc == nil {
		doc = map[string]any{}
	}
	s.reports.put(&storedReport{ID: newUnitID(), Type: typ, SerialNumber: sn, PartNumber: pn, Revision: "A",
		ProcessCode: code, Result: result, Station: "ST1", Start: at, ReceivedAt: at, Doc: doc})
}

func gradeClient(t *testing.T, opts ...Option) (*Server, *production.Service) {
	t.Helper()
	s := NewServer(opts...)
	t.Cleanup(s.Close)
	c, err := wats.New(s.URL(), s.Token())
	require.NoError(t, err)
	return s, c.Production
}

func TestGradeFollowsEveryNewReport(t *testing.T) {
	s, svc := gradeClient(t,
		WithProductionUnits(ProductionUnit{SerialNumber: "U1", PartNumber: "BOX", Revision: "A"}),
		WithVerificationRule("BOX", 10, 20))
	ctx := context.Background()
	verify := func() *production.UnitVerificationGrade {
		t.Helper()
		g, err := svc.Verify(ctx, "U1", "BOX")
		require.NoError(t, err)
		return g
	}

	putReport(s, "T", "U1", "BOX", 10, "P", gradeT0, map[string]any{"processName": "ICT"})
	g := verify()
	assert.Equal(t, "C", g.Grade, "process 20 not run yet")
	require.Len(t, g.Results, 2)
	assert.Equal(t, "Passed", g.Results[0].Status)
	assert.Equal(t, "ICT", g.Results[0].ProcessName)
	assert.Equal(t, "Unknown", g.Results[1].Status)
	assert.Nil(t, g.Results[1].StartUTC)

	putReport(s, "T", "U1", "BOX", 20, "P", gradeT0.Add(time.Minute), nil)
	g = verify()
	assert.Equal(t, "A", g.Grade)
	assert.Equal(t, "Passed", g.Status)
	assert.True(t, g.AllProcessesPassedFirstRun && g.AllProcessesExecutedInCorrectOrder && g.NoRepairs)

	// A failing report submitted a moment ago changes the answer at once.
	putReport(s, "T", "U1", "BOX", 20, "F", gradeT0.Add(2*time.Minute), nil)
	g = verify()
	assert.Equal(t, "F", g.Grade)
	assert.Equal(t, "Failed", g.Status)
	assert.False(t, g.AllProcessesPassedLastRun)
	assert.True(t, g.AllProcessesPassedAnyRun)
	assert.Equal(t, 2, g.Results[1].TotalCount)
	assert.Equal(t, 1, g.Results[1].NonPassedCount)

	putReport(s, "R", "U1", "BOX", 500, "P", gradeT0.Add(3*time.Minute), map[string]any{"uur": map[string]any{"processCode": json.Number("20")}})
	putReport(s, "T", "U1", "BOX", 20, "P", gradeT0.Add(4*time.Minute), nil)
	g = verify()
	assert.Equal(t, "B", g.Grade, "passed on the last run only")
	assert.False(t, g.NoRepairs)
	assert.Equal(t, 1, g.Results[1].RepairCount)
	assert.Equal(t, 3, g.Results[1].TotalCount)
}

func TestGradeWithoutRuleUsesRunOrder(t *testing.T) {
	s, svc := gradeClient(t)
	putReport(s, "T", "X9", "PN", 30, "P", gradeT0.Add(time.Hour), nil)
	putReport(s, "T", "X9", "PN", 40, "P", gradeT0, nil)
	g, err := svc.Verify(context.Background(), "X9", "")
	require.NoError(t, err)
	require.Len(t, g.Results, 2)
	assert.Equal(t, 40, g.Results[0].ProcessCode, "ordered by first run")
	assert.Equal(t, "A", g.Grade)
	assert.Equal(t, "ST1", g.Results[0].StationName)
}

func TestGradeOutOfOrder(t *testing.T) {
	s, svc := gradeClient(t, WithVerificationRule("PN", 1, 2))
	putReport(s, "T", "Y", "PN", 2, "P", gradeT0, nil)
	putReport(s, "T", "Y", "PN", 1, "P", gradeT0.Add(time.Minute), nil)
	putReport(s, "T", "Y", "PN", 99, "F", gradeT0.Add(time.Minute), nil) // outside the rule: ignored
	g, err := svc.Verify(context.Background(), "Y", "PN")
	require.NoError(t, err)
	assert.False(t, g.AllProcessesExecutedInCorrectOrder)
	assert.Equal(t, "B", g.Grade)
	assert.Len(t, g.Results, 2)
}

func BenchmarkGrade(b *testing.B) {
	s := NewServer(WithVerificationRule("PN", 10, 20, 30))
	defer s.Close()
	for i := 0; i < 1000; i++ {
		putReport(s, "T", fmt.Sprintf("U%d", i%50), "PN", 10*(1+i%3), "P", gradeT0.Add(time.Duration(i)*time.Second), nil)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, ok := s.gradeUnit("U7", "PN"); !ok {
			b.Fatal("no grade")
		}
	}
}

func TestEnsureUnit(t *testing.T) {
	e := NewHandler()
	e.production.ensureUnit(e.now(), "SN-1", "PN", "A")
	u, ok := e.ProductionUnit("SN-1", "PN")
	require.True(t, ok)
	assert.Equal(t, "A", u.Revision)
	assert.Equal(t, 2, u.Phase, "a new unit is under production")
	e.production.ensureUnit(e.now(), "sn-1", "pn", "")
	u, _ = e.ProductionUnit("SN-1", "PN")
	assert.Equal(t, "A", u.Revision, "an empty revision keeps the stored one")
}
