package report

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"

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

// AttachmentRef names one attachment for Attachment: by attachment id, by
// the id of the step that carries it, or both. Their exact types and whether
// both may be combined are unverified; both are sent when set.
type AttachmentRef struct {
	// AttachmentID is the attachment identifier, sent as the attachmentId query
	// parameter.
	AttachmentID string
	// StepID is the id of the step whose attachment is wanted, sent as the
	// stepId query parameter.
	StepID string
}

// Attachment streams one attachment's content into w.
//
// WATS API: GET /api/Report/Attachment
func (s *Service) Attachment(ctx context.Context, ref AttachmentRef, w io.Writer) (Download, error) {
	const op = "report.Attachment"
	v := &errs.ValidationError{Op: op}
	if ref.AttachmentID == "" && ref.StepID == "" {
		v.Add("attachmentId", "required_without=stepId", "either attachmentId or stepId is required")
	}
	if w == nil {
		v.Add("w", "required", "writer is nil")
	}
	if err := v.OrNil(); err != nil {
		return Download{}, err
	}
	q := url.Values{}
	if ref.AttachmentID != "" {
		q.Set("attachmentId", ref.AttachmentID)
	}
	if ref.StepID != "" {
		q.Set("stepId", ref.StepID)
	}
	return s.download(ctx, op, routeAttachment, nil, q, w)
}

// Attachments streams a ZIP archive of every attachment of a report into w.
//
// WATS API: GET /api/Report/Attachments/{id}
func (s *Service) Attachments(ctx context.Context, reportID string, w io.Writer) (Download, error) {
	return s.downloadByID(ctx, "report.Attachments", routeAttachments, reportID, w)
}

// Certificate streams a report's certificate document (probably PDF; the
// format is unverified) into w.
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
