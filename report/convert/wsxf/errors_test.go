package wsxf

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report/convert"
)

// doc wraps report content in a WSXF document with a valid UUT header.
func doc(body string) string {
	return `<?xml version="1.0"?><Reports xmlns="` + NamespaceWSXF + `"><Report type="UUT" SN="1" PN="P" Rev="A" Start="2024-01-01T10:00:00Z"><UUT UserLoginName="op"/><Process Code="10"/>` +
		body + `</Report></Reports>`
}

// rootStep wraps steps in a root sequence.
func rootStep(inner string) string {
	return doc(`<Step Name="Main" Status="Passed"><SequenceCall Name="Main"/>` + inner + `</Step>`)
}

func TestMalformed(t *testing.T) {
	tests := []struct {
		name, doc, path, msg string
		is                   error
	}{
		{"syntax", `<Reports xmlns="` + NamespaceWSXF + `"><Report>`, "/Reports/Report", "unexpected end of file", nil},
		{"mismatched end", `<Reports xmlns="` + NamespaceWSXF + `"><Report></Step></Reports>`, "/Reports/Report", "unexpected end element </Step>", nil},
		{"wrong namespace", `<Reports xmlns="` + NamespaceWRML + `"/>`, "/Reports", "root element is", nil},
		{"wrong root", `<TestResults xmlns="` + NamespaceWSXF + `"/>`, "/TestResults", "root element is", nil},
		{"no report", `<Reports xmlns="` + NamespaceWSXF + `"/>`, "/Reports", "no Report element", nil},
		{"bad type", `<Reports xmlns="` + NamespaceWSXF + `"><Report type="XYZ"/></Reports>`, "/Reports/Report/@type", "not UUT or UUR", nil},
		{"empty pn", strings.Replace(rootStep(""), `PN="P"`, `PN=" "`, 1), "/Reports/Report/@PN", "PN for Report is missing", nil},
		{"bad id", strings.Replace(rootStep(""), `type="UUT"`, `type="UUT" ID="nope"`, 1), "/Reports/Report/@ID", "not a GUID", nil},
		{"bad result", strings.Replace(rootStep(""), `type="UUT"`, `type="UUT" Result="Done"`, 1), "/Reports/Report/@Result", "not allowed", nil},
		{"no root step", doc(""), "/Reports/Report", "no root step", nil},
		{"two root steps", doc(`<Step Name="a"><SequenceCall/></Step><Step Name="b"/>`), "/Reports/Report/Step[2]", "more than one root step", nil},
		{"root without seqcall", doc(`<Step Name="a" Status="Passed"/>`), "/Reports/Report/Step", "must carry one SequenceCall", nil},
		{"two kinds", rootStep(`<Step Name="x"><NumericLimit NumericValue="1"/><PassFail Status="Passed"/></Step>`), "/Reports/Report/Step/Step", "Step contains NumericLimit and PassFail", nil},
		{"bad number", rootStep(`<Step Name="x"><NumericLimit NumericValue="1,5" CompOperator="LOG"/></Step>`), "/Reports/Report/Step/Step/NumericLimit/@NumericValue", "not a number", nil},
		{"hex number refused", rootStep(`<Step Name="x"><NumericLimit NumericValue="0x10"/></Step>`), "@NumericValue", "not a number", nil},
		{"unknown operator", rootStep(`<Step Name="x"><NumericLimit NumericValue="1" CompOperator="ABOUT"/></Step>`), "/@CompOperator", "unknown numeric operator", nil},
		{"dual limit missing", rootStep(`<Step Name="x"><NumericLimit NumericValue="1" CompOperator="GELE" LowLimit="0"/></Step>`), "/Reports/Report/Step/Step/NumericLimit", "needs LowLimit and HighLimit", nil},
		{"single limit missing", rootStep(`<Step Name="x"><NumericLimit NumericValue="1" CompOperator="GE"/></Step>`), "/NumericLimit", "needs a limit", nil},
		{"multi without name", rootStep(`<Step Name="x"><NumericLimit Name="a" NumericValue="1"/><NumericLimit NumericValue="2"/></Step>`), "/Reports/Report/Step/Step/NumericLimit[2]/@Name", "needs a Name", nil},
		{"third step path", rootStep(`<Step Name="a"/><Step Name="b"/><Step Name="c" Status="Nope"/>`), "/Reports/Report/Step/Step[3]/@Status", "not allowed", nil},
		{"children without seqcall", rootStep(`<Step Name="a"><Step Name="b"/></Step>`), "/Reports/Report/Step/Step/Step", "without SequenceCall", nil},
		{"chart and attachment", rootStep(`<Step Name="a"><Chart><Series Name="s"><ydata>1</ydata></Series></Chart><Attachment Name="a.txt">YQ==</Attachment></Step>`), "/Reports/Report/Step/Step", "both a chart and an attachment", nil},
		{"series without ydata", rootStep(`<Step Name="a"><Chart><Series Name="s"><xdata>1</xdata></Series></Chart></Step>`), "/Chart/Series", "without ydata", nil},
		{"series count mismatch", rootStep(`<Step Name="a"><Chart><Series Name="s"><xdata>1;2</xdata><ydata>1</ydata></Series></Chart></Step>`), "/Chart/Series", "xdata has 2 values", nil},
		{"bad chart value", rootStep(`<Step Name="a"><Chart><Series Name="s"><ydata>1;x</ydata></Series></Chart></Step>`), "/Chart/Series/ydata", "not a number", nil},
		{"bad chart type", rootStep(`<Step Name="a"><Chart ChartType="Pie"><Series Name="s"><ydata>1</ydata></Series></Chart></Step>`), "/Chart/@ChartType", "chart type", nil},
		{"bad base64", rootStep(`<Step Name="a"><Attachment Name="a.txt">!!</Attachment></Step>`), "/Attachment", "not base64", nil},
		{"missing attachment file", rootStep(`<Step Name="a"><Attachment Name="nope.bin"/></Step>`), "/Attachment", "cannot be read", convert.ErrMissingAttachment},
		{"unknown process name", strings.Replace(rootStep(""), `<Process Code="10"/>`, `<Process Name="Burn-in"/>`, 1), "/Reports/Report/Process", "", convert.ErrUnknownProcess},
		{"process code out of range", strings.Replace(rootStep(""), `Code="10"`, `Code="40000"`, 1), "/Process/@Code", "outside", nil},
		{"no process", strings.Replace(rootStep(""), `<Process Code="10"/>`, ``, 1), "/Reports/Report", "no Process element", nil},
		{"uur failure on unknown part", `<Reports xmlns="` + NamespaceWSXF + `"><Report type="UUR" SN="1" PN="P" Rev="A"><UUR><Process Code="10"/></UUR><Process Code="500"/><Failures Category="a" Code="b" PartIdx="3"/></Report></Reports>`, "/Reports/Report/Failures/@PartIdx", "no ReportUnitHierarchy has Idx 3", nil},
		{"uur bad ref", `<Reports xmlns="` + NamespaceWSXF + `"><Report type="UUR" SN="1" PN="P" Rev="A"><UUR ReferencedUUT="x"><Process Code="10"/></UUR></Report></Reports>`, "/Reports/Report/UUR/@ReferencedUUT", "not a GUID", nil},
		{"uur without uur block", `<Reports xmlns="` + NamespaceWSXF + `"><Report type="UUR" SN="1" PN="P" Rev="A"/></Reports>`, "/Reports/Report", "needs a UUR element", nil},
		{"too deep", `<Reports xmlns="` + NamespaceWSXF + `">` + strings.Repeat("<a>", maxDepth+1), "", "nest deeper", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			reps, err := convertText(New(), tc.doc)
			require.Error(t, err)
			assert.Nil(t, reps, "no partial result")
			var me *convert.MalformedError
			if tc.is == nil || errors.Is(err, convert.ErrMalformed) {
				require.ErrorAs(t, err, &me)
				assert.True(t, errors.Is(err, convert.ErrMalformed))
				assert.Contains(t, me.Path, tc.path)
				assert.Equal(t, "wsxf", me.Converter)
				assert.Equal(t, "mem.xml", me.File)
			}
			assert.Contains(t, err.Error(), tc.msg)
			assert.Contains(t, err.Error(), tc.path)
			if tc.is != nil {
				assert.ErrorIs(t, err, tc.is)
			}
		})
	}
}

