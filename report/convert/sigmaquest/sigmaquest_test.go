package sigmaquest

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

const fileSN651658 = "testdata_SN651658.xml"

// source is a Source under the expected facts' settings, collecting warnings.
var source = convtest.ExpectedSource

func convertData(t *testing.T, name string, data []byte) *report.Report {
	t.Helper()
	src, _ := source(name, data, nil)
	rs, err := New().Convert(context.Background(), src)
	require.NoError(t, err)
	require.Len(t, rs, 1)
	require.NoError(t, rs[0].Finalize())
	require.NoError(t, rs[0].Validate())
	return rs[0]
}

func find(r *report.Report, seq, name string) *report.Step {
	var in *report.Step
	for _, s := range r.Root.Steps {
		if s.Name.Value() == seq {
			in = s
		}
	}
	if in == nil {
		return nil
	}
	for _, s := range in.Steps {
		if s.Name.Value() == name {
			return s
		}
	}
	return nil
}

func TestSampleSN651658(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", fileSN651658))
	require.NoError(t, err)
	r := convertData(t, fileSN651658, data)
	h := r.Header
	assert.Equal(t, "SN651658", h.SN.Value())
	assert.Equal(t, "1564678564", h.PN.Value())
	assert.Equal(t, "1.0", h.Rev.Value(), "no product version: parameter")
	assert.Equal(t, "OP2", r.UUT.User.Value())
	assert.Equal(t, "<No Station>", h.MachineName.Value())
	assert.Equal(t, "OP2", r.Root.Name.Value(), "root TestRun name")
	assert.Equal(t, time.Date(2024, 12, 11, 10, 19, 25, 0, time.UTC), h.Start.Time().UTC())
	assert.InDelta(t, 16102, r.UUT.ExecTime.Float(), 1e-9)
	assert.Equal(t, "F", h.Result.Value(), "root grade FAIL")

	s := convtest.Summarize(r)
	assert.Equal(t, 49, s.Steps-s.ByType["SequenceCall"], "leaf steps")
	assert.Equal(t, 5, s.ByType["SequenceCall"]-1)
	assert.Equal(t, 11, s.ByType["ET_NLT"])
	assert.Equal(t, 19, s.ByType["ET_MNLT"])
	assert.Equal(t, 19, s.ByType["ET_PFT"])
	names := []string{}
	for _, st := range r.Root.Steps {
		names = append(names, st.Name.Value())
	}
	assert.Equal(t, []string{"MANUFACTURING PRE-TEST", "INITIAL TUNING AND CHARGING", "POSITIVE MODE QUAD TUNING AND TESTING",
		"NEGATIVE MODE QUAD TUNING AND TESTING", "MS2 POSITIVE MODE QUAD TUNING AND TESTING"}, names)

	var nonPass []string
	r.Root.Walk(func(st *report.Step) bool {
		if st.SeqCall == nil && st.Status.Value() != "P" {
			nonPass = append(nonPass, st.Name.Value()+":"+st.Status.Value())
		}
		return true
	})
	assert.Equal(t, []string{"Low Mass Resolution:F", "High Mass Resolution:E", "Low Mass Position:E", "High Mass Position:E",
		"High Mass Ion Energy:E", "Peak Shape Analysis:E"}, nonPass, "FAIL and the five PENDING runs")

	gas := find(r, "MANUFACTURING PRE-TEST", "Gas Inlet Manifold")
	require.NotNil(t, gas)
	m := gas.NumericMeas[0]
	assert.Equal(t, 0.0039323, m.Value.Float())
	assert.Equal(t, "GELE", m.CompOp.Value())
	assert.Equal(t, [2]float64{0.0035, 0.004}, [2]float64{m.LowLimit.Float(), m.HighLimit.Float()})

	rf := find(r, "MANUFACTURING PRE-TEST", "Align RF Generator")
	require.NotNil(t, rf)
	require.Len(t, rf.NumericMeas, 2)
	for i, want := range []struct {
		name string
		v    float64
	}{{"MS1 value", -3.4359}, {"MS2 value", -3.2405}} {
		m := rf.NumericMeas[i]
		assert.Equal(t, want.name, m.Name.Value())
		assert.Equal(t, want.v, m.Value.Float())
		assert.Equal(t, "LE", m.CompOp.Value(), "lsl 0 below usl -2.4 is no limit (Virinco: GELE [0, -2.4])")
		assert.Equal(t, -2.4, m.LowLimit.Float())
		assert.Equal(t, "P", m.Status.Value())
	}
	beam := find(r, "INITIAL TUNING AND CHARGING", "Basic Beam - Positive")
	require.NotNil(t, beam)
	assert.Equal(t, "GE", beam.NumericMeas[0].CompOp.Value(), "usl 0 above lsl 2.19e11 is no limit")
	fw := find(r, "NEGATIVE MODE QUAD TUNING AND TESTING", "Low Mass Resolution")
	require.NotNil(t, fw)
	assert.Equal(t, "GELE", fw.NumericMeas[0].CompOp.Value())
	ion := find(r, "INITIAL TUNING AND CHARGING", "Ion Creation Stability")
	require.NotNil(t, ion)
	assert.Equal(t, "GELE", ion.NumericMeas[0].CompOp.Value(), "lsl 0 with usl 20: a real limit of 0")
	assert.Equal(t, 0.0, ion.NumericMeas[0].LowLimit.Float())
	lmr := find(r, "MS2 POSITIVE MODE QUAD TUNING AND TESTING", "Low Mass Resolution")
	require.NotNil(t, lmr)
	assert.Equal(t, "LOG", lmr.NumericMeas[0].CompOp.Value(), "lsl 0 usl 0: no limits")
	assert.Equal(t, "F", lmr.NumericMeas[0].Status.Value(), "the FAIL grade")
}

