package i3070

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convtest"
)

// The test files are written for these tests from the Keysight log record
// format document (no i3070 sample ships with the converter repository):
// excerpt.log is the public excerpt quoted in the format survey with its
// closing braces, panel.log a batch of three boards using the document's
// own examples, board-only.log a board logged without a batch.
const (
	fileExcerpt = "excerpt.log"
	filePanel   = "panel.log"
	fileBoard   = "board-only.log"
)

// source is a Source under the expected facts' settings, collecting warnings.
var source = convtest.ExpectedSource

func convertFile(t *testing.T, name string, params convert.Params) []*report.Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	src, _ := source(name, data, params)
	rs, err := New().Convert(context.Background(), src)
	require.NoError(t, err)
	for _, r := range rs {
		require.NoError(t, r.Finalize())
		require.NoError(t, r.Validate())
	}
	return rs
}

func stepNamed(r *report.Report, name string) *report.Step {
	var found *report.Step
	r.Root.Walk(func(s *report.Step) bool {
		if found == nil && s.Name.Value() == name && s.SeqCall == nil {
			found = s
		}
		return true
	})
	return found
}

type numFact struct {
	name             string
	value, low, high float64
	unit, op, status string
}

func checkNum(t *testing.T, m *report.NumericMeas, f numFact) {
	t.Helper()
	assert.InDelta(t, f.value, m.Value.Float(), 1e-12, f.name)
	assert.Equal(t, f.op, m.CompOp.Value(), f.name)
	if f.op == "GELE" {
		assert.InDelta(t, f.low, m.LowLimit.Float(), 1e-12, f.name)
		assert.InDelta(t, f.high, m.HighLimit.Float(), 1e-12, f.name)
	}
	assert.Equal(t, f.unit, m.Unit.Value(), f.name)
	if f.status != "" {
		assert.Equal(t, f.status, m.Status.Value(), f.name)
	}
}

// TestExcerpt checks the facts EXPECTED.md gives for the public excerpt,
// with PN and Rev from UUT type and UUT type rev (Virinco: version label and
// testplan rev).
func TestExcerpt(t *testing.T) {
	rs := convertFile(t, fileExcerpt, nil)
	require.Len(t, rs, 1)
	r := rs[0]
	h := r.Header
	assert.Equal(t, "5016338409302", h.SN.Value())
	assert.Equal(t, "501-6338-02", h.PN.Value())
	assert.Equal(t, "50", h.Rev.Value())
	assert.Equal(t, "P", h.Result.Value())
	assert.Equal(t, "solmb3t1", h.MachineName.Value())
	assert.Equal(t, time.Date(2004, 1, 7, 10, 53, 53, 0, time.UTC), h.Start.Time().UTC())
	assert.InDelta(t, 350, r.UUT.ExecTime.Float(), 1e-9)
	assert.EqualValues(t, 10, h.ProcessCode.Int64())
	assert.Equal(t, "sysoper", r.UUT.User.Value(), "the batch names no operator")
	assert.Equal(t, "501-6338-02", r.Root.Name.Value(), "testplan id")
	assert.Equal(t, "RevA", r.Root.SeqCall.Version.Value(), "testplan rev")
	assert.Equal(t, "12", r.UUT.FixtureID.Value())
	assert.Equal(t, "040107103921", r.UUT.BatchSN.Value())

	pc := stepNamed(r, "polarity_check")
	require.NotNil(t, pc)
	require.Len(t, pc.NumericMeas, 1)
	checkNum(t, pc.NumericMeas[0], numFact{"polarity_check", 3.478301, 0, 8, "Ohm", "GELE", "P"})
	vr1 := stepNamed(r, "vr1")
	require.NotNil(t, vr1)
	require.Len(t, vr1.NumericMeas, 2)
	assert.Equal(t, "in", vr1.NumericMeas[0].Name.Value())
	checkNum(t, vr1.NumericMeas[0], numFact{"in", 12.01013, 10.9091, 13.2, "", "GELE", "P"})
	assert.Equal(t, "out", vr1.NumericMeas[1].Name.Value())
	checkNum(t, vr1.NumericMeas[1], numFact{"out", 3.317988, 3.0, 3.63, "", "GELE", "P"})
	s := convtest.Summarize(r)
	assert.Equal(t, 2, s.ByType["SequenceCall"]-1, "A-JUM and A-MEA sequences")
}

