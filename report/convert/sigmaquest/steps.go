package sigmaquest

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

type builder struct {
	ctx  context.Context
	src  *convert.Source
	zone *time.Location
}

func (b *builder) fail(path, msg string, err error) error {
	return &convert.MalformedError{Converter: Name, File: b.src.Name, Path: path, Msg: msg, Err: err}
}

// flatten lists the Value* elements, descending into Property, ValueRecord
// and ValueArray.
func flatten(vs []value) []value {
	var out []value
	for _, v := range vs {
		switch v.XMLName.Local {
		case "Property", "ValueRecord", "ValueArray":
			out = append(out, flatten(v.Inner)...)
		default:
			if strings.HasPrefix(v.XMLName.Local, "Value") {
				out = append(out, v)
			}
		}
	}
	return out
}

// children adds the child runs of run under parent.
func (b *builder) children(parent *report.Step, run *testRun, path string) error {
	if len(run.Results)+len(run.SetUps) > 0 {
		// Values on a run that also has sub-runs: a step of their own first.
		if err := b.leaf(parent, run, path); err != nil {
			return err
		}
	}
	for i := range run.Runs {
		if err := b.run(parent, &run.Runs[i], fmt.Sprintf("%s/TestRun[%d]", path, i+1)); err != nil {
			return err
		}
	}
	return nil
}

// stepOpts gives a run's step its start, time, report text and error.
func (b *builder) stepOpts(run *testRun) []report.StepOption {
	var opts []report.StepOption
	if t, ok := parseTime(run.Start, b.zone); ok {
		opts = append(opts, report.StepStart(t))
		if e, ok := parseTime(run.End, b.zone); ok && !e.Before(t) {
			opts = append(opts, report.StepTime(e.Sub(t)))
		}
	}
	var lines []string
	for _, p := range run.Props {
		for _, v := range flatten(p.Values) {
			if v.XMLName.Local == "ValueAttachment" || strings.EqualFold(v.Name, "Comparison") || strings.EqualFold(v.Name, "COMP") {
				continue
			}
			lines = append(lines, v.Name+"="+strings.TrimSpace(v.Text))
		}
	}
	if len(lines) > 0 {
		opts = append(opts, report.StepReportText(strings.Join(lines, "\n")))
	}
	var msgs []string
	for _, e := range run.Errors {
		for _, m := range e.Messages {
			msgs = append(msgs, strings.TrimSpace(strings.TrimSpace(m.Name+": ")+" "+strings.TrimSpace(m.Text)))
		}
	}
	if len(msgs) > 0 {
		opts = append(opts, report.StepError(0, strings.Join(msgs, "\n")))
	}
	return opts
}

func (b *builder) run(parent *report.Step, run *testRun, path string) error {
	if err := b.ctx.Err(); err != nil {
		return err
	}
	st, ok := grade(run.Grade)
	if !ok {
		return b.fail(path+"/@grade", fmt.Sprintf("grade %q unknown", run.Grade), nil)
	}
	if len(run.Runs) > 0 {
		seq, err := parent.AddSequence(convkit.Name(b.src, run.Name, "TestRun"), append(b.stepOpts(run), report.StepStatus(st))...)
		if err != nil {
			return b.fail(path, "sequence refused", err)
		}
		return b.children(seq, run, path)
	}
	return b.leaf(parent, run, path)
}

