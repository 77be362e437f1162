package teradyne

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

const fileGR = "43420_BIO2.LOG"

func source(name string, data []byte) *convert.Source {
	return &convert.Source{Name: name, Reader: bytes.NewReader(data), Size: int64(len(data)),
		Defaults: convert.Defaults{Location: time.UTC, Station: report.Station{Name: "CONV-PC", Location: "Lab", Purpose: "Test"}}}
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

func convertWith(t *testing.T, c convert.Converter, name string, data []byte) []*report.Report {
	t.Helper()
	rs, err := c.Convert(context.Background(), source(name, data))
	require.NoError(t, err)
	for _, r := range rs {
		require.NoError(t, r.Finalize())
		require.NoError(t, r.Validate())
	}
	return rs
}

func find(root *report.Step, name string) *report.Step {
	var found *report.Step
	root.Walk(func(s *report.Step) bool {
		if found == nil && s != root && s.SeqCall == nil && s.Name.Value() == name {
			found = s
		}
		return found == nil
	})
	return found
}

type kinds struct{ numeric, passFail, failures, sequences int }

func kindsOf(r *report.Report) kinds {
	var k kinds
	r.Root.Walk(func(s *report.Step) bool {
		switch {
		case s == r.Root:
		case s.SeqCall != nil:
			k.sequences++
		case len(s.NumericMeas) > 0:
			k.numeric++
		case len(s.BooleanMeas) > 0:
			k.passFail++
		case len(s.StringMeas) > 0:
			k.failures++
		}
		return true
	})
	return k
}

func TestGR228xFixture(t *testing.T) {
	data := readFixture(t, fileGR)
	assert.Equal(t, convert.Likely, NewGR228x().Sniff(data))
	rs := convertWith(t, NewGR228x(), fileGR, data)
	require.Len(t, rs, 3, "every board of the datalog; the trailing ] line gives nothing")
	want := []struct {
		sn, start, result string
		exec              float64
		k                 kinds
	}{
		{"65428553938829725787", "14:18:51", "T", 2, kinds{failures: 2}},
		{"24422984989544535753", "14:19:32", "F", 17, kinds{numeric: 18, passFail: 8, failures: 1, sequences: 6}},
		{"42842937739687688567", "14:25:12", "P", 16, kinds{numeric: 18, passFail: 13, sequences: 6}},
	}
	for i, r := range rs {
		w := want[i]
		assert.Equal(t, w.sn, r.Header.SN.Value())
		assert.Equal(t, "43420", r.Header.PN.Value())
		assert.Equal(t, "1", r.Header.Rev.Value())
		assert.Equal(t, int64(10), r.Header.ProcessCode.Int64())
		assert.Equal(t, "sysoper", r.UUT.User.Value())
		assert.Equal(t, "CONV-PC", r.Header.MachineName.Value())
		assert.Equal(t, `F:\BOARDS\43420_BIO2_PROGRAM\43420_BIO2.obc`, r.Root.Name.Value())
		start, _ := time.Parse("2006-01-02 15:04:05", "2012-07-31 "+w.start)
		assert.True(t, start.Equal(r.Header.Start.Time()), "board %d start %v", i+1, r.Header.Start.Time())
		assert.Equal(t, w.exec, r.UUT.ExecTime.Float())
		assert.Equal(t, w.result, r.Header.Result.Value(), "board %d", i+1)
		assert.Equal(t, w.k, kindsOf(r), "board %d", i+1)
	}
	f := rs[0].Root.Steps
	require.Len(t, f, 2)
	assert.Equal(t, "CONTACT fixture failure", f[0].Name.Value())
	assert.Equal(t, "300,301,303", f[0].ReportText.Value())
	assert.Equal(t, "90,156,172,176,186,187,189,200,201,202,204,237,238,239,248,254,255,256 +", f[1].ReportText.Value())
	assert.Equal(t, "F", f[0].Status.Value())

	r := rs[1]
	assert.Equal(t, "OPENS test, failed", r.Root.Steps[0].Name.Value())
	assert.Equal(t, "397,398,", r.Root.Steps[0].ReportText.Value())
	var seqs []string
	for _, s := range r.Root.Steps[1:] {
		seqs = append(seqs, s.Name.Value())
	}
	assert.Equal(t, []string{"R-Group1", "C-Group1", "V-Group1", "K-Group1", "D-Group1", "P-Group1"}, seqs)
	for _, n := range []struct {
		name, unit, op string
		value, low, hi float64
	}{
		{"R508(R)", "kOhm", "GELE", 100.20007, 92.919, 105.131},
		{"R402(R)", "MOhm", "GE", 45.131532, 0.5, 0},
		{"C206(CP)", "nF", "GELE", 10.212763, 7.999999, 12.000001},
		{"V230(V)", "mV", "GELE", 520.747483, 474.999994, 954.999983},
		{"K500_RLY1_NO(V)", "V", "GELE", 2.000115, 1.5, 2.5},
		{"R211(R)", "Ohm", "LOG", 10.636159, 0, 0},
	} {
		st := find(r.Root, n.name)
		require.NotNil(t, st, n.name)
		m := st.NumericMeas[0]
		assert.Equal(t, n.value, m.Value.Float(), n.name)
		assert.Equal(t, n.unit, m.Unit.Value(), n.name)
		assert.Equal(t, n.op, m.CompOp.Value(), n.name)
		if n.op != "LOG" {
			assert.InDelta(t, n.low, m.LowLimit.Float(), 1e-12, n.name)
		}
		if n.op == "GELE" {
			assert.InDelta(t, n.hi, m.HighLimit.Float(), 1e-12, n.name)
		}
	}
	assert.Equal(t, "D", find(r.Root, "R211(R)").Status.Value(), "# is a logged value")
	for _, name := range []string{"D103_B1", "PS_OFF(V)"} {
		st := find(r.Root, name)
		require.NotNil(t, st, name)
		require.Len(t, st.BooleanMeas, 1)
		assert.Equal(t, "P", st.Status.Value(), name)
	}
	assert.Nil(t, find(r.Root, "SETCR(IS)"), "source settings are no tests")
	assert.Nil(t, find(r.Root, "V230(IS)"))
}

func TestGR228xRules(t *testing.T) {
	log := "X:\\P\\77_A.obc[01-AUG-12  10:00:00\n@01-AUG-12  10:00:00 SN 1\nWATS_partRevision=B\nWATS_stationName=ICT-7\nTOP_OF_LOOP-C\n" +
		"R1<5.2K(9K,11K)R below\nC2>20U(,10U)CP\nQ3%(,)V\n/01-AUG-12  10:00:30\n"
	rs := convertWith(t, NewGR228x(), "x.LOG", []byte(log))
	r := rs[0]
	assert.Equal(t, "77", r.Header.PN.Value())
	assert.Equal(t, "B", r.Header.Rev.Value())
	assert.Equal(t, "ICT-7", r.Header.MachineName.Value())
	assert.Equal(t, int64(3), r.UUT.TestSocketIndex.Int64())
	r1 := find(r.Root, "R1(R)")
	assert.Equal(t, "F", r1.Status.Value())
	assert.Equal(t, "MEAS R", r1.ErrorMessage.Value())
	assert.Equal(t, "below", r1.ReportText.Value())
	c2 := find(r.Root, "C2(CP)").NumericMeas[0]
	assert.Equal(t, "LE", c2.CompOp.Value())
	assert.Equal(t, 10.0, c2.LowLimit.Float())
	q3 := find(r.Root, "Q3(V)")
	require.Len(t, q3.BooleanMeas, 1)
	assert.Equal(t, "F", q3.Status.Value())
	assert.Equal(t, "F", r.Header.Result.Value())
}

func TestGR228xPanel(t *testing.T) {
	log := "X:\\P\\77_A.obc[01-AUG-12  10:00:00\nTOP_OF_LOOP-B\n@01-AUG-12  10:00:00 SN 1\n(S 1,2,3 +\n4,5\nR1=5K(4K,6K)R\n\"01-AUG-12  10:00:30\n" +
		"board notes\nTOP_OF_LOOP-H\n@01-AUG-12  10:01:00 SN 2\nR1=5K(4K,6K)R\n\"01-AUG-12  10:01:30\n"
	rs := convertWith(t, NewGR228x(), "panel.LOG", []byte(log))
	require.Len(t, rs, 2)
	assert.Equal(t, int64(2), rs[0].UUT.TestSocketIndex.Int64())
	assert.Equal(t, int64(8), rs[1].UUT.TestSocketIndex.Int64())
	assert.Equal(t, "1,2,3 4,5", rs[0].Root.Steps[0].ReportText.Value(), "a node list continued on the next line")
	assert.Equal(t, "SHORTS test, failed", rs[0].Root.Steps[0].Name.Value())
}

func TestGR228xMalformed(t *testing.T) {
	base := "X:\\P\\77_A.obc[01-AUG-12  10:00:00\n@01-AUG-12  10:00:00 SN 1\nR1=5K(4K,6K)R\n\"01-AUG-12  10:00:30\n"
	tests := []struct {
		name, text, want string
		line             int
	}{
		{"no event", strings.Replace(base, "\"01-AUG-12  10:00:30\n", "", 1), "no result event", 2},
		{"bad time", strings.Replace(base, "@01-AUG-12", "@01-XYZ-12", 1), "start time", 2},
		{"bad value", strings.Replace(base, "5K(", "5Q(", 1), "not a number", 3},
		{"bad limits", strings.Replace(base, "(4K,6K)", "(4K;6K)", 1), "not (low,high)", 3},
		{"no sn", strings.Replace(base, " SN 1", "", 1), "no SN", 2},
		{"garbage", "hello\n", "not a GR228x datalog", 1},
		{"nested", strings.Replace(base, "R1=", "@01-AUG-12  10:00:01 SN 2\nR1=", 1), "starts before", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := NewGR228x().Convert(context.Background(), source("bad.LOG", []byte(tt.text)))
			assert.Nil(t, rs)
			var me *convert.MalformedError
			require.True(t, errors.As(err, &me), "%v", err)
			assert.Contains(t, me.Error(), tt.want)
			assert.Equal(t, tt.line, me.Line)
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := NewGR228x().Convert(ctx, source("x", []byte(base)))
	assert.ErrorIs(t, err, context.Canceled)
}
