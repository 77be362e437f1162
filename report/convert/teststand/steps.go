package teststand

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// stepStatus maps a TestStand result status to a WATS step status. Custom
// and transient statuses (Running, Looping…) have no WATS code and become def.
func stepStatus(s, def string) string {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "passed":
		return report.StatusPassed
	case "failed":
		return report.StatusFailed
	case "error":
		return report.StatusError
	case "terminated":
		return report.StatusTerminated
	case "done":
		return report.StatusDone
	case "skipped":
		return report.StatusSkipped
	}
	return def
}

func stepGroup(s string) string {
	switch strings.ToLower(s) {
	case "setup":
		return report.GroupSetup
	case "cleanup":
		return report.GroupCleanup
	}
	return report.GroupMain
}

// children adds the steps of result res (its SequenceCall and PostAction
// result lists) below parent.
func (c *conv) children(parent *report.Step, res *node) error {
	ts := res.prop("TS")
	for _, list := range []*node{ts.at("SequenceCall.ResultList"), ts.at("PostAction.ResultList")} {
		var iterations []*node // loop iteration results waiting for their summary
		flush := func() error {
			for _, it := range iterations {
				if err := c.step(parent, it); err != nil {
					return err
				}
			}
			iterations = iterations[:0]
			return nil
		}
		for _, item := range list.items() {
			its := item.prop("TS")
			switch {
			case its.prop("LoopIndex") != nil && its.prop("NumLoops") == nil:
				if len(iterations) > 0 && its.str("StepId") != iterations[0].str("TS.StepId") {
					if err := flush(); err != nil {
						return err
					}
				}
				iterations = append(iterations, item)
			case its.prop("NumLoops") != nil && len(iterations) > 0 && its.str("StepId") == iterations[0].str("TS.StepId"):
				if err := c.loop(parent, item, iterations); err != nil {
					return err
				}
				iterations = iterations[:0]
			default:
				if err := flush(); err != nil {
					return err
				}
				if err := c.step(parent, item); err != nil {
					return err
				}
			}
		}
		if err := flush(); err != nil {
			return err
		}
	}
	return nil
}

// loop adds a looped step: the summary result as the loop header, then
// each recorded iteration (TestStand writes the summary after them).
func (c *conv) loop(parent *report.Step, summary *node, iterations []*node) error {
	ts := summary.prop("TS")
	name := trunc(firstNonEmpty(ts.str("StepName"), "Step"), 100)
	opts := []report.StepOption{report.StepGroup(stepGroup(ts.str("StepGroup"))),
		report.StepType(trunc(firstNonEmpty(ts.str("StepType"), "Action"), 100)),
		report.StepStatus(stepStatus(summary.str("Status"), report.StatusDone))}
	if f, err := parseNumber(ts.str("TotalTime")); err == nil && f >= 0 && f < 1e9 {
		opts = append(opts, report.StepTime(time.Duration(f*float64(time.Second))))
	}
	head, err := parent.AddLoop(name, opts...)
	if err != nil {
		return c.failf(summary, "loop: %v", err)
	}
	for _, it := range iterations {
		if err := c.stepWith(parent, it, report.LoopIteration(head)); err != nil {
			return err
		}
	}
	return nil
}

// step converts one TEResult into a step below parent.
func (c *conv) step(parent *report.Step, res *node) error { return c.stepWith(parent, res) }

