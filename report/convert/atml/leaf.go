package atml

import (
	"encoding/xml"
	"fmt"
	"strings"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// leaf is a Test or SessionAction being read; one value is reused.
type leaf struct {
	action     bool
	name       string
	props      stepProps
	hasExt     bool
	status     string
	hasStatus  bool
	reportText string // from Data/Collection/Item[@name="ReportText"]
	hasRT      bool
	resultRT   string // from a TestResult named ReportText
	hasResRT   bool
	results    []result
}

// actionTypes are the TestStand step types a SessionAction keeps as its
// stepType; others become "Action".
var actionTypes = map[string]bool{
	"Label": true, "Action": true, "Goto": true, "NI_FTPFiles": true,
	"NI_Flow_If": true, "NI_Flow_ElseIf": true, "NI_Flow_Else": true, "NI_Flow_End": true,
	"NI_Flow_For": true, "NI_Flow_ForEach": true, "NI_Flow_Break": true, "NI_Flow_Continue": true,
	"NI_Flow_DoWhile": true, "NI_Flow_While": true, "NI_Flow_Select": true, "NI_Flow_Case": true,
	"NI_Lock": true, "NI_Rendezvous": true, "NI_Queue": true, "NI_Notification": true,
	"NI_Wait": true, "NI_Batch_Sync": true, "NI_AutoSchedule": true, "NI_UseResource": true,
	"NI_ThreadPriority": true, "NI_Semaphore": true, "NI_BatchSpec": true,
	"NI_OpenDatabase": true, "NI_OpenSQLStatement": true, "NI_CloseSQLStatement": true,
	"NI_CloseDatabase": true, "NI_DataOperation": true, "NI_IVIDmm": true, "NI_IVIScope": true,
	"NI_IVIFgen": true, "NI_IVIPowerSupply": true, "NI_Switch": true, "NI_IVITools": true,
	"NI_LV_CheckSystemStatus": true, "NI_LV_RunVIAsynchronously": true,
}

// leafElement reads the Test or SessionAction just opened and adds its step.
func (p *parser) leafElement(parent *report.Step, se xml.StartElement, at string) error {
	l := &p.leaf
	results := l.results[:0]
	*l = leaf{action: se.Name.Local == "SessionAction", results: results}
	n, _ := attr(se, "name")
	l.name = strings.TrimSpace(n)
	d := p.c.depth()
	for {
		ce, ok, err := p.c.child(d)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if ce.Name.Space != p.v.tr {
			continue
		}
		switch ce.Name.Local {
		case "Extension":
			l.hasExt = true
			if err := p.stepPropsOf(&l.props); err != nil {
				return err
			}
		case "Outcome", "ActionOutcome":
			l.status, l.hasStatus = outcomeOf(ce), true
		case "Data":
			if err := p.dataReportText(l); err != nil {
				return err
			}
		case "TestResult":
			if l.action {
				continue
			}
			l.results = append(l.results, result{})
			r := &l.results[len(l.results)-1]
			if err := p.testResult(r, ce); err != nil {
				return err
			}
			if r.isReportText && r.hasText && !l.hasResRT {
				l.resultRT, l.hasResRT = r.text, true
			}
		}
	}
	if !l.hasExt {
		return nil // not a step candidate
	}
	if !l.props.isStep {
		if p.opt.strict {
			return p.notAStep(at)
		}
		return nil // D-11
	}
	if err := p.ctx.Err(); err != nil {
		return err
	}
	if err := p.addLeaf(parent, l, at); err != nil {
		if _, ok := err.(*convert.MalformedError); ok {
			return err
		}
		return &convert.MalformedError{Converter: Name, File: p.src.Name, Path: at, Msg: "step", Err: err}
	}
	return nil
}

// dataReportText reads Data/Collection/Item[@name="ReportText"]/Datum/Value.
func (p *parser) dataReportText(l *leaf) error {
	return p.c.children(func(se xml.StartElement) error {
		if !is(se, p.v.c, "Collection") {
			return nil
		}
		return p.c.children(func(item xml.StartElement) error {
			if n, _ := attr(item, "name"); n != "ReportText" || !is(item, p.v.c, "Item") {
				return nil
			}
			v, ok, err := p.datumValue()
			if err != nil {
				return err
			}
			if ok && !l.hasRT {
				l.reportText, l.hasRT = v, true
			}
			return nil
		})
	})
}

// datumValue reads c:Datum/c:Value text under the element just opened.
func (p *parser) datumValue() (val string, found bool, err error) {
	err = p.c.children(func(se xml.StartElement) error {
		if !is(se, p.v.c, "Datum") {
			return nil
		}
		return p.c.children(func(ve xml.StartElement) error {
			if !is(ve, p.v.c, "Value") || found {
				return nil
			}
			v, err := p.rawText()
			if err != nil {
				return err
			}
			val, found = v, true
			return nil
		})
	})
	if err != nil {
		return "", false, err
	}
	return val, found, nil
}

// rawText is textOf without trimming (report texts and string values keep
// their spaces).
func (p *parser) rawText() (string, error) {
	d := p.c.depth()
	p.c.text = p.c.text[:0]
	for p.c.depth() >= d {
		tok, err := p.c.next()
		if err != nil {
			return "", err
		}
		if cd, ok := tok.(xml.CharData); ok {
			p.c.text = append(p.c.text, cd...)
		}
	}
	return string(p.c.text), nil
}

// addLeaf builds the step of a finished Test or SessionAction.
func (p *parser) addLeaf(parent *report.Step, l *leaf, at string) error {
	if l.name == "" {
		return &convert.MalformedError{Converter: Name, File: p.src.Name, Path: at, Msg: "step has no name"}
	}
	name := p.clip(l.name, 100, at, "step name")
	status := l.status
	if !l.hasStatus {
		status = report.StatusDone
	}
	rt, hasRT := l.reportText, l.hasRT
	if !hasRT && l.hasResRT {
		rt, hasRT = l.resultRT, true
	}
	opts := p.stepOpts(&l.props, status, true, rt, hasRT)
	var st *report.Step
	var err error
	if l.action {
		t := l.props.stepType
		if !actionTypes[t] {
			t = "Action"
		}
		st, err = parent.AddActionStep(name, append(opts, report.StepType(t))...)
	} else {
		switch l.props.stepType {
		case "PassFailTest":
			st, err = p.passFail(parent, name, status, opts)
		case "NumericLimitTest", "NI_MultipleNumericLimitTest":
			st, err = p.numeric(parent, name, status, l, opts, at)
		case "StringValueTest":
			st, err = p.stringTest(parent, name, status, l, opts, at)
		default:
			if !p.opt.keepUnknown {
				if p.dropped == nil {
					p.dropped = make(map[string]int)
				}
				p.dropped[l.props.stepType]++
				return nil
			}
			t := l.props.stepType
			if t == "" {
				t = "Action"
			}
			st, err = parent.AddActionStep(name, append(opts, report.StepType(p.clip(t, 100, at, "step type")))...)
		}
	}
	if err != nil {
		return err
	}
	p.applyProps(st, &l.props)
	return nil
}

// singleStatus is the measurement status of a single-measurement step
// (P/D pass, F/E/T fail).
func singleStatus(step string) string {
	if step == report.StatusDone {
		return report.StatusPassed
	}
	return measStatus(step)
}

func (p *parser) passFail(parent *report.Step, name, status string, opts []report.StepOption) (*report.Step, error) {
	if status == report.StatusSkipped {
		return parent.AddActionStep(name, append(opts, report.StepType("ET_PFT"))...)
	}
	st, err := parent.AddPassFailStep(name, status != report.StatusFailed, opts...)
	if err != nil {
		return nil, err
	}
	st.BooleanMeas[0].Status = report.StrOf(singleStatus(status))
	return st, nil
}

// selected returns the results that are measurements (6.5): with limits or
// a LOG comparison, and not the ReportText result.
func (l *leaf) selected() []*result {
	var out []*result
	for i := range l.results {
		r := &l.results[i]
		if !r.isReportText && (r.hasLimits || r.isLog) {
			out = append(out, r)
		}
	}
	return out
}

func (p *parser) numeric(parent *report.Step, name, status string, l *leaf, opts []report.StepOption, at string) (*report.Step, error) {
	sel := l.selected()
	if len(sel) == 0 || status == report.StatusSkipped {
		t := "ET_NLT"
		if len(sel) >= 2 {
			t = "ET_MNLT"
		}
		return parent.AddActionStep(name, append(opts, report.StepType(t))...)
	}
	if len(sel) == 1 {
		r := sel[0]
		v, lim, err := p.numbers(r, at)
		if err != nil {
			return nil, err
		}
		return convkit.NumericStep(parent, name, v, r.unit, lim, opts...)
	}
	st, err := parent.AddMultiNumericStep(name, opts...)
	if err != nil {
		return nil, err
	}
	for _, r := range sel {
		v, lim, err := p.numbers(r, at)
		if err != nil {
			return nil, err
		}
		mname := strings.TrimSpace(r.name)
		if mname == "" {
			mname = strings.TrimSpace(r.id)
		}
		m, err := convkit.NumericMeasurement(st, p.clip(mname, 100, at, "measurement name"), v, r.unit, lim)
		if err != nil {
			return nil, err
		}
		ms := status
		if r.hasOutcome {
			ms = r.outcome
		}
		m.Status = report.StrOf(measStatus(ms))
	}
	st.SetStatus(status)
	return st, nil
}

func (p *parser) stringTest(parent *report.Step, name, status string, l *leaf, opts []report.StepOption, at string) (*report.Step, error) {
	sel := l.selected()
	if len(sel) == 0 || status == report.StatusSkipped {
		return parent.AddActionStep(name, append(opts, report.StepType("ET_SVT"))...)
	}
	r := sel[0]
	op, limit := report.LOG, ""
	if r.limKind == limExpected {
		op, limit = report.CaseSensitive, r.expText
		if r.comp[0] == "CIEQ" {
			op = report.IgnoreCase
		}
	}
	st, err := parent.AddStringStep(name, r.text, op, limit, opts...)
	if err != nil {
		return nil, err
	}
	st.StringMeas[0].Status = report.StrOf(singleStatus(status))
	return st, nil
}

// numbers turns a result's value and limits into numbers (6.5).
func (p *parser) numbers(r *result, at string) (float64, convkit.Limits, error) {
	bad := func(what, s string) error {
		return &convert.MalformedError{Converter: Name, File: p.src.Name, Path: at, Msg: fmt.Sprintf("%s %q is not a number", what, s)}
	}
	v := 0.0
	if r.hasValue {
		f, err := parseNumber(r.value)
		if err != nil {
			return 0, convkit.Limits{}, bad("value", r.value)
		}
		v = f
	}
	lim := convkit.Limits{Op: report.LOG}
	if r.thrType != "" && (r.limKind == limPair || r.limKind == limExpected) {
		if lo, hi, ok, err := r.threshold(); err != nil {
			return 0, lim, bad("threshold limit", err.Error())
		} else if ok {
			return v, convkit.Limits{Op: report.GELE, Low: lo, High: hi}, nil
		}
	}
	switch r.limKind {
	case limPair:
		op, ok := report.ParseCompOp(r.comp[0] + r.comp[1])
		if !ok || op.Limits() != 2 || r.nlim != 2 {
			return 0, lim, &convert.MalformedError{Converter: Name, File: p.src.Name, Path: at,
				Msg: fmt.Sprintf("limit pair %s/%s is not a numeric comparison", r.comp[0], r.comp[1])}
		}
		lo, err := parseNumber(r.lim[0])
		if err != nil {
			return 0, lim, bad("low limit", r.lim[0])
		}
		hi, err := parseNumber(r.lim[1])
		if err != nil {
			return 0, lim, bad("high limit", r.lim[1])
		}
		lim = convkit.Limits{Op: op, Low: lo, High: hi}
	case limSingle, limExpected:
		op, ok := report.ParseCompOp(r.comp[0])
		allowed := op.Limits() == 1
		if r.limKind == limExpected {
			allowed = op == report.EQ || op == report.NE
		}
		if !ok || !allowed {
			return 0, lim, &convert.MalformedError{Converter: Name, File: p.src.Name, Path: at,
				Msg: fmt.Sprintf("comparator %q is not a single-limit numeric comparison", r.comp[0])}
		}
		lo, err := parseNumber(r.lim[0])
		if err != nil {
			return 0, lim, bad("limit", r.lim[0])
		}
		lim = convkit.Limits{Op: op, Low: lo}
	}
	return v, lim, nil
}
