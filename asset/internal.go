package asset

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// Internal calls the server's internal asset file routes
// (/api/internal/Blob/...). They are unstable server routes used by the WATS
// web frontend: offered because pyWATS depends on them for asset files, but
// they may change with any server release. The transport sends the Referer
// header they require. Files are addressed by asset id, not serial number.
type Internal struct {
	t transport.Doer
}

func checkFile(op, assetID, name string, needName bool) error {
	v := &errs.ValidationError{Op: op}
	if strings.TrimSpace(assetID) == "" {
		v.Add("assetId", "required", "asset id is empty")
	}
	if needName {
		switch {
		case strings.TrimSpace(name) == "":
			v.Add("filename", "required", "file name is empty")
		case strings.ContainsAny(name, `/\`):
			v.Add("filename", "excludesall=/\\", fmt.Sprintf("file name %q contains a path separator", name))
		}
	}
	return v.OrNil()
}

// UploadFile streams r to the server as the asset file name. r is read once,
// so a failed upload is not retried unless r is an io.Seeker (and the call is
// a POST, which the transport does not retry anyway).
//
// WATS API: POST /api/internal/Blob/Asset
func (in *Internal) UploadFile(ctx context.Context, assetID, name string, r io.Reader) error {
	const op = "asset.Internal.UploadFile"
	if err := checkFile(op, assetID, name, true); err != nil {
		return err
	}
	if r == nil {
		return errs.Invalid(op, "body", "no file content given")
	}
	_, err := in.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodPost, Route: "/api/internal/Blob/Asset",
		Query: url.Values{"assetId": {assetID}, "filename": {name}},
		Body:  r, ContentType: "application/octet-stream",
	})
	return err
}

// DownloadFile streams the asset file name into w and returns the number of
// bytes written. The server may answer raw bytes or a JSON object with the
// bytes Base64-encoded in "content" (the document does not say which):
// raw answers stream straight through; only an answer that starts like that
// JSON envelope is held in memory, and it is decoded when the Content-Type
// confirms JSON (otherwise the held bytes are written as they came).
//
// WATS API: GET /api/internal/Blob/Asset
func (in *Internal) DownloadFile(ctx context.Context, assetID, name string, w io.Writer) (int64, error) {
	const op = "asset.Internal.DownloadFile"
	if err := checkFile(op, assetID, name, true); err != nil {
		return 0, err
	}
	if w == nil {
		return 0, errs.Invalid(op, "w", "no destination writer given")
	}
	sw := &envelopeSniffer{dst: w}
	// A download cut short can be retried only if what reached w can be
	// dropped, so the sniffer offers Reset exactly when w has one.
	var out io.Writer = sw
	if _, ok := w.(interface{ Reset() }); ok {
		out = resettableSniffer{sw}
	}
	resp, err := in.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: "/api/internal/Blob/Asset",
		Query:  url.Values{"assetId": {assetID}, "filename": {name}},
		Output: out, Accept: "application/octet-stream, application/json;q=0.9",
	})
	if err != nil {
		return sw.written, err
	}
	var ctype string
	if resp != nil {
		ctype, _, _ = mime.ParseMediaType(resp.Header.Get("Content-Type"))
	}
	return sw.finish(op, ctype == "application/json" || strings.HasSuffix(ctype, "+json"))
}

// envelopeSniffer passes bytes through unless the body starts with
// {"content" / {"Content", in which case it holds them for finish.
type envelopeSniffer struct {
	dst     io.Writer
	head    []byte // bytes seen before the decision
	decided bool
	holding bool
	held    bytes.Buffer
	written int64
}

const sniffLen = 16

// resettableSniffer lets the transport restart a download into a
// destination that can be emptied (e.g. *bytes.Buffer).
type resettableSniffer struct{ *envelopeSniffer }

// Reset forgets everything seen so far and empties the destination.
func (r resettableSniffer) Reset() {
	e := r.envelopeSniffer
	e.dst.(interface{ Reset() }).Reset()
	e.head, e.decided, e.holding, e.written = nil, false, false, 0
	e.held.Reset()
}

// Write passes p on, or holds it while the envelope decision is pending.
func (e *envelopeSniffer) Write(p []byte) (int, error) {
	if e.decided {
		if e.holding {
			return e.held.Write(p)
		}
		n, err := e.dst.Write(p)
		e.written += int64(n)
		return n, err
	}
	e.head = append(e.head, p...)
	if len(e.head) < sniffLen {
		return len(p), nil
	}
	if err := e.decide(); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (e *envelopeSniffer) decide() error {
	e.decided = true
	t := bytes.TrimLeft(e.head, " \t\r\n")
	e.holding = bytes.HasPrefix(t, []byte(`{"content"`)) || bytes.HasPrefix(t, []byte(`{"Content"`)) ||
		(len(t) < len(`{"content"`) && len(t) > 0 && t[0] == '{') // too short to tell: hold it
	head := e.head
	e.head = nil
	if e.holding {
		e.held.Write(head)
		return nil
	}
	n, err := e.dst.Write(head)
	e.written += int64(n)
	return err
}

func (e *envelopeSniffer) finish(op string, isJSON bool) (int64, error) {
	if !e.decided {
		if err := e.decide(); err != nil {
			return e.written, err
		}
	}
	if !e.holding {
		return e.written, nil
	}
	if isJSON {
		var env struct {
			Content *string `json:"content"`
		}
		if err := json.Unmarshal(e.held.Bytes(), &env); err == nil && env.Content != nil {
			data, err := base64.StdEncoding.DecodeString(*env.Content)
			if err != nil {
				return 0, fmt.Errorf("%s: decode Base64 file content: %w", op, err)
			}
			n, err := e.dst.Write(data)
			e.written += int64(n)
			return e.written, err
		}
	}
	n, err := e.dst.Write(e.held.Bytes())
	e.written += int64(n)
	return e.written, err
}

// ListFiles returns the names of the files stored for an asset. Elements
// are read as strings; an element that is an object is read by its
// name/fileName/filename member.
//
// WATS API: GET /api/internal/Blob/Asset/List/{assetId}
func (in *Internal) ListFiles(ctx context.Context, assetID string) ([]string, error) {
	const op = "asset.Internal.ListFiles"
	if err := checkFile(op, assetID, "", false); err != nil {
		return nil, err
	}
	var raw []json.RawMessage
	_, err := in.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: "/api/internal/Blob/Asset/List/{assetId}",
		PathParams: map[string]string{"assetId": assetID}, Result: &raw,
	})
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(raw))
	for i, r := range raw {
		var s string
		if json.Unmarshal(r, &s) == nil {
			names = append(names, s)
			continue
		}
		var obj struct {
			Name     string `json:"name"`
			FileName string `json:"fileName"`
		}
		if err := json.Unmarshal(r, &obj); err != nil {
			return nil, fmt.Errorf("%s: element %d is neither a name nor an object: %s", op, i, r)
		}
		if obj.FileName != "" {
			names = append(names, obj.FileName)
		} else {
			names = append(names, obj.Name)
		}
	}
	return names, nil
}

// DeleteFiles deletes the named files of an asset; the names travel as a
// JSON array body, the documented filenames parameter.
//
// WATS API: DELETE /api/internal/Blob/Assets
func (in *Internal) DeleteFiles(ctx context.Context, assetID string, names ...string) error {
	const op = "asset.Internal.DeleteFiles"
	v := &errs.ValidationError{Op: op}
	if strings.TrimSpace(assetID) == "" {
		v.Add("assetId", "required", "asset id is empty")
	}
	if len(names) == 0 {
		v.Add("filenames", "min=1", "no file names given")
	}
	for i, n := range names {
		if strings.TrimSpace(n) == "" {
			v.Add(fmt.Sprintf("filenames[%d]", i), "required", "file name is empty")
		}
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	_, err := in.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodDelete, Route: "/api/internal/Blob/Assets",
		Query: url.Values{"assetId": {assetID}}, JSON: names,
	})
	return err
}
