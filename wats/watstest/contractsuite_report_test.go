package watstest_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/rootcause"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// Scenarios of the report, export and root-cause services. Their data lives
// under the CS-RPT- and CS-RC- prefixes.

const (
	csPN  = "CS-RPT-PCBA"
	csSN  = "CS-RPT-SN-1"
	csRev = "A"
)

var csStation = report.Station{Name: "CS-RPT-FCT", Location: "Line 9", Purpose: "Production"}

// csUUT builds the failing UUT the report scenarios share: two numeric
// steps (the second fails), a photo on an action step and misc info.
func csUUT(t *testing.T, c *wats.Client) *report.Report {
	t.Helper()
	r, err := c.Report.NewUUT(csPN, csSN, csRev, 50, report.WithStation(csStation), report.WithOperator("cs-op"),
		report.WithStart(time.Date(2026, 5, 4, 10, 0, 0, 123456789, time.FixedZone("", 2*3600))),
		report.WithSequence("MainSequence Callback", `C:\Seq\cs.seq`, "2.1.0"))
	require.NoError(t, err)
	_, err = r.Root.AddNumericStep("Voltage 3V3", 3.3, "V", report.Lim(report.GELE, 3.2, 3.4))
	require.NoError(t, err)
	_, err = r.Root.AddNumericStep("Voltage 5V", 4.1, "V", report.Lim(report.GELE, 4.8, 5.2))
	require.NoError(t, err)
	photo, err := r.Root.AddActionStep("Photo")
	require.NoError(t, err)
	require.NoError(t, photo.AttachBytes("board.png", "image/png", []byte("\x89PNG cs")))
	require.NoError(t, r.AddMiscInfo("Firmware", "CS-1.0"))
	return r
}

// csShared is the UUT the first report scenario submitted; the later ones
// use it (or submit their own when run alone).
var csShared *report.Report

func csSharedUUT(ctx context.Context, t *testing.T, c *wats.Client) *report.Report {
	t.Helper()
	if csShared == nil {
		csShared = csUUT(t, c)
		_, err := c.Report.Submit(ctx, csShared)
		require.NoError(t, err)
	}
	return csShared
}

