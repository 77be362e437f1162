package watstest

import (
	"crypto/sha1"
	"encoding/hex"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/watsgo/sdk/internal/guid"
)

// Process seeds one process (operation type) into the emulator.
type Process struct {
	// Code is the process code (processCode in reports).
	Code int
	// Name is the display name.
	Name string
	// Description is free text.
	Description string
	// Test, Repair and WIP set isTestOperation, isRepairOperation and
	// isWipOperation.
	Test, Repair, WIP bool
	// Inactive processes (state 0) are listed only with includeInactiveProcesses=true.
	Inactive bool
	// ID is the process GUID of the internal routes; derived from Code when empty.
	ID string
	// FailCategories is the fail-code tree of a repair operation.
	FailCategories []FailCategory

	// repair is the configuration stored by PutRepairOperation, which
	// replaces the one derived from FailCategories.
	repair map[string]any
}

// FailCategory is a fail-code category with its fail codes, by description.
type FailCategory struct {
	// Name is the category description, e.g. "Component".
	Name string
	// Codes are the fail-code descriptions, e.g. "Burned Component".
	Codes []string
}

// DefaultProcesses returns the process list the emulator starts with:
// test operations (10, 50, 90, 100), WIP operations (200, 210), repair
// operations (500, 510) and one inactive test operation (999).
func DefaultProcesses() []Process {
	cats := []FailCategory{
		{Name: "Component", Codes: []string{"Burned Component", "Missing Component", "Wrong Component", "Wrong Polarity"}},
		{Name: "Solder", Codes: []string{"Short Circuit", "Open Solder Joint", "Insufficient Solder"}},
		{Name: "Mechanical", Codes: []string{"Damaged Housing", "Loose Connector"}},
		{Name: "Other", Codes: []string{"No Fault Found"}},
	}
	return []Process{
		{Code: 10, Name: "SW Debug", Description: "Software debugging runs", Test: true},
		{Code: 50, Name: "PCBA test", Description: "In-circuit and functional test of the bare board", Test: true},
		{Code: 90, Name: "Burn In test", Description: "Extended run at temperature", Test: true},
		{Code: 100, Name: "End of line test", Description: "Final functional test", Test: true},
		{Code: 200, Name: "Assembly", Description: "Box build", WIP: true},
		{Code: 210, Name: "Packing", Description: "Packing and labelling", WIP: true},
		{Code: 500, Name: "Repair", Description: "Repair", Repair: true, FailCategories: cats},
		{Code: 510, Name: "RMA repair", Description: "Repair of returned units", Repair: true, FailCategories: cats},
		{Code: 999, Name: "Legacy final test", Description: "Retired", Test: true, Inactive: true},
	}
}

// WithProcesses replaces the seeded process list. A list with a repeated
// code, an empty name or an ID that is not a GUID is refused (see
// SeedError) and the previous list stays.
func WithProcesses(ps ...Process) Option {
	return func(e *Emulator) { e.recordSeedError(e.processes.set(ps)) }
}

type processState struct {
	mu    sync.RWMutex
	procs []Process // in processIndex order
}

func newProcessState() *processState {
	s := &processState{}
	s.procs = normaliseProcesses(DefaultProcesses())
	return s
}

// normaliseProcesses copies ps, deriving missing GUIDs and lower-casing given ones.
func normaliseProcesses(ps []Process) []Process {
	cp := make([]Process, len(ps))
	copy(cp, ps)
	for i := range cp {
		if cp[i].ID == "" {
			cp[i].ID = stableGUID("process", strconv.Itoa(cp[i].Code))
		}
		cp[i].ID = strings.ToLower(strings.TrimSpace(cp[i].ID))
	}
	return cp
}

// set replaces the list, or refuses it whole.
func (s *processState) set(ps []Process) error {
	cp := normaliseProcesses(ps)
	codes, ids := map[int]bool{}, map[string]bool{}
	for _, p := range cp {
		switch {
		case strings.TrimSpace(p.Name) == "":
			return fmt.Errorf("WithProcesses: process %d has no name", p.Code)
		case !guid.Valid(p.ID):
			return fmt.Errorf("WithProcesses: process %d: ID %q is not a GUID", p.Code, p.ID)
		case codes[p.Code] || ids[p.ID]:
			return fmt.Errorf("WithProcesses: process %d or its ID %s is seeded twice", p.Code, p.ID)
		}
		codes[p.Code], ids[p.ID] = true, true
	}
	s.mu.Lock()
	s.procs = cp
	s.mu.Unlock()
	return nil
}

func (s *processState) all() []Process {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]Process(nil), s.procs...)
}

// byID returns the process with GUID id and its index in the list.
func (s *processState) byID(id string) (Process, int, bool) {
	for i, p := range s.all() {
		if strings.EqualFold(p.ID, id) {
			return p, i, true
		}
	}
	return Process{}, 0, false
}

