package wsxf

import (
	"context"
	"time"

	"github.com/watsgo/sdk/report"
)

// content element names; at most one kind per step.
var contentKinds = map[string]bool{
	"SequenceCall": true, "NumericLimit": true, "StringValue": true,
	"PassFail": true, "MessagePopup": true, "Callexe": true,
}

// nestedSteps maps the WSXF step tree: exactly one root <Step> under <Report>.
func (c *conv) nestedSteps(ctx context.Context, r *report.Report, re *elem) error {
	var roots []*elem
	for _, k := range re.kids {
		if k.name == "Step" {
			roots = append(roots, k)
		}
	}
	switch len(roots) {
	case 0:
		return c.fail(re, "no root step")
	case 1:
	default:
		return c.fail(roots[1], "more than one root step")
	}
	root, err := c.step(ctx, roots[0], nil, childSteps(roots[0]), 0)
	if err != nil {
		return err
	}
	if root.SeqCall == nil {
		return c.fail(roots[0], "the root step must carry one SequenceCall")
	}
	r.Root = root
	return nil
}

func childSteps(se *elem) []*elem {
	var out []*elem
	for _, k := range se.kids {
		if k.name == "Step" {
			out = append(out, k)
		}
	}
	return out
}

// stepParts is what a step element holds besides its attributes.
type stepParts struct {
	kind        string // the content kind, "" for none
	content     []*elem
	charts      []*elem
	attachments []*elem
	additional  []*elem
	loop        *elem
	reportText  *elem
}

// step maps one step. linked are the WRML content elements tied to the step by
// StepID (nil for WSXF); children are its child <Step> elements.
func (c *conv) step(ctx context.Context, se *elem, linked, children []*elem, depth int) (*report.Step, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if depth > maxDepth {
		return nil, c.fail(se, "steps nest deeper than %d levels", maxDepth)
	}
	s := &report.Step{Name: report.StrOf(trimmed(se, "Name"))}
	var err error
	if s.Group, err = c.group(se); err != nil {
		return nil, err
	}
	if s.Status, err = c.status(se, "Status", "PFDSETU"); err != nil {
		return nil, err
	}
	if s.TotTime, err = c.number(se, "total_time"); err != nil {
		return nil, err
	}
	s.TotTimeFormat = optStr(se, "total_timeFormat")
	if s.Start, err = c.dateTime(se, "Start", time.UTC); err != nil {
		return nil, err
	}
	if s.ErrorCode, err = c.int32(se, "StepErrorCode"); err != nil {
		return nil, err
	}
	s.ErrorCodeFormat = optStr(se, "StepErrorCodeFormat")
	s.ErrorMessage = optStr(se, "StepErrorMessage")
	s.TSGuid = optStr(se, "TSGuid")
	if s.InteractiveExeNum, err = c.int32(se, "InteractiveExeNum"); err != nil {
		return nil, err
	}
	s.InteractiveExeNumFormat = optStr(se, "InteractiveExeNumFormat")
	if s.CausedSeqFailure, err = c.boolean(se, "StepCausedSequenceFailure"); err != nil {
		return nil, err
	}
	if s.CausedUUTFailure, err = c.boolean(se, "StepCausedUUTFailure"); err != nil {
		return nil, err
	}

	var p stepParts
	if err := c.collect(se, se.kids, &p); err != nil {
		return nil, err
	}
	if err := c.collect(se, linked, &p); err != nil {
		return nil, err
	}
	if p.reportText != nil {
		s.ReportText = report.StrOf(string(p.reportText.text))
	}
	if p.loop != nil {
		if s.Loop, err = c.loop(p.loop); err != nil {
			return nil, err
		}
	}
	if err := c.content(s, se, &p); err != nil {
		return nil, err
	}
	if len(children) > 0 && s.SeqCall == nil {
		return nil, c.fail(children[0], "child steps under a step without SequenceCall")
	}
	if err := c.extras(s, se, &p); err != nil {
		return nil, err
	}
	fixStatus(s)
	if s.Status.Value() == report.StatusSkipped { // M-K
		s.NumericMeas, s.StringMeas, s.BooleanMeas = nil, nil, nil
		s.Chart, s.Attachment, s.AdditionalResults = nil, nil, nil
	}
	for _, ch := range children {
		var kids, links []*elem
		if c.wrml {
			kids, links = c.flat.children(ch), c.flat.linked(ch)
		} else {
			kids = childSteps(ch)
		}
		cs, err := c.step(ctx, ch, links, kids, depth+1)
		if err != nil {
			return nil, err
		}
		s.Steps = append(s.Steps, cs)
	}
	return s, nil
}

