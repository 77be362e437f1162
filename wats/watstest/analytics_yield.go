package watstest

import (
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// anYieldKPIs are the KPIs the emulator computes, in output order.
var anYieldKPIs = []string{"unitCount", "fpCount", "spCount", "tpCount", "lpCount", "fpy", "spy", "tpy", "lpy",
	"fpFailCount", "spFailCount", "tpFailCount", "lpFailCount", "testReportCount", "testYieldCount", "testYield",
	"retestCount", "firstUtc", "lastUtc", "ppmFpy", "ppmSpy", "ppmTpy", "ppmLpy", "ppmTestYield"}

// anKnownKPIs also lists the KPIs the emulator accepts but cannot compute
// (colours, alarms, trends); they come back null.
var anKnownKPIs = func() map[string]bool {
	m := map[string]bool{}
	for _, k := range anYieldKPIs {
		m[k] = true
	}
	for _, k := range strings.Split("fpColor fpAlarm fpWarning spColor spAlarm spWarning tpColor tpAlarm tpWarning lpColor lpAlarm lpWarning tyColor tyAlarm tyWarning previousUnitCount previousTestReportCount fpyTrend spyTrend tpyTrend lpyTrend unitCountTrend fpCountTrend spCountTrend tpCountTrend lpCountTrend testReportCountTrend testYieldCountTrend testYieldTrend ppmFpyTrend ppmSpyTrend ppmTpyTrend ppmLpyTrend ppmTestYieldTrend", " ") {
		m[k] = true
	}
	return m
}()

var anYieldDims = map[string]bool{}

func init() {
	for _, d := range strings.Split("partNumber productName stationName location purpose revision testOperation processCode swFilename swVersion productGroup level period batchNumber operator fixtureId socketIndex errorCode miscInfoDescription miscInfoString stepCausedUutFailure stepPathCausedUutFailure assetSerialNumber assetName unitType", " ") {
		anYieldDims[d] = true
	}
}

// anItem is one parsed dimensions item.
type anItem struct {
	name string
	desc bool
	kpi  bool
}

// anParseDims parses "unitCount desc;partNumber;period". dims says which
// names are dimensions, kpis which are KPIs.
func anParseDims(s string, dims, kpis map[string]bool) ([]anItem, string) {
	var out []anItem
	for _, part := range strings.Split(s, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		fields := strings.Fields(part)
		it := anItem{name: fields[0]}
		if len(fields) > 2 || len(fields) == 2 && !strings.EqualFold(fields[1], "asc") && !strings.EqualFold(fields[1], "desc") {
			return nil, "Invalid dimensions item '" + part + "': expected a name optionally followed by asc or desc."
		}
		it.desc = len(fields) == 2 && strings.EqualFold(fields[1], "desc")
		switch {
		case kpis[it.name]:
			it.kpi = true
		case dims[it.name]:
		default:
			return nil, "Unknown dimension or KPI '" + it.name + "'."
		}
		out = append(out, it)
	}
	return out, ""
}

// anDimValue is the value of a yield dimension for one report.
func anDimValue(q *anQuery, r *storedReport, dim string) any {
	grouping := q.grouping
	switch dim {
	case "partNumber":
		return r.PartNumber
	case "revision":
		return r.Revision
	case "productName":
		return anDocStr(r.Doc, "productName")
	case "stationName":
		return r.Station
	case "location":
		return anDocStr(r.Doc, "location")
	case "purpose":
		return anDocStr(r.Doc, "purpose")
	case "testOperation":
		return q.op(r)
	case "processCode":
		return anOperationCode(r)
	case "period":
		return anPeriod(r.Start, grouping)
	case "batchNumber":
		return anDocStr(r.Doc, "uut", "batchSN")
	case "operator":
		if r.Type == "R" {
			return anDocStr(r.Doc, "uur", "user")
		}
		return anDocStr(r.Doc, "uut", "user")
	case "fixtureId":
		return anDocStr(r.Doc, "uut", "fixtureId")
	case "socketIndex":
		return anDocStr(r.Doc, "uut", "testSocketIndex")
	case "errorCode":
		return anDocStr(r.Doc, "uut", "errorCode")
	case "swFilename":
		return anDocStr(r.Doc, "root", "seqCall", "path")
	case "swVersion":
		return anDocStr(r.Doc, "root", "seqCall", "version")
	case "stepCausedUutFailure", "stepPathCausedUutFailure":
		name, path := anCausedFailure(r)
		if dim == "stepCausedUutFailure" {
			return name
		}
		return path
	case "miscInfoDescription":
		return strings.Join(anMisc(r, "description"), ";")
	case "miscInfoString":
		return strings.Join(anMisc(r, "text"), ";")
	}
	// productGroup, level, unitType, asset dimensions: the emulator does
	// not know them from the report alone.
	return ""
}

// anGroup accumulates one yield row.
type anGroup struct {
	dims                               []any
	units, fp, sp, tp, lp, reports, ok int
	retests                            int
	first, last                        time.Time
}

type anUnit struct {
	group  *anGroup
	runs   int
	passAt int // run of the first pass, 0 when never passed
	lastOK bool
}

type anUnitKey struct{ pn, sn, op string }

// anYield computes yield rows over the UUT reports of q, grouped by dims.
// Each unit (part number, serial number, test operation) is counted once,
// in the group of its first run; every report counts in its own group.
func (e *Emulator) anYield(q *anQuery, dims []string) []*anGroup {
	reports := e.anReports(q, "T")
	groups := map[string]*anGroup{}
	var order []*anGroup
	var key []byte
	groupOf := func(r *storedReport) *anGroup {
		key = key[:0]
		for _, d := range dims {
			key = anAppendKey(q, key, r, d)
			key = append(key, 0)
		}
		if g, ok := groups[string(key)]; ok { // no allocation for the lookup
			return g
		}
		vals := make([]any, len(dims))
		for i, d := range dims {
			vals[i] = anDimValue(q, r, d)
		}
		g := &anGroup{dims: vals}
		groups[string(key)] = g
		order = append(order, g)
		return g
	}
	units := make(map[anUnitKey]*anUnit, len(reports))
	for _, r := range reports {
		g := groupOf(r)
		k := anUnitKey{r.PartNumber, r.SerialNumber, q.op(r)}
		u, ok := units[k]
		if !ok {
			u = &anUnit{group: g}
			units[k] = u
		}
		u.runs++
		passed := r.Result == "P"
		if passed && u.passAt == 0 {
			u.passAt = u.runs
		}
		u.lastOK = passed
		g.reports++
		if passed {
			g.ok++
		}
		if u.runs > 1 {
			g.retests++
		}
		if g.first.IsZero() || r.Start.Before(g.first) {
			g.first = r.Start
		}
		if r.Start.After(g.last) {
			g.last = r.Start
		}
	}
	for _, u := range units {
		g := u.group
		g.units++
		if u.passAt == 1 {
			g.fp++
		}
		if u.passAt >= 1 && u.passAt <= 2 {
			g.sp++
		}
		if u.passAt >= 1 && u.passAt <= 3 {
			g.tp++
		}
		if u.lastOK {
			g.lp++
		}
	}
	return order
}

// anAppendKey appends the grouping key of dimension dim for r: the value
// itself, or for period the period start in Unix seconds (formatting the
// label is left to new groups).
func anAppendKey(q *anQuery, buf []byte, r *storedReport, dim string) []byte {
	switch dim {
	case "partNumber":
		return append(buf, r.PartNumber...)
	case "stationName":
		return append(buf, r.Station...)
	case "revision":
		return append(buf, r.Revision...)
	case "period":
		return strconv.AppendInt(buf, anPeriodStart(r.Start, q.grouping).Unix(), 10)
	}
	return append(buf, anText(anDimValue(q, r, dim))...)
}

func anText(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case int:
		return strconv.Itoa(x)
	}
	return ""
}