// stepWith is step with extra options (a loop iteration's).
func (c *conv) stepWith(parent *report.Step, res *node, extra ...report.StepOption) error {
	if c.steps++; c.steps&255 == 0 {
		if err := c.ctx.Err(); err != nil {
			return err
		}
	}
	ts := res.prop("TS")
	name := trunc(firstNonEmpty(ts.str("StepName"), "Step"), 100)
	stepType := trunc(firstNonEmpty(ts.str("StepType"), "Action"), 100)
	status := stepStatus(res.str("Status"), report.StatusDone)
	if u := strings.ToLower(res.str("Status")); u != "" && status == report.StatusDone && u != "done" {
		c.src.Warnf(sprintf("%s: status %q has no WATS code; Done is used", res.path(), res.str("Status")))
	}
	opts := []report.StepOption{report.StepGroup(stepGroup(ts.str("StepGroup"))), report.StepType(stepType), report.StepStatus(status)}
	opts = append(opts, extra...)
	if f, err := parseNumber(ts.str("TotalTime")); err == nil && f >= 0 && f < 1e9 {
		opts = append(opts, report.StepTime(time.Duration(f*float64(time.Second))))
	}
	if c.hasEngine {
		if f, err := parseNumber(ts.str("StartTime")); err == nil && f >= 0 && f < 1e9 {
			opts = append(opts, report.StepStart(c.engine.Add(time.Duration(f*float64(time.Second)))))
		}
	}
	if txt := res.str("ReportText"); txt != "" {
		opts = append(opts, report.StepReportText(txt))
	}
	if code, ok := intProp(res, "Error.Code"); ok && (code != 0 || res.str("Error.Msg") != "") {
		opts = append(opts, report.StepError(code, res.str("Error.Msg")))
	} else if msg := res.str("Error.Msg"); msg != "" {
		opts = append(opts, report.StepError(0, msg))
	}

	st, err := c.content(parent, res, name, status, opts)
	if err != nil {
		return err
	}
	if caused := res.str("TS.StepCausedSequenceFailure"); strings.EqualFold(caused, "true") {
		st.CausedSeqFailure = report.BoolOf(true)
	}
	if status != report.StatusSkipped {
		c.extras(st, res)
	}
	return nil
}

// extras attaches a result's XMLString as stepdata.xml and its
// AdditionalResults properties as additional results (WATS keeps neither on
// a skipped step).
func (c *conv) extras(st *report.Step, res *node) {
	if x := res.prop("XMLString"); x != nil && st.Chart == nil {
		if v, _ := x.value(); v != "" {
			if err := st.AttachBytes("stepdata.xml", "text/xml", []byte(v)); err != nil {
				c.src.Warnf(sprintf("%s: XMLString not attached: %v", x.path(), err))
			}
		}
	}
	ar := res.prop("AdditionalResults")
	if ar == nil {
		return
	}
	for _, k := range ar.kids {
		if k.tag != "Prop" || k.name == "" {
			continue
		}
		if err := st.AddAdditionalResult(trunc(k.name, 200), property(k)); err != nil {
			c.src.Warnf(sprintf("%s: additional result dropped: %v", k.path(), err))
		}
	}
}

// content adds the step with the data its step type carries.
func (c *conv) content(parent *report.Step, res *node, name, status string, opts []report.StepOption) (*report.Step, error) {
	ts := res.prop("TS")
	if sc := ts.prop("SequenceCall"); sc != nil && (sc.prop("ResultList") != nil || sc.prop("Sequence") != nil) {
		path := trunc(sc.str("SequenceFile"), 500)
		ver := trunc(firstNonEmpty(sc.str("SequenceFileVersion"), sc.str("SeqFileVersion")), 30)
		seq, err := parent.AddSequence(name, append(opts, report.SequenceFile(path, ver))...)
		if err != nil {
			return nil, c.failf(res, "sequence call: %v", err)
		}
		if err := c.children(seq, res); err != nil {
			return nil, err
		}
		seq.SetStatus(status)
		return seq, nil
	}
	if status == report.StatusSkipped {
		// A skipped step has no data worth keeping.
		return c.added(parent.AddActionStep(name, opts...))(res)
	}
	if ts.prop("PostAction") != nil && ts.at("PostAction.ResultList") != nil {
		seq, err := parent.AddSequence(name, opts...)
		if err != nil {
			return nil, c.failf(res, "post action: %v", err)
		}
		if err := c.children(seq, res); err != nil {
			return nil, err
		}
		seq.SetStatus(status)
		return seq, nil
	}
	if ch := res.prop("Chart"); ch != nil && ch.prop("Plots") != nil {
		return c.chartStep(parent, res, ch, name, status, opts)
	}
	if m := res.prop("Measurement"); m != nil && m.typ == "Array" {
		return c.multiple(parent, res, m, name, status, opts)
	}
	if n := res.prop("Numeric"); n != nil {
		v, _ := n.value()
		value, err := parseNumber(v)
		if err != nil {
			return nil, c.failf(n, "Numeric %q is not a number", v)
		}
		lim, err := c.limits(res)
		if err != nil {
			return nil, err
		}
		return c.added(convkit.NumericStep(parent, name, value, trunc(res.str("Units"), 50), lim, opts...))(res)
	}
	if n := res.prop("PassFail"); n != nil {
		v, _ := n.value()
		pass, err := strconv.ParseBool(strings.ToLower(v))
		if err != nil {
			// An unreadable value: the step's verdict stands for it.
			pass = status == report.StatusPassed || status == report.StatusDone
		}
		return c.added(parent.AddPassFailStep(name, pass, opts...))(res)
	}
	if n := res.prop("String"); n != nil && n.typ == "String" {
		v, _ := n.value()
		op := stringOp(res.str("Comp"))
		return c.added(parent.AddStringStep(name, v, op, res.str("Limits.String"), opts...))(res)
	}
	if n := res.prop("ExitCode"); n != nil {
		v, _ := n.value()
		f, err := parseNumber(v)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, c.failf(n, "ExitCode %q is not a number", v)
		}
		return c.added(parent.AddCallExeStep(name, f, opts...))(res)
	}
	if n := res.prop("ButtonHit"); n != nil {
		b, _ := intProp(res, "ButtonHit")
		return c.added(parent.AddMessagePopupStep(name, res.str("Response"), b, opts...))(res)
	}
	return c.added(parent.AddActionStep(name, opts...))(res)
}

