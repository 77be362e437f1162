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
		check     func(t *testing.T, h report.ReportHeader)
	}{
		{"zone offset, seven digits", `{"uuid":"a","start":"2026-03-02T09:15:30.1234567+01:00"}`,
			time.Date(2026, 3, 2, 8, 15, 30, 123456700, time.UTC), nil},
		{"no zone means UTC", `{"uuid":"a","start":"2026-03-02T08:15:30.25"}`,
			time.Date(2026, 3, 2, 8, 15, 30, 250000000, time.UTC), nil},
		{"space separator", `{"uuid":"a","start":"2026-03-02 08:15:30"}`, time.Date(2026, 3, 2, 8, 15, 30, 0, time.UTC), nil},
		{"nulls", `{"uuid":"a","start":null,"processCode":null,"referencedUut":null,"userName":null}`, time.Time{}, nil},
		{"documented members", `{"uuid":"a","userName":"op1","timeStamp":123,"measuresDeleted":true,
			"attachments":[{"stepId":7,"filename":"p.png"}],"uurAttachments":[{"id":"00000000-0000-4000-8000-000000000001","filename":"l.txt"}],
			"uurMiscInfo":[{"description":"k","value":"v"}],"assets":[{"serialNumber":"A1","runningCountExceeded":2,"daysSinceMaintenance":1.5}]}`,
			time.Time{}, func(t *testing.T, h report.ReportHeader) {
				assert.Equal(t, "op1", h.UserName)
				assert.EqualValues(t, 123, h.TimeStamp)
				assert.True(t, h.MeasuresDeleted)
				assert.Equal(t, []report.HeaderAttachment{{StepID: 7, FileName: "p.png"}}, h.Attachments)
				assert.Equal(t, []report.HeaderUURAttachment{{ID: "00000000-0000-4000-8000-000000000001", FileName: "l.txt"}}, h.UURAttachments)
				assert.Equal(t, []report.HeaderMiscInfo{{Description: "k", Value: "v"}}, h.UURMiscInfo)
				assert.Equal(t, []report.HeaderAsset{{SerialNumber: "A1", RunningCountExceeded: 2, DaysSinceMaintenance: 1.5}}, h.Assets)
			}},
		{"unknown members ignored", `{"uuid":"a","startUtc":"2026-03-02T08:15:30Z","operator":"x","newMember":{"a":1}}`, time.Time{},
			func(t *testing.T, h report.ReportHeader) {
				assert.Empty(t, h.UserName, "operator is not a member of the header")
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var h report.ReportHeader
			require.NoError(t, json.Unmarshal([]byte(tt.body), &h))
			assert.Equal(t, "a", h.ID)
			assert.True(t, tt.wantStart.Equal(h.Start), "start %v", h.Start)
			if tt.check != nil {
				tt.check(t, h)
			}
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
