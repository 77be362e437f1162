package xjtag

import (
	"archive/zip"
	"bytes"
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
	file1234  = "1234_14_25_32_10.08.2018_Pass.xjlog"
	fileLumi  = "55804022_XJT_2019-06-20_12-55-57_lumi_Pass.xjlog"
	file567   = "567567_14_29_24_17_06_2020_Pass.xjlog"
	file567X  = "567567_14_29_24_17_06_2020_Pass.xml"
	fileDemo  = "Demonstration hardware--28_10_2019.xjlog"
	testStart = "CONV-PC"
)

func source(name string, data []byte, params convert.Params) (*convert.Source, *[]string) {
	var warns []string
	return &convert.Source{
		Name: name, Reader: bytes.NewReader(data), Size: int64(len(data)), Params: params,
		Defaults: convert.Defaults{Location: time.UTC, Station: report.Station{Name: testStart, Location: "Lab", Purpose: "Test"}},
		Warn:     func(m string) { warns = append(warns, m) },
	}, &warns
}

func convertFile(t *testing.T, name string, params convert.Params) []*report.Report {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	src, _ := source(name, data, params)
	rs, err := New().Convert(context.Background(), src)
	require.NoError(t, err)
	for _, r := range rs {
		require.NoError(t, r.Finalize())
		require.NoError(t, r.Validate())
	}
	return rs
}

// runFacts are the EXPECTED.md facts of one run.
type runFacts struct {
	sn, result, user, start, station, comment string
	groups, functions, skipped, failed        int
	exec                                      float64 // 0 = not in the file
}

func TestSamples(t *testing.T) {
	// Two XJLinks tested in parallel: odd runs on one, even runs on the other.
	demo := func(sn, result, link string, fns, failed int) runFacts {
		return runFacts{sn: sn, result: result, user: "a", station: link, comment: "Demonstration hardware", functions: fns, failed: failed, groups: -1}
	}
	tests := []struct {
		file string
		runs []runFacts
	}{
		{file1234, []runFacts{{sn: "1234", result: "P", user: "ADMINISTRATOR", start: "2018-08-10T12:25:32.997Z", station: testStart,
			comment: "Demonstration hardware", groups: 12, functions: 19}}},
		{fileLumi, []runFacts{{sn: "55804022", result: "P", user: "lumi", start: "2019-06-20T11:55:57.446Z", station: testStart,
			comment: "FireBird Quad CXP-6 PCB03B", groups: 18, functions: 35}}},
		{file567, []runFacts{{sn: "567567", result: "P", user: "ADMINISTRATOR", start: "2020-06-17T13:29:24.259Z", station: testStart,
			comment: "Demonstration hardware", groups: 13, functions: 24, skipped: 2, exec: 47.96}}},
		{file567X, []runFacts{{sn: "567567", result: "P", user: "ADMINISTRATOR", start: "2020-06-17T13:29:24.259Z", station: testStart,
			comment: "Demonstration hardware", groups: 13, functions: 24, skipped: 2, exec: 47.96}}},
		{fileDemo, []runFacts{
			demo("10001", "F", "OriginalXJLink", 2, 1), demo("1002", "P", "XJLink2", 14, 0),
			demo("10004", "F", "OriginalXJLink", 14, 2), demo("10003", "F", "XJLink2", 14, 1),
			demo("10006", "F", "OriginalXJLink", 14, 1), demo("10005", "P", "XJLink2", 14, 0)}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			rs := convertFile(t, tt.file, nil)
			require.Len(t, rs, len(tt.runs))
			for i, want := range tt.runs {
				r := rs[i]
				h := r.Header
				assert.Equal(t, want.sn, h.SN.Value(), "run %d", i+1)
				assert.Equal(t, want.result, h.Result.Value(), "run %d", i+1)
				assert.Equal(t, "PN", h.PN.Value())
				assert.Equal(t, "1.0", h.Rev.Value())
				assert.EqualValues(t, 210, h.ProcessCode.Int64())
				assert.Equal(t, want.user, r.UUT.User.Value())
				assert.Equal(t, want.station, h.MachineName.Value())
				assert.Equal(t, want.comment, r.UUT.Comment.Value())
				assert.Equal(t, "JTAGSeq1", r.Root.Name.Value())
				assert.Equal(t, "1.0.0", r.Root.SeqCall.Version.Value())
				if want.start != "" {
					st := h.Start.Time()
					assert.Equal(t, want.start, st.UTC().Round(time.Millisecond).Format("2006-01-02T15:04:05.000Z"))
				}
				if want.exec > 0 {
					assert.InDelta(t, want.exec, r.UUT.ExecTime.Float(), 1e-9)
				} else {
					assert.False(t, r.UUT.ExecTime.IsSet(), "no time-taken in the run")
				}
				s := convtest.Summarize(r)
				if want.groups >= 0 {
					assert.Equal(t, want.groups, s.ByType["SequenceCall"]-1, "groups (root excluded)")
				}
				assert.Equal(t, want.functions, s.ByType["ET_PFT"], "functions (skipped ones included)")
				assert.Equal(t, want.skipped, s.ByStatus["S"], "skipped")
				assert.Equal(t, want.failed, len(r.FailedSteps()), "failed functions")
				first := r.Root.Steps[0]
				if tt.file == fileLumi {
					assert.Equal(t, "Check Chain", first.Name.Value(), "this project asks no serial number")
					continue
				}
				assert.Contains(t, []string{"Enter Serial Number", "Serial Number"}, first.Name.Value(), "first group")
				assert.Equal(t, "NEW_SERIAL_NUMBER", first.Steps[0].Name.Value())
				assert.Equal(t, "P", first.Steps[0].Status.Value())
			}
		})
	}
}

