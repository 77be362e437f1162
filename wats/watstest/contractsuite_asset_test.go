package watstest_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/asset"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// The asset scenarios of TestContractSuite: every method of c.Asset,
// c.Asset.Internal() and c.Asset.Unverified() against the shared emulator,
// on assets whose serial numbers start with "CS-AS-".

func init() {
	registerSuite("asset/types", suiteAssetTypes)
	registerSuite("asset/lifecycle", suiteAssetLifecycle)
	registerSuite("asset/usage", suiteAssetUsage)
	registerSuite("asset/log", suiteAssetLog)
	registerSuite("asset/unverified", suiteAssetUnverified)
	registerSuite("asset/files", suiteAssetFiles)
	registerSuite("asset/delete", suiteAssetDelete)
}

// suiteAssetType returns the type the asset scenarios share, creating it once.
func suiteAssetType(ctx context.Context, t *testing.T, c *wats.Client) *asset.Type {
	t.Helper()
	list, err := c.Asset.ListTypes(ctx, wats.Query{Filter: wats.Eq("typeName", "CS-AS fixture")})
	require.NoError(t, err)
	if len(list) == 1 {
		return &list[0]
	}
	ty, err := c.Asset.SaveType(ctx, asset.Type{Name: "CS-AS fixture", RunningCountLimit: 100, CalibrationInterval: 30,
		MaintenanceInterval: 90, WarningThreshold: 80, AlarmThreshold: 100, Icon: "fixture"})
	require.NoError(t, err)
	return ty
}

func suiteAssetTypes(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	ty := suiteAssetType(ctx, t, c)
	require.Len(t, ty.TypeID, 36)
	assert.Equal(t, strings.ToLower(ty.TypeID), ty.TypeID, "GUIDs come lower-case")

	ty.TotalCountLimit = 5000
	saved, err := c.Asset.SaveType(ctx, *ty)
	require.NoError(t, err)
	assert.Equal(t, ty.TypeID, saved.TypeID)
	assert.Equal(t, 5000, saved.TotalCountLimit)

	list, err := c.Asset.ListTypes(ctx, wats.Query{Filter: wats.Eq("typeId", wats.GUID(ty.TypeID)), OrderBy: []wats.Order{{Field: "typeName"}}, Top: 5})
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, 5000, list[0].TotalCountLimit)
	assert.Equal(t, "fixture", list[0].Icon)
}

