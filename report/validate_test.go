package report_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/report"
)

var testStation = report.WithStation(report.Station{Name: "FCT-01", Location: "Line 2", Purpose: "Production"})

var testStart = report.WithStart(time.Date(2026, 3, 2, 9, 15, 30, 250000000, time.FixedZone("", 3600)))

// must unwraps a builder result; a builder error fails the test by panic.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// validUUT builds a finalised UUT with one step of every kind:
// root.steps[0] action, [1] sequence (numeric GELE, numeric LT, multi
// numeric), [2] pass/fail, [3] string, [4] chart, [5] call-exe, [6] popup,
// [7] multi string, [8] multi pass/fail, [9] action with attachment.
func validUUT(t testing.TB) *report.Report {
	t.Helper()
	r := must(report.NewUUT("PCBA-100", "SN0001", "B", 10, testStation, testStart, report.WithOperator("op1")))
	root := r.Root
	act := must(root.AddActionStep("Power on", report.StepGroup(report.GroupSetup)))
	require.NoError(t, act.AddAdditionalResult("Env", report.NewProperty("Temp", "Number", "21.5")))
	rails := must(root.AddSequence("Rails"))
	must(rails.AddNumericStep("3V3", 3.31, "V", report.Lim(report.GELE, 3.2, 3.4)))
	must(rails.AddNumericStep("5V", 5.2, "V", report.Lim(report.LT, 5.25)))
	cur := must(rails.AddMultiNumericStep("Currents"))
	require.NoError(t, cur.AddNumericMeasurement("I_3V3", 0.42, "A", report.Lim(report.LE, 0.5)))
	require.NoError(t, cur.AddNumericMeasurement("I_5V", 0.88, "A", report.Lim(report.LOG)))
	must(root.AddPassFailStep("Self test", true))
	must(root.AddStringStep("FW", "v1.2", report.CaseSensitive, "v1.2"))
	ch := must(root.AddChartStep("Ripple", report.ChartSpec{Label: "Ripple", XUnit: "ms", YUnit: "mV"}))
	require.NoError(t, ch.AddSeries("5V", []float64{0, 1, 2}, []float64{11.5, 12, 11.8}))
	must(root.AddCallExeStep("Flash", 0))
	must(root.AddMessagePopupStep("Confirm", "ok", 0))
	ms := must(root.AddMultiStringStep("Ids"))
	require.NoError(t, ms.AddStringMeasurement("a", "x", report.LOG, ""))
	require.NoError(t, ms.AddStringMeasurement("b", "y", report.IgnoreCase, "Y"))
	mp := must(root.AddMultiPassFailStep("Checks"))
	require.NoError(t, mp.AddPassFailMeasurement("c1", true))
	require.NoError(t, mp.AddPassFailMeasurement("c2", true))
	att := must(root.AddActionStep("Photo"))
	require.NoError(t, att.AttachBytes("photo.png", "image/png", []byte{0x89, 'P', 'N', 'G'}))
	require.NoError(t, r.AddMiscInfo("Firmware", "1.2.0"))
	must(r.AddSubUnit("PSU", "PSU-9", "A", "PSU123"))
	require.NoError(t, r.AddAsset("DMM-42", 1))
	require.NoError(t, r.AddAdditionalData("Station info", report.NewProperty("Os", "String", "linux")))
	require.NoError(t, r.Finalize())
	require.NoError(t, r.Validate())
	return r
}

func validUUR(t testing.TB) *report.Report {
	t.Helper()
	r := must(report.NewUUR("PCBA-100", "SN0001", "B", 500, 10, testStation, testStart, report.WithOperator("tech1")))
	must(r.AddSubUnit("PSU", "PSU-9", "A", "PSU123"))
	f := must(r.AddFailure(0, "Component", "Defect component", report.FailureComRef("U7")))
	require.NoError(t, f.Attach("scope.txt", "text/plain", []byte("hello")))
	require.NoError(t, r.AddBinaryData("notes.txt", "text/plain", []byte("notes")))
	require.NoError(t, r.Finalize())
	require.NoError(t, r.Validate())
	return r
}

func step(r *report.Report, idx ...int) *report.Step {
	s := r.Root
	for _, i := range idx {
		s = s.Steps[i]
	}
	return s
}

func long(n int) string { return strings.Repeat("x", n) }

func badInt() report.Int {
	r, _ := report.Parse([]byte(`{"processCode":1.5}`))
	return r.Header.ProcessCode
}