func anPct(n, d int) any {
	if d == 0 {
		return nil
	}
	return 100 * float64(n) / float64(d)
}

func anPPM(n, d int) any {
	if d == 0 {
		return nil
	}
	return math.Round(1e6 * float64(d-n) / float64(d))
}

func (g *anGroup) kpi(name string) any {
	switch name {
	case "unitCount":
		return g.units
	case "fpCount":
		return g.fp
	case "spCount":
		return g.sp
	case "tpCount":
		return g.tp
	case "lpCount":
		return g.lp
	case "fpy":
		return anPct(g.fp, g.units)
	case "spy":
		return anPct(g.sp, g.units)
	case "tpy":
		return anPct(g.tp, g.units)
	case "lpy":
		return anPct(g.lp, g.units)
	case "fpFailCount":
		return g.units - g.fp
	case "spFailCount":
		return g.units - g.sp
	case "tpFailCount":
		return g.units - g.tp
	case "lpFailCount":
		return g.units - g.lp
	case "testReportCount":
		return g.reports
	case "testYieldCount":
		return g.ok
	case "testYield":
		return anPct(g.ok, g.reports)
	case "retestCount":
		return g.retests
	case "firstUtc":
		if g.first.IsZero() {
			return nil
		}
		return g.first.UTC().Format(time.RFC3339)
	case "lastUtc":
		if g.last.IsZero() {
			return nil
		}
		return g.last.UTC().Format(time.RFC3339)
	case "ppmFpy":
		return anPPM(g.fp, g.units)
	case "ppmSpy":
		return anPPM(g.sp, g.units)
	case "ppmTpy":
		return anPPM(g.tp, g.units)
	case "ppmLpy":
		return anPPM(g.lp, g.units)
	case "ppmTestYield":
		return anPPM(g.ok, g.reports)
	}
	return nil
}