func suiteAssetLifecycle(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	ty := suiteAssetType(ctx, t, c)
	rack, err := c.Asset.Save(ctx, asset.Asset{SerialNumber: "CS-AS-RACK", TypeID: ty.TypeID, Name: "Rack", Location: "Line 1",
		Tags: []asset.Setting{{Key: "owner", Value: strPtr("lab")}}})
	require.NoError(t, err)
	require.Len(t, rack.AssetID, 36)
	assert.Nil(t, rack.LastCalibrationDate)
	require.NotNil(t, rack.FirstSeenDate)
	fix, err := c.Asset.Save(ctx, asset.Asset{SerialNumber: "CS-AS-FIX/1", TypeID: ty.TypeID, ParentSerialNumber: "CS-AS-RACK"})
	require.NoError(t, err)
	assert.Equal(t, rack.AssetID, fix.ParentAssetID)
	pin, err := c.Asset.Save(ctx, asset.Asset{SerialNumber: "CS-AS-PIN", TypeID: ty.TypeID, ParentAssetID: fix.AssetID})
	require.NoError(t, err)

	byID, err := c.Asset.Get(ctx, asset.ByID(rack.AssetID))
	require.NoError(t, err)
	assert.Equal(t, "CS-AS-RACK", byID.SerialNumber)
	require.Len(t, byID.Children, 1)
	assert.Equal(t, "CS-AS-FIX/1", byID.Children[0].SerialNumber)
	require.NotNil(t, byID.Type)
	assert.Equal(t, ty.TypeID, byID.Type.TypeID)
	bySerial, err := c.Asset.Get(ctx, asset.BySerial("CS-AS-FIX/1"))
	require.NoError(t, err, "a slash in a serial number is escaped in the path")
	assert.Equal(t, fix.AssetID, bySerial.AssetID)
	_, err = c.Asset.Get(ctx, asset.BySerial("CS-AS-NOPE"))
	assert.ErrorIs(t, err, wats.ErrNotFound)

	list, err := c.Asset.List(ctx, wats.Query{Filter: wats.Eq("typeId", wats.GUID(ty.TypeID)), OrderBy: []wats.Order{{Field: "serialNumber"}}})
	require.NoError(t, err)
	var serials []string
	for _, a := range list {
		serials = append(serials, a.SerialNumber)
	}
	assert.Equal(t, []string{"CS-AS-FIX/1", "CS-AS-PIN", "CS-AS-RACK"}, serials)
	n := 0
	for a, err := range c.Asset.All(ctx, wats.Query{Filter: wats.Eq("typeId", wats.GUID(ty.TypeID)), Top: 2}) {
		require.NoError(t, err)
		assert.NotEmpty(t, a.AssetID)
		n++
	}
	assert.Equal(t, 3, n)

	subs, err := c.Asset.SubAssets(ctx, asset.BySerial("CS-AS-RACK"), 0)
	require.NoError(t, err)
	assert.Len(t, subs, 2, "level 0 is every descendant")
	subs, err = c.Asset.SubAssets(ctx, asset.ByID(rack.AssetID), 1)
	require.NoError(t, err)
	require.Len(t, subs, 1)
	assert.Equal(t, fix.AssetID, subs[0].AssetID)

	moved, err := c.Asset.SetParent(ctx, asset.ByID(pin.AssetID), asset.ByID(rack.AssetID))
	require.NoError(t, err)
	assert.Equal(t, rack.AssetID, moved.ParentAssetID)
	top, err := c.Asset.SetParent(ctx, asset.ByID(pin.AssetID), asset.Ident{})
	require.NoError(t, err)
	assert.Empty(t, top.ParentAssetID, "detached")

	require.NoError(t, c.Asset.SetState(ctx, asset.BySerial("CS-AS-RACK"), asset.StateInStorage))
	got, err := c.Asset.Get(ctx, asset.BySerial("CS-AS-RACK"))
	require.NoError(t, err)
	require.NotNil(t, got.State)
	assert.Equal(t, asset.StateInStorage, *got.State)
}

func suiteAssetUsage(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	id := asset.BySerial("CS-AS-RACK")
	require.NoError(t, c.Asset.IncrementCount(ctx, id, &asset.CountOptions{IncrementBy: 90, IncludeChildren: true, CultureCode: "en-US"}))
	st, err := c.Asset.Status(ctx, id, &asset.StatusOptions{NoTranslate: true, CultureCode: "en-US"})
	require.NoError(t, err)
	assert.Equal(t, 90, st.RunningCount)
	assert.Equal(t, asset.AlarmWarning, st.AlarmState, "90 of 100 passes the 80 % warning threshold")
	require.NoError(t, c.Asset.IncrementCount(ctx, id, &asset.CountOptions{TotalCount: intPtr(100)}))
	st, err = c.Asset.Status(ctx, id, nil)
	require.NoError(t, err)
	assert.Equal(t, 100, st.TotalCount)
	assert.Equal(t, asset.AlarmAlarm, st.AlarmState)

	require.NoError(t, c.Asset.ResetRunningCount(ctx, id, "new pins"))
	done := time.Date(2026, 1, 10, 8, 0, 0, 123456789, time.UTC)
	require.NoError(t, c.Asset.RecordCalibration(ctx, id, &asset.EventOptions{At: done, Comment: "lab"}))
	require.NoError(t, c.Asset.RecordMaintenance(ctx, asset.BySerial("CS-AS-FIX/1"), nil))

	a, due, err := c.Asset.DueDates(ctx, id)
	require.NoError(t, err)
	require.NotNil(t, a.LastCalibrationDate)
	assert.True(t, done.Truncate(100*time.Nanosecond).Equal(*a.LastCalibrationDate), "a .NET date keeps 100 ns ticks")
	require.NotNil(t, due.Calibration)
	assert.True(t, due.Calibration.Equal(a.LastCalibrationDate.AddDate(0, 0, 30)))
	require.NotNil(t, due.RunningCountLeft)
	assert.Equal(t, 100, *due.RunningCountLeft, "calibration resets the running count")
	fix, err := c.Asset.Get(ctx, asset.BySerial("CS-AS-FIX/1"))
	require.NoError(t, err)
	assert.NotNil(t, fix.NextMaintenanceDate)
	assert.Equal(t, 90, fix.RunningCount, "the child was counted too")
}

