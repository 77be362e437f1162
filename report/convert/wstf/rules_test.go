package wstf

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

// uutText builds one UUT block from header and step lines ("|" stands for TAB).
func uutText(header, steps string, end bool) string {
	var b strings.Builder
	b.WriteString("--Header-Start--\nSerialNumber|SN1\nPartNumber|PN1\nRevision|A\n")
	b.WriteString(header)
	b.WriteString("--Step-Data-Start--\nStepType|StepName|MeasureName|Value|LowLimit|HighLimit|CompOperator|Unit|StepStatus|StepExecutionTime|StepReportText|StepErrorCode|StepErrorMessage|CausedSequenceFailure\n")
	b.WriteString(steps)
	b.WriteString("--Step-Data-End--\n")
	if end {
		b.WriteString("--UUT-End--\n")
	}
	return strings.ReplaceAll(b.String(), "|", "\t")
}

func convertString(t *testing.T, text string, params convert.Params) ([]*report.Report, []string, error) {
	t.Helper()
	var warns []string
	src := source([]byte(text), &warns)
	src.Params = params
	rs, err := New().Convert(context.Background(), src)
	if err == nil {
		for _, r := range rs {
			require.NoError(t, r.Finalize())
			require.NoError(t, r.Validate())
		}
	}
	return rs, warns, err
}

func TestSeveralUUTsAndMissingEnd(t *testing.T) {
	text := uutText("", "NumericLimitTest|a||1|0|2|GELE|V\n", true) +
		uutText("UUTStatus|Passed\n", "PassFailTest|b||false\n", false)
	rs, warns, err := convertText2(t, text)
	require.NoError(t, err)
	require.Len(t, rs, 2)
	assert.Equal(t, "P", rs[0].Header.Result.Value())
	assert.Equal(t, "F", rs[1].Header.Result.Value(), "a failing measurement raises the header's Passed (Active)")
	assert.NotEqual(t, rs[0].Header.ID.Value(), rs[1].Header.ID.Value())
	assert.Len(t, warns, 1)
	assert.Contains(t, warns[0], "ends without --UUT-End--")
}

func convertText2(t *testing.T, text string) ([]*report.Report, []string, error) {
	return convertString(t, text, nil)
}

func TestActiveEvaluationAndPropagation(t *testing.T) {
	steps := "SequenceCall|Outer\n" +
		"SequenceCall|Inner\n" +
		"NumericLimitTest|n||5|1|3|GELE|V\n" + // evaluated: F
		"EndSequenceCall|Inner\n" +
		"StringValueTest|s||abc|ABC||IGNORECASE\n" + // evaluated: P
		"EndSequenceCall\n" +
		"ActionStep|err|||||||Error\n"
	rs, _, err := convertText2(t, uutText("", steps, true))
	require.NoError(t, err)
	s := convtest.Summarize(rs[0])
	assert.Equal(t, "E", rs[0].Header.Result.Value(), "Error raises the result above F")
	assert.Equal(t, "E", s.ByID[1].Status.Value())
	assert.Equal(t, "F", s.ByID[2].Status.Value(), "Outer took the inner failure")
	assert.Equal(t, "F", s.ByID[3].Status.Value())
	n := s.ByID[4]
	assert.Equal(t, "F", n.Status.Value())
	assert.Equal(t, "F", n.NumericMeas[0].Status.Value())
	str := s.ByID[5]
	assert.Equal(t, "P", str.StringMeas[0].Status.Value())
	assert.Equal(t, "Action", s.ByID[6].StepType.Value())
	assert.Equal(t, "E", s.ByID[6].Status.Value())
}

func TestImportMode(t *testing.T) {
	steps := "NumericLimitTest|n||5|1|3|GELE|V\n" + // not evaluated: P
		"NumericLimitTest|m|x|5|1|3|GELE|V|Failed\n" // applied, not propagated
	rs, _, err := convertText2(t, uutText("ConverterMode|Import\n", steps, true))
	require.NoError(t, err)
	s := convtest.Summarize(rs[0])
	assert.Equal(t, "P", rs[0].Header.Result.Value())
	assert.Equal(t, "P", s.ByID[1].Status.Value())
	assert.Equal(t, "P", s.ByID[2].NumericMeas[0].Status.Value())
	assert.Equal(t, "F", s.ByID[3].Status.Value())
	assert.Equal(t, "ET_MNLT", s.ByID[3].StepType.Value(), "a MeasureName makes a multiple step even for one line")
}

