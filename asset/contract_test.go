package asset_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/asset"
	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/wats"
)

func TestEnumStrings(t *testing.T) {
	tests := []struct {
		v    interface{ String() string }
		want string
	}{
		{asset.StateInOperation, "InOperation"},
		{asset.StateScrapped, "Scrapped"},
		{asset.State(9), "State(9)"},
		{asset.AlarmOK, "OK"},
		{asset.AlarmWarning, "Warning"},
		{asset.AlarmAlarm, "Alarm"},
		{asset.AlarmState(5), "AlarmState(5)"},
		{asset.LogMessage, "Message"},
		{asset.LogStateChange, "StateChange"},
		{asset.LogType(8), "LogType(8)"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.v.String())
	}
}

// TestQueryParametersAreTheDocumentedOnes pins the query each call sends to
// the parameter names of the server's document.
func TestQueryParametersAreTheDocumentedOnes(t *testing.T) {
	c, srv := apitest.Setup(t, fixtures()...)
	ctx := context.Background()
	id := asset.BySerial("FIX-1")
	tests := []struct {
		name, path, query string
		call              func() error
	}{
		{"Count", "/api/Asset/Count", "cultureCode=de-DE&incrementBy=2&incrementChildren=true&serialNumber=FIX-1", func() error {
			return c.Asset.IncrementCount(ctx, id, &asset.CountOptions{IncrementBy: 2, IncludeChildren: true, CultureCode: "de-DE"})
		}},
		{"Status", "/api/Asset/Status", "cultureCode=de-DE&serialNumber=FIX-1&translate=false", func() error {
			_, err := c.Asset.Status(ctx, id, &asset.StatusOptions{NoTranslate: true, CultureCode: "de-DE"})
			return err
		}},
		{"Message", "/api/Asset/Message", "serialNumber=FIX-1", func() error {
			return c.Asset.PostMessage(ctx, id, &asset.Message{Content: "x"}, nil)
		}},
		{"Calibration", "/api/Asset/Calibration", "comment=c&dateTime=2026-03-01T12%3A00%3A00.1234567Z&serialNumber=FIX-1", func() error {
			return c.Asset.RecordCalibration(ctx, id, &asset.EventOptions{At: t0.Add(123456789), Comment: "c"})
		}},
		{"SubAssets", "/api/Asset/SubAssets", "level=1&serialNumber=FIX-1", func() error {
			_, err := c.Asset.SubAssets(ctx, id, 1)
			return err
		}},
		{"State", "/api/Asset/State", "serialNumber=FIX-1&state=3", func() error {
			return c.Asset.SetState(ctx, id, asset.StateInMaintenance)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetRequests()
			require.NoError(t, tt.call())
			reqs := srv.Requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, tt.path, reqs[0].Path)
			assert.Equal(t, tt.query, reqs[0].Query)
		})
	}
}

func TestLogNamesTheChangedProperty(t *testing.T) {
	c, _ := apitest.Setup(t, fixtures()...)
	ctx := context.Background()
	require.NoError(t, c.Asset.SetState(ctx, asset.BySerial("FIX-2"), asset.StateInTransit))
	entries, err := c.Asset.Log(ctx, apitestQuery("FIX-2", asset.LogStateChange))
	require.NoError(t, err)
	require.Len(t, entries, 1)
	assert.Equal(t, "state", entries[0].Property)
	assert.Equal(t, "2", entries[0].Value)
}

func TestFileAssetIDEscaping(t *testing.T) {
	c, srv := apitest.Setup(t, fixtures()...)
	ctx := context.Background()
	tests := []struct{ id, raw string }{
		{"a/b", "/api/internal/Blob/Asset/List/a%2Fb"},
		{"a b", "/api/internal/Blob/Asset/List/a%20b"},
		{"x?y", "/api/internal/Blob/Asset/List/x%3Fy"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			srv.ResetRequests()
			_, err := c.Asset.Internal().ListFiles(ctx, tt.id)
			require.Error(t, err, "no such asset")
			reqs := srv.Requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, tt.raw, reqs[0].RawPath)
			assert.True(t, strings.HasPrefix(reqs[0].Path, "/api/internal/Blob/Asset/List/"))
		})
	}
}

// apitestQuery filters the log to one asset and entry type.
func apitestQuery(serial string, typ asset.LogType) wats.Query {
	return wats.Query{Filter: wats.And(wats.Eq("serialNumber", serial), wats.Eq("type", int(typ)))}
}

// TestXMLDataIsReadNotSent: list answers carry xmlData, the save body has no
// such member, so a listed asset saves back without it.
func TestXMLDataIsReadNotSent(t *testing.T) {
	var a asset.Asset
	require.NoError(t, jsonUnmarshal(`{"serialNumber":"S","xmlData":"<x/>"}`, &a))
	assert.Equal(t, "<x/>", a.XMLData)
	b, err := json.Marshal(a)
	require.NoError(t, err)
	assert.NotContains(t, string(b), "xmlData")
}

// TestSaveBodyDatesFitDotNet: a Go time has nanoseconds, a .NET DateTime
// 100 ns ticks; the body carries at most seven fractional digits, in UTC.
func TestSaveBodyDatesFitDotNet(t *testing.T) {
	at := time.Date(2026, 3, 1, 13, 0, 0, 123456789, time.FixedZone("CET", 3600))
	b, err := json.Marshal(asset.Asset{SerialNumber: "S", LastCalibrationDate: &at})
	require.NoError(t, err)
	assert.Contains(t, string(b), `"lastCalibrationDate":"2026-03-01T12:00:00.1234567Z"`)
	assert.NotContains(t, string(b), "firstSeenDate", "unset dates are left out")
	var back asset.Asset
	require.NoError(t, json.Unmarshal(b, &back))
	require.NotNil(t, back.LastCalibrationDate)
	assert.True(t, at.Truncate(100*time.Nanosecond).Equal(*back.LastCalibrationDate))
}