func suiteAssetLog(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	id := asset.BySerial("CS-AS-RACK")
	require.NoError(t, c.Asset.PostMessage(ctx, id, &asset.Message{Content: "CS-AS hello"}, &asset.MessageOptions{CultureCode: "en-US"}))
	entries, err := c.Asset.Log(ctx, wats.Query{Filter: wats.And(wats.Eq("serialNumber", "CS-AS-RACK"), wats.Eq("type", int(asset.LogMessage)))})
	require.NoError(t, err)
	require.Len(t, entries, 1)
	assert.Equal(t, "CS-AS hello", entries[0].Comment)
	assert.Equal(t, "watstest", entries[0].User)

	var types []asset.LogType
	for e, err := range c.Asset.AllLog(ctx, wats.Query{Filter: wats.Eq("serialNumber", "CS-AS-RACK"), OrderBy: []wats.Order{{Field: "logId"}}, Top: 3}) {
		require.NoError(t, err)
		types = append(types, e.Type)
	}
	require.NotEmpty(t, types)
	assert.Equal(t, asset.LogRegister, types[0])
	assert.Contains(t, types, asset.LogCalibration)
	assert.Contains(t, types, asset.LogResetCount)
	assert.Contains(t, types, asset.LogStateChange)
}

func suiteAssetUnverified(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	u := c.Asset.Unverified()
	id := asset.BySerial("CS-AS-PIN")
	require.NoError(t, u.SetRunningCount(ctx, id, 7))
	require.NoError(t, u.SetTotalCount(ctx, id, 700))
	a, err := c.Asset.Get(ctx, id)
	require.NoError(t, err)
	assert.Equal(t, 7, a.RunningCount)
	assert.Equal(t, 700, a.TotalCount)

	from := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(1, 0, 0)
	require.NoError(t, u.RecordExternalCalibration(ctx, id, asset.ExternalEvent{Done: from, NextDue: to, Comment: "lab"}))
	require.NoError(t, u.RecordExternalMaintenance(ctx, id, asset.ExternalEvent{Done: from, NextDue: to}))
	a, err = c.Asset.Get(ctx, id)
	require.NoError(t, err)
	require.NotNil(t, a.NextCalibrationDate)
	require.NotNil(t, a.NextMaintenanceDate)
	assert.True(t, to.Equal(*a.NextCalibrationDate))
	assert.True(t, to.Equal(*a.NextMaintenanceDate))
}

func suiteAssetFiles(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	a, err := c.Asset.Get(ctx, asset.BySerial("CS-AS-RACK"))
	require.NoError(t, err)
	in := c.Asset.Internal()
	require.NoError(t, in.UploadFile(ctx, a.AssetID, "cert.pdf", strings.NewReader("%PDF-1.7")))
	require.NoError(t, in.UploadFile(ctx, a.AssetID, "notes.txt", strings.NewReader("ok")))
	names, err := in.ListFiles(ctx, a.AssetID)
	require.NoError(t, err)
	assert.Equal(t, []string{"cert.pdf", "notes.txt"}, names)
	var buf bytes.Buffer
	n, err := in.DownloadFile(ctx, a.AssetID, "cert.pdf", &buf)
	require.NoError(t, err)
	assert.Equal(t, int64(8), n)
	assert.Equal(t, "%PDF-1.7", buf.String())
	require.NoError(t, in.DeleteFiles(ctx, a.AssetID, "cert.pdf"))
	names, err = in.ListFiles(ctx, a.AssetID)
	require.NoError(t, err)
	assert.Equal(t, []string{"notes.txt"}, names)
}

func suiteAssetDelete(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	require.NoError(t, c.Asset.Delete(ctx, asset.BySerial("CS-AS-PIN")))
	_, err := c.Asset.Get(ctx, asset.BySerial("CS-AS-PIN"))
	assert.ErrorIs(t, err, wats.ErrNotFound)
	err = c.Asset.Delete(ctx, asset.BySerial("CS-AS-PIN"))
	var ae *wats.APIError
	require.True(t, errors.As(err, &ae))
	assert.Equal(t, 404, ae.StatusCode)
}

func intPtr(n int) *int       { return &n }
func strPtr(s string) *string { return &s }