const synthetic = `<?xml version="1.0"?>
<UnitReport xmlns="urn:unitreport-schema" start-time="2024-01-02T03:04:05+01:00" mode="P" software-version="7.1">
<Station guid="g" name="ST-1"><Property><ValueString name="Location">Hall 3</ValueString></Property></Station>
<Operator name=""/>
<Category name="Boards">
 <Product part-no="PN-A" serial-no="SN-1" version="B"><Property><ValueString name="Lot">L7</ValueString></Property>
  <Product part-no="PN-SUB" serial-no="SUB-9" name="Radio" version="2"/>
 </Product>
</Category>
<TestRun name="Main" start-time="2024-01-02T03:04:05+01:00" end-time="2024-01-02T03:05:05+01:00" grade="PASS">
 <TestRun name="Cal" start-time="2024-01-02T03:04:05+01:00" grade="PASS"><SetUp><ValueDouble name="Offset" uom="V">0.1</ValueDouble></SetUp></TestRun>
 <TestRun name="FW" start-time="2024-01-02T03:04:06+01:00" grade="PASS"><Result><ValueString name="Version" usl="1.2.3">1.2.3</ValueString></Result>
  <Property><ValueString name="Note">ok</ValueString></Property></TestRun>
 <TestRun name="Door" start-time="2024-01-02T03:04:07+01:00" grade="PASS"><Result><ValueBoolean name="Closed">true</ValueBoolean></Result></TestRun>
 <TestRun name="Curr" start-time="2024-01-02T03:04:08+01:00" grade="FAIL"><Result><ValueInteger name="mA" lsl="0" usl="5" grade="FAIL">7</ValueInteger></Result>
  <Property><ValueString name="Comparison">GTLT</ValueString></Property><Error><Message name="E1">over current</Message></Error></TestRun>
 <TestRun name="Skip" start-time="2024-01-02T03:04:09+01:00" grade="SKIPPED"/>
</TestRun>
</UnitReport>`

