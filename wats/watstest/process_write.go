package watstest

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/internal/guid"
)

// processBody is the Mes.Process model as the internal write routes read it.
type processBody struct {
	Code              int     `json:"Code"`
	ProcessID         string  `json:"ProcessID"`
	Name              string  `json:"Name"`
	Description       *string `json:"Description"`
	State             *int    `json:"State"`
	IsTestOperation   bool    `json:"IsTestOperation"`
	IsWIPOperation    bool    `json:"IsWIPOperation"`
	IsRepairOperation bool    `json:"IsRepairOperation"`
}

// apply copies the body's members onto p (the GUID and fail codes stay).
func (b processBody) apply(p *Process) {
	p.Code, p.Name = b.Code, strings.TrimSpace(b.Name)
	if b.Description != nil {
		p.Description = *b.Description
	}
	if b.State != nil {
		p.Inactive = *b.State == 0
	}
	p.Test, p.WIP, p.Repair = b.IsTestOperation, b.IsWIPOperation, b.IsRepairOperation
}

// Refusals of the process store's write methods.
var (
	errProcessMissing = errors.New("process not found")
	errProcessCode    = errors.New("process code is taken")
	errProcessInvalid = errors.New("a process needs a positive Code and a Name")
)

// create adds a process with a fresh GUID.
func (s *processState) create(b processBody) (Process, int, error) {
	var p Process
	b.apply(&p)
	if p.Code <= 0 || p.Name == "" {
		return Process{}, 0, errProcessInvalid
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, x := range s.procs {
		if x.Code == p.Code {
			return Process{}, 0, errProcessCode
		}
	}
	p.ID = stableGUID("process", strconv.Itoa(p.Code), strconv.Itoa(len(s.procs)))
	s.procs = append(s.procs, p)
	return p, len(s.procs) - 1, nil
}

// update replaces the processes named by the bodies' GUIDs, all or none.
func (s *processState) update(bs []processBody) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	next := append([]Process(nil), s.procs...)
	for _, b := range bs {
		i := processIndex(next, b.ProcessID)
		if i < 0 {
			return errProcessMissing
		}
		b.apply(&next[i])
		if next[i].Code <= 0 || next[i].Name == "" {
			return errProcessInvalid
		}
		for j, x := range next {
			if j != i && x.Code == next[i].Code {
				return errProcessCode
			}
		}
	}
	s.procs = next
	return nil
}

// remove deletes the process with GUID id and returns it.
func (s *processState) remove(id string) (Process, int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := processIndex(s.procs, id)
	if i < 0 {
		return Process{}, 0, errProcessMissing
	}
	p := s.procs[i]
	s.procs = append(s.procs[:i], s.procs[i+1:]...)
	return p, i, nil
}

// setRepair stores the repair configuration of the repair process id.
func (s *processState) setRepair(id string, cfg map[string]any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i := processIndex(s.procs, id)
	if i < 0 || !s.procs[i].Repair {
		return errProcessMissing
	}
	s.procs[i].repair = cfg
	return nil
}

func processIndex(ps []Process, id string) int {
	g, ok := guid.Normalize(id)
	if !ok {
		return -1
	}
	for i, p := range ps {
		if p.ID == g {
			return i
		}
	}
	return -1
}

// processWriteError answers a store refusal.
func processWriteError(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, errProcessMissing):
		writeError(w, http.StatusNotFound, "The process was not found.")
	case errors.Is(err, errProcessCode):
		writeError(w, http.StatusConflict, "A process with this code exists already.")
	default:
		writeError(w, http.StatusBadRequest, "%v", err)
	}
}

func (e *Emulator) installProcessWrites() {
	e.handle(http.MethodPost, "/api/internal/Process/PostProcess", e.servePostProcess)
	e.handle(http.MethodPut, "/api/internal/Process/PutProcess", e.servePutProcess)
	e.handle(http.MethodPut, "/api/internal/Process/Update", e.serveUpdateProcesses)
	e.handle(http.MethodDelete, "/api/internal/Process/DeleteProcess/{id}", e.serveDeleteProcess)
	e.handle(http.MethodPut, "/api/internal/Process/PutRepairOperation", e.servePutRepairOperation)
}

// servePostProcess serves POST /api/internal/Process/PostProcess: the
// stored process; 409 for a taken code.
func (e *Emulator) servePostProcess(w http.ResponseWriter, r *http.Request, _ Params) {
	var b processBody
	if !readJSON(w, r, &b) {
		return
	}
	p, i, err := e.processes.create(b)
	if err != nil {
		processWriteError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, internalProcess(p, i))
}

// servePutProcess serves PUT /api/internal/Process/PutProcess: 204.
func (e *Emulator) servePutProcess(w http.ResponseWriter, r *http.Request, _ Params) {
	var b processBody
	if !readJSON(w, r, &b) {
		return
	}
	if err := e.processes.update([]processBody{b}); err != nil {
		processWriteError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// serveUpdateProcesses serves PUT /api/internal/Process/Update: all or
// none of the processes change; 204.
func (e *Emulator) serveUpdateProcesses(w http.ResponseWriter, r *http.Request, _ Params) {
	var bs []processBody
	if !readJSON(w, r, &bs) {
		return
	}
	if err := e.processes.update(bs); err != nil {
		processWriteError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// serveDeleteProcess serves DELETE /api/internal/Process/DeleteProcess/{id}:
// the removed process.
func (e *Emulator) serveDeleteProcess(w http.ResponseWriter, _ *http.Request, p Params) {
	pr, i, err := e.processes.remove(p.Get("id"))
	if err != nil {
		processWriteError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, internalProcess(pr, i))
}

// servePutRepairOperation serves PUT /api/internal/Process/PutRepairOperation:
// stores the configuration (new fail codes and misc infos get GUIDs) and
// answers it.
func (e *Emulator) servePutRepairOperation(w http.ResponseWriter, r *http.Request, _ Params) {
	id := query(r, "processId")
	if _, ok := guid.Normalize(id); !ok {
		writeError(w, http.StatusBadRequest, "The value '%s' is not valid for processId.", id)
		return
	}
	var cfg map[string]any
	if !readJSON(w, r, &cfg) {
		return
	}
	cats, _ := cfg["Categories"].([]any)
	assignGUIDs(cats, "Failcodes")
	misc, _ := cfg["MiscInfos"].([]any)
	assignGUIDs(misc, "")
	if err := e.processes.setRepair(id, cfg); err != nil {
		processWriteError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, cfg)
}

// assignGUIDs gives every object of list without a GUID a new one, and
// recurses into the child list member.
func assignGUIDs(list []any, child string) {
	for _, it := range list {
		m, ok := it.(map[string]any)
		if !ok {
			continue
		}
		if g, _ := m["GUID"].(string); g == "" {
			m["GUID"] = newGUID()
		} else if n, ok := guid.Normalize(g); ok {
			m["GUID"] = n
		}
		if child != "" {
			sub, _ := m[child].([]any)
			assignGUIDs(sub, child)
		}
	}
}