func TestSkippedLosesContent(t *testing.T) {
	steps := "NumericLimitTest|n|a|5|1|3|GELE|V|Skipped\n" + "NumericLimitTest||b|2|1|3|GELE|V\n"
	rs, _, err := convertText2(t, uutText("", steps, true))
	require.NoError(t, err)
	st := convtest.Summarize(rs[0]).ByID[2]
	assert.Equal(t, "S", st.Status.Value())
	assert.Empty(t, st.NumericMeas, "D-2: measurements added after the status are removed")
	assert.Equal(t, "ET_MNLT", st.StepType.Value())
}

func TestChart(t *testing.T) {
	steps := "NumericLimitTest|Ripple|r|12|||LOG|mV\n" +
		"Chart|line|Ripple plot|mV|Voltage|s|Time\n" +
		"Series|5V|XYG|11,5;12;11.8|0;1;2\n" +
		"Series|ref|XYG|1;2\n"
	rs, _, err := convertText2(t, uutText("", steps, true))
	require.NoError(t, err)
	st := convtest.Summarize(rs[0]).ByID[2]
	assert.Equal(t, "WATS_XYGMNLT", st.StepType.Value())
	require.NotNil(t, st.Chart)
	assert.Equal(t, "Line", st.Chart.ChartType.Value())
	assert.Equal(t, "Ripple plot", st.Chart.Label.Value())
	assert.Equal(t, "mV", st.Chart.YUnit.Value())
	assert.Equal(t, "Voltage", st.Chart.YLabel.Value())
	assert.Equal(t, "s", st.Chart.XUnit.Value())
	assert.Equal(t, "Time", st.Chart.XLabel.Value())
	require.Len(t, st.Chart.Series, 2)
	assert.Equal(t, "11.5;12;11.8", st.Chart.Series[0].YData.Value())
	assert.Equal(t, "0;1;2", st.Chart.Series[0].XData.Value())
	assert.Equal(t, report.Null, st.Chart.Series[1].XData.State())

	var many strings.Builder
	many.WriteString("NumericLimitTest|c|r|1|||LOG\nChart|Line\n")
	for i := 0; i < 11; i++ {
		many.WriteString("Series|s" + string(rune('a'+i)) + "|XYG|1\n")
	}
	_, _, err = convertText2(t, uutText("", many.String(), true))
	var me *convert.MalformedError
	require.True(t, errors.As(err, &me), "the 11th series is refused (D-9): %v", err)
	assert.Equal(t, 19, me.Line)
}

func TestCP1252AndCulture(t *testing.T) {
	text := uutText("Station\x96Note|Gr\xfcn \x80\n", "NumericLimitTest|M\xe4tning||1.234,5|1.000|2.000|GELE|\xb0C\n", true)
	rs, _, err := convertString(t, text, convert.Params{ParamCultureCode: "de-DE"})
	require.NoError(t, err)
	r := rs[0]
	require.Len(t, r.MiscInfos, 1)
	assert.Equal(t, "Station–Note", r.MiscInfos[0].Description.Value())
	assert.Equal(t, "Grün €", r.MiscInfos[0].Text.Value())
	st := convtest.Summarize(r).ByID[2]
	assert.Equal(t, "Mätning", st.Name.Value())
	m := st.NumericMeas[0]
	assert.Equal(t, [3]float64{1234.5, 1000, 2000}, [3]float64{m.Value.Float(), m.LowLimit.Float(), m.HighLimit.Float()})
	assert.Equal(t, "°C", m.Unit.Value())
}

