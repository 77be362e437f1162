package production_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestInternalPhasesResolveNames(t *testing.T) {
	c, _ := apitest.Setup(t)
	svc := c.Production
	phases, err := svc.Internal().Phases(ctx(t))
	require.NoError(t, err)
	require.NotEmpty(t, phases)
	id, ok := production.PhaseByName(phases, "under production")
	assert.True(t, ok)
	assert.Equal(t, production.PhaseUnderProduction, id)
	id, ok = production.PhaseByName(phases, "in_storage")
	assert.True(t, ok, "falls back to the code")
	assert.Equal(t, production.PhaseInStorage, id)
	_, ok = production.PhaseByName(phases, "teleported")
	assert.False(t, ok)
}

func TestUnitPhaseDecodesCamelCase(t *testing.T) {
	var p []production.UnitPhase
	require.NoError(t, json.Unmarshal([]byte(`[{"unitPhaseId":16,"code":"Finalized","name":"Finalized"}]`), &p))
	assert.Equal(t, production.PhaseFinalized, p[0].ID)
	assert.Equal(t, "Finalized", p[0].Code)
}

// TestInternalRoutes runs every internal call once successfully and once
// against an error, and checks the Referer the server demands was sent.
func TestInternalRoutes(t *testing.T) {
	in := func(svc *production.Service) *production.InternalService { return svc.Internal() }
	rng := []production.SerialNumberRange{{Type: "MAC", StartAddress: "001122000000", EndAddress: "001122000003"}}
	for _, tc := range []struct {
		name  string
		route string
		ok    func(context.Context, *production.Service) (any, error)
		bad   func(context.Context, *production.Service) error
		want  error
	}{
		{"Phases", "/api/internal/Mes/GetUnitPhases",
			func(c context.Context, s *production.Service) (any, error) { return in(s).Phases(c) }, nil, nil},
		{"IsConnected", "/api/internal/Production/isConnected",
			func(c context.Context, s *production.Service) (any, error) {
				ok, err := in(s).IsConnected(c)
				if err == nil && !ok {
					return nil, assert.AnError
				}
				return ok, err
			}, nil, nil},
		{"Sites", "/api/internal/Production/GetSites",
			func(c context.Context, s *production.Service) (any, error) { return in(s).Sites(c) }, nil, nil},
		{"Unit", "/api/internal/Production/GetUnit",
			func(c context.Context, s *production.Service) (any, error) { return in(s).Unit(c, "BOX-1", "") },
			func(c context.Context, s *production.Service) error { _, err := in(s).Unit(c, "NOPE", ""); return err }, wats.ErrNotFound},
		{"UnitInfo", "/api/internal/Production/GetUnitInfo",
			func(c context.Context, s *production.Service) (any, error) { return in(s).UnitInfo(c, "BOX-1", "BOX") },
			func(c context.Context, s *production.Service) error {
				_, err := in(s).UnitInfo(c, "NOPE", "BOX")
				return err
			}, wats.ErrNotFound},
		{"UnitHierarchy", "/api/internal/Production/GetUnitHierarchy",
			func(c context.Context, s *production.Service) (any, error) {
				return in(s).UnitHierarchy(c, "BOX-1", "BOX")
			},
			func(c context.Context, s *production.Service) error {
				_, err := in(s).UnitHierarchy(c, "NOPE", "BOX")
				return err
			}, wats.ErrNotFound},
		{"UnitStateHistory", "/api/internal/Production/GetUnitStateHistory",
			func(c context.Context, s *production.Service) (any, error) {
				return in(s).UnitStateHistory(c, "BOX-1", "BOX")
			},
			func(c context.Context, s *production.Service) error {
				_, err := in(s).UnitStateHistory(c, "NOPE", "BOX")
				return err
			}, wats.ErrNotFound},
		{"UnitPhase", "/api/internal/Production/GetUnitPhase",
			func(c context.Context, s *production.Service) (any, error) { return in(s).UnitPhase(c, "BOX-1", "BOX") },
			func(c context.Context, s *production.Service) error {
				_, err := in(s).UnitPhase(c, "NOPE", "BOX")
				return err
			}, wats.ErrNotFound},
		{"UnitProcess", "/api/internal/Production/GetUnitProcess",
			func(c context.Context, s *production.Service) (any, error) {
				return in(s).UnitProcess(c, "BOX-1", "BOX")
			},
			func(c context.Context, s *production.Service) error {
				_, err := in(s).UnitProcess(c, "NOPE", "BOX")
				return err
			}, wats.ErrNotFound},
		{"UnitContents", "/api/internal/Production/GetUnitContents",
			func(c context.Context, s *production.Service) (any, error) {
				return in(s).UnitContents(c, "BOX-1", "BOX", "A")
			},
			func(c context.Context, s *production.Service) error {
				_, err := in(s).UnitContents(c, "NOPE", "BOX", "A")
				return err
			}, wats.ErrNotFound},
		{"CreateUnit", "/api/internal/Production/CreateUnit",
			func(c context.Context, s *production.Service) (any, error) {
				return in(s).CreateUnit(c, production.CreateUnitRequest{SerialNumber: "NEW", PartNumber: "BOX", Revision: "A", UnitPhase: production.PhaseFinalized})
			},
			func(c context.Context, s *production.Service) error {
				_, err := in(s).CreateUnit(c, production.CreateUnitRequest{SerialNumber: "BOX-1", PartNumber: "BOX", Revision: "A"})
				return err
			}, wats.ErrBadRequest},
		{"AddChildUnit", "/api/internal/Production/AddChildUnit",
			func(c context.Context, s *production.Service) (any, error) {
				no := false
				return in(s).AddChildUnit(c, production.InternalAddChildRequest{SerialNumber: "BOX-1", PartNumber: "BOX", ChildSerialNumber: "PSU-RAW", ChildPartNumber: "PSU", CheckPhase: &no})
			},
			func(c context.Context, s *production.Service) error {
				_, err := in(s).AddChildUnit(c, production.InternalAddChildRequest{SerialNumber: "BOX-1", PartNumber: "BOX", ChildSerialNumber: "PSU-RAW", ChildPartNumber: "PSU"})
				return err
			}, wats.ErrBadRequest},
		{"RemoveChildUnit", "/api/internal/Production/RemoveChildUnit",
			func(c context.Context, s *production.Service) (any, error) {
				if err := s.AddChild(c, ref("CPU-1", "CPU"), nil); err != nil {
					return nil, err
				}
				return in(s).RemoveChildUnit(c, "BOX-1", "BOX", "CPU-1", "CPU", "")
			},
			func(c context.Context, s *production.Service) error {
				_, err := in(s).RemoveChildUnit(c, "BOX-1", "BOX", "CPU-1", "CPU", "")
				return err
			}, wats.ErrBadRequest},
		{"RemoveAllChildUnits", "/api/internal/Production/RemoveAllChildUnits",
			func(c context.Context, s *production.Service) (any, error) {
				return in(s).RemoveAllChildUnits(c, "BOX-1", "BOX", "")
			},
			func(c context.Context, s *production.Service) error {
				_, err := in(s).RemoveAllChildUnits(c, "NOPE", "BOX", "")
				return err
			}, wats.ErrNotFound},
		{"CheckChildUnits", "/api/internal/Production/CheckChildUnits",
			func(c context.Context, s *production.Service) (any, error) {
				return in(s).CheckChildUnits(c, "BOX-1", "BOX", "")
			},
			func(c context.Context, s *production.Service) error {
				_, err := in(s).CheckChildUnits(c, "NOPE", "BOX", "")
				return err
			}, wats.ErrNotFound},
		{"SerialNumbers", "/api/internal/Production/SerialNumbers",
			func(c context.Context, s *production.Service) (any, error) {
				return in(s).SerialNumbers(c, "SN", "SN000001", "SN000010", nil)
			},
			func(c context.Context, s *production.Service) error {
				_, err := in(s).SerialNumbers(c, "NOPE", "1", "2", nil)
				return err
			}, wats.ErrBadRequest},
		{"SerialNumberCount", "/api/internal/Production/SerialNumbers/Count",
			func(c context.Context, s *production.Service) (any, error) {
				if _, err := s.Take(c, "SN", 3, nil); err != nil {
					return nil, err
				}
				n, err := in(s).SerialNumberCount(c, "SN", "", "", &production.DateWindow{})
				if err == nil && n != 3 {
					return nil, assert.AnError
				}
				return n, err
			},
			func(c context.Context, s *production.Service) error {
				_, err := in(s).SerialNumberCount(c, "NOPE", "", "", nil)
				return err
			}, wats.ErrBadRequest},
		{"FreeReserved", "/api/internal/Production/SerialNumbers/Free",
			func(c context.Context, s *production.Service) (any, error) {
				raw, err := in(s).FreeReserved(c, rng)
				if err == nil && !strings.Contains(string(raw), `"freed":4`) {
					return nil, assert.AnError
				}
				return raw, err
			},
			func(c context.Context, s *production.Service) error {
				_, err := in(s).FreeReserved(c, []production.SerialNumberRange{{Type: "NOPE", StartAddress: "1", EndAddress: "2"}})
				return err
			}, wats.ErrBadRequest},
		{"DeleteFree", "/api/internal/Production/SerialNumbers/Free",
			func(c context.Context, s *production.Service) (any, error) {
				raw, err := in(s).DeleteFree(c, []production.SerialNumberRange{{Type: "SN", StartAddress: "SN000001", EndAddress: "SN000002"}})
				if err == nil && !strings.Contains(string(raw), `"deleted":2`) {
					return nil, assert.AnError
				}
				return raw, err
			},
			func(c context.Context, s *production.Service) error {
				_, err := in(s).DeleteFree(c, []production.SerialNumberRange{{Type: "SN", StartAddress: "SN000002", EndAddress: "SN000001"}})
				return err
			}, wats.ErrBadRequest},
		{"Ranges", "/api/internal/Production/SerialNumbers/Ranges",
			func(c context.Context, s *production.Service) (any, error) { return in(s).Ranges(c, "") },
			func(c context.Context, s *production.Service) error { _, err := in(s).Ranges(c, "NOPE"); return err }, wats.ErrBadRequest},
		{"Statistics", "/api/internal/Production/SerialNumbers/Statistics",
			func(c context.Context, s *production.Service) (any, error) { return in(s).Statistics(c, "SN") },
			func(c context.Context, s *production.Service) error {
				_, err := in(s).Statistics(c, "NOPE")
				return err
			}, wats.ErrBadRequest},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv := apitest.Setup(t, factory()...)
			svc := c.Production
			_, err := tc.ok(ctx(t), svc)
			require.NoError(t, err)
			reqs := srv.Requests()
			last := reqs[len(reqs)-1]
			assert.Equal(t, tc.route, last.Path)
			assert.Equal(t, srv.URL(), last.Header.Get("Referer"), "internal routes need the Referer")

			if tc.bad == nil { // parameterless reads: the error case is a refusal (module off on the tenant)
				srv.Inject(watstest.Fault{Path: tc.route, Status: http.StatusForbidden, Times: -1})
				_, err = tc.ok(ctx(t), svc)
				require.ErrorIs(t, err, wats.ErrForbidden)
				return
			}
			require.ErrorIs(t, tc.bad(ctx(t), svc), tc.want)
		})
	}
}

func TestInternalCheckChildUnitsSendsPascalCaseKeys(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	_, err := svc.Internal().CheckChildUnits(ctx(t), "BOX-1", "BOX", "")
	require.NoError(t, err)
	q, _ := url.ParseQuery(lastQuery(t, srv))
	assert.Equal(t, url.Values{"ParentSerialNumber": {"BOX-1"}, "ParentPartNumber": {"BOX"}, "CultureCode": {production.DefaultCultureCode}}, q)
}

func TestInternalDeleteFreeSendsBody(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	_, err := svc.Internal().DeleteFree(ctx(t), []production.SerialNumberRange{{Type: "SN", StartAddress: "SN000001", EndAddress: "SN000001", Free: 9}})
	require.NoError(t, err)
	reqs := srv.Requests()
	last := reqs[len(reqs)-1]
	assert.Equal(t, http.MethodDelete, last.Method)
	assert.Positive(t, last.BodySize, "pyWATS drops this body; we must not")
	// A deleted free number is never handed out.
	sns, err := svc.Take(ctx(t), "SN", 1, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"SN000002"}, sns)
}