// anRows renders groups as rows with the dimension columns and kpis,
// sorted by items, filtered by minCount (on unitCount) and cut to topCount.
func anRows(groups []*anGroup, dims []string, kpis []string, items []anItem, q *anQuery, countKPI string) []map[string]any {
	rows := make([]map[string]any, 0, len(groups))
	for _, g := range groups {
		if q.f.MinCount != nil {
			if n, _ := g.kpi(countKPI).(int); n < *q.f.MinCount {
				continue
			}
		}
		row := make(map[string]any, len(dims)+len(kpis))
		for i, d := range dims {
			row[d] = g.dims[i]
		}
		for _, k := range kpis {
			row[k] = g.kpi(k)
		}
		rows = append(rows, row)
	}
	anSortRows(rows, items)
	if q.f.TopCount != nil && *q.f.TopCount > 0 && len(rows) > *q.f.TopCount {
		rows = rows[:*q.f.TopCount]
	}
	return rows
}

func anSortRows(rows []map[string]any, items []anItem) {
	sort.SliceStable(rows, func(i, j int) bool {
		for _, it := range items {
			c := anCompare(rows[i][it.name], rows[j][it.name])
			if c == 0 {
				continue
			}
			if it.desc {
				return c > 0
			}
			return c < 0
		}
		return false
	})
}

// anCompare orders numbers numerically, strings lexically, nil first.
func anCompare(a, b any) int {
	fa, aNum := anFloat(a)
	fb, bNum := anFloat(b)
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	case aNum && bNum:
		switch {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return 0
	}
	return strings.Compare(anText2(a), anText2(b))
}

func anFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case float64:
		return x, true
	}
	return 0, false
}

func anText2(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return anText(v)
}

// serveYield answers a yield query grouped by the dims string, with
// defaultDims when the client sent none.
func (e *Emulator) serveYield(w http.ResponseWriter, q *anQuery, dimsText string) {
	items, msg := anParseDims(dimsText, anYieldDims, anKnownKPIs)
	if msg != "" {
		writeError(w, http.StatusBadRequest, "%s", msg)
		return
	}
	var dims, kpis []string
	for _, it := range items {
		if it.kpi {
			kpis = append(kpis, it.name)
		} else {
			dims = append(dims, it.name)
		}
		if it.name == "period" && q.grouping < 0 {
			writeError(w, http.StatusBadRequest, "The period dimension needs dateGrouping.")
			return
		}
	}
	if len(kpis) == 0 {
		kpis = anYieldKPIs
	}
	writeJSON(w, http.StatusOK, anRows(e.anYield(q, dims), dims, kpis, items, q, "unitCount"))
}

// dimsFor picks the dimensions of a dynamic query: the query parameter
// wins over the body field (the emulator's choice of precedence).
func anDimsFor(r *http.Request, q *anQuery, def string) string {
	if d := query(r, "dimensions"); d != "" {
		return d
	}
	if q.f.Dimensions != "" {
		return q.f.Dimensions
	}
	return def
}