func init() {
	registerSuite("report/submit-query-load", func(ctx context.Context, t *testing.T, c *wats.Client, srv *watstest.Server) {
		uut := csUUT(t, c)
		id, err := c.Report.Submit(ctx, uut)
		require.NoError(t, err)
		assert.Equal(t, uut.ID(), id)
		csShared = uut

		// The submitted report created its unit (and product: see
		// TestSubmitCreatesProductAndUnit).
		u, err := c.Production.GetUnit(ctx, csSN, csPN)
		require.NoError(t, err)
		assert.Equal(t, csRev, u.Revision)

		// Headers, one page, collect: the UUT, with its documented members.
		q := report.BySerialNumber(csSN)
		q.Expand = []string{report.ExpandMiscInfo, report.ExpandAttachments, report.ExpandSubUnits, report.ExpandAssets}
		var seen []report.ReportHeader
		for h, err := range c.Report.Headers(ctx, q) {
			require.NoError(t, err)
			seen = append(seen, h)
		}
		require.Len(t, seen, 1)
		h := seen[0]
		assert.Equal(t, id, h.ID)
		assert.Equal(t, report.TypeUUT, h.ReportType)
		assert.Equal(t, "Failed", h.Result)
		assert.Equal(t, "cs-op", h.UserName)
		assert.Equal(t, 50, h.ProcessCode)
		assert.Equal(t, "PCBA test", h.ProcessName)
		assert.Equal(t, "cs.seq", h.SWFilename)
		assert.Equal(t, "2.1.0", h.SWVersion)
		assert.Equal(t, "Voltage 5V", h.CausedUUTFailure)
		assert.Equal(t, 1, h.Run)
		assert.Equal(t, 1, h.ReceiveCount)
		assert.True(t, h.Start.Equal(uut.Header.Start.Time().Truncate(100*time.Nanosecond)), "start %v: the wire carries 7 fraction digits", h.Start)
		assert.Equal(t, []report.HeaderMiscInfo{{Description: "Firmware", Value: "CS-1.0"}}, h.MiscInfo)
		require.Len(t, h.Attachments, 1)
		assert.Equal(t, "board.png", h.Attachments[0].FileName)

		rows, next, err := c.Report.HeaderPage(ctx, report.ByPartNumber(csPN, csRev), 10, 0)
		require.NoError(t, err)
		assert.Len(t, rows, 1)
		assert.Equal(t, 1, next)
		all, err := c.Report.Collect(ctx, report.ByPartNumber(csPN, "").Where(wats.Eq(report.FieldResult, "Failed")), 5)
		require.NoError(t, err)
		assert.Len(t, all, 1)

		misc, err := c.Report.HeadersByMiscInfo(ctx, &report.MiscInfoQuery{Description: "Firmware", Value: "CS-1.0"})
		require.NoError(t, err)
		require.Len(t, misc, 1)
		assert.Equal(t, id, misc[0].ID)
		assert.Equal(t, []report.MiscData{{Description: "Firmware", Data: "CS-1.0"}}, misc[0].MiscData)

		loaded, err := c.Report.Load(ctx, id, report.WithDetailLevel(7), report.WithChartData(false), report.WithAttachmentData(true))
		require.NoError(t, err)
		assert.Equal(t, csSN, loaded.SerialNumber())
		var xml bytes.Buffer
		n, err := c.Report.LoadWSXF(ctx, id, &xml, report.WithDetailLevel(1), report.WithIndexes(false))
		require.NoError(t, err)
		assert.Equal(t, int64(xml.Len()), n)
		assert.Contains(t, xml.String(), csSN)

		var file bytes.Buffer
		d, err := c.Report.Attachment(ctx, report.AttachmentRef{ReportID: id, StepID: &h.Attachments[0].StepID}, &file)
		require.NoError(t, err)
		assert.Equal(t, "\x89PNG cs", file.String())
		assert.Equal(t, "image/png", d.ContentType)

		file.Reset()
		d, err = c.Report.Certificate(ctx, id, &file)
		require.NoError(t, err)
		assert.Equal(t, "application/pdf", d.ContentType)
		assert.True(t, bytes.HasPrefix(file.Bytes(), []byte("%PDF-")))

		// A resubmission of the same id counts, and keeps one row.
		doc, err := uut.MarshalJSON()
		require.NoError(t, err)
		again, err := c.Report.SubmitJSON(ctx, doc)
		require.NoError(t, err)
		assert.Equal(t, id, again)
		hs, err := c.Report.Collect(ctx, report.BySerialNumber(csSN), 5)
		require.NoError(t, err)
		require.Len(t, hs, 1)
		assert.Equal(t, 2, hs[0].ReceiveCount)
	})

	registerSuite("report/uur-and-checks", func(ctx context.Context, t *testing.T, c *wats.Client, srv *watstest.Server) {
		uut, err := c.Report.Load(ctx, csSharedUUT(ctx, t, c).ID())
		require.NoError(t, err)
		uur, err := c.Report.NewUURFromUUT(uut, 500, report.WithStation(report.Station{Name: "CS-RPT-REPAIR", Location: "Lab", Purpose: "Repair"}),
			report.WithOperator("cs-tech"))
		require.NoError(t, err)
		f, err := uur.AddFailure(0, "Component", "Burned Component", report.FailureComRef("U7"))
		require.NoError(t, err)
		require.NoError(t, f.Attach("burn.jpg", "image/jpeg", []byte("jpeg cs")))
		require.NoError(t, uur.AddBinaryData("repair.txt", "text/plain", []byte("replaced U7")))
		uurID, err := c.Report.Submit(ctx, uur)
		require.NoError(t, err)

		q := report.BySerialNumber(csSN).UUR()
		q.Expand = []string{report.ExpandUURAttachments, report.ExpandUURSubUnits, report.ExpandUURMiscInfo}
		hs, err := c.Report.Collect(ctx, q, 5)
		require.NoError(t, err)
		require.Len(t, hs, 1)
		assert.Equal(t, report.TypeUUR, hs[0].ReportType)
		assert.Equal(t, uut.ID(), hs[0].ReferencedUUT)
		assert.Equal(t, "cs-tech", hs[0].UserName)
		require.Len(t, hs[0].UURAttachments, 2)
		names := map[string]string{}
		for _, a := range hs[0].UURAttachments {
			names[a.FileName] = a.ID
		}
		var file bytes.Buffer
		_, err = c.Report.Attachment(ctx, report.AttachmentRef{ReportID: uurID, AttachmentID: names["burn.jpg"]}, &file)
		require.NoError(t, err)
		assert.Equal(t, "jpeg cs", file.String())

		file.Reset()
		d, err := c.Report.Attachments(ctx, uurID, &file)
		require.NoError(t, err)
		assert.Equal(t, "application/zip", d.ContentType)
		zr, err := zip.NewReader(bytes.NewReader(file.Bytes()), int64(file.Len()))
		require.NoError(t, err)
		assert.Len(t, zr.File, 2)

		both := report.BySerialNumber(csSN)
		both.Type = report.TypeAny
		kinds, err := c.Report.Collect(ctx, both, 10)
		require.NoError(t, err)
		assert.Len(t, kinds, 2, "UUT and UUR")

		// The server refuses a process of the wrong kind and unknown fail codes.
		wrong, err := c.Report.NewUUT(csPN, "CS-RPT-SN-2", csRev, 500, report.WithStation(csStation), report.WithOperator("cs-op"))
		require.NoError(t, err)
		_, err = c.Report.Submit(ctx, wrong)
		require.ErrorIs(t, err, wats.ErrBadRequest)
		assert.Contains(t, err.Error(), "not a test operation")
		bad, err := c.Report.NewUURFromUUT(uut, 500, report.WithStation(csStation), report.WithOperator("cs-tech"))
		require.NoError(t, err)
		_, err = bad.AddFailure(0, "Component", "Eaten By Mice")
		require.NoError(t, err)
		_, err = c.Report.Submit(ctx, bad)
		require.ErrorIs(t, err, wats.ErrBadRequest)
		assert.Contains(t, err.Error(), "fail-code tree")
	})

	registerSuite("report/wsxf", func(ctx context.Context, t *testing.T, c *wats.Client, srv *watstest.Server) {
		const xmlID = "0c5e7d1a-2b3c-4d5e-8f90-a1b2c3d4e5f6"
		doc := `<?xml version="1.0"?><Report ID="` + xmlID + `" Type="UUT"><UUT SN="CS-RPT-XML-1" PN="` + csPN + `"/></Report>`
		id, err := c.Report.SubmitWSXF(ctx, strings.NewReader(doc))
		require.NoError(t, err)
		assert.Equal(t, xmlID, id)
		var out bytes.Buffer
		_, err = c.Report.LoadWSXF(ctx, id, &out)
		require.NoError(t, err)
		assert.Equal(t, doc, out.String(), "kept byte for byte")
	})

	registerSuite("report/export", func(ctx context.Context, t *testing.T, c *wats.Client, srv *watstest.Server) {
		csSharedUUT(ctx, t, c)
		answer, err := c.Report.QueueCertificateExport(ctx,
			&report.ExportFilter{PartNumber: csPN, DateFrom: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Dimensions: []string{"miscInfo"}},
			&report.CertificateExportOptions{AsIndividualFiles: true, Dimensions: []string{"measurement", "lowLimit", "highLimit"},
				NumericFormat: report.NumericDecimal, Email: "cs@example.com"})
		require.NoError(t, err)
		var queued struct {
			FileName    string `json:"fileName"`
			ReportCount int    `json:"reportCount"`
		}
		require.NoError(t, json.Unmarshal(answer, &queued))
		assert.Equal(t, 1, queued.ReportCount)

		list, err := c.Report.ListExports(ctx)
		require.NoError(t, err)
		assert.Contains(t, string(list), queued.FileName)

		var zipped bytes.Buffer
		d, err := c.Report.DownloadExport(ctx, strings.TrimSuffix(queued.FileName, ".zip"), &zipped)
		require.NoError(t, err)
		assert.Equal(t, queued.FileName, d.FileName)
		zr, err := zip.NewReader(bytes.NewReader(zipped.Bytes()), int64(zipped.Len()))
		require.NoError(t, err)
		require.Len(t, zr.File, 1)
		assert.True(t, strings.HasSuffix(zr.File[0].Name, ".pdf"))

		_, err = c.Report.DownloadExport(ctx, "CS-RPT-no-such-export", &zipped)
		require.ErrorIs(t, err, wats.ErrNotFound)
		_, err = c.Report.QueueCertificateExport(ctx, &report.ExportFilter{}, &report.CertificateExportOptions{Dimensions: []string{"colour"}})
		require.ErrorIs(t, err, wats.ErrValidation)
	})

	registerSuite("rootcause/tickets", func(ctx context.Context, t *testing.T, c *wats.Client, srv *watstest.Server) {
		rc := c.RootCause
		reportID := csSharedUUT(ctx, t, c).ID()
		tk, err := rc.Create(ctx, &rootcause.Ticket{Subject: "CS-RC-1 burned regulator", Priority: rootcause.PriorityHigh,
			ReportUUID: reportID, Team: "CS-RC-team", Tags: []rootcause.Setting{{Key: "Cause", Value: "solder", Change: 1}},
			Update: &rootcause.Update{Content: "found on line 9"}})
		require.NoError(t, err)
		require.NotEmpty(t, tk.TicketID)
		assert.Equal(t, rootcause.StatusOpen, tk.Status)
		require.Len(t, tk.History, 1)
		require.NotNil(t, tk.CreatedUTC)

		got, err := rc.Get(ctx, tk.TicketID)
		require.NoError(t, err)
		assert.Equal(t, tk.TicketNumber, got.TicketNumber)
		assert.Empty(t, got.Assignee, "the server never returns the assignee")

		attID, err := rc.UploadAttachment(ctx, "cs-scope.png", strings.NewReader("scope capture"))
		require.NoError(t, err)
		var buf bytes.Buffer
		n, err := rc.DownloadAttachment(ctx, attID, "cs-scope.png", &buf)
		require.NoError(t, err)
		assert.Equal(t, int64(len("scope capture")), n)
		assert.Equal(t, "scope capture", buf.String())

		got.Assignee = "watstest"
		got.Update = &rootcause.Update{Content: "scope attached", Attachments: []rootcause.Attachment{{AttachmentID: attID}}}
		up, err := rc.Update(ctx, got)
		require.NoError(t, err)
		last := up.History[len(up.History)-1]
		require.Len(t, last.Attachments, 1)
		assert.Equal(t, "cs-scope.png", last.Attachments[0].FileName)

		_, err = rc.Comment(ctx, tk.TicketID, "watstest", "reflowed U7")
		require.NoError(t, err)
		_, err = rc.Assign(ctx, tk.TicketID, "watstest")
		require.NoError(t, err)
		solved, err := rc.SetStatus(ctx, tk.TicketID, "watstest", rootcause.StatusSolved)
		require.NoError(t, err)
		assert.Equal(t, rootcause.StatusSolved, solved.Status)

		mine, err := rc.List(ctx, rootcause.ListOptions{Status: rootcause.StatusSolved, View: rootcause.ViewAssigned, Search: "CS-RC-1"})
		require.NoError(t, err)
		require.Len(t, mine, 1)
		assert.Equal(t, tk.TicketID, mine[0].TicketID)

		archived, err := rc.Archive(ctx, tk.TicketID)
		require.NoError(t, err)
		assert.Equal(t, rootcause.StatusArchived, archived.Status)
		_, err = rc.Archive(ctx, tk.TicketID)
		require.ErrorIs(t, err, wats.ErrBadRequest, "only solved tickets are archived")

		// The trap: a non-new status without an assignee is refused before sending.
		_, err = rc.Update(ctx, &rootcause.Ticket{TicketID: tk.TicketID, Subject: "x", Status: rootcause.StatusInProgress})
		require.ErrorIs(t, err, wats.ErrValidation)
	})

	registerSuite("rootcause/internal", func(ctx context.Context, t *testing.T, c *wats.Client, srv *watstest.Server) {
		rc, in := c.RootCause, c.RootCause.Internal()
		const reportID = "0d1e2f30-4152-4637-8899-aabbccddeeff"
		tk, err := rc.Create(ctx, &rootcause.Ticket{Subject: "CS-RC-2 internal", ReportUUID: reportID,
			Tags: []rootcause.Setting{{Key: "Line", Value: "9", Change: 1}}})
		require.NoError(t, err)
		tags, err := in.Tags(ctx, reportID)
		require.NoError(t, err)
		assert.Equal(t, []rootcause.Setting{{Key: "Line", Value: "9"}}, tags)

		counted, err := in.TicketCounts(ctx)
		require.NoError(t, err)
		ids := []string{}
		for _, x := range counted {
			ids = append(ids, x.TicketID)
		}
		assert.Contains(t, ids, tk.TicketID, "the caller owns the ticket, so it follows it")

		_, err = in.SendReminderEmail(ctx, tk.TicketID)
		require.NoError(t, err)
		got, err := rc.Get(ctx, tk.TicketID)
		require.NoError(t, err)
		assert.Equal(t, rootcause.UpdateNotification, got.History[len(got.History)-1].UpdateType)

		require.NoError(t, in.DeleteTickets(ctx, tk.TicketID))
		_, err = rc.Get(ctx, tk.TicketID)
		require.ErrorIs(t, err, wats.ErrNotFound)
		require.ErrorIs(t, in.DeleteTickets(ctx, tk.TicketID), wats.ErrNotFound)
	})
}
