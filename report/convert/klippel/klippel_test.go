package klippel

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

const file115 = "DUT xyz115 2020-05-14 10-01-37-5 UTC+0200.txt"

// source is a Source under the expected facts' settings, collecting warnings.
var source = convtest.ExpectedSource

func convertPath(t *testing.T, path string, params convert.Params) (*report.Report, []string) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	src, warns := source(path, data, params)
	rs, err := New().Convert(context.Background(), src)
	require.NoError(t, err)
	require.Len(t, rs, 1)
	require.NoError(t, rs[0].Finalize())
	require.NoError(t, rs[0].Validate())
	return rs[0], *warns
}

func meas(st *report.Step, name string) *report.NumericMeas {
	for _, m := range st.NumericMeas {
		if m.Name.Value() == name {
			return m
		}
	}
	return nil
}

func TestSampleXYZ115(t *testing.T) {
	r, _ := convertPath(t, filepath.Join("testdata", file115), nil)
	h := r.Header
	assert.Equal(t, "xyz115", h.SN.Value())
	assert.Equal(t, "win:m.liebig", r.UUT.User.Value())
	assert.Equal(t, "F", h.Result.Value(), "Ctrl_OverallVerdict 0")
	assert.Equal(t, "PartNumber1", h.PN.Value())
	assert.Equal(t, "1.0", h.Rev.Value())
	assert.Equal(t, "SequenceName1", r.Root.Name.Value())
	assert.EqualValues(t, 10, h.ProcessCode.Int64())
	assert.Equal(t, "CONV-PC", h.MachineName.Value(), "Cfg_PCName is empty")
	start := h.Start.Time()
	assert.Equal(t, time.Date(2020, 5, 14, 8, 1, 37, 563e6, time.UTC), start.UTC())
	_, off := start.Zone()
	assert.Equal(t, 7200, off, "local time with the file's +02:00")
	misc := map[string]string{}
	for _, m := range r.MiscInfos {
		misc[m.Description.Value()] = m.Text.Value()
	}
	assert.Equal(t, "PROGRAMMER", misc["Cfg_LoginMode"])
	assert.Equal(t, "sp2", misc["Cfg_Speaker"])
	assert.Equal(t, file115, misc["FileName"])
	assert.Equal(t, "Fail", misc["Verdict"])

	require.Len(t, r.Root.Steps, 2)
	imp, sp := r.Root.Steps[0], r.Root.Steps[1]
	assert.Equal(t, "Impedance", imp.Name.Value())
	assert.Equal(t, "Sound Pressure", sp.Name.Value())
	names := func(s *report.Step) []string {
		var out []string
		for _, c := range s.Steps {
			out = append(out, c.Name.Value())
		}
		return out
	}
	assert.Equal(t, []string{"imp", "re", "qts"}, names(imp))
	assert.Equal(t, []string{"rbz", "resp", "thd", "level"}, names(sp))
	s := convtest.Summarize(r)
	assert.Equal(t, 7, s.Steps-s.ByType["SequenceCall"], "4 curves + 3 single values")
	assert.Equal(t, 4, s.ByType["WATS_XYGMNLT"])

	c := imp.Steps[0]
	assert.Equal(t, "F", c.Status.Value(), "imp is in Results_Fail")
	require.NotNil(t, c.Chart)
	assert.Equal(t, "LineLogX", c.Chart.ChartType.Value())
	require.NotEmpty(t, c.Chart.Series)
	oob := meas(c, "OutOfBounds")
	require.NotNil(t, oob)
	assert.Equal(t, 20.0, oob.Value.Float())
	assert.Equal(t, "LT", oob.CompOp.Value())
	assert.Equal(t, "F", oob.Status.Value())
	assert.InDelta(t, 4.3008, meas(c, "avg").Value.Float(), 5e-5)
	assert.InDelta(t, 1.7263, meas(c, "min").Value.Float(), 1e-12)
	assert.InDelta(t, 6.6844, meas(c, "max").Value.Float(), 1e-12)

	re := imp.Steps[1]
	assert.Equal(t, "F", re.Status.Value(), "re is in Results_Fail")
	require.Len(t, re.NumericMeas, 1)
	assert.Equal(t, "GELE", re.NumericMeas[0].CompOp.Value())
	assert.InDelta(t, 2.8764, re.NumericMeas[0].LowLimit.Float(), 1e-12)
	assert.InDelta(t, 3.5156, re.NumericMeas[0].HighLimit.Float(), 1e-12)
	qts := imp.Steps[2]
	assert.Equal(t, "LOG", qts.NumericMeas[0].CompOp.Value())
	assert.Equal(t, "D", qts.Status.Value(), "no value, no limits, no verdict")

	level := sp.Steps[3]
	assert.Equal(t, "P", level.Status.Value())
	m := level.NumericMeas[0]
	assert.Equal(t, 95.203, m.Value.Float())
	assert.Equal(t, [2]float64{91.337, 97.337}, [2]float64{m.LowLimit.Float(), m.HighLimit.Float()})
	for _, i := range []int{0, 1, 2} {
		st := sp.Steps[i]
		assert.Equal(t, "P", st.Status.Value(), st.Name.Value())
		assert.Equal(t, 0.0, meas(st, "OutOfBounds").Value.Float(), st.Name.Value())
	}
	assert.Len(t, sp.Steps[1].Chart.Series, 3, "resp: values, max, min")
	assert.Len(t, sp.Steps[0].Chart.Series, 2, "rbz: values, max")
}

