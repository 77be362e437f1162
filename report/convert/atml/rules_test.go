package atml

import (
	"context"
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convtest"
)

// doc601 wraps a ResultSet body (steps after the root's Extension and
// Outcome) and a UUT body into a 6.01 collection.
func doc601(steps, uut string) string {
	return `<?xml version="1.0" encoding="iso-8859-1"?>
<trc:TestResultsCollection xmlns:trc="urn:IEEE-1636.1:2013:TestResultsCollection" xmlns:tr="urn:IEEE-1636.1:2013:TestResults" xmlns:c="urn:IEEE-1671:2010:Common" xmlns:ts="www.ni.com/TestStand/ATMLTestResults/3.0">
<trc:TestResults>
<tr:ResultSet name="C:\seq\x.seq#MainSequence" startDateTime="2024-01-02T03:04:05.5" endDateTime="2024-01-02T03:04:06.75">
<tr:Extension><ts:TSStepProperties><ts:StepType>SequenceCall</ts:StepType><ts:StepGroup>Main</ts:StepGroup></ts:TSStepProperties></tr:Extension>
<tr:Outcome value="Failed"/>` + steps + `
</tr:ResultSet>
<tr:UUT>` + uut + `<c:SerialNumber>SN1</c:SerialNumber></tr:UUT>
</trc:TestResults>
</trc:TestResultsCollection>`
}

func test(name, stepType, outcome, body string) string {
	return `<tr:Test name="` + name + `"><tr:Extension><ts:TSStepProperties><ts:StepType>` + stepType +
		`</ts:StepType><ts:StepGroup>Main</ts:StepGroup></ts:TSStepProperties></tr:Extension>` + outcome + body + `</tr:Test>`
}

func numResult(name, value, limits, ext string) string {
	return `<tr:TestResult name="` + name + `"><tr:TestData><c:Datum value="` + value + `" nonStandardUnit="V"/></tr:TestData>` +
		limits + ext + `</tr:TestResult>`
}

const (
	passed     = `<tr:Outcome value="Passed"/>`
	failed     = `<tr:Outcome value="Failed"/>`
	geleLimits = `<tr:TestLimits><tr:Limits><c:LimitPair operator="AND"><c:Limit comparator="GE"><c:Datum value="1"/></c:Limit><c:Limit comparator="LE"><c:Datum value="2"/></c:Limit></c:LimitPair></tr:Limits></tr:TestLimits>`
)

// eqtLimits is a 5.00/6.01 EQT test: nominal 5 ± 10 %, written as a pair.
const eqtLimits = `<tr:TestLimits><tr:Limits><c:LimitPair operator="AND"><c:Limit comparator="GE"><c:Datum value="10"/></c:Limit><c:Limit comparator="LE"><c:Datum value="10"/></c:Limit></c:LimitPair>` +
	`<c:Extension><ts:TSLimitProperties><ts:ThresholdType value="percentage"/><ts:RawLimits><ts:Nominal value="5"/><ts:Low value="10"/><ts:High value="20"/></ts:RawLimits></ts:TSLimitProperties></c:Extension></tr:Limits></tr:TestLimits>`

