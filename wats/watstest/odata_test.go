package watstest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func testRows() []map[string]any {
	t0 := time.Date(2026, 1, 2, 10, 0, 0, 0, time.UTC)
	return []map[string]any{
		{"uuid": "aaaaaaaa-0000-4000-8000-000000000001", "serialNumber": "O'Brien", "partNumber": "PCBA", "processCode": 10.0, "start": t0, "result": "Passed", "comment": nil,
			"subUnits": []map[string]any{{"partNumber": "PSU", "serialNumber": "P1"}}},
		{"uuid": "aaaaaaaa-0000-4000-8000-000000000002", "serialNumber": "SN-2", "partNumber": "PCBA", "processCode": 20.0, "start": t0.Add(time.Hour), "result": "Failed", "comment": "hot",
			"subUnits": []map[string]any{}},
		{"uuid": "aaaaaaaa-0000-4000-8000-000000000003", "serialNumber": "SN-3", "partNumber": "CABLE", "processCode": 10.0, "start": t0.Add(2 * time.Hour), "result": "Passed", "comment": nil},
	}
}

func TestODataFilterEngine(t *testing.T) {
	tests := []struct {
		filter string
		want   []int // 1-based row numbers
	}{
		{"serialNumber eq 'O''Brien'", []int{1}},
		{"serialNumber ne 'O''Brien'", []int{2, 3}},
		{"processCode gt 10", []int{2}},
		{"processCode ge 10 and processCode le 10", []int{1, 3}},
		{"processCode lt 10.5", []int{1, 3}},
		{"processCode eq '20'", []int{2}},
		{"start ge 2026-01-02T11:00:00Z", []int{2, 3}},
		{"start lt 2026-01-02T11:30:00+01:00", []int{1}},
		{"start gt 2026-01-02T10:30:00", []int{2, 3}},
		{"start ge datetime'2026-01-02T12:00:00'", []int{3}},
		{"start ge 2026-01-03", nil},
		{"contains(serialNumber,'N-')", []int{2, 3}},
		{"startswith(partNumber, 'PC') and endswith(serialNumber,'2')", []int{2}},
		{"not (result eq 'Passed')", []int{2}},
		{"not result eq 'Passed'", []int{2}},
		{"(result eq 'Failed') or (partNumber eq 'CABLE')", []int{2, 3}},
		{"result eq 'Passed' and partNumber eq 'PCBA' or serialNumber eq 'SN-2'", []int{1, 2}},
		{"result eq 'Passed' and (partNumber eq 'CABLE' or serialNumber eq 'SN-2')", []int{3}},
		{"comment eq null", []int{1, 3}},
		{"comment ne null", []int{2}},
		{"uuid eq AAAAAAAA-0000-4000-8000-000000000002", []int{2}},
		{"uuid eq guid'aaaaaaaa-0000-4000-8000-000000000003'", []int{3}},
		{"subUnits/any(s: s/partNumber eq 'PSU')", []int{1}},
		{"subUnits/any()", []int{1}},
		{"not subUnits/any(x: startswith(x/serialNumber,'P'))", []int{2, 3}},
		{"false", nil},
		{"true", []int{1, 2, 3}},
		{"  ", []int{1, 2, 3}},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			f, err := parseODataFilter(tt.filter, headerSchema)
			require.NoError(t, err)
			var got []int
			for i, row := range testRows() {
				ok, err := f.match(row)
				require.NoError(t, err)
				if ok {
					got = append(got, i+1)
				}
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestODataFilterErrors(t *testing.T) {
	parseErrors := []string{
		"serialNumber eq",
		"serialNumber eq 'open",
		"(serialNumber eq 'x'",
		"serialNumber eq 'x')",
		"nosuch eq 1",
		"subUnits/any(s: s/nosuch eq 1)",
		"subUnits/all(s: s/partNumber eq 'x')",
		"partNumber/any(s: s/x eq 1)",
		"serialNumber eq 'x' and",
		"serialNumber eq 'x' xor serialNumber eq 'y'",
		"serialNumber eq #",
		"contains(serialNumber 'x')",
	}
	for _, f := range parseErrors {
		_, err := parseODataFilter(f, headerSchema)
		assert.Error(t, err, f)
	}
	evalErrors := []string{"serialNumber gt 5", "processCode eq true", "contains(processCode,'1')", "serialNumber"}
	for _, f := range evalErrors {
		flt, err := parseODataFilter(f, headerSchema)
		require.NoError(t, err, f)
		_, err = flt.match(testRows()[0])
		assert.Error(t, err, f)
	}
}

func TestODataOrderBy(t *testing.T) {
	rows := testRows()
	keys, err := parseODataOrderBy("partNumber desc, start", headerSchema)
	require.NoError(t, err)
	sortRows(rows, keys)
	var got []string
	for _, r := range rows {
		got = append(got, r["serialNumber"].(string))
	}
	assert.Equal(t, []string{"O'Brien", "SN-2", "SN-3"}, got)

	keys, err = parseODataOrderBy("comment asc,processCode desc", headerSchema)
	require.NoError(t, err)
	sortRows(rows, keys)
	got = got[:0]
	for _, r := range rows {
		got = append(got, r["serialNumber"].(string))
	}
	assert.Equal(t, []string{"O'Brien", "SN-3", "SN-2"}, got, "nulls first, ties keep order")

	for _, bad := range []string{"nosuch", "start sideways", "start desc extra", ","} {
		_, err := parseODataOrderBy(bad, headerSchema)
		assert.Error(t, err, bad)
	}
}

func FuzzODataFilter(f *testing.F) {
	for _, s := range []string{"serialNumber eq 'x'", "not (a eq 1)", "subUnits/any(s: s/partNumber eq 'P')", "start ge 2026-01-02T00:00:00Z"} {
		f.Add(s)
	}
	rows := testRows()
	f.Fuzz(func(t *testing.T, s string) {
		flt, err := parseODataFilter(s, headerSchema)
		if err != nil {
			return
		}
		for _, r := range rows {
			_, _ = flt.match(r) // must not panic
		}
	})
}

// The open dialect, as the asset routes use it.

func TestODataOpenFilter(t *testing.T) {
	row := map[string]any{
		"serialNumber": "O'Brien/1", "state": float64(3), "typeId": "6A1C2F4E-0000-4000-8000-000000000001",
		"lastCalibrationDate": "2026-03-01T12:00:00Z", "parentAssetId": nil, "isReadonly": false,
	}
	tests := []struct {
		filter string
		want   bool
	}{
		{"serialNumber eq 'O''Brien/1'", true},
		{"SerialNumber eq 'O''Brien/1'", true},
		{"serialNumber ne 'x'", true},
		{"state eq 3", true},
		{"state gt 3", false},
		{"state ge 3 and state le 3", true},
		{"(state eq 1) or (state eq 3)", true},
		{"not (state eq 3)", false},
		{"typeId eq 6a1c2f4e-0000-4000-8000-000000000001", true},
		{"lastCalibrationDate lt 2026-03-02T00:00:00Z", true},
		{"lastCalibrationDate gt 2026-03-01T13:00:00+02:00", true},
		{"parentAssetId eq null", true},
		{"isReadonly eq false", true},
		{"contains(serialNumber,'Brien')", true},
		{"startswith(serialNumber,'O''B') and endswith(serialNumber,'/1')", true},
		{"missingField eq 'x'", false},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			e, err := parseODataFilter(tt.filter, assetSchema)
			require.NoError(t, err)
			got, err := e.match(row)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	for _, bad := range []string{"state eq", "state eq 'x", "(state eq 1", "length(serialNumber) eq 3", "state eq 1 junk", "state eq $x"} {
		_, err := parseODataFilter(bad, assetSchema)
		assert.Error(t, err, bad)
	}
}

func TestODataListOpen(t *testing.T) {
	rows := []map[string]any{{"n": float64(3)}, {"n": float64(1)}, {"n": float64(2)}, {"n": float64(5)}}
	tests := []struct {
		query     string
		skip, ord bool
		want      []float64
		status    int
	}{
		{"$orderby=n", true, true, []float64{1, 2, 3, 5}, 0},
		{"$orderby=n desc&$top=2", true, true, []float64{5, 3}, 0},
		{"$orderby=n&$skip=3&$top=2", true, true, []float64{5}, 0},
		{"$filter=n gt 1&$skip=1", false, false, []float64{3, 2, 5}, 0}, // $skip ignored where not honoured
		{"$skip=9", true, true, []float64{}, 0},
		{"$top=-1", true, true, nil, http.StatusBadRequest},
		{"$orderby=n sideways", true, true, nil, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			q, err := url.ParseQuery(tt.query)
			require.NoError(t, err)
			r := httptest.NewRequest(http.MethodGet, "/x?"+q.Encode(), nil)
			w := httptest.NewRecorder()
			schema := &odataSchema{open: true, ignoreSkip: !tt.skip, ignoreOrderBy: !tt.ord}
			out, ok := odataList(w, r, append([]map[string]any(nil), rows...), schema)
			if tt.status != 0 {
				assert.False(t, ok)
				assert.Equal(t, tt.status, w.Code)
				return
			}
			require.True(t, ok)
			got := []float64{}
			for _, o := range out {
				got = append(got, o["n"].(float64))
			}
			assert.Equal(t, tt.want, got)
		})
	}
}

func FuzzODataOpenFilter(f *testing.F) {
	for _, s := range []string{"a eq 'b'", "not (x gt 1) or contains(y,'z')", "((", "'''", "a eq 2026-01-01T00:00:00Z"} {
		f.Add(s)
	}
	row := map[string]any{"a": "b", "x": float64(1)}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := parseODataFilter(s, assetSchema)
		if err != nil {
			return
		}
		_, _ = e.match(row) // must not panic
	})
}

func TestODataOpenDialect(t *testing.T) {
	row := map[string]any{
		"serialNumber": "O'Brien/1", "state": float64(3), "lastCalibrationDate": "2026-03-01T12:00:00Z", "parentAssetId": nil,
	}
	tests := []struct {
		filter string
		want   bool
	}{
		{"state EQ 3 AND Contains(serialNumber,'O')", true},
		{"NOT (state eq 2)", true},
		{"serialNumber eq 3", false}, // no string-to-number conversion, and no error
		{"serialNumber ne 3", true},
		{"state gt 'x'", false},
		{"state eq TRUE", false},
		{"lastCalibrationDate eq 2026-03-01T14:00:00+02:00", true},
		{"lastCalibrationDate ge datetime'2026-03-01T12:00:00'", true},
		{"contains(parentAssetId,'')", true},
		{"startswith(state,'3')", false},
	}
	for _, tt := range tests {
		t.Run(tt.filter, func(t *testing.T) {
			e, err := parseODataFilter(tt.filter, assetSchema)
			require.NoError(t, err)
			got, err := e.match(row)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}

	rows := []map[string]any{{"T": "2026-03-01T12:00:00.5Z"}, {"t": nil}, {"t": "2026-03-01T12:00:00Z"}}
	r := httptest.NewRequest(http.MethodGet, "/x?"+url.Values{"$orderby": {"t"}, "$top": {"0"}}.Encode(), nil)
	out, ok := odataList(httptest.NewRecorder(), r, rows, assetSchema)
	require.True(t, ok)
	require.Len(t, out, 3, "$top=0 is no limit")
	assert.Equal(t, []any{nil, "2026-03-01T12:00:00Z", "2026-03-01T12:00:00.5Z"},
		[]any{lookupOpen(out[0], "t"), lookupOpen(out[1], "t"), lookupOpen(out[2], "t")}, "case-insensitive keys, null first, date-times chronologically")
}
