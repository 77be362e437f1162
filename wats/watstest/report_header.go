package watstest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// Header rows (spec report.md §3): what R1 and R2 answer for each stored
// report, derived from its WSJF document. The emulator writes result as a
// word (Passed, Failed, Error, Terminated), as the C# reference does; which
// form the real server emits is unverified.

var headerSchema = &odataSchema{
	fields: setOf("uuid", "serialNumber", "partNumber", "revision", "batchNumber", "reportType",
		"stationName", "location", "purpose", "processCode", "processName", "result", "start",
		"startUtc", "operator", "comment", "executionTime", "fixtureId", "testSocketIndex",
		"errorCode", "errorMessage", "receiveCount", "referencedUut", "causedUutFailure", "testOperation"),
	collections: map[string]map[string]bool{
		"subUnits":       setOf("serialNumber", "partNumber", "revision", "partType"),
		"uurSubUnits":    setOf("serialNumber", "partNumber", "revision", "partType"),
		"miscInfo":       setOf("description", "value"),
		"uurMiscInfo":    setOf("description", "value"),
		"assets":         setOf("serialNumber", "runningCount", "totalCount"),
		"uurAssets":      setOf("serialNumber", "runningCount", "totalCount"),
		"attachments":    setOf("attachmentId", "fileName", "mimeType", "size"),
		"uurAttachments": setOf("attachmentId", "fileName", "mimeType", "size"),
	},
}

// expandNames lists the $expand names valid per report type (report.md §4.3).
var expandNames = map[string]map[string]bool{
	"T": setOf("subUnits", "miscInfo", "assets", "attachments"),
	"R": setOf("uurSubUnits", "uurMiscInfo", "uurAssets", "uurAttachments"),
}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

var resultWords = map[string]string{"P": "Passed", "F": "Failed", "E": "Error", "T": "Terminated"}

// headerRow builds the filterable row of r: scalar fields plus every
// collection (the route drops the ones not expanded).
// procName names a process code from the emulator's process table (nil
// when unknown), as the server fills processName from its own table.
func (s *reportState) headerRow(r *storedReport, procName func(int) any) map[string]any {
	doc := r.Doc
	sub, _ := doc["uut"].(map[string]any)
	if r.Type == "R" {
		sub, _ = doc["uur"].(map[string]any)
	}
	result := r.Result
	if w, ok := resultWords[result]; ok {
		result = w
	}
	row := map[string]any{
		"uuid": r.ID, "serialNumber": r.SerialNumber, "partNumber": r.PartNumber, "revision": r.Revision,
		"reportType": r.Type, "stationName": r.Station, "processCode": float64(r.ProcessCode),
		"result": result, "receiveCount": float64(r.ReceiveCount),
		"location": strField(doc, "location"), "purpose": strField(doc, "purpose"),
		"processName": orElse(strField(doc, "processName"), func() any { return procName(r.ProcessCode) }),
		"operator":    strField(sub, "user"), "comment": strField(sub, "comment"),
		"executionTime": numField(sub, "execTime"),
	}
	if !r.Start.IsZero() {
		row["start"] = r.Start
		row["startUtc"] = r.Start.UTC()
	}
	prefix := ""
	if r.Type == "T" {
		row["batchNumber"] = strField(sub, "batchSN")
		row["fixtureId"] = strField(sub, "fixtureId")
		row["testSocketIndex"] = numField(sub, "testSocketIndex")
		row["errorCode"] = numField(sub, "errorCode")
		row["errorMessage"] = strField(sub, "errorMessage")
		row["testOperation"] = row["processName"]
		if root, ok := doc["root"].(map[string]any); ok {
			if name := failedStepName(root); name != "" {
				row["causedUutFailure"] = name
			}
		}
	} else {
		prefix = "uur"
		row["referencedUut"] = strField(sub, "refUUT")
	}
	key := func(k string) string {
		if prefix == "" {
			return k
		}
		return prefix + strings.ToUpper(k[:1]) + k[1:]
	}
	var subUnits, misc, assets []map[string]any
	for _, su := range objects(doc["subUnits"]) {
		subUnits = append(subUnits, map[string]any{
			"serialNumber": strField(su, "sn"), "partNumber": strField(su, "pn"),
			"revision": strField(su, "rev"), "partType": strField(su, "partType"),
		})
	}
	for _, mi := range objects(doc["miscInfos"]) {
		v := strField(mi, "text")
		if v == nil {
			if n, ok := mi["numeric"].(json.Number); ok {
				v = n.String()
			}
		}
		misc = append(misc, map[string]any{"description": strField(mi, "description"), "value": v})
	}
	for _, a := range objects(doc["assets"]) {
		sn := strField(a, "assetSN")
		if sn == nil {
			sn = strField(a, "sn")
		}
		assets = append(assets, map[string]any{"serialNumber": sn, "runningCount": numField(a, "usageCount"), "totalCount": numField(a, "usageCount")})
	}
	row[key("subUnits")] = nonNil(subUnits)
	row[key("miscInfo")] = nonNil(misc)
	row[key("assets")] = nonNil(assets)
	s.mu.RLock()
	atts := s.att.metadata(r.ID)
	s.mu.RUnlock()
	row[key("attachments")] = nonNil(atts)
	return row
}

