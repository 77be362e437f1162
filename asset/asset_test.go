package asset_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/asset"
	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

const fixtureType = "11111111-2222-4333-8444-555555555555"

var t0 = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

// fixtures seeds one asset type (30-day calibration, 90-day maintenance,
// running-count limit 100, warning at 80 %) and a parent with two children.
func fixtures() []watstest.Option {
	return []watstest.Option{
		watstest.WithClock(func() time.Time { return t0 }),
		watstest.WithAssetTypes(asset.Type{TypeID: fixtureType, Name: "Fixture", RunningCountLimit: 100, CalibrationInterval: 30, MaintenanceInterval: 90, WarningThreshold: 80, AlarmThreshold: 100}),
		watstest.WithAssets(
			asset.Asset{SerialNumber: "RACK-1", TypeID: fixtureType, Name: "Rack"},
			asset.Asset{SerialNumber: "FIX-1", TypeID: fixtureType, ParentSerialNumber: "RACK-1"},
			asset.Asset{SerialNumber: "FIX-2", TypeID: fixtureType, ParentSerialNumber: "RACK-1"},
			asset.Asset{SerialNumber: "PIN-1", TypeID: fixtureType, ParentSerialNumber: "FIX-1"},
		),
	}
}

func get(t *testing.T, c *wats.Client, sn string) *asset.Asset {
	t.Helper()
	a, err := c.Asset.Get(context.Background(), asset.BySerial(sn))
	require.NoError(t, err)
	return a
}

func TestTypes(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx := context.Background()
	ty, err := c.Asset.SaveType(ctx, asset.Type{Name: "Probe", CalibrationInterval: 365, MaintenanceInterval: asset.IntervalUnlimited})
	require.NoError(t, err)
	require.NotEmpty(t, ty.TypeID)
	ty.RunningCountLimit = 5000
	_, err = c.Asset.SaveType(ctx, *ty)
	require.NoError(t, err)
	_, err = c.Asset.SaveType(ctx, asset.Type{Name: "Other"})
	require.NoError(t, err)

	list, err := c.Asset.ListTypes(ctx, wats.Query{Filter: wats.Eq("typeId", wats.GUID(ty.TypeID))})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, 5000, list[0].RunningCountLimit)
	assert.Equal(t, asset.IntervalUnlimited, list[0].MaintenanceInterval)
	list, err = c.Asset.ListTypes(ctx, wats.Query{Top: 1})
	require.NoError(t, err)
	assert.Len(t, list, 1)

	_, err = c.Asset.SaveType(ctx, asset.Type{TypeID: "00000000-0000-0000-0000-000000000009", Name: "x"})
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)
	_, err = c.Asset.ListTypes(ctx, wats.Query{Filter: wats.RawFilter("typeName eq")})
	apitest.RequireStatus(t, err, http.StatusBadRequest, wats.ErrBadRequest)

	srv.ResetRequests()
	tests := []struct {
		ty    asset.Type
		field string
	}{
		{asset.Type{}, "typeName"},
		{asset.Type{Name: "x", RunningCountLimit: -1}, "runningCountLimit"},
		{asset.Type{Name: "x", CalibrationInterval: -3}, "calibrationInterval"},
		{asset.Type{Name: "x", WarningThreshold: 90, AlarmThreshold: 80}, "warningThreshold"},
	}
	for _, tt := range tests {
		_, err := c.Asset.SaveType(ctx, tt.ty)
		apitest.RequireValidation(t, err, tt.field)
	}
	apitest.RequireNoRequests(t, srv)

	// Without $orderby the server orders types by name; $orderby and $skip are honoured.
	list, err = c.Asset.ListTypes(ctx, wats.Query{})
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, []string{"Other", "Probe"}, []string{list[0].Name, list[1].Name})
	list, err = c.Asset.ListTypes(ctx, wats.Query{OrderBy: []wats.Order{{Field: "typeName", Desc: true}}, Skip: 1})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, "Other", list[0].Name)
}

