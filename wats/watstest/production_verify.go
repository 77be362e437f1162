package watstest

import (
	"encoding/json"
	"sort"
	"strings"
	"time"
)

// gradeRow is one process row of a verification grade (UnitVerification).
type gradeRow struct {
	ProcessCode    int     `json:"processCode"`
	ProcessName    string  `json:"processName,omitempty"`
	ProcessIndex   int     `json:"processIndex"`
	Status         string  `json:"status"`
	StartUTC       *string `json:"startUtc"`
	StationName    string  `json:"stationName,omitempty"`
	TotalCount     int     `json:"totalCount"`
	NonPassedCount int     `json:"nonPassedCount"`
	RepairCount    int     `json:"repairCount"`

	firstStart time.Time
	firstPass  bool
	anyPass    bool
	lastPass   bool
}

// gradeAnswer is the UnitVerificationGrade the emulator answers.
type gradeAnswer struct {
	Status                             string     `json:"status"`
	Grade                              string     `json:"grade"`
	AllProcessesExecutedInCorrectOrder bool       `json:"allProcessesExecutedInCorrectOrder"`
	AllProcessesPassedFirstRun         bool       `json:"allProcessesPassedFirstRun"`
	AllProcessesPassedAnyRun           bool       `json:"allProcessesPassedAnyRun"`
	AllProcessesPassedLastRun          bool       `json:"allProcessesPassedLastRun"`
	NoRepairs                          bool       `json:"noRepairs"`
	Results                            []gradeRow `json:"results"`
}

// resultStatus spells a WSJF result code the way the grade's status does
// (the emulator's choice of words).
func resultStatus(code string) string {
	switch strings.ToUpper(code) {
	case "P":
		return "Passed"
	case "F":
		return "Failed"
	case "E":
		return "Error"
	case "T":
		return "Terminated"
	}
	return "Unknown"
}

// gradeUnit derives a unit's verification grade from the reports the
// emulator holds, at the moment of the call (nothing is cached). Rows are
// the part number's verification rule (WithVerificationRule) or, without
// one, the processes the unit's UUT reports ran, in order of first run.
// Repairs are UUR reports whose uur.processCode names the process.
//
// Grade letters are the emulator's invention:
// "A" every process passed first run, in order, without repairs; "B" every
// process passed its last run; "C" some process not run yet; "F" some
// process failed its last run. ok is false when neither the unit nor any
// report for it exists.
func (e *Emulator) gradeUnit(sn, pn string) (gradeAnswer, bool) {
	ps := e.production
	ps.mu.Lock()
	u := ps.findLocked(sn, pn)
	if u != nil && pn == "" {
		pn = u.pn
	}
	var rule []int
	if pn != "" {
		rule = ps.rules[strings.ToLower(pn)]
	}
	ps.mu.Unlock()

	var uuts, uurs []*storedReport
	for _, r := range e.reports.list() {
		if !strings.EqualFold(r.SerialNumber, sn) || (pn != "" && !strings.EqualFold(r.PartNumber, pn)) {
			continue
		}
		if r.Type == "R" {
			uurs = append(uurs, r)
		} else {
			uuts = append(uuts, r)
		}
	}
	if u == nil && len(uuts)+len(uurs) == 0 {
		return gradeAnswer{}, false
	}
	sort.SliceStable(uuts, func(i, j int) bool { return uuts[i].Start.Before(uuts[j].Start) })

	rows := map[int]*gradeRow{}
	var order []int
	add := func(code int) *gradeRow {
		if r, ok := rows[code]; ok {
			return r
		}
		r := &gradeRow{ProcessCode: code, ProcessIndex: len(order), Status: "Unknown"}
		rows[code] = r
		order = append(order, code)
		return r
	}
	for _, c := range rule {
		add(c)
	}
	for _, r := range uuts {
		row, inRule := rows[r.ProcessCode]
		if !inRule {
			if len(rule) > 0 {
				continue // processes outside the rule do not count
			}
			row = add(r.ProcessCode)
		}
		pass := strings.EqualFold(r.Result, "P")
		if row.TotalCount == 0 {
			row.firstStart, row.firstPass = r.Start, pass
		}
		row.TotalCount++
		if !pass {
			row.NonPassedCount++
		}
		row.anyPass = row.anyPass || pass
		row.lastPass = pass
		row.Status = resultStatus(r.Result)
		row.StationName = r.Station
		start := dotnetTime(r.Start)
		row.StartUTC = &start
		if name, ok := r.Doc["processName"].(string); ok && name != "" {
			row.ProcessName = name
		}
	}
	for _, r := range uurs {
		if uur, ok := r.Doc["uur"].(map[string]any); ok {
			if n, ok := uur["processCode"].(json.Number); ok {
				if code, err := n.Int64(); err == nil {
					if row, ok := rows[int(code)]; ok {
						row.RepairCount++
					}
				}
			}
		}
	}

	g := gradeAnswer{AllProcessesExecutedInCorrectOrder: true, AllProcessesPassedFirstRun: true,
		AllProcessesPassedAnyRun: true, AllProcessesPassedLastRun: true, NoRepairs: len(uurs) == 0}
	missing, failed := false, false
	var prev time.Time
	for _, c := range order {
		row := rows[c]
		if row.TotalCount == 0 {
			missing = true
			g.AllProcessesPassedFirstRun, g.AllProcessesPassedAnyRun, g.AllProcessesPassedLastRun = false, false, false
		} else {
			if row.firstStart.Before(prev) {
				g.AllProcessesExecutedInCorrectOrder = false
			}
			prev = row.firstStart
			g.AllProcessesPassedFirstRun = g.AllProcessesPassedFirstRun && row.firstPass
			g.AllProcessesPassedAnyRun = g.AllProcessesPassedAnyRun && row.anyPass
			g.AllProcessesPassedLastRun = g.AllProcessesPassedLastRun && row.lastPass
			failed = failed || !row.lastPass
		}
		g.Results = append(g.Results, *row)
	}
	switch {
	case failed:
		g.Status, g.Grade = "Failed", "F"
	case missing || len(order) == 0:
		g.Status, g.Grade = "Unknown", "C"
	case g.AllProcessesPassedFirstRun && g.AllProcessesExecutedInCorrectOrder && g.NoRepairs:
		g.Status, g.Grade = "Passed", "A"
	default:
		g.Status, g.Grade = "Passed", "B"
	}
	if g.Results == nil {
		g.Results = []gradeRow{}
	}
	return g, true
}
