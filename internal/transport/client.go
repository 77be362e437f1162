package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
)

// Config is what wats.New hands to the transport.
//
// SKELETON: this is the minimal working transport (one attempt, no retry,
// no rate limit, no breaker). The foundation issue replaces the internals;
// the Doer contract stays.
type Config struct {
	// BaseURL is the normalised server root without trailing slash.
	BaseURL string
	// Token is sent verbatim as "Authorization: Basic <token>".
	Token string
	// HTTPClient performs the attempts.
	HTTPClient *http.Client
	// UserAgent is the full User-Agent header value.
	UserAgent string
}

// Client implements Doer over net/http.
type Client struct {
	cfg Config
}

// New returns a transport client for cfg.
func New(cfg Config) *Client {
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{}
	}
	return &Client{cfg: cfg}
}

// BuildPath fills the {name} placeholders of route with escaped values.
func BuildPath(route string, params map[string]string) (string, error) {
	if !strings.Contains(route, "{") {
		return route, nil
	}
	var b strings.Builder
	rest := route
	for {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			b.WriteString(rest)
			return b.String(), nil
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return "", fmt.Errorf("route %q: unclosed placeholder", route)
		}
		name := rest[i+1 : i+j]
		v, ok := params[name]
		if !ok {
			return "", fmt.Errorf("route %q: no value for {%s}", route, name)
		}
		b.WriteString(rest[:i])
		b.WriteString(escapeSegment(v))
		rest = rest[i+j+1:]
	}
}

// escapeSegment escapes a path segment so that '/', '#', '?', '%', spaces and
// non-ASCII survive; url.PathEscape leaves nothing ambiguous in a segment.
func escapeSegment(s string) string {
	return strings.ReplaceAll(urlPathEscape(s), "+", "%2B")
}

// Do performs the call.
func (c *Client) Do(ctx context.Context, req *Request) (*Response, error) {
	path, err := BuildPath(req.Route, req.PathParams)
	if err != nil {
		return nil, err
	}
	u := c.cfg.BaseURL + path
	if len(req.Query) > 0 {
		u += "?" + req.Query.Encode()
	}
	body, ctype, err := requestBody(req)
	if err != nil {
		return nil, err
	}
	hreq, err := http.NewRequestWithContext(ctx, req.Method, u, body)
	if err != nil {
		return nil, err
	}
	for k, vs := range req.Header {
		hreq.Header[k] = vs
	}
	hreq.Header.Set("Authorization", "Basic "+c.cfg.Token)
	hreq.Header.Set("User-Agent", c.cfg.UserAgent)
	if ctype != "" {
		hreq.Header.Set("Content-Type", ctype)
	}
	accept := req.Accept
	if accept == "" {
		accept = "application/json"
	}
	hreq.Header.Set("Accept", accept)
	if strings.HasPrefix(strings.ToLower(req.Route), "/api/internal/") {
		hreq.Header.Set("Referer", c.cfg.BaseURL)
	}
	resp, err := c.cfg.HTTPClient.Do(hreq)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, &errs.TransportError{Op: req.Op, Method: req.Method, Route: req.Route, Attempts: 1, Err: err}
	}
	defer resp.Body.Close()
	out := &Response{StatusCode: resp.StatusCode, Header: resp.Header}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		raw, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		apiErr := &errs.APIError{Op: req.Op, Method: req.Method, Route: req.Route, StatusCode: resp.StatusCode, Body: string(raw), Attempts: 1}
		apiErr.Message, apiErr.Errors = ParseErrorBody(raw)
		return out, apiErr
	}
	return out, decodeBody(req, resp.Body, out)
}

func requestBody(req *Request) (io.Reader, string, error) {
	switch {
	case req.JSON != nil:
		b, err := json.Marshal(req.JSON)
		if err != nil {
			return nil, "", fmt.Errorf("%s: encode request body: %w", req.Op, err)
		}
		return bytes.NewReader(b), "application/json", nil
	case req.Multipart != nil:
		pr, pw := io.Pipe()
		mw := multipart.NewWriter(pw)
		go func() { pw.CloseWithError(writeMultipart(mw, req.Multipart)) }()
		return pr, mw.FormDataContentType(), nil
	case req.Body != nil:
		ct := req.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		return req.Body, ct, nil
	}
	return nil, "", nil
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

func decodeBody(req *Request, body io.Reader, out *Response) error {
	if req.Output != nil {
		n, err := io.Copy(req.Output, body)
		out.Written = n
		if err != nil {
			return fmt.Errorf("%s: read response body: %w", req.Op, err)
		}
		return nil
	}
	if req.Result == nil {
		_, _ = io.Copy(io.Discard, body)
		return nil
	}
	raw, err := io.ReadAll(body)
	if err != nil {
		return fmt.Errorf("%s: read response body: %w", req.Op, err)
	}
	return DecodeJSON(req.Op, raw, req.Result)
}

// DecodeJSON decodes raw into v, treating an empty body, "null" and "" as no data.
func DecodeJSON(op string, raw []byte, v any) error {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || string(t) == "null" || string(t) == `""` {
		return nil
	}
	if err := json.Unmarshal(t, v); err != nil {
		return fmt.Errorf("%s: decode response: %w", op, err)
	}
	return nil
}

// ParseErrorBody extracts the server's message from an error body as spec
// app-and-auth §6.2 lists the candidates: message, Message, error, detail,
// title, else the text itself. errors (ProblemDetails) is returned raw.
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
				if len(v) > 0 && string(v) != "null" {
					msg = string(v)
					break
				}
			}
		}
		if e, ok := obj["errors"]; ok {
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