func TestSaveAndGet(t *testing.T) {
	c, srv := apitest.Setup(t, fixtures()...)
	ctx := context.Background()

	a, err := c.Asset.Save(ctx, asset.Asset{SerialNumber: "NEW-1", TypeID: fixtureType, Location: "Line 1"})
	require.NoError(t, err)
	require.NotEmpty(t, a.AssetID)
	require.NotNil(t, a.State)
	assert.Equal(t, asset.StateInOperation, *a.State)
	require.NotNil(t, a.FirstSeenDate)
	assert.True(t, a.FirstSeenDate.Equal(t0))

	byID, err := c.Asset.Get(ctx, asset.ByID(a.AssetID))
	require.NoError(t, err)
	assert.Equal(t, "Line 1", byID.Location)

	a.Location = "Line 2"
	a.State = asset.StateInStorage.Ptr()
	_, err = c.Asset.Save(ctx, *a)
	require.NoError(t, err)
	got := get(t, c, "NEW-1")
	assert.Equal(t, "Line 2", got.Location)
	assert.Equal(t, asset.StateInStorage, *got.State)

	rack := get(t, c, "RACK-1")
	require.Len(t, rack.Children, 2, "GET includes direct children")

	_, err = c.Asset.Get(ctx, asset.BySerial("NOPE"))
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)
	_, err = c.Asset.Save(ctx, asset.Asset{SerialNumber: "X", TypeID: "00000000-0000-0000-0000-000000000009"})
	apitest.RequireStatus(t, err, http.StatusBadRequest, wats.ErrBadRequest)
	_, err = c.Asset.Save(ctx, asset.Asset{AssetID: a.AssetID, SerialNumber: "RACK-1"})
	apitest.RequireStatus(t, err, http.StatusConflict, wats.ErrConflict)
	_, err = c.Asset.Save(ctx, asset.Asset{AssetID: rack.AssetID, SerialNumber: "RACK-1", ParentSerialNumber: "PIN-1"})
	apitest.RequireStatus(t, err, http.StatusBadRequest, wats.ErrBadRequest) // cycle

	srv.ResetRequests()
	next := t0.Add(-time.Hour)
	tests := []struct {
		name  string
		a     asset.Asset
		field string
	}{
		{"no serial", asset.Asset{TypeID: fixtureType}, "serialNumber"},
		{"create without type", asset.Asset{SerialNumber: "S"}, "typeId"},
		{"bad state", asset.Asset{SerialNumber: "S", TypeID: fixtureType, State: asset.State(9).Ptr()}, "state"},
		{"negative count", asset.Asset{SerialNumber: "S", TypeID: fixtureType, RunningCount: -1}, "runningCount"},
		{"own parent", asset.Asset{SerialNumber: "S", TypeID: fixtureType, ParentSerialNumber: "S"}, "parentSerialNumber"},
		{"dates out of order", asset.Asset{SerialNumber: "S", TypeID: fixtureType, LastCalibrationDate: &t0, NextCalibrationDate: &next}, "nextCalibrationDate"},
		{"empty tag key", asset.Asset{SerialNumber: "S", TypeID: fixtureType, Tags: []asset.Setting{{}}}, "tags[0].key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Asset.Save(ctx, tt.a)
			apitest.RequireValidation(t, err, tt.field)
		})
	}
	apitest.RequireNoRequests(t, srv)
}

