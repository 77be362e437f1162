package watstest

import (
	"archive/zip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/internal/guid"
)

// Report attachments. A UUT attachment hangs on a step and is named by the
// report id and the step id; a UUR attachment (binaryData[] of the report,
// attachments[] of a failure) has a GUID of its own: its "id" when the
// client sent one, else one derived from the report id and its position, the
// same that GET /api/Report/Wsjf/{id} shows.

type storedAttachment struct {
	ReportID    string
	StepID      int    // UUT: id of the carrying step
	ID          string // UUR: attachment GUID ("" for UUT attachments)
	Name        string
	ContentType string
	Data        []byte
}

type attachmentIndex struct {
	byReport map[string][]*storedAttachment
}

func newAttachmentIndex() attachmentIndex {
	return attachmentIndex{byReport: map[string][]*storedAttachment{}}
}

// index records r's attachments; called with the store locked.
func (ix *attachmentIndex) index(r *storedReport) {
	add := func(a *storedAttachment, m map[string]any) {
		data, err := base64.StdEncoding.DecodeString(fmt.Sprint(m["data"]))
		if err != nil {
			data = nil // kept listed, with no content, as the server would store what it could
		}
		a.ReportID, a.Data = r.ID, data
		a.Name, _ = m["name"].(string)
		a.ContentType, _ = m["contentType"].(string)
		ix.byReport[r.ID] = append(ix.byReport[r.ID], a)
	}
	if root, ok := r.Doc["root"].(map[string]any); ok {
		walkSteps(root, func(step map[string]any) {
			if m, ok := step["attachment"].(map[string]any); ok {
				if n, ok := step["id"].(json.Number); ok {
					if id, err := strconv.Atoi(n.String()); err == nil {
						add(&storedAttachment{StepID: id}, m)
					}
				}
			}
		})
	}
	eachUURAttachment(r, func(id string, m map[string]any) { add(&storedAttachment{ID: id}, m) })
}

// eachUURAttachment calls fn with the GUID and entry of every UUR attachment
// of r: binaryData first, then the failures' attachments.
func eachUURAttachment(r *storedReport, fn func(id string, m map[string]any)) {
	if r.Type != "R" {
		return
	}
	n := 0
	visit := func(m map[string]any) {
		id, _ := m["id"].(string)
		if !guid.Valid(id) {
			id = derivedGUID(r.ID, n)
		}
		n++
		fn(strings.ToLower(id), m)
	}
	for _, bd := range objects(r.Doc["binaryData"]) {
		visit(bd)
	}
	for _, su := range objects(r.Doc["subUnits"]) {
		for _, f := range objects(su["failures"]) {
			for _, a := range objects(f["attachments"]) {
				visit(a)
			}
		}
	}
}

// remove forgets the attachments of report id; called with the store locked.
func (ix *attachmentIndex) remove(id string) { delete(ix.byReport, id) }

// headerRows lists a report's attachments as the attachments (UUT: stepId,
// filename) or uurAttachments (UUR: id, filename) expansion.
func (ix *attachmentIndex) headerRows(id string) []map[string]any {
	out := []map[string]any{}
	for _, a := range ix.byReport[id] {
		if a.ID != "" {
			out = append(out, map[string]any{"id": a.ID, "filename": a.Name})
		} else {
			out = append(out, map[string]any{"stepId": float64(a.StepID), "filename": a.Name})
		}
	}
	return out
}

// find returns the attachment of report id named by attachment GUID (UUR)
// or step id (UUT).
func (s *reportState) findAttachment(reportID, attID string, stepID int) *storedAttachment {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, a := range s.att.byReport[reportID] {
		if attID != "" && a.ID == attID || attID == "" && a.ID == "" && a.StepID == stepID {
			return a
		}
	}
	return nil
}

