package takaya

import (
	"bytes"
	"context"
	"fmt"
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

const (
	filePB   = "PB2939800_E_BOT-20230420130239.ATD"
	fileV68  = "V682780_B_BOT-20230301082027.ATD"
	fileATDX = "WO250319-0162__20250525_122655.atdx"
	fileBV   = "11111-BV0001 (AT33).ATD"
	fileSN   = "12345 - SN0001 (FP1 - OP01).ATD"
)

func source(name string, data []byte, warns *[]string) *convert.Source {
	return &convert.Source{
		Name:     name,
		Reader:   bytes.NewReader(data),
		Size:     int64(len(data)),
		Defaults: convert.Defaults{Location: time.UTC, Station: report.Station{Name: "CONV-PC", Location: "Lab", Purpose: "Test"}},
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

func convertFile(t *testing.T, c *Converter, name string, params convert.Params) []*report.Report {
	t.Helper()
	src := source(name, readFixture(t, name), nil)
	src.Params = params
	rs, err := c.Convert(context.Background(), src)
	require.NoError(t, err)
	for _, r := range rs {
		require.NoError(t, r.Finalize())
		require.NoError(t, r.Validate())
	}
	return rs
}

// counts tallies the test steps below root: numeric tests, skipped steps,
// steps without a test, loop headers.
type counts struct{ numeric, skipped, noTest, loops, sequences int }

func count(r *report.Report) counts {
	var c counts
	r.Root.Walk(func(s *report.Step) bool {
		switch {
		case s == r.Root:
		case s.SeqCall != nil:
			c.sequences++
		case s.Loop != nil && s.Loop.IsHeader():
			c.loops++
		case s.Loop != nil:
		case len(s.NumericMeas) > 0:
			c.numeric++
		case s.Status.Value() == report.StatusSkipped:
			c.skipped++
		default:
			c.noTest++
		}
		return true
	})
	return c
}

func find(root *report.Step, name string) *report.Step {
	var found *report.Step
	root.Walk(func(s *report.Step) bool {
		if found == nil && s != root && s.Name.Value() == name && s.Loop == nil {
			found = s
		}
		return found == nil
	})
	return found
}

type numFact struct {
	name, unit, op string
	value          float64
	low, high      float64
}

func checkNum(t *testing.T, r *report.Report, f numFact) {
	t.Helper()
	st := find(r.Root, f.name)
	require.NotNil(t, st, f.name)
	require.Len(t, st.NumericMeas, 1, f.name)
	m := st.NumericMeas[0]
	assert.InDelta(t, f.value, m.Value.Float(), 1e-9, f.name)
	assert.Equal(t, f.unit, m.Unit.Value(), f.name)
	assert.Equal(t, f.op, m.CompOp.Value(), f.name)
	assert.InDelta(t, f.low, m.LowLimit.Float(), 1e-9, f.name)
	if report.CompOp(f.op).Limits() == 2 {
		assert.InDelta(t, f.high, m.HighLimit.Float(), 1e-9, f.name)
	}
}

func TestATDFixtures(t *testing.T) {
	tests := []struct {
		file     string
		pn       string
		start    time.Time
		exec     float64
		sns      []string
		counts   counts
		numerics []numFact
	}{
		{filePB, "PB2939800_E_BOT.SWX", time.Date(2023, 4, 20, 13, 2, 39, 0, time.UTC), 73,
			[]string{"0610982638", "0610982639", "0610982637", "0610982636"}, counts{numeric: 75, skipped: 1},
			[]numFact{
				{"U1_P3V3_GND", "V", "GELE", 0.536, 0.4788, 0.5852},
				{"U8_NetQ4_4_NetQ4_1", "O", "GT", 409.5, 100, 0},
				{"C34*_CHASSIS_GND", "NF", "GELE", 32.6, 31.41, 38.39},
			}},
		{fileV68, "V682780_B_BOT.SWX", time.Date(2023, 3, 1, 8, 20, 27, 0, time.UTC), 14,
			[]string{"0601994566", "0601994567"}, counts{numeric: 52, skipped: 3},
			[]numFact{
				{"L2_+12VB_12V", "UH", "GELE", 5.30, 3.864, 7.176},
				{"P1P2_+12VB_3V3", "O", "GT", 409.5, 100, 0},
				{"P1P3_+12VB_12V", "O", "LT", 0.43, 10, 0},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := readFixture(t, tt.file)
			assert.Equal(t, convert.Likely, NewATD().Sniff(data))
			rs := convertFile(t, NewATD(), tt.file, nil)
			require.Len(t, rs, len(tt.sns))
			for i, r := range rs {
				assert.Equal(t, tt.sns[i], r.Header.SN.Value())
				assert.Equal(t, tt.pn, r.Header.PN.Value())
				assert.True(t, tt.start.Equal(r.Header.Start.Time()), "start %v", r.Header.Start.Time())
				assert.Equal(t, tt.exec, r.UUT.ExecTime.Float())
				assert.Equal(t, "TAK4", r.Header.MachineName.Value())
				assert.Equal(t, int64(30), r.Header.ProcessCode.Int64())
				assert.Equal(t, "P", r.Header.Result.Value())
				assert.Equal(t, tt.counts, count(r), "board %d", i+1)
			}
			for _, f := range tt.numerics {
				checkNum(t, rs[0], f)
			}
		})
	}
}

func TestATDGroupByComponentType(t *testing.T) {
	rs := convertFile(t, NewATD(), fileV68, convert.Params{ParamGroupByComponentType: "true"})
	names := map[string]bool{}
	for _, s := range rs[0].Root.Steps {
		require.NotNil(t, s.SeqCall, s.Name.Value())
		names[s.Name.Value()] = true
	}
	assert.True(t, names["L"] && names["R"] && names["P"], "%v", names)
	assert.Equal(t, counts{numeric: 52, skipped: 3, sequences: len(names)}, count(rs[0]))
}

func TestATDX(t *testing.T) {
	data := readFixture(t, fileATDX)
	assert.Equal(t, convert.Certain, NewATDX().Sniff(data))
	rs := convertFile(t, NewATDX(), fileATDX, nil)
	require.Len(t, rs, 10, "one report per attempt")
	for i, r := range rs {
		assert.Equal(t, "WO250319-0162", r.Header.SN.Value())
		assert.Equal(t, "289-0254-4.0", r.Header.PN.Value())
		assert.Equal(t, "APT-1400F FPT04", r.Header.MachineName.Value())
		assert.True(t, time.Date(2025, 5, 25, 12, 26, 55, 0, time.UTC).Equal(r.Header.Start.Time()), "attempts keep the file's date")
		assert.Equal(t, int64(30), r.Header.ProcessCode.Int64())
		want := "F"
		if i == 9 {
			want = "P"
		}
		assert.Equal(t, want, r.Header.Result.Value(), "attempt %d", i+1)
		require.Len(t, r.Root.Steps, 2)
		assert.Equal(t, "Group 1", r.Root.Steps[0].Name.Value())
		assert.Equal(t, "Group 2", r.Root.Steps[1].Name.Value())
	}
	c := count(rs[0])
	assert.Equal(t, 2756, c.numeric)
	assert.Equal(t, 264, c.skipped)
	assert.Equal(t, 84, c.noTest)
	assert.Equal(t, 2+26, c.sequences, "2 groups with 13 component types each")
	checkNum(t, rs[0], numFact{"R272_GND_$$$16530", "KO", "GELE", 4.6955, 4.23, 5.17})
	checkNum(t, rs[0], numFact{"153-9_PWR_VOUT_GND", "O", "GT", 55000, 100, 0})
	// group verdicts: group 1 fails in attempts 1-3, group 2 in attempts 1-9
	for i, r := range rs {
		g1, g2 := r.Root.Steps[0].Status.Value(), r.Root.Steps[1].Status.Value()
		assert.Equal(t, map[bool]string{true: "F", false: "P"}[i < 3], g1, "attempt %d group 1", i+1)
		assert.Equal(t, map[bool]string{true: "F", false: "P"}[i < 9], g2, "attempt %d group 2", i+1)
	}
	failed := 0
	rs[0].Root.Walk(func(s *report.Step) bool {
		if s.Name.Value() == "U35_AUD_AD0_AGND" && s.Status.Value() == "F" && len(s.NumericMeas) == 1 && s.NumericMeas[0].Unit.Value() == "V" {
			failed++
		}
		return true
	})
	assert.Equal(t, 2, failed, "the judge-FAIL step appears in both groups of attempt 1")
}

func TestAPT94xx(t *testing.T) {
	t.Run(fileBV, func(t *testing.T) {
		assert.Equal(t, convert.Likely, NewAPT94xx().Sniff(readFixture(t, fileBV)))
		rs := convertFile(t, NewAPT94xx(), fileBV, nil)
		require.Len(t, rs, 1)
		r := rs[0]
		assert.Equal(t, "BV0001", r.Header.SN.Value())
		assert.Equal(t, "11111", r.UUT.BatchSN.Value())
		assert.Equal(t, "DEMO-PANEL-C", r.Header.PN.Value())
		assert.Equal(t, "V1.SWX2", r.Header.Rev.Value())
		assert.Equal(t, "SWX2", r.Root.Name.Value())
		assert.Equal(t, "V1", r.Root.SeqCall.Version.Value())
		assert.Equal(t, "FP1", r.Header.MachineName.Value())
		assert.Equal(t, "AT33", r.UUT.User.Value())
		assert.True(t, time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC).Equal(r.Header.Start.Time()))
		assert.Equal(t, int64(30), r.Header.ProcessCode.Int64())
		assert.Equal(t, "P", r.Header.Result.Value())
		assert.InDelta(t, 0.208, r.UUT.ExecTime.Float(), 1e-9)
		c := count(r)
		assert.Equal(t, counts{numeric: 49, sequences: 8}, c)
		var seqs []string
		ops := map[string]int{}
		for _, s := range r.Root.Steps {
			seqs = append(seqs, s.Name.Value())
			for _, st := range s.Steps {
				ops[st.NumericMeas[0].CompOp.Value()]++
			}
		}
		assert.ElementsMatch(t, []string{"C", "G", "J", "L", "P", "R", "SHRT", "U"}, seqs)
		assert.Equal(t, map[string]int{"GT": 30, "GELE": 17, "LT": 2}, ops)
		checkNum(t, r, numFact{"P2P1_VNET1-VNET2", "OHM", "GT", 409.5, 100, 0})
		checkNum(t, r, numFact{"C14*_EXPART-14", "UF", "GELE", 31.9, 26.256, 39.384})
	})
	t.Run(fileSN, func(t *testing.T) {
		rs := convertFile(t, NewAPT94xx(), fileSN, nil)
		require.Len(t, rs, 1)
		r := rs[0]
		assert.Equal(t, "SN0001", r.Header.SN.Value())
		assert.Equal(t, "12345", r.UUT.BatchSN.Value())
		assert.Equal(t, "DEMO-PCB-A", r.Header.PN.Value())
		assert.Equal(t, "V1.SW01", r.Header.Rev.Value())
		assert.Equal(t, "FP1", r.UUT.User.Value())
		assert.Equal(t, "CONV-PC", r.Header.MachineName.Value(), "no Test ID: the station parameter or client default")
		require.Len(t, r.MiscInfos, 1)
		assert.Equal(t, "Operator 2", r.MiscInfos[0].Description.Value())
		assert.Equal(t, "OP01", r.MiscInfos[0].Text.Value())
		assert.Equal(t, "P", r.Header.Result.Value())
		assert.InDelta(t, 6.676, r.UUT.ExecTime.Float(), 1e-9)
		assert.Equal(t, counts{numeric: 864, skipped: 9, loops: 1, sequences: 5}, count(r))
		checkNum(t, r, numFact{"R173_RES-10K-EX", "KOHM", "GELE", 9.65, 9.5, 10.5})
		checkNum(t, r, numFact{"C136_CAP-100N-EX", "NF", "GELE", 98.2, 80, 120})
		var loop []*report.Step
		r.Root.Walk(func(s *report.Step) bool {
			if s.Name.Value() == "R386_RES-10K-EX" {
				loop = append(loop, s)
			}
			return true
		})
		require.Len(t, loop, 3, "loop header and two iterations")
		assert.True(t, loop[0].Loop.IsHeader())
		assert.Equal(t, 8.89, loop[1].NumericMeas[0].Value.Float())
		assert.Equal(t, 7.91, loop[2].NumericMeas[0].Value.Float())
		assert.Equal(t, "P", loop[2].Status.Value(), "the final reading keeps the tester's PASS")
		assert.InDelta(t, 9.5, loop[2].NumericMeas[0].LowLimit.Float(), 1e-9)
		assert.InDelta(t, 10.5, loop[2].NumericMeas[0].HighLimit.Float(), 1e-9)
	})
	_ = convtest.Summarize
}

// miniATDX is an ATDX attempt with rows whose measured unit differs from the
// reference unit.
const miniATDX = "#############\"Main header\"############\nTester ID:  T1\nModel: PN-7 rev-b\nSerial number : S1\nTest Date: 25/05/2025 12:26:55\n" +
	"#############\"Group header\"#########\nGroup No.: 1 Side: A PASS \n" +
	"Order;Aux;M.Aux;Parts;Value;Unit;Comment;Loc.;EL;Reference;Unit;Func;+%;Unit;-%;Unit;Test.Base(Test1);Unit;Test.Base(Test2);Unit;Judge;H-pin;Netname-H-pin;L-pin;Netname-L-pin\n" +
	"605;;;R102;10;MO;NO_FITR;RES;R;10.000;MO;GE;----------;;----------;;0.359;MO;5500.000;KO;PASS;1;GND;192;U20_MODE\n" +
	"1187;;;J2;P7-8;;Short;PSH;L;500.00;uH;EQ;30.0;;30.0;;0.5314;mH;;;PASS;560;MDIP3;578;MDIN3\n" +
	"1188;;;C5;1;mF;X;CAP;C;1.000;mF;EQ;0;;0;;1.0;mF;;;PASS;5;A;6;B\n" +
	"1189;;;U16;6-G;;IC;DNET;D;0.650;V;EQ;25.0;;25.0;;;;;;UnTested;1;VCC;2;GND\n"

func TestUnitPrefixes(t *testing.T) {
	convertMini := func(params convert.Params) *report.Report {
		src := source("mini.atdx", []byte(miniATDX), nil)
		src.Params = params
		rs, err := NewATDX().Convert(context.Background(), src)
		require.NoError(t, err)
		require.Len(t, rs, 1)
		require.NoError(t, rs[0].Finalize())
		require.NoError(t, rs[0].Validate())
		return rs[0]
	}
	r := convertMini(nil)
	assert.Equal(t, "PN-7", r.Header.PN.Value())
	assert.Equal(t, "rev-b", r.MiscInfos[0].Text.Value(), "text after the model is the barcode suffix")
	// measured 5500 KO (second reading) against GE 10 MO: the limit is converted to KO
	checkNum(t, r, numFact{"R102_GND_U20_MODE", "KO", "GE", 5500, 10000, 0})
	// 500 uH ±30 % against a reading in mH: [0.35, 0.65] mH
	checkNum(t, r, numFact{"J2_MDIP3_MDIN3", "mH", "GELE", 0.5314, 0.35, 0.65})
	// a tolerance of 0 is a real (zero-width) window, and mF is milli
	checkNum(t, r, numFact{"C5_A_B", "mF", "GELE", 1, 1, 1})
	untested := find(r.Root, "U16_VCC_GND")
	require.Len(t, untested.NumericMeas, 1)
	assert.Equal(t, "D", untested.Status.Value(), "UnTested keeps its test, without a verdict")

	r = convertMini(convert.Params{ParamUnitCalcPreference: "Limits"})
	checkNum(t, r, numFact{"R102_GND_U20_MODE", "MO", "GE", 5.5, 10, 0})
	checkNum(t, r, numFact{"J2_MDIP3_MDIN3", "uH", "GELE", 531.4, 350, 650})
}

func TestUnitScale(t *testing.T) {
	for u, want := range map[string]float64{"O": 1, "KO": 1e3, "MO": 1e6, "MOHM": 1e6, "mO": 1e-3, "MV": 1e-3, "mV": 1e-3, "UH": 1e-6, "uF": 1e-6,
		"NF": 1e-9, "nF": 1e-9, "PF": 1e-12, "pF": 1e-12, "V": 1, "KHZ": 1e3, "MHZ": 1e6, "DB": 1, "": 1} {
		assert.Equal(t, want, unitScale(u), u)
	}
}

func TestATDMalformed(t *testing.T) {
	for _, tt := range []struct{ name, text, want string }{
		{"not atd", "hello\n", "no @ header"},
		{"bad date", "@\n* PASS *\nModel:X.SWX\nDATE 99/99/2023 08:20:27\n@\n* GROUP No.1 *\n", "DATE"},
		{"row outside", "@\nModel:X\n@\n01\t000001\tR1\n", "outside a GROUP"},
		{"short row", "@\nModel:X\nDATE 1/3/2023 08:20:27\n@\n* GROUP No.1 *\nSerial No.:1\n01\t000001\tR1\n", "columns"},
		{"no board", "@\nModel:X\nDATE 1/3/2023 08:20:27\n@\n", "no board"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := NewATD().Convert(context.Background(), source("x.ATD", []byte(tt.text), nil))
			assert.Nil(t, rs)
			var me *convert.MalformedError
			require.ErrorAs(t, err, &me)
			assert.Contains(t, me.Error(), tt.want)
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := NewATDX().Convert(ctx, source("x", []byte(miniATDX), nil))
	assert.ErrorIs(t, err, context.Canceled)
}

// TestATDLegacy: the 2014 layout (Step_number first, serial in the header,
// DATE yy/MM/dd, no GROUP block) is one board.
func TestATDLegacy(t *testing.T) {
	const file = "ATVG02_43393848.1023824957283_20141227_152724.ATD"
	assert.Equal(t, convert.Likely, NewATD().Sniff(readFixture(t, file)))
	assert.Equal(t, convert.No, NewAPT94xx().Sniff(readFixture(t, file)))
	rs := convertFile(t, NewATD(), file, nil)
	require.Len(t, rs, 1)
	r := rs[0]
	assert.Equal(t, "43393848.1023824957283", r.Header.SN.Value())
	assert.Equal(t, "ATVG02.SWX", r.Header.PN.Value())
	assert.True(t, time.Date(2014, 12, 27, 15, 26, 30, 0, time.UTC).Equal(r.Header.Start.Time()), "%v", r.Header.Start.Time())
	assert.Equal(t, 55.0, r.UUT.ExecTime.Float())
	assert.Equal(t, "Test Station", r.Header.MachineName.Value())
	assert.Equal(t, "Operator", r.UUT.User.Value())
	assert.Equal(t, "F", r.Header.Result.Value())
	assert.Equal(t, counts{numeric: 7, skipped: 6}, count(r))
	checkNum(t, r, numFact{"R113", "KO", "GELE", 1.0, 0.9, 1.1})
	assert.Equal(t, "F", find(r.Root, "R29").Status.Value(), "UP-NG fails")
}

// TestAPT94xxBlocks: every @-block of an APT file is a report (top and
// bottom side, re-tests); T/B after the program's last digit names the side.
func TestAPT94xxBlocks(t *testing.T) {
	row := `000009 "R173       " "10KO       " "RES-10K-EX     " 489   491   "10.00 KO " " 9.65 KO " "........" +5% -5% "%s   " "DC-CV" "Range 4" "5.0 ms" "( +, -, N, N) " 0     0     "**"` + "\n"
	block := func(model, verdict, serial, judge string) string {
		return "@\n* " + verdict + " *\nModel:" + model + "\nDATE 02/01/24 09:30:00\n@\n* GROUP No.1 *\n* " + verdict + " *\nSerial No.:" + serial + "\n" + fmt.Sprintf(row, judge) + "@\n"
	}
	data := block("BRD-100T_V2.SW3", "PASS", "B1-S1 (OP1)", "PASS") + block("BRD-100B_PANEL_V2.SW3", "FAIL", "B1-S1 (OP1 - OP2)", "FAIL")
	src := source("two.ATD", []byte(data), nil)
	rs, err := NewAPT94xx().Convert(context.Background(), src)
	require.NoError(t, err)
	require.Len(t, rs, 2)
	for _, r := range rs {
		require.NoError(t, r.Finalize())
		require.NoError(t, r.Validate())
		assert.Equal(t, "BRD-100", r.Header.PN.Value())
		assert.Equal(t, "S1", r.Header.SN.Value())
		assert.Equal(t, "B1", r.UUT.BatchSN.Value())
		assert.True(t, time.Date(2024, 1, 2, 9, 30, 0, 0, time.UTC).Equal(r.Header.Start.Time()), "dd/MM/yy")
	}
	assert.Equal(t, int64(30), rs[0].Header.ProcessCode.Int64(), "top side")
	assert.Equal(t, int64(31), rs[1].Header.ProcessCode.Int64(), "bottom side")
	assert.Equal(t, "Top", rs[0].MiscInfos[0].Text.Value())
	assert.Equal(t, "P", rs[0].Header.Result.Value())
	assert.Equal(t, "F", rs[1].Header.Result.Value())
	assert.Equal(t, "F", find(rs[1].Root, "R173_RES-10K-EX").Status.Value())

	src = source("two.ATD", []byte(data), nil)
	src.Params = convert.Params{ParamStationNameFromOperator: "true"}
	rs, err = NewAPT94xx().Convert(context.Background(), src)
	require.NoError(t, err)
	require.NoError(t, rs[1].Finalize())
	assert.Equal(t, "OP1", rs[1].Header.MachineName.Value())
	assert.Equal(t, "OP2", rs[1].UUT.User.Value())
}
