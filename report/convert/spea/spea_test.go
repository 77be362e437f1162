package spea

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

const fixture = "testdata_SN9871234012.csv"

func source(name string, data []byte) *convert.Source {
	return &convert.Source{Name: name, Reader: bytes.NewReader(data), Size: int64(len(data)),
		Defaults: convert.Defaults{Location: time.UTC, Station: report.Station{Name: "CONV-PC", Location: "Lab", Purpose: "Test"}}}
}

func readFixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

func convertData(t *testing.T, data []byte) []*report.Report {
	t.Helper()
	rs, err := New().Convert(context.Background(), source("log.csv", data))
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
		if found == nil && s != root && s.SeqCall == nil && s.Name.Value() == name {
			found = s
		}
		return found == nil
	})
	return found
}

func TestFixture(t *testing.T) {
	data := readFixture(t, fixture)
	assert.Equal(t, convert.Likely, New().Sniff(data))
	rs := convertData(t, data)
	require.Len(t, rs, 10, "every run of the file")
	type fact struct {
		start, end  string
		result      string
		numeric, pf int
		failed      int
		sequences   int
	}
	facts := []fact{
		{"16:15:03", "16:15:22", "F", 1030, 168, 4, 30},
		{"16:15:29", "16:15:49", "F", 1030, 168, 4, 30},
		{"16:15:56", "16:16:15", "F", 1030, 168, 4, 30},
		{"16:16:21", "16:16:40", "F", 1030, 168, 4, 30},
		{"16:18:24", "16:18:43", "F", 1032, 169, 6, 30},
		{"16:18:46", "16:19:05", "F", 1032, 169, 7, 30},
		{"16:19:12", "16:19:31", "F", 1030, 168, 5, 30},
		{"16:19:34", "16:19:54", "F", 1030, 168, 5, 30},
		{"16:19:57", "16:20:16", "F", 1030, 168, 6, 30},
		// run 10 also has 15 FUNC records (kept, as numeric tests, in FKT sequences)
		{"16:22:03", "16:29:21", "P", 1596 + 15, 799, 21, 0},
	}
	for i, r := range rs {
		f := facts[i]
		assert.Equal(t, "SN9871234012", r.Header.SN.Value())
		assert.Equal(t, "PN1", r.Header.PN.Value())
		assert.Equal(t, "23462-TS", r.Root.Name.Value())
		assert.Equal(t, "1.0.2", r.Root.SeqCall.Version.Value())
		assert.Equal(t, "Test Operator op1", r.UUT.User.Value())
		assert.Equal(t, int64(10), r.Header.ProcessCode.Int64())
		start, _ := time.Parse("2006-01-02 15:04:05", "2024-10-12 "+f.start)
		end, _ := time.Parse("2006-01-02 15:04:05", "2024-10-12 "+f.end)
		assert.True(t, start.Equal(r.Header.Start.Time()), "run %d start %v", i+1, r.Header.Start.Time())
		assert.Equal(t, end.Sub(start).Seconds(), r.UUT.ExecTime.Float(), "run %d", i+1)
		assert.Equal(t, f.result, r.Header.Result.Value(), "run %d", i+1)
		var numeric, pf, failed, seqs int
		r.Root.Walk(func(s *report.Step) bool {
			switch {
			case s == r.Root:
			case s.SeqCall != nil:
				seqs++
			case len(s.NumericMeas) > 0:
				numeric++
			case len(s.BooleanMeas) > 0:
				pf++
			}
			if s.SeqCall == nil && s.Status.Value() == "F" {
				failed++
			}
			return true
		})
		assert.Equal(t, f.numeric, numeric, "run %d numeric", i+1)
		assert.Equal(t, f.pf, pf, "run %d pass/fail", i+1)
		assert.Equal(t, f.failed, failed, "run %d failed steps", i+1)
		if f.sequences > 0 {
			assert.Equal(t, f.sequences, seqs, "run %d sequences", i+1)
		}
	}
	r := rs[0]
	assert.Equal(t, "ADA", r.Root.Steps[0].Name.Value())
	assert.Equal(t, "Counter", r.Root.Steps[1].Name.Value())
	assert.Equal(t, "Capacitors", r.Root.Steps[2].Name.Value())

	m := find(r.Root, "Adapter ist angesaugt, keine Verschiebung moeglich!").NumericMeas[0]
	assert.Equal(t, [4]any{9.046875, "V", "GELE", 1.0}, [4]any{m.Value.Float(), m.Unit.Value(), m.CompOp.Value(), m.LowLimit.Float()})
	assert.Equal(t, 12.0, m.HighLimit.Float())
	m = find(r.Root, "SET UFL3 FOR COUNTER").NumericMeas[0]
	assert.Equal(t, [5]any{0.000625, "V", "GELE", -1.0, 1.0}, [5]any{m.Value.Float(), m.Unit.Value(), m.CompOp.Value(), m.LowLimit.Float(), m.HighLimit.Float()})
	st := find(r.Root, "CAPC332 1nF 10% -10%")
	m = st.NumericMeas[0]
	assert.True(t, math.IsNaN(m.Value.Float()))
	assert.Equal(t, [4]any{"F", "GELE", 8.5e-10, 1.15e-9}, [4]any{m.Unit.Value(), m.CompOp.Value(), m.LowLimit.Float(), m.HighLimit.Float()})
	assert.Equal(t, "F", st.Status.Value())
	// the check runs twice; the re-test (DSC-CP[C128](2)) fails
	var checks []string
	r.Root.Walk(func(s *report.Step) bool {
		if s.Name.Value() == "DSC-CP[C128] Check capacitor voltage > |0.05V|" {
			require.Len(t, s.BooleanMeas, 1)
			checks = append(checks, s.Status.Value())
		}
		return true
	})
	assert.Equal(t, []string{"P", "F"}, checks)
	st = find(r.Root, "ADA_POS_ICT")
	require.Len(t, st.BooleanMeas, 1)
	assert.Equal(t, "P", st.Status.Value())
	// a low limit of 0 is a real limit
	m = find(r.Root, "LNK2TP $$SIGNAL1 387-1106").NumericMeas[0]
	assert.Equal(t, [3]any{"GELE", 0.0, 10.0}, [3]any{m.CompOp.Value(), m.LowLimit.Float(), m.HighLimit.Float()})
	// FUNC records of run 10
	fkt := find(rs[9].Root, "5.11 SPI acceleration sensor")
	require.NotNil(t, fkt)
	assert.Equal(t, 16634.0, fkt.NumericMeas[0].Value.Float())
}

