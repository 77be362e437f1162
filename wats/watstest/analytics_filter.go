package watstest

import (
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// anFilter is the analytics filter (PublicWatsFilter) as clients send it.
type anFilter struct {
	SerialNumber         string  `json:"serialNumber"`
	PartNumber           string  `json:"partNumber"`
	Revision             string  `json:"revision"`
	BatchNumber          string  `json:"batchNumber"`
	StationName          string  `json:"stationName"`
	TestOperation        string  `json:"testOperation"`
	Status               string  `json:"status"`
	Yield                *int    `json:"yield"`
	MiscDescription      string  `json:"miscDescription"`
	MiscValue            string  `json:"miscValue"`
	ProductGroup         string  `json:"productGroup"`
	Level                string  `json:"level"`
	SWFilename           string  `json:"swFilename"`
	SWVersion            string  `json:"swVersion"`
	Socket               string  `json:"socket"`
	DateFrom             *string `json:"dateFrom"`
	DateTo               *string `json:"dateTo"`
	DateGrouping         *int    `json:"dateGrouping"`
	PeriodCount          *int    `json:"periodCount"`
	IncludeCurrentPeriod *bool   `json:"includeCurrentPeriod"`
	MaxCount             *int    `json:"maxCount"`
	MinCount             *int    `json:"minCount"`
	TopCount             *int    `json:"topCount"`
	Dimensions           string  `json:"dimensions"`
	Run                  *int    `json:"run"`
}

// anQuery is a decoded filter ready to match reports.
type anQuery struct {
	f        anFilter
	from, to time.Time // zero = open
	grouping int       // -1 when none
	matchers []anMatcher
	status   string // WSJF letter
	empty    bool   // the body was empty
	// names maps process codes to names from the emulator's process
	// table, for reports that carry no processName (pyWATS sends none).
	names map[int]string
}

// op is the test operation name of r (see anOperation).
func (q *anQuery) op(r *storedReport) string { return anOperation(r, q.names) }

// anNames snapshots the process table as code → name.
func (e *Emulator) anNames() map[int]string {
	m := map[int]string{}
	for _, p := range e.processes.all() {
		m[p.Code] = p.Name
	}
	return m
}

// anMatcher tests one filter field: get reads a single-valued field,
// getAll a multi-valued one (only one of them is set).
type anMatcher struct {
	pat    anPattern
	get    func(*storedReport) string
	getAll func(*storedReport) []string
}

// readAnFilter decodes the request body (an empty body is an empty filter)
// and answers 400 itself on a malformed one.
func (e *Emulator) readAnFilter(w http.ResponseWriter, r *http.Request) (*anQuery, bool) {
	var f anFilter
	data, err := io.ReadAll(r.Body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "could not read request body: %v", err)
		return nil, false
	}
	empty := len(strings.TrimSpace(string(data))) == 0 || strings.TrimSpace(string(data)) == "{}"
	if !empty {
		if err := json.Unmarshal(data, &f); err != nil {
			writeError(w, http.StatusBadRequest, "The filter is not valid JSON: %v", err)
			return nil, false
		}
	}
	q, msg := e.compileAnFilter(f)
	if msg != "" {
		writeError(w, http.StatusBadRequest, "%s", msg)
		return nil, false
	}
	q.empty = empty
	return q, true
}

var anStatusWords = map[string]string{"passed": "P", "failed": "F", "error": "E", "terminated": "T", "done": "D", "skipped": "S"}

// anResultWord maps a WSJF result letter to the word the App routes use.
func anResultWord(letter string) string {
	switch letter {
	case "P":
		return "Passed"
	case "F":
		return "Failed"
	case "E":
		return "Error"
	case "T":
		return "Terminated"
	case "D":
		return "Done"
	case "S":
		return "Skipped"
	}
	return letter
}