// stableGUID derives a GUID-shaped id from its parts, so seeded data has
// the same ids in every run.
func stableGUID(parts ...string) string {
	sum := sha1.Sum([]byte(strings.Join(parts, "\x00")))
	b := sum[:16]
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

func state(p Process) int {
	if p.Inactive {
		return 0
	}
	return 1
}

// publicProcess is the camelCase ProcessInfo of GET /api/App/Processes.
func publicProcess(p Process, index int) map[string]any {
	return map[string]any{
		"code": p.Code, "name": p.Name, "description": p.Description,
		"isTestOperation": p.Test, "isRepairOperation": p.Repair, "isWipOperation": p.WIP,
		"processIndex": index, "state": state(p),
	}
}

// internalProcess is the PascalCase model of the internal routes.
func internalProcess(p Process, index int) map[string]any {
	return map[string]any{
		"Code": p.Code, "Name": p.Name, "Description": p.Description, "ProcessID": p.ID,
		"ProcessIndex": index, "State": state(p), "Properties": nil,
		"IsTestOperation": p.Test, "IsRepairOperation": p.Repair, "IsWIPOperation": p.WIP,
	}
}

func repairConfig(p Process) map[string]any {
	if p.repair != nil {
		return p.repair
	}
	cats := make([]map[string]any, 0, len(p.FailCategories))
	for i, c := range p.FailCategories {
		codes := make([]map[string]any, 0, len(c.Codes))
		for j, code := range c.Codes {
			codes = append(codes, map[string]any{
				"GUID": stableGUID("failcode", c.Name, code), "Description": code, "Selectable": true,
				"SortOrder": j, "FailureType": 0, "ImageConstraint": nil, "Status": 1, "Failcodes": []any{},
			})
		}
		cats = append(cats, map[string]any{
			"GUID": stableGUID("failcategory", c.Name), "Description": c.Name, "Selectable": true,
			"SortOrder": i, "FailureType": 0, "ImageConstraint": nil, "Status": 1, "Failcodes": codes,
		})
	}
	return map[string]any{
		"Description": p.Description, "UUTRequired": 1, "CompRefMask": nil, "CompRefMaskDescription": nil,
		"BomConstraint": nil, "BOMRequired": 1, "VendorRequired": 2, "Categories": cats, "MiscInfos": []any{},
	}
}

func (e *Emulator) installProcess() {
	e.handle(http.MethodGet, "/api/App/Processes", e.listProcesses)
	e.handle(http.MethodGet, "/api/internal/Process/GetProcesses", e.serveInternalProcesses)
	e.handle(http.MethodGet, "/api/internal/Process/GetProcess/{id}", e.serveInternalProcess)
	e.handle(http.MethodGet, "/api/internal/Process/GetRepairOperations", e.serveRepairOperations)
	e.handle(http.MethodGet, "/api/internal/Process/GetRepairOperation/{id}", e.serveRepairOperation)
	e.installProcessWrites()
}

// serveInternalProcesses serves GET /api/internal/Process/GetProcesses:
// the Mes.Process model of every process.
func (e *Emulator) serveInternalProcesses(w http.ResponseWriter, _ *http.Request, _ Params) {
	out := []map[string]any{}
	for i, p := range e.processes.all() {
		out = append(out, internalProcess(p, i))
	}
	writeJSON(w, http.StatusOK, out)
}

// serveInternalProcess serves GET /api/internal/Process/GetProcess/{id}.
func (e *Emulator) serveInternalProcess(w http.ResponseWriter, _ *http.Request, p Params) {
	pr, i, ok := e.processes.byID(p.Get("id"))
	if !ok {
		writeError(w, http.StatusNotFound, "Process '%s' was not found.", p.Get("id"))
		return
	}
	writeJSON(w, http.StatusOK, internalProcess(pr, i))
}

// serveRepairOperations serves GET /api/internal/Process/GetRepairOperations:
// an object keyed by repair process code.
func (e *Emulator) serveRepairOperations(w http.ResponseWriter, _ *http.Request, _ Params) {
	out := map[string]any{}
	for _, p := range e.processes.all() {
		if p.Repair {
			out[strconv.Itoa(p.Code)] = repairConfig(p)
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// serveRepairOperation serves GET /api/internal/Process/GetRepairOperation/{id}.
func (e *Emulator) serveRepairOperation(w http.ResponseWriter, r *http.Request, p Params) {
	code, ok := queryInt(w, r, "processCode", -1)
	if !ok {
		return
	}
	pr, _, found := e.processes.byID(p.Get("id"))
	if !found || !pr.Repair || (code >= 0 && code != pr.Code) {
		writeError(w, http.StatusNotFound, "Repair operation '%s' was not found.", p.Get("id"))
		return
	}
	writeJSON(w, http.StatusOK, repairConfig(pr))
}

// listProcesses serves GET /api/App/Processes. Without any of the three
// kind flags every kind is listed; with some, only kinds whose flag is
// true. Inactive processes only with includeInactiveProcesses=true.
func (e *Emulator) listProcesses(w http.ResponseWriter, r *http.Request, _ Params) {
	flags := map[string]bool{}
	anyKind := false
	for _, name := range []string{"includeTestOperations", "includeRepairOperations", "includeWipOperations", "includeInactiveProcesses"} {
		v, ok := queryBool(w, r, name, false)
		if !ok {
			return
		}
		flags[name] = v
		if _, present := queryLookup(r, name); present && name != "includeInactiveProcesses" {
			anyKind = true
		}
	}
	procs := e.processes.all()
	out := make([]map[string]any, 0, len(procs))
	for i, p := range procs {
		if p.Inactive && !flags["includeInactiveProcesses"] {
			continue
		}
		if anyKind && !(p.Test && flags["includeTestOperations"] || p.Repair && flags["includeRepairOperations"] || p.WIP && flags["includeWipOperations"]) {
			continue
		}
		out = append(out, publicProcess(p, i))
	}
	writeJSON(w, http.StatusOK, out)
}

// SetProcesses replaces the process list of a running emulator (for
// testing cache refreshes). A list WithProcesses would refuse is refused
// here too, and the previous list stays.
func (e *Emulator) SetProcesses(ps ...Process) error { return e.processes.set(ps) }
