package watstest

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/watsgo/sdk/internal/wiretime"
)

func (e *Emulator) installAnalytics() {
	e.installAnalyticsYield()
	e.handle(http.MethodPost, "/api/App/TopFailed", e.serveTopFailedPost)
	e.handle(http.MethodGet, "/api/App/TopFailed", e.serveTopFailedGet)
	e.handle(http.MethodPost, "/api/App/TestStepAnalysis", e.serveStepAnalysis)
	e.handle(http.MethodPost, "/api/App/Measurements", e.serveMeasurements(false))
	e.handle(http.MethodPost, "/api/App/AggregatedMeasurements", e.serveMeasurements(true))
	e.handle(http.MethodPost, "/api/App/OeeAnalysis", e.serveOEE)
	e.handle(http.MethodPost, "/api/App/SerialNumberHistory", e.serveSerialNumberHistory)
	e.handle(http.MethodPost, "/api/App/UutReport", e.serveHeaders("T"))
	e.handle(http.MethodGet, "/api/App/UutReport", e.serveHeadersGet)
	e.handle(http.MethodPost, "/api/App/UurReport", e.serveHeaders("R"))
	e.handle(http.MethodPost, "/api/App/DynamicRepair", e.serveDynamicRepair)
	e.handle(http.MethodGet, "/api/App/RelatedRepairHistory", e.serveRepairHistory)

	e.handle(http.MethodPost, "/api/internal/UnitFlow", e.serveUnitFlow)
	for _, part := range []string{"Links", "Nodes", "Units"} {
		e.handle(http.MethodGet, "/api/internal/UnitFlow/"+part, e.serveUnitFlowPart(strings.ToLower(part)))
	}
	e.handle(http.MethodPost, "/api/internal/UnitFlow/SN", e.serveUnitFlowSerialNumbers)
	e.handle(http.MethodPost, "/api/internal/UnitFlow/SplitBy", e.serveUnitFlowSplitBy)
	e.handle(http.MethodPost, "/api/internal/UnitFlow/UnitOrder", e.serveUnitFlowUnitOrder)
	e.handle(http.MethodGet, "/api/internal/App/MeasurementList", e.serveMeasurementList)
	e.handle(http.MethodPost, "/api/internal/App/MeasurementList", e.serveMeasurementList)
	e.handle(http.MethodGet, "/api/internal/App/AggregatedMeasurements", e.serveInternalAggregated)
	e.handle(http.MethodPost, "/api/internal/App/AggregatedMeasurements", e.serveInternalAggregated)
	e.handle(http.MethodGet, "/api/internal/App/StepStatusList", e.serveStepStatusList)
	e.handle(http.MethodPost, "/api/internal/App/StepStatusList", e.serveStepStatusList)
	e.handle(http.MethodGet, "/api/internal/App/TopFailed", e.serveTopFailedGet)
	e.handle(http.MethodPost, "/api/internal/App/TopFailed", e.serveTopFailedPost)
	e.handle(http.MethodPost, "/api/internal/Trigger/GetAlarmAndNotificationLogs", e.serveAlarmLogs)
}

// serveSerialNumberHistory serves POST /api/App/SerialNumberHistory: the
// headers of every matching report, oldest first.
func (e *Emulator) serveSerialNumberHistory(w http.ResponseWriter, r *http.Request, _ Params) {
	if q, ok := e.readAnFilter(w, r); ok {
		writeJSON(w, http.StatusOK, e.anHeaders(e.anReports(q, ""), 0, false))
	}
}

// serveUnitFlow serves POST /api/internal/UnitFlow.
func (e *Emulator) serveUnitFlow(w http.ResponseWriter, r *http.Request, _ Params) {
	if q, ok := e.readAnFilter(w, r); ok {
		writeJSON(w, http.StatusOK, e.anUnitFlow(q))
	}
}

// serveUnitFlowPart serves GET /api/internal/UnitFlow/{Links,Nodes,Units}:
// one part of the flow for a filter sent as JSON text in the query.
func (e *Emulator) serveUnitFlowPart(part string) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, _ Params) {
		raw := query(r, "filter")
		if raw == "" {
			writeError(w, http.StatusBadRequest, "The filter parameter is required.")
			return
		}
		var f anFilter
		if err := json.Unmarshal([]byte(raw), &f); err != nil {
			writeError(w, http.StatusBadRequest, "The filter parameter must be a JSON filter: %v", err)
			return
		}
		q, msg := e.compileAnFilter(f)
		if msg != "" {
			writeError(w, http.StatusBadRequest, "%s", msg)
			return
		}
		writeJSON(w, http.StatusOK, e.anUnitFlow(q)[part])
	}
}

