package wstf

import (
	"strconv"
	"strings"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// testKind is the kind of test a step line adds.
type testKind uint8

const (
	kindNumeric testKind = iota + 1
	kindPassFail
	kindString
)

// testStep is the test step later lines may add measurements to.
type testStep struct {
	st    *report.Step
	kind  testKind
	named bool
	name  string
}

// severity orders step statuses for propagation: P < D < S < F < E < T.
func severity(st string) int {
	switch st {
	case report.StatusPassed:
		return 1
	case report.StatusDone:
		return 2
	case report.StatusSkipped:
		return 3
	case report.StatusFailed:
		return 4
	case report.StatusError:
		return 5
	case report.StatusTerminated:
		return 6
	}
	return 0
}

// stepStatus reads a StepStatus cell; ok is false when it is empty.
func (u *uut) stepStatus(v string) (st string, ok bool, err error) {
	if v == "" {
		return "", false, nil
	}
	if st, ok := statusWords[v]; ok { // the usual spellings, without folding
		return st, true, nil
	}
	for w, st := range statusWords {
		if strings.EqualFold(w, v) {
			return st, true, nil
		}
	}
	return "", false, u.p.failf("StepStatus %q is not Passed, Failed, Done, Skipped, Error or Terminated", v)
}

// statusWords are the StepStatus spellings, matched case-insensitively.
var statusWords = map[string]string{
	"Passed": report.StatusPassed, "Pass": report.StatusPassed,
	"Failed": report.StatusFailed, "Fail": report.StatusFailed,
	"Done":    report.StatusDone,
	"Skipped": report.StatusSkipped, "Skip": report.StatusSkipped,
	"Error":      report.StatusError,
	"Terminated": report.StatusTerminated, "Aborted": report.StatusTerminated,
}

// raise propagates a failing status to the open sequences and the report
// result (Active mode).
func (u *uut) raise(st string) {
	if st != report.StatusFailed && st != report.StatusError && st != report.StatusTerminated {
		return
	}
	for _, s := range u.seq {
		if severity(s.Status.Value()) < severity(st) {
			s.SetStatus(st)
		}
	}
	if severity(u.result) < severity(st) {
		u.result = st
	}
}

// stepLine handles one line of the step section.
func (u *uut) stepLine(line string) error {
	p := u.p
	c := &p.c
	split(line, c)
	if err := p.ctx.Err(); err != nil {
		return err
	}
	switch c.get(0) {
	case "StepType", "MultipleNumericLimitTest", "EndMultipleNumericLimitTest", "MultipleStringValueTest":
		return nil // title line; multiple tests are expressed by MeasureName
	case "SequenceCall":
		return u.sequenceCall(c)
	case "EndSequenceCall":
		return u.endSequenceCall(c)
	case "NumericLimitTest":
		return u.testLine(kindNumeric, c)
	case "PassFailTest":
		return u.testLine(kindPassFail, c)
	case "StringValueTest":
		return u.testLine(kindString, c)
	case "ActionStep":
		return u.action(c)
	case "Chart":
		return u.chart(c)
	case "Series":
		return u.series(c)
	}
	key, value, _ := keyValue(line)
	if done, err := u.reportKey(key, value); done {
		return err
	}
	p.warnf("unknown step type %q; line ignored", c.get(0))
	return nil
}

func (u *uut) top() *report.Step { return u.seq[len(u.seq)-1] }

func (u *uut) stepErr(what string, err error) error { return u.p.fail(what, err) }

func (u *uut) sequenceCall(c *cells) error {
	u.cur = nil
	name := c.get(1)
	if name == "" {
		return u.p.failf("SequenceCall without StepName")
	}
	st, ok, err := u.stepStatus(c.get(8))
	if err != nil {
		return err
	}
	s, err := u.top().AddSequence(u.clip(name, 100, "step name"), report.SequenceFile(u.rootPath, u.rootVersion))
	if err != nil {
		return u.stepErr("SequenceCall", err)
	}
	if !ok {
		st = report.StatusPassed
	}
	s.SetStatus(st)
	if err := u.general(s, c); err != nil {
		return err
	}
	u.seq = append(u.seq, s)
	u.raise(st)
	return nil
}

func (u *uut) endSequenceCall(c *cells) error {
	u.cur = nil
	if len(u.seq) < 2 {
		return u.p.failf("EndSequenceCall without an open SequenceCall")
	}
	s := u.top()
	if name := c.get(1); name != "" && name != s.Name.Value() {
		return u.p.failf("EndSequenceCall %q closes sequence %q", name, s.Name.Value())
	}
	st, ok, err := u.stepStatus(c.get(8))
	if err != nil {
		return err
	}
	if ok {
		s.SetStatus(st)
	}
	if err := u.general(s, c); err != nil {
		return err
	}
	if ok {
		u.raise(st)
	}
	u.seq = u.seq[:len(u.seq)-1]
	return nil
}

func (u *uut) action(c *cells) error {
	u.cur = nil
	name := c.get(1)
	if name == "" {
		return u.p.failf("ActionStep without StepName")
	}
	st, ok, err := u.stepStatus(c.get(8))
	if err != nil {
		return err
	}
	if !ok {
		st = report.StatusDone
	}
	s, err := u.top().AddActionStep(u.clip(name, 100, "step name"), report.StepStatus(st))
	if err != nil {
		return u.stepErr("ActionStep", err)
	}
	if err := u.general(s, c); err != nil {
		return err
	}
	u.raise(st)
	return nil
}

// general applies the columns every step line may carry.
func (u *uut) general(s *report.Step, c *cells) error {
	p := u.p
	if v := c.get(9); v != "" {
		f, err := p.opt.culture.number(v)
		if err != nil {
			return p.failf("StepExecutionTime %q is not a number", v)
		}
		if f > 0 && f <= 1e15 {
			s.TotTime = report.NumOf(f)
		}
	}
	if v := c.get(10); v != "" {
		s.ReportText = report.StrOf(v)
	}
	if c.has(11) {
		n := int64(0)
		if v := c.get(11); v != "" {
			var err error
			if n, err = strconv.ParseInt(v, 10, 32); err != nil {
				return p.failf("StepErrorCode %q is not an integer", v)
			}
		}
		s.ErrorCode = report.IntOf(n)
	}
	if v := c.get(12); v != "" {
		s.ErrorMessage = report.StrOf(v)
	}
	if v := c.get(13); v != "" {
		b, ok := parseBool(v)
		if !ok {
			return p.failf("CausedSequenceFailure %q is not true or false", v)
		}
		s.CausedSeqFailure = report.BoolOf(b)
	}
	return nil
}

func parseBool(v string) (bool, bool) {
	switch {
	case v == "1" || strings.EqualFold(v, "true"):
		return true, true
	case v == "0" || strings.EqualFold(v, "false"):
		return false, true
	}
	return false, false
}

// measStatus maps a line status to a measurement status.
func measStatus(st string) string {
	switch st {
	case report.StatusError, report.StatusTerminated:
		return report.StatusFailed
	}
	return st
}

// testLine adds a numeric, pass/fail or string line: a new step, or a
// measurement of the current one.
func (u *uut) testLine(kind testKind, c *cells) error {
	p := u.p
	name, meas := c.get(1), c.get(2)
	named := meas != ""
	status, hasStatus, err := u.stepStatus(c.get(8))
	if err != nil {
		return err
	}
	if hasStatus && status == report.StatusDone {
		return p.failf("Status Done is not supported for test")
	}
	importing := u.h.importMode && kind == kindNumeric
	cont := u.cur != nil && u.cur.kind == kind && (name == "" || name == u.cur.name)
	if cont {
		if !u.cur.named || !named {
			return p.failf("step %q: a second measurement needs a MeasureName on every line", u.cur.name)
		}
	} else {
		if name == "" {
			return p.failf("test line without StepName")
		}
		u.cur = &testStep{kind: kind, named: named, name: name}
	}
	t := u.cur
	m, pass, err := u.addMeasurement(t, !cont, c)
	if err != nil {
		return err
	}
	st := t.st
	if !cont {
		initial := report.StatusPassed
		if hasStatus {
			initial = status
		}
		st.SetStatus(initial)
		if !importing {
			u.raise(initial)
		}
	}
	var ms string
	switch {
	case hasStatus:
		ms = measStatus(status)
	case importing:
		ms = report.StatusPassed
	default:
		ms = pass
	}
	m.set(ms)
	if named && cont && !importing {
		cur := st.Status.Value()
		switch {
		case hasStatus && status == report.StatusFailed && (cur == report.StatusPassed || cur == report.StatusSkipped):
			st.SetStatus(report.StatusFailed)
			u.raise(report.StatusFailed)
		case hasStatus && status == report.StatusPassed && cur == report.StatusSkipped:
			st.SetStatus(report.StatusPassed)
		}
	}
	if !hasStatus && !importing && ms == report.StatusFailed && st.Status.Value() == report.StatusPassed {
		st.SetStatus(report.StatusFailed)
		u.raise(report.StatusFailed)
	}
	return u.general(st, c)
}

// measRef sets the status of the measurement a line added.
type measRef struct {
	n *report.NumericMeas
	s *report.StringMeas
	b *report.BooleanMeas
}

func (m measRef) set(st string) {
	v := report.StrOf(st)
	switch {
	case m.n != nil:
		m.n.Status = v
	case m.s != nil:
		m.s.Status = v
	case m.b != nil:
		m.b.Status = v
	}
}

// addMeasurement creates the step (first line) or adds the measurement and
// returns it with its evaluated status.
func (u *uut) addMeasurement(t *testStep, first bool, c *cells) (measRef, string, error) {
	switch t.kind {
	case kindNumeric:
		return u.numeric(t, first, c)
	case kindPassFail:
		return u.passFail(t, first, c)
	}
	return u.stringMeas(t, first, c)
}

func (u *uut) numeric(t *testStep, first bool, c *cells) (measRef, string, error) {
	p := u.p
	opText := c.get(6)
	op, ok := report.ParseCompOp(opText)
	if opText == "" || !ok || !op.IsNumeric() {
		return measRef{}, "", p.failf("CompOperator %q is not a numeric comparison", opText)
	}
	num := func(col int, what string) (float64, error) {
		f, err := p.opt.culture.number(c.get(col))
		if err != nil {
			return 0, p.failf("%s %q is not a number", what, c.get(col))
		}
		return f, nil
	}
	v, err := num(3, "Value")
	if err != nil {
		return measRef{}, "", err
	}
	lim := convkit.Limits{Op: op}
	if op.Limits() >= 1 {
		if lim.Low, err = num(4, "LowLimit"); err != nil {
			return measRef{}, "", err
		}
	}
	if op.Limits() == 2 {
		if lim.High, err = num(5, "HighLimit"); err != nil {
			return measRef{}, "", err
		}
	}
	unit := c.get(7)
	var m *report.NumericMeas
	switch {
	case first && !t.named:
		st, err := convkit.NumericStep(u.top(), u.clip(t.name, 100, "step name"), v, unit, lim)
		if err != nil {
			return measRef{}, "", u.stepErr("NumericLimitTest", err)
		}
		t.st, m = st, st.NumericMeas[0]
	default:
		if first {
			st, err := u.top().AddMultiNumericStep(u.clip(t.name, 100, "step name"))
			if err != nil {
				return measRef{}, "", u.stepErr("NumericLimitTest", err)
			}
			t.st = st
		}
		if m, err = convkit.NumericMeasurement(t.st, u.clip(c.get(2), 100, "measurement name"), v, unit, lim); err != nil {
			return measRef{}, "", u.stepErr("NumericLimitTest", err)
		}
	}
	pass, ok := m.Evaluate()
	if !ok {
		pass = report.StatusFailed
	}
	return measRef{n: m}, pass, nil
}

func (u *uut) passFail(t *testStep, first bool, c *cells) (measRef, string, error) {
	p := u.p
	v := c.get(3)
	pass := true
	if v != "" {
		b, ok := parseBool(v)
		if !ok {
			return measRef{}, "", p.failf("PassFailTest value %q is not true or false", v)
		}
		pass = b
	}
	if st, ok, _ := u.stepStatus(c.get(8)); ok && st == report.StatusFailed {
		pass = false
	}
	var m *report.BooleanMeas
	switch {
	case first && !t.named:
		st, err := u.top().AddPassFailStep(u.clip(t.name, 100, "step name"), pass)
		if err != nil {
			return measRef{}, "", u.stepErr("PassFailTest", err)
		}
		t.st, m = st, st.BooleanMeas[0]
	default:
		if first {
			st, err := u.top().AddMultiPassFailStep(u.clip(t.name, 100, "step name"))
			if err != nil {
				return measRef{}, "", u.stepErr("PassFailTest", err)
			}
			t.st = st
		}
		if err := t.st.AddPassFailMeasurement(u.clip(c.get(2), 100, "measurement name"), pass); err != nil {
			return measRef{}, "", u.stepErr("PassFailTest", err)
		}
		m = t.st.BooleanMeas[len(t.st.BooleanMeas)-1]
	}
	st := report.StatusPassed
	if !pass {
		st = report.StatusFailed
	}
	return measRef{b: m}, st, nil
}

func (u *uut) stringMeas(t *testStep, first bool, c *cells) (measRef, string, error) {
	p := u.p
	opText := c.get(6)
	op, ok := report.ParseCompOp(opText)
	if opText == "" || !ok || !op.IsString() {
		return measRef{}, "", p.failf("CompOperator %q is not a string comparison", opText)
	}
	switch op {
	case report.GT, report.GE, report.LT, report.LE:
		if !u.stringCompareWarned {
			u.stringCompareWarned = true
			p.warnf("string comparison %s is evaluated bytewise, not by culture", op)
		}
	}
	value, limit := c.get(3), c.get(4)
	var m *report.StringMeas
	switch {
	case first && !t.named:
		st, err := u.top().AddStringStep(u.clip(t.name, 100, "step name"), value, op, limit)
		if err != nil {
			return measRef{}, "", u.stepErr("StringValueTest", err)
		}
		t.st, m = st, st.StringMeas[0]
	default:
		if first {
			st, err := u.top().AddMultiStringStep(u.clip(t.name, 100, "step name"))
			if err != nil {
				return measRef{}, "", u.stepErr("StringValueTest", err)
			}
			t.st = st
		}
		if err := t.st.AddStringMeasurement(u.clip(c.get(2), 100, "measurement name"), value, op, limit); err != nil {
			return measRef{}, "", u.stepErr("StringValueTest", err)
		}
		m = t.st.StringMeas[len(t.st.StringMeas)-1]
	}
	pass, ok := m.Evaluate()
	if !ok {
		pass = report.StatusFailed
	}
	return measRef{s: m}, pass, nil
}