func TestStepDetails(t *testing.T) {
	rs := convertFile(t, file567, nil)
	r := rs[0]
	fn := r.Root.Steps[0].Steps[0]
	assert.Equal(t, "NEW_SERIAL_NUMBER", fn.Name.Value())
	assert.InDelta(t, 4.231, fn.TotTime.Float(), 1e-9)
	assert.Equal(t, "Checking voltage on CN1 pin 1 using XJLink2 voltage measurement.\nVoltage read: 3271 mV - within tolerance.\nNEW_SERIAL_NUMBER passed\nSerial number set to 567567 by the test system", fn.ReportText.Value())
	require.Len(t, fn.BooleanMeas, 1)
	assert.Equal(t, "P", fn.BooleanMeas[0].Status.Value())

	var skipped *report.Step
	r.Root.Walk(func(s *report.Step) bool {
		if s.Name.Value() == "IC3.TestNonDestructive" {
			skipped = s
		}
		return true
	})
	require.NotNil(t, skipped)
	assert.Equal(t, "S", skipped.Status.Value())
	assert.Equal(t, "IC3.TestNonDestructive skipped", skipped.ReportText.Value())

	misc := map[string]string{}
	for _, m := range r.MiscInfos {
		misc[m.Description.Value()] = m.Text.Value()
	}
	assert.Equal(t, "10199", misc["XJLink serial"])
	assert.Equal(t, "3.10.0.0", misc["XJTAG version"])
	assert.Equal(t, `C:\Users\Public\Documents\XJTAG 3.10\Demo Board v3\Board Test\Demo.xjp`, misc["Project path"])

	// The demonstration file: the failing run's CheckChain is a Failed step.
	demo := convertFile(t, fileDemo, nil)
	failed := demo[0].FailedSteps()
	require.Len(t, failed, 1)
	assert.Equal(t, "CheckChain", failed[0].Name.Value())
}

func TestParams(t *testing.T) {
	rs := convertFile(t, file1234, convert.Params{ParamPartNumber: "BOARD-7", ParamPartRevision: "B",
		ParamOperationTypeCode: "30", ParamSequenceName: "JTAG", ParamSequenceVersion: "2"})
	h := rs[0].Header
	assert.Equal(t, "BOARD-7", h.PN.Value())
	assert.Equal(t, "B", h.Rev.Value())
	assert.EqualValues(t, 30, h.ProcessCode.Int64())
	assert.Equal(t, "JTAG", rs[0].Root.Name.Value())

	data, err := os.ReadFile(filepath.Join("testdata", file1234))
	require.NoError(t, err)
	src, _ := source(file1234, data, convert.Params{ParamOperationTypeCode: "Boundary scan"})
	_, err = New().Convert(context.Background(), src)
	assert.ErrorIs(t, err, convert.ErrUnknownProcess)
}

