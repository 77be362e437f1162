package watstest

import (
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// anPathSep separates step names in step paths (the pilcrow).
const anPathSep = "¶"

// anStep is one step of a stored UUT report, flattened.
type anStep struct {
	name, path, typ, group, status string
	leaf, caused                   bool
	totTime                        *float64
	meas                           []anMeas
}

// anMeas is one numeric measurement of a step.
type anMeas struct {
	name, unit, status, compOp string
	value                      float64
	low, high                  *float64
}

// anSteps flattens a report's step tree, root included, in pre-order.
// The path of a step is the names from the root down joined with "¶".
func anSteps(r *storedReport) []anStep {
	root, ok := r.Doc["root"].(map[string]any)
	if !ok {
		return nil
	}
	var out []anStep
	var walk func(m map[string]any, prefix string)
	walk = func(m map[string]any, prefix string) {
		name := anDocStr(m, "name")
		path := name
		if prefix != "" {
			path = prefix + anPathSep + name
		}
		kids, _ := m["steps"].([]any)
		st := anStep{name: name, path: path, typ: anDocStr(m, "stepType"), group: anDocStr(m, "group"),
			status: anDocStr(m, "status"), leaf: len(kids) == 0, caused: anDocStr(m, "causedUUTFailure") == "true"}
		if t, ok := anDocNum(m, "totTime"); ok {
			st.totTime = &t
		}
		if list, ok := m["numericMeas"].([]any); ok {
			for _, it := range list {
				mm, ok := it.(map[string]any)
				if !ok {
					continue
				}
				v, ok := anDocNum(mm, "value")
				if !ok {
					continue
				}
				me := anMeas{name: anDocStr(mm, "name"), unit: anDocStr(mm, "unit"), status: anDocStr(mm, "status"), compOp: anDocStr(mm, "compOp"), value: v}
				if lo, ok := anDocNum(mm, "lowLimit"); ok {
					me.low = &lo
				}
				if hi, ok := anDocNum(mm, "highLimit"); ok {
					me.high = &hi
				}
				st.meas = append(st.meas, me)
			}
		}
		out = append(out, st)
		for _, k := range kids {
			if km, ok := k.(map[string]any); ok {
				walk(km, path)
			}
		}
	}
	walk(root, "")
	return out
}

// anCausedFailure names the step flagged causedUUTFailure ("" when none).
func anCausedFailure(r *storedReport) (name, path string) {
	for _, s := range anSteps(r) {
		if s.caused {
			return s.name, s.path
		}
	}
	return "", ""
}

// measPath is the measurement path of one measurement: the step path for
// a single measurement, "path¶¶name" for a named one of several.
func (s *anStep) measPath(m anMeas) string {
	if len(s.meas) > 1 || m.name != "" {
		return s.path + anPathSep + anPathSep + m.name
	}
	return s.path
}

type anTopFailed struct {
	pn, rev, name, path, typ, group string
	fail, total                     int
	first, last                     time.Time
}

// anTopFailedRows counts, per part number and leaf step path, how often a
// step ran (any status but skipped) and failed (status F).
func (e *Emulator) anTopFailedRows(q *anQuery, top int) []map[string]any {
	acc := map[string]*anTopFailed{}
	for _, r := range e.anReports(q, "T") {
		for _, s := range anSteps(r) {
			if !s.leaf || s.status == "S" || s.status == "" {
				continue
			}
			k := r.PartNumber + "\x00" + s.path
			a, ok := acc[k]
			if !ok {
				a = &anTopFailed{pn: r.PartNumber, rev: r.Revision, name: s.name, path: s.path, typ: s.typ, group: s.group}
				acc[k] = a
			}
			a.total++
			if s.status == "F" {
				a.fail++
				if a.first.IsZero() || r.Start.Before(a.first) {
					a.first = r.Start
				}
				if r.Start.After(a.last) {
					a.last = r.Start
				}
			}
		}
	}
	list := make([]*anTopFailed, 0, len(acc))
	for _, a := range acc {
		if a.fail > 0 {
			list = append(list, a)
		}
	}
	sort.Slice(list, func(i, j int) bool {
		if list[i].fail != list[j].fail {
			return list[i].fail > list[j].fail
		}
		return list[i].path < list[j].path
	})
	if top > 0 && len(list) > top {
		list = list[:top]
	}
	rows := make([]map[string]any, len(list))
	for i, a := range list {
		rows[i] = map[string]any{"stepName": a.name, "stepPath": a.path, "stepType": a.typ, "stepGroup": a.group,
			"partNumber": a.pn, "revision": a.rev, "productGroup": "", "failCount": a.fail, "totalCount": a.total,
			"failRate":      100 * float64(a.fail) / float64(a.total),
			"firstFailDate": a.first.UTC().Format(time.RFC3339), "lastFailDate": a.last.UTC().Format(time.RFC3339)}
	}
	return rows
}

func (e *Emulator) serveTopFailedPost(w http.ResponseWriter, r *http.Request, _ Params) {
	q, ok := e.readAnFilter(w, r)
	if !ok {
		return
	}
	top := 0
	if q.f.TopCount != nil {
		top = *q.f.TopCount
	}
	writeJSON(w, http.StatusOK, e.anTopFailedRows(q, top))
}

func (e *Emulator) serveTopFailedGet(w http.ResponseWriter, r *http.Request, _ Params) {
	code, ok := queryInt(w, r, "processCode", 0)
	if !ok {
		return
	}
	count, ok := queryInt(w, r, "count", 0)
	if !ok {
		return
	}
	if query(r, "partNumber") == "" || code <= 0 || count <= 0 {
		writeError(w, http.StatusBadRequest, "The partNumber, processCode, productGroupId, levelId, days and count parameters are required.")
		return
	}
	q, ok := e.anRecent(w, r)
	if !ok {
		return
	}
	q.matchers = append(q.matchers,
		anMatcher{pat: anCompile(query(r, "partNumber")), get: func(r *storedReport) string { return r.PartNumber }},
		anMatcher{pat: anCompile(strconv.Itoa(code)), get: func(r *storedReport) string { return strconv.Itoa(r.ProcessCode) }})
	writeJSON(w, http.StatusOK, e.anTopFailedRows(q, count))
}

// anRunFilter keeps the reports of the requested run of each unit
// (1, 2, 3 = that run, -1 = last, -2 = all).
func anRunFilter(q *anQuery, reports []*storedReport, run int) []*storedReport {
	if run == -2 {
		return reports
	}
	byUnit := map[anUnitKey][]*storedReport{}
	var keys []anUnitKey
	for _, r := range reports {
		k := anUnitKey{r.PartNumber, r.SerialNumber, q.op(r)}
		if _, ok := byUnit[k]; !ok {
			keys = append(keys, k)
		}
		byUnit[k] = append(byUnit[k], r)
	}
	var out []*storedReport
	for _, k := range keys {
		runs := byUnit[k]
		switch {
		case run == -1:
			out = append(out, runs[len(runs)-1])
		case run >= 1 && run <= len(runs):
			out = append(out, runs[run-1])
		}
	}
	return out
}

// anStats are the descriptive statistics and capability of values.
type anStats struct {
	n                              int
	min, max, avg, stdev, variance float64
	cp, cpk, cpl, cpu              *float64
}

func anComputeStats(values []float64, low, high *float64) anStats {
	s := anStats{n: len(values)}
	if len(values) == 0 {
		return s
	}
	s.min, s.max = math.Inf(1), math.Inf(-1)
	var sum float64
	for _, v := range values {
		sum += v
		s.min, s.max = math.Min(s.min, v), math.Max(s.max, v)
	}
	s.avg = sum / float64(len(values))
	if len(values) > 1 {
		var ss float64
		for _, v := range values {
			ss += (v - s.avg) * (v - s.avg)
		}
		s.variance = ss / float64(len(values)-1)
		s.stdev = math.Sqrt(s.variance)
	}
	if s.stdev > 0 {
		if high != nil {
			v := (*high - s.avg) / (3 * s.stdev)
			s.cpu, s.cpk = &v, &v
		}
		if low != nil {
			v := (s.avg - *low) / (3 * s.stdev)
			s.cpl = &v
			if s.cpk == nil || v < *s.cpk {
				s.cpk = &v
			}
		}
		if low != nil && high != nil {
			v := (*high - *low) / (6 * s.stdev)
			s.cp = &v
		}
	}
	return s
}

func (s anStats) put(row map[string]any, suffix string) {
	if s.n == 0 {
		return
	}
	row["min"+suffix], row["max"+suffix], row["avg"+suffix] = s.min, s.max, s.avg
	row["stdev"+suffix], row["var"+suffix] = s.stdev, s.variance
	for k, v := range map[string]*float64{"cp": s.cp, "cpk": s.cpk, "cpLower": s.cpl, "cpUpper": s.cpu} {
		if v != nil {
			row[k+suffix] = *v
		}
	}
}

type anStepAcc struct {
	step                      anStep
	measName                  string
	counts                    map[string]int
	causedF, causedE, causedT int
	times                     []float64
	values, valuesWof         []float64
	low, high                 *float64
	compOp                    string
}

func (e *Emulator) serveStepAnalysis(w http.ResponseWriter, r *http.Request, _ Params) {
	q, ok := e.readAnFilter(w, r)
	if !ok {
		return
	}
	if q.f.PartNumber == "" || q.f.TestOperation == "" {
		writeError(w, http.StatusBadRequest, "TestStepAnalysis requires partNumber and testOperation.")
		return
	}
	run := 1
	if q.f.Run != nil {
		run = *q.f.Run
	}
	if q.from.IsZero() {
		q.from = e.now().UTC().AddDate(0, 0, -30)
	}
	reports := anRunFilter(q, e.anReports(q, "T"), run)
	if max := 10000; q.f.MaxCount != nil && *q.f.MaxCount > 0 && *q.f.MaxCount < max && len(reports) > *q.f.MaxCount {
		reports = reports[:*q.f.MaxCount]
	}
	acc := map[string]*anStepAcc{}
	var order []*anStepAcc
	get := func(s anStep, meas string) *anStepAcc {
		k := s.path + anPathSep + anPathSep + meas
		a, ok := acc[k]
		if !ok {
			a = &anStepAcc{step: s, measName: meas, counts: map[string]int{}}
			acc[k] = a
			order = append(order, a)
		}
		return a
	}
	for _, rep := range reports {
		for _, s := range anSteps(rep) {
			accs := []*anStepAcc{get(s, "")}
			if len(s.meas) > 1 {
				accs = accs[:0]
				for _, m := range s.meas {
					accs = append(accs, get(s, m.name))
				}
			}
			for i, a := range accs {
				a.counts[s.status]++
				if s.caused {
					switch rep.Result {
					case "F":
						a.causedF++
					case "E":
						a.causedE++
					case "T":
						a.causedT++
					}
				}
				if s.totTime != nil {
					a.times = append(a.times, *s.totTime)
				}
				if len(s.meas) == 0 {
					continue
				}
				m := s.meas[0]
				if len(s.meas) > 1 {
					m = s.meas[i]
				}
				a.values = append(a.values, m.value)
				if s.status != "F" {
					a.valuesWof = append(a.valuesWof, m.value)
				}
				a.low, a.high, a.compOp = m.low, m.high, m.compOp
			}
		}
	}
	rows := make([]map[string]any, 0, len(order))
	for _, a := range order {
		c := a.counts
		other := 0
		for k, n := range c {
			if !strings.Contains("PDSFET", k) || k == "" {
				other += n
			}
		}
		total := 0
		for _, n := range c {
			total += n
		}
		row := map[string]any{"stepName": a.step.name, "stepPath": a.step.path, "stepType": a.step.typ, "stepGroup": a.step.group,
			"stepCount": total, "stepPassedCount": c["P"], "stepDoneCount": c["D"], "stepSkippedCount": c["S"],
			"stepFailedCount": c["F"], "stepErrorCount": c["E"], "stepTerminatedCount": c["T"], "stepOtherCount": other,
			"stepFailedErrorTerminatedCount":     c["F"] + c["E"] + c["T"],
			"stepCausedUutFailedErrorTerminated": a.causedF + a.causedE + a.causedT,
			"stepCausedUutFailed":                a.causedF, "stepCausedUutError": a.causedE, "stepCausedUutTerminated": a.causedT,
			"measureName": a.measName, "measureCount": len(a.values), "measureCountWof": len(a.valuesWof)}
		if a.low != nil {
			row["limit1"], row["limit1Wof"] = *a.low, *a.low
		}
		if a.high != nil {
			row["limit2"], row["limit2Wof"] = *a.high, *a.high
		}
		if a.compOp != "" {
			row["compOperator"] = a.compOp
		}
		if len(a.times) > 0 {
			t := anComputeStats(a.times, nil, nil)
			row["stepTimeAvg"], row["stepTimeMin"], row["stepTimeMax"] = t.avg, t.min, t.max
		}
		anComputeStats(a.values, a.low, a.high).put(row, "")
		anComputeStats(a.valuesWof, a.low, a.high).put(row, "Wof")
		rows = append(rows, row)
	}
	writeJSON(w, http.StatusOK, rows)
}

// anMeasRef is one measurement found for a requested path.
type anMeasRef struct {
	r    *storedReport
	step anStep
	m    anMeas
}

// anCollect finds the measurements of each path (all numeric paths when
// none is given), at most limit in total, in report order.
func (e *Emulator) anCollect(q *anQuery, paths []string, limit int) ([]string, map[string][]anMeasRef) {
	found := map[string][]anMeasRef{}
	var seen []string
	n := 0
	for _, r := range e.anReports(q, "T") {
		for _, s := range anSteps(r) {
			for _, m := range s.meas {
				mp := s.measPath(m)
				key := ""
				if len(paths) == 0 {
					key = mp
				} else {
					for _, p := range paths {
						if strings.EqualFold(p, mp) || (strings.EqualFold(p, s.path) && len(s.meas) == 1) {
							key = p
							break
						}
					}
				}
				if key == "" || n >= limit {
					continue
				}
				if _, ok := found[key]; !ok {
					seen = append(seen, key)
				}
				found[key] = append(found[key], anMeasRef{r: r, step: s, m: m})
				n++
			}
		}
	}
	if len(paths) > 0 {
		seen = paths
	}
	return seen, found
}

func anMeasPaths(r *http.Request) []string {
	raw := query(r, "measurementPaths")
	if raw == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(raw, ";") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func (m anMeasRef) item() map[string]any {
	it := map[string]any{"id": m.r.ID, "serialNumber": m.r.SerialNumber, "partNumber": m.r.PartNumber, "revision": m.r.Revision,
		"stepName": m.step.name, "stepPath": m.step.path, "measureName": m.m.name, "value": m.m.value, "unit": m.m.unit,
		"status": anResultWord(m.m.status), "startUtc": wireTime(m.r.Start), "stationName": m.r.Station,
		"compOperator": m.m.compOp}
	if m.m.low != nil {
		it["limit1"] = *m.m.low
	}
	if m.m.high != nil {
		it["limit2"] = *m.m.high
	}
	return it
}

func (e *Emulator) serveMeasurements(aggregate bool) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, _ Params) {
		q, ok := e.readAnFilter(w, r)
		if !ok {
			return
		}
		if q.f.PartNumber == "" || q.f.TestOperation == "" {
			writeError(w, http.StatusBadRequest, "Measurements require partNumber and testOperation.")
			return
		}
		limit := 10000
		if q.f.MaxCount != nil && *q.f.MaxCount > 0 && *q.f.MaxCount < limit {
			limit = *q.f.MaxCount
		}
		paths, found := e.anCollect(q, anMeasPaths(r), limit)
		out := []map[string]any{}
		for _, p := range paths {
			refs := found[p]
			if !aggregate {
				items := make([]map[string]any, len(refs))
				for i, m := range refs {
					items[i] = m.item()
				}
				out = append(out, map[string]any{"measurementPath": p, "measurements": items})
				continue
			}
			row := anAggregateRow(p, refs, q.f.PartNumber)
			out = append(out, row)
		}
		writeJSON(w, http.StatusOK, out)
	}
}