// getAttachment serves GET /api/Report/Attachment: reportId (GUID) is
// required; a UUT attachment is then named by stepId (int), a UUR one by
// attachmentId (GUID).
func (e *Emulator) getAttachment(w http.ResponseWriter, r *http.Request, _ Params) {
	rid, ok := queryLookup(r, "reportId")
	if !ok || rid == "" {
		writeError(w, http.StatusBadRequest, "The reportId parameter is required.")
		return
	}
	rep, ok := e.lookupReport(w, rid)
	if !ok {
		return
	}
	attID, hasAtt := queryLookup(r, "attachmentId")
	if hasAtt && !guid.Valid(attID) {
		writeError(w, http.StatusBadRequest, "The value '%s' is not valid for attachmentId (GUID).", attID)
		return
	}
	step, ok := queryInt(w, r, "stepId", -1)
	if !ok {
		return
	}
	switch {
	case rep.Type == "R" && !hasAtt:
		writeError(w, http.StatusBadRequest, "A repair report's attachment is named by attachmentId.")
		return
	case rep.Type == "T" && step < 0:
		writeError(w, http.StatusBadRequest, "A test report's attachment is named by stepId.")
		return
	case rep.Type == "T":
		attID = ""
	}
	found := e.reports.findAttachment(rep.ID, strings.ToLower(attID), step)
	if found == nil {
		writeError(w, http.StatusNotFound, "The attachment was not found.")
		return
	}
	ct := found.ContentType
	if ct == "" {
		ct = "application/octet-stream"
	}
	w.Header().Set("Content-Type", ct)
	if found.Name != "" {
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": found.Name}))
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(found.Data)))
	_, _ = w.Write(found.Data)
}

// getAttachmentsZip serves GET /api/Report/Attachments/{id} with a ZIP of every attachment of a report,
// written straight to the connection. Duplicate names get a numeric prefix.
func (e *Emulator) getAttachmentsZip(w http.ResponseWriter, r *http.Request, p Params) {
	rep, ok := e.lookupReport(w, p.Get("id"))
	if !ok {
		return
	}
	e.reports.mu.RLock()
	atts := append([]*storedAttachment(nil), e.reports.att.byReport[rep.ID]...)
	e.reports.mu.RUnlock()
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": rep.ID + ".zip"}))
	zw := zip.NewWriter(w)
	used := map[string]bool{}
	for i, a := range atts {
		name := a.Name
		if name == "" {
			name = "attachment"
		}
		if used[name] {
			name = strconv.Itoa(i+1) + "_" + name
		}
		used[name] = true
		f, err := zw.Create(name)
		if err != nil {
			return
		}
		if _, err := f.Write(a.Data); err != nil {
			return
		}
	}
	_ = zw.Close()
}

// getCertificate serves GET /api/Report/Certificate/{id}: a small PDF
// naming the report (the real server renders the whole report).
func (e *Emulator) getCertificate(w http.ResponseWriter, r *http.Request, p Params) {
	rep, ok := e.lookupReport(w, p.Get("id"))
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "application/pdf")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "certificate-" + rep.ID + ".pdf"}))
	_, _ = w.Write(certificatePDF(rep))
}

// certificatePDF renders the emulator's one-page certificate of rep.
func certificatePDF(rep *storedReport) []byte {
	return minimalPDF([]string{
		"watstest certificate",
		"report " + rep.ID,
		fmt.Sprintf("unit %s / %s rev %s", strings.TrimSpace(rep.PartNumber), rep.SerialNumber, rep.Revision),
		"result " + resultWord(rep.Result),
	})
}

// minimalPDF writes a valid one-page PDF showing lines of text.
func minimalPDF(lines []string) []byte {
	var content strings.Builder
	content.WriteString("BT /F1 12 Tf 72 760 Td 16 TL\n")
	for _, l := range lines {
		esc := strings.NewReplacer("\\", "\\\\", "(", "\\(", ")", "\\)").Replace(l)
		content.WriteString("(" + esc + ") Tj T*\n")
	}
	content.WriteString("ET")
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", content.Len(), content.String()),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b strings.Builder
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, xref)
	return []byte(b.String())
}
