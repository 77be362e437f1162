package wstf

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convtest"
)

const fixture = "WatsStandardTextFormat.txt"

// resolver knows the processes EXPECTED.md assumes.
type resolver struct{}

func (resolver) TestOperationCode(_ context.Context, name string) (int, error) {
	if name == "SW Debug" {
		return 10, nil
	}
	return 0, fmt.Errorf("no test operation %q", name)
}

func (resolver) RepairOperationCode(_ context.Context, name string) (int, error) {
	if name == "Repair" {
		return 500, nil
	}
	return 0, fmt.Errorf("no repair operation %q", name)
}

func source(data []byte, warns *[]string) *convert.Source {
	return &convert.Source{
		Name:   "test.txt",
		Reader: strings.NewReader(string(data)),
		Size:   int64(len(data)),
		Defaults: convert.Defaults{
			Location: time.UTC,
			Station:  report.Station{Name: "CONV-PC", Location: "Lab", Purpose: "Test"},
		},
		Processes: resolver{},
		Warn:      func(m string) { *warns = append(*warns, m) },
	}
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// convertText converts data and finalizes and validates every report.
func convertText(t *testing.T, data []byte) ([]*report.Report, []string) {
	t.Helper()
	var warns []string
	rs, err := New().Convert(context.Background(), source(data, &warns))
	require.NoError(t, err)
	for _, r := range rs {
		require.NoError(t, r.Finalize())
		require.NoError(t, r.Validate())
	}
	return rs, warns
}

func jsonOf(t *testing.T, v interface{ MarshalJSON() ([]byte, error) }) string {
	t.Helper()
	b, err := v.MarshalJSON()
	require.NoError(t, err)
	return string(b)
}

func TestConvertFixture(t *testing.T) {
	data := readFixture(t, fixture)
	assert.Equal(t, convert.Likely, New().Sniff(data))
	rs, warns := convertText(t, data)
	assert.Empty(t, warns, "-- UUT-End-- (with a space) is accepted without warning")
	require.Len(t, rs, 1)
	r := rs[0]
	h := r.Header
	assert.Equal(t, "423664753", h.SN.Value())
	assert.Equal(t, "100200", h.PN.Value())
	assert.Equal(t, "A", h.Rev.Value())
	assert.EqualValues(t, 10, h.ProcessCode.Int64())
	assert.Equal(t, "F", h.Result.Value())
	assert.Equal(t, "VIC-WS-ML", h.MachineName.Value())
	assert.Equal(t, "Lab", h.Location.Value())
	assert.Equal(t, "Test", h.Purpose.Value())
	assert.Equal(t, "Martin Lentz", r.UUT.User.Value())
	assert.Equal(t, "B888", r.UUT.BatchSN.Value())
	assert.Equal(t, "543A", r.UUT.FixtureID.Value())
	assert.Equal(t, 10.0, r.UUT.ExecTime.Float())
	assert.Equal(t, report.Set, r.UUT.ErrorCode.State())
	assert.EqualValues(t, 0, r.UUT.ErrorCode.Int64())
	assert.Equal(t, report.Set, r.UUT.ErrorMessage.State())
	assert.Equal(t, "", r.UUT.ErrorMessage.Value())
	c := r.UUT.Comment.Value()
	assert.Len(t, []rune(c), 356)
	assert.True(t, strings.HasPrefix(c, "This is a comment to this UUT."))
	assert.Contains(t, c, `\r\n`)
	assert.Equal(t, `"2014-07-04T12:09:04+00:00"`, jsonOf(t, h.Start))
	wire, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Contains(t, string(wire), `"startUTC":"2014-07-04T12:09:04Z"`)

	require.Len(t, r.MiscInfos, 1)
	assert.Equal(t, "uCSwVer", r.MiscInfos[0].Description.Value())
	assert.Equal(t, "1.0", r.MiscInfos[0].Text.Value())

	require.Len(t, r.SubUnits, 2)
	for i, want := range [][4]string{{"Main board", "Partno 1", "SN 6654433", "Rev 1"}, {"Controller Card", "Partno 2", "SN 5555", "Rev B"}} {
		su := r.SubUnits[i]
		assert.Equal(t, want, [4]string{su.PartType.Value(), su.PN.Value(), su.SN.Value(), su.Rev.Value()})
	}

	s := convtest.Summarize(r)
	assert.Equal(t, 13, s.Steps)
	assert.Equal(t, 15, s.Measurements)
	assert.Equal(t, map[string]int{"P": 8, "F": 4, "D": 1}, s.ByStatus)

	root := s.ByID[1]
	assert.Equal(t, "MainSequence Callback", root.Name.Value())
	assert.Equal(t, "F", root.Status.Value())
	assert.Equal(t, `c:\test.seq`, root.SeqCall.Path.Value())
	assert.Equal(t, "MainSequence Callback", root.SeqCall.Name.Value())
	assert.Equal(t, "1.0.0.0", root.SeqCall.Version.Value())

	sub1 := s.ByID[2]
	assert.Equal(t, "SubSeq1", sub1.Name.Value())
	assert.Equal(t, "P", sub1.Status.Value())
	assert.Equal(t, 10.0, sub1.TotTime.Float())
	assert.Equal(t, "This is a seq call report text", sub1.ReportText.Value())
	assert.Equal(t, `c:\test.seq`, sub1.SeqCall.Path.Value())
	require.Len(t, sub1.Steps, 2)

	t11 := s.ByID[3]
	assert.Equal(t, "test1.1", t11.Name.Value())
	assert.Equal(t, "ET_NLT", t11.StepType.Value())
	assert.Equal(t, "P", t11.Status.Value())
	assert.Equal(t, 5.0, t11.TotTime.Float())
	assert.Equal(t, "This is a test step report text", t11.ReportText.Value())
	m := t11.NumericMeas[0]
	assert.Equal(t, "GELE", m.CompOp.Value())
	assert.Equal(t, [3]float64{7, 7, 10}, [3]float64{m.Value.Float(), m.LowLimit.Float(), m.HighLimit.Float()})
	assert.Equal(t, "Volt", m.Unit.Value())
	assert.Equal(t, "P", m.Status.Value())
	assert.Equal(t, "test1.2", s.ByID[4].Name.Value())
	assert.Equal(t, 8.0, s.ByID[4].NumericMeas[0].Value.Float())

	assert.Equal(t, "SubSeq2", s.ByID[5].Name.Value())
	assert.Equal(t, "P", s.ByID[5].Status.Value())
	t22 := s.ByID[6]
	assert.Equal(t, "test2.2", t22.Name.Value())
	assert.Equal(t, "ET_MNLT", t22.StepType.Value())
	require.Len(t, t22.NumericMeas, 2)
	for i, want := range []float64{9, 10} {
		m := t22.NumericMeas[i]
		assert.Equal(t, fmt.Sprintf("meas%d", i+1), m.Name.Value())
		assert.Equal(t, want, m.Value.Float())
		assert.Equal(t, "GELE", m.CompOp.Value())
		assert.Equal(t, [2]float64{7, 10}, [2]float64{m.LowLimit.Float(), m.HighLimit.Float()})
		assert.Equal(t, "P", m.Status.Value())
	}

	t3 := s.ByID[7]
	assert.Equal(t, "Test3", t3.Name.Value())
	assert.Equal(t, "ET_MNLT", t3.StepType.Value())
	assert.Equal(t, "F", t3.Status.Value())
	assert.True(t, t3.CausedSeqFailure.Value())
	assert.Equal(t, 1.0, t3.TotTime.Float())
	require.Len(t, t3.NumericMeas, 3)
	for i, want := range []struct {
		lim, val float64
		st       string
	}{{10, 8, "F"}, {5, 6, "F"}, {10, 10, "P"}} {
		m := t3.NumericMeas[i]
		assert.Equal(t, fmt.Sprintf("meas%d", i+1), m.Name.Value())
		assert.Equal(t, "EQ", m.CompOp.Value())
		assert.Equal(t, want.lim, m.LowLimit.Float())
		assert.Equal(t, report.Null, m.HighLimit.State())
		assert.Equal(t, want.val, m.Value.Float())
		assert.Equal(t, want.st, m.Status.Value())
	}

	t4 := s.ByID[8]
	assert.Equal(t, "test4", t4.Name.Value())
	assert.Equal(t, "ET_PFT", t4.StepType.Value())
	assert.Equal(t, "P", t4.Status.Value())
	t5 := s.ByID[9]
	assert.Equal(t, "test5", t5.Name.Value())
	assert.Equal(t, "ET_MPFT", t5.StepType.Value())
	assert.Equal(t, "F", t5.Status.Value())
	require.Len(t, t5.BooleanMeas, 4)
	for i, want := range []string{"F", "P", "P", "F"} {
		assert.Equal(t, fmt.Sprintf("meas%d", i+1), t5.BooleanMeas[i].Name.Value())
		assert.Equal(t, want, t5.BooleanMeas[i].Status.Value())
	}

	t6 := s.ByID[10]
	assert.Equal(t, "Test6", t6.Name.Value())
	assert.Equal(t, "ET_SVT", t6.StepType.Value())
	assert.Equal(t, "F", t6.Status.Value())
	require.Len(t, t6.StringMeas, 1)
	sm := t6.StringMeas[0]
	assert.Equal(t, "EQ", sm.CompOp.Value())
	assert.Equal(t, "The quick brown fox jump over lazy dogs", sm.Value.Value())
	assert.Equal(t, "the quick brown fox jump over lazy dogs", sm.Limit.Value())
	assert.Equal(t, "F", sm.Status.Value())

	act := s.ByID[11]
	assert.Equal(t, "Action", act.Name.Value())
	assert.Equal(t, "Action", act.StepType.Value())
	assert.Equal(t, "D", act.Status.Value())
	assert.Equal(t, 5.0, act.TotTime.Float())

	sub3 := s.ByID[12]
	assert.Equal(t, "SubSeq3", sub3.Name.Value())
	assert.Equal(t, "P", sub3.Status.Value())
	assert.Equal(t, 20.0, sub3.TotTime.Float())
	same := s.ByID[13]
	assert.Equal(t, "SameStepName", same.Name.Value())
	assert.Equal(t, "ET_MNLT", same.StepType.Value())
	require.Len(t, same.NumericMeas, 2)
	assert.Equal(t, 7.0, same.NumericMeas[0].Value.Float())
	assert.Equal(t, 8.0, same.NumericMeas[1].Value.Float())

	for id := int64(2); id <= 13; id++ {
		st := s.ByID[id]
		assert.Equal(t, report.Set, st.ErrorCode.State(), "step %d errorCode", id)
		assert.EqualValues(t, 0, st.ErrorCode.Int64())
	}
}

func TestSniffWorkbookIsUnknown(t *testing.T) {
	assert.Equal(t, convert.No, New().Sniff(readFixture(t, "WatsStandardTextFormat.xlsx")))
}

func TestMalformedNamesLine(t *testing.T) {
	data := string(readFixture(t, fixture))
	bad := strings.Replace(data, "GELE", "GELX", 1)
	var warns []string
	_, err := New().Convert(context.Background(), source([]byte(bad), &warns))
	var me *convert.MalformedError
	require.True(t, errors.As(err, &me), "%v", err)
	assert.Equal(t, 24, me.Line)
	assert.ErrorIs(t, err, convert.ErrMalformed)
}
