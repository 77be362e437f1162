package report_test

import (
	"encoding/base64"
	"errors"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/internal/wsjfcmp"
)

// requireField asserts err is a validation error naming path (rule prefix).
func requireField(t *testing.T, err error, path, rule string) {
	t.Helper()
	require.Error(t, err)
	require.True(t, errors.Is(err, errs.ErrValidation), "%v", err)
	var ve *errs.ValidationError
	require.True(t, errors.As(err, &ve))
	for _, f := range ve.Fields {
		if f.Path == path && strings.HasPrefix(f.Rule, rule) {
			return
		}
	}
	t.Fatalf("no violation %s (%s) in %v", path, rule, ve.Fields)
}

// TestBuildMatchesSpecExample builds the worked example of spec §21 and
// compares it with the document given there (plus what Finalize adds).
func TestBuildMatchesSpecExample(t *testing.T) {
	r, err := report.NewUUT("PCBA-100", "SN0001", "B", 10, testStation,
		report.WithStart(time.Date(2026, 3, 2, 9, 15, 30, 250000000, time.FixedZone("", 3600))),
		report.WithID("5F0C2B8E-3D6A-4C1E-9A57-2B1F0E4D7C31"), report.WithOperator("op1"),
		report.WithFixtureID("FIX-7"), report.WithTestSocket(-1), report.WithExecTime(12500*time.Millisecond),
		report.WithSequence("MainSequence Callback", `C:\Seq\fct.seq`, "1.2.0"))
	require.NoError(t, err)
	root := r.Root
	must(root.AddActionStep("Power on", report.StepGroup("S"), report.StepTime(500*time.Millisecond)))
	rails := must(root.AddSequence("Rails", report.StepTime(4*time.Second), report.SequenceFile(`C:\Seq\fct.seq`, "1.2.0")))
	must(rails.AddNumericStep("3V3", 3.31, "V", report.Lim(report.GELE, 3.2, 3.4), report.StepTime(200*time.Millisecond)))
	must(rails.AddNumericStep("5V", 5.3, "V", report.Lim(report.LT, 5.25), report.StepTime(200*time.Millisecond)))
	cur := must(rails.AddMultiNumericStep("Currents", report.StepTime(400*time.Millisecond)))
	require.NoError(t, cur.AddNumericMeasurement("I_3V3", 0.42, "A", report.Lim(report.LE, 0.5)))
	require.NoError(t, cur.AddNumericMeasurement("I_5V", 0.88, "A", report.Lim(report.LOG)))
	must(root.AddPassFailStep("Self test", true, report.StepTime(time.Second)))
	must(root.AddStringStep("FW version", "v1.2.0", report.IgnoreCase, "V1.2.0", report.StepTime(100*time.Millisecond)))
	rip := must(root.AddChartStep("Ripple", report.ChartSpec{Type: "Line", Label: "Ripple", XLabel: "Time", XUnit: "ms", YLabel: "Ripple", YUnit: "mV"}, report.StepTime(2*time.Second)))
	require.NoError(t, rip.AddNumericMeasurement("Ripple", 12, "mV", report.Lim(report.LE, 20)))
	rip.NumericMeas[0].Name = report.NullStr() // the example's single unnamed measurement
	require.NoError(t, rip.AddSeries("5V ripple", []float64{0, 1, 2, 3}, []float64{11.5, 12, 11.8, 12}))
	require.NoError(t, r.AddMiscInfo("Firmware", "1.2.0"))
	must(r.AddSubUnit("PSU", "PSU-9", "A", "PSU123"))
	require.NoError(t, r.AddAsset("DMM-42", 1))
	require.NoError(t, r.Finalize())
	require.NoError(t, r.Validate())

	out, err := r.Marshal()
	require.NoError(t, err)
	// Nullable "always" properties nobody set are written as null, as the
	// server writes them; output-only ones included (harmless on submit).
	want := `{"type":"T","id":"5f0c2b8e-3d6a-4c1e-9a57-2b1f0e4d7c31","pn":"PCBA-100","sn":"SN0001","rev":"B","productName":null,"processCode":10,"processCodeFormat":null,"processName":null,"result":"F","machineName":"FCT-01","location":"Line 2","purpose":"Production","origin":null,"start":"2026-03-02T09:15:30.25+01:00",` +
		`"root":{"id":1,"group":"M","stepType":"SequenceCall","name":"MainSequence Callback","status":"F","totTime":null,"causedUUTFailure":false,"steps":[` +
		`{"id":2,"group":"S","stepType":"Action","name":"Power on","status":"D","totTime":0.5,"causedUUTFailure":false},` +
		`{"id":3,"group":"M","stepType":"SequenceCall","name":"Rails","status":"F","totTime":4.0,"causedSeqFailure":true,"causedUUTFailure":false,"steps":[` +
		`{"id":4,"group":"M","stepType":"ET_NLT","name":"3V3","status":"P","totTime":0.2,"causedUUTFailure":false,"numericMeas":[{"compOp":"GELE","name":null,"status":"P","unit":"V","value":3.31,"highLimit":3.4,"lowLimit":3.2}]},` +
		`{"id":5,"group":"M","stepType":"ET_NLT","name":"5V","status":"F","totTime":0.2,"causedSeqFailure":true,"causedUUTFailure":true,"numericMeas":[{"compOp":"LT","name":null,"status":"F","unit":"V","value":5.3,"highLimit":null,"lowLimit":5.25}]},` +
		`{"id":6,"group":"M","stepType":"ET_MNLT","name":"Currents","status":"P","totTime":0.4,"causedUUTFailure":false,"numericMeas":[{"compOp":"LE","name":"I_3V3","status":"P","unit":"A","value":0.42,"highLimit":null,"lowLimit":0.5},{"compOp":"LOG","name":"I_5V","status":"P","unit":"A","value":0.88,"highLimit":null,"lowLimit":null}]}],` +
		`"seqCall":{"path":"C:\\Seq\\fct.seq","name":"Rails","version":"1.2.0"}},` +
		`{"id":7,"group":"M","stepType":"ET_PFT","name":"Self test","status":"P","totTime":1.0,"causedUUTFailure":false,"booleanMeas":[{"name":null,"status":"P"}]},` +
		`{"id":8,"group":"M","stepType":"ET_SVT","name":"FW version","status":"P","totTime":0.1,"causedUUTFailure":false,"stringMeas":[{"compOp":"IGNORECASE","name":null,"status":"P","value":"v1.2.0","limit":"V1.2.0"}]},` +
		`{"id":9,"group":"M","stepType":"WATS_XYGMNLT","name":"Ripple","status":"P","totTime":2.0,"causedUUTFailure":false,"numericMeas":[{"compOp":"LE","name":null,"status":"P","unit":"mV","value":12.0,"highLimit":null,"lowLimit":20.0}],` +
		`"chart":{"chartType":"Line","label":"Ripple","xLabel":"Time","xUnit":"ms","yLabel":"Ripple","yUnit":"mV","series":[{"dataType":"XYG","name":"5V ripple","xdata":"0;1;2;3","ydata":"11.5;12;11.8;12"}]}}],` +
		`"seqCall":{"path":"C:\\Seq\\fct.seq","name":"MainSequence Callback","version":"1.2.0"}},` +
		`"uut":{"execTime":12.5,"testSocketIndex":-1,"batchSN":null,"comment":null,"errorCode":null,"errorMessage":null,"fixtureId":"FIX-7","user":"op1","batchFailCount":null,"batchLoopIndex":null,"stepIdCausedUUTFailure":5},` +
		`"miscInfos":[{"description":"Firmware","text":"1.2.0","numeric":null}],` +
		`"subUnits":[{"partType":"PSU","pn":"PSU-9","rev":"A","sn":"PSU123"}],` +
		`"assets":[{"assetSN":"DMM-42","usageCount":1,"usageCountFormat":null}]}`
	if string(out) != want {
		path, _ := wsjfcmp.Diff([]byte(want), out)
		t.Fatalf("differs at %s\n%s", path, out)
	}

	// Finalize is idempotent.
	require.NoError(t, r.Finalize())
	again, _ := r.Marshal()
	assert.Equal(t, string(out), string(again))
}

