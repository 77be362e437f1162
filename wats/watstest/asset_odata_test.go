package watstest

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPaFilterEvaluator(t *testing.T) {
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
			e, err := paParseFilter(tt.filter)
			require.NoError(t, err)
			got, err := e.eval(row)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	for _, bad := range []string{"state eq", "state eq 'x", "(state eq 1", "length(serialNumber) eq 3", "state eq 1 junk", "state eq $x"} {
		_, err := paParseFilter(bad)
		assert.Error(t, err, bad)
	}
}

func TestPaApplyOData(t *testing.T) {
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
			out, ok := paApplyOData(w, r, append([]map[string]any(nil), rows...), tt.skip, tt.ord)
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

func FuzzPaParseFilter(f *testing.F) {
	for _, s := range []string{"a eq 'b'", "not (x gt 1) or contains(y,'z')", "((", "'''", "a eq 2026-01-01T00:00:00Z"} {
		f.Add(s)
	}
	row := map[string]any{"a": "b", "x": float64(1)}
	f.Fuzz(func(t *testing.T, s string) {
		e, err := paParseFilter(s)
		if err != nil {
			return
		}
		_, _ = e.eval(row) // must not panic
	})
}
