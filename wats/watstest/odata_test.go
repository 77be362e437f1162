package watstest

import (
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