func TestPanel(t *testing.T) {
	rs := convertFile(t, filePanel, nil)
	require.Len(t, rs, 3, "every board of the batch is a report")
	tests := []struct {
		sn, result string
		exec       float64
		steps      int
	}{
		{"99538-135", "F", 43, 9},
		{"99538-136", "P", 20, 1},
		{"99538-137", "T", 5, 0},
	}
	for i, tt := range tests {
		r := rs[i]
		assert.Equal(t, tt.sn, r.Header.SN.Value())
		assert.Equal(t, tt.result, r.Header.Result.Value(), tt.sn)
		assert.InDelta(t, tt.exec, r.UUT.ExecTime.Float(), 1e-9, tt.sn)
		assert.Equal(t, "998457-146", r.Header.PN.Value())
		assert.Equal(t, "B", r.Header.Rev.Value())
		assert.Equal(t, "pete", r.UUT.User.Value())
		assert.Equal(t, "achilles", r.Header.MachineName.Value())
		s := convtest.Summarize(r)
		leaves := s.Steps - s.ByType["SequenceCall"]
		assert.Equal(t, tt.steps, leaves, tt.sn)
	}
	r := rs[0]
	assert.Equal(t, "retest requested\nr12 {high} | retest|me\nU91 failed", r.UUT.Comment.Value(),
		"status qualifier and every report message, literal fields kept whole")
	misc := map[string]string{}
	for _, m := range r.MiscInfos {
		misc[m.Description.Value()] = m.Text.Value()
	}
	assert.Equal(t, "A_panel", misc["Parent panel type"])
	assert.Equal(t, "2", misc["Parent panel rev"])
	assert.NotContains(t, misc, "Version label", "empty")
	assert.Equal(t, "PANEL-7", misc["Parent panel id"])
	assert.Equal(t, "ict", misc["Process step"])
	assert.Equal(t, "6", misc["Test status"])

	ts := stepNamed(r, "shorts")
	require.NotNil(t, ts)
	assert.Equal(t, "F", ts.Status.Value())
	require.Len(t, ts.NumericMeas, 3)
	assert.Equal(t, []float64{2, 1, 1}, []float64{ts.NumericMeas[0].Value.Float(), ts.NumericMeas[1].Value.Float(), ts.NumericMeas[2].Value.Float()})
	assert.Contains(t, ts.ReportText.Value(), "TS-D Node25 1.678850E+00")
	assert.Contains(t, ts.ReportText.Value(), "TS-O Node43 Node14 -1.500000E+00")

	r12 := stepNamed(r, "r12")
	require.NotNil(t, r12)
	assert.Equal(t, "F", r12.Status.Value(), "the tester's status 1")
	checkNum(t, r12.NumericMeas[0], numFact{"r12", 1006.789, 950, 1050, "Ohm", "GELE", "F"})
	c7 := stepNamed(r, "c7")
	require.NotNil(t, c7)
	checkNum(t, c7.NumericMeas[0], numFact{"c7", 1.2467e-8, 1.08e-8, 1.32e-8, "F", "GELE", "P"})
	q3 := stepNamed(r, "q3")
	require.NotNil(t, q3)
	require.Len(t, q3.NumericMeas, 2)
	checkNum(t, q3.NumericMeas[0], numFact{"vbe", 0.65, 0, 0.7, "", "GELE", "P"})
	u18 := stepNamed(r, "U18")
	require.NotNil(t, u18)
	assert.Equal(t, "F", u18.Status.Value())
	assert.Equal(t, "ET_MNLT", u18.StepType.Value())
	assert.Equal(t, "P", stepNamed(r, "u34").Status.Value())
	assert.Equal(t, "F", stepNamed(r, "c34").Status.Value())
	bsc := stepNamed(r, "9c_connect")
	require.NotNil(t, bsc)
	assert.Equal(t, "F", bsc.Status.Value())
	assert.Equal(t, "BS-O 9C 41 9C 58", bsc.ReportText.Value()[len("BS-O 9C 43\n"):])
	pf := stepNamed(r, "PF")
	require.NotNil(t, pf, "a pins test without designator is named by its prefix")
	assert.Equal(t, "P", pf.Status.Value())
}

