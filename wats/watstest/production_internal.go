package watstest

import (
	"net/http"
	"strings"
)

// Internal production routes (/api/internal/...): the emulator answers
// with shapes of its own, PascalCase like the internal Swagger's models,
// because the real answers are untyped (the SDK returns them raw).

// mesUnit is the emulator's internal (PascalCase) unit, after the
// internal Swagger's Mes.Production.Unit.
type mesUnit struct {
	UnitID          string         `json:"UnitId"`
	SerialNumber    string         `json:"SerialNumber"`
	SerialDate      string         `json:"SerialDate"`
	CurrentLocation string         `json:"CurrentLocation,omitempty"`
	XMLData         string         `json:"XMLData,omitempty"`
	BatchSN         string         `json:"BatchSN,omitempty"`
	UnitPhaseID     int            `json:"UnitPhaseId"`
	Process         string         `json:"Process,omitempty"`
	ParentUnitID    string         `json:"ParentUnitId,omitempty"`
	Product         map[string]any `json:"Product"`
	ProductRevision map[string]any `json:"ProductRevision"`
	Children        []mesUnit      `json:"Children"`
}

func (ps *productionState) mesLocked(u *prodUnit, depth int) mesUnit {
	out := mesUnit{UnitID: u.id, SerialNumber: u.sn, SerialDate: dotnetTime(u.serialDate),
		CurrentLocation: u.location, XMLData: u.xmlData, BatchSN: u.batch, UnitPhaseID: u.phase, Process: u.processName,
		Product: map[string]any{"PartNumber": u.pn}, ProductRevision: map[string]any{"PartNumber": u.pn, "Revision": u.rev},
		Children: []mesUnit{}}
	if p, ok := ps.units[u.parent]; ok {
		out.ParentUnitID = p.id
	}
	if depth < 32 {
		for _, k := range u.children {
			out.Children = append(out.Children, ps.mesLocked(ps.units[k], depth+1))
		}
	}
	return out
}

type unitContent struct {
	PartNumber string        `json:"PartNumber"`
	Revision   string        `json:"Revision"`
	Level      int           `json:"Level"`
	ItemID     string        `json:"ItemId"`
	Children   []unitContent `json:"Children"`
	Units      []mesUnit     `json:"Units"`
}

func (ps *productionState) contentLocked(u *prodUnit, level int) unitContent {
	out := unitContent{PartNumber: u.pn, Revision: u.rev, Level: level, ItemID: u.id, Children: []unitContent{},
		Units: []mesUnit{ps.mesLocked(u, 32)}}
	if level < 32 {
		for _, k := range u.children {
			out.Children = append(out.Children, ps.contentLocked(ps.units[k], level+1))
		}
	}
	return out
}

// unitRoute serves an internal read of one unit: serialNumber required,
// partNumber required unless pnOptional.
func (e *Emulator) unitRoute(pnOptional bool, answer func(ps *productionState, u *prodUnit) any) HandlerFunc {
	ps := e.production
	return func(w http.ResponseWriter, r *http.Request, _ Params) {
		sn, pn := query(r, "serialNumber"), query(r, "partNumber")
		if sn == "" || (!pnOptional && pn == "") {
			writeError(w, http.StatusBadRequest, "serialNumber and partNumber are required.")
			return
		}
		ps.mu.Lock()
		defer ps.mu.Unlock()
		u := ps.findLocked(sn, pn)
		if u == nil {
			writeError(w, http.StatusNotFound, "Unit %s was not found.", sn)
			return
		}
		writeJSON(w, http.StatusOK, answer(ps, u))
	}
}

func (e *Emulator) installProductionInternal() {
	e.handle(http.MethodGet, "/api/internal/Mes/GetUnitPhases", e.handleGetInternalMesGetUnitPhases)
	e.handle(http.MethodGet, "/api/internal/Production/isConnected", e.handleGetInternalProductionIsConnected)
	e.handle(http.MethodGet, "/api/internal/Production/GetSites", e.handleGetInternalProductionGetSites)
	e.handle(http.MethodGet, "/api/internal/Production/GetUnit", e.unitRoute(true, func(ps *productionState, u *prodUnit) any {
		return ps.mesLocked(u, 0)
	}))
	e.handle(http.MethodGet, "/api/internal/Production/GetUnitInfo", e.unitRoute(false, func(ps *productionState, u *prodUnit) any {
		m := map[string]any{"SerialNumber": u.sn, "PartNumber": u.pn, "Revision": u.rev, "UnitPhaseId": u.phase,
			"UnitPhase": phaseName(u.phase), "ProcessName": u.processName, "BatchNumber": u.batch, "ParentSerialNumber": ""}
		if p, ok := ps.units[u.parent]; ok {
			m["ParentSerialNumber"] = p.sn
		}
		return m
	}))
	e.handle(http.MethodGet, "/api/internal/Production/GetUnitHierarchy", e.unitRoute(false, func(ps *productionState, u *prodUnit) any {
		return ps.mesLocked(u, 0)
	}))
	e.handle(http.MethodGet, "/api/internal/Production/GetUnitStateHistory", e.unitRoute(false, func(ps *productionState, u *prodUnit) any {
		out := make([]map[string]any, 0, len(u.history))
		for _, h := range u.history {
			out = append(out, map[string]any{"Time": dotnetTime(h.At), "UnitPhaseId": h.Phase, "ProcessName": h.ProcessName})
		}
		return out
	}))
	e.handle(http.MethodGet, "/api/internal/Production/GetUnitPhase", e.unitRoute(false, func(ps *productionState, u *prodUnit) any {
		for _, p := range unitPhases {
			if p.UnitPhaseID == u.phase {
				return p
			}
		}
		return phaseDef{UnitPhaseID: u.phase}
	}))
	e.handle(http.MethodGet, "/api/internal/Production/GetUnitProcess", e.unitRoute(false, func(ps *productionState, u *prodUnit) any {
		return map[string]any{"ProcessName": u.processName}
	}))
	e.handle(http.MethodGet, "/api/internal/Production/GetUnitContents", e.handleGetInternalProductionGetUnitContents)

	e.handle(http.MethodPost, "/api/internal/Production/CreateUnit", e.handlePostInternalProductionCreateUnit)

	e.handle(http.MethodPost, "/api/internal/Production/AddChildUnit", e.handlePostInternalProductionAddChildUnit)
	e.handle(http.MethodPost, "/api/internal/Production/RemoveChildUnit", e.handlePostInternalProductionRemoveChildUnit)
	e.handle(http.MethodPost, "/api/internal/Production/RemoveAllChildUnits", e.handlePostInternalProductionRemoveAllChildUnits)
	e.handle(http.MethodGet, "/api/internal/Production/CheckChildUnits", e.handleGetInternalProductionCheckChildUnits)
}