func TestWRMLMalformed(t *testing.T) {
	head := `<Reports xmlns="` + NamespaceWRML + `"><Report type="UUT" SN="1" PN="P" Rev="A"><UUT UserLoginName="op"/><Process Code="10"/>`
	tests := []struct{ name, body, path, msg string }{
		{"unknown parent", `<Step StepID="1" Name="r"/><SequenceCall StepID="1"/><Step StepID="2" ParentStepID="9" Name="x"/>`, "/Reports/Report/Step[2]/@ParentStepID", "parent step 9 does not exist"},
		{"duplicate id", `<Step StepID="1" Name="r"/><Step StepID="1" ParentStepID="1" Name="x"/>`, "/Reports/Report/Step[2]/@StepID", "used twice"},
		{"cycle", `<Step StepID="1" Name="r"/><SequenceCall StepID="1"/><Step StepID="2" ParentStepID="3" Name="x"/><SequenceCall StepID="2"/><Step StepID="3" ParentStepID="2" Name="y"/><SequenceCall StepID="3"/>`, "/Reports/Report", "not reachable"},
		{"content for unknown step", `<Step StepID="1" Name="r"/><SequenceCall StepID="1"/><NumericLimit StepID="7"/>`, "/Reports/Report/NumericLimit/@StepID", "step 7 does not exist"},
		{"chart data not pairs", `<Step StepID="1" Name="r"/><SequenceCall StepID="1"/><Step StepID="2" ParentStepID="1" Name="c"/><Chart StepID="2" idx="0"/><Chart StepID="2" idx="1" PlotName="p"><Data>AAAA</Data></Chart>`, "/Reports/Report/Chart[2]", "not x,y pairs"},
		{"chart rows without header", `<Step StepID="1" Name="r"/><SequenceCall StepID="1"/><Step StepID="2" ParentStepID="1" Name="c"/><Chart StepID="2" idx="1" PlotName="p"/>`, "/Reports/Report/Chart", "without a header"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			reps, err := convertText(NewWRML(), head+tc.body+`</Report></Reports>`)
			require.Error(t, err)
			assert.Nil(t, reps)
			var me *convert.MalformedError
			require.ErrorAs(t, err, &me)
			assert.Equal(t, tc.path, me.Path)
			assert.Contains(t, me.Msg, tc.msg)
		})
	}
}

