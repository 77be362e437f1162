package production_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/wats"
)

func ref(childSN, childPN string) production.ChildRef {
	return production.ChildRef{ParentSerialNumber: "BOX-1", ParentPartNumber: "BOX", ChildSerialNumber: childSN, ChildPartNumber: childPN}
}

func TestAddChildSendsEmptyCheckParameters(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	require.NoError(t, svc.AddChild(ctx(t), ref("PSU-1", "PSU"), nil))
	raw := lastQuery(t, srv)
	q, _ := url.ParseQuery(raw)
	assert.True(t, q.Has("checkPartNumber") && q.Has("checkRevision"), "required by the Swagger even when empty: %s", raw)
	assert.Equal(t, "", q.Get("checkPartNumber"))
	u, _ := srv.ProductionUnit("PSU-1", "PSU")
	assert.Equal(t, "BOX-1", u.ParentSerialNumber)
}

func TestAddChildRules(t *testing.T) {
	for _, tc := range []struct {
		name  string
		child production.ChildRef
		opts  *production.AddChildOptions
		want  error
		msg   string
	}{
		{"fits box build", ref("CPU-1", "CPU"), nil, nil, ""},
		{"part number not in box build", ref("FAN-1", "FAN"), nil, wats.ErrBadRequest, "not in the box build"},
		{"revision outside mask", ref("PSU-2", "PSU"), nil, wats.ErrBadRequest, "not accepted"},
		{"child not finalized", ref("PSU-RAW", "PSU"), nil, wats.ErrBadRequest, "Finalized"},
		{"override accepts any part", ref("FAN-1", "FAN"), &production.AddChildOptions{CheckPartNumber: "FAN"}, nil, ""},
		{"override wrong part number", ref("FAN-1", "FAN"), &production.AddChildOptions{CheckPartNumber: "PSU"}, wats.ErrBadRequest, "expected PSU"},
		{"override wrong revision", ref("PSU-2", "PSU"), &production.AddChildOptions{CheckRevision: "2.%"}, wats.ErrBadRequest, "expected 2.%"},
		{"unknown child", ref("GHOST", "PSU"), nil, wats.ErrNotFound, "GHOST"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := apitest.Setup(t, factory()...)
			svc := c.Production
			err := svc.AddChild(ctx(t), tc.child, tc.opts)
			if tc.want == nil {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, tc.want)
			assert.Contains(t, err.Error(), tc.msg)
		})
	}
}

func TestAddChildTwiceRefused(t *testing.T) {
	c, _ := apitest.Setup(t, factory()...)
	svc := c.Production
	require.NoError(t, svc.AddChild(ctx(t), ref("PSU-1", "PSU"), nil))
	err := svc.AddChild(ctx(t), ref("PSU-1", "PSU"), nil)
	require.ErrorIs(t, err, wats.ErrBadRequest)
	assert.Contains(t, err.Error(), "already has parent")
}

func TestRemoveChild(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	require.NoError(t, svc.AddChild(ctx(t), ref("PSU-1", "PSU"), nil))
	require.NoError(t, svc.RemoveChild(ctx(t), ref("PSU-1", "PSU")))
	u, _ := srv.ProductionUnit("PSU-1", "PSU")
	assert.Empty(t, u.ParentSerialNumber)
	err := svc.RemoveChild(ctx(t), ref("PSU-1", "PSU"))
	require.ErrorIs(t, err, wats.ErrBadRequest, "the relation must exist")
}

func TestCheckChildren(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	require.NoError(t, svc.AddChild(ctx(t), ref("PSU-1", "PSU"), nil))
	raw, err := svc.CheckChildren(ctx(t), "BOX-1", "BOX")
	require.NoError(t, err)
	var ans struct {
		IsValid  bool     `json:"isValid"`
		Messages []string `json:"messages"`
	}
	require.NoError(t, json.Unmarshal(raw, &ans))
	assert.False(t, ans.IsValid, "the CPU is missing")
	q, _ := url.ParseQuery(lastQuery(t, srv))
	assert.Equal(t, url.Values{"parentSerialNumber": {"BOX-1"}, "parentPartNumber": {"BOX"}}, q)

	_, err = svc.CheckChildren(ctx(t), "NOPE", "BOX")
	require.ErrorIs(t, err, wats.ErrNotFound)
}

func boxTemplate() production.TemplateFunc {
	return func(_ context.Context, pn, rev string) ([]production.TemplateLine, error) {
		if pn != "BOX" || rev != "A" {
			return nil, errors.New("no template")
		}
		return []production.TemplateLine{{PartNumber: "PSU", RevisionMask: "2.%"}, {PartNumber: "CPU", Revision: "1.0"}}, nil
	}
}

