package production

import (
	"strconv"
	"strings"
)

// Phase is a unit phase id. Ids are bit values and
// the server may define more than the constants below; unknown values are
// kept as they are.
type Phase int

// Phase ids known from the server's document.
const (
	PhaseUnknown                    Phase = 1
	PhaseUnderProduction            Phase = 2
	PhaseProductionRepair           Phase = 4
	PhaseServiceRepair              Phase = 8
	PhaseFinalized                  Phase = 16
	PhaseScrapped                   Phase = 32
	PhaseExtendedTest               Phase = 64
	PhaseCustomization              Phase = 128
	PhaseRepaired                   Phase = 256
	PhaseMissing                    Phase = 512
	PhaseInStorage                  Phase = 1024
	PhaseShipped                    Phase = 2048
	PhaseUnderProductionQueued      Phase = 4098
	PhaseWaitingForProductionRepair Phase = 4100
	PhaseWaitingForServiceRepair    Phase = 4104
)

var phaseNames = map[Phase]string{
	PhaseUnknown:                    "Unknown",
	PhaseUnderProduction:            "UnderProduction",
	PhaseProductionRepair:           "ProductionRepair",
	PhaseServiceRepair:              "ServiceRepair",
	PhaseFinalized:                  "Finalized",
	PhaseScrapped:                   "Scrapped",
	PhaseExtendedTest:               "ExtendedTest",
	PhaseCustomization:              "Customization",
	PhaseRepaired:                   "Repaired",
	PhaseMissing:                    "Missing",
	PhaseInStorage:                  "InStorage",
	PhaseShipped:                    "Shipped",
	PhaseUnderProductionQueued:      "UnderProductionQueued",
	PhaseWaitingForProductionRepair: "WaitingForProductionRepair",
	PhaseWaitingForServiceRepair:    "WaitingForServiceRepair",
}

// String names a known phase, or "Phase(<n>)" for a server-defined one.
func (p Phase) String() string {
	if s, ok := phaseNames[p]; ok {
		return s
	}
	return "Phase(" + strconv.Itoa(int(p)) + ")"
}

// Queued reports whether the "queued / waiting" modifier bit (4096) is set.
func (p Phase) Queued() bool { return p&4096 != 0 }

// PhaseByName resolves a phase name or code from the server's phase list
// (Internal().Phases) the way WATS users write them: case-insensitively
// against Name first, then Code.
func PhaseByName(phases []UnitPhase, name string) (Phase, bool) {
	for _, p := range phases {
		if strings.EqualFold(p.Name, name) {
			return p.ID, true
		}
	}
	for _, p := range phases {
		if strings.EqualFold(p.Code, name) {
			return p.ID, true
		}
	}
	return 0, false
}
