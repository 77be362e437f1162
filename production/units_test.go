package production_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestGetUnit(t *testing.T) {
	c, srv := apitest.Setup(t, append(factory(),
		watstest.WithProductionUnits(watstest.ProductionUnit{SerialNumber: "A/B #1?x+y", PartNumber: "PN 1%", Revision: "r", Phase: 16}))...)
	svc := c.Production
	require.NoError(t, svc.AddChild(ctx(t), production.ChildRef{ParentSerialNumber: "BOX-1", ParentPartNumber: "BOX", ChildSerialNumber: "PSU-1", ChildPartNumber: "PSU"}, nil))

	u, err := svc.GetUnit(ctx(t), "BOX-1", "BOX")
	require.NoError(t, err)
	assert.Equal(t, "A", u.Revision)
	assert.Equal(t, "B1", u.BatchNumber)
	assert.Equal(t, production.PhaseUnderProduction, u.UnitPhaseID)
	require.Len(t, u.SubUnits, 1)
	assert.Equal(t, "PSU-1", u.SubUnits[0].SerialNumber)
	assert.Equal(t, "BOX-1", u.SubUnits[0].ParentSerialNumber)
	assert.NotNil(t, u.SerialDate)
	assert.JSONEq(t, `{"PartNumber":"BOX","revision":"A"}`, string(u.ProductRevision), "the revision model spells PartNumber capitalised")

	// Reserved characters survive as one escaped path segment each.
	odd, err := svc.GetUnit(ctx(t), "A/B #1?x+y", "PN 1%")
	require.NoError(t, err)
	assert.Equal(t, "A/B #1?x+y", odd.SerialNumber)
	reqs := srv.Requests()
	assert.Equal(t, "/api/Production/Unit/A%2FB%20%231%3Fx%2By/PN%201%25", reqs[len(reqs)-1].RawPath)

	_, err = svc.GetUnit(ctx(t), "NOPE", "BOX")
	require.ErrorIs(t, err, wats.ErrNotFound)
	var apiErr *wats.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "/api/Production/Unit/{serialNumber}/{partNumber}", apiErr.Route)
}

func TestGetUnitEmptyBodyIsNotFound(t *testing.T) {
	c, srv := apitest.Setup(t)
	svc := c.Production
	srv.Inject(watstest.Fault{Path: "/api/Production/Unit/", Status: http.StatusOK, Body: " "})
	_, err := svc.GetUnit(ctx(t), "X", "Y")
	require.ErrorIs(t, err, wats.ErrNotFound)
}

func TestSaveUnits(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	out, err := svc.SaveUnits(ctx(t), []production.Unit{
		{SerialNumber: "NEW-1", PartNumber: "BOX", Revision: "A", BatchNumber: "B7", CurrentLocation: "Line 2"},
		{SerialNumber: "PSU-1", PartNumber: "PSU", Revision: "2.2"},
	})
	require.NoError(t, err)
	require.Len(t, out, 2)
	got, ok := srv.ProductionUnit("NEW-1", "BOX")
	require.True(t, ok)
	assert.Equal(t, "B7", got.BatchNumber)
	assert.Equal(t, "Line 2", got.Location)
	psu, _ := srv.ProductionUnit("PSU-1", "PSU")
	assert.Equal(t, "2.2", psu.Revision)
	// The revision change is on the unit-change feed.
	ch, err := svc.Changes(ctx(t), 10)
	require.NoError(t, err)
	require.Len(t, ch, 1)
	assert.Equal(t, "PSU-1", ch[0].UnitSerialNumber)
	assert.Equal(t, "2.2", ch[0].NewRevision)
}

// TestSaveUnitsRoundTrip saves a unit read with GetUnit back: the read-only
// members (unitPhase, tags) must not be sent, which the strict contract
// check refuses.
func TestSaveUnitsRoundTrip(t *testing.T) {
	c, _ := apitest.Setup(t, append(factory(), watstest.WithContract(watstest.Strict))...)
	u, err := c.Production.GetUnit(ctx(t), "BOX-1", "BOX")
	require.NoError(t, err)
	require.NotEmpty(t, u.UnitPhase)
	u.Tags = []production.Setting{{Key: "k"}}
	u.CurrentLocation = "Shelf 3"
	_, err = c.Production.SaveUnits(ctx(t), []production.Unit{*u})
	require.NoError(t, err)
	got, err := c.Production.GetUnit(ctx(t), "BOX-1", "BOX")
	require.NoError(t, err)
	assert.Equal(t, "Shelf 3", got.CurrentLocation)
}