// orElse returns v, or alt() when v is nil.
func orElse(v any, alt func() any) any {
	if v != nil {
		return v
	}
	return alt()
}

// processNameOf returns the name of process code from the process table,
// or nil when the table has no such code.
func (e *Emulator) processNameOf(code int) any {
	for _, p := range e.processes.all() {
		if p.Code == code {
			return p.Name
		}
	}
	return nil
}

func nonNil(v []map[string]any) []map[string]any {
	if v == nil {
		return []map[string]any{}
	}
	return v
}

// strField returns m[k] when it is a non-empty string, else nil (null).
func strField(m map[string]any, k string) any {
	if s, ok := m[k].(string); ok && s != "" {
		return s
	}
	return nil
}

// numField returns m[k] as float64 when it is a number, else nil.
func numField(m map[string]any, k string) any {
	if n, ok := m[k].(json.Number); ok {
		if f, err := n.Float64(); err == nil {
			return f
		}
	}
	return nil
}

func objects(v any) []map[string]any {
	arr, _ := v.([]any)
	out := make([]map[string]any, 0, len(arr))
	for _, x := range arr {
		if m, ok := x.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// failedStepName finds the first step flagged causedUUTFailure.
func failedStepName(step map[string]any) string {
	if b, _ := step["causedUUTFailure"].(bool); b {
		s, _ := step["name"].(string)
		return s
	}
	for _, c := range objects(step["steps"]) {
		if n := failedStepName(c); n != "" {
			return n
		}
	}
	return ""
}

// queryHeaders answers R1. reportType U (or T) selects UUT headers, R UUR
// headers; without it both kinds are searched (the emulator's choice, so a
// $filter on reportType works as in the C# reference).
func (e *Emulator) queryHeaders(w http.ResponseWriter, r *http.Request, _ Params) {
	var types []string
	switch rt := strings.ToUpper(query(r, "reportType")); rt {
	case "":
		types = []string{"T", "R"}
	case "U", "T":
		types = []string{"T"}
	case "R":
		types = []string{"R"}
	default:
		writeError(w, http.StatusBadRequest, "The value '%s' is not valid for reportType (U or R).", query(r, "reportType"))
		return
	}
	expand := map[string]bool{}
	if ex := query(r, "$expand"); ex != "" {
		for _, name := range strings.Split(ex, ",") {
			name = strings.TrimSpace(name)
			ok := false
			for _, t := range types {
				ok = ok || expandNames[t][name]
			}
			if !ok {
				writeError(w, http.StatusBadRequest, "The query specified in the URI is not valid. Could not find a property named '%s' to expand.", name)
				return
			}
			expand[name] = true
		}
	}
	var rows []map[string]any
	for _, rep := range e.reports.list() {
		if slices.Contains(types, rep.Type) {
			rows = append(rows, e.reports.headerRow(rep, e.processNameOf))
		}
	}
	rows, ok := odataList(w, r, rows, headerSchema)
	if !ok {
		return
	}
	for _, row := range rows {
		for coll := range headerSchema.collections {
			if !expand[coll] {
				delete(row, coll)
			}
		}
	}
	writeJSON(w, http.StatusOK, nonNil(rows))
}

// queryNonNegative reads an optional non-negative integer parameter (-1
// when absent), answering 400 when it is malformed or negative.
func queryNonNegative(w http.ResponseWriter, r *http.Request, name string) (int, bool) {
	s, present := queryLookup(r, name)
	if !present || s == "" {
		return -1, true
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 {
		writeError(w, http.StatusBadRequest, "The query specified in the URI is not valid. %s must be a non-negative integer, got '%s'.", name, s)
		return 0, false
	}
	return n, true
}

// queryHeadersByMiscInfo answers R2. The emulator's choices (unverified on a
// real server): UUT and UUR reports are both searched, the description
// matches case-insensitively, the value exactly, and no wildcards.
func (e *Emulator) queryHeadersByMiscInfo(w http.ResponseWriter, r *http.Request, _ Params) {
	desc, ok := queryLookup(r, "description")
	if !ok || desc == "" {
		writeError(w, http.StatusBadRequest, "The description parameter is required.")
		return
	}
	value, ok := queryLookup(r, "stringValue")
	if !ok {
		writeError(w, http.StatusBadRequest, "The stringValue parameter is required.")
		return
	}
	top, ok := queryNonNegative(w, r, "$top")
	if !ok {
		return
	}
	rows := []map[string]any{}
	for _, rep := range e.reports.list() {
		hit := false
		for _, mi := range objects(rep.Doc["miscInfos"]) {
			d, _ := mi["description"].(string)
			t, _ := mi["text"].(string)
			if n, isNum := mi["numeric"].(json.Number); t == "" && isNum {
				t = n.String()
			}
			if strings.EqualFold(d, desc) && t == value {
				hit = true
				break
			}
		}
		if !hit {
			continue
		}
		row := e.reports.headerRow(rep, e.processNameOf)
		for coll := range headerSchema.collections {
			delete(row, coll)
		}
		rows = append(rows, row)
	}
	writeJSON(w, http.StatusOK, nonNil(pageOf(rows, top, 0)))
}
