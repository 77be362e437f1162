package report_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/wats"
)

func TestQueueCertificateExport(t *testing.T) {
	c, srv := apitest.Setup(t, seedSet())
	ctx := context.Background()
	tests := []struct {
		name      string
		filter    *report.ExportFilter
		opts      *report.CertificateExportOptions
		query     url.Values
		reports   int
		zipFiles  int
		wantInZip string
	}{
		{"defaults send both flags", &report.ExportFilter{PartNumber: "PCBA-200"}, nil,
			url.Values{"headerDataOnly": {"false"}, "asIndividualFiles": {"false"}}, 2, 1, "certificates.pdf"},
		{"individual files with options", &report.ExportFilter{PartNumber: "PCBA-100", Status: "Passed", DateFrom: day(1), DateTo: day(7)},
			&report.CertificateExportOptions{HeaderDataOnly: true, AsIndividualFiles: true, Dimensions: []string{"miscInfo", "measurement"},
				NumericFormat: report.NumericScientific, BodyFooterTag: "Footer", DocumentFooterTag: "DocFooter", Email: "qa@example.com"},
			url.Values{"headerDataOnly": {"true"}, "asIndividualFiles": {"true"}, "dimensions": {"miscInfo;measurement"},
				"numericFormat": {"scientific"}, "bodyFooterTag": {"Footer"}, "documentFooterTag": {"DocFooter"}, "email": {"qa@example.com"}},
			2, 2, "certificate-" + guid(1) + ".pdf"},
		{"max count", &report.ExportFilter{MaxCount: 1}, &report.CertificateExportOptions{AsIndividualFiles: true},
			url.Values{"headerDataOnly": {"false"}, "asIndividualFiles": {"true"}}, 1, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetRequests()
			answer, err := c.Report.QueueCertificateExport(ctx, tt.filter, tt.opts)
			require.NoError(t, err)
			var queued struct {
				FileName    string `json:"fileName"`
				ReportCount int    `json:"reportCount"`
			}
			require.NoError(t, json.Unmarshal(answer, &queued))
			assert.Equal(t, tt.reports, queued.ReportCount)
			q, _ := url.ParseQuery(srv.Requests()[0].Query)
			assert.Equal(t, tt.query, q)

			var buf bytes.Buffer
			d, err := c.Report.DownloadExport(ctx, queued.FileName, &buf)
			require.NoError(t, err)
			assert.Equal(t, "application/zip", d.ContentType)
			zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			require.NoError(t, err)
			assert.Len(t, zr.File, tt.zipFiles)
			if tt.wantInZip != "" {
				var names []string
				for _, f := range zr.File {
					names = append(names, f.Name)
				}
				assert.Contains(t, names, tt.wantInZip)
			}
		})
	}
	list, err := c.Report.ListExports(ctx)
	require.NoError(t, err)
	var listed struct {
		Exports []struct {
			FileName string `json:"fileName"`
		} `json:"exports"`
	}
	require.NoError(t, json.Unmarshal(list, &listed))
	assert.Len(t, listed.Exports, len(tests))
}

func TestExportFilterWire(t *testing.T) {
	b, err := json.Marshal(report.ExportFilter{SerialNumber: "S", DateFrom: time.Date(2026, 3, 1, 12, 0, 0, 123456789, time.FixedZone("", 3600)),
		Dimensions: []string{"miscInfo", "asset"}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"serialNumber":"S","dateFrom":"2026-03-01T11:00:00.1234567Z","dimensions":"miscInfo;asset"}`, string(b))
}

func TestExportValidationAndErrors(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx := context.Background()
	var buf bytes.Buffer
	tests := []struct {
		name  string
		call  func() error
		field string
	}{
		{"nil filter", func() error { _, err := c.Report.QueueCertificateExport(ctx, nil, nil); return err }, "filter"},
		{"unknown dimension", func() error {
			_, err := c.Report.QueueCertificateExport(ctx, &report.ExportFilter{}, &report.CertificateExportOptions{Dimensions: []string{"colour"}})
			return err
		}, "dimensions[0]"},
		{"unknown filter dimension", func() error {
			_, err := c.Report.QueueCertificateExport(ctx, &report.ExportFilter{Dimensions: []string{"x"}}, nil)
			return err
		}, "filter.dimensions[0]"},
		{"numeric format", func() error {
			_, err := c.Report.QueueCertificateExport(ctx, &report.ExportFilter{}, &report.CertificateExportOptions{NumericFormat: "roman"})
			return err
		}, "numericFormat"},
		{"reversed dates", func() error {
			_, err := c.Report.QueueCertificateExport(ctx, &report.ExportFilter{DateFrom: day(3), DateTo: day(1)}, nil)
			return err
		}, "filter.dateTo"},
		{"bad email", func() error {
			_, err := c.Report.QueueCertificateExport(ctx, &report.ExportFilter{}, &report.CertificateExportOptions{Email: "nobody"})
			return err
		}, "email"},
		{"empty file name", func() error { _, err := c.Report.DownloadExport(ctx, " ", &buf); return err }, "fileName"},
		{"nil writer", func() error { _, err := c.Report.DownloadExport(ctx, "x", nil); return err }, "w"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { apitest.RequireValidation(t, tt.call(), tt.field) })
	}
	apitest.RequireNoRequests(t, srv)

	_, err := c.Report.DownloadExport(ctx, "no such/export", &buf)
	require.ErrorIs(t, err, wats.ErrNotFound)
	assert.Equal(t, "/api/Export/no%20such%2Fexport", srv.Requests()[0].RawPath, "the file name is one escaped path segment")
}
