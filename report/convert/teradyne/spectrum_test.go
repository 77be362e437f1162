package teradyne

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

const fileSpectrum = "sample_ict_data.txt"

func TestSpectrumFixture(t *testing.T) {
	data := readFixture(t, fileSpectrum)
	assert.Equal(t, convert.Likely, NewSpectrum().Sniff(data))
	assert.Equal(t, convert.No, NewGR228x().Sniff(data))
	assert.Equal(t, convert.No, NewSpectrum().Sniff(readFixture(t, fileGR)))
	rs := convertWith(t, NewSpectrum(), fileSpectrum, data)
	require.Len(t, rs, 1)
	r := rs[0]
	assert.Equal(t, "PB3187900", r.Header.PN.Value())
	assert.Equal(t, "1111111111", r.Header.SN.Value())
	assert.Equal(t, "1234567", r.UUT.User.Value())
	assert.Equal(t, "P", r.Header.Result.Value())
	assert.Equal(t, int64(30), r.Header.ProcessCode.Int64())
	assert.True(t, time.Date(2023, 2, 9, 16, 44, 11, 0, time.UTC).Equal(r.Header.Start.Time()))
	assert.Equal(t, 27.0, r.UUT.ExecTime.Float())
	misc := map[string]string{}
	for _, m := range r.MiscInfos {
		misc[m.Description.Value()] = m.Text.Value()
	}
	assert.Equal(t, map[string]string{"File": fileSpectrum, "OrderNumber": "222222222", "CustomerSN": "AAAAAAAAAAA"}, misc)

	var sections []string
	perSection := map[string]int{}
	for _, s := range r.Root.Steps {
		sections = append(sections, s.Name.Value())
		s.Walk(func(x *report.Step) bool {
			if x != s && x.SeqCall == nil {
				perSection[s.Name.Value()]++
			}
			return true
		})
	}
	assert.Equal(t, []string{"Header", "DISCHARGE", "APC", "JUMPERS", "SHORTS", "CAPACITORS", "RESISTORS", "ZENERS", "ANALOG", "Trailer", "DISCHARGE"}, sections)
	// every page, the last one of the file included (the client drops it)
	assert.Equal(t, map[string]int{"JUMPERS": 182, "CAPACITORS": 149, "ZENERS": 72, "DISCHARGE": 56, "RESISTORS": 54, "Header": 3, "APC": 1, "SHORTS": 1, "Trailer": 1}, perSection)
	var numeric, action, nested, failed int
	r.Root.Walk(func(s *report.Step) bool {
		switch {
		case s == r.Root:
		case s.SeqCall != nil:
			if s.Name.Value() != "ANALOG" && len(s.Steps) > 0 && s.Steps[0].SeqCall == nil && !isSection(r, s) {
				nested++
			}
		case len(s.NumericMeas) > 0:
			numeric++
		default:
			action++
		}
		if s.Status.Value() == "F" {
			failed++
		}
		return true
	})
	assert.Equal(t, 457, numeric)
	assert.Equal(t, 62, action)
	assert.Equal(t, 3, nested, "START, SMDA05C[V100], SMDA05C[V101]")
	assert.Equal(t, 0, failed)
	last := r.Root.Steps[10].Steps
	assert.Equal(t, "C145_DSG", last[len(last)-1].Name.Value(), "the file's last step is kept")

	for _, n := range []struct {
		name, unit, op string
		value, low, hi float64
	}{
		{"L3", "O", "LE", 1.4330307, 5, 0},
		{"C1", "nF", "GELE", 4.6900024, 3.64, 5.76},
		{"FU1_IN", "mO", "GELE", 193.4001, 2.24e-6, 250},
		{"SMBJ33A[V6]_REV_V_1", "V", "GELE", 38.324821, 36.7, 40.6},
	} {
		st := find(r.Root, n.name)
		require.NotNil(t, st, n.name)
		m := st.NumericMeas[0]
		assert.Equal(t, n.value, m.Value.Float(), n.name)
		assert.Equal(t, n.unit, m.Unit.Value(), n.name)
		assert.Equal(t, n.op, m.CompOp.Value(), n.name)
		assert.InDelta(t, n.low, m.LowLimit.Float(), 1e-12, n.name)
		if n.op == "GELE" {
			assert.InDelta(t, n.hi, m.HighLimit.Float(), 1e-12, n.name)
		}
	}
	dsg := find(r.Root, "C118_DSG")
	require.NotNil(t, dsg)
	assert.Empty(t, dsg.NumericMeas, "a discharge page has no measured value")
	assert.Equal(t, "P", dsg.Status.Value())
}

func isSection(r *report.Report, s *report.Step) bool {
	for _, x := range r.Root.Steps {
		if x == s {
			return true
		}
	}
	return false
}

func TestSpectrumMalformed(t *testing.T) {
	ok := `(PROGRAM_NAME: "P1")
(SECTION_NAME: "S")
(STEP: (TYPE: RAW) (TIME: 02/09/2023 16:44:11 ) (SNAME: "X") (PAGE: (TYPE: CAP) (PAGE_NAME: "C1") (STAT: FAIL)
 (ANA: (LOLIM: (VAL: 1) (SCALE: n) (UNIT: F)) (MEASVAL: (VAL: 0.5) (SCALE: n) (UNIT: F)))) (STAT: FAIL))
(USER: Serialnumber:S1)
(USER: STATUS: BOARD FAILED)
`
	rs := convertWith(t, NewSpectrum(), "ok.txt", []byte(ok))
	assert.Equal(t, "F", rs[0].Header.Result.Value())
	c1 := find(rs[0].Root, "C1")
	assert.Equal(t, "F", c1.Status.Value())
	assert.Equal(t, "GE", c1.NumericMeas[0].CompOp.Value())
	doc := strings.Replace(strings.Replace(ok, "02/09/2023 16:44:11", "08/06/94 11:42", 1), "(STAT: FAIL)", "(STAT: fail)", 1)
	rs = convertWith(t, NewSpectrum(), "doc.txt", []byte(doc))
	assert.True(t, time.Date(1994, 8, 6, 11, 42, 0, 0, time.UTC).Equal(rs[0].Header.Start.Time()), "the format document's TIME layout")
	assert.Equal(t, "F", find(rs[0].Root, "C1").Status.Value(), "statuses in lower case")
	tests := []struct {
		name, text, want string
		line             int
	}{
		{"unclosed", strings.TrimSuffix(ok, ")\n"), "not closed", 6},
		{"extra )", ok + ")\n", "unbalanced", 7},
		{"bad value", strings.Replace(ok, "(VAL: 0.5)", "(VAL: half)", 1), "not a number", 4},
		{"bad time", strings.Replace(ok, "02/09/2023", "2023-02-09", 1), "TIME", 3},
		{"no sn", strings.Replace(ok, "(USER: Serialnumber:S1)", "", 1), "Serialnumber", 0},
		{"bad scale", strings.Replace(ok, "(SCALE: n) (UNIT: F)))", "(SCALE: q) (UNIT: F)))", 1), "SCALE", 4},
		{"text", "hello", "text outside", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := NewSpectrum().Convert(context.Background(), source("bad.txt", []byte(tt.text)))
			assert.Nil(t, rs)
			var me *convert.MalformedError
			require.True(t, errors.As(err, &me), "%v", err)
			assert.Contains(t, me.Error(), tt.want)
			assert.Equal(t, tt.line, me.Line)
		})
	}
}
