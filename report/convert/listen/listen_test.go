package listen

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

const (
	fileUS = "Complete test 7-22-2020 (002).txt"
	fileEU = "Data logging example 12-01-2021.txt"
)

// source is a Source under the expected facts' settings, collecting warnings.
var source = convtest.ExpectedSource

func convertData(t *testing.T, name string, data []byte, params convert.Params) []*report.Report {
	t.Helper()
	src, _ := source(name, data, params)
	rs, err := New().Convert(context.Background(), src)
	require.NoError(t, err)
	for _, r := range rs {
		require.NoError(t, r.Finalize())
		require.NoError(t, r.Validate())
	}
	return rs
}

func convertFile(t *testing.T, name string, params convert.Params) []*report.Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return convertData(t, name, data, params)
}

// TestUSWithOperator: the file with the extra Operator column (Virinco's
// converter fails on it).
func TestUSWithOperator(t *testing.T) {
	for _, params := range []convert.Params{nil, {ParamCultureCode: "en-US"}} {
		rs := convertFile(t, fileUS, params)
		require.Len(t, rs, 8)
		for _, r := range rs {
			assert.Equal(t, "P/N #12345", r.Header.PN.Value())
			assert.Equal(t, "Rick", r.UUT.User.Value())
			assert.Equal(t, "P", r.Header.Result.Value())
			assert.Equal(t, "1.0", r.Header.Rev.Value())
			assert.Equal(t, "SoundCheckSeq", r.Root.Name.Value())
			require.Len(t, r.Root.Steps, 5)
			names := []string{}
			for _, s := range r.Root.Steps {
				names = append(names, s.Name.Value())
			}
			assert.Equal(t, []string{"Ave Sensitivity", "Polarity", "Response margin", "THD margin", "Rub & Buzz margin"}, names)
		}
		sns := []string{}
		for _, r := range rs {
			sns = append(sns, r.Header.SN.Value())
		}
		assert.Equal(t, []string{"S/N 13", "S/N 14", "S/N 15", "S/N 16", "S/N 17", "S/N 18", "S/N 19", "S/N 20"}, sns)
		r := rs[0]
		assert.Equal(t, time.Date(2020, 7, 22, 10, 22, 14, 0, time.UTC), r.Header.Start.Time().UTC())
		ave := r.Root.Steps[0].NumericMeas[0]
		assert.Equal(t, 95.5, ave.Value.Float())
		assert.Equal(t, "dB", ave.Unit.Value())
		assert.Equal(t, "GELE", ave.CompOp.Value())
		assert.Equal(t, [2]float64{90, 100}, [2]float64{ave.LowLimit.Float(), ave.HighLimit.Float()})
		pol := r.Root.Steps[1].NumericMeas[0]
		assert.Equal(t, 90.0, pol.Value.Float())
		assert.Equal(t, "deg.", pol.Unit.Value())
		assert.Equal(t, "LOG", pol.CompOp.Value(), "tolerance curves: no scalar limits")
		checks := map[int][2]any{2: {3.0, "dB"}, 3: {2.0, "%"}, 4: {0.1, "%"}}
		for i, want := range checks {
			m := r.Root.Steps[i].NumericMeas[0]
			assert.Equal(t, want[0], m.Value.Float())
			assert.Equal(t, want[1], m.Unit.Value())
			assert.Equal(t, "P", r.Root.Steps[i].Status.Value())
		}
	}
}