func (e *Emulator) compileAnFilter(f anFilter) (*anQuery, string) {
	q := &anQuery{f: f, grouping: -1, names: e.anNames()}
	if f.DateGrouping != nil {
		if *f.DateGrouping < -1 || *f.DateGrouping > 5 {
			return nil, "dateGrouping must be one of -1, 0, 1, 2, 3, 4, 5."
		}
		q.grouping = *f.DateGrouping
	}
	for _, d := range []struct {
		s   *string
		dst *time.Time
		n   string
	}{{f.DateFrom, &q.from, "dateFrom"}, {f.DateTo, &q.to, "dateTo"}} {
		if d.s == nil || *d.s == "" {
			continue
		}
		t, ok := anParseTime(*d.s)
		if !ok {
			return nil, "The value '" + *d.s + "' is not a valid date-time for " + d.n + "."
		}
		*d.dst = t
	}
	if f.PeriodCount != nil && *f.PeriodCount > 0 && q.from.IsZero() && q.grouping >= 0 {
		now := e.now().UTC()
		cur := anPeriodStart(now, q.grouping)
		n := *f.PeriodCount
		if f.IncludeCurrentPeriod != nil && *f.IncludeCurrentPeriod {
			q.from, q.to = anAddPeriods(cur, q.grouping, -(n-1)), now
		} else {
			q.from, q.to = anAddPeriods(cur, q.grouping, -n), cur.Add(-time.Nanosecond)
		}
	}
	if f.Status != "" {
		for _, alt := range strings.Split(f.Status, ";") {
			letter, ok := anStatusWords[strings.ToLower(strings.TrimSpace(alt))]
			if !ok {
				return nil, "Unknown status '" + alt + "'; use Passed, Failed, Error, Terminated, Done or Skipped."
			}
			q.status += letter
		}
	}
	one := func(pattern string, get func(*storedReport) string) {
		if pattern != "" {
			q.matchers = append(q.matchers, anMatcher{pat: anCompile(pattern), get: get})
		}
	}
	many := func(pattern string, get func(*storedReport) []string) {
		if pattern != "" {
			q.matchers = append(q.matchers, anMatcher{pat: anCompile(pattern), getAll: get})
		}
	}
	one(f.SerialNumber, func(r *storedReport) string { return r.SerialNumber })
	one(f.PartNumber, func(r *storedReport) string { return r.PartNumber })
	one(f.Revision, func(r *storedReport) string { return r.Revision })
	one(f.StationName, func(r *storedReport) string { return r.Station })
	one(f.BatchNumber, func(r *storedReport) string { return anDocStr(r.Doc, "uut", "batchSN") })
	one(f.SWFilename, func(r *storedReport) string { return anDocStr(r.Doc, "root", "seqCall", "path") })
	one(f.SWVersion, func(r *storedReport) string { return anDocStr(r.Doc, "root", "seqCall", "version") })
	one(f.Socket, func(r *storedReport) string { return anDocStr(r.Doc, "uut", "testSocketIndex") })
	// The test operation matches its name or its code as text (the emulator
	// accepts both).
	many(f.TestOperation, func(r *storedReport) []string {
		return []string{q.op(r), strconv.Itoa(anOperationCode(r))}
	})
	many(f.MiscDescription, func(r *storedReport) []string { return anMisc(r, "description") })
	many(f.MiscValue, func(r *storedReport) []string { return anMisc(r, "text") })
	return q, ""
}

// match reports whether r passes the filter (report type is checked by callers).
func (q *anQuery) match(r *storedReport) bool {
	if !q.from.IsZero() && r.Start.Before(q.from) || !q.to.IsZero() && r.Start.After(q.to) {
		return false
	}
	if q.status != "" && !strings.Contains(q.status, r.Result) {
		return false
	}
	for _, m := range q.matchers {
		if m.get != nil {
			if !m.pat.match(m.get(r)) {
				return false
			}
			continue
		}
		ok := false
		for _, v := range m.getAll(r) {
			if m.pat.match(v) {
				ok = true
				break
			}
		}
		if !ok {
			return false
		}
	}
	return true
}

// reports returns the stored reports of type typ ("T", "R" or "" for both)
// that pass the filter, oldest first.
func (e *Emulator) anReports(q *anQuery, typ string) []*storedReport {
	all := e.reports.list()
	out := all[:0]
	for _, r := range all {
		if (typ == "" || r.Type == typ) && q.match(r) {
			out = append(out, r)
		}
	}
	// Reports usually arrive in start order; sort only when they did not.
	if !sort.SliceIsSorted(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) }) {
		sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	}
	return out
}

// anPattern is a WATS wildcard pattern: ";" separates alternatives, "%"
// matches any run of characters, "_" one character; case-insensitive.
type anPattern struct{ alts []string }