// zipOf builds an archive from name/content pairs.
func zipOf(t *testing.T, files ...string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i < len(files); i += 2 {
		w, err := zw.Create(files[i])
		require.NoError(t, err)
		_, err = w.Write([]byte(files[i+1]))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

const miniRun = `<testrun datetime="2021-01-02T03:04:05Z"><testgroup name="G"><testgroup name="Inner">` +
	`<testfunction name="F1"><result value="Failed"/><time-taken>10</time-taken></testfunction></testgroup>` +
	`<testfunction name="F2"><result value="Weird"/></testfunction></testgroup>` +
	`<testruninfo><user>u</user><serial>S%d</serial><xjlink-name></xjlink-name><result>Failed</result></testruninfo></testrun>`

func TestRunOrderNestingAndWarnings(t *testing.T) {
	run := func(n string) string { return strings.Replace(miniRun, "%d", n, 1) }
	data := zipOf(t, "Run 10.xml", run("10"), "Run 2.xml", run("2"), "Run 2.checksum", "x",
		"Info.xml", `<LogFileInfo><TestRunCount>3</TestRunCount></LogFileInfo>`)
	src, warns := source("m.xjlog", data, nil)
	rs, err := New().Convert(context.Background(), src)
	require.NoError(t, err)
	require.Len(t, rs, 2)
	assert.Equal(t, "S2", rs[0].Header.SN.Value(), "runs in number order, not archive order")
	assert.Equal(t, "S10", rs[1].Header.SN.Value())
	assert.Equal(t, testStart, rs[0].Header.MachineName.Value(), "empty xjlink-name keeps the station")
	inner := rs[0].Root.Steps[0].Steps[0]
	assert.Equal(t, "Inner", inner.Name.Value())
	assert.Equal(t, "SequenceCall", inner.StepType.Value())
	assert.Equal(t, "F", inner.Steps[0].Status.Value())
	for _, r := range rs {
		require.NoError(t, r.Finalize())
		require.NoError(t, r.Validate())
	}
	assert.Len(t, *warns, 3, "run count mismatch + one unknown result per run: %v", *warns)
}

func TestMalformed(t *testing.T) {
	tests := []struct {
		name, path string
		data       []byte
		line       int
	}{
		{"not xml", "/", []byte("hello"), 1},
		{"wrong root", "/LogFileInfo", []byte("<LogFileInfo/>"), 1},
		{"no start", "/testrun/@datetime", []byte(`<testrun><testruninfo><serial>1</serial></testruninfo></testrun>`), 0},
		{"no serial", "/testrun/testruninfo/serial", []byte(`<testrun datetime="2021-01-02T03:04:05Z"/>`), 0},
		{"truncated", "/testrun/testgroup[1]", []byte("<testrun datetime=\"2021-01-02T03:04:05Z\">\n<testgroup name=\"x\">\n<testfunction"), 3},
		{"bad time", "/testrun/testgroup[1]/testfunction[1]/time-taken", []byte(`<testrun datetime="2021-01-02T03:04:05Z"><testgroup name="g"><testfunction name="f"><time-taken>soon</time-taken></testfunction></testgroup><testruninfo><serial>1</serial></testruninfo></testrun>`), 0},
		{"zip without runs", "", zipOf(t, "Info.xml", "<LogFileInfo/>"), 0},
		{"broken zip", "", append([]byte("PK\x03\x04"), make([]byte, 40)...), 0},
		{"broken run in zip", "/testrun", zipOf(t, "Run 1.xml", "<testrun datetime='x'>"), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, _ := source("bad.xjlog", tt.data, nil)
			rs, err := New().Convert(context.Background(), src)
			require.Error(t, err)
			assert.Nil(t, rs)
			var me *convert.MalformedError
			require.True(t, errors.As(err, &me), "%T %v", err, err)
			assert.ErrorIs(t, err, convert.ErrMalformed)
			assert.Equal(t, Name, me.Converter)
			assert.Equal(t, tt.path, me.Path, me.Error())
			if tt.line > 0 {
				assert.Equal(t, tt.line, me.Line, me.Error())
			}
		})
	}
}

func TestContextCanceled(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", fileDemo))
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	src, _ := source(fileDemo, data, nil)
	_, err = New().Convert(ctx, src)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestSniff(t *testing.T) {
	c := New()
	for _, f := range []string{file1234, fileLumi, file567, fileDemo} {
		data, err := os.ReadFile(filepath.Join("testdata", f))
		require.NoError(t, err)
		assert.Equal(t, convert.Certain, c.Sniff(data), f)
	}
	data, err := os.ReadFile(filepath.Join("testdata", file567X))
	require.NoError(t, err)
	assert.Equal(t, convert.Likely, c.Sniff(data))
	assert.Equal(t, convert.No, c.Sniff(zipOf(t, "word/document.xml", "<w/>")), "other ZIPs")
	assert.Equal(t, convert.No, c.Sniff([]byte("<Reports/>")))
	assert.Equal(t, convert.No, c.Sniff([]byte("PK\x03\x04")))
	assert.Equal(t, []string{"*.xjlog", "*.XJLOG"}, c.Patterns())
	assert.Equal(t, "xjtag", c.Name())
}
