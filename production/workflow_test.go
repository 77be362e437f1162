package production_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/wats"
)

func TestWorkflowStartEnd(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	wf := c.Production.Workflow()
	status := 1
	raw, err := wf.StartTest(ctx(t), "BOX-1", "BOX", &production.TestOptions{OperatorName: "op 1", StationName: "ST#1", Status: &status})
	require.NoError(t, err)
	assert.True(t, srv.UnitInTest("BOX-1", "BOX"))
	var ans struct {
		InTest bool `json:"inTest"`
	}
	require.NoError(t, json.Unmarshal(raw, &ans))
	assert.True(t, ans.InTest)
	q, _ := url.ParseQuery(lastQuery(t, srv))
	assert.Equal(t, "ST#1", q.Get("stationName"))
	assert.Equal(t, "op 1", q.Get("operatorName"))
	assert.Equal(t, "1", q.Get("status"))

	_, err = wf.StartTest(ctx(t), "BOX-1", "BOX", nil)
	apitest.RequireStatus(t, err, http.StatusBadRequest, wats.ErrBadRequest)

	_, err = wf.EndTest(ctx(t), "BOX-1", "BOX", false, nil)
	require.NoError(t, err)
	assert.False(t, srv.UnitInTest("BOX-1", "BOX"))
	u, ok := srv.ProductionUnit("BOX-1", "BOX")
	require.True(t, ok)
	assert.Equal(t, 4, u.Phase, "a failed test sends the unit to production repair")
	q, _ = url.ParseQuery(lastQuery(t, srv))
	assert.Equal(t, "false", q.Get("passed"))

	_, err = wf.EndTest(ctx(t), "BOX-1", "BOX", true, nil)
	apitest.RequireStatus(t, err, http.StatusBadRequest, wats.ErrBadRequest)

	// A finalized unit cannot be tested; an unknown one is created.
	_, err = wf.StartTest(ctx(t), "PSU-1", "PSU", nil)
	apitest.RequireStatus(t, err, http.StatusBadRequest, wats.ErrBadRequest)
	_, err = wf.StartTest(ctx(t), "NEW/1 #a", "NEWPN", nil)
	require.NoError(t, err)
	_, ok = srv.ProductionUnit("NEW/1 #a", "NEWPN")
	assert.True(t, ok)
	_, err = wf.EndTest(ctx(t), "NEW/1 #a", "NEWPN", true, nil)
	require.NoError(t, err)

	srv.ResetRequests()
	neg := -1
	tests := []struct {
		name  string
		call  func() error
		field string
	}{
		{"start no serial", func() error { _, err := wf.StartTest(ctx(t), "", "P", nil); return err }, "serialNumber"},
		{"start no part", func() error { _, err := wf.StartTest(ctx(t), "S", "", nil); return err }, "partNumber"},
		{"end no serial", func() error { _, err := wf.EndTest(ctx(t), "", "P", true, nil); return err }, "serialNumber"},
		{"negative status", func() error {
			_, err := wf.EndTest(ctx(t), "S", "P", true, &production.TestOptions{Status: &neg})
			return err
		}, "status"},
		{"control character", func() error {
			_, err := wf.StartTest(ctx(t), "S", "P", &production.TestOptions{StationName: "a\nb"})
			return err
		}, "stationName"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { apitest.RequireValidation(t, tt.call(), tt.field) })
	}
	apitest.RequireNoRequests(t, srv)
}

func TestWorkflowIsNotRetried(t *testing.T) {
	_, srv := apitest.Setup(t, factory()...)
	c := apitest.NewClient(t, srv, apitest.FastRetry())
	apitest.UnavailableOnce(srv, http.MethodGet, "/api/Workflow/StartTest")
	_, err := c.Production.Workflow().StartTest(ctx(t), "BOX-1", "BOX", nil)
	apitest.RequireStatus(t, err, http.StatusServiceUnavailable, wats.ErrServer)
	assert.False(t, srv.UnitInTest("BOX-1", "BOX"))
	assert.Len(t, srv.RequestsTo(http.MethodGet, "/api/Workflow/StartTest"), 1)
}
