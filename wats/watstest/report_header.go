package watstest

import (
	"encoding/json"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// Header rows: what GET /api/Report/Query/Header answers for each stored
// report (the ReportHeader model of the server's document), derived from its
// WSJF document. result is written as a word (Passed, Failed, Error,
// Terminated). The route has no report-type parameter: UUT and UUR headers
// are told apart by the reportType member ('T', 'R'), in $filter.

// headerCollections are the expandable members and the members of their
// elements.
var headerCollections = map[string]map[string]bool{
	"subUnits":       setOf("partType", "serialNumber", "partNumber", "revision"),
	"miscInfo":       setOf("description", "value"),
	"assets":         setOf("serialNumber", "runningCount", "runningCountExceeded", "totalCount", "totalCountExceeded", "daysSinceMaintenance", "maintenanceDaysOverdue", "daysSinceCalibration", "calibrationDaysOverdue"),
	"attachments":    setOf("stepId", "filename"),
	"uurSubUnits":    setOf("serialNumber", "partNumber", "revision"),
	"uurMiscInfo":    setOf("description", "value"),
	"uurAttachments": setOf("id", "filename"),
}

var headerSchema = &odataSchema{
	fields: setOf("uuid", "serialNumber", "partNumber", "reportType", "start", "revision", "result",
		"batchNumber", "userName", "stationName", "location", "purpose", "measuresDeleted", "timeStamp",
		"processCode", "processName", "comment", "executionTime", "swFilename", "swVersion",
		"testSocketIndex", "fixtureId", "errorCode", "errorMessage", "run", "receiveCount", "reportSize",
		"causedUutFailure", "causedUutFailurePath", "passedInRun", "referencedUut"),
	collections: headerCollections,
}

func setOf(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

var resultWords = map[string]string{"P": "Passed", "F": "Failed", "E": "Error", "T": "Terminated"}

// resultWord is the header spelling of a WSJF result code.
func resultWord(code string) string {
	if w, ok := resultWords[code]; ok {
		return w
	}
	return code
}

// runInfo is a report's place among the UUT runs of its unit and process.
type runInfo struct{ run, passedInRun int }

// unitRuns numbers the UUT reports of each unit and process by start time
// (run 1, 2, ...) and records the first run that passed.
func unitRuns(reports []*storedReport) map[string]runInfo {
	type key struct {
		sn, pn string
		code   int
	}
	byKey := map[key][]*storedReport{}
	for _, r := range reports {
		if r.Type == "T" {
			k := key{strings.ToLower(r.SerialNumber), strings.ToLower(r.PartNumber), r.ProcessCode}
			byKey[k] = append(byKey[k], r)
		}
	}
	out := map[string]runInfo{}
	for _, rs := range byKey {
		sortByStart(rs)
		passed := 0
		for i, r := range rs {
			if passed == 0 && r.Result == "P" {
				passed = i + 1
			}
			out[r.ID] = runInfo{run: i + 1, passedInRun: passed}
		}
	}
	return out
}

func sortByStart(rs []*storedReport) {
	for i := 1; i < len(rs); i++ {
		for j := i; j > 0 && rs[j].Start.Before(rs[j-1].Start); j-- {
			rs[j], rs[j-1] = rs[j-1], rs[j]
		}
	}
}

// headerRow builds the filterable row of r: every scalar member plus every
// collection (the route drops the ones not expanded). Members a report does
// not carry are null, as a .NET server writes them. procName names a process
// code from the process table (nil when unknown).
func (s *reportState) headerRow(r *storedReport, run runInfo, procName func(int) any) map[string]any {
	doc := r.Doc
	sub, _ := doc["uut"].(map[string]any)
	if r.Type == "R" {
		sub, _ = doc["uur"].(map[string]any)
	}
	row := map[string]any{
		"uuid": r.ID, "serialNumber": r.SerialNumber, "partNumber": r.PartNumber, "reportType": r.Type,
		"revision": r.Revision, "result": resultWord(r.Result), "batchNumber": nil,
		"userName": strField(sub, "user"), "stationName": r.Station,
		"location": strField(doc, "location"), "purpose": strField(doc, "purpose"),
		"measuresDeleted": false, "timeStamp": float64(r.Seq), "processCode": float64(r.ProcessCode),
		"processName": orElse(strField(doc, "processName"), func() any { return procName(r.ProcessCode) }),
		"comment":     strField(sub, "comment"), "executionTime": numField(sub, "execTime"),
		"swFilename": nil, "swVersion": nil, "testSocketIndex": nil, "fixtureId": nil,
		"errorCode": nil, "errorMessage": nil, "run": nil, "receiveCount": float64(r.ReceiveCount),
		"reportSize": float64((len(r.Raw) + 1023) / 1024), "causedUutFailure": nil,
		"causedUutFailurePath": nil, "passedInRun": nil, "referencedUut": nil, "start": nil,
	}
	if !r.Start.IsZero() {
		row["start"] = r.Start
	}
	for _, k := range headerCollectionNames() {
		row[k] = []map[string]any{}
	}
	s.mu.RLock()
	atts := s.att.headerRows(r.ID)
	s.mu.RUnlock()
	if r.Type == "T" {
		row["batchNumber"] = strField(sub, "batchSN")
		row["fixtureId"] = strField(sub, "fixtureId")
		row["testSocketIndex"] = numField(sub, "testSocketIndex")
		row["errorCode"] = numField(sub, "errorCode")
		row["errorMessage"] = strField(sub, "errorMessage")
		if run.run > 0 {
			row["run"] = float64(run.run)
			row["passedInRun"] = float64(run.passedInRun)
		}
		if root, ok := doc["root"].(map[string]any); ok {
			if seq, ok := root["seqCall"].(map[string]any); ok {
				if p, ok := seq["path"].(string); ok && p != "" {
					row["swFilename"] = path.Base(strings.ReplaceAll(p, "\\", "/"))
				}
				row["swVersion"] = strField(seq, "version")
			}
			if trail := failedStepPath(root, nil); trail != nil {
				row["causedUutFailure"] = trail[len(trail)-1]
				row["causedUutFailurePath"] = strings.Join(trail, "¶")
			}
		}
		row["subUnits"] = headerSubUnits(doc, true)
		row["miscInfo"] = headerMisc(doc)
		row["assets"] = headerAssets(doc)
		row["attachments"] = atts
	} else {
		if ref, ok := sub["refUUT"].(string); ok && ref != "" {
			row["referencedUut"] = strings.ToLower(ref)
		}
		row["uurSubUnits"] = headerSubUnits(doc, false)
		row["uurMiscInfo"] = headerMisc(doc)
		row["uurAttachments"] = atts
	}
	return row
}

func headerCollectionNames() []string {
	return []string{"subUnits", "miscInfo", "assets", "attachments", "uurSubUnits", "uurMiscInfo", "uurAttachments"}
}

func headerSubUnits(doc map[string]any, withType bool) []map[string]any {
	out := []map[string]any{}
	for _, su := range objects(doc["subUnits"]) {
		row := map[string]any{"serialNumber": strField(su, "sn"), "partNumber": strField(su, "pn"), "revision": strField(su, "rev")}
		if withType {
			row["partType"] = strField(su, "partType")
		}
		out = append(out, row)
	}
	return out
}

func headerMisc(doc map[string]any) []map[string]any {
	out := []map[string]any{}
	for _, mi := range objects(doc["miscInfos"]) {
		out = append(out, map[string]any{"description": strField(mi, "description"), "value": miscText(mi)})
	}
	return out
}

// miscText is a misc-info entry's value: its text, else its numeric value.
func miscText(mi map[string]any) any {
	if v := strField(mi, "text"); v != nil {
		return v
	}
	if n, ok := mi["numeric"].(json.Number); ok {
		return n.String()
	}
	return nil
}

func headerAssets(doc map[string]any) []map[string]any {
	out := []map[string]any{}
	for _, a := range objects(doc["assets"]) {
		sn := strField(a, "assetSN")
		if sn == nil {
			sn = strField(a, "sn")
		}
		out = append(out, map[string]any{
			"serialNumber": sn, "runningCount": numField(a, "usageCount"), "runningCountExceeded": nil,
			"totalCount": numField(a, "usageCount"), "totalCountExceeded": nil, "daysSinceMaintenance": nil,
			"maintenanceDaysOverdue": nil, "daysSinceCalibration": nil, "calibrationDaysOverdue": nil,
		})
	}
	return out
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
	if p, ok := e.processByCode(code); ok {
		return p.Name
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

// failedStepPath returns the step names from the root down to the first
// step flagged causedUUTFailure, or nil when none is. The header joins
// them with "¶", as WATS writes step paths.
func failedStepPath(step map[string]any, trail []string) []string {
	name, _ := step["name"].(string)
	trail = append(trail, name)
	if b, _ := step["causedUUTFailure"].(bool); b {
		return trail
	}
	for _, c := range objects(step["steps"]) {
		if t := failedStepPath(c, trail); t != nil {
			return t
		}
	}
	return nil
}

// queryHeaders serves GET /api/Report/Query/Header: every stored report's
// header, UUT and UUR alike, through $filter, $orderby, $top, $skip and
// $expand. Unknown query parameters are ignored, as ASP.NET binding does.
func (e *Emulator) queryHeaders(w http.ResponseWriter, r *http.Request, _ Params) {
	expand := map[string]bool{}
	if ex := query(r, "$expand"); ex != "" {
		for _, name := range strings.Split(ex, ",") {
			name = strings.TrimSpace(name)
			if headerCollections[name] == nil {
				writeError(w, http.StatusBadRequest, "The query specified in the URI is not valid. Could not find a property named '%s' on type 'ReportHeader'.", name)
				return
			}
			expand[name] = true
		}
	}
	reports := e.reports.list()
	runs := unitRuns(reports)
	rows := make([]map[string]any, 0, len(reports))
	for _, rep := range reports {
		rows = append(rows, e.reports.headerRow(rep, runs[rep.ID], e.processNameOf))
	}
	rows, ok := odataList(w, r, rows, headerSchema)
	if !ok {
		return
	}
	for _, row := range rows {
		for coll := range headerCollections {
			if !expand[coll] {
				delete(row, coll)
			}
		}
		wireTimes(row)
	}
	writeJSON(w, http.StatusOK, nonNil(rows))
}

// wireTimes replaces the time.Time values of a row by their wire text.
func wireTimes(row map[string]any) {
	for k, v := range row {
		if t, ok := v.(time.Time); ok {
			row[k] = netTime(t)
		}
	}
}

// netTime writes t as a .NET server does: RFC 3339 with the value's own
// offset and at most seven fractional digits.
func netTime(t time.Time) string {
	return t.Truncate(100 * time.Nanosecond).Format("2006-01-02T15:04:05.9999999Z07:00")
}

// queryHeadersByMiscInfo serves GET /api/Report/Query/HeaderByMiscInfo: the
// reports (UUT and UUR) with a misc-info entry matching description and data
// (description case-insensitively, data exactly, no wildcards), narrowed by
// serialNumber and processCode when given. Each row is the short
// WATS_UUTResult with the report's misc data. Without any parameter the
// server would list every report; the emulator answers 400 instead.
func (e *Emulator) queryHeadersByMiscInfo(w http.ResponseWriter, r *http.Request, _ Params) {
	desc, hasDesc := queryLookup(r, "description")
	data, hasData := queryLookup(r, "data")
	sn, hasSN := queryLookup(r, "serialNumber")
	code, ok := queryInt(w, r, "processCode", -1)
	if !ok {
		return
	}
	if !hasDesc && !hasData && !hasSN && code < 0 {
		writeError(w, http.StatusBadRequest, "Give at least one of description, data, serialNumber and processCode.")
		return
	}
	rows := []map[string]any{}
	for _, rep := range e.reports.list() {
		if hasSN && !strings.EqualFold(rep.SerialNumber, sn) || code >= 0 && rep.ProcessCode != code {
			continue
		}
		misc := []map[string]any{}
		hit := !hasDesc && !hasData
		for _, mi := range objects(rep.Doc["miscInfos"]) {
			d, _ := mi["description"].(string)
			v, _ := miscText(mi).(string)
			misc = append(misc, map[string]any{"description": strField(mi, "description"), "data": miscText(mi)})
			if (!hasDesc || strings.EqualFold(d, desc)) && (!hasData || v == data) {
				hit = true
			}
		}
		if !hit {
			continue
		}
		row := map[string]any{
			"uuid": rep.ID, "serialNumber": rep.SerialNumber, "partNumber": rep.PartNumber,
			"start": nil, "result": resultWord(rep.Result), "processCode": rep.ProcessCode,
			"processName": e.processNameOf(rep.ProcessCode), "miscData": misc,
		}
		if !rep.Start.IsZero() {
			row["start"] = netTime(rep.Start)
		}
		rows = append(rows, row)
	}
	writeJSON(w, http.StatusOK, rows)
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