func (e *Emulator) handleGetInternalMesGetUnitPhases(w http.ResponseWriter, r *http.Request, _ Params) {
	writeJSON(w, http.StatusOK, unitPhases)
}

func (e *Emulator) handleGetInternalProductionIsConnected(w http.ResponseWriter, r *http.Request, _ Params) {
	writeJSON(w, http.StatusOK, true)
}

func (e *Emulator) handleGetInternalProductionGetSites(w http.ResponseWriter, r *http.Request, _ Params) {
	writeJSON(w, http.StatusOK, []map[string]any{{"SiteId": 1, "Name": "Main", "Description": "Emulated site"}})
}

func (e *Emulator) handleGetInternalProductionGetUnitContents(w http.ResponseWriter, r *http.Request, p Params) {
	if query(r, "revision") == "" {
		writeError(w, http.StatusBadRequest, "serialNumber, partNumber and revision are required.")
		return
	}
	e.unitRoute(false, func(ps *productionState, u *prodUnit) any {
		return []unitContent{ps.contentLocked(u, 0)}
	})(w, r, p)
}

func (e *Emulator) handlePostInternalProductionCreateUnit(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	sn, pn, rev := query(r, "serialNumber"), query(r, "partNumber"), query(r, "revision")
	phase, ok := queryInt(w, r, "unitPhase", 0)
	if !ok {
		return
	}
	if sn == "" || pn == "" || rev == "" {
		writeError(w, http.StatusBadRequest, "serialNumber, partNumber and revision are required.")
		return
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if _, exists := ps.units[unitKey(sn, pn)]; exists {
		writeError(w, http.StatusBadRequest, "Unit %s with part number %s already exists.", sn, pn)
		return
	}
	u := ps.upsertLocked(e.now(), sn, pn)
	u.rev, u.batch = rev, query(r, "batchNumber")
	if phase > 0 {
		u.phase = phase
		u.history[0].Phase = phase
	}
	writeJSON(w, http.StatusOK, ps.mesLocked(u, 0))
}

func (e *Emulator) handlePostInternalProductionAddChildUnit(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	if !requireParams(w, r, "serialNumber", "partNumber", "childSerialNumber", "childPartNumber", "checkPartNumber", "checkRevision", "cultureCode") {
		return
	}
	checkPhase, ok := queryBool(w, r, "checkPhase", true)
	if !ok {
		return
	}
	if !ps.changeChild(w, r, "serialNumber", "partNumber", ps.attacher(attachOpts{checkPN: query(r, "checkPartNumber"), checkRev: query(r, "checkRevision"), skipPhase: !checkPhase})) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"Success": true, "Message": "Child unit added."})
}

func (e *Emulator) handlePostInternalProductionRemoveChildUnit(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	if !requireParams(w, r, "serialNumber", "partNumber", "childSerialNumber", "childPartNumber") {
		return
	}
	if !ps.changeChild(w, r, "serialNumber", "partNumber", ps.detachLocked) {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"Success": true, "Message": "Child unit removed."})
}

func (e *Emulator) handlePostInternalProductionRemoveAllChildUnits(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	if !requireParams(w, r, "serialNumber", "partNumber") {
		return
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	parent := ps.units[unitKey(query(r, "serialNumber"), query(r, "partNumber"))]
	if parent == nil {
		writeError(w, http.StatusNotFound, "Unit %s was not found.", query(r, "serialNumber"))
		return
	}
	n := len(parent.children)
	for len(parent.children) > 0 {
		ps.detachLocked(parent, ps.units[parent.children[0]])
	}
	writeJSON(w, http.StatusOK, map[string]any{"Success": true, "Removed": n})
}

func (e *Emulator) handleGetInternalProductionCheckChildUnits(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	// This route's keys are PascalCase in the Swagger; binding is
	// case-insensitive, as ASP.NET's is.
	if !requireParams(w, r, "ParentSerialNumber", "ParentPartNumber", "CultureCode") {
		return
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	parent := ps.units[unitKey(query(r, "ParentSerialNumber"), query(r, "ParentPartNumber"))]
	if parent == nil {
		writeError(w, http.StatusNotFound, "Unit %s was not found.", query(r, "ParentSerialNumber"))
		return
	}
	c := ps.checkChildrenLocked(parent)
	writeJSON(w, http.StatusOK, map[string]any{"IsValid": c.IsValid, "Messages": c.Messages, "Message": strings.Join(c.Messages, " ")})
}