func TestSaveUnitsAnswerShapes(t *testing.T) {
	for _, tc := range []struct {
		name    string
		body    string
		wantN   int
		wantErr int // errorCount expected in a *SaveError, 0 for success
	}{
		{"units", `[{"serialNumber":"A","partNumber":"P","processCode":7}]`, 1, 0},
		{"zero errorCount", `{"errorCount":0}`, 0, 0},
		{"true", `true`, 0, 0},
		{"empty", ` `, 0, 0},
		{"failures", `{"errorCount":2,"errors":["a","b"]}`, 0, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := apitest.Setup(t)
			svc := c.Production
			srv.Inject(watstest.Fault{Path: "/api/Production/Units", Status: http.StatusOK, Body: tc.body})
			out, err := svc.SaveUnits(ctx(t), []production.Unit{{SerialNumber: "A", PartNumber: "P"}})
			if tc.wantErr == 0 {
				require.NoError(t, err)
				assert.Len(t, out, tc.wantN)
				return
			}
			var se *production.SaveError
			require.ErrorAs(t, err, &se)
			assert.Equal(t, tc.wantErr, se.ErrorCount)
			assert.Contains(t, string(se.Raw), `"errors"`)
		})
	}
}

func TestSaveUnitsServerError(t *testing.T) {
	c, srv := apitest.Setup(t)
	svc := c.Production
	srv.Inject(watstest.Fault{Path: "/api/Production/Units", Status: http.StatusInternalServerError})
	_, err := svc.SaveUnits(ctx(t), []production.Unit{{SerialNumber: "A", PartNumber: "P"}})
	require.ErrorIs(t, err, wats.ErrServer)
	assert.Len(t, srv.Requests(), 1, "PUT Units changes state without a dedupe guarantee: sent once")
}

func TestSetPhase(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	require.NoError(t, svc.SetPhase(ctx(t), "BOX-1", "BOX", production.PhaseFinalized))
	u, _ := srv.ProductionUnit("BOX-1", "BOX")
	assert.Equal(t, 16, u.Phase)
	q, _ := url.ParseQuery(lastQuery(t, srv))
	assert.Equal(t, "16", q.Get("phase"))

	ch, err := svc.Changes(ctx(t), 5)
	require.NoError(t, err)
	require.Len(t, ch, 1)
	require.NotNil(t, ch[0].NewUnitPhaseID)
	assert.Equal(t, production.PhaseFinalized, *ch[0].NewUnitPhaseID)

	err = svc.SetPhase(ctx(t), "NOPE", "BOX", production.PhaseFinalized)
	require.ErrorIs(t, err, wats.ErrNotFound)
}

func TestSetProcessSendsProcessName(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	require.NoError(t, svc.SetProcess(ctx(t), "BOX-1", "BOX", "Final Function Test"))
	q, _ := url.ParseQuery(lastQuery(t, srv))
	assert.Equal(t, "Final Function Test", q.Get("processName"))
	assert.False(t, q.Has("processCode"), "pyWATS's processCode is not a Swagger parameter")
	u, _ := srv.ProductionUnit("BOX-1", "BOX")
	assert.Equal(t, "Final Function Test", u.ProcessName)

	require.ErrorIs(t, svc.SetProcess(ctx(t), "NOPE", "BOX", "x"), wats.ErrNotFound)
}