var synthetic = []string{
	doc601(test("Multi", "NI_MultipleNumericLimitTest", failed,
		numResult("a", "1.5", geleLimits, "")+
			numResult("b", "0x1F", `<tr:TestLimits><tr:Limits><c:SingleLimit comparator="LT"><c:Datum value="3"/></c:SingleLimit></tr:Limits></tr:TestLimits>`, failed)+
			numResult("c", "inf", `<tr:TestLimits><tr:Limits><c:Expected comparator="NE"><c:Datum value="4"/></c:Expected></tr:Limits></tr:TestLimits>`, "")+
			numResult("d", "NaN", "", `<tr:Extension><ts:TSLimitProperties><ts:IsComparisonTypeLog value="true"/></ts:TSLimitProperties></tr:Extension>`)+
			`<tr:TestResult name="extra"><tr:TestData><c:Datum value="9"/></tr:TestData></tr:TestResult>`+
			`<tr:TestResult name="ReportText"><tr:TestData><c:Datum><c:Value> from result </c:Value></c:Datum></tr:TestData></tr:TestResult>`)+
		test("EQT", "NumericLimitTest", passed, numResult("x", "5.2", eqtLimits, ""))+
		test("Str ci", "StringValueTest", passed, `<tr:TestResult name="s"><tr:TestData><c:Datum><c:Value>Hello</c:Value></c:Datum></tr:TestData><tr:TestLimits><tr:Limits><c:Expected comparator="CIEQ"><c:Datum><c:Value>hello</c:Value></c:Datum></c:Expected></tr:Limits></tr:TestLimits></tr:TestResult>`)+
		test("Str re", "StringValueTest", `<tr:Outcome value="Error"/>`, `<tr:TestResult name="s"><tr:TestData><c:Datum><c:Value>abc</c:Value></c:Datum></tr:TestData><tr:TestLimits><tr:Limits><c:Expected comparator="RegularExpressionCaseSensitive"><c:Datum><c:Value>a.c</c:Value></c:Datum></c:Expected></tr:Limits></tr:TestLimits></tr:TestResult>`)+
		test("Custom", "PassFailTest", `<tr:Outcome value="UserDefined" qualifier="Tommy"/>`, "")+
		test("Popup", "MessagePopup", passed, "")+
		`<tr:TestResult name="stray"><tr:Extension><ts:TSLimitProperties/></tr:Extension></tr:TestResult>`,
		`<c:Definition><c:Identification><c:IdentificationNumbers><c:IdentificationNumber number=" PN-7 "/></c:IdentificationNumbers></c:Identification>`+
			`<c:Extension><ts:TSCollection><c:Item name="AdditionalData"><c:Collection><c:Item name="Manufacturer"><c:Collection><c:Item name="Name"><c:Datum><c:Value> ACME </c:Value></c:Datum></c:Item></c:Collection></c:Item></c:Collection></c:Item></ts:TSCollection></c:Extension></c:Definition>`),
	// 2.02 EQT: the threshold sits in TestResult/Extension beside the raw pair.
	`<?xml version="1.0"?><tr:TestResults xmlns:tr="http://www.ieee.org/ATML/2007/TestResults" xmlns:c="http://www.ieee.org/ATML/2006/Common" xmlns:ts="www.ni.com/TestStand/ATMLTestResults/1.0">
<tr:ResultSet name="a.seq" startDateTime="2019-05-15T14:30:27+02:00" endDateTime="2019-05-15T14:30:28+02:00"><tr:Outcome value="Passed"/>
<tr:TestGroup name="a.seq#MainSequence"><tr:Extension><ts:TSStepProperties><ts:StepType>SequenceCall</ts:StepType><ts:StepGroup>Main</ts:StepGroup></ts:TSStepProperties></tr:Extension><tr:Outcome value="Passed"/>` +
		test("EQT202", "NumericLimitTest", passed, `<tr:TestResult ID="Numeric"><tr:TestData><c:Datum value="5"/></tr:TestData><tr:TestLimits><tr:Limits><c:LimitPair operator="AND"><c:Limit comparator="GE"><c:Datum value="10"/></c:Limit><c:Limit comparator="LE"><c:Datum value="10"/></c:Limit></c:LimitPair></tr:Limits></tr:TestLimits><tr:Extension><ts:TSLimitProperties><ts:ThresholdType value="percentage"/><ts:RawLimits><ts:Nominal value="5"/><ts:Low value="10"/><ts:High value="10"/></ts:RawLimits></ts:TSLimitProperties></tr:Extension></tr:TestResult>`) +
		`<tr:TestGroup name="a.seq#Sub" callerName="Sub call"><tr:Extension><ts:Other/></tr:Extension><tr:Test name="inside"/></tr:TestGroup>` +
		`</tr:TestGroup></tr:ResultSet><tr:TestStation><c:SerialNumber> ST </c:SerialNumber></tr:TestStation><tr:UUT><c:SerialNumber>S2</c:SerialNumber></tr:UUT></tr:TestResults>`,
}

