package atml

import (
	"context"
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

const (
	file202   = "ATML 2.02 [123456789][2 30 27 PM][5 15 2019].XML"
	file500   = "ATML 5.00 [2 31 11 PM][5 15 2019].xml"
	file601   = "ATML 6.01 [2 31 52 PM][5 15 2019].xml"
	fileBatch = "Parallel Testing Strategies_BatchReport.6 45 31 AM..9 13 2022.xml"
)

// testSource is a fixture with the conversion settings EXPECTED.md assumes.
func testSource(t testing.TB, name string, data []byte, params convert.Params) (*convert.Source, *[]string) {
	t.Helper()
	var warnings []string
	return &convert.Source{
		Name:   name,
		Reader: strings.NewReader(string(data)),
		Size:   int64(len(data)),
		Params: params,
		Defaults: convert.Defaults{
			Location: time.UTC,
			Station:  report.Station{Name: "CONV-PC", Location: "Lab", Purpose: "Test"},
		},
		Warn: func(m string) { warnings = append(warnings, m) },
	}, &warnings
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// convertFile converts a fixture and finalizes and validates every report.
func convertFile(t *testing.T, name string) ([]*report.Report, []string) {
	t.Helper()
	data := readFixture(t, name)
	src, warns := testSource(t, name, data, nil)
	rs, err := New().Convert(context.Background(), src)
	require.NoError(t, err)
	for _, r := range rs {
		require.NoError(t, r.Finalize())
		require.NoError(t, r.Validate())
	}
	return rs, *warns
}

func numMeas(t *testing.T, st *report.Step) *report.NumericMeas {
	t.Helper()
	require.Len(t, st.NumericMeas, 1, "step %s", st.Name.Value())
	return st.NumericMeas[0]
}

// motherboard checks the facts the three runs of the TestStand demo share.
func motherboard(t *testing.T, r *report.Report, start string, exec float64) convtest.Summary {
	t.Helper()
	h := r.Header
	assert.Equal(t, "123456789", h.SN.Value())
	assert.Equal(t, "Ragnar123", h.PN.Value())
	assert.Equal(t, "10", h.Rev.Value())
	assert.EqualValues(t, 10, h.ProcessCode.Int64())
	assert.Equal(t, "administrator", r.UUT.User.Value())
	assert.Equal(t, "TS-2016-BETA", h.MachineName.Value())
	assert.Equal(t, "Lab", h.Location.Value())
	assert.Equal(t, "Test", h.Purpose.Value())
	assert.Equal(t, "F", h.Result.Value())
	b, err := h.Start.MarshalJSON()
	require.NoError(t, err)
	assert.Equal(t, `"`+start+`"`, string(b))
	assert.False(t, h.StartUTC.IsSet(), "startUTC is left to the server")
	assert.InDelta(t, exec, r.UUT.ExecTime.Float(), 1e-9)

	s := convtest.Summarize(r)
	assert.Equal(t, 23, s.Steps)
	assert.Equal(t, map[string]int{"SequenceCall": 2, "ET_PFT": 10, "ET_NLT": 3, "Action": 4, "NI_Flow_If": 2, "NI_Flow_End": 2}, s.ByType)
	assert.Equal(t, map[string]int{"P": 9, "F": 3, "D": 8, "S": 3}, s.ByStatus)
	assert.Equal(t, 10, s.Measurements)

	root := s.ByID[1]
	assert.Equal(t, "MainSequence", root.Name.Value())
	assert.Equal(t, "F", root.Status.Value())
	assert.Equal(t, `C:\Users\Public\Documents\National Instruments\TestStand 2017 (64-bit)\Examples\Demos\Computer Motherboard Test\LabVIEW\Computer Motherboard Test Sequence VIC.seq`, root.SeqCall.Path.Value())
	assert.Equal(t, "MainSequence Callback", root.SeqCall.Name.Value())
	assert.Equal(t, "0.0.0", root.SeqCall.Version.Value())

	for id, name := range map[int64]string{2: "Add Partnumber", 3: "Simulation Dialog", 4: "Turn Vacuum Table On"} {
		st := s.ByID[id]
		assert.Equal(t, name, st.Name.Value())
		assert.Equal(t, "Action", st.StepType.Value())
		assert.Equal(t, "S", st.Group.Value())
		assert.Equal(t, "D", st.Status.Value())
	}
	assert.Equal(t, "Turn Vacuum Table Off", s.ByID[23].Name.Value())
	assert.Equal(t, "C", s.ByID[23].Group.Value())

	ifStep := s.ByID[6]
	assert.Equal(t, "If", ifStep.Name.Value())
	assert.Equal(t, "NI_Flow_If", ifStep.StepType.Value())
	assert.Equal(t, "D", ifStep.Status.Value())
	assert.Equal(t, "{True}", ifStep.ReportText.Value())

	cpu := s.ByID[7]
	assert.Equal(t, "CPU Test", cpu.Name.Value())
	assert.Equal(t, "SequenceCall", cpu.StepType.Value())
	assert.Equal(t, "P", cpu.Status.Value())
	assert.Equal(t, "SequenceCall", cpu.SeqCall.Name.Value())
	assert.Equal(t, "0.0.0", cpu.SeqCall.Version.Value())
	require.Len(t, cpu.Steps, 4)
	for i, name := range []string{"Register Test", "Instruction Set Test", "Cache Test", "FPU Test"} {
		st := s.ByID[int64(8+i)]
		assert.Same(t, cpu.Steps[i], st)
		assert.Equal(t, name, st.Name.Value())
		assert.Equal(t, "ET_PFT", st.StepType.Value())
		assert.Equal(t, "P", st.Status.Value())
		require.Len(t, st.BooleanMeas, 1)
		assert.Equal(t, "P", st.BooleanMeas[0].Status.Value())
	}

	video := s.ByID[14]
	assert.Equal(t, "Video Test", video.Name.Value())
	assert.Equal(t, "ET_NLT", video.StepType.Value())
	assert.Equal(t, "P", video.Status.Value())
	m := numMeas(t, video)
	assert.Equal(t, "GTLT", m.CompOp.Value())
	assert.Equal(t, 0.0, m.LowLimit.Float())
	assert.Equal(t, 10.0, m.HighLimit.Float())
	assert.Equal(t, 5.0, m.Value.Float())
	assert.Equal(t, "microseconds", m.Unit.Value())
	assert.Equal(t, "P", m.Status.Value())

	kbd := s.ByID[15]
	assert.Equal(t, "Keyboard Test", kbd.Name.Value())
	assert.Equal(t, "ET_NLT", kbd.StepType.Value())
	assert.Equal(t, "F", kbd.Status.Value())
	m = numMeas(t, kbd)
	assert.Equal(t, "GT", m.CompOp.Value())
	assert.Equal(t, 5.0, m.LowLimit.Float())
	assert.Equal(t, report.Null, m.HighLimit.State())
	assert.Equal(t, 4.0, m.Value.Float())
	assert.Equal(t, report.Null, m.Unit.State())
	assert.Equal(t, "F", m.Status.Value())

	for id, want := range map[int64][2]string{17: {"ROM Diagnostics", "ET_PFT"}, 18: {"RAM Diagnostics", "ET_PFT"}, 19: {"Video Diagnostics", "ET_NLT"}} {
		st := s.ByID[id]
		assert.Equal(t, want[0], st.Name.Value())
		assert.Equal(t, want[1], st.StepType.Value())
		assert.Equal(t, "S", st.Status.Value())
		assert.Empty(t, st.BooleanMeas, "skipped steps carry no measurement")
		assert.Empty(t, st.NumericMeas)
	}
	kd := s.ByID[20]
	assert.Equal(t, "Keyboard Diagnostics", kd.Name.Value())
	assert.Equal(t, "ET_PFT", kd.StepType.Value())
	assert.Equal(t, "F", kd.Status.Value())
	require.Len(t, kd.BooleanMeas, 1)
	assert.Equal(t, "F", kd.BooleanMeas[0].Status.Value())

	for _, st := range s.ByID {
		assert.NotEqual(t, "CPU Diagnostics", st.Name.Value(), "the SequenceCall Test is dropped")
	}
	return s
}

func TestConvertFixtures(t *testing.T) {
	tests := []struct {
		file  string
		check func(t *testing.T, rs []*report.Report, warns []string)
	}{
		{file202, func(t *testing.T, rs []*report.Report, warns []string) {
			require.Len(t, rs, 1)
			s := motherboard(t, rs[0], "2019-05-15T14:30:27.058+00:00", 2.17)
			for _, st := range s.ByID {
				assert.False(t, st.TotTime.IsSet(), "2.02 writes no TotalTime (%s)", st.Name.Value())
			}
			assert.Contains(t, strings.Join(warns, "\n"), `dropped 1 Test step(s) of unhandled type "SequenceCall"`)
		}},
		{file500, func(t *testing.T, rs []*report.Report, _ []string) {
			require.Len(t, rs, 1)
			s := motherboard(t, rs[0], "2019-05-15T14:31:11.452+00:00", 2.695)
			assert.Equal(t, 2.6958, s.ByID[1].TotTime.Float())
			assert.Equal(t, 2.4852, s.ByID[3].TotTime.Float())
			assert.Equal(t, 7.31e-05, s.ByID[6].TotTime.Float())
			assert.Equal(t, 0.0055235, s.ByID[20].TotTime.Float())
		}},
		{file601, func(t *testing.T, rs []*report.Report, _ []string) {
			require.Len(t, rs, 1)
			s := motherboard(t, rs[0], "2019-05-15T14:31:52.851+00:00", 2.127)
			assert.Equal(t, 2.12798, s.ByID[1].TotTime.Float())
		}},
		{fileBatch, func(t *testing.T, rs []*report.Report, _ []string) {
			require.Len(t, rs, 4)
			starts := []string{"2022-09-13T06:45:31.676+00:00", "2022-09-13T06:45:31.675+00:00", "2022-09-13T06:45:31.676+00:00", "2022-09-13T06:45:31.678+00:00"}
			execs := []float64{29.638, 29.631, 29.633, 29.631}
			ids := map[string]bool{}
			for i, r := range rs {
				h := r.Header
				assert.Equal(t, "NONE", h.SN.Value())
				assert.Equal(t, "NA", h.PN.Value())
				assert.Equal(t, "10", h.Rev.Value())
				assert.Equal(t, "administrator", r.UUT.User.Value())
				assert.Equal(t, "TestStandDebug", h.MachineName.Value())
				assert.Equal(t, "P", h.Result.Value())
				s := convtest.Summarize(r)
				assert.Equal(t, 1, s.Steps)
				assert.Equal(t, 0, s.Measurements)
				assert.Equal(t, "Sequential", r.Root.Name.Value())
				assert.Equal(t, "P", r.Root.Status.Value())
				assert.True(t, strings.HasSuffix(r.Root.SeqCall.Path.Value(), `Parallel Testing Strategies.seq`))
				assert.EqualValues(t, i, r.UUT.TestSocketIndex.Int64())
				b, _ := h.Start.MarshalJSON()
				assert.Equal(t, `"`+starts[i]+`"`, string(b))
				assert.InDelta(t, execs[i], r.UUT.ExecTime.Float(), 1e-9)
				if i == 3 {
					assert.Equal(t, "BatchSerialNumber", r.UUT.BatchSN.Value())
				} else {
					assert.False(t, r.UUT.BatchSN.IsSet())
				}
				ids[h.ID.Value()] = true
			}
			assert.Len(t, ids, 4, "four distinct new ids")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			assert.Equal(t, convert.Certain, New().Sniff(readFixture(t, tt.file)))
			rs, warns := convertFile(t, tt.file)
			tt.check(t, rs, warns)
		})
	}
}
