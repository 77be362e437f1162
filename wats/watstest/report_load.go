package watstest

import (
	"encoding/xml"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/internal/guid"
)

// Loading reports (GET /api/Report/Wsjf/{id}, GET /api/Report/Wsxf/{id})
// and XML submission (POST /api/Report/WSXF).

// loadWSJF serves GET /api/Report/Wsjf/{id}: the stored document plus what
// a real server adds on read: productName, processCodeFormat, processName
// (from the process table), origin and startUTC at the top, empty miscInfos/subUnits/assets/
// assetStats/additionalData arrays, uut.stepIdCausedUUTFailure, a default
// causedUUTFailure on every step and ids on UUR attachments. Keys the client
// sent are never changed. includeChartdata=false drops step charts and
// includeAttachments=false drops attachment payloads; detailLevel is checked
// (0–7) but does not change the answer.
func (e *Emulator) loadWSJF(w http.ResponseWriter, r *http.Request, p Params) {
	rep, ok := e.lookupReport(w, p.Get("id"))
	if !ok {
		return
	}
	level, ok := queryInt(w, r, "detailLevel", 7)
	if !ok {
		return
	}
	if level < 0 || level > 7 {
		writeError(w, http.StatusBadRequest, "The value '%d' is not valid for detailLevel (0-7).", level)
		return
	}
	charts, ok := queryBool(w, r, "includeChartdata", true)
	if !ok {
		return
	}
	attachments, ok := queryBool(w, r, "includeAttachments", true)
	if !ok {
		return
	}
	e.reports.mu.RLock()
	doc := deepCopy(rep.Doc).(map[string]any)
	e.reports.mu.RUnlock()
	addServerFields(doc, rep, e.processNameOf(rep.ProcessCode))
	if root, ok := doc["root"].(map[string]any); ok {
		walkSteps(root, func(step map[string]any) {
			if _, ok := step["causedUUTFailure"]; !ok {
				step["causedUUTFailure"] = false
			}
			if !charts {
				delete(step, "chart")
			}
			if a, ok := step["attachment"].(map[string]any); ok && !attachments {
				delete(a, "data")
			}
		})
	}
	writeJSON(w, http.StatusOK, doc)
}

// lookupReport finds a report by the id path parameter, answering 400 for a
// malformed id and 404 for an unknown one.
func (e *Emulator) lookupReport(w http.ResponseWriter, id string) (*storedReport, bool) {
	if !guid.Valid(id) {
		writeError(w, http.StatusBadRequest, "The value '%s' is not a valid report id (GUID).", id)
		return nil, false
	}
	rep := e.reports.get(id)
	if rep == nil {
		writeError(w, http.StatusNotFound, "Report %s was not found.", strings.ToLower(id))
		return nil, false
	}
	return rep, true
}

func addServerFields(doc map[string]any, rep *storedReport, processName any) {
	setDefault := func(m map[string]any, k string, v any) {
		if _, ok := m[k]; !ok {
			m[k] = v
		}
	}
	setDefault(doc, "productName", nil)
	setDefault(doc, "processCodeFormat", nil)
	setDefault(doc, "processName", processName)
	setDefault(doc, "origin", "watstest")
	if !rep.Start.IsZero() {
		setDefault(doc, "startUTC", netTime(rep.Start.UTC()))
	}
	for _, k := range []string{"miscInfos", "subUnits", "assets", "assetStats", "additionalData"} {
		setDefault(doc, k, []any{})
	}
	if uut, ok := doc["uut"].(map[string]any); ok {
		var flagged any
		if root, ok := doc["root"].(map[string]any); ok {
			walkSteps(root, func(step map[string]any) {
				if b, _ := step["causedUUTFailure"].(bool); b && flagged == nil {
					flagged = step["id"]
				}
			})
		}
		setDefault(uut, "stepIdCausedUUTFailure", flagged)
	}
	// Stable per report and position, so repeated loads agree and the ids
	// are the ones GET /api/Report/Attachment takes.
	eachUURAttachment(&storedReport{ID: rep.ID, Type: rep.Type, Doc: doc}, func(id string, m map[string]any) {
		if m["id"] == nil {
			m["id"] = id
		}
	})
}

// derivedGUID makes a deterministic GUID from a report id and an index.
func derivedGUID(id string, i int) string {
	suffix := strconv.FormatInt(int64(i+1), 16)
	return id[:36-len(suffix)] + suffix
}

