package report

import (
	"context"
	"fmt"
	"io"
	"math"
	"mime"
	"net/http"
	"net/url"
	"strconv"

	"github.com/watsgo/sdk/internal/guid"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// Download describes a file streamed from the server.
type Download struct {
	// ContentType is the server's Content-Type ("" when absent).
	ContentType string
	// FileName is the file name from Content-Disposition ("" when absent).
	FileName string
	// Size is the number of bytes written to the caller's writer.
	Size int64
}

// AttachmentRef names one attachment of a report for [Service.Attachment].
// ReportID is always required; then a UUT attachment is named by the id of
// the step that carries it, a UUR attachment by its own GUID (the "id" of
// its binaryData entry in WSJF). Exactly one of StepID and AttachmentID is set.
type AttachmentRef struct {
	// ReportID is the report GUID, sent as reportId.
	ReportID string
	// AttachmentID is a UUR attachment's GUID, sent as attachmentId.
	AttachmentID string
	// StepID is the id of the UUT step whose attachment is wanted, sent as
	// stepId (nil when AttachmentID is used).
	StepID *int
}

// Attachment streams one attachment's content into w.
//
// WATS API: GET /api/Report/Attachment
func (s *Service) Attachment(ctx context.Context, ref AttachmentRef, w io.Writer) (Download, error) {
	const op = "report.Attachment"
	v := &errs.ValidationError{Op: op}
	rid, ok := guid.Normalize(ref.ReportID)
	if !ok {
		v.Add("reportId", "uuid", fmt.Sprintf("report id must be a GUID, got %q", ref.ReportID))
	}
	q := url.Values{"reportId": {rid}}
	switch {
	case ref.AttachmentID != "" && ref.StepID != nil:
		v.Add("attachmentId", "excluded_with=stepId", "name the attachment by attachmentId (UUR) or stepId (UUT), not both")
	case ref.AttachmentID != "":
		if aid, ok := guid.Normalize(ref.AttachmentID); ok {
			q.Set("attachmentId", aid)
		} else {
			v.Add("attachmentId", "uuid", fmt.Sprintf("attachment id must be a GUID, got %q", ref.AttachmentID))
		}
	case ref.StepID != nil:
		if *ref.StepID < 0 || *ref.StepID > math.MaxInt32 {
			v.Add("stepId", "int32", fmt.Sprintf("step id must be a non-negative 32-bit integer, got %d", *ref.StepID))
		}
		q.Set("stepId", strconv.Itoa(*ref.StepID))
	default:
		v.Add("attachmentId", "required_without=stepId", "either attachmentId (UUR) or stepId (UUT) is required")
	}
	if w == nil {
		v.Add("w", "required", "writer is nil")
	}
	if err := v.OrNil(); err != nil {
		return Download{}, err
	}
	return s.download(ctx, op, routeAttachment, nil, q, w)
}

// Attachments streams a ZIP archive of every attachment of a report into w.
//
// WATS API: GET /api/Report/Attachments/{id}
func (s *Service) Attachments(ctx context.Context, reportID string, w io.Writer) (Download, error) {
	return s.downloadByID(ctx, "report.Attachments", routeAttachments, reportID, w)
}

// Certificate streams a report's certificate document (a PDF on WATS
// servers) into w.
//
// WATS API: GET /api/Report/Certificate/{id}
func (s *Service) Certificate(ctx context.Context, reportID string, w io.Writer) (Download, error) {
	return s.downloadByID(ctx, "report.Certificate", routeCertificate, reportID, w)
}

func (s *Service) downloadByID(ctx context.Context, op, route, id string, w io.Writer) (Download, error) {
	v := &errs.ValidationError{Op: op}
	gid, ok := guid.Normalize(id)
	if !ok {
		v.Add("id", "uuid", fmt.Sprintf("report id must be a GUID, got %q", id))
	}
	if w == nil {
		v.Add("w", "required", "writer is nil")
	}
	if err := v.OrNil(); err != nil {
		return Download{}, err
	}
	return s.download(ctx, op, route, map[string]string{"id": gid}, nil, w)
}

func (s *Service) download(ctx context.Context, op, route string, params map[string]string, q url.Values, w io.Writer) (Download, error) {
	resp, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: route,
		PathParams: params, Query: q, Output: w, Accept: acceptAnyDownload,
	})
	var d Download
	if resp != nil {
		d = Download{ContentType: resp.Header.Get("Content-Type"), FileName: fileName(resp.Header), Size: resp.Written}
	}
	return d, err
}

// fileName reads the file name of a Content-Disposition header.
func fileName(h http.Header) string {
	cd := h.Get("Content-Disposition")
	if cd == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(cd)
	if err != nil {
		return ""
	}
	return params["filename"]
}
