package report_test

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestLoadTellsUUTFromUUR(t *testing.T) {
	c, _ := apitest.Setup(t, seedSet())
	ctx := context.Background()
	uut, err := c.Report.Load(ctx, strings.ToUpper(guid(2)))
	require.NoError(t, err)
	assert.Equal(t, report.TypeUUT, uut.Type())
	assert.Equal(t, "SN-2", uut.SerialNumber())
	uur, err := c.Report.Load(ctx, guid(7))
	require.NoError(t, err)
	assert.Equal(t, report.TypeUUR, uur.Type())
}

func TestLoadErrors(t *testing.T) {
	c, srv := apitest.Setup(t, seedSet())
	ctx := context.Background()

	_, err := c.Report.Load(ctx, guid(99))
	require.ErrorIs(t, err, wats.ErrNotFound)

	srv.Inject(watstest.Fault{Method: http.MethodGet, Path: "/api/Report/Wsjf", Status: http.StatusOK, Body: " "})
	_, err = c.Report.Load(ctx, guid(1))
	require.ErrorIs(t, err, wats.ErrNotFound, "an empty 2xx means unknown id")

	srv.ResetRequests()
	for _, tc := range []struct {
		id   string
		opts []report.LoadOption
		path string
	}{
		{"", nil, "id"},
		{"not-a-guid", nil, "id"},
		{guid(1), []report.LoadOption{report.WithDetailLevel(8)}, "detailLevel"},
		{guid(1), []report.LoadOption{report.WithDetailLevel(-1)}, "detailLevel"},
	} {
		_, err := c.Report.Load(ctx, tc.id, tc.opts...)
		var ve *wats.ValidationError
		require.ErrorAs(t, err, &ve, tc.id)
		assert.Equal(t, tc.path, ve.Fields[0].Path)
	}
	_, err = c.Report.LoadWSXF(ctx, guid(1), nil)
	require.ErrorIs(t, err, wats.ErrValidation)
	assert.Empty(t, srv.Requests())
}

func TestLoadOptionsAreSentOnlyWhenSet(t *testing.T) {
	c, srv := apitest.Setup(t, watstest.WithReports(uutDoc(uutSpec{id: guid(1), sn: "C", steps: 1})))
	ctx := context.Background()
	_, err := c.Report.Load(ctx, guid(1))
	require.NoError(t, err)
	_, err = c.Report.Load(ctx, guid(1), report.WithDetailLevel(7), report.WithChartData(false), report.WithAttachmentData(true), report.WithIndexes(true))
	require.NoError(t, err)
	var out bytes.Buffer
	_, err = c.Report.LoadWSXF(ctx, guid(1), &out, report.WithDetailLevel(3), report.WithIndexes(false))
	require.NoError(t, err)
	reqs := srv.Requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, "", reqs[0].Query)
	q1, _ := url.ParseQuery(reqs[1].Query)
	assert.Equal(t, url.Values{"detailLevel": {"7"}, "includeChartdata": {"false"}, "includeAttachments": {"true"}}, q1)
	q2, _ := url.ParseQuery(reqs[2].Query)
	assert.Equal(t, url.Values{"detailLevel": {"3"}, "includeIndexes": {"false"}}, q2, "the WSXF route takes detailLevel too")
	assert.Equal(t, "/api/Report/Wsxf/"+guid(1), reqs[2].Path)
	assert.Contains(t, out.String(), `SN="C"`)
}

func TestLoadAddsServerFields(t *testing.T) {
	c, _ := apitest.Setup(t, watstest.WithReports(uutDoc(uutSpec{id: guid(1), sn: "S", steps: 1})))
	r, err := c.Report.Load(context.Background(), guid(1))
	require.NoError(t, err)
	b, err := r.MarshalJSON()
	require.NoError(t, err)
	doc := decodeGeneric(t, b).(map[string]any)
	assert.Equal(t, "2026-03-02T08:15:30Z", doc["startUTC"])
	assert.Contains(t, doc, "productName")
	assert.Equal(t, "SW Debug", doc["processName"], "named from the process table")
	assert.Equal(t, []any{}, doc["assetStats"])
	root := doc["root"].(map[string]any)
	assert.Equal(t, false, root["causedUUTFailure"])
}

