package convkit

import (
	"math"

	"github.com/watsgo/sdk/report"
)

// Limits is a numeric comparison as a file states it: the operator and as many
// limits as it uses (Op.Limits()). Low and High may be NaN or infinite.
type Limits struct {
	Op        report.CompOp
	Low, High float64
}

// builderTakes reports whether the report builders accept value and lim as
// they are; they refuse non-finite numbers and a low limit above the high one,
// which files nevertheless contain and which WSJF only warns about.
func builderTakes(value float64, lim Limits) bool {
	if !finite(value) {
		return false
	}
	switch lim.Op.Limits() {
	case 1:
		return finite(lim.Low)
	case 2:
		return finite(lim.Low) && finite(lim.High) && lim.Low <= lim.High
	}
	return true
}

func finite(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }

func (l Limits) lim() report.Limit {
	switch l.Op.Limits() {
	case 1:
		return report.Lim(l.Op, l.Low)
	case 2:
		return report.Lim(l.Op, l.Low, l.High)
	}
	return report.Lim(l.Op)
}

// patch writes value and limits into m verbatim; the status is the
// caller's to set.
func (l Limits) patch(m *report.NumericMeas, value float64) {
	m.CompOp = report.StrOf(string(l.Op))
	m.Value = report.NumOf(value)
	m.LowLimit, m.HighLimit = report.NullNum(), report.NullNum()
	switch l.Op.Limits() {
	case 1:
		m.LowLimit = report.NumOf(l.Low)
	case 2:
		m.LowLimit, m.HighLimit = report.NumOf(l.Low), report.NumOf(l.High)
	}
}

// NumericStep adds a single numeric limit test to parent. Values the builder
// refuses but the file holds (NaN, ±Inf, low above high) are kept as written.
func NumericStep(parent *report.Step, name string, value float64, unit string, l Limits, opts ...report.StepOption) (*report.Step, error) {
	if builderTakes(value, l) {
		return parent.AddNumericStep(name, value, unit, l.lim(), opts...)
	}
	st, err := parent.AddNumericStep(name, 0, unit, report.Lim(report.LOG), opts...)
	if err != nil {
		return nil, err
	}
	l.patch(st.NumericMeas[0], value)
	return st, nil
}

// NumericMeasurement adds a named measurement to a multiple numeric or chart
// step and returns it; like NumericStep it keeps what the builder refuses.
func NumericMeasurement(step *report.Step, name string, value float64, unit string, l Limits) (*report.NumericMeas, error) {
	if builderTakes(value, l) {
		if err := step.AddNumericMeasurement(name, value, unit, l.lim()); err != nil {
			return nil, err
		}
		return step.NumericMeas[len(step.NumericMeas)-1], nil
	}
	if err := step.AddNumericMeasurement(name, 0, unit, report.Lim(report.LOG)); err != nil {
		return nil, err
	}
	m := step.NumericMeas[len(step.NumericMeas)-1]
	l.patch(m, value)
	return m, nil
}