// anAggregateRow is the statistics row of the measurements refs at path p.
func anAggregateRow(p string, refs []anMeasRef, partNumber string) map[string]any {
	row := map[string]any{"measurementPath": p, "count": len(refs), "partNumber": partNumber}
	if len(refs) == 0 {
		return row
	}
	last := refs[len(refs)-1]
	vals := make([]float64, len(refs))
	for i, m := range refs {
		vals[i] = m.m.value
	}
	row["stepName"], row["stepPath"], row["unit"], row["revision"] = last.step.name, last.step.path, last.m.unit, last.r.Revision
	if last.m.low != nil {
		row["limit1"] = *last.m.low
	}
	if last.m.high != nil {
		row["limit2"] = *last.m.high
	}
	anComputeStats(vals, last.m.low, last.m.high).put(row, "")
	return row
}

// serveInternalAggregated serves GET and POST
// /api/internal/App/AggregatedMeasurements: statistics per measurement
// path of every measurement the filter selects, narrowed to one
// measurement name when measurementName is given.
func (e *Emulator) serveInternalAggregated(w http.ResponseWriter, r *http.Request, _ Params) {
	q, ok := e.anListQuery(w, r)
	if !ok {
		return
	}
	name := query(r, "measurementName")
	paths, found := e.anCollect(q, nil, 10000)
	out := []map[string]any{}
	for _, p := range paths {
		var refs []anMeasRef
		for _, m := range found[p] {
			if name == "" || strings.EqualFold(m.m.name, name) || (m.m.name == "" && strings.EqualFold(m.step.name, name)) {
				refs = append(refs, m)
			}
		}
		if len(refs) > 0 {
			out = append(out, anAggregateRow(p, refs, refs[0].r.PartNumber))
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// anListQuery reads the filter of the internal list routes: POST body or
// GET days/productGroupId/levelId, plus the required XML filters.
func (e *Emulator) anListQuery(w http.ResponseWriter, r *http.Request) (*anQuery, bool) {
	if query(r, "stepFilters") == "" || query(r, "sequenceFilters") == "" {
		writeError(w, http.StatusBadRequest, "The stepFilters and sequenceFilters parameters are required.")
		return nil, false
	}
	if r.Method == http.MethodGet {
		return e.anRecent(w, r)
	}
	return e.readAnFilter(w, r)
}

func (e *Emulator) serveMeasurementList(w http.ResponseWriter, r *http.Request, _ Params) {
	q, ok := e.anListQuery(w, r)
	if !ok {
		return
	}
	paths, found := e.anCollect(q, nil, 10000)
	out := []map[string]any{}
	for _, p := range paths {
		for _, m := range found[p] {
			out = append(out, m.item())
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (e *Emulator) serveStepStatusList(w http.ResponseWriter, r *http.Request, _ Params) {
	q, ok := e.anListQuery(w, r)
	if !ok {
		return
	}
	type acc struct {
		s                 anStep
		pn, rev           string
		pass, fail, total int
	}
	m := map[string]*acc{}
	var order []*acc
	for _, rep := range e.anReports(q, "T") {
		for _, s := range anSteps(rep) {
			if !s.leaf {
				continue
			}
			k := rep.PartNumber + "\x00" + s.path
			a, ok := m[k]
			if !ok {
				a = &acc{s: s, pn: rep.PartNumber, rev: rep.Revision}
				m[k] = a
				order = append(order, a)
			}
			a.total++
			switch s.status {
			case "P", "D":
				a.pass++
			case "F":
				a.fail++
			}
		}
	}
	out := make([]map[string]any, len(order))
	for i, a := range order {
		out[i] = map[string]any{"stepName": a.s.name, "stepPath": a.s.path, "stepType": a.s.typ, "stepGroup": a.s.group,
			"partNumber": a.pn, "revision": a.rev, "passCount": a.pass, "failCount": a.fail, "totalCount": a.total}
	}
	writeJSON(w, http.StatusOK, out)
}
