package stepwize

import (
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
	"github.com/watsgo/sdk/report/convert/internal/convtest"
)

const fileSample = "20250316_133653_CONFIG_AND_RESULTS.XSPC"

// processes resolves the one operation name the tests use.
type processes map[string]int

func (p processes) TestOperationCode(_ context.Context, name string) (int, error) {
	if c, ok := p[strings.ToLower(name)]; ok {
		return c, nil
	}
	return 0, errors.New("no such process")
}

func (p processes) RepairOperationCode(context.Context, string) (int, error) {
	return 0, errors.New("none")
}

func source(name string, data []byte, params convert.Params, pr convert.ProcessResolver) (*convert.Source, *[]string) {
	var warns []string
	return &convert.Source{
		Name: name, Reader: strings.NewReader(string(data)), Size: int64(len(data)), Params: params, Processes: pr,
		Defaults: convert.Defaults{Location: time.UTC, Station: report.Station{Name: "CONV-PC", Location: "Lab", Purpose: "Test"}},
		Warn:     func(m string) { warns = append(warns, m) },
	}, &warns
}

func convertData(t *testing.T, data []byte, params convert.Params, pr convert.ProcessResolver) (*report.Report, []string) {
	t.Helper()
	src, warns := source("f.XSPC", data, params, pr)
	rs, err := New().Convert(context.Background(), src)
	require.NoError(t, err)
	require.Len(t, rs, 1)
	require.NoError(t, rs[0].Finalize())
	require.NoError(t, rs[0].Validate())
	return rs[0], *warns
}

func sample(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", fileSample))
	require.NoError(t, err)
	return b
}

func TestSample(t *testing.T) {
	r, _ := convertData(t, sample(t), nil, processes{"sw debug": 20})
	h := r.Header
	assert.Equal(t, "SN65632341", h.SN.Value())
	assert.Equal(t, "PN1", h.PN.Value())
	assert.Equal(t, "A", h.Rev.Value())
	assert.EqualValues(t, 20, h.ProcessCode.Int64(), "operation SW Debug looked up by name")
	assert.Equal(t, "sequenceFileName.xml", r.Root.Name.Value())
	assert.Equal(t, "1.0.0", r.Root.SeqCall.Version.Value())
	assert.Equal(t, "SN_PCB-001", h.MachineName.Value())
	assert.Equal(t, "custom", r.UUT.User.Value())
	assert.Equal(t, "P", h.Result.Value())
	assert.Equal(t, time.Date(2025, 3, 16, 13, 36, 53, 277e6, time.UTC), h.Start.Time().UTC())
	end := time.Date(2025, 3, 16, 17, 27, 7, 924e6, time.UTC)
	assert.InDelta(t, end.Sub(h.Start.Time()).Seconds(), r.UUT.ExecTime.Float(), 1e-6)

	s := convtest.Summarize(r)
	assert.Equal(t, 52, s.ByType["SequenceCall"]-1, "one sequence per stepName run")
	assert.Equal(t, 182, s.ByType["ET_NLT"])
	assert.Equal(t, 51, s.ByType["Action"])
	assert.Zero(t, len(r.FailedSteps()))
	ops := map[string]int{}
	r.Root.Walk(func(st *report.Step) bool {
		if len(st.NumericMeas) == 1 {
			ops[st.NumericMeas[0].CompOp.Value()]++
		}
		return true
	})
	assert.Equal(t, map[string]int{"GE": 51, "GELE": 98, "LE": 33}, ops,
		"of the 102 'Value > LL' rows, 51 are actions and 51 numeric steps with GE")

	find := func(seq, name string) *report.NumericMeas {
		for _, sq := range r.Root.Steps {
			if sq.Name.Value() != seq {
				continue
			}
			for _, st := range sq.Steps {
				if st.Name.Value() == name && len(st.NumericMeas) == 1 {
					return st.NumericMeas[0]
				}
			}
		}
		return nil
	}
	m := find("Verify 24 VDC PS Voltage", "Verify 24 VDC PS Voltage")
	require.NotNil(t, m, "an empty subItemName is named by the step")
	assert.InDelta(t, 23.95355, m.Value.Float(), 5e-6)
	assert.Equal(t, "GELE", m.CompOp.Value())
	assert.Equal(t, [2]float64{23.9, 24.1}, [2]float64{m.LowLimit.Float(), m.HighLimit.Float()})
	m = find("Measure Current Draw", "Measure Current Draw")
	require.NotNil(t, m)
	assert.InDelta(t, 0.07343, m.Value.Float(), 5e-6)
	assert.Equal(t, "ADC", m.Unit.Value())
	assert.Equal(t, "LE", m.CompOp.Value())
	assert.Equal(t, 0.25, m.LowLimit.Float())
	m = find("10mA_CH1_-10 to 10 Volts Linear Check", "Gain")
	require.NotNil(t, m)
	assert.InDelta(t, 9.99074e-4, m.Value.Float(), 1e-9)
	assert.InDelta(t, 9.5e-4, m.LowLimit.Float(), 1e-12)
	assert.InDelta(t, 1.05e-3, m.HighLimit.Float(), 1e-12)

	misc := map[string]string{}
	for _, mi := range r.MiscInfos {
		misc[mi.Description.Value()] = mi.Text.Value()
	}
	assert.Equal(t, map[string]string{"resultSetID": "234asd342KH4523423GH123", "modelNumber": "PN1", "partDescription": "Part description",
		"label": "PN1", "build": "1.0.1", "exportRestriction": "OPEN"}, misc)
}