func TestSynthetic(t *testing.T) {
	r := convertData(t, "s.xml", []byte(synthetic))
	assert.Equal(t, "B", r.Header.Rev.Value())
	assert.Equal(t, "7.1", r.Root.SeqCall.Version.Value())
	assert.Equal(t, "Hall 3", r.Header.Location.Value())
	assert.Equal(t, "oper", r.UUT.User.Value(), "empty Operator name: parameter")
	assert.Equal(t, "P", r.Header.Result.Value())
	require.Len(t, r.SubUnits, 1)
	assert.Equal(t, "PN-SUB", r.SubUnits[0].PN.Value())
	assert.Equal(t, "SUB-9", r.SubUnits[0].SN.Value())
	misc := map[string]string{}
	for _, m := range r.MiscInfos {
		misc[m.Description.Value()] = m.Text.Value()
	}
	assert.Equal(t, "P", misc["Mode"])
	assert.Equal(t, "L7", misc["Lot"])
	main := r.Root.Steps
	require.Len(t, main, 5)
	assert.Equal(t, "S", main[0].Group.Value(), "SetUp values: setup group")
	assert.Equal(t, "ET_SVT", main[1].StepType.Value())
	assert.Equal(t, "IGNORECASE", main[1].StringMeas[0].CompOp.Value())
	assert.Equal(t, "Note=ok", main[1].ReportText.Value())
	assert.Equal(t, "ET_PFT", main[2].StepType.Value())
	assert.Equal(t, "GTLT", main[3].NumericMeas[0].CompOp.Value(), "Comparison property")
	assert.Equal(t, "F", main[3].Status.Value())
	assert.Equal(t, "E1: over current", main[3].ErrorMessage.Value())
	assert.Equal(t, "S", main[4].Status.Value())
	assert.False(t, r.UUT.ExecTime.IsSet(), "no UnitReport end-time")
}

func TestMalformed(t *testing.T) {
	tests := []struct {
		name, data, path string
		line             int
	}{
		{"broken", "<UnitReport start-time='x'>\n<Station", "", 2},
		{"wrong root", "<Reports/>", "/Reports", 0},
		{"no run", `<UnitReport start-time="2024-01-02T03:04:05Z"><Category><Product part-no="a" serial-no="b"/></Category></UnitReport>`, "/UnitReport/TestRun", 0},
		{"no product", `<UnitReport start-time="2024-01-02T03:04:05Z"><TestRun name="a" grade="PASS"/></UnitReport>`, "/UnitReport/Category/Product", 0},
		{"bad start", `<UnitReport start-time="yesterday"><Category><Product part-no="a" serial-no="b"/></Category><TestRun name="a" grade="PASS"/></UnitReport>`, "/UnitReport/@start-time", 0},
		{"bad grade", `<UnitReport start-time="2024-01-02T03:04:05Z"><Category><Product part-no="a" serial-no="b"/></Category><TestRun name="a" grade="PASS"><TestRun name="b" grade="MEH"/></TestRun></UnitReport>`, "/UnitReport/TestRun/TestRun[1]/@grade", 0},
		{"bad value", `<UnitReport start-time="2024-01-02T03:04:05Z"><Category><Product part-no="a" serial-no="b"/></Category><TestRun name="a" grade="PASS"><TestRun name="b" grade="PASS"><Result><ValueDouble>x</ValueDouble></Result></TestRun></TestRun></UnitReport>`, "/UnitReport/TestRun/TestRun[1]/ValueDouble[1]", 0},
		{"bad limit", `<UnitReport start-time="2024-01-02T03:04:05Z"><Category><Product part-no="a" serial-no="b"/></Category><TestRun name="a" grade="PASS"><TestRun name="b" grade="PASS"><Result><ValueDouble lsl="q">1</ValueDouble></Result></TestRun></TestRun></UnitReport>`, "/UnitReport/TestRun/TestRun[1]/ValueDouble[1]", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, _ := source("bad.xml", []byte(tt.data), nil)
			rs, err := New().Convert(context.Background(), src)
			require.Error(t, err)
			assert.Nil(t, rs)
			var me *convert.MalformedError
			require.True(t, errors.As(err, &me), "%T %v", err, err)
			assert.Equal(t, tt.path, me.Path, me.Error())
			assert.Equal(t, tt.line, me.Line, me.Error())
		})
	}
}

func TestContextCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	src, _ := source("x", []byte(synthetic), nil)
	_, err := New().Convert(ctx, src)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestSniff(t *testing.T) {
	c := New()
	data, err := os.ReadFile(filepath.Join("testdata", fileSN651658))
	require.NoError(t, err)
	assert.Equal(t, convert.Certain, c.Sniff(data))
	assert.Equal(t, convert.Certain, c.Sniff([]byte(synthetic)))
	assert.Equal(t, convert.No, c.Sniff([]byte(`<UnitReport xmlns="urn:other"/>`)))
	assert.Equal(t, convert.No, c.Sniff([]byte(`<Reports/>`)))
}
