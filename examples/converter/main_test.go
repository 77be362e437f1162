package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
)

const fixtures = "../../report/convert"

func TestOneShot(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.xml")
	require.NoError(t, os.WriteFile(bad, []byte(`<Reports xmlns="http://wats.virinco.com/schemas/WATS/Report/wsxf"><Report type="UUT"/></Reports>`), 0o644))
	files := []string{
		filepath.Join(fixtures, "wsxf/testdata/synthetic-uut-wsxf.xml"),
		bad,
		filepath.Join(fixtures, "wsxf/testdata/uur-wrml.xml"),
		filepath.Join(fixtures, "wsjf/testdata/WATS - WSJF UUT Example file Bare Minimum.json"),
		filepath.Join(fixtures, "atml/testdata/Parallel Testing Strategies_BatchReport.6 45 31 AM..9 13 2022.xml"),
	}
	args := append([]string{"-tz", "Europe/Oslo", "-station", "ST1", "-location", "Lab", "-purpose", "Test", "-operator", "op",
		"-process", "SW Debug=10, Repair=500"}, files...)
	var stdout, stderr bytes.Buffer
	err := run(context.Background(), args, &stdout, &stderr)
	require.Error(t, err, "one file is bad")
	assert.Contains(t, err.Error(), "1 of 5 file(s) failed")

	var reps []*report.Report
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		r, err := report.Parse(sc.Bytes())
		require.NoError(t, err)
		require.NoError(t, r.Validate())
		reps = append(reps, r)
	}
	require.Len(t, reps, 1+1+1+4, "one line per report; the batch file gives four")
	assert.Equal(t, "SYN-0001", reps[0].SerialNumber())
	assert.Equal(t, "ST1", reps[0].Header.MachineName.Value(), "station default")
	assert.EqualValues(t, 10, reps[0].ProcessCode(), "SW Debug resolved through -process")
	assert.Equal(t, "FATTest-810", reps[1].SerialNumber())
	assert.Equal(t, report.TypeUUR, reps[1].Type())

	log := stderr.String()
	for _, want := range []string{"synthetic-uut-wsxf.xml: wsxf, 1 report(s)", "uur-wrml.xml: wrml, 1 report(s)", "wsjf, 1 report(s)", "atml, 4 report(s)",
		"wsxf: " + bad + ":1: /Reports/Report/@PN: attribute PN for Report is missing"} {
		assert.Contains(t, log, want)
	}
}

func TestOneShotFormatAndTimeZone(t *testing.T) {
	// A zone-less start is read in -tz.
	doc := `<Reports xmlns="http://wats.virinco.com/schemas/WATS/Report/wsxf"><Report type="UUT" SN="1" PN="P" Rev="A" Start="2024-07-01T12:00:00">` +
		`<Process Code="10"/><Step Name="Main" Status="Passed"><SequenceCall/></Step></Report></Reports>`
	path := filepath.Join(t.TempDir(), "x.txt")
	require.NoError(t, os.WriteFile(path, []byte(doc), 0o644))
	var stdout, stderr bytes.Buffer
	require.NoError(t, run(context.Background(), []string{"-format", "wsxf", "-tz", "Europe/Oslo", "-station", "S", "-location", "L", "-purpose", "P", "-operator", "o", path}, &stdout, &stderr), stderr.String())
	r, err := report.Parse(bytes.TrimSpace(stdout.Bytes()))
	require.NoError(t, err)
	assert.Equal(t, "2024-07-01T12:00:00+02:00", r.Header.Start.Text())
	assert.Equal(t, "o", r.UUT.User.Value())
}

func TestFlagErrors(t *testing.T) {
	for _, args := range [][]string{
		{"-process", "SW Debug"},
		{"-process", "SW Debug=ten"},
		{"-tz", "Mars/Olympus"},
		{"-format", "nope", "x.xml"},
		{"-param", "novalue", "x.xml"},
		{},
	} {
		var stdout, stderr bytes.Buffer
		err := run(context.Background(), args, &stdout, &stderr)
		assert.Error(t, err, strings.Join(args, " "))
		assert.Empty(t, stdout.String())
	}
}