func TestSerialNumberEscaping(t *testing.T) {
	tests := []struct{ sn, raw string }{
		{"SN/1", "/api/Asset/SN%2F1"},
		{"SN#2", "/api/Asset/SN%232"},
		{"SN 3", "/api/Asset/SN%203"},
		{"SN+4", "/api/Asset/SN%2B4"},
		{"SN%5", "/api/Asset/SN%255"},
		{"SN?6&x=y", "/api/Asset/SN%3F6&x=y"},
		{"Æøå", "/api/Asset/%C3%86%C3%B8%C3%A5"},
	}
	for _, tt := range tests {
		t.Run(tt.sn, func(t *testing.T) {
			c, srv := apitest.Setup(t, fixtures()...)
			ctx := context.Background()
			_, err := c.Asset.Save(ctx, asset.Asset{SerialNumber: tt.sn, TypeID: fixtureType})
			require.NoError(t, err)
			srv.ResetRequests()
			a, err := c.Asset.Get(ctx, asset.BySerial(tt.sn))
			require.NoError(t, err)
			assert.Equal(t, tt.sn, a.SerialNumber)
			require.Len(t, srv.Requests(), 1)
			assert.Equal(t, tt.raw, srv.Requests()[0].RawPath)

			// Query-string identification round-trips the same serial.
			require.NoError(t, c.Asset.IncrementCount(ctx, asset.BySerial(tt.sn), nil))
			assert.Equal(t, 1, get(t, c, tt.sn).RunningCount)
		})
	}
}

func TestZeroIdentIsRefusedEverywhere(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx := context.Background()
	var zero asset.Ident
	calls := map[string]func() error{
		"Get":               func() error { _, err := c.Asset.Get(ctx, zero); return err },
		"Delete":            func() error { return c.Asset.Delete(ctx, zero) },
		"Status":            func() error { _, err := c.Asset.Status(ctx, zero, nil); return err },
		"SetState":          func() error { return c.Asset.SetState(ctx, zero, asset.StateInStorage) },
		"IncrementCount":    func() error { return c.Asset.IncrementCount(ctx, zero, nil) },
		"ResetRunningCount": func() error { return c.Asset.ResetRunningCount(ctx, zero, "") },
		"SetRunningCount":   func() error { return c.Asset.Unverified().SetRunningCount(ctx, zero, 1) },
		"SetTotalCount":     func() error { return c.Asset.Unverified().SetTotalCount(ctx, zero, 1) },
		"RecordCalibration": func() error { return c.Asset.RecordCalibration(ctx, zero, nil) },
		"RecordMaintenance": func() error { return c.Asset.RecordMaintenance(ctx, zero, nil) },
		"RecordExternalCalibration": func() error {
			return c.Asset.Unverified().RecordExternalCalibration(ctx, zero, asset.ExternalEvent{Done: t0, NextDue: t0})
		},
		"RecordExternalMaintenance": func() error {
			return c.Asset.Unverified().RecordExternalMaintenance(ctx, zero, asset.ExternalEvent{Done: t0, NextDue: t0})
		},
		"SubAssets": func() error { _, err := c.Asset.SubAssets(ctx, zero, 0); return err },
		"DueDates":  func() error { _, _, err := c.Asset.DueDates(ctx, zero); return err },
		"BySerial blank": func() error {
			_, err := c.Asset.Get(ctx, asset.BySerial("  "))
			return err
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			apitest.RequireValidation(t, call(), "id|serialNumber")
		})
	}
	apitest.RequireNoRequests(t, srv)
}

func TestIdentQueryParameters(t *testing.T) {
	c, srv := apitest.Setup(t, fixtures()...)
	ctx := context.Background()
	fix := get(t, c, "FIX-1")
	srv.ResetRequests()
	require.NoError(t, c.Asset.IncrementCount(ctx, asset.ByID(fix.AssetID), nil))
	require.NoError(t, c.Asset.IncrementCount(ctx, asset.BySerial("FIX-1"), nil))
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, "id="+fix.AssetID, reqs[0].Query, "only the id is sent")
	assert.Equal(t, "serialNumber=FIX-1", reqs[1].Query, "only the serial number is sent")
	assert.Equal(t, 2, get(t, c, "FIX-1").RunningCount)
}

