package teststand

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convtest"
)

var cest = time.FixedZone("CEST", 2*3600)

func source(name string, data []byte, warns *[]string) *convert.Source {
	return &convert.Source{
		Name:   name,
		Reader: bytes.NewReader(data),
		Size:   int64(len(data)),
		Defaults: convert.Defaults{
			Location:   cest,
			PartNumber: "DEFAULT-PN",
			Station:    report.Station{Name: "CONV-PC", Location: "Lab", Purpose: "Test"},
		},
		Warn: func(m string) {
			if warns != nil {
				*warns = append(*warns, m)
			}
		},
	}
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// convertData converts data and finalizes and validates every report.
func convertData(t *testing.T, name string, data []byte) []*report.Report {
	t.Helper()
	rs, err := New().Convert(context.Background(), source(name, data, nil))
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
		if found == nil && s != root && s.Name.Value() == name {
			found = s
		}
		return found == nil
	})
	return found
}

type numFact struct {
	step, unit, op string
	value          float64
	low, high      float64
}

func TestFixtures(t *testing.T) {
	tests := []struct {
		file                   string
		sn, pn, rev            string
		code                   int64
		result                 string
		id                     string
		start                  time.Time
		exec                   float64
		station, user, loc, pu string
		seqPath, seqVersion    string
		steps                  int
		numeric                []numFact
		passFail               map[string]bool
		stepStart              bool
	}{
		{
			file: "TSWithWats.xml", sn: "12345", pn: "PN1", rev: "1.0", code: 60, result: "P",
			id:    "f4fb0a29-93b1-4f7f-ada7-672b382774ab",
			start: time.Date(2022, 6, 23, 10, 55, 4, 370e6, cest), exec: 0.0539233,
			station: "VIC-PCBA-003", user: "administrator", loc: "Norautron Horten", pu: "PCBA Test",
			seqPath: `C:\Users\Vicotee\Desktop\Sequence File 1.seq`, seqVersion: "0.0.0.0",
			steps: 1, passFail: map[string]bool{"Pass/Fail Test": true}, stepStart: true,
		},
		{
			file: "TsWithoutWats.xml", sn: "2342343", pn: "DEFAULT-PN", rev: "1.0", code: 10, result: "P",
			start: time.Date(2022, 7, 1, 15, 47, 48, 927e6, cest), exec: 6.0831833,
			station: "TS-2021-BETA", user: "administrator", loc: "Lab", pu: "Test",
			seqVersion: "21.0.0.49156",
			steps:      17,
			numeric: []numFact{
				{step: "Video Test", value: 5, unit: "microseconds", op: "GTLT", low: 0, high: 10},
				{step: "Keyboard Test", value: 6, op: "GT", low: 5},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := readFixture(t, tt.file)
			assert.Equal(t, convert.Certain, New().Sniff(data))
			rs := convertData(t, tt.file, data)
			require.Len(t, rs, 1)
			r := rs[0]
			h := r.Header
			assert.Equal(t, tt.sn, h.SN.Value())
			assert.Equal(t, tt.pn, h.PN.Value())
			assert.Equal(t, tt.rev, h.Rev.Value())
			assert.Equal(t, tt.code, h.ProcessCode.Int64())
			assert.Equal(t, tt.result, h.Result.Value())
			if tt.id != "" {
				assert.Equal(t, tt.id, h.ID.Value())
			}
			assert.True(t, tt.start.Equal(h.Start.Time()), "start %v", h.Start.Time())
			assert.InDelta(t, tt.exec, r.UUT.ExecTime.Float(), 1e-7)
			assert.Equal(t, tt.station, h.MachineName.Value())
			assert.Equal(t, tt.loc, h.Location.Value())
			assert.Equal(t, tt.pu, h.Purpose.Value())
			assert.Equal(t, tt.user, r.UUT.User.Value())
			assert.Equal(t, "MainSequence Callback", r.Root.Name.Value())
			if tt.seqPath != "" {
				assert.Equal(t, tt.seqPath, r.Root.SeqCall.Path.Value())
			}
			assert.Equal(t, tt.seqVersion, r.Root.SeqCall.Version.Value())
			sum := convtest.Summarize(r)
			assert.Equal(t, tt.steps, sum.Steps-1, "steps below the root")
			for _, nf := range tt.numeric {
				st := find(r.Root, nf.step)
				require.NotNil(t, st, nf.step)
				require.Len(t, st.NumericMeas, 1)
				m := st.NumericMeas[0]
				assert.Equal(t, nf.value, m.Value.Float(), nf.step)
				assert.Equal(t, nf.op, m.CompOp.Value(), nf.step)
				assert.Equal(t, nf.unit, m.Unit.Value(), nf.step)
				assert.Equal(t, nf.low, m.LowLimit.Float(), nf.step)
				if report.CompOp(nf.op).Limits() == 2 {
					assert.Equal(t, nf.high, m.HighLimit.Float(), nf.step)
				} else {
					assert.False(t, m.HighLimit.IsSet(), nf.step)
				}
				assert.Equal(t, "P", st.Status.Value())
			}
			for name, want := range tt.passFail {
				st := find(r.Root, name)
				require.NotNil(t, st, name)
				require.Len(t, st.BooleanMeas, 1)
				assert.Equal(t, "ET_PFT", st.StepType.Value())
				assert.Equal(t, want, st.Status.Value() == "P")
			}
			assert.Equal(t, tt.stepStart, sum.ByID[2].Start.IsSet(), "step start needs EngineStarted")
		})
	}
}