// leaf turns a run without sub-runs into one step, by the kind of its
// first value.
func (b *builder) leaf(parent *report.Step, run *testRun, path string) error {
	st, ok := grade(run.Grade)
	if !ok {
		return b.fail(path+"/@grade", fmt.Sprintf("grade %q unknown", run.Grade), nil)
	}
	name := convkit.Name(b.src, run.Name, "TestRun")
	opts := b.stepOpts(run)
	var vals []value
	for _, r := range run.Results {
		vals = append(vals, flatten(r.Values)...)
	}
	if len(vals) == 0 {
		for _, r := range run.SetUps {
			vals = append(vals, flatten(r.Values)...)
		}
		if len(vals) > 0 {
			opts = append(opts, report.StepGroup(report.GroupSetup))
		}
	}
	var kept []value
	for _, v := range vals {
		if v.XMLName.Local != "ValueAttachment" {
			kept = append(kept, v)
		}
	}
	vals = kept
	if len(vals) == 0 {
		var err error
		if st == report.StatusSkipped {
			_, err = parent.AddActionStep(name, append(opts, report.StepType("ET_PFT"), report.StepStatus(st))...)
		} else {
			_, err = parent.AddPassFailStep(name, st == report.StatusPassed, append(opts, report.StepStatus(st))...)
		}
		if err != nil {
			return b.fail(path, "step refused", err)
		}
		return nil
	}
	kind := kindOf(vals[0])
	var same []value
	for _, v := range vals {
		if kindOf(v) == kind {
			same = append(same, v)
		} else {
			b.src.Warnf(fmt.Sprintf("%s: %s: value %q (%s) differs in kind from the first value; left out", b.src.Name, path, v.Name, v.XMLName.Local))
		}
	}
	if st == report.StatusSkipped {
		if _, err := parent.AddActionStep(name, append(opts, report.StepStatus(st))...); err != nil {
			return b.fail(path, "step refused", err)
		}
		return nil
	}
	switch kind {
	case "numeric":
		return b.numeric(parent, run, name, path, st, same, opts)
	case "bool":
		return b.boolean(parent, name, path, st, same, opts)
	}
	return b.text(parent, name, path, st, same, opts)
}

func kindOf(v value) string {
	switch v.XMLName.Local {
	case "ValueDouble", "ValueInteger":
		return "numeric"
	case "ValueBoolean":
		return "bool"
	}
	return "string"
}

// limits reads lsl and usl. The files write 0 for a limit that is not set
// (value -3.4 with lsl 0 and usl -2.4, graded PASS), so a 0 is a real limit
// only where the file supports it: the other limit lies on its far side
// (lsl 0 with usl above 0, usl 0 with lsl below 0) and, for a passing
// value, the value honours it.
func limits(v value, x float64, pass bool) (convkit.Limits, error) {
	read := func(p *string) (float64, bool, error) {
		if p == nil || strings.TrimSpace(*p) == "" {
			return 0, false, nil
		}
		f, err := strconv.ParseFloat(strings.TrimSpace(*p), 64)
		if err != nil {
			return 0, false, fmt.Errorf("limit %q is not a number", *p)
		}
		return f, true, nil
	}
	lo, hasLo, err := read(v.LSL)
	if err != nil {
		return convkit.Limits{}, err
	}
	hi, hasHi, err := read(v.USL)
	if err != nil {
		return convkit.Limits{}, err
	}
	if math.IsNaN(x) {
		// No value: nothing to compare; the grade decides.
		return convkit.Limits{Op: report.LOG}, nil
	}
	if hasLo && hasHi && lo == 0 && hi == 0 {
		hasLo, hasHi = false, false
	}
	if hasLo && lo == 0 && (hasHi && hi <= 0 || pass && x < 0) {
		hasLo = false
	}
	if hasHi && hi == 0 && (hasLo && lo > 0 || pass && x > 0) {
		hasHi = false
	}
	switch {
	case hasLo && hasHi:
		return convkit.Limits{Op: report.GELE, Low: lo, High: hi}, nil
	case hasLo:
		return convkit.Limits{Op: report.GE, Low: lo}, nil
	case hasHi:
		return convkit.Limits{Op: report.LE, Low: hi}, nil
	}
	return convkit.Limits{Op: report.LOG}, nil
}

// comparison applies a "Comparison"/"COMP" run property that names a WATS
// operator taking as many limits as the file gives.
func comparison(run *testRun, l convkit.Limits) convkit.Limits {
	for k, v := range propMap(run.Props) {
		if !strings.EqualFold(k, "Comparison") && !strings.EqualFold(k, "COMP") {
			continue
		}
		op, ok := report.ParseCompOp(v)
		if ok && op.IsNumeric() && op.Limits() == l.Op.Limits() {
			l.Op = op
		}
	}
	return l
}