// walkSteps calls fn for step and every step below it, depth first.
func walkSteps(step map[string]any, fn func(map[string]any)) {
	fn(step)
	for _, c := range objects(step["steps"]) {
		walkSteps(c, fn)
	}
}

// deepCopy copies decoded JSON so an answer never aliases stored state.
func deepCopy(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, val := range x {
			m[k] = deepCopy(val)
		}
		return m
	case []any:
		s := make([]any, len(x))
		for i, val := range x {
			s[i] = deepCopy(val)
		}
		return s
	}
	return v
}

// submitWSXF serves POST /api/Report/WSXF. The emulator checks that the body is well-formed
// XML and keeps it byte for byte for R6; it does not convert WSXF into a
// WSJF report (so the report is absent from header queries). The id comes
// from an ID/id/UUID attribute of the root element when that is a GUID.
func (e *Emulator) submitWSXF(w http.ResponseWriter, r *http.Request, _ Params) {
	raw, err := readBody(r, maxReportBody)
	if err != nil {
		writeError(w, http.StatusBadRequest, "could not read the report: %v", err)
		return
	}
	id, err := wsxfID(raw)
	if err != nil {
		writeError(w, http.StatusBadRequest, "The report is not well-formed XML: %v", err)
		return
	}
	e.reports.mu.Lock()
	e.reports.wsxf[id] = raw
	e.reports.seq++
	seq := e.reports.seq
	e.reports.mu.Unlock()
	writeJSON(w, http.StatusOK, submitAnswer{ID: id, UUID: id, ReportID: seq})
}

func wsxfID(raw []byte) (string, error) {
	dec := xml.NewDecoder(strings.NewReader(string(raw)))
	id, root := "", false
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", err
		}
		if se, ok := tok.(xml.StartElement); ok && !root {
			root = true
			for _, a := range se.Attr {
				switch strings.ToLower(a.Name.Local) {
				case "id", "uuid":
					if guid.Valid(a.Value) {
						id = strings.ToLower(a.Value)
					}
				}
			}
		}
	}
	if !root {
		return "", errors.New("no root element")
	}
	if id == "" {
		id = newGUID()
	}
	return id, nil
}

// loadWSXF serves GET /api/Report/Wsxf/{id}: the XML submitted through
// POST /api/Report/WSXF, or for a WSJF report a
// minimal XML rendering of its header (not real WSXF; enough to exercise a
// streaming client).
func (e *Emulator) loadWSXF(w http.ResponseWriter, r *http.Request, p Params) {
	id := p.Get("id")
	if !guid.Valid(id) {
		writeError(w, http.StatusBadRequest, "The value '%s' is not a valid report id (GUID).", id)
		return
	}
	for _, name := range []string{"includeAttachments", "includeChartdata", "includeIndexes"} {
		if _, ok := queryBool(w, r, name, true); !ok {
			return
		}
	}
	if level, ok := queryInt(w, r, "detailLevel", 7); !ok {
		return
	} else if level < 0 || level > 7 {
		writeError(w, http.StatusBadRequest, "The value '%d' is not valid for detailLevel (0-7).", level)
		return
	}
	e.reports.mu.RLock()
	raw, ok := e.reports.wsxf[strings.ToLower(id)]
	e.reports.mu.RUnlock()
	if ok {
		w.Header().Set("Content-Type", "application/xml; charset=utf-8")
		_, _ = w.Write(raw)
		return
	}
	rep, ok := e.lookupReport(w, id)
	if !ok {
		return
	}
	type wsxfHeader struct {
		XMLName      xml.Name `xml:"Report"`
		ID           string   `xml:"ID,attr"`
		Type         string   `xml:"Type,attr"`
		SerialNumber string   `xml:"SN,attr"`
		PartNumber   string   `xml:"PN,attr"`
		Revision     string   `xml:"Rev,attr"`
		Result       string   `xml:"Result,attr"`
		Start        string   `xml:"Start,attr"`
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	_, _ = io.WriteString(w, xml.Header)
	_ = xml.NewEncoder(w).Encode(wsxfHeader{
		ID: rep.ID, Type: rep.Type, SerialNumber: rep.SerialNumber, PartNumber: rep.PartNumber,
		Revision: rep.Revision, Result: rep.Result, Start: netTime(rep.Start),
	})
}