// collect sorts a step's elements into p.
func (c *conv) collect(se *elem, elems []*elem, p *stepParts) error {
	for _, k := range elems {
		switch {
		case contentKinds[k.name]:
			if p.kind != "" && p.kind != k.name {
				return c.fail(se, "Step contains %s and %s", p.kind, k.name)
			}
			p.kind = k.name
			p.content = append(p.content, k)
		case k.name == "Chart":
			p.charts = append(p.charts, k)
		case k.name == "Attachment":
			p.attachments = append(p.attachments, k)
		case k.name == "AdditionalResults":
			p.additional = append(p.additional, k)
		case k.name == "Loop":
			if p.loop != nil {
				return c.fail(k, "more than one Loop")
			}
			p.loop = k
		case k.name == "ReportText":
			p.reportText = k
		}
	}
	return nil
}

// loop maps a Loop element: an iteration has index, a header the counters; an empty
// <Loop/> (WRML) is no loop.
func (c *conv) loop(k *elem) (*report.Loop, error) {
	idx, err := c.int16(k, "index")
	if err != nil {
		return nil, err
	}
	if idx.IsSet() {
		return &report.Loop{Idx: idx, Num: report.NullInt(), EndingIndex: report.NullInt(), Passed: report.NullInt(), Failed: report.NullInt()}, nil
	}
	l := &report.Loop{Idx: report.NullInt()}
	for _, f := range []struct {
		attr string
		dst  *report.Int
	}{{"num", &l.Num}, {"passed", &l.Passed}, {"failed", &l.Failed}, {"ending_index", &l.EndingIndex}} {
		if *f.dst, err = c.int16(k, f.attr); err != nil {
			return nil, err
		}
	}
	if !l.Num.IsSet() && !l.Passed.IsSet() && !l.Failed.IsSet() && !l.EndingIndex.IsSet() {
		return nil, nil
	}
	return l, nil
}

// content maps the step's one content kind and sets its step type.
func (c *conv) content(s *report.Step, se *elem, p *stepParts) error {
	n := len(p.content)
	one := func() error {
		if n > 1 {
			return c.fail(p.content[1], "Step contains more than one %s", p.kind)
		}
		return nil
	}
	switch p.kind {
	case "SequenceCall":
		if err := one(); err != nil {
			return err
		}
		k := p.content[0]
		s.StepType = report.StrOf("SequenceCall")
		s.SeqCall = &report.SeqCall{Path: nullStr(k, "Filepath"), Name: nullStr(k, "Name"), Version: nullStr(k, "Version")}
	case "NumericLimit":
		multi := n > 1 || trimmed(p.content[0], "Name") != ""
		s.StepType = report.StrOf(pick(multi, "ET_MNLT", "ET_NLT"))
		for _, k := range p.content {
			m, err := c.numeric(k, multi)
			if err != nil {
				return err
			}
			s.NumericMeas = append(s.NumericMeas, m)
		}
	case "StringValue":
		multi := n > 1
		s.StepType = report.StrOf(pick(multi, "ET_MSVT", "ET_SVT")) // D-4
		for _, k := range p.content {
			m, err := c.stringMeas(k, multi)
			if err != nil {
				return err
			}
			s.StringMeas = append(s.StringMeas, m)
		}
	case "PassFail":
		multi := n > 1
		s.StepType = report.StrOf(pick(multi, "ET_MPFT", "ET_PFT"))
		for _, k := range p.content {
			name, err := c.measName(k, multi)
			if err != nil {
				return err
			}
			st, err := c.status(k, "Status", "PFS")
			if err != nil {
				return err
			}
			s.BooleanMeas = append(s.BooleanMeas, &report.BooleanMeas{Name: name, Status: st})
		}
	case "MessagePopup":
		if err := one(); err != nil {
			return err
		}
		k := p.content[0]
		b, err := c.int16(k, "Button")
		if err != nil {
			return err
		}
		s.StepType = report.StrOf("MessagePopup")
		s.MessagePopup = &report.MessagePopup{Button: b, ButtonFormat: optStr(k, "ButtonFormat"), Response: nullStr(k, "Response")}
	case "Callexe":
		if err := one(); err != nil {
			return err
		}
		k := p.content[0]
		code, err := c.number(k, "ExitCode")
		if err != nil {
			return err
		}
		s.StepType = report.StrOf("CallExecutable")
		s.CallExe = &report.CallExe{ExitCode: code, ExitCodeFormat: optStr(k, "ExitCodeFormat")}
	default:
		s.StepType = report.StrOf(orDefault(trimmed(se, "StepType"), "Action")) // D-5
	}
	return nil
}

