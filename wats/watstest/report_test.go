package watstest_test

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestWithReportsSources(t *testing.T) {
	const file = "../../report/testdata/uut-server-export.json"
	raw, err := os.ReadFile(file)
	require.NoError(t, err)
	parsed, err := report.Parse(raw)
	require.NoError(t, err)
	uur, err := os.ReadFile("../../report/testdata/uur-roundtrip-submitted.json")
	require.NoError(t, err)

	srv := watstest.NewServer(watstest.WithReports(file, json.RawMessage(uur)))
	defer srv.Close()
	got := srv.Reports()
	require.Len(t, got, 2)
	assert.Equal(t, parsed.ID(), got[0].ID)
	assert.Equal(t, "T", got[0].Type)
	assert.Equal(t, "FATTest-325", got[0].SerialNumber)
	assert.Equal(t, 10, got[0].ProcessCode)
	assert.Equal(t, raw, got[0].Raw)
	assert.Equal(t, "R", got[1].Type)

	// A report value seeds through its JSON encoding; the same id replaces.
	srv2 := watstest.NewServer(watstest.WithReports(parsed, parsed))
	defer srv2.Close()
	got = srv2.Reports()
	require.Len(t, got, 1)
	assert.Equal(t, 2, got[0].ReceiveCount)
}

func TestWithReportsReportsBadSeeds(t *testing.T) {
	for name, tt := range map[string]struct {
		src  any
		want string
	}{
		"missing file": {"no/such/file.json", "no/such/file.json"},
		"not wsjf":     {[]byte(`{"type":"Q"}`), "'type'"},
		"not json":     {[]byte(`nope`), "not a valid WSJF"},
	} {
		t.Run(name, func(t *testing.T) {
			good := []byte(`{"type":"T","id":"00000000-0000-4000-8000-000000000001","pn":"P","sn":"S","rev":"A","processCode":10,
				"result":"P","machineName":"M","start":"2026-03-01T10:00:00Z","root":{"stepType":"SequenceCall"}}`)
			var e *watstest.Emulator
			require.NotPanics(t, func() { e = watstest.NewHandler(watstest.WithReports(good, tt.src)) })
			err := e.SeedErr()
			require.Error(t, err)
			assert.Contains(t, err.Error(), "WithReports: source 1")
			assert.Contains(t, err.Error(), tt.want)
			assert.Len(t, e.Reports(), 1, "the good source is still stored")
		})
	}
	assert.NoError(t, watstest.NewHandler().SeedErr())
}