func TestStepTree(t *testing.T) {
	r := convertData(t, "x.xml", readFixture(t, "TsWithoutWats.xml"))[0]
	cpu := find(r.Root, "CPU Test")
	require.NotNil(t, cpu)
	assert.Equal(t, "SequenceCall", cpu.StepType.Value())
	require.Len(t, cpu.Steps, 4)
	assert.Equal(t, []string{"Register Test", "Instruction Set Test", "Cache Test", "FPU Test"},
		[]string{cpu.Steps[0].Name.Value(), cpu.Steps[1].Name.Value(), cpu.Steps[2].Name.Value(), cpu.Steps[3].Name.Value()})
	assert.Len(t, r.Root.Steps, 13)
}

// TestEveryReport: a <Reports> file with several UUT reports gives one
// WATS report each, not only the first; batch reports are skipped.
func TestEveryReport(t *testing.T) {
	one := string(readFixture(t, "TsWithoutWats.xml"))
	i, j := strings.Index(one, "<Report "), strings.LastIndex(one, "</Report>")+len("</Report>")
	rep := one[i:j]
	second := strings.Replace(rep, "<Value>2342343</Value>", "<Value>SN-2</Value>", 1)
	second = strings.Replace(second, "UUTResult='Passed'", "UUTResult='Failed'", 1)
	batch := "<Report Type='Batch' Title='Batch Report'></Report>"
	doc := one[:i] + rep + "\n" + second + "\n" + batch + one[j:]
	var warns []string
	rs, err := New().Convert(context.Background(), source("multi.xml", []byte(doc), &warns))
	require.NoError(t, err)
	require.Len(t, rs, 2)
	assert.Equal(t, "2342343", rs[0].Header.SN.Value())
	assert.Equal(t, "SN-2", rs[1].Header.SN.Value())
	assert.NotEqual(t, rs[0].Header.ID.Value(), rs[1].Header.ID.Value())
	assert.Contains(t, strings.Join(warns, "\n"), "Batch report skipped")
}

const miniTS = `<?xml version="1.0"?>
<TSReport>
<ReportInfo key="Start" value="2022-06-23T10:55:04+02:00" />
<Prop Name='UUT' Type='Obj'><Prop Name='SerialNumber' Type='String'><Value>S1</Value></Prop>
<Prop Name='PartNumber' Type='String'><Value>P1</Value></Prop>
<Prop Name='MiscUUTResult' Type='Obj'>
 <Prop Name='Misc_UUT_Info' Type='Array'><Value ID='[0]'><Prop Type='Obj'><Prop Name='Description' Type='String'><Value>Firmware</Value></Prop><Prop Name='Data_String' Type='String'><Value>1.2.3</Value></Prop></Prop></Value></Prop>
 <Prop Name='UUT_Part_Info' Type='Array'><Value ID='[0]'><Prop Type='Obj'><Prop Name='Part_Type' Type='String'><Value>PCBA</Value></Prop><Prop Name='Part_Number' Type='String'><Value>SUB-PN</Value></Prop><Prop Name='Part_Serial_Number' Type='String'><Value>SUB-SN</Value></Prop><Prop Name='Part_Revision_Number' Type='String'><Value>B</Value></Prop></Prop></Value></Prop>
</Prop></Prop>
<Prop Name='MainSequenceResults' Type='TEResult'>
 <Prop Name='Status' Type='String'><Value>Failed</Value></Prop>
 <Prop Name='TS' Type='Obj'><Prop Name='StepName' Type='String'><Value>MainSequence Callback</Value></Prop>
 <Prop Name='SequenceCall' Type='Obj'><Prop Name='ResultList' Type='Array'>
  STEPS
 </Prop></Prop></Prop>
</Prop>
</TSReport>`