// added wraps a builder result so its error names the element.
func (c *conv) added(st *report.Step, err error) func(*node) (*report.Step, error) {
	return func(res *node) (*report.Step, error) {
		if err != nil {
			return nil, c.failf(res, "step: %v", err)
		}
		return st, nil
	}
}

// limits reads Comp and Limits (or, for EQT, RawLimits with the threshold
// type) of a numeric result n.
func (c *conv) limits(n *node) (convkit.Limits, error) {
	comp := strings.ToUpper(strings.TrimSpace(n.str("Comp")))
	if comp == "" {
		comp = "LOG"
	}
	if comp == "EQT" {
		return c.tolerance(n)
	}
	op, ok := report.ParseCompOp(comp)
	if !ok || !op.IsNumeric() {
		return convkit.Limits{}, c.failf(orNode(n.prop("Comp"), n), "comparison %q is not a numeric operator", comp)
	}
	l := convkit.Limits{Op: op}
	low, hasLow, err := c.limit(n, "Limits.Low")
	if err != nil {
		return l, err
	}
	high, hasHigh, err := c.limit(n, "Limits.High")
	if err != nil {
		return l, err
	}
	switch op.Limits() {
	case 1:
		// TestStand keeps a single limit in Low; some step types write High.
		switch {
		case hasLow:
			l.Low = low
		case hasHigh:
			l.Low = high
		default:
			return l, c.failf(n, "comparison %s without a limit", comp)
		}
	case 2:
		if !hasLow || !hasHigh {
			return l, c.failf(n, "comparison %s needs Limits.Low and Limits.High", comp)
		}
		l.Low, l.High = low, high
	}
	return l, nil
}

func (c *conv) limit(n *node, path string) (float64, bool, error) {
	p := n.at(path)
	if p == nil {
		return 0, false, nil
	}
	v, _ := p.value()
	f, err := parseNumber(v)
	if err != nil {
		return 0, false, c.failf(p, "limit %q is not a number", v)
	}
	return f, true, nil
}

// tolerance turns an EQT comparison (nominal ± a percentage, ppm or delta)
// into GELE limits; without RawLimits.Nominal the absolute Limits stand.
func (c *conv) tolerance(n *node) (convkit.Limits, error) {
	l := convkit.Limits{Op: report.GELE}
	nom, hasNom, err := c.limit(n, "RawLimits.Nominal")
	if err != nil {
		return l, err
	}
	if !hasNom {
		low, hasLow, err := c.limit(n, "Limits.Low")
		if err != nil {
			return l, err
		}
		high, hasHigh, err := c.limit(n, "Limits.High")
		if err != nil {
			return l, err
		}
		if !hasLow || !hasHigh {
			return l, c.failf(n, "EQT without RawLimits.Nominal or Limits.Low/High")
		}
		l.Low, l.High = low, high
		return l, nil
	}
	lo, _, err := c.limit(n, "RawLimits.Low")
	if err != nil {
		return l, err
	}
	hi, _, err := c.limit(n, "RawLimits.High")
	if err != nil {
		return l, err
	}
	switch strings.ToLower(n.str("Limits.ThresholdType")) {
	case "percentage", "percent", "0":
		l.Low, l.High = nom-math.Abs(nom)*lo/100, nom+math.Abs(nom)*hi/100
	case "ppm", "1":
		l.Low, l.High = nom-math.Abs(nom)*lo/1e6, nom+math.Abs(nom)*hi/1e6
	default: // delta
		l.Low, l.High = nom-lo, nom+hi
	}
	return l, nil
}

