package convkit

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
)

func TestTruncate(t *testing.T) {
	s, cut := Truncate("äöü", 2)
	assert.Equal(t, "äö", s)
	assert.True(t, cut)
	s, cut = Truncate("abc", 3)
	assert.Equal(t, "abc", s)
	assert.False(t, cut)
}

func TestAppendCP1252(t *testing.T) {
	assert.Equal(t, "a€–ÿ\u0081", string(AppendCP1252(nil, []byte{'a', 0x80, 0x96, 0xFF, 0x81})))
	assert.True(t, IsASCII([]byte("plain\t")))
	assert.False(t, IsASCII([]byte{0x80}))
}

func TestParseISO(t *testing.T) {
	cet := time.FixedZone("CET", 3600)
	tests := []struct {
		in      string
		want    time.Time
		hasZone bool
	}{
		{"2019-05-15T14:30:27.058", time.Date(2019, 5, 15, 14, 30, 27, 58e6, cet), false},
		{"2019-05-15T14:30:27", time.Date(2019, 5, 15, 14, 30, 27, 0, cet), false},
		{"2019-05-15T14:30:27.1234567891Z", time.Date(2019, 5, 15, 14, 30, 27, 123456789, time.UTC), true},
		{"2019-05-15 14:30:27+02:00", time.Date(2019, 5, 15, 12, 30, 27, 0, time.UTC), true},
	}
	for _, tt := range tests {
		got, hasZone, err := ParseISO(tt.in, cet)
		require.NoError(t, err, tt.in)
		assert.True(t, tt.want.Equal(got), "%s: %v", tt.in, got)
		assert.Equal(t, tt.hasZone, hasZone, tt.in)
	}
	for _, bad := range []string{"", "2019-05-15", "2019-05-15T14:30:27.", "2019-05-15T14:30:27 CET", "2019-13-15T14:30:27"} {
		_, _, err := ParseISO(bad, cet)
		assert.Error(t, err, bad)
	}
}

func TestNumericAsWritten(t *testing.T) {
	r, err := report.NewUUT("PN", "SN", "A", 10, report.WithOperator("op"),
		report.WithStation(report.Station{Name: "S", Location: "L", Purpose: "P"}))
	require.NoError(t, err)
	st, err := NumericStep(r.Root, "nan", math.NaN(), "V", Limits{Op: report.GELE, Low: 3, High: 1}, report.StepStatus("F"))
	require.NoError(t, err)
	m := st.NumericMeas[0]
	assert.True(t, math.IsNaN(m.Value.Float()))
	assert.Equal(t, [2]float64{3, 1}, [2]float64{m.LowLimit.Float(), m.HighLimit.Float()}, "low above high is kept")
	assert.Equal(t, "GELE", m.CompOp.Value())
	assert.Equal(t, "F", m.Status.Value(), "the single measurement follows the step status")

	multi, err := r.Root.AddMultiNumericStep("multi")
	require.NoError(t, err)
	m, err = NumericMeasurement(multi, "inf", math.Inf(1), "", Limits{Op: report.LT, Low: 2})
	require.NoError(t, err)
	assert.True(t, math.IsInf(m.Value.Float(), 1))
	assert.Equal(t, report.Null, m.HighLimit.State())
	m, err = NumericMeasurement(multi, "ok", 1, "", Limits{Op: report.LT, Low: 2})
	require.NoError(t, err)
	assert.Equal(t, "P", m.Status.Value())
	_, err = NumericMeasurement(multi, "ok", 1, "", Limits{Op: report.LOG})
	assert.Error(t, err, "duplicate names are refused by the builder")
}

func TestDecodeText(t *testing.T) {
	assert.Equal(t, "a°b", string(DecodeText([]byte("\xEF\xBB\xBFa°b"))), "UTF-8 BOM dropped")
	assert.Equal(t, "a°b", string(DecodeText([]byte{0xFF, 0xFE, 'a', 0, 0xB0, 0, 'b', 0})), "UTF-16LE")
	assert.Equal(t, "5 µA °", string(DecodeText([]byte("5 \xb5A \xb0"))), "Windows-1252")
	assert.Equal(t, "plain", string(DecodeText([]byte("plain"))))
}