func TestOperationFallback(t *testing.T) {
	r, warns := convertData(t, sample(t), convert.Params{ParamOperationTypeCode: "40"}, processes{})
	assert.EqualValues(t, 40, r.Header.ProcessCode.Int64())
	assert.Len(t, warns, 1)
	r, _ = convertData(t, sample(t), nil, nil)
	assert.EqualValues(t, 10, r.Header.ProcessCode.Int64(), "no resolver: parameter default")
}

const tiny = `<ConfigAndResultsDataFile><ConfigandResultsData><partNumber>P</partNumber><revision>1</revision>
<serialNumber>S</serialNumber><sequencePF>Fail</sequencePF><Config_and_Result_Data>
<Config_and_Data_Result><stepName>A</stepName><subItemName>v</subItemName><lowerLimit>1</lowerLimit><upperLimit>0</upperLimit>
<limitMode>Value &gt; LL</limitMode><startDateTime>2025-01-01T00:00:00</startDateTime><endDateTime>2025-01-01T00:00:01</endDateTime>
<stepValue>1</stepValue><stepOutcome>Fail</stepOutcome><dataType>0</dataType><measurementOutcome>Fail</measurementOutcome></Config_and_Data_Result>
<Config_and_Data_Result><stepName>B</stepName><startDateTime>2025-01-01T00:00:01</startDateTime><boolValue>T</boolValue>
<stepOutcome>Pass</stepOutcome><dataType>1</dataType></Config_and_Data_Result>
<Config_and_Data_Result><stepName>B</stepName><subItemName>s</subItemName><stringValue>x</stringValue><Expected_String>X</Expected_String>
<stepOutcome>Pass</stepOutcome><dataType>3</dataType></Config_and_Data_Result>
</Config_and_Result_Data></ConfigandResultsData></ConfigAndResultsDataFile>`

func TestGreaterThanLowAndKinds(t *testing.T) {
	r, _ := convertData(t, []byte(tiny), convert.Params{ParamOperator: "op"}, nil)
	assert.Equal(t, "F", r.Header.Result.Value())
	assert.Equal(t, "op", r.UUT.User.Value())
	assert.Equal(t, "CONV-PC", r.Header.MachineName.Value())
	a := r.Root.Steps[0].Steps[0]
	assert.Equal(t, "GE", a.NumericMeas[0].CompOp.Value(), "Value > LL maps to GE, as StepWize's own converter")
	assert.Equal(t, "F", a.Status.Value())
	b := r.Root.Steps[1]
	assert.Equal(t, "ET_PFT", b.Steps[0].StepType.Value())
	assert.Equal(t, "IGNORECASE", b.Steps[1].StringMeas[0].CompOp.Value())
}

func TestMalformed(t *testing.T) {
	tests := []struct {
		name, data, path string
	}{
		{"wrong root", "<Other/>", "/Other"},
		{"no rows", "<ConfigAndResultsDataFile><ConfigandResultsData><partNumber>P</partNumber></ConfigandResultsData></ConfigAndResultsDataFile>", rowsPath},
		{"bad mode", strings.Replace(tiny, "Value &gt; LL", "Value ~ LL", 1), rowsPath + "[1]/limitMode"},
		{"bad value", strings.Replace(tiny, "<stepValue>1</stepValue>", "<stepValue>x</stepValue>", 1), rowsPath + "[1]"},
		{"bad start", strings.Replace(tiny, "2025-01-01T00:00:00", "soon", 1), rowsPath + "[1]/startDateTime"},
		{"no serial", strings.Replace(tiny, "<serialNumber>S</serialNumber>", "", 1), "/ConfigAndResultsDataFile/ConfigandResultsData/serialNumber"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, _ := source("bad.XSPC", []byte(tt.data), nil, nil)
			rs, err := New().Convert(context.Background(), src)
			require.Error(t, err)
			assert.Nil(t, rs)
			var me *convert.MalformedError
			require.True(t, errors.As(err, &me), "%T %v", err, err)
			assert.Equal(t, tt.path, me.Path, me.Error())
		})
	}
	src, _ := source("bad.XSPC", []byte("<ConfigAndResultsDataFile>\n<x"), nil, nil)
	_, err := New().Convert(context.Background(), src)
	var me *convert.MalformedError
	require.True(t, errors.As(err, &me))
	assert.Equal(t, 2, me.Line)
}

func TestContextCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	src, _ := source("x", []byte(tiny), nil, nil)
	_, err := New().Convert(ctx, src)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestSniff(t *testing.T) {
	c := New()
	assert.Equal(t, convert.Certain, c.Sniff(sample(t)))
	assert.Equal(t, convert.No, c.Sniff([]byte("<UnitReport/>")))
}