func TestEUCurves(t *testing.T) {
	for _, params := range []convert.Params{nil, {ParamCultureCode: "de-DE"}, {ParamCultureCode: "nb-NO"}} {
		rs := convertFile(t, fileEU, params)
		require.Len(t, rs, 1, "one serial number")
		r := rs[0]
		assert.Equal(t, "2.58.21", r.Header.SN.Value())
		assert.Equal(t, "BLR-SC-WATS", r.Header.PN.Value())
		assert.Equal(t, time.Date(2021, 1, 12, 9, 8, 35, 0, time.UTC), r.Header.Start.Time().UTC(), "dd-MM-yyyy")
		require.Len(t, r.Root.Steps, 3)
		want := []struct {
			name   string
			points int
			x0, y0 string
		}{
			{"Fundamental Limit Upper Limit", 6, "100", "4"},
			{"Fundamental Limit Lower Limit", 4, "100", "-4"},
			{"Curve 3", 2205, "0", ""},
		}
		for i, w := range want {
			s := r.Root.Steps[i]
			assert.Equal(t, w.name, s.Name.Value())
			require.NotNil(t, s.Chart)
			assert.Equal(t, "LineLogX", s.Chart.ChartType.Value(), "x axis log")
			assert.Equal(t, "Hz", s.Chart.XUnit.Value())
			assert.Equal(t, "dB re 1 V/sqrt(Hz)", s.Chart.YUnit.Value())
			require.Len(t, s.Chart.Series, 1)
			xs := strings.Split(s.Chart.Series[0].XData.Value(), ";")
			assert.Len(t, xs, w.points, w.name)
			assert.Equal(t, w.x0, xs[0], w.name)
			if w.y0 != "" {
				assert.Equal(t, w.y0, strings.Split(s.Chart.Series[0].YData.Value(), ";")[0])
			}
		}
	}
}

func TestResultsWithoutOperatorEU(t *testing.T) {
	data := "Serial #:\tTime: \tLot #: \tName\tMargin\tUnit\tResult\tTolerance\tLimits\n" +
		"A1\t12.01.2021 09:08:35\tLOT\tAve Sensitivity\t31,90\tdB\tFAIL\tMax/Min\t33,0/32,0\n" +
		"A1\t12.01.2021 09:08:35\tLOT\tResponse margin\t-0,70\tdB\tFAIL\tTolerance curves\tFloating Limits\n" +
		"A2\t12.01.2021 09:09:00\t\tAve Sensitivity\t32,5\tdB\tPASS\tMax/Min\t33,0/32,0\n"
	rs := convertData(t, "eu.txt", []byte(data), convert.Params{ParamOperator: "op7", ParamCultureCode: "de-DE"})
	require.Len(t, rs, 2)
	assert.Equal(t, "F", rs[0].Header.Result.Value())
	assert.Equal(t, "op7", rs[0].UUT.User.Value())
	m := rs[0].Root.Steps[0].NumericMeas[0]
	assert.Equal(t, 31.9, m.Value.Float())
	assert.Equal(t, [2]float64{32, 33}, [2]float64{m.LowLimit.Float(), m.HighLimit.Float()})
	assert.Equal(t, "F", rs[0].Root.Steps[1].Status.Value())
	assert.Equal(t, "P", rs[1].Header.Result.Value())
	assert.Equal(t, "PN", rs[1].Header.PN.Value(), "empty lot number: parameter")
}

func TestMalformed(t *testing.T) {
	h := "Serial #:\tTime: \tLot #: \tName\tMargin\tUnit\tResult\tTolerance\tLimits\n"
	c := "Serial #:\tTime: \tLot #: \tcurve\t\tx data lin\ty data dB\n"
	tests := []struct {
		name, data string
		line       int
	}{
		{"no header", "A\t1/1/2020 1:00:00 PM\tL\tx\t1\n", 1},
		{"header without lot", "Serial #:\tTime: \n", 1},
		{"bad time", h + "A\tyesterday\tL\tx\t1\tV\tPASS\t\t\n", 2},
		{"bad value", h + "A\t1/1/2020 1:00:00 PM\tL\tx\tabc\tV\tPASS\t\t\n", 2},
		{"short row", h + "A\t1/1/2020 1:00:00 PM\n", 2},
		{"bad curve value", c + "A\t1/1/2020 1:00:00 PM\tL\t1\t2\nA\t1/1/2020 1:00:00 PM\tL\t1\tx\n", 3},
		{"x without y", c + "A\t1/1/2020 1:00:00 PM\tL\t1\t2\n", 2},
		{"only header", h, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, _ := source("bad.txt", []byte(tt.data), nil)
			rs, err := New().Convert(context.Background(), src)
			require.Error(t, err)
			assert.Nil(t, rs)
			var me *convert.MalformedError
			require.True(t, errors.As(err, &me), "%T %v", err, err)
			assert.Equal(t, tt.line, me.Line, me.Error())
		})
	}
}

func TestContextCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	src, _ := source("x", []byte("Serial #:"), nil)
	_, err := New().Convert(ctx, src)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestSniff(t *testing.T) {
	c := New()
	for _, f := range []string{fileUS, fileEU} {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		require.NoError(t, err)
		assert.Equal(t, convert.Certain, c.Sniff(data), f)
	}
	assert.Equal(t, convert.Likely, c.Sniff([]byte("Serial #:\tName\n")))
	assert.Equal(t, convert.No, c.Sniff([]byte("Serial Number\tTime\n")))
}

// TestUSWithoutOperator follows the layout of the repository's WATS18 sample
// (not shipped here): no Operator column, failing results, and a curve block
// after the results.
func TestUSWithoutOperator(t *testing.T) {
	data := "Serial #:\tTime: \tLot #: \tName\tMargin\tUnit\tResult\tTolerance\tLimits\n" +
		"WATS2\t11/2/2020 4:36:07 PM\tWATS_PN_12345\tAve Sensitivity\t31.90\tdB\tFAIL\tMax/Min\t33.0/32.0\n" +
		"WATS2\t11/2/2020 4:36:07 PM\tWATS_PN_12345\tResponse margin\t-0.70\tdB\tFAIL\tTolerance curves\tFloating Limits\n" +
		"Serial #:\tTime: \tLot #: \tFundamental\t\tx data lin\ty data dB\tz data lin\t\tx axis log\ty axis lin\tz axis lin\t\tHz\tdB re 20u Pa\tdeg.\n" +
		"WATS2\t11/2/2020 4:36:07 PM\tWATS_PN_12345\t5000.00\t4750.00\t4500.00\t4250.00\n" +
		"WATS2\t11/2/2020 4:36:07 PM\tWATS_PN_12345\t12.60\t15.62\t16.12\t18.49\n"
	rs := convertData(t, "wats18.txt", []byte(data), nil)
	require.Len(t, rs, 1)
	r := rs[0]
	assert.Equal(t, "WATS2", r.Header.SN.Value())
	assert.Equal(t, "WATS_PN_12345", r.Header.PN.Value())
	assert.Equal(t, "oper", r.UUT.User.Value(), "no Operator column: parameter default")
	assert.Equal(t, time.Date(2020, 11, 2, 16, 36, 7, 0, time.UTC), r.Header.Start.Time().UTC())
	assert.Equal(t, "F", r.Header.Result.Value())
	require.Len(t, r.Root.Steps, 3)
	ave := r.Root.Steps[0].NumericMeas[0]
	assert.Equal(t, [2]float64{32, 33}, [2]float64{ave.LowLimit.Float(), ave.HighLimit.Float()}, "max/min in either order")
	assert.Equal(t, "F", ave.Status.Value())
	curve := r.Root.Steps[2]
	assert.Equal(t, "Fundamental", curve.Name.Value(), "the first curve keeps its name")
	assert.Equal(t, "dB re 20u Pa", curve.Chart.YUnit.Value())
	assert.Equal(t, "5000;4750;4500;4250", curve.Chart.Series[0].XData.Value())
}

func TestUTF16AndCodePage(t *testing.T) {
	text := "Serial #:\tTime: \tLot #: \tName\tMargin\tUnit\tResult\tTolerance\tLimits\r\n" +
		"A1\t1/2/2021 1:00:00 PM\tL\tPhase\t90.00\t°\tPASS\t\t\r\n"
	var u16 []byte
	u16 = append(u16, 0xFF, 0xFE)
	for _, r := range text {
		u16 = append(u16, byte(r), byte(r>>8))
	}
	assert.Equal(t, convert.Certain, New().Sniff(u16))
	rs := convertData(t, "u16.txt", u16, nil)
	assert.Equal(t, "°", rs[0].Root.Steps[0].NumericMeas[0].Unit.Value())
	cp := []byte(strings.Replace(text, "°", "\xb0", 1))
	rs = convertData(t, "cp.txt", cp, nil)
	assert.Equal(t, "°", rs[0].Root.Steps[0].NumericMeas[0].Unit.Value(), "Windows-1252")
}
