package report

import (
	"math"
	"strings"
)

// CompOp is a comparison operator. The wire value is a free
// string; ParseCompOp maps the spellings seen in real data to these names.
type CompOp string

// Numeric operators. A single limit (EQ … LE) is the low limit.
const (
	LOG  CompOp = "LOG"
	EQ   CompOp = "EQ"
	NE   CompOp = "NE"
	GT   CompOp = "GT"
	GE   CompOp = "GE"
	LT   CompOp = "LT"
	LE   CompOp = "LE"
	GTLT CompOp = "GTLT"
	GTLE CompOp = "GTLE"
	GELT CompOp = "GELT"
	GELE CompOp = "GELE"
	LTGT CompOp = "LTGT"
	LTGE CompOp = "LTGE"
	LEGT CompOp = "LEGT"
	LEGE CompOp = "LEGE"
)

// String-only operators; EQ, NE and LOG also apply to strings.
const (
	CaseSensitive CompOp = "CASESENSIT"
	IgnoreCase    CompOp = "IGNORECASE"
)

// ParseCompOp maps a wire spelling to its canonical operator,
// case-insensitively ("IgnoreCase" → IGNORECASE); "EQUAL" reads as EQ and
// "LOG DATA" as LOG. ok is false for anything else.
func ParseCompOp(s string) (op CompOp, ok bool) {
	u := CompOp(strings.ToUpper(strings.TrimSpace(s)))
	switch u {
	case LOG, EQ, NE, GT, GE, LT, LE, GTLT, GTLE, GELT, GELE, LTGT, LTGE, LEGT, LEGE, CaseSensitive, IgnoreCase:
		return u, true
	case "EQUAL":
		return EQ, true
	case "LOG DATA":
		return LOG, true
	}
	return u, false
}

// Limits returns how many limits a numeric operator uses: 0 (LOG), 1 (the
// low limit) or 2 (low and high); -1 for an unknown or string-only operator.
func (op CompOp) Limits() int {
	switch op {
	case LOG:
		return 0
	case EQ, NE, GT, GE, LT, LE:
		return 1
	case GTLT, GTLE, GELT, GELE, LTGT, LTGE, LEGT, LEGE:
		return 2
	}
	return -1
}

// IsNumeric reports whether op is one of the 15 numeric operators.
func (op CompOp) IsNumeric() bool { return op.Limits() >= 0 }

// IsString reports whether op is valid in a string measurement.
func (op CompOp) IsString() bool {
	switch op {
	case LOG, EQ, NE, CaseSensitive, IgnoreCase, GT, GE, LT, LE:
		return true
	}
	return false
}

// EvalNumeric reports whether value v passes op with limits low and high
// (high is ignored by single-limit operators). IEEE-754 comparisons: a NaN
// anywhere fails every operator but NE and LOG.
func (op CompOp) EvalNumeric(v, low, high float64) bool {
	switch op {
	case LOG:
		return true
	case EQ:
		return v == low
	case NE:
		return v != low
	case GT:
		return v > low
	case GE:
		return v >= low
	case LT:
		return v < low
	case LE:
		return v <= low
	case GTLT:
		return low < v && v < high
	case GTLE:
		return low < v && v <= high
	case GELT:
		return low <= v && v < high
	case GELE:
		return low <= v && v <= high
	case LTGT:
		return v < low || v > high
	case LTGE:
		return v < low || v >= high
	case LEGT:
		return v <= low || v > high
	case LEGE:
		return v <= low || v >= high
	}
	return false
}

// EvalString reports whether value v passes op against limit l. GT…LE
// compare bytewise (the C# client compares culture-sensitively; avoid them).
func (op CompOp) EvalString(v, l string) bool {
	switch op {
	case LOG:
		return true
	case EQ, CaseSensitive:
		return v == l
	case NE:
		return v != l
	case IgnoreCase:
		return strings.ToLower(v) == strings.ToLower(l)
	case GT:
		return v > l
	case GE:
		return v >= l
	case LT:
		return v < l
	case LE:
		return v <= l
	}
	return false
}

// Evaluate computes the measurement's status ("P" or "F") from its compOp
// and limits. ok is false when the operator is unknown or a limit it needs
// is missing; a LOG measurement evaluates to "P".
func (m *NumericMeas) Evaluate() (status string, ok bool) {
	op, known := ParseCompOp(m.CompOp.Value())
	if !known || !op.IsNumeric() || !m.Value.IsSet() {
		return "", false
	}
	lo, hasLo := m.LowLimit.Get()
	hi, hasHi := m.HighLimit.Get()
	switch n := op.Limits(); {
	case n >= 1 && !hasLo, n == 2 && !hasHi:
		return "", false
	}
	if op.EvalNumeric(m.Value.Float(), lo, hi) {
		return StatusPassed, true
	}
	return StatusFailed, true
}

// Evaluate computes the string measurement's status ("P" or "F"). ok is
// false for an unknown operator or a missing limit.
func (m *StringMeas) Evaluate() (status string, ok bool) {
	op, known := ParseCompOp(m.CompOp.Value())
	if !known || !op.IsString() {
		return "", false
	}
	if op != LOG && !m.Limit.IsSet() {
		return "", false
	}
	if op.EvalString(m.Value.Value(), m.Limit.Value()) {
		return StatusPassed, true
	}
	return StatusFailed, true
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
