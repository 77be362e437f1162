package wats_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/wats"
)

// The station precedence for reports built through the client is:
// explicit report option > client WithStation > WATS_STATION > host name.
func TestReportBuildersUseClientStation(t *testing.T) {
	t.Setenv("WATS_STATION", "FROM-ENV")
	loc := report.WithStation(report.Station{Location: "Line 1", Purpose: "Production"})
	tests := []struct {
		name      string
		clientOpt []wats.Option
		reportOpt []report.Option
		want      string
	}{
		{"client station", []wats.Option{wats.WithStation("FCT-07")}, nil, "FCT-07"},
		{"explicit wins", []wats.Option{wats.WithStation("FCT-07")}, []report.Option{report.WithStation(report.Station{Name: "OWN"})}, "OWN"},
		{"env when client has none", nil, nil, "FROM-ENV"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := wats.New("http://127.0.0.1:1", "tok", tc.clientOpt...)
			require.NoError(t, err)
			opts := append([]report.Option{loc, report.WithOperator("op")}, tc.reportOpt...)
			uut, err := c.Report.NewUUT("PN-1", "SN-1", "A", 10, opts...)
			require.NoError(t, err)
			assert.Equal(t, tc.want, uut.Header.MachineName.Value())
			uur, err := c.Report.NewUURFromUUT(uut, 500, opts...)
			require.NoError(t, err)
			assert.Equal(t, tc.want, uur.Header.MachineName.Value())
		})
	}
}