// serveUnitFlowSerialNumbers serves POST /api/internal/UnitFlow/SN: the
// serial and part numbers of the given unit ids.
func (e *Emulator) serveUnitFlowSerialNumbers(w http.ResponseWriter, r *http.Request, _ Params) {
	var ids []int
	if !readJSON(w, r, &ids) {
		return
	}
	q, _ := e.compileAnFilter(anFilter{})
	units, _ := e.anUnitFlow(q)["units"].([]map[string]any)
	want := map[int]bool{}
	for _, id := range ids {
		want[id] = true
	}
	out := []map[string]any{}
	for _, u := range units {
		if want[u["unitId"].(int)] {
			out = append(out, map[string]any{"unitId": u["unitId"], "serialNumber": u["serialNumber"], "partNumber": u["partNumber"]})
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// serveUnitFlowSplitBy serves POST /api/internal/UnitFlow/SplitBy: unit
// counts per test operation and station.
func (e *Emulator) serveUnitFlowSplitBy(w http.ResponseWriter, r *http.Request, _ Params) {
	q, ok := e.readAnFilter(w, r)
	if !ok {
		return
	}
	dims := []string{"testOperation", "stationName"}
	groups := e.anYield(q, dims)
	rows := anRows(groups, dims, []string{"unitCount", "fpCount", "lpCount"},
		[]anItem{{name: "testOperation"}, {name: "stationName"}}, q, "unitCount")
	writeJSON(w, http.StatusOK, rows)
}

// serveUnitFlowUnitOrder serves POST /api/internal/UnitFlow/UnitOrder:
// the emulator only counts the units it was sent.
func (e *Emulator) serveUnitFlowUnitOrder(w http.ResponseWriter, r *http.Request, _ Params) {
	var units []map[string]any
	if !readJSON(w, r, &units) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"count": len(units)})
}

// anHeader renders a stored report as a report header.
func anHeader(r *storedReport, run int, names map[int]string) map[string]any {
	h := map[string]any{"uuid": r.ID, "serialNumber": r.SerialNumber, "partNumber": r.PartNumber, "revision": r.Revision,
		"reportType": r.Type, "stationName": r.Station, "location": anDocStr(r.Doc, "location"), "purpose": anDocStr(r.Doc, "purpose"),
		"processCode": r.ProcessCode, "processName": anProcessName(r, names), "result": anResultWord(r.Result),
		"startUtc": wireTime(r.Start), "start": anDocStr(r.Doc, "start")}
	if r.Type == "T" {
		h["batchNumber"] = anDocStr(r.Doc, "uut", "batchSN")
		h["userName"] = anDocStr(r.Doc, "uut", "user")
		h["testOperation"] = anOperation(r, names)
		if t, ok := anDocNum(r.Doc, "uut", "execTime"); ok {
			h["executionTime"] = t
		}
		h["run"] = run
		name, path := anCausedFailure(r)
		if name != "" {
			h["causedUutFailure"], h["causedUutFailurePath"] = name, path
		}
	} else {
		h["userName"] = anDocStr(r.Doc, "uur", "user")
		h["referencedUut"] = anDocStr(r.Doc, "uur", "refUUT")
	}
	return h
}

// anProcessName names the report's own process code (the repair operation
// for a UUR): the processName it carries, else the process table's.
func anProcessName(r *storedReport, names map[int]string) string {
	if s := anDocStr(r.Doc, "processName"); s != "" {
		return s
	}
	if n, ok := names[r.ProcessCode]; ok {
		return n
	}
	return strconv.Itoa(r.ProcessCode)
}

// anHeaders renders reports (oldest first) as headers with run numbers;
// newestFirst reverses, top > 0 cuts.
func (e *Emulator) anHeaders(reports []*storedReport, top int, newestFirst bool) []map[string]any {
	runs := map[anUnitKey]int{}
	names := e.anNames()
	out := make([]map[string]any, 0, len(reports))
	for _, r := range reports {
		run := 0
		if r.Type == "T" {
			k := anUnitKey{r.PartNumber, r.SerialNumber, anOperation(r, names)}
			runs[k]++
			run = runs[k]
		}
		out = append(out, anHeader(r, run, names))
	}
	if newestFirst {
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
	}
	if top > 0 && len(out) > top {
		out = out[:top]
	}
	return out
}

func (e *Emulator) serveHeaders(typ string) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, _ Params) {
		q, ok := e.readAnFilter(w, r)
		if !ok {
			return
		}
		top := 1000
		if q.f.TopCount != nil && *q.f.TopCount > 0 {
			top = *q.f.TopCount
		}
		writeJSON(w, http.StatusOK, e.anHeaders(e.anReports(q, typ), top, true))
	}
}