func TestChangesQueue(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	for _, p := range []production.Phase{production.PhaseFinalized, production.PhaseShipped, production.PhaseMissing} {
		require.NoError(t, svc.SetPhase(ctx(t), "BOX-1", "BOX", p))
	}
	ch, err := svc.Changes(ctx(t), 2)
	require.NoError(t, err)
	require.Len(t, ch, 2, "maxCount caps the answer")
	assert.Equal(t, "maxCount=2", lastQuery(t, srv))
	require.NoError(t, svc.AckChange(ctx(t), ch[0].ID))
	rest, err := svc.Changes(ctx(t), 10)
	require.NoError(t, err)
	require.Len(t, rest, 2)
	assert.Equal(t, ch[1].ID, rest[0].ID)

	err = svc.AckChange(ctx(t), ch[0].ID)
	require.ErrorIs(t, err, wats.ErrNotFound, "an acknowledged change is gone")

	srv.Inject(watstest.Fault{Path: "/api/Production/Units/Changes", Status: http.StatusForbidden, Times: -1})
	_, err = svc.Changes(ctx(t), 1)
	require.ErrorIs(t, err, wats.ErrForbidden)
}

func TestVerifyUnknownUnit(t *testing.T) {
	c, _ := apitest.Setup(t)
	svc := c.Production
	_, err := svc.Verify(ctx(t), "NOPE", "")
	require.ErrorIs(t, err, wats.ErrNotFound)
}

func TestVerifySendsSwaggerParameters(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	g, err := svc.Verify(ctx(t), "BOX-1", "BOX")
	require.NoError(t, err)
	assert.Equal(t, "C", g.Grade, "no reports yet: nothing run")
	q, _ := url.ParseQuery(lastQuery(t, srv))
	assert.Equal(t, url.Values{"serialNumber": {"BOX-1"}, "partNumber": {"BOX"}}, q, "no pyWATS revision parameter")
}

func TestProcessCodeDecodesStringOrNumber(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`{"processCode":"50"}`, "50"}, {`{"processCode":50}`, "50"}, {`{"processCode":null}`, ""}, {`{}`, ""},
	} {
		var u production.Unit
		require.NoError(t, json.Unmarshal([]byte(tc.in), &u), tc.in)
		assert.Equal(t, production.ProcessCode(tc.want), u.ProcessCode, tc.in)
	}
	var u production.Unit
	require.Error(t, json.Unmarshal([]byte(`{"processCode":{}}`), &u))
	n, ok := production.ProcessCode("50").Int()
	assert.True(t, ok)
	assert.Equal(t, 50, n)
}

func TestTimeAcceptsServerFormats(t *testing.T) {
	for _, s := range []string{`"2024-04-15T02:49:36.93+00:00"`, `"2024-04-15T02:49:36Z"`, `"2024-04-15T02:49:36.1234567"`, `"2024-04-15T02:49:36"`} {
		var tm production.Time
		require.NoError(t, json.Unmarshal([]byte(s), &tm), s)
		assert.Equal(t, 2024, tm.Year(), s)
	}
	var tm production.Time
	require.Error(t, json.Unmarshal([]byte(`"yesterday"`), &tm))
	require.NoError(t, json.Unmarshal([]byte(`null`), &tm))
	assert.True(t, tm.IsZero())
	b, err := json.Marshal(tm)
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
}

func TestPhaseNames(t *testing.T) {
	assert.Equal(t, "Finalized", production.PhaseFinalized.String())
	assert.Equal(t, "Phase(8192)", production.Phase(8192).String())
	assert.True(t, production.PhaseWaitingForServiceRepair.Queued())
	assert.False(t, production.PhaseShipped.Queued())
}

func TestErrorsSayWhatFailed(t *testing.T) {
	c, _ := apitest.Setup(t, factory()...)
	svc := c.Production
	err := svc.SetPhase(ctx(t), "NOPE", "BOX", production.PhaseFinalized)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "production.SetPhase")
	assert.Contains(t, err.Error(), "NOPE")
	assert.False(t, errors.Is(err, wats.ErrValidation))
}

func TestWritesAreSentOnceReadsRecover(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	srv.FailNext(1, http.StatusServiceUnavailable)
	require.ErrorIs(t, svc.SetPhase(ctx(t), "BOX-1", "BOX", production.PhaseFinalized), wats.ErrServer)
	assert.Len(t, srv.Requests(), 1, "SetUnitPhase is a PUT that must not be repeated")

	srv.ResetRequests()
	srv.FailNext(1, http.StatusServiceUnavailable)
	g, err := svc.Verify(ctx(t), "BOX-1", "BOX")
	require.NoError(t, err, "a read is retried by the transport")
	assert.NotNil(t, g)
	assert.Len(t, srv.Requests(), 2)
}
