package report

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/watsgo/sdk/internal/guid"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// Submit finalises r (report id, step ids, status roll-up), validates it and
// posts it as WSJF. It returns the report id the server answers with, or r's
// own id when the answer carries none. Invalid reports return a
// *errs.ValidationError before anything is sent.
//
// Submit is never retried by the transport (POST); resubmitting the same
// report keeps its id, so a caller-level retry is identifiable by the server.
//
// WATS API: POST /api/Report/WSJF
func (s *Service) Submit(ctx context.Context, r *Report) (string, error) {
	const op = "report.Submit"
	if r == nil {
		return "", errs.Invalid(op, "report", "report is nil")
	}
	if err := r.Finalize(); err != nil {
		return "", withOp(op, err)
	}
	if err := checkReport(op, r); err != nil {
		return "", err
	}
	body, err := r.MarshalJSON()
	if err != nil {
		return "", fmt.Errorf("%s: encode report %s: %w", op, r.ID(), err)
	}
	return s.postReport(ctx, op, routeSubmitWSJF, bytes.NewReader(body), "application/json", r.ID())
}

// SubmitJSON submits a prepared WSJF document. The document is parsed and
// validated first; when it carries an id it is sent byte for byte as given,
// otherwise it is finalised (id assigned) and re-encoded.
//
// WATS API: POST /api/Report/WSJF
func (s *Service) SubmitJSON(ctx context.Context, doc []byte) (string, error) {
	const op = "report.SubmitJSON"
	if len(bytes.TrimSpace(doc)) == 0 {
		return "", errs.Invalid(op, "report", "document is empty")
	}
	r, err := Parse(doc)
	if err != nil {
		return "", errs.Invalid(op, "report", err.Error())
	}
	if r.ID() == "" {
		if err := r.Finalize(); err != nil {
			return "", withOp(op, err)
		}
		if doc, err = r.MarshalJSON(); err != nil {
			return "", fmt.Errorf("%s: encode report: %w", op, err)
		}
	}
	if err := checkReport(op, r); err != nil {
		return "", err
	}
	return s.postReport(ctx, op, routeSubmitWSJF, bytes.NewReader(doc), "application/json", r.ID())
}

// SubmitWSXF streams a WSXF (XML) report to the server and returns the id it
// answers with ("" when it answers none). Only the start of the stream is
// checked (it must begin with '<'), so a malformed document is reported by
// the server.
//
// WATS API: POST /api/Report/WSXF
func (s *Service) SubmitWSXF(ctx context.Context, xml io.Reader) (string, error) {
	const op = "report.SubmitWSXF"
	if xml == nil {
		return "", errs.Invalid(op, "body", "XML reader is nil")
	}
	br := bufio.NewReader(xml)
	if err := checkXMLStart(br); err != nil {
		return "", errs.Invalid(op, "body", err.Error())
	}
	return s.postReport(ctx, op, routeSubmitWSXF, br, "application/xml", "")
}

// checkXMLStart peeks past a byte-order mark and white space and requires '<'.
func checkXMLStart(br *bufio.Reader) error {
	head, err := br.Peek(512)
	if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
		return fmt.Errorf("read XML: %w", err)
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case len(t) == 0 && len(head) < 512:
		return errors.New("XML document is empty")
	case len(t) > 0 && t[0] != '<':
		return fmt.Errorf("document does not start with '<' (got %q)", t[:min(len(t), 16)])
	}
	return nil
}

// checkReport runs the model's validation and requires a GUID id, which
// the fallback answer and server-side de-duplication rely on.
func checkReport(op string, r *Report) error {
	v := &errs.ValidationError{Op: op}
	if err := r.Validate(); err != nil {
		var ve *errs.ValidationError
		if !errors.As(err, &ve) {
			return withOp(op, err)
		}
		v.Fields = append(v.Fields, ve.Fields...)
	}
	if _, ok := guid.Normalize(r.ID()); !ok {
		v.Add("id", "uuid", fmt.Sprintf("report id must be a GUID, got %q", r.ID()))
	}
	// The identity fields every server needs, checked here too so Submit
	// does not depend on how thorough the model's validation is.
	for _, f := range []struct{ path, val string }{
		{"pn", r.PartNumber()}, {"sn", r.SerialNumber()}, {"rev", r.Revision()},
	} {
		if strings.TrimSpace(f.val) == "" && !hasPath(v, f.path) {
			v.Add(f.path, "required", f.path+" is required")
		}
	}
	return v.OrNil()
}

func hasPath(v *errs.ValidationError, path string) bool {
	for _, f := range v.Fields {
		if f.Path == path {
			return true
		}
	}
	return false
}

// withOp re-labels a validation error with the public operation; other
// errors are wrapped.
func withOp(op string, err error) error {
	var ve *errs.ValidationError
	if errors.As(err, &ve) {
		return &errs.ValidationError{Op: op, Fields: ve.Fields}
	}
	return fmt.Errorf("%s: %w", op, err)
}

func (s *Service) postReport(ctx context.Context, op, route string, body io.Reader, ctype, sentID string) (string, error) {
	var answer bytes.Buffer
	_, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodPost, Route: route,
		Body: body, ContentType: ctype, Output: &answer,
		Idempotent: transport.Bool(false),
	})
	if err != nil {
		return "", err
	}
	if id := SubmitResultID(answer.Bytes()); id != "" {
		return id, nil
	}
	return sentID, nil
}

// SubmitResultID extracts the report id from a submit answer, whose shape
// the spec leaves open (report.md §R3): an object (first non-empty of "ID",
// "id", "uuid", then any case of those), an array of such objects (first
// element), a JSON string, or plain text. It returns "" for an empty answer
// or an object without id.
func SubmitResultID(body []byte) string {
	t := bytes.TrimSpace(body)
	if len(t) == 0 || string(t) == "null" {
		return ""
	}
	switch t[0] {
	case '{':
		var obj map[string]json.RawMessage
		if json.Unmarshal(t, &obj) != nil {
			return ""
		}
		return idFromObject(obj)
	case '[':
		var arr []json.RawMessage
		if json.Unmarshal(t, &arr) != nil || len(arr) == 0 {
			return ""
		}
		return SubmitResultID(arr[0])
	case '"':
		var s string
		if json.Unmarshal(t, &s) != nil {
			return ""
		}
		return strings.TrimSpace(s)
	}
	return string(t)
}

func idFromObject(obj map[string]json.RawMessage) string {
	keys := []string{"ID", "id", "uuid"}
	for _, k := range keys {
		if id := scalarString(obj[k]); id != "" {
			return id
		}
	}
	for k, v := range obj {
		for _, want := range keys {
			if strings.EqualFold(k, want) {
				if id := scalarString(v); id != "" {
					return id
				}
			}
		}
	}
	return ""
}

// scalarString renders a JSON string or number as text ("" otherwise).
func scalarString(raw json.RawMessage) string {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return ""
	}
	var s string
	if json.Unmarshal(t, &s) == nil {
		return strings.TrimSpace(s)
	}
	var n json.Number
	if json.Unmarshal(t, &n) == nil {
		return n.String()
	}
	return ""
}