const mini = "FORMAT;mmdd\nSTART;Programme;SEQ;1.0;SEQ;op;10/12/2024;16:15:03\nLOT;\n" +
	"ANL;1;R1;1;1;R1 10k;;PASS;1.0e+04;9.0e+03;1.1e+04;ohm;1 2 ;5\n" +
	"ANL;1;FLOAT;54;1;FLOAT;;PASS;Automatic;;236;;;236\n" +
	"FUNC;1;FKT;0;1000;Firmware;;PASS;1.000000e+00;1.000000e+00;0.000000e+00;;\n" +
	"SN;S1\nBOARDRESULT;PASS\nEND;PASS;10/12/2024;16:15:22\n"

func TestRules(t *testing.T) {
	rs := convertData(t, []byte(mini))
	require.Len(t, rs, 1)
	r := rs[0]
	fl := find(r.Root, "FLOAT").NumericMeas[0]
	assert.True(t, math.IsNaN(fl.Value.Float()), "Automatic is no measured value")
	assert.Equal(t, "LE", fl.CompOp.Value())
	assert.Equal(t, 236.0, fl.LowLimit.Float())
	fw := find(r.Root, "Firmware").NumericMeas[0]
	assert.Equal(t, "GE", fw.CompOp.Value(), "a window ending at 0 below its low limit is 'at least low'")
	assert.Equal(t, "FKT", r.Root.Steps[len(r.Root.Steps)-1].Name.Value())

	dm := strings.Replace(strings.Replace(mini, "FORMAT;mmdd", "FORMAT;ddmm", 1), "10/12/2024", "13/10/2024", -1)
	rs = convertData(t, []byte(dm))
	assert.True(t, time.Date(2024, 10, 13, 16, 15, 3, 0, time.UTC).Equal(rs[0].Header.Start.Time()), "FORMAT;ddmm")

	src := source("p.csv", []byte(mini))
	src.Params = convert.Params{ParamPartNumber: "23462", ParamOperationTypeCode: "30"}
	rs, err := New().Convert(context.Background(), src)
	require.NoError(t, err)
	assert.Equal(t, "23462", rs[0].Header.PN.Value())
	assert.Equal(t, int64(30), rs[0].Header.ProcessCode.Int64())
}

func TestMalformed(t *testing.T) {
	tests := []struct {
		name, text, want string
		line             int
	}{
		{"no end", strings.Replace(mini, "END;PASS;10/12/2024;16:15:22\n", "", 1), "START without END", 2},
		{"bad date", strings.Replace(mini, "10/12/2024;16:15:03", "2024-10-12;16:15:03", 1), "START date", 2},
		{"bad number", strings.Replace(mini, "1.0e+04", "ten", 1), "measured value \"ten\"", 4},
		{"short ANL", strings.Replace(mini, "ANL;1;R1;1;1;R1 10k;;PASS;1.0e+04;9.0e+03;1.1e+04;ohm;1 2 ;5", "ANL;1;R1", 1), "fields", 4},
		{"no SN", strings.Replace(mini, "SN;S1\n", "", 1), "without an SN", 2},
		{"bad result", strings.Replace(mini, "END;PASS", "END;MAYBE", 1), "END result", 9},
		{"not spea", "hello;world\n", "not a SPEA log", 1},
		{"empty", "FORMAT;mmdd\n", "no START", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs, err := New().Convert(context.Background(), source("bad.csv", []byte(tt.text)))
			assert.Nil(t, rs)
			var me *convert.MalformedError
			require.True(t, errors.As(err, &me), "%v", err)
			assert.Contains(t, me.Error(), tt.want)
			assert.Equal(t, tt.line, me.Line)
		})
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := New().Convert(ctx, source("x.csv", []byte(mini)))
	assert.ErrorIs(t, err, context.Canceled)
}