func pick(cond bool, a, b string) string {
	if cond {
		return a
	}
	return b
}

// measName is a measurement's trimmed name: required on every measurement of a
// multiple step, null on a single one.
func (c *conv) measName(k *elem, multi bool) (report.Str, error) {
	name := trimmed(k, "Name")
	if !multi {
		return report.NullStr(), nil
	}
	if name == "" {
		return report.Str{}, c.failAttr(k, "Name", "every measurement of a multiple step needs a Name")
	}
	return report.StrOf(name), nil
}

// numeric maps a NumericLimit.
func (c *conv) numeric(k *elem, multi bool) (*report.NumericMeas, error) {
	name, err := c.measName(k, multi)
	if err != nil {
		return nil, err
	}
	opText := trimmed(k, "CompOperator")
	op := report.LOG
	if opText != "" {
		var ok bool
		if op, ok = report.ParseCompOp(opText); !ok || !op.IsNumeric() {
			return nil, c.failAttr(k, "CompOperator", "unknown numeric operator %q", opText)
		}
	}
	m := &report.NumericMeas{Name: name, CompOp: report.StrOf(string(op)), Unit: nullStr(k, "Units"),
		ValueFormat: optStr(k, "NumericValueFormat")}
	if m.Value, err = c.number(k, "NumericValue"); err != nil {
		return nil, err
	}
	if !m.Value.IsSet() {
		m.Value = report.NumOf(0)
	}
	if m.Status, err = c.status(k, "Status", "PFS"); err != nil {
		return nil, err
	}
	low, err := c.number(k, "LowLimit")
	if err != nil {
		return nil, err
	}
	high, err := c.number(k, "HighLimit")
	if err != nil {
		return nil, err
	}
	lowF, highF := optStr(k, "LowLimitFormat"), optStr(k, "HighLimitFormat")
	switch op.Limits() {
	case 0:
		if low.IsSet() || high.IsSet() {
			c.warn(k, "limits of a LOG measurement dropped")
		}
		m.LowLimit, m.HighLimit = report.NullNum(), report.NullNum()
	case 1:
		if !low.IsSet() && high.IsSet() { // D-6: old exports put a single limit in HighLimit
			low, lowF = high, highF
		} else if high.IsSet() {
			c.warn(k, "HighLimit of single-limit operator %s dropped", op)
		}
		if !low.IsSet() {
			return nil, c.fail(k, "operator %s needs a limit", op)
		}
		m.LowLimit, m.LowLimitFormat, m.HighLimit = low, lowF, report.NullNum()
	default:
		if !low.IsSet() || !high.IsSet() {
			return nil, c.fail(k, "operator %s needs LowLimit and HighLimit", op)
		}
		m.LowLimit, m.LowLimitFormat, m.HighLimit, m.HighLimitFormat = low, lowF, high, highF
	}
	return m, nil
}

// stringMeas maps a StringValue.
func (c *conv) stringMeas(k *elem, multi bool) (*report.StringMeas, error) {
	name, err := c.measName(k, multi)
	if err != nil {
		return nil, err
	}
	opText := trimmed(k, "CompOperator")
	op := report.LOG
	if opText != "" {
		var ok bool
		if op, ok = report.ParseCompOp(opText); !ok || !op.IsString() {
			return nil, c.failAttr(k, "CompOperator", "unknown string operator %q", opText)
		}
	}
	m := &report.StringMeas{Name: name, CompOp: report.StrOf(string(op)), Value: str(k, "StringValue"), Limit: report.NullStr()}
	if !m.Value.IsSet() {
		m.Value = report.NullStr()
	}
	if v, ok := k.attr("StringLimit"); ok && (v != "" || op != report.LOG) {
		m.Limit = report.StrOf(v)
	}
	if op != report.LOG && !m.Limit.IsSet() {
		return nil, c.fail(k, "operator %s needs a StringLimit", op)
	}
	if m.Status, err = c.status(k, "Status", "PFS"); err != nil {
		return nil, err
	}
	return m, nil
}

// fixStatus is the step-status fix-up: a passing (or done) test step with a
// failing measurement fails.
func fixStatus(s *report.Step) {
	st := s.Status.Value()
	if st != report.StatusPassed && st != report.StatusDone {
		return
	}
	failed := false
	for _, m := range s.NumericMeas {
		failed = failed || m.Status.Value() == report.StatusFailed
	}
	for _, m := range s.StringMeas {
		failed = failed || m.Status.Value() == report.StatusFailed
	}
	for _, m := range s.BooleanMeas {
		failed = failed || m.Status.Value() == report.StatusFailed
	}
	if failed {
		s.Status = report.StrOf(report.StatusFailed)
	}
}
