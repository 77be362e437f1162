package report_test

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/watsgo/sdk/report"
)

func TestNumericOperatorsAtInsideAndOutsideLimits(t *testing.T) {
	const lo, hi = 10.0, 20.0
	below := func(x float64) float64 { return math.Nextafter(x, math.Inf(-1)) }
	above := func(x float64) float64 { return math.Nextafter(x, math.Inf(1)) }
	// Positions: just below L, at L, just above L, middle, just below H, at H, just above H.
	values := []float64{below(lo), lo, above(lo), 15, below(hi), hi, above(hi)}
	const T, F = true, false
	dual := map[report.CompOp][7]bool{
		report.GTLT: {F, F, T, T, T, F, F},
		report.GTLE: {F, F, T, T, T, T, F},
		report.GELT: {F, T, T, T, T, F, F},
		report.GELE: {F, T, T, T, T, T, F},
		report.LTGT: {T, F, F, F, F, F, T},
		report.LTGE: {T, F, F, F, F, T, T},
		report.LEGT: {T, T, F, F, F, F, T},
		report.LEGE: {T, T, F, F, F, T, T},
		report.LOG:  {T, T, T, T, T, T, T},
	}
	for op, want := range dual {
		for i, v := range values {
			assert.Equal(t, want[i], op.EvalNumeric(v, lo, hi), "%s v=%v", op, v)
		}
	}
	// Single-limit operators use the low limit only; the high limit is noise.
	single := map[report.CompOp][3]bool{
		report.EQ: {F, T, F},
		report.NE: {T, F, T},
		report.GT: {F, F, T},
		report.GE: {F, T, T},
		report.LT: {T, F, F},
		report.LE: {T, T, F},
	}
	for op, want := range single {
		for i, v := range []float64{below(lo), lo, above(lo)} {
			assert.Equal(t, want[i], op.EvalNumeric(v, lo, math.NaN()), "%s v=%v", op, v)
		}
	}
	assert.Len(t, dual, 9)
	assert.Len(t, single, 6)
}

func TestNaNFailsEveryOperatorButNEAndLOG(t *testing.T) {
	ops := []report.CompOp{report.EQ, report.GT, report.GE, report.LT, report.LE, report.GTLT, report.GTLE, report.GELT, report.GELE}
	for _, op := range ops {
		assert.False(t, op.EvalNumeric(math.NaN(), 0, 1), op)
		assert.False(t, op.EvalNumeric(0.5, math.NaN(), 1), op)
	}
	assert.True(t, report.NE.EvalNumeric(math.NaN(), 0, 0))
	assert.True(t, report.LOG.EvalNumeric(math.NaN(), 0, 0))
	// Outside-range operators are or-combinations: NaN fails both halves.
	assert.False(t, report.LTGT.EvalNumeric(math.NaN(), 0, 1))
}

func TestStringOperators(t *testing.T) {
	tests := []struct {
		op   report.CompOp
		v, l string
		want bool
	}{
		{report.LOG, "anything", "", true},
		{report.CaseSensitive, "Abc", "Abc", true},
		{report.CaseSensitive, "abc", "Abc", false},
		{report.IgnoreCase, "abc", "ABC", true},
		{report.IgnoreCase, "abd", "ABC", false},
		{report.EQ, "x", "x", true},
		{report.EQ, "x", "X", false},
		{report.NE, "x", "y", true},
		{report.NE, "x", "x", false},
		{report.GT, "b", "a", true},
		{report.GE, "a", "a", true},
		{report.LT, "a", "b", true},
		{report.LE, "b", "a", false},
		{report.GTLT, "a", "a", false}, // not a string operator
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, tc.op.EvalString(tc.v, tc.l), "%s %q %q", tc.op, tc.v, tc.l)
	}
}

func TestParseCompOpSpellings(t *testing.T) {
	tests := []struct {
		in   string
		want report.CompOp
		ok   bool
	}{
		{"GELE", report.GELE, true},
		{"gele", report.GELE, true},
		{"IgnoreCase", report.IgnoreCase, true},
		{"CaseSensit", report.CaseSensitive, true},
		{"Equal", report.EQ, true},
		{"LOG DATA", report.LOG, true},
		{"log", report.LOG, true},
		{"EQT", "EQT", false},
		{"", "", false},
	}
	for _, tc := range tests {
		got, ok := report.ParseCompOp(tc.in)
		assert.Equal(t, tc.ok, ok, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
	}
	assert.Equal(t, 0, report.LOG.Limits())
	assert.Equal(t, 1, report.LT.Limits())
	assert.Equal(t, 2, report.LEGE.Limits())
	assert.Equal(t, -1, report.IgnoreCase.Limits())
	assert.True(t, report.IgnoreCase.IsString())
	assert.False(t, report.GELE.IsString())
}

func TestMeasurementEvaluate(t *testing.T) {
	m := &report.NumericMeas{CompOp: report.StrOf("LT"), Value: report.NumOf(500), LowLimit: report.NumOf(501), HighLimit: report.NullNum()}
	st, ok := m.Evaluate()
	assert.True(t, ok)
	assert.Equal(t, "P", st)
	m.LowLimit = report.NullNum()
	_, ok = m.Evaluate()
	assert.False(t, ok, "missing limit cannot be evaluated")
	m.CompOp = report.StrOf("weird")
	_, ok = m.Evaluate()
	assert.False(t, ok)

	s := &report.StringMeas{CompOp: report.StrOf("IgnoreCase"), Value: report.StrOf("v1"), Limit: report.StrOf("V1")}
	st, ok = s.Evaluate()
	assert.True(t, ok)
	assert.Equal(t, "P", st)
	s.Limit = report.NullStr()
	_, ok = s.Evaluate()
	assert.False(t, ok)
}