// anRecent turns the GET variants' days/productGroupId/levelId into a
// query; it answers 400 itself when one is missing.
func (e *Emulator) anRecent(w http.ResponseWriter, r *http.Request) (*anQuery, bool) {
	days, ok := queryInt(w, r, "days", 0)
	if !ok {
		return nil, false
	}
	if days <= 0 || query(r, "productGroupId") == "" || query(r, "levelId") == "" {
		writeError(w, http.StatusBadRequest, "The days, productGroupId and levelId parameters are required.")
		return nil, false
	}
	q, _ := e.compileAnFilter(anFilter{})
	q.from = e.now().UTC().AddDate(0, 0, -days)
	return q, true
}

// anYieldLists are the sort orders of the volume and worst-yield lists.
var anYieldLists = map[string]string{
	"HighVolume":               "unitCount desc;partNumber;testOperation",
	"HighVolumeByProductGroup": "unitCount desc;productGroup",
	"WorstYield":               "fpy asc;unitCount desc;partNumber;testOperation",
	"WorstYieldByProductGroup": "fpy asc;unitCount desc;productGroup",
}

func (e *Emulator) installAnalyticsYield() {
	e.handle(http.MethodPost, "/api/App/DynamicYield", e.serveDynamicYield)
	e.handle(http.MethodPost, "/api/App/VolumeYield", e.serveVolumeYieldPost)
	e.handle(http.MethodGet, "/api/App/VolumeYield", e.serveVolumeYieldGet)
	for name := range anYieldLists {
		e.handle(http.MethodPost, "/api/App/"+name, e.serveYieldList(name, false))
		if !strings.HasSuffix(name, "ByProductGroup") {
			e.handle(http.MethodGet, "/api/App/"+name, e.serveYieldList(name, true))
		}
	}
}

// serveDynamicYield serves POST /api/App/DynamicYield; an empty filter
// gets the server's documented default (top 10 by unit count).
func (e *Emulator) serveDynamicYield(w http.ResponseWriter, r *http.Request, _ Params) {
	q, ok := e.readAnFilter(w, r)
	if !ok {
		return
	}
	if q.empty && q.f.TopCount == nil {
		q.f.TopCount = anIntPtr(10)
	}
	e.serveYield(w, q, anDimsFor(r, q, "unitCount desc;partNumber;testOperation"))
}

// anVolumeDims groups the volume list by part number, and by period when
// the filter groups by date.
func anVolumeDims(q *anQuery) string {
	if q.grouping >= 0 {
		return "partNumber;period"
	}
	return "partNumber"
}

// serveVolumeYieldPost serves POST /api/App/VolumeYield.
func (e *Emulator) serveVolumeYieldPost(w http.ResponseWriter, r *http.Request, _ Params) {
	if q, ok := e.readAnFilter(w, r); ok {
		e.serveYield(w, q, anVolumeDims(q))
	}
}

// serveVolumeYieldGet serves GET /api/App/VolumeYield.
func (e *Emulator) serveVolumeYieldGet(w http.ResponseWriter, r *http.Request, _ Params) {
	if q, ok := e.anRecent(w, r); ok {
		e.serveYield(w, q, anVolumeDims(q))
	}
}

// serveYieldList serves the POST (filter body) or GET (days, ids) form of
// one of anYieldLists.
func (e *Emulator) serveYieldList(name string, recent bool) HandlerFunc {
	dims := anYieldLists[name]
	return func(w http.ResponseWriter, r *http.Request, _ Params) {
		read := e.readAnFilter
		if recent {
			read = e.anRecent
		}
		if q, ok := read(w, r); ok {
			e.serveYieldAll(w, q, dims)
		}
	}
}

// serveYieldAll is serveYield returning every KPI although the sort items
// name some (the list endpoints take no dimensions).
func (e *Emulator) serveYieldAll(w http.ResponseWriter, q *anQuery, dims string) {
	items, _ := anParseDims(dims, anYieldDims, anKnownKPIs)
	var names []string
	for _, it := range items {
		if !it.kpi {
			names = append(names, it.name)
		}
	}
	writeJSON(w, http.StatusOK, anRows(e.anYield(q, names), names, anYieldKPIs, items, q, "unitCount"))
}

func anIntPtr(n int) *int { return &n }
