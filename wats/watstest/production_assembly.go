package watstest

import (
	"fmt"
	"net/http"
	"strings"
)

// attachOpts are the overrides of an AddChildUnit call.
type attachOpts struct {
	checkPN, checkRev string
	skipPhase         bool
}

// maskAccepts applies a revision mask: comma-separated entries, a trailing
// "%" matching by prefix.
func maskAccepts(mask, rev string) bool {
	for _, m := range strings.Split(mask, ",") {
		m = strings.TrimSpace(m)
		if p, ok := strings.CutSuffix(m, "%"); ok {
			if strings.HasPrefix(rev, p) {
				return true
			}
		} else if m == rev {
			return true
		}
	}
	return false
}

func lineAccepts(l BoxBuildLine, rev string) bool {
	if l.RevisionMask != "" {
		return maskAccepts(l.RevisionMask, rev)
	}
	return l.Revision == "" || l.Revision == rev
}

func lineQty(l BoxBuildLine) int {
	if l.Quantity <= 0 {
		return 1
	}
	return l.Quantity
}

// attachLocked applies the Swagger's AddChildUnit rules and attaches child
// to parent. It returns 0 on success, else the status and message to answer.
func (ps *productionState) attachLocked(parent, child *prodUnit, o attachOpts) (int, string) {
	pk, ck := unitKey(parent.sn, parent.pn), unitKey(child.sn, child.pn)
	if pk == ck {
		return http.StatusBadRequest, "A unit cannot be its own child."
	}
	if child.parent != "" {
		p := ps.units[child.parent]
		return http.StatusBadRequest, fmt.Sprintf("Unit %s already has parent %s.", child.sn, p.sn)
	}
	for a := parent; a != nil; a = ps.units[a.parent] {
		if unitKey(a.sn, a.pn) == ck {
			return http.StatusBadRequest, fmt.Sprintf("Unit %s is an ancestor of %s.", child.sn, parent.sn)
		}
		if a.parent == "" {
			break
		}
	}
	if !o.skipPhase && child.phase != 16 {
		return http.StatusBadRequest, fmt.Sprintf("Unit %s is in phase %q; a child must be Finalized.", child.sn, phaseName(child.phase))
	}
	switch {
	case o.checkPN != "" || o.checkRev != "":
		if o.checkPN != "" && !strings.EqualFold(o.checkPN, child.pn) {
			return http.StatusBadRequest, fmt.Sprintf("Unit %s has part number %s, expected %s.", child.sn, child.pn, o.checkPN)
		}
		if o.checkRev != "" && !maskAccepts(o.checkRev, child.rev) {
			return http.StatusBadRequest, fmt.Sprintf("Unit %s has revision %s, expected %s.", child.sn, child.rev, o.checkRev)
		}
	default:
		lines, ok := ps.boxBuilds[boxKey(parent.pn, parent.rev)]
		if ok {
			if msg := ps.fitsBoxBuildLocked(parent, child, lines); msg != "" {
				return http.StatusBadRequest, msg
			}
		}
	}
	child.parent = pk
	parent.children = append(parent.children, ck)
	ps.changeLocked(unitChangeRec{UnitSerialNumber: child.sn, NewParentSerialNumber: parent.sn})
	return 0, ""
}

// fitsBoxBuildLocked says why child does not fit parent's box build ("" when it does).
func (ps *productionState) fitsBoxBuildLocked(parent, child *prodUnit, lines []BoxBuildLine) string {
	pnKnown := false
	for _, l := range lines {
		if !strings.EqualFold(l.PartNumber, child.pn) {
			continue
		}
		pnKnown = true
		if !lineAccepts(l, child.rev) {
			continue
		}
		n := 0
		for _, k := range parent.children {
			c := ps.units[k]
			if strings.EqualFold(c.pn, l.PartNumber) && lineAccepts(l, c.rev) {
				n++
			}
		}
		if n < lineQty(l) {
			return ""
		}
		return fmt.Sprintf("The box build of %s rev %s takes %d of %s; it has them already.", parent.pn, parent.rev, lineQty(l), l.PartNumber)
	}
	if pnKnown {
		return fmt.Sprintf("Revision %s of %s is not accepted by the box build of %s rev %s.", child.rev, child.pn, parent.pn, parent.rev)
	}
	return fmt.Sprintf("Part number %s is not in the box build of %s rev %s.", child.pn, parent.pn, parent.rev)
}

func (ps *productionState) detachLocked(parent, child *prodUnit) (int, string) {
	pk, ck := unitKey(parent.sn, parent.pn), unitKey(child.sn, child.pn)
	if child.parent != pk {
		return http.StatusBadRequest, fmt.Sprintf("Unit %s is not a child of %s.", child.sn, parent.sn)
	}
	child.parent = ""
	for i, k := range parent.children {
		if k == ck {
			parent.children = append(parent.children[:i:i], parent.children[i+1:]...)
			break
		}
	}
	ps.changeLocked(unitChangeRec{UnitSerialNumber: child.sn})
	return 0, ""
}

// childCheck is the emulator's CheckChildUnits answer (a shape of its
// own; the SDK returns it raw).
type childCheck struct {
	ParentSerialNumber string            `json:"parentSerialNumber"`
	ParentPartNumber   string            `json:"parentPartNumber"`
	IsValid            bool              `json:"isValid"`
	Messages           []string          `json:"messages"`
	Children           []childCheckEntry `json:"children"`
}

type childCheckEntry struct {
	SerialNumber string `json:"serialNumber"`
	PartNumber   string `json:"partNumber"`
	Revision     string `json:"revision"`
	PhaseOK      bool   `json:"phaseOk"`
}