func convertString(t *testing.T, doc string, params convert.Params) ([]*report.Report, []string, error) {
	t.Helper()
	src, warns := testSource(t, "synthetic.xml", []byte(doc), params)
	rs, err := New().Convert(context.Background(), src)
	return rs, *warns, err
}

func TestSyntheticRules601(t *testing.T) {
	rs, warns, err := convertString(t, synthetic[0], nil)
	require.NoError(t, err)
	require.Len(t, rs, 1)
	r := rs[0]
	require.NoError(t, r.Finalize())
	require.NoError(t, r.Validate())
	assert.Equal(t, "PN-7", r.Header.PN.Value(), "first IdentificationNumber, trimmed")
	assert.Equal(t, "SN1", r.Header.SN.Value())
	assert.Equal(t, "oper", r.UUT.User.Value(), "no Personnel: the default operator")
	assert.Equal(t, "CONV-PC", r.Header.MachineName.Value(), "no TestStation: Defaults.Station")
	assert.InDelta(t, 1.25, r.UUT.ExecTime.Float(), 1e-9)
	require.Len(t, r.AdditionalData, 1)
	assert.Equal(t, "Manufacturer.Name", r.AdditionalData[0].Name.Value())
	require.Len(t, r.AdditionalData[0].Props, 1)
	assert.Equal(t, "ACME", r.AdditionalData[0].Props[0].Value.Value())

	s := convtest.Summarize(r)
	multi := s.ByID[2]
	assert.Equal(t, "ET_MNLT", multi.StepType.Value())
	assert.Equal(t, "F", multi.Status.Value())
	assert.Equal(t, " from result ", multi.ReportText.Value(), "the ReportText result, untrimmed")
	require.Len(t, multi.NumericMeas, 4, "results without limits are dropped")
	a, b, c, d := multi.NumericMeas[0], multi.NumericMeas[1], multi.NumericMeas[2], multi.NumericMeas[3]
	assert.Equal(t, []string{"a", "b", "c", "d"}, []string{a.Name.Value(), b.Name.Value(), c.Name.Value(), d.Name.Value()})
	assert.Equal(t, "GELE", a.CompOp.Value())
	assert.Equal(t, [3]float64{1.5, 1, 2}, [3]float64{a.Value.Float(), a.LowLimit.Float(), a.HighLimit.Float()})
	assert.Equal(t, "F", a.Status.Value(), "no own outcome: the step's")
	assert.Equal(t, "LT", b.CompOp.Value())
	assert.Equal(t, 31.0, b.Value.Float(), "0x1F is hexadecimal")
	assert.Equal(t, 3.0, b.LowLimit.Float())
	assert.Equal(t, "F", b.Status.Value())
	assert.Equal(t, "NE", c.CompOp.Value())
	assert.True(t, math.IsInf(c.Value.Float(), 1))
	assert.Equal(t, "LOG", d.CompOp.Value(), "IsComparisonTypeLog alone is LOG (D-12)")
	assert.True(t, math.IsNaN(d.Value.Float()))
	assert.Equal(t, report.Null, d.LowLimit.State())
	assert.Equal(t, "V", d.Unit.Value())

	eqt := s.ByID[3]
	m := numMeas(t, eqt)
	assert.Equal(t, "GELE", m.CompOp.Value())
	assert.InDelta(t, 4.5, m.LowLimit.Float(), 1e-12, "nominal − 10 %")
	assert.InDelta(t, 6.0, m.HighLimit.Float(), 1e-12, "nominal + 20 %")
	assert.Equal(t, "P", m.Status.Value())

	ci := s.ByID[4]
	require.Len(t, ci.StringMeas, 1)
	assert.Equal(t, "IGNORECASE", ci.StringMeas[0].CompOp.Value())
	assert.Equal(t, "hello", ci.StringMeas[0].Limit.Value())
	assert.Equal(t, "Hello", ci.StringMeas[0].Value.Value())
	re := s.ByID[5]
	assert.Equal(t, "E", re.Status.Value())
	assert.Equal(t, "CASESENSIT", re.StringMeas[0].CompOp.Value())
	assert.Equal(t, "F", re.StringMeas[0].Status.Value(), "E maps to a failed measurement")

	custom := s.ByID[6]
	assert.Equal(t, "D", custom.Status.Value(), "a custom qualifier is Done")
	assert.Equal(t, "P", custom.BooleanMeas[0].Status.Value())
	assert.Equal(t, 6, s.Steps, "MessagePopup and the stray TestResult are not steps")
	assert.Contains(t, strings.Join(warns, "\n"), `dropped 1 Test step(s) of unhandled type "MessagePopup"`)
}