func TestListAndPaging(t *testing.T) {
	var seeds []any
	for i := 0; i < 25; i++ {
		st := asset.StateInOperation
		if i%5 == 0 {
			st = asset.StateInStorage
		}
		seeds = append(seeds, asset.Asset{SerialNumber: fmt.Sprintf("A-%02d", i), TypeID: fixtureType, State: st.Ptr()})
	}
	c, srv := apitest.Setup(t, watstest.WithAssetTypes(asset.Type{TypeID: fixtureType, Name: "T"}), watstest.WithAssets(seeds...))
	ctx := context.Background()

	page, err := c.Asset.List(ctx, wats.Query{Filter: wats.Eq("state", int(asset.StateInStorage)), OrderBy: []wats.Order{{Field: "serialNumber", Desc: true}}})
	require.NoError(t, err)
	require.Len(t, page, 5)
	assert.Equal(t, "A-20", page[0].SerialNumber)

	tests := []struct {
		name      string
		q         wats.Query
		wantItems int
		wantPages int
	}{
		{"short last page", wats.Query{Top: 10}, 25, 3},
		{"exact multiple ends on empty page", wats.Query{Top: 5}, 25, 6},
		{"default page size", wats.Query{}, 25, 1},
		{"start at skip", wats.Query{Top: 10, Skip: 20}, 5, 1},
		{"filtered", wats.Query{Top: 2, Filter: wats.Eq("state", int(asset.StateInStorage))}, 5, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetRequests()
			seen := map[string]bool{}
			for a, err := range c.Asset.All(ctx, tt.q) {
				require.NoError(t, err)
				assert.False(t, seen[a.SerialNumber], "duplicate %s", a.SerialNumber)
				seen[a.SerialNumber] = true
			}
			assert.Len(t, seen, tt.wantItems)
			assert.Len(t, srv.Requests(), tt.wantPages)
		})
	}

	t.Run("consumer stops early", func(t *testing.T) {
		srv.ResetRequests()
		n := 0
		for range c.Asset.All(ctx, wats.Query{Top: 10}) {
			n++
			if n == 3 {
				break
			}
		}
		assert.Len(t, srv.Requests(), 1)
	})

	t.Run("error on a later page is yielded once", func(t *testing.T) {
		var errs []error
		n := 0
		for _, err := range c.Asset.All(ctx, wats.Query{Top: 10}) {
			if err != nil {
				errs = append(errs, err)
				continue
			}
			n++
			if n == 1 {
				srv.Inject(watstest.Fault{Path: "/api/Asset", Status: http.StatusBadRequest})
			}
		}
		assert.Equal(t, 10, n)
		require.Len(t, errs, 1)
		require.ErrorIs(t, errs[0], wats.ErrBadRequest)
		assert.Contains(t, errs[0].Error(), "$skip=10")
	})

	t.Run("bad filter is refused before I/O", func(t *testing.T) {
		srv.ResetRequests()
		_, err := c.Asset.List(ctx, wats.Query{Filter: wats.Eq("typeId", wats.GUID("not-a-guid"))})
		apitest.RequireValidation(t, err, "query")
		for _, err := range c.Asset.All(ctx, wats.Query{Top: -1, Skip: -1}) {
			apitest.RequireValidation(t, err, "query")
		}
		apitest.RequireNoRequests(t, srv)
	})
}

func TestDelete(t *testing.T) {
	c, srv := apitest.Setup(t, fixtures()...)
	ctx := context.Background()
	require.NoError(t, c.Asset.Delete(ctx, asset.BySerial("FIX-1")))
	_, err := c.Asset.Get(ctx, asset.BySerial("FIX-1"))
	require.ErrorIs(t, err, wats.ErrNotFound)
	assert.Empty(t, get(t, c, "PIN-1").ParentAssetID, "children of a deleted asset lose their parent")
	err = c.Asset.Delete(ctx, asset.BySerial("FIX-1"))
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)
	_ = srv
}

func TestSubAssets(t *testing.T) {
	c, _ := apitest.Setup(t, fixtures()...)
	ctx := context.Background()
	direct, err := c.Asset.SubAssets(ctx, asset.BySerial("RACK-1"), 1)
	require.NoError(t, err)
	assert.Len(t, direct, 2)
	all, err := c.Asset.SubAssets(ctx, asset.BySerial("RACK-1"), 0)
	require.NoError(t, err)
	assert.Len(t, all, 3)
	_, err = c.Asset.SubAssets(ctx, asset.BySerial("NOPE"), 0)
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)
	_, err = c.Asset.SubAssets(ctx, asset.BySerial("RACK-1"), -1)
	apitest.RequireValidation(t, err, "level")
}

