package wsxf

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

// counts tallies a UUT's steps by status and type and its measurements.
type counts struct {
	status, types map[string]int
	meas          int
}

func tally(r *report.Report) counts {
	c := counts{status: map[string]int{}, types: map[string]int{}}
	for _, s := range r.Steps() {
		c.status[s.Status.Value()]++
		c.types[s.StepType.Value()]++
		c.meas += len(s.NumericMeas) + len(s.StringMeas) + len(s.BooleanMeas)
	}
	return c
}

func instant(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339Nano, s)
	require.NoError(t, err)
	return v
}

// assertTime checks an instant and its UTC offset.
func assertTime(t *testing.T, want string, got report.Time) {
	t.Helper()
	w := instant(t, want)
	g, ok := got.Get()
	require.True(t, ok, "time %q not set", want)
	assert.True(t, w.Equal(g), "want %s, got %s", w, g)
	_, wo := w.Zone()
	_, gotOff := g.Zone()
	assert.Equal(t, wo, gotOff, "offset of %s", want)
}

func num(m *report.NumericMeas) (low, high any) {
	if v, ok := m.LowLimit.Get(); ok {
		low = v
	}
	if v, ok := m.HighLimit.Get(); ok {
		high = v
	}
	return
}

func TestFixtures(t *testing.T) {
	tests := []struct {
		file  string
		conv  *Converter
		check func(t *testing.T, r *report.Report)
	}{
		{"synthetic-uut-wsxf.xml", New(), func(t *testing.T, r *report.Report) {
			h := r.Header
			assert.Equal(t, "T", h.Type.Value())
			assert.Equal(t, "5b0e7f2a-9c1d-4e3b-8a6f-0d2c4b6e8f10", h.ID.Value())
			assert.Equal(t, []string{"SYN-0001", "SYN-PCBA", "B", "F"}, []string{h.SN.Value(), h.PN.Value(), h.Rev.Value(), h.Result.Value()})
			assert.EqualValues(t, 10, h.ProcessCode.Int64())
			assert.Equal(t, []string{"CONV-PC", "Line 3", "Production"}, []string{h.MachineName.Value(), h.Location.Value(), h.Purpose.Value()})
			assertTime(t, "2024-03-05T08:15:30.25+01:00", h.Start)
			assertTime(t, "2024-03-05T07:15:30.25Z", h.StartUTC)
			u := r.UUT
			assert.Equal(t, []string{"op7", "LOT-42", "FX-9", "synthetic fixture"}, []string{u.User.Value(), u.BatchSN.Value(), u.FixtureID.Value(), u.Comment.Value()})
			assert.Equal(t, 12.5, u.ExecTime.Float())
			assert.EqualValues(t, -1, u.TestSocketIndex.Int64())
			assert.Equal(t, "0", u.ErrorCode.Literal())
			require.Len(t, r.MiscInfos, 2)
			assert.Equal(t, "Firmware", r.MiscInfos[0].Description.Value())
			assert.Equal(t, "1.2.0", r.MiscInfos[0].Text.Value())
			assert.False(t, r.MiscInfos[0].Typedef.IsSet(), "empty Typedef is not written")
			assert.Equal(t, "Slot", r.MiscInfos[1].Description.Value())
			assert.EqualValues(t, 4, r.MiscInfos[1].Numeric.Int64())
			assert.Equal(t, report.Null, r.MiscInfos[1].Text.State())
			require.Len(t, r.SubUnits, 1)
			su := r.SubUnits[0]
			assert.Equal(t, []string{"PSU", "PSU-9", "PSU123", "A"}, []string{su.PartType.Value(), su.PN.Value(), su.SN.Value(), su.Rev.Value()})
			assert.EqualValues(t, 1, su.Position.Int64())

			c := tally(r)
			assert.Len(t, r.Steps(), 16)
			assert.Equal(t, map[string]int{"P": 11, "F": 3, "D": 1, "S": 1}, c.status)
			assert.Equal(t, 12, c.meas)
			st := r.StepByID
			root := st(1)
			assert.Equal(t, []string{"MainSequence Callback", "F", `C:\Seq\fct.seq`, "MainSequence Callback", "2.0.1"},
				[]string{root.Name.Value(), root.Status.Value(), root.SeqCall.Path.Value(), root.SeqCall.Name.Value(), root.SeqCall.Version.Value()})
			assert.Equal(t, 12.5, root.TotTime.Float())
			assert.Equal(t, []string{"Power on", "NI_Flow_If", "S", "D"}, []string{st(2).Name.Value(), st(2).StepType.Value(), st(2).Group.Value(), st(2).Status.Value()})
			assert.Equal(t, []string{"Rails", "SequenceCall", "P"}, []string{st(3).Name.Value(), st(3).StepType.Value(), st(3).Status.Value()})
			assert.Equal(t, report.Null, st(3).SeqCall.Version.State())
			m := st(4).NumericMeas[0]
			assert.Equal(t, []string{"ET_NLT", "P", "GELE", "V"}, []string{st(4).StepType.Value(), st(4).Status.Value(), m.CompOp.Value(), m.Unit.Value()})
			lo, hi := num(m)
			assert.Equal(t, []any{3.2, 3.4, 3.31}, []any{lo, hi, m.Value.Float()})
			assert.Equal(t, "0", st(4).ErrorCode.Literal())
			m = st(5).NumericMeas[0]
			lo, hi = num(m)
			assert.Equal(t, []any{"ET_NLT", "F", "LE", 5.25, nil, 5.3, "F", true},
				[]any{st(5).StepType.Value(), st(5).Status.Value(), m.CompOp.Value(), lo, hi, m.Value.Float(), m.Status.Value(), st(5).CausedUUTFailure.Value()})
			s6 := st(6)
			assert.Equal(t, []string{"Currents", "ET_MNLT", "F"}, []string{s6.Name.Value(), s6.StepType.Value(), s6.Status.Value()})
			require.Len(t, s6.NumericMeas, 2)
			lo, _ = num(s6.NumericMeas[0])
			assert.Equal(t, []any{"I_3V3", "LE", 0.5, 0.42, "P"}, []any{s6.NumericMeas[0].Name.Value(), s6.NumericMeas[0].CompOp.Value(), lo, s6.NumericMeas[0].Value.Float(), s6.NumericMeas[0].Status.Value()})
			assert.Equal(t, []any{"I_5V", "LOG", report.Null, "F"}, []any{s6.NumericMeas[1].Name.Value(), s6.NumericMeas[1].CompOp.Value(), s6.NumericMeas[1].Unit.State(), s6.NumericMeas[1].Status.Value()})
			s7 := st(7)
			assert.Equal(t, []string{"Self test", "ET_MPFT", "P", "RAM", "P", "ROM", "P"}, []string{s7.Name.Value(), s7.StepType.Value(), s7.Status.Value(),
				s7.BooleanMeas[0].Name.Value(), s7.BooleanMeas[0].Status.Value(), s7.BooleanMeas[1].Name.Value(), s7.BooleanMeas[1].Status.Value()})
			s8 := st(8)
			assert.Equal(t, []string{"Versions", "ET_MSVT", "two string checks"}, []string{s8.Name.Value(), s8.StepType.Value(), s8.ReportText.Value()})
			require.Len(t, s8.StringMeas, 2)
			assert.Equal(t, []string{"FW", "IGNORECASE", "v1.2.0", "V1.2.0", "P"}, []string{s8.StringMeas[0].Name.Value(), s8.StringMeas[0].CompOp.Value(), s8.StringMeas[0].Value.Value(), s8.StringMeas[0].Limit.Value(), s8.StringMeas[0].Status.Value()})
			assert.Equal(t, []any{"HW", "LOG", "rev B", report.Null}, []any{s8.StringMeas[1].Name.Value(), s8.StringMeas[1].CompOp.Value(), s8.StringMeas[1].Value.Value(), s8.StringMeas[1].Limit.State()})
			s9 := st(9)
			assert.Equal(t, []any{"Ask operator", "MessagePopup", int64(1), report.Null}, []any{s9.Name.Value(), s9.StepType.Value(), s9.MessagePopup.Button.Int64(), s9.MessagePopup.Response.State()})
			s10 := st(10)
			assert.Equal(t, []any{"Flash", "CallExecutable", 0.0, "0", false}, []any{s10.Name.Value(), s10.StepType.Value(), s10.CallExe.ExitCode.Float(), s10.ErrorCode.Literal(), s10.ErrorMessage.IsSet()})
			s11 := st(11)
			m = s11.NumericMeas[0]
			lo, _ = num(m)
			assert.Equal(t, []any{"Ripple", "WATS_XYGMNLT", "LE", 20.0, 12.0, "mV", "P"}, []any{s11.Name.Value(), s11.StepType.Value(), m.CompOp.Value(), lo, m.Value.Float(), m.Unit.Value(), m.Status.Value()})
			require.NotNil(t, s11.Chart)
			require.Len(t, s11.Chart.Series, 1)
			ser := s11.Chart.Series[0]
			assert.Equal(t, []any{"Line", "Ripple", "5V ripple", report.Null, "11.5;12;11.8;12"}, []any{s11.Chart.ChartType.Value(), s11.Chart.Label.Value(), ser.Name.Value(), ser.XData.State(), ser.YData.Value()})
			s12 := st(12)
			require.NotNil(t, s12.Attachment)
			raw, err := base64.StdEncoding.DecodeString(s12.Attachment.Data.Value())
			require.NoError(t, err)
			assert.Equal(t, []any{"Log file", "WATS_AttachFile", "log.txt", "text/plain", "hello converter\n"}, []any{s12.Name.Value(), s12.StepType.Value(), s12.Attachment.Name.Value(), s12.Attachment.ContentType.Value(), string(raw)})
			s13 := st(13)
			require.NotNil(t, s13.Loop)
			assert.Equal(t, []string{"null", "2", "2", "0", "2"}, []string{s13.Loop.Idx.Literal(), s13.Loop.Num.Literal(), s13.Loop.Passed.Literal(), s13.Loop.Failed.Literal(), s13.Loop.EndingIndex.Literal()})
			lo, _ = num(s13.NumericMeas[0])
			assert.Equal(t, []any{"Retry read", "GE", 5.0, 7.0}, []any{s13.Name.Value(), s13.NumericMeas[0].CompOp.Value(), lo, s13.NumericMeas[0].Value.Float()})
			for i, id := range []int{14, 15} {
				s := st(id)
				assert.Equal(t, []any{"Retry read", int64(i), "null", float64(6 + i)}, []any{s.Name.Value(), s.Loop.Idx.Int64(), s.Loop.Num.Literal(), s.NumericMeas[0].Value.Float()})
			}
			s16 := st(16)
			assert.Equal(t, []any{"Power off", "Action", "C", "S", 0}, []any{s16.Name.Value(), s16.StepType.Value(), s16.Group.Value(), s16.Status.Value(), len(s16.NumericMeas)})
		}},
		{"uur-wsxf.xml", New(), func(t *testing.T, r *report.Report) {
			h := r.Header
			assert.Equal(t, []string{"R", "22f77b28-80b3-4ad4-83b7-6439f1ccc245", "FATTest-311", "FATPartNo", "Rev1", "P"},
				[]string{h.Type.Value(), h.ID.Value(), h.SN.Value(), h.PN.Value(), h.Rev.Value(), h.Result.Value()})
			assert.EqualValues(t, 500, h.ProcessCode.Int64())
			assert.EqualValues(t, 10, r.UUR.ProcessCode.Int64())
			assert.Equal(t, []string{"Web Client", "Lab", "Test"}, []string{h.MachineName.Value(), h.Location.Value(), h.Purpose.Value()})
			assertTime(t, "2017-07-07T07:17:16.727+00:00", h.Start)
			assertTime(t, "2017-07-07T07:17:16.723Z", h.StartUTC)
			u := r.UUR
			assert.Equal(t, []string{"ragnar.engnes@virinco.com", "Comment on UUR", "9ee40dd0-7009-4cea-92ab-7671c42ea86a"}, []string{u.User.Value(), u.Comment.Value(), u.RefUUT.Value()})
			assert.Equal(t, 122.0, u.ExecTime.Float())
			assertTime(t, "2017-07-07T07:18:24.77Z", u.ConfirmDate)
			assertTime(t, "2017-07-07T07:19:56.57Z", u.FinalizeDate)
			require.Len(t, r.MiscInfos, 1)
			assert.Equal(t, []string{"Order number", "1234567", "e5ffc4ee-b067-4fd8-b170-c7e64131942b"}, []string{r.MiscInfos[0].Description.Value(), r.MiscInfos[0].Text.Value(), r.MiscInfos[0].ID.Value()})
			require.Len(t, r.SubUnits, 3)
			type unit struct {
				idx, parent, pos any
				pn, sn, rev      string
				fails            int
			}
			var units []unit
			for _, su := range r.SubUnits {
				u := unit{idx: su.Idx.Int64(), pn: su.PN.Value(), sn: su.SN.Value(), rev: su.Rev.Value(), fails: len(su.Failures)}
				if v, ok := su.ParentIdx.Get(); ok {
					u.parent = v
				}
				if v, ok := su.Position.Get(); ok {
					u.pos = v
				}
				units = append(units, u)
			}
			assert.Equal(t, []unit{
				{int64(0), nil, nil, "FATPartNo", "FATTest-311", "Rev1", 1},
				{int64(1), int64(0), int64(1), "SubPartNo1", "SubPartSN1", "Rev2", 1},
				{int64(2), int64(0), int64(2), "SubPartNo2", "SubPartSN2", "Rev3", 0},
			}, units)
			f0, f1 := r.SubUnits[0].Failures[0], r.SubUnits[1].Failures[0]
			assert.Equal(t, []any{"Solder Process", "Appearance", "R55", int64(16), "Failure on main unit"}, []any{f0.Category.Value(), f0.Code.Value(), f0.ComRef.Value(), f0.RefStepID.Int64(), f0.Comment.Value()})
			assert.Equal(t, []any{"Assembly Process", "Missing component", "U16", int64(32), "Failure on subunit"}, []any{f1.Category.Value(), f1.Code.Value(), f1.ComRef.Value(), f1.RefStepID.Int64(), f1.Comment.Value()})
			assert.Empty(t, r.BinaryData)
			js, err := r.Marshal()
			require.NoError(t, err)
			assert.NotContains(t, string(js), "94098841", "the Failcode GUID is not carried")
		}},
		{"uut-wrml.xml", NewWRML(), func(t *testing.T, r *report.Report) {
			h := r.Header
			assert.Equal(t, []string{"T", "967ddc18-033c-48d0-92e0-58f0f55fd27b", "FATTest-292", "FATPartNo", "Rev1", "T", "VIC-WS-RE-LT", "FAT Station Location"},
				[]string{h.Type.Value(), h.ID.Value(), h.SN.Value(), h.PN.Value(), h.Rev.Value(), h.Result.Value(), h.MachineName.Value(), h.Location.Value()})
			assert.EqualValues(t, 10, h.ProcessCode.Int64())
			start := h.Start.Time()
			assert.WithinDuration(t, time.Now(), start, time.Minute, "1900 start is replaced by the conversion time")
			assert.False(t, h.StartUTC.IsSet())
			u := r.UUT
			assert.Equal(t, []any{"FAToper", int64(999), int64(999), "Error code 999", 123.67, "BatchSN"},
				[]any{u.User.Value(), u.TestSocketIndex.Int64(), u.ErrorCode.Int64(), u.ErrorMessage.Value(), u.ExecTime.Float(), u.BatchSN.Value()})
			require.Len(t, r.MiscInfos, 3)
			assert.EqualValues(t, 100, r.MiscInfos[0].Numeric.Int64())
			assert.Equal(t, []string{"MiscInfoNumeric", "MiscInfoString", "Hello", "InvalidXML", "This is a test with < and >"},
				[]string{r.MiscInfos[0].Description.Value(), r.MiscInfos[1].Description.Value(), r.MiscInfos[1].Text.Value(), r.MiscInfos[2].Description.Value(), r.MiscInfos[2].Text.Value()})
			require.Len(t, r.SubUnits, 2)
			assert.Equal(t, []string{"PCBA", "SubPartNo1", "SubPartSN1", "Rev2", "MODULE", "SubPartNo2", "SubPartSN2", "Rev3"},
				[]string{r.SubUnits[0].PartType.Value(), r.SubUnits[0].PN.Value(), r.SubUnits[0].SN.Value(), r.SubUnits[0].Rev.Value(),
					r.SubUnits[1].PartType.Value(), r.SubUnits[1].PN.Value(), r.SubUnits[1].SN.Value(), r.SubUnits[1].Rev.Value()})
			c := tally(r)
			assert.Len(t, r.Steps(), 53)
			assert.Equal(t, map[string]int{"SequenceCall": 7, "ET_NLT": 31, "ET_MNLT": 2, "ET_PFT": 3, "ET_MPFT": 1, "ET_SVT": 4, "ET_MSVT": 1, "WATS_XYGMNLT": 2, "WATS_AttachFile": 2}, c.types)
			assert.Equal(t, map[string]int{"P": 23, "F": 24, "D": 2, "S": 1, "T": 3}, c.status)
			assert.Equal(t, 80, c.meas)
			st := r.StepByID
			assert.Equal(t, []string{"MainSequence Callback", "T"}, []string{st(1).Name.Value(), st(1).Status.Value()})
			assert.Equal(t, []string{"Termination", "T"}, []string{st(45).Name.Value(), st(45).Status.Value()})
			assert.Equal(t, []any{"Test1", "ET_MNLT", "S", 0}, []any{st(46).Name.Value(), st(46).StepType.Value(), st(46).Status.Value(), len(st(46).NumericMeas)})
			m := st(47).NumericMeas[0]
			assert.Equal(t, []any{"Test2", "ET_NLT", "T", "LOG", 10.0, "S"}, []any{st(47).Name.Value(), st(47).StepType.Value(), st(47).Status.Value(), m.CompOp.Value(), m.Value.Float(), m.Unit.Value()})
			for id, want := range map[int]float64{19: 500, 25: 501} {
				m := st(id).NumericMeas[0]
				lo, hi := num(m)
				assert.Equal(t, []any{want, nil}, []any{lo, hi}, st(id).Name.Value())
			}
			assert.Equal(t, "SingleLEPass", st(19).Name.Value())
			assert.Equal(t, "SingleLTPass", st(25).Name.Value())
			s49 := st(49)
			require.NotNil(t, s49.Chart)
			assert.Equal(t, []string{"Fibionacci", "Line", "Fibonacci numbers"}, []string{s49.Name.Value(), s49.Chart.ChartType.Value(), s49.Chart.Label.Value()})
			require.Len(t, s49.Chart.Series, 2)
			assert.Equal(t, []string{"Fibionacci", "0;1;2;3;4;5;6;7;8;9;10;11;12", "0;1;1;2;3;5;8;13;21;34;55;89;144"},
				[]string{s49.Chart.Series[0].Name.Value(), s49.Chart.Series[0].XData.Value(), s49.Chart.Series[0].YData.Value()})
			assert.Equal(t, []string{"Mean", "28.9230769230769;28.9230769230769"}, []string{s49.Chart.Series[1].Name.Value(), s49.Chart.Series[1].YData.Value()})
			assert.Equal(t, []string{"LOG", "Number"}, []string{s49.NumericMeas[0].CompOp.Value(), s49.NumericMeas[0].Unit.Value()})
			s50 := st(50)
			require.NotNil(t, s50.Chart)
			require.Len(t, s50.Chart.Series, 4)
			var names []string
			for _, s := range s50.Chart.Series {
				names = append(names, s.Name.Value())
			}
			assert.Equal(t, []string{"Current", "Mean", "LowLimit", "HighLimit"}, names)
			assert.Equal(t, "60.72;61.886;62.6;0", s50.Chart.Series[0].YData.Value())
			for id, want := range map[int][]any{52: {"Attach file", "winhlp32.exe", "application/x-msdownload", 10240}, 53: {"Attach Byte array", "WiFiNotification", "image/png", 2626}} {
				s := st(id)
				require.NotNil(t, s.Attachment, s.Name.Value())
				raw, err := base64.StdEncoding.DecodeString(s.Attachment.Data.Value())
				require.NoError(t, err)
				assert.Equal(t, want, []any{s.Name.Value(), s.Attachment.Name.Value(), s.Attachment.ContentType.Value(), len(raw)})
			}
			js, err := r.Marshal()
			require.NoError(t, err)
			assert.NotContains(t, string(js), "clientstat")
		}},
		{"uur-wrml.xml", NewWRML(), func(t *testing.T, r *report.Report) {
			h := r.Header
			assert.Equal(t, []string{"R", "46e9f4c5-a04f-4580-a66e-d822db7fd593", "FATTest-810", "FATPartNo", "Rev1", "P", "FAToper"},
				[]string{h.Type.Value(), h.ID.Value(), h.SN.Value(), h.PN.Value(), h.Rev.Value(), h.Result.Value(), r.UUR.User.Value()})
			assert.EqualValues(t, 500, h.ProcessCode.Int64())
			assert.EqualValues(t, 10, r.UUR.ProcessCode.Int64())
			assertTime(t, "2017-07-07T10:10:23.6540416+02:00", h.Start)
			assertTime(t, "2017-07-07T08:10:23.6540416Z", h.StartUTC)
			assert.Equal(t, []string{"VIC-WS-RE-LT", "Drammen, Norway", "SW Test"}, []string{h.MachineName.Value(), h.Location.Value(), h.Purpose.Value()})
			require.Len(t, r.SubUnits, 3)
			assert.Equal(t, []any{int64(0), int64(1), int64(0), int64(2), int64(0)},
				[]any{r.SubUnits[0].Idx.Int64(), r.SubUnits[1].Idx.Int64(), r.SubUnits[1].ParentIdx.Int64(), r.SubUnits[2].Idx.Int64(), r.SubUnits[2].ParentIdx.Int64()})
			fs := r.SubUnits[0].Failures
			require.Len(t, fs, 2)
			assert.Equal(t, []any{"Assembly Process", "Missing component", "U16", int64(32)}, []any{fs[0].Category.Value(), fs[0].Code.Value(), fs[0].ComRef.Value(), fs[0].RefStepID.Int64()})
			assert.Equal(t, []any{"Solder Process", "Appearance", "R55", int64(16)}, []any{fs[1].Category.Value(), fs[1].Code.Value(), fs[1].ComRef.Value(), fs[1].RefStepID.Int64()})
		}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			head, err := os.ReadFile(filepath.Join("testdata", tc.file))
			require.NoError(t, err)
			assert.Equal(t, convert.Certain, tc.conv.Sniff(head), "sniff")
			other := New()
			if !tc.conv.wrml {
				other = NewWRML()
			}
			assert.Equal(t, convert.No, other.Sniff(head), "the other format does not claim it")
			reps := convertFile(t, tc.conv, tc.file)
			require.Len(t, reps, 1)
			tc.check(t, reps[0])
		})
	}
}