func (e *Emulator) serveHeadersGet(w http.ResponseWriter, r *http.Request, _ Params) {
	f := anFilter{SerialNumber: query(r, "serialNumber"), PartNumber: query(r, "partNumber"), Revision: query(r, "revision"),
		BatchNumber: query(r, "batchNumber"), StationName: query(r, "stationName"), TestOperation: query(r, "testOperation"),
		Status: query(r, "status")}
	if s := query(r, "dateFrom"); s != "" {
		f.DateFrom = &s
	}
	if s := query(r, "dateTo"); s != "" {
		f.DateTo = &s
	}
	q, msg := e.compileAnFilter(f)
	if msg != "" {
		writeError(w, http.StatusBadRequest, "%s", msg)
		return
	}
	writeJSON(w, http.StatusOK, e.anHeaders(e.anReports(q, "T"), 1000, true))
}

func (e *Emulator) serveOEE(w http.ResponseWriter, r *http.Request, _ Params) {
	raw := query(r, "availableTime")
	parts := strings.Split(raw, ",")
	if raw == "" || len(parts) != 7 {
		writeError(w, http.StatusBadRequest, "The availableTime parameter is required: seven comma-separated hours, one per weekday.")
		return
	}
	var hours [7]float64
	for i, p := range parts {
		h, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
		if err != nil || h < 0 || h > 24 {
			writeError(w, http.StatusBadRequest, "availableTime value '%s' is not a number of hours 0..24.", p)
			return
		}
		hours[i] = h
	}
	target, ok := queryInt(w, r, "targetOutput", 0)
	if !ok {
		return
	}
	q, ok := e.readAnFilter(w, r)
	if !ok {
		return
	}
	reports := e.anReports(q, "T")
	from, to := q.from, q.to
	if len(reports) > 0 {
		if from.IsZero() {
			from = reports[0].Start
		}
		if to.IsZero() {
			to = reports[len(reports)-1].Start
		}
	}
	var planned float64 // minutes
	if !from.IsZero() {
		for d := anPeriodStart(from, 4); !d.After(to); d = d.AddDate(0, 0, 1) {
			planned += hours[(int(d.Weekday())+6)%7] * 60
		}
	}
	good, run, ideal := 0, 0.0, math.Inf(1)
	for _, rep := range reports {
		if rep.Result == "P" {
			good++
		}
		if t, ok := anDocNum(rep.Doc, "uut", "execTime"); ok {
			run += t / 60
			ideal = math.Min(ideal, t/60)
		}
	}
	total := len(reports)
	out := map[string]any{"totalCount": total, "goodCount": good, "rejectCount": total - good,
		"plannedProductionTime": planned, "totalTime": planned, "runTime": run, "downTime": math.Max(planned-run, 0)}
	if planned > 0 && total > 0 {
		avail := math.Min(100*run/planned, 100)
		perf := 100.0
		switch {
		case target > 0:
			perf = 100 * float64(total) / float64(target)
		case run > 0 && !math.IsInf(ideal, 1):
			perf = 100 * ideal * float64(total) / run
			out["idealCycleTime"], out["actualCycleTime"] = ideal, run/float64(total)
		}
		qual := 100 * float64(good) / float64(total)
		out["availability"], out["performance"], out["quality"] = avail, perf, qual
		out["oee"] = avail * perf * qual / 10000
	}
	if q.f.PartNumber != "" {
		out["partNumber"] = q.f.PartNumber
	}
	if q.f.StationName != "" {
		out["stationName"] = q.f.StationName
	}
	writeJSON(w, http.StatusOK, out)
}