// writeDUT writes a header and its companion folder into a temporary
// directory and returns the header's path.
func writeDUT(t *testing.T, header string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "DUT a1 2021-01-01 UTC-0500.txt")
	require.NoError(t, os.WriteFile(p, []byte(header), 0o644))
	sub := strings.TrimSuffix(p, ".txt")
	require.NoError(t, os.Mkdir(sub, 0o755))
	for n, c := range files {
		require.NoError(t, os.WriteFile(filepath.Join(sub, n), []byte(c), 0o644))
	}
	return p
}

func TestNegativeOffsetWarningAndPass(t *testing.T) {
	p := writeDUT(t, "Cfg_DutStartTime=2021-1-1-1-6-1-23-59-59-0--300-1.6E+09\r\nCfg_SerialNumber=a1\r\nCfg_UserName=\r\nCfg_PCName=QC-7\r\nCtrl_OverallVerdict=2\r\nResults_Warning=spl\r\n",
		map[string]string{"Acoustic-spl.txt": "frq\tspl\tmax\tmin\n100\t5\t4\t1\n200\t3\t4\t1\n", "Acoustic-values.txt": "name\tvalue\tmax\tmin\nx\t0,5\t1\t\n"})
	r, warns := convertPath(t, p, convert.Params{ParamOperator: "qc"})
	assert.Equal(t, time.Date(2021, 1, 2, 4, 59, 59, 0, time.UTC), r.Header.Start.Time().UTC(), "UTC-05:00")
	assert.Equal(t, "P", r.Header.Result.Value(), "a warning is a pass")
	assert.Equal(t, "qc", r.UUT.User.Value())
	assert.Equal(t, "QC-7", r.Header.MachineName.Value())
	spl := r.Root.Steps[0].Steps[0]
	assert.Equal(t, "P", spl.Status.Value())
	assert.Equal(t, "LOG", meas(spl, "OutOfBounds").CompOp.Value(), "the tester's pass wins over one point above max")
	assert.Len(t, warns, 1)
	x := r.Root.Steps[0].Steps[1]
	assert.Equal(t, 0.5, x.NumericMeas[0].Value.Float(), "decimal comma")
	assert.Equal(t, "LE", x.NumericMeas[0].CompOp.Value(), "max only")
}

func TestErrors(t *testing.T) {
	okHead := "Cfg_DutStartTime=2020-5-20-135-5-14-10-1-37-563-120-1.589E+09\nCfg_SerialNumber=a1\nCtrl_OverallVerdict=1\n"
	tests := []struct {
		name, header string
		files        map[string]string
		line         int
		missing      bool
	}{
		{"not key=value", "Cfg_SerialNumber=a\njunk\n", nil, 2, false},
		{"bad date", "Cfg_SerialNumber=a\nCfg_DutStartTime=2020-5\nCtrl_OverallVerdict=1\n", nil, 2, false},
		{"bad verdict", "Cfg_SerialNumber=a\nCfg_DutStartTime=2020-5-20-135-5-14-10-1-37-563-120-1\nCtrl_OverallVerdict=9\n", nil, 3, false},
		{"no serial", "Cfg_DutStartTime=2020-5-20-135-5-14-10-1-37-563-120-1\n", nil, 0, false},
		{"bad value", okHead, map[string]string{"T-values.txt": "name\tvalue\tmax\tmin\nre\tx\t1\t0\n"}, 2, false},
		{"bad curve", okHead, map[string]string{"T-c.txt": "frq\tc\tmax\n1\t2\t3\nabc\t1\t1\n"}, 3, false},
		{"no folder", okHead, nil, 0, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p string
			if tt.missing {
				p = filepath.Join(t.TempDir(), "DUT x.txt")
				require.NoError(t, os.WriteFile(p, []byte(tt.header), 0o644))
			} else {
				p = writeDUT(t, tt.header, tt.files)
			}
			src, _ := source(p, []byte(tt.header), nil)
			rs, err := New().Convert(context.Background(), src)
			require.Error(t, err)
			assert.Nil(t, rs)
			if tt.missing {
				assert.ErrorIs(t, err, convert.ErrMissingAttachment)
				return
			}
			var me *convert.MalformedError
			require.True(t, errors.As(err, &me), "%T %v", err, err)
			assert.Equal(t, tt.line, me.Line, me.Error())
		})
	}
}

func TestContextCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	src, _ := source("x", []byte("Cfg_SerialNumber=a"), nil)
	_, err := New().Convert(ctx, src)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestSniff(t *testing.T) {
	c := New()
	data, err := os.ReadFile(filepath.Join("testdata", file115))
	require.NoError(t, err)
	assert.Equal(t, convert.Certain, c.Sniff(data))
	res, err := os.ReadFile(filepath.Join("testdata", strings.TrimSuffix(file115, ".txt"), "Impedance-imp.txt"))
	require.NoError(t, err)
	assert.Equal(t, convert.No, c.Sniff(res), "result files are not headers")
	assert.Equal(t, convert.Likely, c.Sniff([]byte("//x\nCfg_SerialNumber=1\n")))
	assert.Equal(t, []string{"DUT *.txt"}, c.Patterns())
}