func stringOp(comp string) report.CompOp {
	switch strings.ToUpper(strings.TrimSpace(comp)) {
	case "IGNORECASE", "CASEINSENSIT":
		return report.IgnoreCase
	case "LOG":
		return report.LOG
	}
	return report.CaseSensitive
}

// multiple converts a Measurement[] array: numeric (Data), string
// (StringData) or pass/fail (PassFail) items; WATS keeps one kind per step,
// so items of another kind than the first are dropped with a warning.
func (c *conv) multiple(parent *report.Step, res, arr *node, name, status string, opts []report.StepOption) (*report.Step, error) {
	items := arr.items()
	kind := ""
	for _, it := range items {
		if kind = itemKind(it); kind != "" {
			break
		}
	}
	var st *report.Step
	var err error
	switch kind {
	case "Data":
		st, err = parent.AddMultiNumericStep(name, opts...)
	case "StringData":
		st, err = parent.AddMultiStringStep(name, opts...)
	case "PassFail":
		st, err = parent.AddMultiPassFailStep(name, opts...)
	default:
		st, err = parent.AddActionStep(name, opts...)
	}
	if err != nil {
		return nil, c.failf(res, "step: %v", err)
	}
	seen := map[string]int{}
	for i, it := range items {
		k := itemKind(it)
		if k != kind {
			if k != "" {
				c.src.Warnf(sprintf("%s: %s measurement dropped from a %s step", it.path(), k, kind))
			}
			continue
		}
		mname := firstNonEmpty(it.name, it.str("MeasName"), "Measurement "+strconv.Itoa(i))
		mname = trunc(mname, 100)
		if n := seen[mname]; n > 0 {
			mname = trunc(mname, 90) + " #" + strconv.Itoa(n+1)
		}
		seen[mname]++
		mstatus := report.StatusFailed
		if strings.EqualFold(it.str("Status"), "Passed") {
			mstatus = report.StatusPassed
		}
		switch kind {
		case "Data":
			v := it.str("Data")
			value, perr := parseNumber(v)
			if perr != nil {
				return nil, c.failf(it.prop("Data"), "Data %q is not a number", v)
			}
			lim, lerr := c.limits(it)
			if lerr != nil {
				return nil, lerr
			}
			m, merr := convkit.NumericMeasurement(st, mname, value, trunc(it.str("Units"), 50), lim)
			if merr != nil {
				return nil, c.failf(it, "measurement: %v", merr)
			}
			m.Status = report.StrOf(mstatus)
		case "StringData":
			if err := st.AddStringMeasurement(mname, it.str("StringData"), stringOp(it.str("Comp")), it.str("StringLimit")); err != nil {
				return nil, c.failf(it, "measurement: %v", err)
			}
			st.StringMeas[len(st.StringMeas)-1].Status = report.StrOf(mstatus)
		case "PassFail":
			pass, perr := strconv.ParseBool(strings.ToLower(it.str("PassFail")))
			if perr != nil {
				pass = mstatus == report.StatusPassed
			}
			if err := st.AddPassFailMeasurement(mname, pass); err != nil {
				return nil, c.failf(it, "measurement: %v", err)
			}
		}
	}
	st.SetStatus(status)
	return st, nil
}

func itemKind(it *node) string {
	switch {
	case it.prop("Data") != nil:
		return "Data"
	case it.prop("StringData") != nil:
		return "StringData"
	case it.prop("PassFail") != nil:
		return "PassFail"
	}
	return ""
}