func tsStep(name, typ, status, body string) string {
	return "<Value><Prop Type='TEResult'><Prop Name='Status' Type='String'><Value>" + status + "</Value></Prop>" + body +
		"<Prop Name='TS' Type='Obj'><Prop Name='StepName' Type='String'><Value>" + name + "</Value></Prop><Prop Name='StepType' Type='String'><Value>" + typ + "</Value></Prop></Prop></Prop></Value>"
}

func num(name string, v string) string {
	return "<Prop Name='" + name + "' Type='Number'><Value>" + v + "</Value></Prop>"
}

func str(name string, v string) string {
	return "<Prop Name='" + name + "' Type='String'><Value>" + v + "</Value></Prop>"
}

func TestStepKinds(t *testing.T) {
	steps := tsStep("eqt", "NumericLimitTest", "Passed", num("Numeric", "10.5")+str("Comp", "EQT")+
		"<Prop Name='RawLimits' Type='Obj'>"+num("Nominal", "10")+num("Low", "10")+num("High", "20")+"</Prop>"+
		"<Prop Name='Limits' Type='Obj'>"+str("ThresholdType", "Percentage")+"</Prop>") +
		tsStep("multi", "NI_MultipleNumericLimitTest", "Failed", "<Prop Name='Measurement' Type='Array'>"+
			"<Value ID='[0]'><Prop Name='Volt' Type='Obj'>"+num("Data", "3.3")+str("Units", "V")+str("Comp", "GELE")+"<Prop Name='Limits' Type='Obj'>"+num("Low", "3")+num("High", "3.6")+"</Prop>"+str("Status", "Passed")+"</Prop></Value>"+
			"<Value ID='[1]'><Prop Name='Amp' Type='Obj'>"+num("Data", "inf")+str("Comp", "LT")+"<Prop Name='Limits' Type='Obj'>"+num("Low", "2")+"</Prop>"+str("Status", "Failed")+"</Prop></Value></Prop>") +
		tsStep("text", "StringValueTest", "Passed", str("String", "abc")+str("Comp", "IGNORECASE")+"<Prop Name='Limits' Type='Obj'>"+str("String", "ABC")+"</Prop>") +
		tsStep("skip", "NumericLimitTest", "Skipped", num("Numeric", "1")) +
		tsStep("exe", "CallExecutable", "Passed", num("ExitCode", "0")) +
		tsStep("act", "Action", "Done", "")
	rs := convertData(t, "kinds.xml", []byte(strings.Replace(miniTS, "STEPS", steps, 1)))
	r := rs[0]
	assert.Equal(t, "F", r.Header.Result.Value())
	eqt := find(r.Root, "eqt").NumericMeas[0]
	assert.Equal(t, "GELE", eqt.CompOp.Value())
	assert.InDelta(t, 9, eqt.LowLimit.Float(), 1e-9)
	assert.InDelta(t, 12, eqt.HighLimit.Float(), 1e-9)
	multi := find(r.Root, "multi")
	require.Len(t, multi.NumericMeas, 2)
	assert.Equal(t, "Volt", multi.NumericMeas[0].Name.Value())
	assert.Equal(t, "P", multi.NumericMeas[0].Status.Value())
	assert.Equal(t, "F", multi.NumericMeas[1].Status.Value())
	assert.Equal(t, "F", multi.Status.Value())
	txt := find(r.Root, "text").StringMeas[0]
	assert.Equal(t, "IGNORECASE", txt.CompOp.Value())
	assert.Equal(t, "ABC", txt.Limit.Value())
	skip := find(r.Root, "skip")
	assert.Equal(t, "S", skip.Status.Value())
	assert.Empty(t, skip.NumericMeas, "a skipped step carries no measurement")
	assert.NotNil(t, find(r.Root, "exe").CallExe)
	assert.Equal(t, "D", find(r.Root, "act").Status.Value())
	require.Len(t, r.MiscInfos, 1)
	assert.Equal(t, "Firmware", r.MiscInfos[0].Description.Value())
	assert.Equal(t, "1.2.3", r.MiscInfos[0].Text.Value())
	require.Len(t, r.SubUnits, 1)
	assert.Equal(t, "SUB-SN", r.SubUnits[0].SN.Value())
	assert.Equal(t, "B", r.SubUnits[0].Rev.Value())
}