// TestGetEmptyAnswerIsNotFound covers the other not-found form the spec
// allows: 2xx with an empty body.
func TestGetEmptyAnswerIsNotFound(t *testing.T) {
	c, srv := apitest.Setup(t)
	srv.Inject(watstest.Fault{Method: http.MethodGet, Path: "/api/Asset/", Status: http.StatusOK, Body: "null"})
	_, err := c.Asset.Get(context.Background(), asset.BySerial("GHOST"))
	require.ErrorIs(t, err, wats.ErrNotFound)
	assert.Contains(t, err.Error(), "serialNumber=GHOST")
}

// TestGetSerialThatCollidesWithARoute looks such serials up by $filter,
// since /api/Asset/Log is another endpoint.
func TestGetSerialThatCollidesWithARoute(t *testing.T) {
	for _, sn := range []string{"Log", "status", "TYPES", "SubAssets", "count", "Message", "SetTotalCount", ".", ".."} {
		t.Run(sn, func(t *testing.T) {
			c, srv := apitest.Setup(t, fixtures()...)
			ctx := context.Background()
			_, err := c.Asset.Save(ctx, asset.Asset{SerialNumber: sn, TypeID: fixtureType})
			require.NoError(t, err)
			srv.ResetRequests()
			a, err := c.Asset.Get(ctx, asset.BySerial(sn))
			require.NoError(t, err)
			assert.Equal(t, sn, a.SerialNumber)
			reqs := srv.Requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, "/api/Asset", reqs[0].Path)

			_, err = c.Asset.Get(ctx, asset.BySerial(pathSiblingCase(sn)))
			require.ErrorIs(t, err, wats.ErrNotFound, "a colliding serial without an asset is not found")
		})
	}
}

// pathSiblingCase returns a sibling-route name with no asset behind it.
func pathSiblingCase(sn string) string {
	if sn == "Log" {
		return "Types"
	}
	return "Log"
}

func TestSetParent(t *testing.T) {
	c, srv := apitest.Setup(t, fixtures()...)
	ctx := context.Background()
	moved, err := c.Asset.SetParent(ctx, asset.BySerial("PIN-1"), asset.BySerial("FIX-2"))
	require.NoError(t, err)
	fix2 := get(t, c, "FIX-2")
	assert.Equal(t, fix2.AssetID, moved.ParentAssetID)
	require.Len(t, fix2.Children, 1)
	assert.Equal(t, "PIN-1", fix2.Children[0].SerialNumber)
	assert.Empty(t, get(t, c, "FIX-1").Children)

	_, err = c.Asset.SetParent(ctx, asset.BySerial("PIN-1"), asset.Ident{})
	require.NoError(t, err)
	assert.Empty(t, get(t, c, "PIN-1").ParentAssetID, "the zero parent detaches")

	_, err = c.Asset.SetParent(ctx, asset.BySerial("RACK-1"), asset.BySerial("FIX-1"))
	apitest.RequireStatus(t, err, http.StatusBadRequest, wats.ErrBadRequest) // would form a cycle
	_, err = c.Asset.SetParent(ctx, asset.BySerial("PIN-1"), asset.BySerial("NOPE"))
	require.ErrorIs(t, err, wats.ErrNotFound)

	srv.ResetRequests()
	_, err = c.Asset.SetParent(ctx, asset.BySerial("A"), asset.BySerial("A"))
	apitest.RequireValidation(t, err, "parentAssetId")
	_, err = c.Asset.SetParent(ctx, asset.Ident{}, asset.BySerial("A"))
	apitest.RequireValidation(t, err, "id|serialNumber")
	apitest.RequireNoRequests(t, srv)
}