func TestSyntheticRules202(t *testing.T) {
	rs, _, err := convertString(t, synthetic[1], nil)
	require.NoError(t, err)
	r := rs[0]
	require.NoError(t, r.Finalize())
	require.NoError(t, r.Validate())
	b, _ := r.Header.Start.MarshalJSON()
	assert.Equal(t, `"2019-05-15T14:30:27+02:00"`, string(b), "an offset in the file is kept")
	assert.Equal(t, "ST", r.Header.MachineName.Value())
	s := convtest.Summarize(r)
	assert.Equal(t, 2, s.Steps, "the TestGroup without TSStepProperties is skipped with its children (D-11)")
	m := numMeas(t, s.ByID[2])
	assert.Equal(t, "GELE", m.CompOp.Value())
	assert.InDelta(t, 4.5, m.LowLimit.Float(), 1e-12, "2.02 thresholds are applied (D-13)")
	assert.InDelta(t, 5.5, m.HighLimit.Float(), 1e-12)
}

func TestParams(t *testing.T) {
	t.Run("keepUnknownTests", func(t *testing.T) {
		rs, _, err := convertString(t, synthetic[0], convert.Params{ParamKeepUnknownTests: "true", ParamOperator: "op9", ParamPartRevision: "B", ParamSequenceVersion: "2.1"})
		require.NoError(t, err)
		r := rs[0]
		require.NoError(t, r.Finalize())
		s := convtest.Summarize(r)
		assert.Equal(t, 1, s.ByType["MessagePopup"])
		assert.Equal(t, "op9", r.UUT.User.Value())
		assert.Equal(t, "B", r.Header.Rev.Value())
		assert.Equal(t, "2.1", r.Root.SeqCall.Version.Value())
	})
	t.Run("strict refuses a non-step Extension", func(t *testing.T) {
		_, _, err := convertString(t, synthetic[1], convert.Params{ParamStrict: "true"})
		var me *convert.MalformedError
		require.True(t, errors.As(err, &me), "%v", err)
		assert.Equal(t, "/TestResults/ResultSet[1]/TestGroup[1]/TestGroup[1]", me.Path)
	})
	t.Run("operation name through the resolver", func(t *testing.T) {
		_, _, err := convertString(t, synthetic[0], convert.Params{ParamOperationTypeCode: "SW Debug"})
		assert.ErrorIs(t, err, convert.ErrUnknownProcess, "no resolver configured")
	})
	t.Run("bad boolean", func(t *testing.T) {
		_, _, err := convertString(t, synthetic[0], convert.Params{ParamStrict: "maybe"})
		assert.Error(t, err)
	})
}