func badTime() report.Time {
	r, _ := report.Parse([]byte(`{"start":"yesterday"}`))
	return r.Header.Start
}

type vcase struct {
	name   string
	uur    bool
	mutate func(r *report.Report)
	path   string
	rule   string // prefix of the rule name
}

func validationCases() []vcase {
	S := report.StrOf
	I := func(i int64) report.Int { return report.IntOf(i) }
	return []vcase{
		// Header.
		{"type odd", false, func(r *report.Report) { r.Header.Type = S("X") }, "type", "oneof"},
		{"type lower case", false, func(r *report.Report) { r.Header.Type = S("t") }, "type", "oneof"},
		{"type absent", false, func(r *report.Report) { r.Header.Type = report.Str{} }, "type", "required"},
		{"id not a GUID", false, func(r *report.Report) { r.Header.ID = S("not-a-guid") }, "id", "guid"},
		{"id null", false, func(r *report.Report) { r.Header.ID = report.NullStr() }, "id", "required"},
		{"id one digit short", false, func(r *report.Report) { r.Header.ID = S("5f0c2b8e-3d6a-4c1e-9a57-2b1f0e4d7c3") }, "id", "guid"},
		{"pn empty", false, func(r *report.Report) { r.Header.PN = S("") }, "pn", "required"},
		{"pn too long", false, func(r *report.Report) { r.Header.PN = S(long(101)) }, "pn", "max"},
		{"sn absent", false, func(r *report.Report) { r.Header.SN = report.Str{} }, "sn", "required"},
		{"sn control char", false, func(r *report.Report) { r.Header.SN = S("SN\x01") }, "sn", "xmlsafe"},
		{"sn U+FEFF", false, func(r *report.Report) { r.Header.SN = S("SN\ufeff") }, "sn", "xmlsafe"},
		{"rev null", false, func(r *report.Report) { r.Header.Rev = report.NullStr() }, "rev", "required"},
		{"rev too long", false, func(r *report.Report) { r.Header.Rev = S(long(101)) }, "rev", "max"},
		{"processCode Int16 overflow", false, func(r *report.Report) { r.Header.ProcessCode = I(40000) }, "processCode", "int16"},
		{"processCode null", false, func(r *report.Report) { r.Header.ProcessCode = report.NullInt() }, "processCode", "required"},
		{"processCode not integer", false, func(r *report.Report) { r.Header.ProcessCode = badInt() }, "processCode", "int16"},
		{"result D", false, func(r *report.Report) { r.Header.Result = S("D") }, "result", "oneof"},
		{"result word", false, func(r *report.Report) { r.Header.Result = S("Passed") }, "result", "oneof"},
		{"machineName empty", false, func(r *report.Report) { r.Header.MachineName = S("") }, "machineName", "required"},
		{"location too long", false, func(r *report.Report) { r.Header.Location = S(long(101)) }, "location", "max"},
		{"purpose null", false, func(r *report.Report) { r.Header.Purpose = report.NullStr() }, "purpose", "required"},
		{"start unparsable", false, func(r *report.Report) { r.Header.Start = badTime() }, "start", "datetime"},
		{"start absent", false, func(r *report.Report) { r.Header.Start = report.Time{} }, "start", "required"},
		{"startUTC unparsable", false, func(r *report.Report) { r.Header.StartUTC = badTime() }, "startUTC", "datetime"},
		{"productName too long", false, func(r *report.Report) { r.Header.ProductName = S(long(101)) }, "productName", "max"},
		{"origin too long", false, func(r *report.Report) { r.Header.Origin = S(long(101)) }, "origin", "max"},
		{"processName too long", false, func(r *report.Report) { r.Header.ProcessName = S(long(101)) }, "processName", "max"},
		// UUT block and root.
		{"uut missing", false, func(r *report.Report) { r.UUT = nil }, "uut", "required"},
		{"uut.user empty", false, func(r *report.Report) { r.UUT.User = S("") }, "uut.user", "required"},
		{"uut.user too long", false, func(r *report.Report) { r.UUT.User = S(long(101)) }, "uut.user", "max"},
		{"uut.comment too long", false, func(r *report.Report) { r.UUT.Comment = S(long(5001)) }, "uut.comment", "max"},
		{"uut.testSocketIndex overflow", false, func(r *report.Report) { r.UUT.TestSocketIndex = I(40000) }, "uut.testSocketIndex", "int16"},
		{"uut.errorCode overflow", false, func(r *report.Report) { r.UUT.ErrorCode = I(1 << 40) }, "uut.errorCode", "int32"},
		{"uut.batchSN too long", false, func(r *report.Report) { r.UUT.BatchSN = S(long(101)) }, "uut.batchSN", "max"},
		{"uut.fixtureId too long", false, func(r *report.Report) { r.UUT.FixtureID = S(long(101)) }, "uut.fixtureId", "max"},
		{"uut.batchFailCount overflow", false, func(r *report.Report) { r.UUT.BatchFailCount = I(-1 << 40) }, "uut.batchFailCount", "int32"},
		{"uut.batchLoopIndex not integer", false, func(r *report.Report) { r.UUT.BatchLoopIndex = badInt() }, "uut.batchLoopIndex", "int32"},
		{"uut.stepIdCausedUUTFailure overflow", false, func(r *report.Report) { r.UUT.StepIDCausedUUTFailure = I(1 << 33) }, "uut.stepIdCausedUUTFailure", "int32"},
		{"uur block on a UUT", false, func(r *report.Report) { r.UUR = &report.UURInfo{} }, "uur", "excluded_with"},
		{"root missing", false, func(r *report.Report) { r.Root = nil }, "root", "required"},
		{"root without seqCall", false, func(r *report.Report) { r.Root.SeqCall = nil }, "root.seqCall", "required"},
		{"root status contradicts result", false, func(r *report.Report) { r.Header.Result = S("F") }, "root.status", "eqfield"},
		// Steps.
		{"step id missing", false, func(r *report.Report) { step(r, 0).ID = report.Int{} }, "root.steps[0].id", "required"},
		{"step id duplicate", false, func(r *report.Report) { step(r, 1).ID = step(r, 0).ID }, "root.steps[1].id", "unique"},
		{"step id overflow", false, func(r *report.Report) { step(r, 0).ID = I(1 << 40) }, "root.steps[0].id", "int32"},
		{"step group odd", false, func(r *report.Report) { step(r, 0).Group = S("X") }, "root.steps[0].group", "oneof"},
		{"step group absent", false, func(r *report.Report) { step(r, 0).Group = report.Str{} }, "root.steps[0].group", "required"},
		{"step group two letters", false, func(r *report.Report) { step(r, 0).Group = S("MM") }, "root.steps[0].group", "oneof"},
		{"stepType empty", false, func(r *report.Report) { step(r, 0).StepType = S("") }, "root.steps[0].stepType", "required"},
		{"stepType too long", false, func(r *report.Report) { step(r, 0).StepType = S(long(101)) }, "root.steps[0].stepType", "max"},
		{"step name empty", false, func(r *report.Report) { step(r, 0).Name = S("") }, "root.steps[0].name", "required"},
		{"step name too long", false, func(r *report.Report) { step(r, 0).Name = S(long(101)) }, "root.steps[0].name", "max"},
		{"step name U+FFFE", false, func(r *report.Report) { step(r, 0).Name = S("a\ufffe") }, "root.steps[0].name", "xmlsafe"},
		{"step name C1 control", false, func(r *report.Report) { step(r, 0).Name = S("a\u0085") }, "root.steps[0].name", "xmlsafe"},
		{"step status U", false, func(r *report.Report) { step(r, 0).Status = S("U") }, "root.steps[0].status", "oneof"},
		{"step status absent", false, func(r *report.Report) { step(r, 0).Status = report.Str{} }, "root.steps[0].status", "required"},
		{"step status lower case", false, func(r *report.Report) { step(r, 0).Status = S("d") }, "root.steps[0].status", "oneof"},
		{"step errorCode overflow", false, func(r *report.Report) { step(r, 0).ErrorCode = I(1 << 31) }, "root.steps[0].errorCode", "range"},
		{"step interactiveExeNum not integer", false, func(r *report.Report) { step(r, 0).InteractiveExeNum = badInt() }, "root.steps[0].interactiveExeNum", "integer"},
		{"step tsGuid too long", false, func(r *report.Report) { step(r, 0).TSGuid = S("ID#:" + long(27)) }, "root.steps[0].tsGuid", "max"},
		{"step errorMessage NUL", false, func(r *report.Report) { step(r, 0).ErrorMessage = S("a\x00") }, "root.steps[0].errorMessage", "xmlsafe"},
		{"step reportText ESC", false, func(r *report.Report) { step(r, 0).ReportText = S("\x1b[1m") }, "root.steps[0].reportText", "xmlsafe"},
		{"step start unparsable", false, func(r *report.Report) { step(r, 0).Start = badTime() }, "root.steps[0].start", "datetime"},
		{"loop idx overflow", false, func(r *report.Report) { step(r, 0).Loop = &report.Loop{Idx: I(40000)} }, "root.steps[0].loop.idx", "range"},
		{"loop num underflow", false, func(r *report.Report) { step(r, 0).Loop = &report.Loop{Idx: report.NullInt(), Num: I(-40000)} }, "root.steps[0].loop.num", "range"},
		{"loop endingIndex overflow", false, func(r *report.Report) { step(r, 0).Loop = &report.Loop{EndingIndex: I(1 << 16)} }, "root.steps[0].loop.endingIndex", "range"},
		{"loop passed overflow", false, func(r *report.Report) { step(r, 0).Loop = &report.Loop{Passed: I(1 << 16)} }, "root.steps[0].loop.passed", "range"},
		{"loop failed not integer", false, func(r *report.Report) { step(r, 0).Loop = &report.Loop{Failed: badInt()} }, "root.steps[0].loop.failed", "integer"},
		{"two content blocks", false, func(r *report.Report) { step(r, 1, 0).SeqCall = &report.SeqCall{} }, "root.steps[1].steps[0]", "one-block"},
		{"steps without seqCall", false, func(r *report.Report) { step(r, 0).Steps = []*report.Step{step(r, 2)} }, "root.steps[0].steps", "required_with"},
		{"chart and attachment", false, func(r *report.Report) { step(r, 4).Attachment = step(r, 9).Attachment }, "root.steps[4].attachment", "excluded_with"},
		{"skipped step with content", false, func(r *report.Report) { step(r, 2).Status = S("S") }, "root.steps[2].status", "skipped-empty"},
		{"null step", false, func(r *report.Report) { r.Root.Steps[0] = nil }, "root.steps[0]", "required"},
		// Numeric measurements.
		{"numeric status odd", false, func(r *report.Report) { step(r, 1, 0).NumericMeas[0].Status = S("X") }, "root.steps[1].steps[0].numericMeas[0].status", "oneof"},
		{"numeric status D", false, func(r *report.Report) { step(r, 1, 0).NumericMeas[0].Status = S("D") }, "root.steps[1].steps[0].numericMeas[0].status", "oneof"},
		{"numeric status absent", false, func(r *report.Report) { step(r, 1, 0).NumericMeas[0].Status = report.Str{} }, "root.steps[1].steps[0].numericMeas[0].status", "required"},
		{"numeric value absent", false, func(r *report.Report) { step(r, 1, 0).NumericMeas[0].Value = report.Num{} }, "root.steps[1].steps[0].numericMeas[0].value", "required"},
		{"numeric value null", false, func(r *report.Report) { step(r, 1, 0).NumericMeas[0].Value = report.NullNum() }, "root.steps[1].steps[0].numericMeas[0].value", "required"},
		{"compOp absent", false, func(r *report.Report) { step(r, 1, 0).NumericMeas[0].CompOp = report.Str{} }, "root.steps[1].steps[0].numericMeas[0].compOp", "required"},
		{"GELE without lowLimit", false, func(r *report.Report) { step(r, 1, 0).NumericMeas[0].LowLimit = report.NullNum() }, "root.steps[1].steps[0].numericMeas[0].lowLimit", "required"},
		{"GELE without highLimit", false, func(r *report.Report) { step(r, 1, 0).NumericMeas[0].HighLimit = report.Num{} }, "root.steps[1].steps[0].numericMeas[0].highLimit", "required"},
		{"LT with highLimit", false, func(r *report.Report) { step(r, 1, 1).NumericMeas[0].HighLimit = report.NumOf(6) }, "root.steps[1].steps[1].numericMeas[0].highLimit", "excluded"},
		{"LT without lowLimit", false, func(r *report.Report) { step(r, 1, 1).NumericMeas[0].LowLimit = report.NullNum() }, "root.steps[1].steps[1].numericMeas[0].lowLimit", "required"},
		{"lower-case eq with highLimit", false, func(r *report.Report) {
			m := step(r, 1, 1).NumericMeas[0]
			m.CompOp, m.HighLimit = S("eq"), report.NumOf(1)
		}, "root.steps[1].steps[1].numericMeas[0].highLimit", "excluded"},
		{"numeric name too long", false, func(r *report.Report) { step(r, 1, 2).NumericMeas[0].Name = S(long(101)) }, "root.steps[1].steps[2].numericMeas[0].name", "max"},
		{"numeric unit control char", false, func(r *report.Report) { step(r, 1, 0).NumericMeas[0].Unit = S("V\x02") }, "root.steps[1].steps[0].numericMeas[0].unit", "xmlsafe"},
		{"multi numeric name null", false, func(r *report.Report) { step(r, 1, 2).NumericMeas[1].Name = report.NullStr() }, "root.steps[1].steps[2].numericMeas[1].name", "required"},
		{"multi numeric duplicate names", false, func(r *report.Report) { step(r, 1, 2).NumericMeas[1].Name = S("I_3V3") }, "root.steps[1].steps[2].numericMeas[1].name", "unique"},
		{"multi numeric empty name", false, func(r *report.Report) { step(r, 1, 2).NumericMeas[0].Name = S("") }, "root.steps[1].steps[2].numericMeas[0].name", "required"},
		{"passed step with failed measurement", false, func(r *report.Report) { step(r, 1, 0).NumericMeas[0].Status = S("F") }, "root.steps[1].steps[0].status", "status-rollup"},
		{"done step with failed measurement", false, func(r *report.Report) {
			step(r, 1, 2).NumericMeas[1].Status = S("F")
			step(r, 1, 2).Status = S("D")
		}, "root.steps[1].steps[2].status", "status-rollup"},
		{"null measurement", false, func(r *report.Report) { step(r, 1, 2).NumericMeas[1] = nil }, "root.steps[1].steps[2].numericMeas[1]", "required"},
		// String and pass/fail measurements.
		{"string status odd", false, func(r *report.Report) { step(r, 3).StringMeas[0].Status = S("E") }, "root.steps[3].stringMeas[0].status", "oneof"},
		{"string compOp absent", false, func(r *report.Report) { step(r, 3).StringMeas[0].CompOp = report.Str{} }, "root.steps[3].stringMeas[0].compOp", "required"},
		{"CASESENSIT without limit", false, func(r *report.Report) { step(r, 3).StringMeas[0].Limit = report.NullStr() }, "root.steps[3].stringMeas[0].limit", "required"},
		{"string value control char", false, func(r *report.Report) { step(r, 3).StringMeas[0].Value = S("\x03") }, "root.steps[3].stringMeas[0].value", "xmlsafe"},
		{"multi string duplicate names", false, func(r *report.Report) { step(r, 7).StringMeas[1].Name = S("a") }, "root.steps[7].stringMeas[1].name", "unique"},
		{"multi string name missing", false, func(r *report.Report) { step(r, 7).StringMeas[0].Name = report.Str{} }, "root.steps[7].stringMeas[0].name", "required"},
		{"boolean status D", false, func(r *report.Report) { step(r, 2).BooleanMeas[0].Status = S("D") }, "root.steps[2].booleanMeas[0].status", "oneof"},
		{"boolean status absent", false, func(r *report.Report) { step(r, 2).BooleanMeas[0].Status = report.Str{} }, "root.steps[2].booleanMeas[0].status", "required"},
		{"multi boolean duplicate names", false, func(r *report.Report) { step(r, 8).BooleanMeas[1].Name = S("c1") }, "root.steps[8].booleanMeas[1].name", "unique"},
		{"multi boolean failed but step passed", false, func(r *report.Report) { step(r, 8).BooleanMeas[1].Status = S("F") }, "root.steps[8].status", "status-rollup"},
		// Blocks.
		{"seqCall path too long", false, func(r *report.Report) { step(r, 1).SeqCall.Path = S(long(501)) }, "root.steps[1].seqCall.path", "max"},
		{"seqCall name too long", false, func(r *report.Report) { step(r, 1).SeqCall.Name = S(long(201)) }, "root.steps[1].seqCall.name", "max"},
		{"root seqCall version too long", false, func(r *report.Report) { r.Root.SeqCall.Version = S(long(31)) }, "root.seqCall.version", "max"},
		{"popup response too long", false, func(r *report.Report) { step(r, 6).MessagePopup.Response = S(long(101)) }, "root.steps[6].messagePopup.response", "max"},
		{"popup button overflow", false, func(r *report.Report) { step(r, 6).MessagePopup.Button = I(40000) }, "root.steps[6].messagePopup.button", "int16"},
		{"chart type odd", false, func(r *report.Report) { step(r, 4).Chart.ChartType = S("Bar") }, "root.steps[4].chart.chartType", "charttype"},
		{"chart type absent", false, func(r *report.Report) { step(r, 4).Chart.ChartType = report.NullStr() }, "root.steps[4].chart.chartType", "required"},
		{"chart label too long", false, func(r *report.Report) { step(r, 4).Chart.Label = S(long(101)) }, "root.steps[4].chart.label", "max"},
		{"chart xUnit too long", false, func(r *report.Report) { step(r, 4).Chart.XUnit = S(long(51)) }, "root.steps[4].chart.xUnit", "max"},
		{"chart yLabel too long", false, func(r *report.Report) { step(r, 4).Chart.YLabel = S(long(101)) }, "root.steps[4].chart.yLabel", "max"},
		{"chart without series", false, func(r *report.Report) { step(r, 4).Chart.Series = nil }, "root.steps[4].chart.series", "min"},
		{"series ydata not numbers", false, func(r *report.Report) { step(r, 4).Chart.Series[0].YData = S("1;x;3") }, "root.steps[4].chart.series[0].ydata", "numbers"},
		{"series xdata count", false, func(r *report.Report) { step(r, 4).Chart.Series[0].XData = S("0;1") }, "root.steps[4].chart.series[0].xdata", "eqcount"},
		{"series xdata not numbers", false, func(r *report.Report) { step(r, 4).Chart.Series[0].XData = S("a;b;c") }, "root.steps[4].chart.series[0].xdata", "numbers"},
		{"series name empty", false, func(r *report.Report) { step(r, 4).Chart.Series[0].Name = S("") }, "root.steps[4].chart.series[0].name", "required"},
		{"series dataType absent", false, func(r *report.Report) { step(r, 4).Chart.Series[0].DataType = report.Str{} }, "root.steps[4].chart.series[0].dataType", "required"},
		{"attachment name empty", false, func(r *report.Report) { step(r, 9).Attachment.Name = S("") }, "root.steps[9].attachment.name", "required"},
		{"attachment data not base64", false, func(r *report.Report) { step(r, 9).Attachment.Data = S("***") }, "root.steps[9].attachment.data", "base64wsjf"},
		{"attachment contentType too long", false, func(r *report.Report) { step(r, 9).Attachment.ContentType = S(long(101)) }, "root.steps[9].attachment.contentType", "max"},
		{"additionalResults name empty", false, func(r *report.Report) { step(r, 0).AdditionalResults[0].Name = S("") }, "root.steps[0].additionalResults[0].name", "required"},
		// Header arrays.
		{"misc description empty", false, func(r *report.Report) { r.MiscInfos[0].Description = S("") }, "miscInfos[0].description", "required"},
		{"misc text too long", false, func(r *report.Report) { r.MiscInfos[0].Text = S(long(101)) }, "miscInfos[0].text", "max"},
		{"misc numeric overflow", false, func(r *report.Report) { r.MiscInfos[0].Numeric = I(40000) }, "miscInfos[0].numeric", "int16"},
		{"misc id not a GUID", false, func(r *report.Report) { r.MiscInfos[0].ID = S("x") }, "miscInfos[0].id", "guid"},
		{"misc null element", false, func(r *report.Report) { r.MiscInfos[0] = nil }, "miscInfos[0]", "required"},
		{"subunit pn empty", false, func(r *report.Report) { r.SubUnits[0].PN = S("") }, "subUnits[0].pn", "required"},
		{"subunit partType too long", false, func(r *report.Report) { r.SubUnits[0].PartType = S(long(51)) }, "subUnits[0].partType", "max"},
		{"subunit position overflow", false, func(r *report.Report) { r.SubUnits[0].Position = I(40000) }, "subUnits[0].position", "int16"},
		{"asset sn empty", false, func(r *report.Report) { r.Assets[0].AssetSN = S("") }, "assets[0].assetSN", "required"},
		{"asset usageCount absent", false, func(r *report.Report) { r.Assets[0].UsageCount = report.Int{} }, "assets[0].usageCount", "required"},
		{"asset usageCount overflow", false, func(r *report.Report) { r.Assets[0].UsageCount = I(1 << 32) }, "assets[0].usageCount", "int32"},
		{"additionalData name too long", false, func(r *report.Report) { r.AdditionalData[0].Name = S(long(201)) }, "additionalData[0].name", "max"},
		{"binaryData data not base64", false, func(r *report.Report) {
			r.BinaryData = []*report.BinaryData{{ContentType: S("text/plain"), Data: S("%%"), Name: S("a")}}
		}, "binaryData[0].data", "base64wsjf"},
		// UUR.
		{"uur block missing", true, func(r *report.Report) { r.UUR = nil }, "uur", "required"},
		{"uur.user empty", true, func(r *report.Report) { r.UUR.User = S("") }, "uur.user", "required"},
		{"uur.processCode absent", true, func(r *report.Report) { r.UUR.ProcessCode = report.Int{} }, "uur.processCode", "required"},
		{"uur.processCode overflow", true, func(r *report.Report) { r.UUR.ProcessCode = I(-40000) }, "uur.processCode", "int16"},
		{"uur.refUUT not a GUID", true, func(r *report.Report) { r.UUR.RefUUT = S("abc") }, "uur.refUUT", "guid"},
		{"uur.parent not a GUID", true, func(r *report.Report) { r.UUR.Parent = S("abc") }, "uur.parent", "guid"},
		{"uur.confirmDate unparsable", true, func(r *report.Report) { r.UUR.ConfirmDate = badTime() }, "uur.confirmDate", "datetime"},
		{"uur.children element not a GUID", true, func(r *report.Report) { r.UUR.Children = []report.Str{S("nope")} }, "uur.children[0]", "guid"},
		{"uur.comment too long", true, func(r *report.Report) { r.UUR.Comment = S(long(5001)) }, "uur.comment", "max"},
		{"root on a UUR", true, func(r *report.Report) { r.Root = &report.Step{} }, "root", "excluded_with"},
		{"uut block on a UUR", true, func(r *report.Report) { r.UUT = &report.UUTInfo{} }, "uut", "excluded_with"},
		{"no sub-units", true, func(r *report.Report) { r.SubUnits = nil }, "subUnits", "min"},
		{"sub-unit without idx", true, func(r *report.Report) { r.SubUnits[1].Idx = report.Int{} }, "subUnits[1].idx", "required"},
		{"duplicate idx", true, func(r *report.Report) { r.SubUnits[1].Idx = I(0) }, "subUnits[1].idx", "unique"},
		{"no main unit", true, func(r *report.Report) { r.SubUnits[0].Idx = I(7) }, "subUnits", "main-unit"},
		{"parentIdx dangling", true, func(r *report.Report) { r.SubUnits[1].ParentIdx = I(9) }, "subUnits[1].parentIdx", "ref"},
		{"replacedIdx dangling", true, func(r *report.Report) { r.SubUnits[1].ReplacedIdx = I(9) }, "subUnits[1].replacedIdx", "ref"},
		{"failure category empty", true, func(r *report.Report) { r.SubUnits[0].Failures[0].Category = S("") }, "subUnits[0].failures[0].category", "required"},
		{"failure code absent", true, func(r *report.Report) { r.SubUnits[0].Failures[0].Code = report.Str{} }, "subUnits[0].failures[0].code", "required"},
		{"failure comRef too long", true, func(r *report.Report) { r.SubUnits[0].Failures[0].ComRef = S(long(51)) }, "subUnits[0].failures[0].comRef", "max"},
		{"failure refStepId overflow", true, func(r *report.Report) { r.SubUnits[0].Failures[0].RefStepID = I(1 << 35) }, "subUnits[0].failures[0].refStepId", "int32"},
		{"failure attachment name empty", true, func(r *report.Report) { r.SubUnits[0].Failures[0].Attachments[0].Name = S("") }, "subUnits[0].failures[0].attachments[0].name", "required"},
		{"binaryData contentType empty", true, func(r *report.Report) { r.BinaryData[0].ContentType = S("") }, "binaryData[0].contentType", "required"},
		{"binaryData id not a GUID", true, func(r *report.Report) { r.BinaryData[0].ID = S("1") }, "binaryData[0].id", "guid"},
		{"binaryData name too long", true, func(r *report.Report) { r.BinaryData[0].Name = S(long(257)) }, "binaryData[0].name", "max"},
	}
}