func TestBoardWithoutBatch(t *testing.T) {
	rs := convertFile(t, fileBoard, convert.Params{ParamPartNumber: "PCB-9", ParamPartRevision: "C", ParamOperator: "ann"})
	require.Len(t, rs, 1)
	r := rs[0]
	assert.Equal(t, "PCB-9", r.Header.PN.Value())
	assert.Equal(t, "C", r.Header.Rev.Value())
	assert.Equal(t, "ann", r.UUT.User.Value())
	assert.Equal(t, "CONV-PC", r.Header.MachineName.Value())
	assert.Equal(t, "SeqName", r.Root.Name.Value())
	r1 := stepNamed(r, "r1")
	require.NotNil(t, r1, "a result outside a block is named by its subtest designator")
	checkNum(t, r1.NumericMeas[0], numFact{"r1", 4700, 4465, 4935, "Ohm", "GELE", "P"})
	f1 := stepNamed(r, "f1")
	require.NotNil(t, f1)
	checkNum(t, f1.NumericMeas[0], numFact{"f1", 0.012, -1, 0, "A", "GELE", "P"})
	assert.True(t, f1.NumericMeas[0].HighLimit.IsSet(), "a high limit of 0 is a real limit")
	assert.Equal(t, "P", r.Header.Result.Value(), "the board status wins over computed limits")

	rs = convertFile(t, fileBoard, convert.Params{ParamNumberFormatMode: "prefix"})
	r1 = stepNamed(rs[0], "r1")
	checkNum(t, r1.NumericMeas[0], numFact{"r1", 4.7, 4.465, 4.935, "kOhm", "GELE", "P"})
	dio := stepNamed(rs[0], "A-DIO")
	require.NotNil(t, dio)
	checkNum(t, dio.NumericMeas[0], numFact{"A-DIO", 680, 500, 800, "mV", "GELE", "P"})
}

func TestBatchClosedBeforeItsBoards(t *testing.T) {
	data := "{@BATCH|PN-X|R1|7|1||ict|B42|ann|tester9|plan|3|||}\n{@BTEST|SN-1|0|240315081500|12|0|all||n|n|240315081512||1\n{@A-RES|0|1.0}}\n"
	src, _ := source("closed.log", []byte(data), nil)
	rs, err := New().Convert(context.Background(), src)
	require.NoError(t, err)
	require.Len(t, rs, 1)
	assert.Equal(t, "PN-X", rs[0].Header.PN.Value())
	assert.Equal(t, "tester9", rs[0].Header.MachineName.Value())
	assert.Equal(t, "ann", rs[0].UUT.User.Value())
}

func TestMalformed(t *testing.T) {
	tests := []struct {
		name, data string
		line       int
	}{
		{"text", "hello", 1},
		{"unclosed", "{@BTEST|1|0|240101000000|1\n{@BLOCK|x|0\n", 2},
		{"stray brace", "{@BTEST|1|0|240101000000|1}\n}", 2},
		{"no prefix", "{@|1}", 1},
		{"bad literal", "{@BTEST|1|0|240101000000|1\n{@RPT~99|short}}", 2},
		{"bad start", "{@BTEST|1|0|20240101|1}", 1},
		{"no serial", "{@BTEST||0|240101000000|1}", 1},
		{"bad value", "{@BTEST|1|0|240101000000|1\n{@BLOCK|x|0\n{@A-RES|0|abc}}}", 3},
		{"bad limits", "{@BTEST|1|0|240101000000|1\n{@A-RES|0|1{@LIM2|x|0}}}", 2},
		{"no board", "{@BATCH|a|b}", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, _ := source("bad.log", []byte(tt.data), nil)
			rs, err := New().Convert(context.Background(), src)
			require.Error(t, err)
			assert.Nil(t, rs)
			var me *convert.MalformedError
			require.True(t, errors.As(err, &me), "%T %v", err, err)
			assert.Equal(t, tt.line, me.Line, me.Error())
			assert.Equal(t, Name, me.Converter)
		})
	}
}

func TestTruncationAndCodePage(t *testing.T) {
	data := []byte("{@BTEST|1|0|240101000000|1\n{@BLOCK|r\xb5|0\n{@A-RES|0|1\x04}\n}")
	src, _ := source("t.log", data, nil)
	rs, err := New().Convert(context.Background(), src)
	require.NoError(t, err)
	require.Len(t, rs, 1)
	require.NoError(t, rs[0].Finalize())
	assert.NotNil(t, stepNamed(rs[0], "rµ"), "Windows-1252 decoded; ASCII 4 ends the truncated record")
}

func TestContextCanceled(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", filePanel))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	src, _ := source(filePanel, data, nil)
	_, err = New().Convert(ctx, src)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestSniff(t *testing.T) {
	c := New()
	for _, f := range []string{fileExcerpt, filePanel, fileBoard} {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		require.NoError(t, err)
		assert.Equal(t, convert.Certain, c.Sniff(data), f)
	}
	assert.Equal(t, convert.Likely, c.Sniff([]byte("{@BLOCK|r1|0\n")))
	assert.Equal(t, convert.No, c.Sniff([]byte(`{"a":1}`)))
	assert.Equal(t, convert.No, c.Sniff([]byte("<xml/>")))
	assert.Equal(t, "i3070", c.Name())
}
