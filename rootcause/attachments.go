package rootcause

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// UploadAttachment uploads r as a file named fileName and returns the new
// attachment id. Link it to a ticket by listing it in the next update's
// Attachments (the SDK's reading of the ticket model).
// The server's document declares no body for the route; the upload is
// multipart/form-data with one part named "file", the usual ASP.NET upload
// form. A body that is not an io.Seeker is never re-sent.
//
// WATS API: POST /api/RootCause/Attachment
func (s *Service) UploadAttachment(ctx context.Context, fileName string, r io.Reader) (string, error) {
	const op = "rootcause.UploadAttachment"
	v := &errs.ValidationError{Op: op}
	if strings.TrimSpace(fileName) == "" {
		v.Add("fileName", "required", "is required")
	} else if filepath.Base(fileName) != fileName {
		v.Add("fileName", "basename", "must be a bare file name without directories, got "+quote(fileName))
	}
	if r == nil {
		v.Add("file", "required", "reader is nil")
	}
	if err := v.OrNil(); err != nil {
		return "", err
	}
	var id string
	_, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodPost, Route: "/api/RootCause/Attachment",
		Multipart: &transport.Multipart{FieldName: "file", FileName: fileName, File: r},
		Result:    &id,
	})
	if err != nil {
		return "", err
	}
	if id == "" {
		return "", &errs.APIError{Op: op, Method: http.MethodPost, Route: "/api/RootCause/Attachment", StatusCode: http.StatusOK, Message: "server returned no attachment id"}
	}
	return id, nil
}

// DownloadAttachment streams the attachment's bytes to w and returns how
// many were written. fileName is optional; with it the server serves the
// file as a download rather than for inline display.
//
// WATS API: GET /api/RootCause/Attachment
func (s *Service) DownloadAttachment(ctx context.Context, attachmentID, fileName string, w io.Writer) (int64, error) {
	const op = "rootcause.DownloadAttachment"
	v := &errs.ValidationError{Op: op}
	checkUUID(v, "attachmentId", attachmentID)
	if w == nil {
		v.Add("writer", "required", "writer is nil")
	}
	if err := v.OrNil(); err != nil {
		return 0, err
	}
	q := url.Values{"attachmentId": {attachmentID}}
	if fileName != "" {
		q.Set("fileName", fileName)
	}
	resp, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: "/api/RootCause/Attachment",
		Query: q, Output: w, Accept: "*/*",
	})
	if resp != nil {
		return resp.Written, err
	}
	return 0, err
}
