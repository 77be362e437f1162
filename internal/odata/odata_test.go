package odata_test

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/odata"
)

func TestFilterRendering(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	tests := []struct {
		name string
		expr odata.Expr
		want string
	}{
		{"eq string", odata.Eq("serialNumber", "SN-001"), "serialNumber eq 'SN-001'"},
		{"quote doubled", odata.Eq("serialNumber", "O'Brien/#1 %"), "serialNumber eq 'O''Brien/#1 %'"},
		{"two quotes", odata.Eq("serialNumber", "''"), "serialNumber eq ''''''"},
		{"ne int", odata.Ne("processCode", 10), "processCode ne 10"},
		{"gt float", odata.Gt("executionTime", 1.5), "executionTime gt 1.5"},
		{"ge utc time", odata.Ge("start", time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)), "start ge 2026-01-02T03:04:05Z"},
		{"le zoned time keeps offset", odata.Le("start", time.Date(2026, 1, 2, 3, 4, 5, 500000000, cet)), "start le 2026-01-02T03:04:05.5+01:00"},
		{"lt date", odata.Lt("start", odata.Date(time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC))), "start lt 2026-01-02"},
		{"guid lower", odata.Eq("uuid", odata.GUID("5F0C2B8E-3D6A-4C1E-9A57-2B1F0E4D7C31")), "uuid eq 5f0c2b8e-3d6a-4c1e-9a57-2b1f0e4d7c31"},
		{"null", odata.Eq("comment", nil), "comment eq null"},
		{"bool", odata.Eq("flag", true), "flag eq true"},
		{"contains escapes", odata.Contains("serialNumber", "a'b"), "contains(serialNumber,'a''b')"},
		{"startswith", odata.StartsWith("partNumber", "PCBA"), "startswith(partNumber,'PCBA')"},
		{"endswith", odata.EndsWith("partNumber", "-9"), "endswith(partNumber,'-9')"},
		{"and", odata.And(odata.Eq("a", 1), odata.Eq("b", "x")), "(a eq 1) and (b eq 'x')"},
		{"and skips zero", odata.And(odata.Expr{}, odata.Eq("a", 1)), "a eq 1"},
		{"or", odata.Or(odata.Eq("a", 1), odata.Eq("a", 2)), "(a eq 1) or (a eq 2)"},
		{"not", odata.Not(odata.Eq("a", 1)), "not (a eq 1)"},
		{"in", odata.In("result", "Passed", "Failed"), "(result eq 'Passed') or (result eq 'Failed')"},
		{"in empty", odata.In("result"), "false"},
		{"any", odata.Any("subUnits", "s", odata.Eq("s/partNumber", "PSU'9")), "subUnits/any(s: s/partNumber eq 'PSU''9')"},
		{"any empty", odata.Any("subUnits", "s", odata.Expr{}), "subUnits/any()"},
		{"raw", odata.Raw("x eq 1"), "x eq 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.NoError(t, tt.expr.Err())
			assert.Equal(t, tt.want, tt.expr.String())
		})
	}
}

func TestFilterErrors(t *testing.T) {
	tests := []struct {
		name string
		expr odata.Expr
	}{
		{"bad guid", odata.Eq("uuid", odata.GUID("not-a-guid"))},
		{"nan", odata.Eq("x", math.NaN())},
		{"inf", odata.Gt("x", math.Inf(1))},
		{"unsupported", odata.Eq("x", struct{}{})},
		{"error survives and", odata.And(odata.Eq("a", 1), odata.Eq("x", math.NaN()))},
		{"error survives not", odata.Not(odata.Eq("x", math.NaN()))},
		{"bad lambda collection", odata.Any("sub Units", "s", odata.Eq("s/x", 1))},
		{"invalid", odata.Invalid(assert.AnError)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			require.Error(t, tt.expr.Err())
			_, err := odata.Query{Filter: tt.expr}.Values()
			require.Error(t, err)
		})
	}
}

func TestQueryValues(t *testing.T) {
	v, err := odata.Query{
		Filter:  odata.Eq("serialNumber", "S'1"),
		OrderBy: []odata.Order{odata.Desc("start"), odata.Asc("serialNumber")},
		Expand:  []string{"subUnits", "miscInfo"},
		Top:     50,
		Skip:    100,
	}.Values()
	require.NoError(t, err)
	assert.Equal(t, "serialNumber eq 'S''1'", v.Get("$filter"))
	assert.Equal(t, "start desc,serialNumber", v.Get("$orderby"))
	assert.Equal(t, "subUnits,miscInfo", v.Get("$expand"))
	assert.Equal(t, "50", v.Get("$top"))
	assert.Equal(t, "100", v.Get("$skip"))
	// The encoded form keeps the quote and the special characters intact.
	assert.Equal(t, "%24filter=serialNumber+eq+%27S%27%271%27", url1(v.Get("$filter")))

	empty, err := odata.Query{}.Values()
	require.NoError(t, err)
	assert.Empty(t, empty)

	for _, bad := range []odata.Query{
		{Top: -1}, {Skip: -5}, {Expand: []string{"subUnits", " "}}, {OrderBy: []odata.Order{{Field: ""}}},
	} {
		_, err := bad.Values()
		assert.Error(t, err, "%+v", bad)
	}
}

func url1(filter string) string {
	v, _ := odata.Query{Filter: odata.Raw(filter)}.Values()
	return v.Encode()
}

func FuzzLiteralString(f *testing.F) {
	for _, s := range []string{"", "'", "O'Brien/#1 %", "''x''", "ä€"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lit, err := odata.Literal(s)
		require.NoError(t, err)
		require.True(t, len(lit) >= 2 && lit[0] == '\'' && lit[len(lit)-1] == '\'')
		// Undo the escaping: every quote inside must come in pairs.
		inner := lit[1 : len(lit)-1]
		var out []byte
		for i := 0; i < len(inner); i++ {
			if inner[i] == '\'' {
				require.Less(t, i+1, len(inner), "lone quote at end")
				require.Equal(t, byte('\''), inner[i+1], "lone quote")
				i++
			}
			out = append(out, inner[i])
		}
		require.Equal(t, s, string(out))
	})
}