func TestMalformed(t *testing.T) {
	tests := []struct {
		name, doc, want string
	}{
		{"syntax", "<TSReport><Prop Name='UUT'></TSReport>", "XML"},
		{"no result", "<TSReport><Prop Name='UUT' Type='Obj'></Prop></TSReport>", "no TEResult"},
		{"wrong root", "<Foo/>", "root element"},
		{"bad number", strings.Replace(miniTS, "STEPS", tsStep("n", "NumericLimitTest", "Passed", num("Numeric", "abc")), 1), "Numeric \"abc\""},
		{"bad comp", strings.Replace(miniTS, "STEPS", tsStep("n", "NumericLimitTest", "Passed", num("Numeric", "1")+str("Comp", "XX")), 1), "comparison \"XX\""},
		{"missing limit", strings.Replace(miniTS, "STEPS", tsStep("n", "NumericLimitTest", "Passed", num("Numeric", "1")+str("Comp", "GELE")), 1), "needs Limits.Low"},
		{"no start", strings.Replace(miniTS, `<ReportInfo key="Start" value="2022-06-23T10:55:04+02:00" />`, "", 1), "no start time"},
		{"empty reports", "<Reports></Reports>", "no UUT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := New().Convert(context.Background(), source("bad.xml", []byte(tt.doc), nil))
			assert.Nil(t, rs)
			var me *convert.MalformedError
			require.True(t, errors.As(err, &me), "%v", err)
			assert.Equal(t, Name, me.Converter)
			assert.Equal(t, "bad.xml", me.File)
			assert.Contains(t, me.Error(), tt.want)
		})
	}
	_, err := New().Convert(context.Background(), source("bad.xml", []byte(strings.Replace(miniTS, "STEPS", tsStep("n", "NumericLimitTest", "Passed", num("Numeric", "abc")), 1)), nil))
	var me *convert.MalformedError
	require.ErrorAs(t, err, &me)
	assert.Contains(t, me.Path, "Prop[@Name='Numeric']", "the error names the element")
	assert.Greater(t, me.Line, 0)
}

func TestParams(t *testing.T) {
	src := source("p.xml", readFixture(t, "TsWithoutWats.xml"), nil)
	src.Params = convert.Params{ParamPartRevision: "B", ParamOperationTypeCode: "30", ParamLocation: "Horten", ParamPurpose: "FCT"}
	rs, err := New().Convert(context.Background(), src)
	require.NoError(t, err)
	assert.Equal(t, "B", rs[0].Header.Rev.Value())
	assert.Equal(t, int64(30), rs[0].Header.ProcessCode.Int64())
	assert.Equal(t, "Horten", rs[0].Header.Location.Value(), "StationInfo without Location takes the parameter")
	assert.Equal(t, "FCT", rs[0].Header.Purpose.Value())

	src = source("p.xml", readFixture(t, "TsWithoutWats.xml"), nil)
	src.Params = convert.Params{ParamOperationTypeCode: "ICT"}
	_, err = New().Convert(context.Background(), src)
	assert.ErrorIs(t, err, convert.ErrUnknownProcess)

	src = source("p.xml", readFixture(t, "TsWithoutWats.xml"), nil)
	src.Defaults.PartNumber = ""
	_, err = New().Convert(context.Background(), src)
	assert.ErrorIs(t, err, convert.ErrMalformed, "no part number anywhere")
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New().Convert(ctx, source("x.xml", readFixture(t, "TsWithoutWats.xml"), nil))
	assert.ErrorIs(t, err, context.Canceled)
}

func TestSniff(t *testing.T) {
	c := New()
	assert.Equal(t, convert.No, c.Sniff([]byte("<Reports xmlns='http://wats.virinco.com/schemas/WATS/Report/wsxf'><Report>")))
	assert.Equal(t, convert.No, c.Sniff([]byte("hello")))
	assert.Equal(t, convert.Likely, c.Sniff([]byte("<Reports><Report Type='UUT' UUTResult='Passed'>")))
}

