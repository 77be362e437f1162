package report

// Step and measurement status codes. Report results use P, F, E
// and T only; measurements P, F and S only.
const (
	StatusPassed     = "P"
	StatusFailed     = "F"
	StatusDone       = "D"
	StatusSkipped    = "S"
	StatusError      = "E"
	StatusTerminated = "T"
	StatusUnknown    = "U"
)

// Step groups.
const (
	GroupSetup   = "S"
	GroupMain    = "M"
	GroupCleanup = "C"
)

// severity orders step statuses for propagation:
// P < D < S < F < E < T; unknown codes rank lowest.
func severity(code string) int {
	switch code {
	case StatusPassed:
		return 1
	case StatusDone:
		return 2
	case StatusSkipped:
		return 3
	case StatusFailed:
		return 4
	case StatusError:
		return 5
	case StatusTerminated:
		return 6
	}
	return 0
}

// failing reports whether a step status propagates to its parent (F, E, T).
func failing(code string) bool { return severity(code) >= severity(StatusFailed) }

// measStatusFor maps an explicit step status to the status of the step's
// single measurement, as the C# client does.
func measStatusFor(step string) string {
	switch step {
	case StatusFailed, StatusError, StatusTerminated:
		return StatusFailed
	case StatusSkipped:
		return StatusSkipped
	}
	return StatusPassed
}

// resultFor maps the root step's status to a report result.
func resultFor(root string) string {
	switch root {
	case StatusFailed, StatusError, StatusTerminated:
		return root
	}
	return StatusPassed
}

// isAuto reports whether a status may be (re)computed: it is unset, empty or
// still equal to what the SDK computed before. Anything else was set by the
// caller (or read from the wire) and wins.
func isAuto(s Str, computed statusMemo) bool {
	return !s.IsSet() || s.v == "" || (computed != 0 && s.v == computed.String())
}

// statusMemo remembers a computed status code in one byte (0: none).
type statusMemo uint8

const memoCodes = "PFDSETU"

func memoOf(code string) statusMemo {
	if len(code) == 1 {
		for i := 0; i < len(memoCodes); i++ {
			if memoCodes[i] == code[0] {
				return statusMemo(i + 1)
			}
		}
	}
	return 0
}

func (m statusMemo) String() string {
	if m == 0 || int(m) > len(memoCodes) {
		return ""
	}
	return memoCodes[m-1 : m]
}
