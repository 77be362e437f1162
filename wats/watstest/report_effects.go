package watstest

import (
	"fmt"
	"strings"
)

// What a stored report does to the other domains, as on a WATS server: the
// report's process must fit its type, UUR fail codes must come from the
// repair operation's tree, and the product, revision and unit a report names
// exist once it is stored (a client may read them right after submitting).
// The other domains' state is reached only through the small accessors at
// the end of this file.

// checkReportProcess returns the 400 message for a report whose process
// does not fit its type, or "" when it fits.
func (e *Emulator) checkReportProcess(rep *storedReport) string {
	proc, ok := e.processByCode(rep.ProcessCode)
	if !ok {
		return fmt.Sprintf("The process code %d is not defined on this server.", rep.ProcessCode)
	}
	switch rep.Type {
	case "T":
		if !proc.Test {
			return fmt.Sprintf("The process code %d (%s) is not a test operation; a UUT report needs one.", proc.Code, proc.Name)
		}
	case "R":
		if !proc.Repair {
			return fmt.Sprintf("The process code %d (%s) is not a repair operation; a UUR report needs one.", proc.Code, proc.Name)
		}
		return checkFailCodes(rep, proc)
	}
	return ""
}

// checkFailCodes requires every failure of a UUR to name a category of the
// repair operation and a code under it (compared case-insensitively).
func checkFailCodes(rep *storedReport, proc Process) string {
	for i, su := range objects(rep.Doc["subUnits"]) {
		for j, f := range objects(su["failures"]) {
			cat, _ := f["category"].(string)
			code, _ := f["code"].(string)
			if !failCodeKnown(proc, cat, code) {
				return fmt.Sprintf("subUnits[%d].failures[%d]: fail code %q/%q is not in the fail-code tree of repair operation %d (%s).",
					i, j, cat, code, proc.Code, proc.Name)
			}
		}
	}
	return ""
}

func failCodeKnown(proc Process, category, code string) bool {
	for _, c := range proc.FailCategories {
		if !strings.EqualFold(c.Name, category) {
			continue
		}
		for _, fc := range c.Codes {
			if strings.EqualFold(fc, code) {
				return true
			}
		}
	}
	return false
}

// applyReportEffects creates the product, its revision and the production
// unit of a stored report when they do not exist yet.
func (e *Emulator) applyReportEffects(rep *storedReport) {
	if strings.TrimSpace(rep.PartNumber) == "" {
		return
	}
	e.ensureProductRevision(rep.PartNumber, rep.Revision)
	if rep.SerialNumber != "" {
		e.ensureUnit(rep.SerialNumber, rep.PartNumber, rep.Revision)
	}
}

// processByCode looks a process up in the process table.
func (e *Emulator) processByCode(code int) (Process, bool) {
	for _, p := range e.processes.all() {
		if p.Code == code {
			return p, true
		}
	}
	return Process{}, false
}

// ensureProductRevision creates product pn and its revision rev when absent;
// existing ones are left exactly as they are.
func (e *Emulator) ensureProductRevision(pn, rev string) {
	s := e.products
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.products[pn]
	if !ok {
		var err error
		if p, err = s.upsert(&paProductIn{PartNumber: pn}); err != nil {
			return
		}
	}
	if rev != "" && p.revision(rev) == nil {
		_, _ = s.upsertRevision(&paRevisionIn{PartNumber: pn, Revision: rev})
	}
}

// ensureUnit creates the production unit sn/pn when absent, with the
// report's revision.
func (e *Emulator) ensureUnit(sn, pn, rev string) {
	ps := e.production
	ps.mu.Lock()
	defer ps.mu.Unlock()
	if ps.units[unitKey(sn, pn)] != nil {
		return
	}
	u := ps.upsertLocked(e.now(), sn, pn)
	u.rev = rev
}