func TestAttachmentDownloads(t *testing.T) {
	png := []byte("\x89PNG fake image bytes")
	c, srv := apitest.Setup(t, watstest.WithReports(
		uutDoc(uutSpec{id: guid(1), sn: "A", steps: 2, attachment: png}),
		uurDoc(guid(2), "A", guid(1)),
	))
	ctx := context.Background()

	q := report.BySerialNumber("A")
	q.Expand = []string{report.ExpandAttachments}
	hs, err := c.Report.Collect(ctx, q, 1)
	require.NoError(t, err)
	require.Len(t, hs, 1)
	require.Equal(t, []report.HeaderAttachment{{StepID: 4, FileName: "photo.png"}}, hs[0].Attachments)

	var buf bytes.Buffer
	d, err := c.Report.Attachment(ctx, report.AttachmentRef{ReportID: guid(1), StepID: &hs[0].Attachments[0].StepID}, &buf)
	require.NoError(t, err)
	assert.Equal(t, png, buf.Bytes())
	assert.Equal(t, report.Download{ContentType: "image/png", FileName: "photo.png", Size: int64(len(png))}, d)
	q2, _ := url.ParseQuery(srv.Requests()[len(srv.Requests())-1].Query)
	assert.Equal(t, url.Values{"reportId": {guid(1)}, "stepId": {"4"}}, q2)

	uur := report.BySerialNumber("A").UUR()
	uur.Expand = []string{report.ExpandUURAttachments}
	hs, err = c.Report.Collect(ctx, uur, 1)
	require.NoError(t, err)
	require.Len(t, hs, 1)
	require.Len(t, hs[0].UURAttachments, 1)
	assert.Equal(t, "log.txt", hs[0].UURAttachments[0].FileName)
	buf.Reset()
	_, err = c.Report.Attachment(ctx, report.AttachmentRef{ReportID: guid(2), AttachmentID: strings.ToUpper(hs[0].UURAttachments[0].ID)}, &buf)
	require.NoError(t, err)
	assert.Equal(t, "repair log", buf.String())

	three := 3
	for name, ref := range map[string]report.AttachmentRef{
		"no such step":       {ReportID: guid(1), StepID: &three},
		"no such attachment": {ReportID: guid(2), AttachmentID: guid(99)},
		"no such report":     {ReportID: guid(98), StepID: &three},
	} {
		_, err = c.Report.Attachment(ctx, ref, &buf)
		require.ErrorIs(t, err, wats.ErrNotFound, name)
	}
	_, err = c.Report.Attachment(ctx, report.AttachmentRef{ReportID: guid(2), StepID: &three}, &buf)
	require.ErrorIs(t, err, wats.ErrBadRequest, "a repair report's attachment is named by its id")

	buf.Reset()
	d, err = c.Report.Attachments(ctx, guid(2), &buf)
	require.NoError(t, err)
	assert.Equal(t, "application/zip", d.ContentType)
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	require.NoError(t, err)
	require.Len(t, zr.File, 1)
	assert.Equal(t, "log.txt", zr.File[0].Name)

	buf.Reset()
	d, err = c.Report.Certificate(ctx, guid(1), &buf)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(buf.String(), "%PDF-"), "a PDF")
	assert.Contains(t, buf.String(), guid(1))
	assert.Equal(t, report.Download{ContentType: "application/pdf", FileName: "certificate-" + guid(1) + ".pdf", Size: int64(buf.Len())}, d)

	srv.ResetRequests()
	for name, ref := range map[string]report.AttachmentRef{
		"nothing":            {},
		"no report":          {StepID: &three},
		"neither":            {ReportID: guid(1)},
		"both":               {ReportID: guid(1), StepID: &three, AttachmentID: guid(3)},
		"attachment no guid": {ReportID: guid(1), AttachmentID: "999"},
	} {
		_, err = c.Report.Attachment(ctx, ref, &buf)
		require.ErrorIs(t, err, wats.ErrValidation, name)
	}
	_, err = c.Report.Attachments(ctx, "nope", &buf)
	require.ErrorIs(t, err, wats.ErrValidation)
	_, err = c.Report.Certificate(ctx, guid(1), nil)
	require.ErrorIs(t, err, wats.ErrValidation)
	apitest.RequireNoRequests(t, srv)
}

// The download goes straight to the writer: a writer that fails stops it.
func TestAttachmentStreamsToWriter(t *testing.T) {
	big := bytes.Repeat([]byte("0123456789abcdef"), 1<<16) // 1 MiB
	c, _ := apitest.Setup(t, watstest.WithReports(uutDoc(uutSpec{id: guid(1), sn: "B", attachment: big})))
	w := &chunkCounter{}
	d, err := c.Report.Attachment(context.Background(), report.AttachmentRef{ReportID: guid(1), StepID: &attachmentStep}, w)
	require.NoError(t, err)
	assert.Equal(t, int64(len(big)), d.Size)
	assert.Equal(t, len(big), w.n)
	assert.Greater(t, w.writes, 1, "written in chunks, not as one buffered blob")
}

// attachmentStep is the step id uutDoc gives the attachment step of a
// report without measurement steps.
var attachmentStep = 2

type chunkCounter struct{ n, writes int }

func (c *chunkCounter) Write(p []byte) (int, error) { c.n += len(p); c.writes++; return len(p), nil }