func TestValidateReportsExactPaths(t *testing.T) {
	cases := validationCases()
	require.GreaterOrEqual(t, len(cases), 100)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var r *report.Report
			if tc.uur {
				r = validUUR(t)
			} else {
				r = validUUT(t)
			}
			tc.mutate(r)
			err := r.Validate()
			require.Error(t, err)
			assert.True(t, errors.Is(err, errs.ErrValidation))
			var ve *errs.ValidationError
			require.True(t, errors.As(err, &ve))
			assert.Equal(t, "report.Validate", ve.Op)
			for _, f := range ve.Fields {
				if f.Path == tc.path && strings.HasPrefix(f.Rule, tc.rule) {
					assert.NotEmpty(t, f.Message)
					return
				}
			}
			t.Fatalf("no violation %s (%s); got %v", tc.path, tc.rule, ve.Fields)
		})
	}
}

func TestValidateListsEveryViolation(t *testing.T) {
	r := validUUT(t)
	r.Header.PN = report.StrOf("")
	r.UUT.User = report.StrOf("")
	step(r, 1, 0).NumericMeas[0].LowLimit = report.NullNum()
	err := r.Validate()
	var ve *errs.ValidationError
	require.True(t, errors.As(err, &ve))
	paths := map[string]bool{}
	for _, f := range ve.Fields {
		paths[f.Path] = true
	}
	assert.True(t, paths["pn"])
	assert.True(t, paths["uut.user"])
	assert.True(t, paths["root.steps[1].steps[0].numericMeas[0].lowLimit"])
	assert.Contains(t, err.Error(), "root.steps[1].steps[0].numericMeas[0].lowLimit")
}