func TestChart(t *testing.T) {
	plot := func(name string, rows [][]string) string {
		s := "<Value><Prop Type='Obj'>" + str("PlotName", name) + "<Prop Name='PlotData' Type='Array'>"
		for i, r := range rows {
			for j, v := range r {
				s += "<Value ID='[" + strconv.Itoa(i) + "][" + strconv.Itoa(j) + "]'>" + v + "</Value>"
			}
		}
		return s + "</Prop></Prop></Value>"
	}
	chart := "<Prop Name='Chart' Type='Obj'>" + str("ChartLabel", "Sweep") + str("Xlabel", "f") + str("Xunit", "Hz") + str("Ylabel", "gain") + str("Yunit", "dB") + str("ChartType", "LineLogX") +
		"<Prop Name='Plots' Type='Array'>" + plot("meas", [][]string{{"10", "100", "1000"}, {"0.5", "0.1", "-3"}}) + plot("flat", [][]string{{"1", "2"}}) + "</Prop></Prop>"
	meas := "<Prop Name='Measurement' Type='Array'><Value ID='[0]'><Prop Name='Gain' Type='Obj'>" + num("Data", "-3") + str("Comp", "GE") +
		"<Prop Name='Limits' Type='Obj'>" + num("Low", "-6") + "</Prop>" + str("Status", "Passed") + "</Prop></Value></Prop>"
	steps := tsStep("sweep", "WATS_XYGMNLT", "Passed", chart+meas)
	r := convertData(t, "chart.xml", []byte(strings.Replace(miniTS, "STEPS", steps, 1)))[0]
	st := find(r.Root, "sweep")
	require.NotNil(t, st.Chart)
	assert.Equal(t, "LineLogX", st.Chart.ChartType.Value())
	assert.Equal(t, "Hz", st.Chart.XUnit.Value())
	require.Len(t, st.Chart.Series, 2)
	assert.Equal(t, "10;100;1000", st.Chart.Series[0].XData.Value())
	assert.Equal(t, "0.5;0.1;-3", st.Chart.Series[0].YData.Value())
	assert.False(t, st.Chart.Series[1].XData.IsSet(), "a single row is y over its index")
	require.Len(t, st.NumericMeas, 1)
	assert.Equal(t, "Gain", st.NumericMeas[0].Name.Value())
	assert.Equal(t, "GE", st.NumericMeas[0].CompOp.Value())
}

func TestLoop(t *testing.T) {
	iter := func(i int, v, status string) string {
		return "<Value><Prop Type='TEResult'>" + str("Status", status) + num("Numeric", v) + str("Comp", "LT") + "<Prop Name='Limits' Type='Obj'>" + num("Low", "5") + "</Prop>" +
			"<Prop Name='TS' Type='Obj'>" + str("StepName", "Retry") + str("StepType", "NumericLimitTest") + str("StepId", "ID#:A") + num("LoopIndex", strconv.Itoa(i)) + "</Prop></Prop></Value>"
	}
	summary := "<Value><Prop Type='TEResult'>" + str("Status", "Passed") + "<Prop Name='TS' Type='Obj'>" + str("StepName", "Retry") + str("StepType", "NumericLimitTest") + str("StepId", "ID#:A") +
		num("NumLoops", "2") + num("NumPassed", "1") + num("NumFailed", "1") + num("EndingLoopIndex", "1") + "</Prop></Prop></Value>"
	steps := iter(0, "7", "Failed") + iter(1, "3", "Passed") + summary + tsStep("after", "Action", "Done", "")
	r := convertData(t, "loop.xml", []byte(strings.Replace(miniTS, "STEPS", steps, 1)))[0]
	require.Len(t, r.Root.Steps, 4, "header, two iterations, the next step")
	head := r.Root.Steps[0]
	require.NotNil(t, head.Loop)
	assert.True(t, head.Loop.IsHeader())
	assert.Equal(t, int64(2), head.Loop.Num.Int64())
	assert.Equal(t, "P", head.Status.Value())
	assert.Equal(t, 7.0, r.Root.Steps[1].NumericMeas[0].Value.Float())
	assert.Equal(t, int64(1), r.Root.Steps[2].Loop.Idx.Int64())
	assert.Equal(t, "after", r.Root.Steps[3].Name.Value())
}

func TestExtras(t *testing.T) {
	body := num("Numeric", "1") + str("Comp", "LOG") + str("XMLString", "&lt;data a='1'/&gt;") +
		"<Prop Name='AdditionalResults' Type='Obj'>" + num("Temperature", "21.5") + "<Prop Name='Setup' Type='Obj'>" + str("Mode", "fast") + "</Prop></Prop>"
	steps := tsStep("x", "NumericLimitTest", "Passed", body) + tsStep("skipped", "NumericLimitTest", "Skipped", body)
	r := convertData(t, "extras.xml", []byte(strings.Replace(miniTS, "STEPS", steps, 1)))[0]
	st := find(r.Root, "x")
	require.NotNil(t, st.Attachment)
	assert.Equal(t, "stepdata.xml", st.Attachment.Name.Value())
	require.Len(t, st.AdditionalResults, 2)
	assert.Equal(t, "Temperature", st.AdditionalResults[0].Name.Value())
	assert.Equal(t, "Setup", st.AdditionalResults[1].Name.Value())
	sk := find(r.Root, "skipped")
	assert.Nil(t, sk.Attachment)
	assert.Empty(t, sk.AdditionalResults)
}
