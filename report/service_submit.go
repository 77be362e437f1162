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
// *wats.ValidationError before anything is sent. A 2xx answer that is not the
// server's insert result (a proxy's or captive portal's page) returns an error
// matching wats.ErrUnexpectedAnswer: the report may not have arrived.
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
	answer := &cappedBuffer{max: maxSubmitAnswer}
	resp, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodPost, Route: route,
		Body: body, ContentType: ctype, Output: answer,
		Idempotent: transport.Bool(false),
	})
	if err != nil {
		return "", err
	}
	id, ok := submitAnswerID(answer.Bytes())
	if !ok || answer.over {
		// A captive portal, a proxy's page or any other 2xx that is not the
		// server's insert result says nothing about the report's fate: the
		// caller (and the offline queue) must keep the report.
		return "", fmt.Errorf("%s: POST %s: %w: %s (request id %s)", op, route, errs.ErrUnexpectedAnswer, describeAnswer(answer, resp.Header.Get("Content-Type")), resp.RequestID)
	}
	if id == "" {
		id = sentID
	}
	return id, nil
}

// maxSubmitAnswer bounds the submit answer kept in memory; the insert
// result is well under 1 KiB.
const maxSubmitAnswer = 64 << 10

// cappedBuffer keeps the first max bytes written and notes that more came.
type cappedBuffer struct {
	bytes.Buffer
	max  int
	over bool
}

func (c *cappedBuffer) Write(p []byte) (int, error) {
	if room := c.max - c.Len(); len(p) > room {
		c.over = true
		c.Buffer.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return c.Buffer.Write(p)
}

// describeAnswer says briefly what came back instead of an insert result.
func describeAnswer(a *cappedBuffer, ctype string) string {
	if ctype == "" {
		ctype = "no content type"
	}
	if a.over {
		return fmt.Sprintf("answer is not an insert result (%s, more than %d bytes)", ctype, a.max)
	}
	return fmt.Sprintf("answer is not an insert result (%s, %d bytes)", ctype, a.Len())
}

// submitAnswerID reads the server's answer to a submit, an insert result
// {"ID": uuid, "uuid": uuid, "Report_ID": int}. It returns the report id
// ("ID", the id the client sent, else "uuid") and whether the answer is an
// insert result at all. Tolerated as well: an array of insert results (first
// element), a JSON string holding a GUID and a bare GUID as text. An insert
// result without a GUID gives "" and true (the caller keeps its own id);
// everything else — an empty body, an HTML page, an object that is no
// insert result — gives false.
func submitAnswerID(body []byte) (string, bool) {
	t := bytes.TrimSpace(body)
	if len(t) == 0 {
		return "", false
	}
	switch t[0] {
	case '{':
		var obj map[string]json.RawMessage
		if json.Unmarshal(t, &obj) != nil {
			return "", false
		}
		return idFromObject(obj)
	case '[':
		var arr []json.RawMessage
		if json.Unmarshal(t, &arr) != nil || len(arr) == 0 {
			return "", false
		}
		return submitAnswerID(arr[0])
	case '"':
		var s string
		if json.Unmarshal(t, &s) != nil {
			return "", false
		}
		return asGUID(s)
	}
	return asGUID(string(t))
}

// asGUID accepts s when it is a GUID, lower-cased.
func asGUID(s string) (string, bool) {
	g, ok := guid.Normalize(strings.TrimSpace(s))
	return g, ok
}

// idFromObject finds the id of an insert result; member names are matched
// without regard to case, as the server's serializer binds them. An object
// with none of the insert result's members is not one.
func idFromObject(obj map[string]json.RawMessage) (string, bool) {
	var id, dest string
	known := false
	for k, v := range obj {
		switch {
		case strings.EqualFold(k, "ID"):
			known = true
			id = scalarString(v)
		case strings.EqualFold(k, "uuid"):
			known = true
			dest = scalarString(v)
		case strings.EqualFold(k, "Report_ID"):
			known = true
		}
	}
	for _, cand := range []string{id, dest} {
		if g, ok := asGUID(cand); ok {
			return g, true
		}
	}
	return "", known && id == "" && dest == ""
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