func TestNumbersAndLimits(t *testing.T) {
	steps := "NumericLimitTest|a|x|inf|1||GT\n" + "NumericLimitTest||y||1|2|GELE\n" + "NumericLimitTest||z|1,000.5|||LOG\n"
	rs, _, err := convertText2(t, uutText("", steps, true))
	require.NoError(t, err)
	st := convtest.Summarize(rs[0]).ByID[2]
	require.Len(t, st.NumericMeas, 3)
	assert.True(t, math.IsInf(st.NumericMeas[0].Value.Float(), 1))
	assert.Equal(t, report.Null, st.NumericMeas[0].HighLimit.State(), "single-limit operators use lowLimit only")
	assert.True(t, math.IsNaN(st.NumericMeas[1].Value.Float()), "an empty value is NaN")
	assert.Equal(t, "F", st.NumericMeas[1].Status.Value())
	assert.Equal(t, 1000.5, st.NumericMeas[2].Value.Float())
	assert.Equal(t, report.Null, st.NumericMeas[2].LowLimit.State())
}

func TestStartTimes(t *testing.T) {
	rs, _, err := convertText2(t, uutText("StartDateTime|2024-03-05T08:15:30\nUTCStartDateTime|2024-03-05T07:15:29\n", "", true))
	require.NoError(t, err)
	b, _ := rs[0].Header.Start.MarshalJSON()
	assert.Equal(t, `"2024-03-05T08:15:30+01:00"`, string(b), "the UTC start fixes the offset to a quarter hour")
	rs, _, err = convertText2(t, uutText("StartDateTime|2024-03-05T08:15:30\n", "", true))
	require.NoError(t, err)
	b, _ = rs[0].Header.Start.MarshalJSON()
	assert.Equal(t, `"2024-03-05T08:15:30+00:00"`, string(b), "no UTC start: Defaults.Location")
	assert.False(t, rs[0].Header.StartUTC.IsSet())
}

func TestMalformed(t *testing.T) {
	tests := []struct {
		name, text, msg string
		line            int
	}{
		{"Done on a test", uutText("", "PassFailTest|p||true|||||Done\n", true), "Status Done is not supported for test", 7},
		{"bad UUTStatus", uutText("UUTStatus|Great\n", "", true), `UUTStatus "Great"`, 5},
		{"EndSequenceCall name", uutText("", "SequenceCall|A\nEndSequenceCall|B\n", true), `EndSequenceCall "B" closes sequence "A"`, 8},
		{"EndSequenceCall at root", uutText("", "EndSequenceCall\n", true), "without an open SequenceCall", 7},
		{"no serial", strings.Replace(uutText("", "", true), "SerialNumber\tSN1", "SerialNumber\t", 1), "Serial number is missing", 5},
		{"mixing single and named", uutText("", "NumericLimitTest|n||1|||LOG\nNumericLimitTest|n|x|1|||LOG\n", true), "a second measurement", 8},
		{"unknown operator", uutText("", "NumericLimitTest|n||1|||ABOUT\n", true), `CompOperator "ABOUT"`, 7},
		{"series without chart", uutText("", "NumericLimitTest|n||1|||LOG\nSeries|s|XYG|1\n", true), "Series without a Chart", 8},
		{"x/y count", uutText("", "NumericLimitTest|n|m|1|||LOG\nChart|Line\nSeries|s|XYG|1;2|1\n", true), "1 x values and 2 y values", 9},
		{"empty file", "", "no UUT", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := convertText2(t, tt.text)
			var me *convert.MalformedError
			require.True(t, errors.As(err, &me), "%T %v", err, err)
			assert.ErrorIs(t, err, convert.ErrMalformed)
			assert.Contains(t, me.Error(), tt.msg)
			assert.Equal(t, tt.line, me.Line)
		})
	}
}

func TestUnknownProcessAndLines(t *testing.T) {
	_, _, err := convertText2(t, uutText("OperationTypeName|Burn-in\n", "", true))
	assert.ErrorIs(t, err, convert.ErrUnknownProcess)
	rs, warns, err := convertText2(t, uutText("", "Frobnicate|x\n", true))
	require.NoError(t, err)
	assert.Len(t, rs, 1)
	assert.Contains(t, strings.Join(warns, "\n"), `unknown step type "Frobnicate"`)
}

func TestCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var warns []string
	_, err := New().Convert(ctx, source(readFixture(t, fixture), &warns))
	assert.ErrorIs(t, err, context.Canceled)
}