func TestVerifyBoxBuild(t *testing.T) {
	c, _ := apitest.Setup(t, factory()...)
	svc := c.Production
	res, err := svc.VerifyBoxBuild(ctx(t), boxTemplate(), "BOX-1", "BOX")
	require.NoError(t, err)
	assert.False(t, res.OK())
	assert.Len(t, res.Problems, 2, "both lines missing")

	require.NoError(t, svc.AddChild(ctx(t), ref("PSU-1", "PSU"), nil))
	require.NoError(t, svc.AddChild(ctx(t), ref("CPU-1", "CPU"), nil))
	res, err = svc.VerifyBoxBuild(ctx(t), boxTemplate(), "BOX-1", "BOX")
	require.NoError(t, err)
	assert.True(t, res.OK(), "%+v", res.Problems)
	assert.Len(t, res.Unit.SubUnits, 2)
}

func TestVerifyBoxBuildWithoutTemplateSource(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	_, err := svc.VerifyBoxBuild(ctx(t), nil, "BOX-1", "BOX")
	require.ErrorIs(t, err, production.ErrNoTemplateSource)
	assert.Empty(t, srv.Requests(), "nothing is asked of the server")

	failing := production.TemplateFunc(func(context.Context, string, string) ([]production.TemplateLine, error) {
		return nil, wats.ErrNotFound
	})
	_, err = svc.VerifyBoxBuild(ctx(t), failing, "BOX-1", "BOX")
	require.ErrorIs(t, err, wats.ErrNotFound)
	assert.Contains(t, err.Error(), "box-build template of BOX rev A")
}

func TestCompareBoxBuild(t *testing.T) {
	tmpl := []production.TemplateLine{{PartNumber: "PSU", RevisionMask: "2.%,3.0"}, {PartNumber: "CPU", Quantity: 2}}
	u := func(sn, pn, rev string, ph production.Phase) production.Unit {
		return production.Unit{SerialNumber: sn, PartNumber: pn, Revision: rev, UnitPhaseID: ph}
	}
	fin := production.PhaseFinalized
	for _, tc := range []struct {
		name     string
		children []production.Unit
		want     []production.ProblemKind
	}{
		{"complete", []production.Unit{u("1", "PSU", "2.4", fin), u("2", "CPU", "x", fin), u("3", "CPU", "y", fin)}, nil},
		{"exact mask entry", []production.Unit{u("1", "PSU", "3.0", fin), u("2", "CPU", "x", fin), u("3", "CPU", "y", fin)}, nil},
		{"missing", []production.Unit{u("1", "PSU", "2.4", fin), u("2", "CPU", "x", fin)}, []production.ProblemKind{production.ProblemMissing}},
		{"too many", []production.Unit{u("1", "PSU", "2.4", fin), u("9", "PSU", "2.5", fin), u("2", "CPU", "x", fin), u("3", "CPU", "y", fin)}, []production.ProblemKind{production.ProblemTooMany}},
		{"wrong revision", []production.Unit{u("1", "PSU", "1.0", fin), u("2", "CPU", "x", fin), u("3", "CPU", "y", fin)}, []production.ProblemKind{production.ProblemWrongRevision, production.ProblemMissing}},
		{"unexpected", []production.Unit{u("1", "PSU", "2.4", fin), u("2", "CPU", "x", fin), u("3", "CPU", "y", fin), u("4", "FAN", "1", fin)}, []production.ProblemKind{production.ProblemUnexpected}},
		{"not finalized", []production.Unit{u("1", "PSU", "2.4", production.PhaseUnderProduction), u("2", "CPU", "x", fin), u("3", "CPU", "y", fin)}, []production.ProblemKind{production.ProblemNotFinalized}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var kinds []production.ProblemKind
			for _, p := range production.CompareBoxBuild(tmpl, tc.children) {
				kinds = append(kinds, p.Kind)
				assert.NotEmpty(t, p.Message)
			}
			assert.Equal(t, tc.want, kinds)
		})
	}
}

func TestRevisionMatches(t *testing.T) {
	for _, tc := range []struct {
		line production.TemplateLine
		rev  string
		want bool
	}{
		{production.TemplateLine{}, "anything", true},
		{production.TemplateLine{Revision: "A"}, "A", true},
		{production.TemplateLine{Revision: "A"}, "B", false},
		{production.TemplateLine{RevisionMask: "1.0, 2.%"}, "2.7", true},
		{production.TemplateLine{RevisionMask: "1.0, 2.%"}, "1.0", true},
		{production.TemplateLine{RevisionMask: "1.0, 2.%"}, "1.01", false},
		{production.TemplateLine{Revision: "A", RevisionMask: "B"}, "A", false},
	} {
		assert.Equal(t, tc.want, production.RevisionMatches(tc.line, tc.rev), "%+v %q", tc.line, tc.rev)
	}
}