func TestAttachmentFromFile(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "log.txt"), []byte("abc"), 0o644))
	body := rootStep(`<Step Name="a" Status="Passed"><Attachment Name="log.txt" ContentType="text/plain"/></Step><Step Name="b" Status="Passed"><Attachment Name="gone.txt"/></Step>`)
	src := func(params convert.Params, warn *[]string) *convert.Source {
		return &convert.Source{Name: filepath.Join(dir, "in.xml"), Reader: strings.NewReader(body), Defaults: fixtureDefaults, Params: params,
			Warn: func(m string) { *warn = append(*warn, m) }}
	}
	var warns []string
	_, err := New().Convert(context.Background(), src(nil, &warns))
	require.ErrorIs(t, err, convert.ErrMissingAttachment)

	reps, err := New().Convert(context.Background(), src(convert.Params{"missingAttachment": "skip"}, &warns))
	require.NoError(t, err)
	steps := reps[0].Root.Steps
	require.NotNil(t, steps[0].Attachment)
	assert.Equal(t, "YWJj", steps[0].Attachment.Data.Value())
	assert.Equal(t, "WATS_AttachFile", steps[0].StepType.Value())
	assert.Nil(t, steps[1].Attachment)
	require.Len(t, warns, 1)
	assert.Contains(t, warns[0], "gone.txt")
}

func TestContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	f, err := os.Open(filepath.Join("testdata", "uut-server-export.wsxf.xml"))
	require.NoError(t, err)
	defer f.Close()
	_, err = New().Convert(ctx, &convert.Source{Name: "x", Reader: f, Defaults: fixtureDefaults})
	assert.ErrorIs(t, err, context.Canceled)
}