// anFailures lists the failures of a UUR report's sub-units.
func anFailures(r *storedReport) []map[string]any {
	var out []map[string]any
	subs, _ := r.Doc["subUnits"].([]any)
	for _, s := range subs {
		sm, _ := s.(map[string]any)
		fails, _ := sm["failures"].([]any)
		for _, f := range fails {
			if fm, ok := f.(map[string]any); ok {
				out = append(out, fm)
			}
		}
	}
	return out
}

var anRepairDims = map[string]bool{}

var anFailureDims = map[string]string{"repairCode": "code", "repairCategory": "category", "componentRef": "comRef",
	"componentNumber": "artNumber", "componentRevision": "artRev", "componentVendor": "artVendor",
	"componentDescription": "artDescription", "functionBlock": "funcBlock", "referencedStep": "refStepName"}

func init() {
	for _, d := range strings.Split("partNumber revision productName productGroup unitType repairOperation period level stationName location purpose operator miscInfoDescription miscInfoString repairCode repairCategory repairType componentRef componentNumber componentRevision componentVendor componentDescription functionBlock referencedStep referencedStepPath testOperation testPeriod testLevel testStationName testLocation testPurpose testOperator batchNumber swFilename swVersion", " ") {
		anRepairDims[d] = true
	}
}

func (e *Emulator) serveDynamicRepair(w http.ResponseWriter, r *http.Request, _ Params) {
	q, ok := e.readAnFilter(w, r)
	if !ok {
		return
	}
	items, msg := anParseDims(anDimsFor(r, q, "repairCount desc;repairReportCount desc;partNumber;repairOperation"),
		anRepairDims, map[string]bool{"repairCount": true, "repairReportCount": true})
	if msg != "" {
		writeError(w, http.StatusBadRequest, "%s", msg)
		return
	}
	var dims, kpis []string
	perFailure := false
	for _, it := range items {
		switch {
		case it.kpi:
			kpis = append(kpis, it.name)
		default:
			dims = append(dims, it.name)
			if _, ok := anFailureDims[it.name]; ok {
				perFailure = true
			}
		}
		if (it.name == "period" || it.name == "testPeriod") && q.grouping < 0 {
			writeError(w, http.StatusBadRequest, "The %s dimension needs dateGrouping.", it.name)
			return
		}
	}
	if len(kpis) == 0 {
		kpis = []string{"repairReportCount", "repairCount"}
	}
	type acc struct {
		vals    []any
		reports map[string]bool
		repairs int
	}
	groups := map[string]*acc{}
	var order []*acc
	add := func(rep *storedReport, fail map[string]any) *acc {
		vals := make([]any, len(dims))
		var key strings.Builder
		for i, d := range dims {
			switch {
			case anFailureDims[d] != "":
				vals[i] = anDocStr(fail, anFailureDims[d])
			case d == "repairOperation":
				vals[i] = anProcessName(rep, q.names)
			case d == "testOperation":
				vals[i] = q.op(rep)
			default:
				// Test-side dimensions (testStationName, ...) would come from
				// the repaired UUT; the emulator answers the repair's own.
				name := d
				if rest := strings.TrimPrefix(d, "test"); rest != d && rest != "" {
					name = strings.ToLower(rest[:1]) + rest[1:]
				}
				vals[i] = anDimValue(q, rep, name)
			}
			key.WriteString(anText(vals[i]))
			key.WriteByte(0)
		}
		a, ok := groups[key.String()]
		if !ok {
			a = &acc{vals: vals, reports: map[string]bool{}}
			groups[key.String()] = a
			order = append(order, a)
		}
		a.reports[rep.ID] = true
		return a
	}
	for _, rep := range e.anReports(q, "R") {
		fails := anFailures(rep)
		if !perFailure || len(fails) == 0 {
			// A repair without failures still counts as a repair report.
			add(rep, map[string]any{}).repairs += len(fails)
			continue
		}
		for _, f := range fails {
			add(rep, f).repairs++
		}
	}
	rows := make([]map[string]any, 0, len(order))
	for _, a := range order {
		row := map[string]any{}
		for i, d := range dims {
			row[d] = a.vals[i]
		}
		for _, k := range kpis {
			if k == "repairCount" {
				row[k] = a.repairs
			} else {
				row[k] = len(a.reports)
			}
		}
		rows = append(rows, row)
	}
	anSortRows(rows, items)
	if q.f.TopCount != nil && *q.f.TopCount > 0 && len(rows) > *q.f.TopCount {
		rows = rows[:*q.f.TopCount]
	}
	writeJSON(w, http.StatusOK, rows)
}