func (b *builder) numeric(parent *report.Step, run *testRun, name, path, st string, vals []value, opts []report.StepOption) error {
	type meas struct {
		name, unit string
		x          float64
		lim        convkit.Limits
		status     string
	}
	ms := make([]meas, 0, len(vals))
	for i, v := range vals {
		x, err := numberText(v.Text)
		if err != nil {
			return b.fail(fmt.Sprintf("%s/%s[%d]", path, v.XMLName.Local, i+1), fmt.Sprintf("value %q is not a number", strings.TrimSpace(v.Text)), err)
		}
		vst := st
		if g, ok := grade(v.Grade); ok {
			vst = g
		}
		lim, err := limits(v, x, vst == report.StatusPassed)
		if err != nil {
			return b.fail(fmt.Sprintf("%s/%s[%d]", path, v.XMLName.Local, i+1), err.Error(), nil)
		}
		ms = append(ms, meas{name: v.Name, unit: v.UOM, x: x, lim: comparison(run, lim), status: vst})
	}
	if len(ms) == 1 {
		m := ms[0]
		if _, err := convkit.NumericStep(parent, name, m.x, m.unit, m.lim, append(opts, report.StepStatus(m.status))...); err != nil {
			return b.fail(path, "numeric step refused", err)
		}
		return nil
	}
	step, err := parent.AddMultiNumericStep(name, opts...)
	if err != nil {
		return b.fail(path, "multiple numeric step refused", err)
	}
	seen := map[string]int{}
	overruled := 0
	for i, m := range ms {
		mname := m.name
		if mname == "" {
			mname = fmt.Sprintf("Value %d", i+1)
		}
		if seen[mname]++; seen[mname] > 1 {
			mname = fmt.Sprintf("%s #%d", mname, seen[mname])
		}
		nm, err := convkit.NumericMeasurement(step, convkit.Name(b.src, mname, "Value"), m.x, m.unit, m.lim)
		if err != nil {
			return b.fail(path, "measurement refused", err)
		}
		// The file's grade wins over the limits, both ways.
		want := report.StatusPassed
		if m.status != report.StatusPassed && m.status != report.StatusDone {
			want = report.StatusFailed
		}
		if nm.Status.Value() != want {
			if want == report.StatusPassed {
				overruled++
			}
			nm.Status = report.StrOf(want)
		}
	}
	if overruled > 0 {
		b.src.Warnf(fmt.Sprintf("%s: %s: graded %s with %d value(s) outside their limits; the grade is kept", b.src.Name, path, run.Grade, overruled))
	}
	step.SetStatus(st)
	return nil
}

func (b *builder) boolean(parent *report.Step, name, path, st string, vals []value, opts []report.StepOption) error {
	truth := func(v value) bool {
		t := strings.ToLower(strings.TrimSpace(v.Text))
		return t == "true" || t == "1" || t == "yes"
	}
	if len(vals) == 1 {
		if _, err := parent.AddPassFailStep(name, truth(vals[0]), append(opts, report.StepStatus(st))...); err != nil {
			return b.fail(path, "pass/fail step refused", err)
		}
		return nil
	}
	step, err := parent.AddMultiPassFailStep(name, opts...)
	if err != nil {
		return b.fail(path, "pass/fail step refused", err)
	}
	for i, v := range vals {
		n := v.Name
		if n == "" {
			n = fmt.Sprintf("Value %d", i+1)
		}
		if err := step.AddPassFailMeasurement(convkit.Name(b.src, fmt.Sprintf("%s", n), "Value"), truth(v)); err != nil {
			return b.fail(path, "measurement refused", err)
		}
	}
	step.SetStatus(st)
	return nil
}

func (b *builder) text(parent *report.Step, name, path, st string, vals []value, opts []report.StepOption) error {
	lim := func(v value) (report.CompOp, string) {
		for _, p := range []*string{v.USL, v.LSL} {
			if p != nil && *p != "" {
				return report.IgnoreCase, *p
			}
		}
		return report.LOG, ""
	}
	if len(vals) == 1 {
		op, l := lim(vals[0])
		if _, err := parent.AddStringStep(name, strings.TrimSpace(vals[0].Text), op, l, append(opts, report.StepStatus(st))...); err != nil {
			return b.fail(path, "string step refused", err)
		}
		return nil
	}
	step, err := parent.AddMultiStringStep(name, opts...)
	if err != nil {
		return b.fail(path, "string step refused", err)
	}
	for i, v := range vals {
		n := v.Name
		if n == "" {
			n = fmt.Sprintf("Value %d", i+1)
		}
		op, l := lim(v)
		if err := step.AddStringMeasurement(convkit.Name(b.src, n, "Value"), strings.TrimSpace(v.Text), op, l); err != nil {
			return b.fail(path, "measurement refused", err)
		}
	}
	return nil
}

// numberText reads a value; "null" and an empty element are no value (NaN).
func numberText(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "null") {
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, 64)
}
