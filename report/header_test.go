package report_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
)

func TestReportHeaderDecodesTolerantly(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		wantStart time.Time
		wantUTC   time.Time
	}{
		{"zone offset", `{"uuid":"a","start":"2026-03-02T09:15:30.25+01:00","startUtc":"2026-03-02T08:15:30.25Z"}`,
			time.Date(2026, 3, 2, 8, 15, 30, 250000000, time.UTC), time.Date(2026, 3, 2, 8, 15, 30, 250000000, time.UTC)},
		{"no zone means UTC", `{"uuid":"a","startUtc":"2026-03-02T08:15:30.1234567"}`,
			time.Time{}, time.Date(2026, 3, 2, 8, 15, 30, 123456700, time.UTC)},
		{"space separator", `{"uuid":"a","start":"2026-03-02 08:15:30"}`, time.Date(2026, 3, 2, 8, 15, 30, 0, time.UTC), time.Time{}},
		{"nulls and unknown fields", `{"uuid":"a","start":null,"startUtc":"","processCode":null,"timeStamp":123,"measuresDeleted":true}`,
			time.Time{}, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h report.ReportHeader
			require.NoError(t, json.Unmarshal([]byte(tt.body), &h))
			assert.Equal(t, "a", h.ID)
			assert.True(t, tt.wantStart.Equal(h.Start), "start %v", h.Start)
			assert.True(t, tt.wantUTC.Equal(h.StartUTC), "startUtc %v", h.StartUTC)
		})
	}
	var h report.ReportHeader
	err := json.Unmarshal([]byte(`{"uuid":"a","start":"yesterday"}`), &h)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "yesterday")
}

func TestReportHeaderRoundTrip(t *testing.T) {
	socket := -1
	h := report.ReportHeader{
		ID: "5f0c2b8e-3d6a-4c1e-9a57-2b1f0e4d7c31", SerialNumber: "SN1", ReportType: report.TypeUUT,
		Start: time.Date(2026, 3, 2, 9, 0, 0, 0, time.FixedZone("", 3600)), TestSocketIndex: &socket,
		MiscInfo: []report.HeaderMiscInfo{{Description: "k", Value: "v"}},
	}
	b, err := json.Marshal(h)
	require.NoError(t, err)
	assert.JSONEq(t, `{"uuid":"5f0c2b8e-3d6a-4c1e-9a57-2b1f0e4d7c31","serialNumber":"SN1","reportType":"T",
		"start":"2026-03-02T09:00:00+01:00","testSocketIndex":-1,"miscInfo":[{"description":"k","value":"v"}]}`, string(b))
	var back report.ReportHeader
	require.NoError(t, json.Unmarshal(b, &back))
	assert.True(t, h.Start.Equal(back.Start))
	assert.Equal(t, -1, *back.TestSocketIndex)
}
