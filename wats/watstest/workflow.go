package watstest

import (
	"net/http"
	"strings"
	"time"
)

// The test workflow of the emulator (GET /api/Workflow/StartTest and
// EndTest): a station announces the test of a unit and reports its end.
//
// Semantics chosen where the server's documents say nothing (both answers
// are documented as a bare object):
//   - StartTest creates the unit (under production) when it is unknown, as a
//     first test of a new unit does, and refuses with 400 a unit that is
//     Finalized, Scrapped or Shipped, or one whose test is already running;
//   - EndTest refuses with 400 a unit with no running test; a failed test
//     moves the unit to Production repair (phase 4);
//   - both answer {"serialNumber","partNumber","phase","inTest","passed"}.

type workflowTest struct {
	operator, station string
	started           time.Time
}

// workflowAnswer is the emulator's own answer shape (the document has none).
type workflowAnswer struct {
	SerialNumber string `json:"serialNumber"`
	PartNumber   string `json:"partNumber"`
	Phase        int    `json:"phase"`
	InTest       bool   `json:"inTest"`
	Passed       *bool  `json:"passed"`
}

// closedPhases are the phases a unit cannot be tested in.
var closedPhases = map[int]string{16: "Finalized", 32: "Scrapped", 2048: "Shipped"}

func (e *Emulator) installWorkflow() {
	e.handle(http.MethodGet, "/api/Workflow/StartTest", e.handleStartTest)
	e.handle(http.MethodGet, "/api/Workflow/EndTest", e.handleEndTest)
}

// workflowUnitArgs reads serialNumber and partNumber, answering 400 when
// either is missing, and the optional status.
func workflowUnitArgs(w http.ResponseWriter, r *http.Request) (sn, pn string, ok bool) {
	sn, pn = query(r, "serialNumber"), query(r, "partNumber")
	if strings.TrimSpace(sn) == "" || strings.TrimSpace(pn) == "" {
		writeError(w, http.StatusBadRequest, "The serialNumber and partNumber parameters are required.")
		return "", "", false
	}
	if _, ok := queryInt(w, r, "status", 0); !ok {
		return "", "", false
	}
	return sn, pn, true
}

func (e *Emulator) handleStartTest(w http.ResponseWriter, r *http.Request, _ Params) {
	sn, pn, ok := workflowUnitArgs(w, r)
	if !ok {
		return
	}
	ps := e.production
	ps.mu.Lock()
	defer ps.mu.Unlock()
	u := ps.upsertLocked(e.now(), sn, pn)
	if name, closed := closedPhases[u.phase]; closed {
		writeError(w, http.StatusBadRequest, "Unit %s is %s and cannot be tested.", u.sn, name)
		return
	}
	k := unitKey(u.sn, u.pn)
	if _, running := ps.tests[k]; running {
		writeError(w, http.StatusBadRequest, "A test of unit %s is already running.", u.sn)
		return
	}
	ps.tests[k] = &workflowTest{operator: query(r, "operatorName"), station: query(r, "stationName"), started: e.now()}
	writeJSON(w, http.StatusOK, workflowAnswer{SerialNumber: u.sn, PartNumber: u.pn, Phase: u.phase, InTest: true})
}

func (e *Emulator) handleEndTest(w http.ResponseWriter, r *http.Request, _ Params) {
	sn, pn, ok := workflowUnitArgs(w, r)
	if !ok {
		return
	}
	passed, ok := queryBool(w, r, "passed", false)
	if !ok {
		return
	}
	ps := e.production
	ps.mu.Lock()
	defer ps.mu.Unlock()
	u := ps.units[unitKey(sn, pn)]
	if u == nil || ps.tests[unitKey(sn, pn)] == nil {
		writeError(w, http.StatusBadRequest, "No test of unit %s is running.", sn)
		return
	}
	delete(ps.tests, unitKey(sn, pn))
	if !passed {
		ps.setPhaseLocked(e.now(), u, 4)
	}
	writeJSON(w, http.StatusOK, workflowAnswer{SerialNumber: u.sn, PartNumber: u.pn, Phase: u.phase, Passed: &passed})
}

// UnitInTest reports whether a workflow test of the unit is running, for
// test assertions.
func (e *Emulator) UnitInTest(serialNumber, partNumber string) bool {
	ps := e.production
	ps.mu.Lock()
	defer ps.mu.Unlock()
	return ps.tests[unitKey(serialNumber, partNumber)] != nil
}