func (e *Emulator) serveRepairHistory(w http.ResponseWriter, r *http.Request, _ Params) {
	pn, rev := query(r, "partNumber"), query(r, "revision")
	if pn == "" || rev == "" {
		writeError(w, http.StatusBadRequest, "The partNumber and revision parameters are required.")
		return
	}
	repairOp, ok := queryInt(w, r, "repairOperationCode", 0)
	if !ok {
		return
	}
	testOp, ok := queryInt(w, r, "testOperationCode", 0)
	if !ok {
		return
	}
	q, _ := e.compileAnFilter(anFilter{PartNumber: pn, Revision: rev})
	out := []map[string]any{}
	for _, rep := range e.anReports(q, "R") {
		if repairOp > 0 && rep.ProcessCode != repairOp || testOp > 0 && anOperationCode(rep) != testOp {
			continue
		}
		fails := anFailures(rep)
		if len(fails) == 0 {
			fails = []map[string]any{{}}
		}
		for _, f := range fails {
			out = append(out, map[string]any{"serialNumber": rep.SerialNumber, "partNumber": rep.PartNumber, "revision": rep.Revision,
				"reportId": rep.ID, "repairDate": rep.Start.UTC().Format(time.RFC3339), "failStepName": anDocStr(f, "refStepName"),
				"failCode": anDocStr(f, "category"), "repairCode": anDocStr(f, "code"), "cause": anDocStr(f, "comment"),
				"action": anDocStr(rep.Doc, "uur", "comment")})
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// anUnitFlow builds the flow of units through test operations: a node per
// operation (units seen, units whose last run there passed / failed), a
// link per move between consecutive operations of a unit, and the units.
func (e *Emulator) anUnitFlow(q *anQuery) map[string]any {
	type node struct {
		id, code          int
		name              string
		units, pass, fail int
	}
	nodes := map[string]*node{}
	var nodeOrder []*node
	type unit struct {
		sn, pn string
		path   []string
		last   map[string]string
	}
	units := map[[2]string]*unit{}
	var unitOrder []*unit
	for _, r := range e.anReports(q, "T") {
		op := q.op(r)
		if _, ok := nodes[op]; !ok {
			n := &node{name: op, code: anOperationCode(r)}
			nodes[op] = n
			nodeOrder = append(nodeOrder, n)
		}
		k := [2]string{r.PartNumber, r.SerialNumber}
		u, ok := units[k]
		if !ok {
			u = &unit{sn: r.SerialNumber, pn: r.PartNumber, last: map[string]string{}}
			units[k] = u
			unitOrder = append(unitOrder, u)
		}
		if len(u.path) == 0 || u.path[len(u.path)-1] != op {
			u.path = append(u.path, op)
		}
		u.last[op] = r.Result
	}
	sort.SliceStable(nodeOrder, func(i, j int) bool { return nodeOrder[i].code < nodeOrder[j].code })
	nodeRows := []map[string]any{}
	for i, n := range nodeOrder {
		n.id = i + 1
	}
	links := map[[2]string]int{}
	var linkOrder [][2]string
	unitRows := []map[string]any{}
	for i, u := range unitOrder {
		for op, res := range u.last {
			n := nodes[op]
			n.units++
			if res == "P" {
				n.pass++
			} else {
				n.fail++
			}
		}
		for j := 1; j < len(u.path); j++ {
			k := [2]string{u.path[j-1], u.path[j]}
			if _, ok := links[k]; !ok {
				linkOrder = append(linkOrder, k)
			}
			links[k]++
		}
		unitRows = append(unitRows, map[string]any{"unitId": i + 1, "serialNumber": u.sn, "partNumber": u.pn,
			"nodePath": u.path, "currentNode": u.path[len(u.path)-1], "status": anResultWord(u.last[u.path[len(u.path)-1]])})
	}
	for _, n := range nodeOrder {
		row := map[string]any{"id": n.id, "name": n.name, "processCode": n.code, "processName": n.name,
			"unitCount": n.units, "passCount": n.pass, "failCount": n.fail}
		if n.units > 0 {
			row["yieldPercent"] = 100 * float64(n.pass) / float64(n.units)
		}
		nodeRows = append(nodeRows, row)
	}
	linkRows := []map[string]any{}
	for _, k := range linkOrder {
		linkRows = append(linkRows, map[string]any{"sourceId": nodes[k[0]].id, "targetId": nodes[k[1]].id,
			"sourceName": k[0], "targetName": k[1], "unitCount": links[k]})
	}
	return map[string]any{"nodes": nodeRows, "links": linkRows, "units": unitRows, "totalUnits": len(unitRows)}
}

// AlarmLog seeds one alarm/notification log entry for
// GetAlarmAndNotificationLogs; keys are the wire names (logId, name,
// logDate, type, ...).
type AlarmLog map[string]any

type alarmState struct {
	mu   sync.Mutex
	logs []AlarmLog
}

func newAlarmState() *alarmState { return &alarmState{} }

// WithAlarmLogs seeds the alarm and notification logs the internal
// GetAlarmAndNotificationLogs route answers with. Entries without an
// integer logId, or whose logDate is not a date-time as a .NET server
// writes it (at most 7 fractional digits), are refused (see SeedErr)
// and none of logs is added.
func WithAlarmLogs(logs ...AlarmLog) Option {
	return func(e *Emulator) { e.recordSeedError(e.alarmLogs.add(logs)) }
}

// add appends logs after checking them all.
func (s *alarmState) add(logs []AlarmLog) error {
	for i, l := range logs {
		switch id := l["logId"].(type) {
		case int, int32, int64:
		case float64:
			if id != float64(int64(id)) {
				return fmt.Errorf("WithAlarmLogs: entry %d: logId %v is not an integer", i, id)
			}
		default:
			return fmt.Errorf("WithAlarmLogs: entry %d: logId is required (an integer)", i)
		}
		if d, ok := l["logDate"]; ok && d != nil {
			txt, _ := d.(string)
			if !anNetDateTime(txt) {
				return fmt.Errorf("WithAlarmLogs: entry %d: logDate %v is not an ISO 8601 date-time with at most 7 fractional digits", i, d)
			}
		}
	}
	s.mu.Lock()
	s.logs = append(s.logs, logs...)
	s.mu.Unlock()
	return nil
}

// anNetDateTime reports whether s is a date-time a .NET server could
// write: RFC 3339 or without zone, at most 7 fractional digits.
func anNetDateTime(s string) bool {
	if _, err := wiretime.Parse(s); err != nil {
		return false
	}
	if dot := strings.IndexByte(s, '.'); dot >= 0 {
		n := 0
		for _, c := range s[dot+1:] {
			if c < '0' || c > '9' {
				break
			}
			n++
		}
		return n >= 1 && n <= 7
	}
	return true
}

func (e *Emulator) serveAlarmLogs(w http.ResponseWriter, r *http.Request, _ Params) {
	calc, ok := queryBool(w, r, "includeCalculationString", false)
	if !ok {
		return
	}
	types := map[string]bool{}
	for _, t := range strings.Split(query(r, "includeTypes"), ";") {
		if t = strings.TrimSpace(t); t != "" {
			types[t] = true
		}
	}
	q, ok := e.readAnFilter(w, r)
	if !ok {
		return
	}
	out := []map[string]any{}
	var logs []AlarmLog
	e.alarmLogs.mu.Lock()
	logs = append(logs, e.alarmLogs.logs...)
	e.alarmLogs.mu.Unlock()
	for _, l := range logs {
		if len(types) > 0 && !types[anText2(anJSONText(l["type"]))] {
			continue
		}
		if d, ok := l["logDate"].(string); ok {
			if t, ok := anParseTime(d); ok && (!q.from.IsZero() && t.Before(q.from) || !q.to.IsZero() && t.After(q.to)) {
				continue
			}
		}
		row := map[string]any{}
		for k, v := range l {
			if k == "calculationsString" && !calc {
				continue
			}
			row[k] = v
		}
		out = append(out, row)
		if q.f.TopCount != nil && *q.f.TopCount > 0 && len(out) == *q.f.TopCount {
			break
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func anJSONText(v any) string {
	b, _ := json.Marshal(v)
	return strings.Trim(string(b), `"`)
}