func (ps *productionState) checkChildrenLocked(parent *prodUnit) childCheck {
	out := childCheck{ParentSerialNumber: parent.sn, ParentPartNumber: parent.pn, Messages: []string{}, Children: []childCheckEntry{}}
	for _, k := range parent.children {
		c := ps.units[k]
		e := childCheckEntry{SerialNumber: c.sn, PartNumber: c.pn, Revision: c.rev, PhaseOK: c.phase == 16}
		if !e.PhaseOK {
			out.Messages = append(out.Messages, fmt.Sprintf("Unit %s is not Finalized.", c.sn))
		}
		out.Children = append(out.Children, e)
	}
	if lines, ok := ps.boxBuilds[boxKey(parent.pn, parent.rev)]; ok {
		used := map[string]bool{}
		for _, l := range lines {
			n := 0
			for _, k := range parent.children {
				c := ps.units[k]
				if !used[k] && n < lineQty(l) && strings.EqualFold(c.pn, l.PartNumber) && lineAccepts(l, c.rev) {
					used[k] = true
					n++
				}
			}
			if n < lineQty(l) {
				out.Messages = append(out.Messages, fmt.Sprintf("Box build wants %d of %s, found %d.", lineQty(l), l.PartNumber, n))
			}
		}
		for _, k := range parent.children {
			if !used[k] {
				out.Messages = append(out.Messages, fmt.Sprintf("Unit %s (%s rev %s) is not in the box build.", ps.units[k].sn, ps.units[k].pn, ps.units[k].rev))
			}
		}
	}
	out.IsValid = len(out.Messages) == 0
	return out
}

// requireParams answers 400 naming the first absent parameter. Present but
// empty counts as given (checkPartNumber= is how "no override" is said).
func requireParams(w http.ResponseWriter, r *http.Request, names ...string) bool {
	for _, n := range names {
		if _, ok := queryLookup(r, n); !ok {
			writeError(w, http.StatusBadRequest, "The %s parameter is required.", n)
			return false
		}
	}
	return true
}

// pairLocked finds parent and child or writes 404.
func (ps *productionState) pairLocked(w http.ResponseWriter, psn, ppn, csn, cpn string) (*prodUnit, *prodUnit, bool) {
	parent := ps.units[unitKey(psn, ppn)]
	if parent == nil {
		writeError(w, http.StatusNotFound, "Parent unit %s with part number %s was not found.", psn, ppn)
		return nil, nil, false
	}
	child := ps.units[unitKey(csn, cpn)]
	if child == nil {
		writeError(w, http.StatusNotFound, "Child unit %s with part number %s was not found.", csn, cpn)
		return nil, nil, false
	}
	return parent, child, true
}

// changeChild applies change (attachLocked or detachLocked) to the parent
// named by the query parameters parentSN and parentPN and the child named
// by childSerialNumber and childPartNumber, under ps.mu. It writes the
// error response and reports false when a unit is missing or change
// refuses.
func (ps *productionState) changeChild(w http.ResponseWriter, r *http.Request, parentSN, parentPN string, change func(parent, child *prodUnit) (int, string)) bool {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	parent, child, ok := ps.pairLocked(w, query(r, parentSN), query(r, parentPN), query(r, "childSerialNumber"), query(r, "childPartNumber"))
	if !ok {
		return false
	}
	if st, msg := change(parent, child); st != 0 {
		writeError(w, st, "%s", msg)
		return false
	}
	return true
}

// attacher is attachLocked with the options o, for changeChild.
func (ps *productionState) attacher(o attachOpts) func(parent, child *prodUnit) (int, string) {
	return func(parent, child *prodUnit) (int, string) { return ps.attachLocked(parent, child, o) }
}

func (e *Emulator) installProductionAssembly() {
	e.handle(http.MethodPost, "/api/Production/AddChildUnit", e.handlePostProductionAddChildUnit)
	e.handle(http.MethodPost, "/api/Production/RemoveChildUnit", e.handlePostProductionRemoveChildUnit)
	e.handle(http.MethodGet, "/api/Production/CheckChildUnits", e.handleGetProductionCheckChildUnits)
}

func (e *Emulator) handlePostProductionAddChildUnit(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	if !requireParams(w, r, "parentSerialNumber", "parentPartNumber", "childSerialNumber", "childPartNumber", "checkPartNumber", "checkRevision") {
		return
	}
	if !ps.changeChild(w, r, "parentSerialNumber", "parentPartNumber", ps.attacher(attachOpts{checkPN: query(r, "checkPartNumber"), checkRev: query(r, "checkRevision")})) {
		return
	}
	writeJSON(w, http.StatusOK, true)
}

func (e *Emulator) handlePostProductionRemoveChildUnit(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	if !requireParams(w, r, "parentSerialNumber", "parentPartNumber", "childSerialNumber", "childPartNumber") {
		return
	}
	if !ps.changeChild(w, r, "parentSerialNumber", "parentPartNumber", ps.detachLocked) {
		return
	}
	writeJSON(w, http.StatusOK, true)
}

func (e *Emulator) handleGetProductionCheckChildUnits(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	if !requireParams(w, r, "parentSerialNumber", "parentPartNumber") {
		return
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	parent := ps.units[unitKey(query(r, "parentSerialNumber"), query(r, "parentPartNumber"))]
	if parent == nil {
		writeError(w, http.StatusNotFound, "Unit %s with part number %s was not found.", query(r, "parentSerialNumber"), query(r, "parentPartNumber"))
		return
	}
	writeJSON(w, http.StatusOK, ps.checkChildrenLocked(parent))
}
