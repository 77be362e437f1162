package transport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
)

// maxErrorBody caps how much of an error answer is kept on an APIError.
const maxErrorBody = 4 << 10

// body prepares the request body once per call. next returns the reader for
// one attempt: JSON is marshalled once and re-read, a seekable Body is
// rewound, a multipart body is streamed once.
type body struct {
	ctype string
	json  []byte
	rd    io.Reader
	mp    *Multipart
}

func newBody(req *Request) (*body, error) {
	switch {
	case req.JSON != nil:
		b, err := json.Marshal(req.JSON)
		if err != nil {
			return nil, fmt.Errorf("%s: encode request body: %w", req.Op, err)
		}
		return &body{ctype: "application/json", json: b}, nil
	case req.Multipart != nil:
		return &body{mp: req.Multipart}, nil
	case req.Body != nil:
		ct := req.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		return &body{ctype: ct, rd: req.Body}, nil
	}
	return nil, nil
}

// reader returns the body for one attempt (nil for none) and its content type.
func (b *body) reader(attempt int) (io.Reader, string, error) {
	if b == nil {
		return nil, "", nil
	}
	switch {
	case b.json != nil:
		return bytes.NewReader(b.json), b.ctype, nil
	case b.mp != nil:
		pr, pw := io.Pipe()
		mw := multipart.NewWriter(pw)
		go func() { pw.CloseWithError(writeMultipart(mw, b.mp)) }()
		return pr, mw.FormDataContentType(), nil
	default:
		if attempt > 1 {
			if s, ok := b.rd.(io.Seeker); ok {
				if _, err := s.Seek(0, io.SeekStart); err != nil {
					return nil, "", fmt.Errorf("rewind request body: %w", err)
				}
			}
		}
		return b.rd, b.ctype, nil
	}
}

func writeMultipart(mw *multipart.Writer, m *Multipart) error {
	for k, v := range m.Fields {
		if err := mw.WriteField(k, v); err != nil {
			return err
		}
	}
	ct := m.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	h := make(map[string][]string)
	h["Content-Disposition"] = []string{fmt.Sprintf(`form-data; name=%q; filename=%q`, m.FieldName, m.FileName)}
	h["Content-Type"] = []string{ct}
	part, err := mw.CreatePart(h)
	if err != nil {
		return err
	}
	if _, err := io.Copy(part, m.File); err != nil {
		return err
	}
	return mw.Close()
}

// DecodeJSON decodes raw into v, treating an empty body, "null" and "" as no data.
func DecodeJSON(op string, raw []byte, v any) error {
	if err := decodeJSON(raw, v); err != nil {
		return fmt.Errorf("%s: decode response: %w", op, err)
	}
	return nil
}

func decodeJSON(raw []byte, v any) error {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || string(t) == "null" || string(t) == `""` {
		return nil
	}
	return json.Unmarshal(t, v)
}

// ParseErrorBody extracts the server's message from an error body, trying in
// turn: message, Message, error, detail, title, else the text itself. errors
// (ProblemDetails) is returned raw.
func ParseErrorBody(raw []byte) (msg, errorsJSON string) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 {
		return "", ""
	}
	var obj map[string]json.RawMessage
	if t[0] == '{' && json.Unmarshal(t, &obj) == nil {
		for _, k := range []string{"message", "Message", "error", "detail", "title"} {
			if v, ok := obj[k]; ok {
				var s string
				if json.Unmarshal(v, &s) == nil && s != "" {
					msg = s
					break
				}
				if len(v) > 0 && string(v) != "null" && string(v) != `""` {
					msg = string(v)
					break
				}
			}
		}
		if e, ok := obj["errors"]; ok && string(e) != "null" {
			errorsJSON = string(e)
		}
		return msg, errorsJSON
	}
	var s string
	if t[0] == '"' && json.Unmarshal(t, &s) == nil {
		return s, ""
	}
	return string(t), ""
}
