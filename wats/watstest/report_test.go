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

func TestWithReportsPanicsOnBadSeed(t *testing.T) {
	for name, src := range map[string]any{
		"missing file": "no/such/file.json",
		"not wsjf":     []byte(`{"type":"Q"}`),
		"not json":     []byte(`nope`),
	} {
		assert.Panics(t, func() { watstest.NewHandler(watstest.WithReports(src)) }, name)
	}
}
