package watstest

import (
	"sync"
	"time"
)

// SKELETON: the report store. The report-service issue fills in the routes
// (R1–R9), seeding (WithReports) and inspection (Reports). The storedReport
// shape, put and list are a contract other emulator domains (production
// verification, analytics) already use; keep them.

// storedReport is one report held by the emulator.
type storedReport struct {
	ID           string // lower-case GUID
	Type         string // "T" (UUT) or "R" (UUR)
	PartNumber   string // "pn"
	SerialNumber string // "sn"
	Revision     string // "rev"
	ProcessCode  int    // "processCode"
	Result       string // "result": "P", "F", "E", "T", ...
	Station      string // "machineName"
	Start        time.Time
	ReceivedAt   time.Time
	// Doc is the whole document decoded generically (map[string]any with
	// json.Number numbers), as the client sent it.
	Doc map[string]any
	// Raw is the body as the client sent it.
	Raw []byte
}

type reportState struct {
	mu      sync.RWMutex
	byID    map[string]*storedReport
	ordered []*storedReport
}

func newReportState() *reportState { return &reportState{byID: map[string]*storedReport{}} }

// put stores r, replacing a report with the same id in place.
func (s *reportState) put(r *storedReport) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if old, ok := s.byID[r.ID]; ok {
		*old = *r
		return
	}
	s.byID[r.ID] = r
	s.ordered = append(s.ordered, r)
}

// list returns the stored reports in arrival order. The slice is a copy;
// the reports must be treated as read-only.
func (s *reportState) list() []*storedReport {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]*storedReport(nil), s.ordered...)
}

func (e *Emulator) installReport() {}
