package watstest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMesTimeIsWrittenAsDotNetDoes(t *testing.T) {
	tests := []struct {
		in   time.Time
		want string
	}{
		{time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC), `"2026-03-01T12:00:00Z"`},
		{time.Date(2026, 3, 1, 12, 0, 0, 120000000, time.UTC), `"2026-03-01T12:00:00.12Z"`},
		{time.Date(2026, 3, 1, 12, 0, 0, 123456789, time.UTC), `"2026-03-01T12:00:00.1234567Z"`},
		{time.Date(2026, 3, 1, 13, 0, 0, 0, time.FixedZone("CET", 3600)), `"2026-03-01T12:00:00Z"`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(mesTimeOf(tt.in))
		require.NoError(t, err)
		assert.Equal(t, tt.want, string(b))
	}
	b, err := json.Marshal(mesTimeOf(time.Time{}))
	require.NoError(t, err)
	assert.Equal(t, "null", string(b), "a zero date is null")
}

func TestMesGUID(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"6A1C2F4E-0000-4000-8000-000000000001", "6a1c2f4e-0000-4000-8000-000000000001", true},
		{"{6a1c2f4e-0000-4000-8000-000000000001}", "6a1c2f4e-0000-4000-8000-000000000001", true},
		{"6a1c2f4e00004000800000000000000001", "", false},
		{"6a1c2f4e-0000-4000-8000-00000000000g", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := mesGUID(tt.in)
		assert.Equal(t, tt.ok, ok, tt.in)
		assert.Equal(t, tt.want, got, tt.in)
	}
	g, ok := mesGUID(mesNewGUID())
	assert.True(t, ok, "new GUIDs are lower-case GUIDs")
	assert.Equal(t, strings.ToLower(g), g)
}

// mesGet answers the raw JSON of a GET on e.
func mesGet(t *testing.T, e *Emulator, target string) []byte {
	t.Helper()
	r := httptest.NewRequest(http.MethodGet, target, nil)
	r.Header.Set("Authorization", "Basic "+e.Token())
	w := httptest.NewRecorder()
	e.ServeHTTP(w, r)
	require.Equal(t, http.StatusOK, w.Code, w.Body.String())
	b, err := io.ReadAll(w.Body)
	require.NoError(t, err)
	return b
}

func TestAssetAnswersUseNullNotEmpty(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 987654321, time.UTC)
	e := NewHandler(WithClock(func() time.Time { return now }),
		WithAssetTypes(map[string]any{"typeId": "6a1c2f4e-0000-4000-8000-000000000001", "typeName": "T"}),
		WithAssets(map[string]any{"serialNumber": "S-1", "typeId": "6A1C2F4E-0000-4000-8000-000000000001"}))
	require.NoError(t, e.SeedErr())
	var rows []map[string]any
	require.NoError(t, json.Unmarshal(mesGet(t, e, "/api/Asset"), &rows))
	require.Len(t, rows, 1)
	row := rows[0]
	assert.Len(t, row, 20, "exactly the members of the OData asset model")
	for _, m := range []string{"parentAssetId", "parentSerialNumber", "assetName", "lastCalibrationDate", "xmlData"} {
		v, present := row[m]
		assert.True(t, present, m)
		assert.Nil(t, v, "%s is null, not empty", m)
	}
	assert.Equal(t, "6a1c2f4e-0000-4000-8000-000000000001", row["typeId"], "GUIDs are written lower-case")
	assert.Equal(t, "2026-03-01T12:00:00.9876543Z", row["firstSeenDate"])

	var one map[string]any
	require.NoError(t, json.Unmarshal(mesGet(t, e, "/api/Asset/S-1"), &one))
	assert.Equal(t, []any{}, one["assetChildren"])
	assert.Contains(t, one, "ClientId")
	assert.Contains(t, one, "tags")
}

func TestAssetListsCapAndOrderAsTheServer(t *testing.T) {
	seeds := make([]any, 1001)
	for i := range seeds {
		seeds[i] = map[string]any{"serialNumber": fmt.Sprintf("S-%04d", i), "typeId": "6a1c2f4e-0000-4000-8000-000000000001"}
	}
	clock := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	e := NewHandler(WithClock(func() time.Time { clock = clock.Add(time.Second); return clock }),
		WithAssetTypes(map[string]any{"typeId": "6a1c2f4e-0000-4000-8000-000000000001", "typeName": "Zeta"},
			map[string]any{"typeName": "Alpha"}),
		WithAssets(seeds...))
	require.NoError(t, e.SeedErr())
	tests := []struct {
		target string
		rows   int
	}{
		{"/api/Asset", 1000},
		{"/api/Asset?$top=1001", 1001},
		{"/api/Asset?$top=5&$skip=999", 2},
		{"/api/Asset?$filter=serialNumber%20ne%20'x'", 1000},
		{"/api/Asset/Log?$top=2", 2},
	}
	for _, tt := range tests {
		var rows []map[string]any
		require.NoError(t, json.Unmarshal(mesGet(t, e, tt.target), &rows), tt.target)
		assert.Len(t, rows, tt.rows, tt.target)
	}
	var types []map[string]any
	require.NoError(t, json.Unmarshal(mesGet(t, e, "/api/Asset/Types"), &types))
	require.Len(t, types, 2)
	assert.Equal(t, "Alpha", types[0]["typeName"], "types are ordered by name")
	var log []map[string]any
	require.NoError(t, json.Unmarshal(mesGet(t, e, "/api/Asset/Log?$top=2"), &log))
	assert.Equal(t, "S-1000", log[0]["serialNumber"], "the log is newest first")
	var assets []map[string]any
	require.NoError(t, json.Unmarshal(mesGet(t, e, "/api/Asset?$top=3"), &assets))
	require.Len(t, assets, 3)
	assert.Less(t, assets[0]["assetId"], assets[1]["assetId"], "assets are ordered by assetId")
}