func TestMalformed(t *testing.T) {
	data := string(readFixture(t, file500))
	tests := []struct {
		name, doc, path, msg string
		line                 int
		unknown              bool
	}{
		{name: "bad number", doc: strings.Replace(data, `value = "4"`, `value = "four"`, 1),
			path: "/TestResultsCollection/TestResults[1]/ResultSet[1]/Test[5]", msg: `value "four" is not a number`},
		{name: "truncated", doc: data[:len(data)/2], msg: "unexpected EOF"},
		{name: "bad group", doc: strings.Replace(data, "<ts:StepGroup>Cleanup", "<ts:StepGroup>Teardown", 1), msg: `step group "Teardown"`,
			path: "/TestResultsCollection/TestResults[1]/ResultSet[1]/SessionAction[8]/Extension[1]/TSStepProperties[1]/StepGroup[1]"},
		{name: "no UUT", doc: strings.Replace(strings.Replace(data, "<tr:UUT>", "<tr:UUX>", 1), "</tr:UUT>", "</tr:UUX>", 1), msg: "no UUT element",
			path: "/TestResultsCollection/TestResults[1]"},
		{name: "result Done", doc: strings.Replace(data, `<tr:Outcome value="Failed" />`, `<tr:Outcome value="Done" />`, 1), msg: "not a report result"},
		{name: "not ATML", doc: `<Reports xmlns="http://wats.virinco.com/schemas/WATS/Report/wsxf"/>`, unknown: true},
		{name: "mismatched tag", doc: strings.Replace(data, "</tr:TestStation>", "</tr:TestStationX>", 1), msg: "element <TestStation> closed by </TestStationX>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := convertString(t, tt.doc, nil)
			require.Error(t, err)
			if tt.unknown {
				assert.ErrorIs(t, err, convert.ErrUnknownFormat)
				return
			}
			var me *convert.MalformedError
			require.True(t, errors.As(err, &me), "%T %v", err, err)
			assert.ErrorIs(t, err, convert.ErrMalformed)
			assert.Equal(t, Name, me.Converter)
			assert.Contains(t, me.Error(), tt.msg)
			if tt.path != "" {
				assert.Equal(t, tt.path, me.Path)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	c := New()
	assert.Equal(t, convert.No, c.Sniff([]byte(`<Reports xmlns="http://wats.virinco.com/schemas/WATS/Report/wsxf"/>`)))
	assert.Equal(t, convert.No, c.Sniff([]byte(`--Header-Start--`)))
	assert.Equal(t, convert.No, c.Sniff([]byte(`<TestResults/>`)), "the namespace is part of the signature")
	assert.Equal(t, convert.Certain, c.Sniff([]byte("\xEF\xBB\xBF<!-- x --><!DOCTYPE x><?pi?><tr:TestResults xmlns:tr=\"http://www.ieee.org/ATML/2007/TestResults\">")))
	assert.Equal(t, convert.Certain, c.Sniff(readFixture(t, fileBatch)[:1000]), "a head cut inside the document")
	assert.Equal(t, "atml", c.Name())
	assert.Contains(t, c.Patterns(), "*.xml")
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	src, _ := testSource(t, "x", readFixture(t, file500), nil)
	_, err := New().Convert(ctx, src)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestLatin1Names(t *testing.T) {
	doc := strings.Replace(synthetic[0], `name="Multi"`, "name=\"M\xe4tning \xf6l\"", 1)
	rs, _, err := convertString(t, doc, nil)
	require.NoError(t, err)
	require.NoError(t, rs[0].Finalize())
	assert.Equal(t, "Mätning öl", convtest.Summarize(rs[0]).ByID[2].Name.Value())
}

func TestUTF16(t *testing.T) {
	doc := strings.Replace(synthetic[0], `encoding="iso-8859-1"`, `encoding="utf-16"`, 1)
	u := []byte{0xFF, 0xFE}
	for _, c := range doc {
		u = append(u, byte(c), byte(c>>8))
	}
	assert.Equal(t, convert.Certain, New().Sniff(u))
	rs, _, err := convertString(t, string(u), nil)
	require.NoError(t, err)
	assert.Equal(t, "PN-7", rs[0].Header.PN.Value())
}