func anCompile(p string) anPattern {
	var out anPattern
	for _, a := range strings.Split(p, ";") {
		out.alts = append(out.alts, strings.ToLower(a))
	}
	return out
}

func (p anPattern) match(s string) bool {
	var ls string
	for _, a := range p.alts {
		if !strings.ContainsAny(a, "%_") {
			if strings.EqualFold(a, s) {
				return true
			}
			continue
		}
		if ls == "" {
			ls = strings.ToLower(s)
		}
		if anLike([]rune(a), []rune(ls)) {
			return true
		}
	}
	return false
}

func anLike(p, s []rune) bool {
	for len(p) > 0 {
		switch p[0] {
		case '%':
			for len(p) > 0 && p[0] == '%' {
				p = p[1:]
			}
			if len(p) == 0 {
				return true
			}
			for i := 0; i <= len(s); i++ {
				if anLike(p, s[i:]) {
					return true
				}
			}
			return false
		case '_':
			if len(s) == 0 {
				return false
			}
		default:
			if len(s) == 0 || s[0] != p[0] {
				return false
			}
		}
		p, s = p[1:], s[1:]
	}
	return len(s) == 0
}

// anDocStr walks doc along keys and returns the string (or number text) there.
func anDocStr(doc map[string]any, keys ...string) string {
	var cur any = doc
	for _, k := range keys {
		m, ok := cur.(map[string]any)
		if !ok {
			return ""
		}
		cur = m[k]
	}
	switch v := cur.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return ""
}

func anDocNum(doc map[string]any, keys ...string) (float64, bool) {
	s := anDocStr(doc, keys...)
	if s == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// anOperationCode is the test operation of a report: the processCode of a
// UUT, the uur.processCode of a UUR.
func anOperationCode(r *storedReport) int {
	if r.Type == "R" {
		if n, ok := anDocNum(r.Doc, "uur", "processCode"); ok {
			return int(n)
		}
	}
	return r.ProcessCode
}

// anOperation is the test operation name: the processName the report
// carries, else the name of its code in the process table, else the code
// as text.
func anOperation(r *storedReport, names map[int]string) string {
	key := "processName"
	if r.Type == "R" {
		if s := anDocStr(r.Doc, "uur", key); s != "" {
			return s
		}
	} else if s := anDocStr(r.Doc, key); s != "" {
		return s
	}
	code := anOperationCode(r)
	if n, ok := names[code]; ok {
		return n
	}
	return strconv.Itoa(code)
}

func anMisc(r *storedReport, key string) []string {
	list, _ := r.Doc["miscInfos"].([]any)
	out := make([]string, 0, len(list))
	for _, it := range list {
		if m, ok := it.(map[string]any); ok {
			out = append(out, anDocStr(m, key))
		}
	}
	return out
}

func anParseTime(s string) (time.Time, bool) {
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.9999999", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// anPeriodStart truncates t (UTC) to the start of its period.
// Groupings: 0 year, 1 quarter, 2 month, 3 ISO week, 4 day, 5 hour.
func anPeriodStart(t time.Time, g int) time.Time {
	t = t.UTC()
	y, m, d := t.Date()
	switch g {
	case 0:
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	case 1:
		return time.Date(y, (m-1)/3*3+1, 1, 0, 0, 0, 0, time.UTC)
	case 2:
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	case 3:
		back := (int(t.Weekday()) + 6) % 7 // days since Monday
		return time.Date(y, m, d-back, 0, 0, 0, 0, time.UTC)
	case 4:
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	case 5:
		return time.Date(y, m, d, t.Hour(), 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

func anAddPeriods(t time.Time, g, n int) time.Time {
	switch g {
	case 0:
		return t.AddDate(n, 0, 0)
	case 1:
		return t.AddDate(0, 3*n, 0)
	case 2:
		return t.AddDate(0, n, 0)
	case 3:
		return t.AddDate(0, 0, 7*n)
	case 4:
		return t.AddDate(0, 0, n)
	case 5:
		return t.Add(time.Duration(n) * time.Hour)
	}
	return t
}

// anPeriod is the period label of t: its period start in RFC 3339 (UTC).
func anPeriod(t time.Time, g int) string {
	if g < 0 {
		return ""
	}
	return anPeriodStart(t, g).Format(time.RFC3339)
}