func TestValidateAcceptsAllFixtures(t *testing.T) {
	for _, name := range allFixtures(t) {
		r, err := report.Parse(loadFixture(t, name))
		require.NoError(t, err)
		assert.NoError(t, r.Validate(), name)
	}
}

func TestWarnings(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(r *report.Report)
		path   string
	}{
		{"search characters in sn", func(r *report.Report) { r.Header.SN = report.StrOf("SN/1") }, "sn"},
		{"search characters in pn", func(r *report.Report) { r.Header.PN = report.StrOf("P*") }, "pn"},
		{"start before 1970", func(r *report.Report) { r.Header.Start = report.TimeOf(time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC)) }, "start"},
		{"NaN value", func(r *report.Report) { step(r, 1, 2).NumericMeas[1].Value = report.NumOf(nan()) }, "root.steps[1].steps[2].numericMeas[1].value"},
		{"infinite limit", func(r *report.Report) { step(r, 1, 0).NumericMeas[0].HighLimit = report.NumOf(inf()) }, "root.steps[1].steps[0].numericMeas[0].highLimit"},
		{"low above high", func(r *report.Report) { step(r, 1, 0).NumericMeas[0].LowLimit = report.NumOf(4) }, "root.steps[1].steps[0].numericMeas[0].lowLimit"},
		{"unknown compOp", func(r *report.Report) { step(r, 1, 0).NumericMeas[0].CompOp = report.StrOf("EQT") }, "root.steps[1].steps[0].numericMeas[0].compOp"},
		{"unknown string compOp", func(r *report.Report) { step(r, 3).StringMeas[0].CompOp = report.StrOf("Fuzzy") }, "root.steps[3].stringMeas[0].compOp"},
		{"flag on passing step", func(r *report.Report) { step(r, 2).CausedUUTFailure = report.BoolOf(true) }, "root.steps[2].causedUUTFailure"},
		{"binaryData on a UUT", func(r *report.Report) {
			r.BinaryData = []*report.BinaryData{{ContentType: report.StrOf("a/b"), Data: report.StrOf("aGk="), Name: report.StrOf("n")}}
		}, "binaryData"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := validUUT(t)
			require.Empty(t, r.Warnings())
			tc.mutate(r)
			var paths []string
			for _, w := range r.Warnings() {
				paths = append(paths, w.Path)
			}
			assert.Contains(t, paths, tc.path)
		})
	}
	uur := validUUR(t)
	uur.UUR.ProcessCode = report.IntOf(500)
	require.Len(t, uur.Warnings(), 1)
	assert.Equal(t, "uur.processCode", uur.Warnings()[0].Path)
}

func nan() float64 { return zero / zero }
func inf() float64 { return 1 / zero }

var zero float64