func TestNewUUTDefaults(t *testing.T) {
	t.Setenv(report.StationEnv, "  ENV-STATION ")
	before := time.Now()
	r, err := report.NewUUT("P", "S", "R", 10, report.WithStation(report.Station{Location: "L", Purpose: "P"}), report.WithOperator("o"))
	require.NoError(t, err)
	assert.Equal(t, "ENV-STATION", r.Header.MachineName.Value())
	start, ok := r.Header.Start.Get()
	require.True(t, ok)
	assert.False(t, start.Before(before.Add(-time.Second)))
	assert.Regexp(t, regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`), r.ID())
	out, _ := r.Marshal()
	// The start is written with an explicit offset, never "Z".
	assert.Regexp(t, `"start":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?[+-]\d\d:\d\d"`, string(out))

	// Explicit beats the environment; the host name is last.
	r, err = report.NewUUT("P", "S", "R", 10, testStation, report.WithOperator("o"))
	require.NoError(t, err)
	assert.Equal(t, "FCT-01", r.Header.MachineName.Value())
	t.Setenv(report.StationEnv, "")
	host, _ := os.Hostname()
	assert.Equal(t, strings.TrimSpace(host), report.DefaultStationName())
}

func TestNewUUTRefusesBadInput(t *testing.T) {
	ok := []report.Option{testStation, report.WithOperator("op")}
	tests := []struct {
		name string
		call func() error
		path string
		rule string
	}{
		{"empty pn", func() error { _, err := report.NewUUT("", "S", "R", 10, ok...); return err }, "pn", "required"},
		{"wildcard in sn", func() error { _, err := report.NewUUT("P", "S*1", "R", 10, ok...); return err }, "sn", "searchchars"},
		{"slash in pn", func() error { _, err := report.NewUUT("P/1", "S", "R", 10, ok...); return err }, "pn", "searchchars"},
		{"control char in sn", func() error { _, err := report.NewUUT("P", "S\x00", "R", 10, ok...); return err }, "sn", "xmlsafe"},
		{"long sn", func() error { _, err := report.NewUUT("P", long(101), "R", 10, ok...); return err }, "sn", "max"},
		{"empty rev", func() error { _, err := report.NewUUT("P", "S", "", 10, ok...); return err }, "rev", "required"},
		{"process code overflow", func() error { _, err := report.NewUUT("P", "S", "R", 70000, ok...); return err }, "processCode", "range"},
		{"no operator", func() error { _, err := report.NewUUT("P", "S", "R", 10, testStation); return err }, "uut.user", "required"},
		{"no location", func() error {
			_, err := report.NewUUT("P", "S", "R", 10, report.WithStation(report.Station{Name: "N", Purpose: "P"}), report.WithOperator("o"))
			return err
		}, "location", "required"},
		{"no purpose", func() error {
			_, err := report.NewUUT("P", "S", "R", 10, report.WithStation(report.Station{Name: "N", Location: "L"}), report.WithOperator("o"))
			return err
		}, "purpose", "required"},
		{"bad id", func() error {
			_, err := report.NewUUT("P", "S", "R", 10, append(ok, report.WithID("x"))...)
			return err
		}, "id", "guid"},
		{"start before 1970", func() error {
			_, err := report.NewUUT("P", "S", "R", 10, append(ok, report.WithStart(time.Unix(-10, 0)))...)
			return err
		}, "start", "min"},
		{"long comment", func() error {
			_, err := report.NewUUT("P", "S", "R", 10, append(ok, report.WithComment(long(5001)))...)
			return err
		}, "uut.comment", "max"},
		{"socket overflow", func() error {
			_, err := report.NewUUT("P", "S", "R", 10, append(ok, report.WithTestSocket(1<<20))...)
			return err
		}, "uut.testSocketIndex", "range"},
		{"negative exec time", func() error {
			_, err := report.NewUUT("P", "S", "R", 10, append(ok, report.WithExecTime(-time.Second))...)
			return err
		}, "execTime", "min"},
		{"long seq version", func() error {
			_, err := report.NewUUT("P", "S", "R", 10, append(ok, report.WithSequence("Main", "", long(31)))...)
			return err
		}, "root.seqCall.version", "max"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { requireField(t, tc.call(), tc.path, tc.rule) })
	}
}

func TestStepAddersRefuseBadInputAndLeaveNothingBehind(t *testing.T) {
	r := validUUT(t)
	seq := step(r, 1)
	multi := step(r, 1, 2)
	chart := step(r, 4)
	before, _ := r.Marshal()
	tests := []struct {
		name string
		call func() error
		path string
		rule string
	}{
		{"empty step name", func() error { _, err := seq.AddNumericStep("", 1, "V", report.Lim(report.GE, 0)); return err }, "name", "required"},
		{"long step name", func() error { _, err := seq.AddActionStep(long(101)); return err }, "name", "max"},
		{"GELE with one limit", func() error { _, err := seq.AddNumericStep("n", 1, "V", report.Lim(report.GELE, 0)); return err }, "numericMeas[0].highLimit", "limits"},
		{"GE without limit", func() error { _, err := seq.AddNumericStep("n", 1, "V", report.Lim(report.GE)); return err }, "numericMeas[0].lowLimit", "limits"},
		{"LOG with a limit", func() error { _, err := seq.AddNumericStep("n", 1, "V", report.Lim(report.LOG, 1)); return err }, "numericMeas[0].lowLimit", "limits"},
		{"LT with two limits", func() error { _, err := seq.AddNumericStep("n", 1, "V", report.Lim(report.LT, 1, 2)); return err }, "numericMeas[0].highLimit", "limits"},
		{"NaN limit", func() error {
			_, err := seq.AddNumericStep("n", 1, "V", report.Lim(report.GELE, math.NaN(), 2))
			return err
		}, "numericMeas[0].lowLimit", "finite"},
		{"Inf high limit", func() error {
			_, err := seq.AddNumericStep("n", 1, "V", report.Lim(report.GELE, 0, math.Inf(1)))
			return err
		}, "numericMeas[0].highLimit", "finite"},
		{"NaN value", func() error { _, err := seq.AddNumericStep("n", math.NaN(), "V", report.Lim(report.LOG)); return err }, "numericMeas[0].value", "finite"},
		{"low above high", func() error { _, err := seq.AddNumericStep("n", 1, "V", report.Lim(report.GELE, 2, 1)); return err }, "numericMeas[0].lowLimit", "ltefield"},
		{"unknown operator", func() error { _, err := seq.AddNumericStep("n", 1, "V", report.Lim("EQT", 1)); return err }, "numericMeas[0].compOp", "compop"},
		{"string operator on numbers", func() error { _, err := seq.AddNumericStep("n", 1, "V", report.Lim(report.IgnoreCase)); return err }, "numericMeas[0].compOp", "compop"},
		{"numeric operator on strings", func() error { _, err := seq.AddStringStep("n", "a", report.GELE, "b"); return err }, "stringMeas[0].compOp", "compop"},
		{"bad group", func() error { _, err := seq.AddActionStep("n", report.StepGroup("X")); return err }, "group", "oneof"},
		{"bad status", func() error { _, err := seq.AddActionStep("n", report.StepStatus("Passed")); return err }, "status", "oneof"},
		{"errorCode overflow", func() error { _, err := seq.AddActionStep("n", report.StepError(1<<40, "x")); return err }, "errorCode", "range"},
		{"long tsGuid", func() error { _, err := seq.AddActionStep("n", report.StepTSGuid(long(31))); return err }, "tsGuid", "max"},
		{"control char in report text", func() error { _, err := seq.AddActionStep("n", report.StepReportText("\x07")); return err }, "reportText", "xmlsafe"},
		{"negative time", func() error { _, err := seq.AddActionStep("n", report.StepTime(-1)); return err }, "totTime", "min"},
		{"child of a test step", func() error { _, err := step(r, 2).AddActionStep("n"); return err }, "steps", "required_with"},
		{"iteration of a non-header", func() error { _, err := seq.AddActionStep("n", report.LoopIteration(step(r, 1, 0))); return err }, "loop", "header"},
		{"duplicate measurement name", func() error { return multi.AddNumericMeasurement("I_3V3", 1, "A", report.Lim(report.LOG)) }, "numericMeas[2].name", "unique"},
		{"unnamed measurement", func() error { return multi.AddNumericMeasurement("", 1, "A", report.Lim(report.LOG)) }, "numericMeas[2].name", "required"},
		{"numeric into pass/fail step", func() error {
			return step(r, 8).AddNumericMeasurement("x", 1, "A", report.Lim(report.LOG))
		}, "numericMeas", "one-block"},
		{"pass/fail into numeric step", func() error { return multi.AddPassFailMeasurement("x", true) }, "booleanMeas", "one-block"},
		{"string into numeric step", func() error { return multi.AddStringMeasurement("x", "a", report.LOG, "") }, "stringMeas", "one-block"},
		{"series length mismatch", func() error { return chart.AddSeries("s", []float64{1, 2}, []float64{1}) }, "chart.series[1].xdata", "eqcount"},
		{"series NaN", func() error { return chart.AddSeries("s", nil, []float64{1, math.NaN()}) }, "chart.series[1].ydata[1]", "finite"},
		{"series empty", func() error { return chart.AddSeries("s", nil, nil) }, "chart.series[1].ydata", "range"},
		{"series without chart", func() error { return multi.AddSeries("s", nil, []float64{1}) }, "chart", "required"},
		{"bad chart type", func() error { _, err := seq.AddChartStep("c", report.ChartSpec{Type: "Pie"}); return err }, "chart.chartType", "charttype"},
		{"long sequence version", func() error {
			_, err := seq.AddSequence("s", report.SequenceFile("a.seq", long(31)))
			return err
		}, "seqCall.version", "max"},
		{"long popup response", func() error { _, err := seq.AddMessagePopupStep("m", long(101), 0); return err }, "messagePopup.response", "max"},
		{"popup button overflow", func() error { _, err := seq.AddMessagePopupStep("m", "", 1<<20); return err }, "messagePopup.button", "range"},
		{"Inf exit code", func() error { _, err := seq.AddCallExeStep("c", math.Inf(-1)); return err }, "callExe.exitCode", "finite"},
		{"second attachment", func() error { return step(r, 9).AttachBytes("b.txt", "", []byte("b")) }, "attachment", "max"},
		{"attachment on chart step", func() error { return chart.AttachBytes("b.txt", "", []byte("b")) }, "attachment", "excluded_with"},
		{"attachment without name", func() error { return step(r, 0).AttachBytes("", "text/plain", nil) }, "attachment.name", "required"},
		{"additional result without name", func() error { return step(r, 0).AddAdditionalResult("") }, "additionalResults[1].name", "required"},
		{"nil property", func() error { return step(r, 0).AddAdditionalResult("x", nil) }, "additionalResults[1].props[0]", "required"},
		{"misc without description", func() error { return r.AddMiscInfo("", "x") }, "miscInfos[1].description", "required"},
		{"misc numeric overflow", func() error { return r.AddMiscInfoNumeric("n", 1<<20) }, "miscInfos[1].numeric", "range"},
		{"sub-unit pn wildcard", func() error { _, err := r.AddSubUnit("PCB", "A?", "1", "S"); return err }, "subUnits[1].pn", "searchchars"},
		{"asset without sn", func() error { return r.AddAsset("", 1) }, "assets[1].assetSN", "required"},
		{"asset negative usage", func() error { return r.AddAsset("A", -1) }, "assets[1].usageCount", "range"},
		{"binary data on a UUT", func() error { return r.AddBinaryData("a", "b/c", nil) }, "binaryData", "invalid"},
		{"failure on a UUT", func() error { _, err := r.AddFailure(0, "c", "d"); return err }, "subUnits", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { requireField(t, tc.call(), tc.path, tc.rule) })
	}
	after, _ := r.Marshal()
	assert.Equal(t, string(before), string(after), "refused input must leave the report untouched")
}

func TestLoopsAndExplicitStatuses(t *testing.T) {
	r := must(report.NewUUT("P", "S", "R", 10, testStation, report.WithOperator("o")))
	hdr := must(r.Root.AddLoop("Measure", report.StepType("ET_NLT")))
	must(r.Root.AddActionStep("after"))
	for i, v := range []float64{1, -1, 2} {
		it := must(r.Root.AddNumericStep("Measure", v, "V", report.Lim(report.GE, 0), report.LoopIteration(hdr)))
		assert.Equal(t, int64(i), it.Loop.Idx.Int64())
	}
	// Iterations follow their header even though another step was added first.
	names := []string{}
	for _, s := range r.Root.Steps {
		names = append(names, s.Name.Value())
	}
	assert.Equal(t, []string{"Measure", "Measure", "Measure", "Measure", "after"}, names)
	require.NoError(t, r.Finalize())
	assert.Equal(t, int64(3), hdr.Loop.Num.Int64())
	assert.Equal(t, int64(2), hdr.Loop.EndingIndex.Int64())
	assert.Equal(t, int64(2), hdr.Loop.Passed.Int64())
	assert.Equal(t, int64(1), hdr.Loop.Failed.Int64())
	assert.Equal(t, "F", hdr.Status.Value())
	assert.Equal(t, "F", r.Result())
	require.NoError(t, r.Validate())

	// Another iteration after Finalize is counted by the next Finalize.
	must(r.Root.AddNumericStep("Measure", 3, "V", report.Lim(report.GE, 0), report.LoopIteration(hdr)))
	require.NoError(t, r.Finalize())
	assert.Equal(t, int64(4), hdr.Loop.Num.Int64())
	assert.Equal(t, int64(6), r.Root.Steps[4].ID.Int64(), "ids renumbered in pre-order")
	assert.Equal(t, int64(7), r.Root.Steps[5].ID.Int64())

	// An explicit status wins over the computed one, all the way up.
	r2 := must(report.NewUUT("P", "S", "R", 10, testStation, report.WithOperator("o")))
	seq := must(r2.Root.AddSequence("Handled", report.StepStatus("P")))
	must(seq.AddNumericStep("bad", 9, "V", report.Lim(report.LT, 1)))
	failing := must(r2.Root.AddNumericStep("forced", 0, "V", report.Lim(report.LT, 1), report.StepStatus("E")))
	assert.Equal(t, "F", failing.NumericMeas[0].Status.Value(), "E on the step maps to F on its measurement")
	require.NoError(t, r2.Finalize())
	assert.Equal(t, "P", seq.Status.Value())
	assert.Equal(t, "E", r2.Result())
	assert.True(t, failing.CausedUUTFailure.Value())
	r2.SetResult("T")
	require.NoError(t, r2.Finalize())
	assert.Equal(t, "T", r2.Result())
	failing.SetStatus("P")
	failing.NumericMeas[0].Status = report.StrOf("P")
	r2.Header.Result = report.Str{}
	require.NoError(t, r2.Finalize())
	assert.Equal(t, "P", r2.Result(), "a cleared result is recomputed")
}

func TestUURFromUUT(t *testing.T) {
	uut := validUUT(t)
	bad := step(uut, 1, 1)
	bad.SetStatus("F")
	uut.Header.Result = report.Str{}
	require.NoError(t, uut.Finalize())
	require.Equal(t, "F", uut.Result())
	failed := uut.FailedSteps()
	require.Len(t, failed, 1)
	assert.Same(t, bad, failed[0])

	r, err := report.NewUURFromUUT(uut, 500, testStation, report.WithOperator("tech"), testStart, report.WithComment("replaced U7"))
	require.NoError(t, err)
	f, err := r.AddFailure(0, "Component", "Defect component", report.FailureStep(failed[0]), report.FailureComRef("U7"),
		report.FailureArticle("LDO-33", "", "ACME", "3.3 V LDO"), report.FailureFuncBlock("Power"), report.FailureComment("5V too high"))
	require.NoError(t, err)
	require.NoError(t, f.Attach("trace.csv", "", []byte("t,v\n0,5.3\n")))
	require.NoError(t, r.AddBinaryData("notes.txt", "text/plain", []byte("hello")))
	require.NoError(t, r.AddMiscInfo("Repair station", "Bench 3"))
	require.NoError(t, r.Finalize())
	require.NoError(t, r.Validate())

	assert.Equal(t, report.TypeUUR, r.Type())
	assert.Equal(t, uut.SerialNumber(), r.SerialNumber())
	assert.Equal(t, uut.ID(), r.UUR.RefUUT.Value())
	assert.Equal(t, int64(10), r.UUR.ProcessCode.Int64())
	assert.Equal(t, int64(500), r.Header.ProcessCode.Int64())
	require.Len(t, r.SubUnits, 2)
	assert.Equal(t, "Main", r.SubUnits[0].PartType.Value())
	assert.Equal(t, int64(1), r.SubUnits[1].Idx.Int64())
	assert.Equal(t, int64(0), r.SubUnits[1].ParentIdx.Int64())
	assert.Equal(t, bad.ID.Int64(), f.RefStepID.Int64())
	assert.Equal(t, "text/csv; charset=utf-8", f.Attachments[0].ContentType.Value())
	data, err := base64.StdEncoding.DecodeString(r.BinaryData[0].Data.Value())
	require.NoError(t, err)
	assert.Equal(t, "hello", string(data))
	out, _ := r.Marshal()
	assert.Contains(t, string(out), `"uur":{"comment":"replaced U7","user":"tech","processCode":10,"processName":null,"refUUT":"`+uut.ID()+`","confirmDate":"2026-03-02T08:15:30.25+00:00","finalizeDate":"2026-03-02T08:15:30.25+00:00","execTime":null,"parent":null,"children":null}`)
	assert.Contains(t, string(out), `"artNumber":"LDO-33","artRev":null,"artVendor":"ACME","artDescription":"3.3 V LDO","category":"Component","code":"Defect component","comment":"5V too high","comRef":"U7","funcBlock":"Power","refStepId":`)

	// A new part gets the next idx; a failure on an unknown idx is refused.
	part := must(r.AddSubUnit("IC", "LDO-33", "B", "L1"))
	assert.Equal(t, int64(2), part.Idx.Int64())
	_, err = r.AddFailure(9, "Component", "x")
	requireField(t, err, "subUnits", "ref")
	_, err = r.AddFailure(0, "", "x")
	requireField(t, err, "subUnits[0].failures[1].category", "required")
	_, err = report.NewUURFromUUT(r, 500)
	requireField(t, err, "type", "invalid")
	_, err = report.NewUUR("P", "S", "R", 500, 70000, testStation, report.WithOperator("o"))
	requireField(t, err, "uur.processCode", "range")
	_, err = report.NewUUR("P", "S", "R", 500, 10, testStation, report.WithOperator("o"), report.WithRefUUT("nope"))
	requireField(t, err, "uur.refUUT", "guid")
}

func TestAttachFile(t *testing.T) {
	r := validUUT(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "log.txt")
	require.NoError(t, os.WriteFile(path, []byte("line"), 0o600))
	s := must(r.Root.AddActionStep("With log"))
	require.NoError(t, s.AttachFile(path, ""))
	assert.Equal(t, "log.txt", s.Attachment.Name.Value())
	assert.Equal(t, "text/plain; charset=utf-8", s.Attachment.ContentType.Value())
	assert.Equal(t, "bGluZQ==", s.Attachment.Data.Value())
	s2 := must(r.Root.AddActionStep("Missing"))
	err := s2.AttachFile(filepath.Join(dir, "nope.bin"), "")
	require.Error(t, err)
	assert.True(t, errors.Is(err, os.ErrNotExist))
	assert.Nil(t, s2.Attachment)
	s3 := must(r.Root.AddActionStep("Blob"))
	require.NoError(t, s3.AttachBytes("blob", "", []byte{1, 2}))
	assert.Equal(t, "application/octet-stream", s3.Attachment.ContentType.Value())
}

func TestBuildConcurrently(t *testing.T) {
	done := make(chan error, 4)
	for g := 0; g < 4; g++ {
		go func() {
			r, err := report.NewUUT("P", "S", "R", 10, testStation, report.WithOperator("o"))
			if err == nil {
				for i := 0; i < 200 && err == nil; i++ {
					_, err = r.Root.AddNumericStep("n", float64(i), "V", report.Lim(report.LT, 100))
				}
			}
			if err == nil {
				err = r.Finalize()
			}
			if err == nil {
				err = r.Validate()
			}
			done <- err
		}()
	}
	for g := 0; g < 4; g++ {
		assert.NoError(t, <-done)
	}
}
