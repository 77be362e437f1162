package watstest

import (
	"archive/zip"
	"encoding/base64"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// Attachments (R7–R9). Every attachment of a stored report gets a global
// integer id when the report is stored: UUT step attachments (step
// "attachment"), UUR report binaryData[] and UUR failure attachments[].
// R7 finds one by attachmentId, or by stepId (the step id inside the most
// recently stored report that has an attachment on such a step) — the real
// server's id types are unverified.

type storedAttachment struct {
	ID          int64
	ReportID    string
	StepID      string // "" for UUR attachments
	Name        string
	ContentType string
	Data        []byte
}

type attachmentIndex struct {
	next     int64
	byID     map[int64]*storedAttachment
	byReport map[string][]*storedAttachment
}

func newAttachmentIndex() attachmentIndex {
	return attachmentIndex{byID: map[int64]*storedAttachment{}, byReport: map[string][]*storedAttachment{}}
}

// index records r's attachments; called with the store locked.
func (ix *attachmentIndex) index(r *storedReport) {
	add := func(stepID string, m map[string]any) {
		data, err := base64.StdEncoding.DecodeString(fmt.Sprint(m["data"]))
		if err != nil {
			data = nil // kept listed, with no content, as the server would store what it could
		}
		ix.next++
		name, _ := m["name"].(string)
		ct, _ := m["contentType"].(string)
		a := &storedAttachment{ID: ix.next, ReportID: r.ID, StepID: stepID, Name: name, ContentType: ct, Data: data}
		ix.byID[a.ID] = a
		ix.byReport[r.ID] = append(ix.byReport[r.ID], a)
	}
	if root, ok := r.Doc["root"].(map[string]any); ok {
		walkSteps(root, func(step map[string]any) {
			if a, ok := step["attachment"].(map[string]any); ok {
				id := ""
				if n, ok := step["id"]; ok {
					id = fmt.Sprint(n)
				}
				add(id, a)
			}
		})
	}
	for _, bd := range objects(r.Doc["binaryData"]) {
		add("", bd)
	}
	for _, su := range objects(r.Doc["subUnits"]) {
		for _, f := range objects(su["failures"]) {
			for _, a := range objects(f["attachments"]) {
				add("", a)
			}
		}
	}
}

// remove forgets the attachments of report id; called with the store locked.
func (ix *attachmentIndex) remove(id string) {
	for _, a := range ix.byReport[id] {
		delete(ix.byID, a.ID)
	}
	delete(ix.byReport, id)
}

// metadata lists a report's attachments as AttachmentMetadata rows (the
// probable shape of the attachments expansion, report.md §3.5).
func (ix *attachmentIndex) metadata(id string) []map[string]any {
	var out []map[string]any
	for _, a := range ix.byReport[id] {
		out = append(out, map[string]any{
			"attachmentId": float64(a.ID), "fileName": a.Name, "mimeType": a.ContentType, "size": float64(len(a.Data)),
		})
	}
	return out
}

func (e *Emulator) getAttachment(w http.ResponseWriter, r *http.Request, _ Params) {
	attID, stepID := query(r, "attachmentId"), query(r, "stepId")
	if attID == "" && stepID == "" {
		writeError(w, http.StatusBadRequest, "Either attachmentId or stepId is required.")
		return
	}
	s := e.reports
	s.mu.RLock()
	var found *storedAttachment
	if attID != "" {
		n, err := strconv.ParseInt(attID, 10, 64)
		if err != nil {
			s.mu.RUnlock()
			writeError(w, http.StatusBadRequest, "The value '%s' is not valid for attachmentId.", attID)
			return
		}
		found = s.att.byID[n]
		if found != nil && stepID != "" && found.StepID != stepID {
			found = nil
		}
	} else {
		for i := len(s.ordered) - 1; i >= 0 && found == nil; i-- {
			for _, a := range s.att.byReport[s.ordered[i].ID] {
				if a.StepID == stepID {
					found = a
					break
				}
			}
		}
	}
	s.mu.RUnlock()
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

// getAttachmentsZip answers R8 with a ZIP of every attachment of a report,
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

// getCertificate answers R9. The real format is unverified (probably PDF);
// the emulator sends a plain-text stand-in naming the report.
func (e *Emulator) getCertificate(w http.ResponseWriter, r *http.Request, p Params) {
	rep, ok := e.lookupReport(w, p.Get("id"))
	if !ok {
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "certificate-" + rep.ID + ".txt"}))
	fmt.Fprintf(w, "watstest certificate\nreport %s\nunit %s / %s rev %s\nresult %s\n",
		rep.ID, strings.TrimSpace(rep.PartNumber), rep.SerialNumber, rep.Revision, rep.Result)
}
