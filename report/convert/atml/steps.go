package atml

import (
	"encoding/xml"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

// rootSeqName is the name the WATS client gives the root sequence call.
const rootSeqName = "MainSequence Callback"

// nestedSeqName is the seqCall.name Virinco's converter leaves on nested
// sequences (the name they are created with).
const nestedSeqName = "SequenceCall"

// splitSeq splits a TestGroup/ResultSet name "file.seq#Sequence".
func splitSeq(name string) (path, entry string) {
	if i := strings.IndexByte(name, '#'); i >= 0 {
		return name[:i], name[i+1:]
	}
	return name, ""
}

// seqTitle is a sequence step's name: callerName, else the part after '#'.
func seqTitle(se xml.StartElement) string {
	if n, ok := attr(se, "callerName"); ok && strings.TrimSpace(n) != "" {
		return strings.TrimSpace(n)
	}
	name, _ := attr(se, "name")
	_, entry := splitSeq(name)
	return strings.TrimSpace(entry)
}

// resultSet builds the report from the ResultSet element just opened. The
// header fields the file gives later are filled in by applyHeader.
func (p *parser) resultSet(se xml.StartElement) (*report.Report, error) {
	name, _ := attr(se, "name")
	path, _ := splitSeq(name)
	start, exec, err := p.startOf(se)
	if err != nil {
		return nil, err
	}
	at := p.c.path()
	r, err := report.NewUUT(defaultSerialNumber, defaultSerialNumber, p.opt.revision, p.opt.processCode,
		report.WithOperator(p.opt.operator),
		report.WithStation(p.opt.station),
		report.WithStart(start),
		report.WithExecTime(exec),
		report.WithSequence(rootSeqName, p.clip(path, 500, at, "sequence file path"), p.opt.seqVersion))
	if err != nil {
		return nil, fmt.Errorf("atml: %s: %s: %w", p.src.Name, at, err)
	}
	result := ""
	root := &seqState{step: r.Root, root: true}
	if !p.v.collection() {
		// 2.02: the root sequence is the first TestGroup of the ResultSet.
		d := p.c.depth()
		seen := false
		for {
			se, ok, err := p.c.child(d)
			if err != nil {
				return nil, err
			}
			if !ok {
				break
			}
			switch {
			case is(se, p.v.tr, "Outcome"):
				result = outcomeOf(se)
			case is(se, p.v.tr, "TestGroup") && !seen:
				seen = true
				p.nameRoot(r, se)
				if err := p.groupBody(root); err != nil {
					return nil, err
				}
			}
		}
		if !root.hasStatus {
			root.status, root.hasStatus = result, true
		}
	} else {
		p.nameRoot(r, se)
		if err := p.groupBody(root); err != nil {
			return nil, err
		}
		result = root.status
	}
	switch result {
	case report.StatusPassed, report.StatusFailed, report.StatusError, report.StatusTerminated:
	default:
		return nil, &convert.MalformedError{Converter: Name, File: p.src.Name, Path: at,
			Msg: fmt.Sprintf("the ResultSet outcome (status %q) is not a report result (Passed, Failed, Error or Terminated)", result)}
	}
	r.Header.Result = report.StrOf(result)
	r.Root.SetStatus(root.status)
	return r, nil
}

// nameRoot names the root step after the entry sequence and takes its path.
func (p *parser) nameRoot(r *report.Report, se xml.StartElement) {
	at := p.c.path()
	if t := seqTitle(se); t != "" {
		r.Root.Name = report.StrOf(p.clip(t, 100, at, "step name"))
	}
	if name, ok := attr(se, "name"); ok {
		if path, _ := splitSeq(name); path != "" {
			r.Root.SeqCall.Path = report.StrOf(p.clip(path, 500, at, "sequence file path"))
		}
	}
}

// seqState is a sequence being read: the root, or a TestGroup whose step is
// created when its first child step (or its end) is reached.
type seqState struct {
	parent    *report.Step
	step      *report.Step
	root      bool
	name      string
	path      string
	props     stepProps
	hasExt    bool
	status    string
	hasStatus bool
	at        string
}

// stepProps is what Extension/TSStepProperties says about a step.
type stepProps struct {
	stepType string
	group    string // WSJF code
	tot      float64
	hasTot   bool
	isStep   bool // TSStepProperties present
}

// groupBody reads the content of the sequence element just opened.
func (p *parser) groupBody(s *seqState) error {
	d := p.c.depth()
	for {
		se, ok, err := p.c.child(d)
		if err != nil {
			return err
		}
		if !ok {
			break
		}
		if se.Name.Space != p.v.tr {
			continue
		}
		switch se.Name.Local {
		case "Extension":
			s.hasExt = true
			if err := p.stepPropsOf(&s.props); err != nil {
				return err
			}
			if s.root {
				p.applyProps(s.step, &s.props)
				continue
			}
			if !s.props.isStep {
				if p.opt.strict {
					return p.notAStep(s.at)
				}
				return p.c.finish(d) // D-11: skipped with its children
			}
		case "Outcome":
			s.status, s.hasStatus = outcomeOf(se), true
			if s.step != nil {
				s.step.SetStatus(s.status)
			}
		case "TestGroup", "Test", "SessionAction":
			if !s.root && !s.hasExt {
				// TestStand writes a group's Extension before its steps; a
				// group without one is skipped with its children.
				return p.c.finish(d)
			}
			if err := p.ensureSeq(s); err != nil {
				return err
			}
			if err := p.stepElement(s.step, se); err != nil {
				return err
			}
		default:
			if p.opt.strict {
				if err := p.strictScan(); err != nil {
					return err
				}
			}
		}
	}
	if s.root || !s.hasExt {
		return nil
	}
	if err := p.ensureSeq(s); err != nil {
		return err
	}
	st := s.status
	if !s.hasStatus {
		st = report.StatusDone
	}
	s.step.SetStatus(st)
	return nil
}

// ensureSeq creates a nested sequence's step once.
func (p *parser) ensureSeq(s *seqState) error {
	if s.step != nil {
		return nil
	}
	if err := p.ctx.Err(); err != nil {
		return err
	}
	opts := p.stepOpts(&s.props, s.status, s.hasStatus, "", false)
	opts = append(opts, report.SequenceFile(s.path, p.opt.seqVersion))
	st, err := s.parent.AddSequence(s.name, opts...)
	if err != nil {
		return &convert.MalformedError{Converter: Name, File: p.src.Name, Path: s.at, Msg: "sequence step", Err: err}
	}
	st.SeqCall.Name = report.StrOf(nestedSeqName)
	p.applyProps(st, &s.props)
	s.step = st
	return nil
}

// stepElement reads one TestGroup, Test or SessionAction child of parent.
func (p *parser) stepElement(parent *report.Step, se xml.StartElement) error {
	at := p.c.path()
	if se.Name.Local == "TestGroup" {
		name, _ := attr(se, "name")
		path, _ := splitSeq(name)
		title := seqTitle(se)
		if title == "" {
			title = strings.TrimSpace(name)
		}
		s := &seqState{parent: parent, at: at,
			name: p.clip(title, 100, at, "step name"),
			path: p.clip(path, 500, at, "sequence file path")}
		return p.groupBody(s)
	}
	return p.leafElement(parent, se, at)
}

// stepPropsOf reads the Extension just opened.
func (p *parser) stepPropsOf(sp *stepProps) error {
	*sp = stepProps{group: report.GroupMain}
	d := p.c.depth()
	for {
		se, ok, err := p.c.child(d)
		if err != nil || !ok {
			return err
		}
		if !is(se, p.v.ts, "TSStepProperties") {
			continue
		}
		sp.isStep = true
		d2 := p.c.depth()
		for {
			se, ok, err := p.c.child(d2)
			if err != nil {
				return err
			}
			if !ok {
				break
			}
			if se.Name.Space != p.v.ts {
				continue
			}
			switch se.Name.Local {
			case "StepType":
				if sp.stepType, err = p.c.textOf(); err != nil {
					return err
				}
			case "StepGroup":
				g, err := p.c.textOf()
				if err != nil {
					return err
				}
				code, ok := groupCode(g)
				if !ok {
					return p.c.failChild("StepGroup", fmt.Sprintf("step group %q is not Setup, Main or Cleanup", g))
				}
				sp.group = code
			case "TotalTime":
				v, ok := attr(se, "value")
				if !ok {
					continue
				}
				f, err := parseNumber(v)
				if err != nil {
					return p.c.failf("TotalTime %q is not a number", v)
				}
				if f >= 0 && !math.IsInf(f, 0) {
					sp.tot, sp.hasTot = f, true
				}
			}
		}
	}
}

// applyProps writes group and total time onto a created step (the time
// is copied as written, not rounded through a Duration).
func (p *parser) applyProps(st *report.Step, sp *stepProps) {
	if !sp.isStep {
		return
	}
	st.Group = report.StrOf(sp.group)
	if sp.hasTot {
		st.TotTime = report.NumOf(sp.tot)
	}
}

// stepOpts are the builder options every created step shares.
func (p *parser) stepOpts(sp *stepProps, status string, hasStatus bool, reportText string, hasRT bool) []report.StepOption {
	opts := make([]report.StepOption, 0, 3)
	opts = append(opts, report.StepGroup(sp.group))
	if hasStatus {
		opts = append(opts, report.StepStatus(status))
	}
	if hasRT {
		opts = append(opts, report.StepReportText(reportText))
	}
	return opts
}

// notAStep is the strict-mode error for an element with an Extension but no
// TSStepProperties.
func (p *parser) notAStep(at string) error {
	return &convert.MalformedError{Converter: Name, File: p.src.Name, Path: at, Msg: "element has an Extension but is not a step (no TSStepProperties)"}
}

// strictScan checks, in strict mode, that the non-step element just opened
// has no Extension without TSStepProperties.
func (p *parser) strictScan() error {
	at := p.c.path()
	d := p.c.depth()
	for {
		se, ok, err := p.c.child(d)
		if err != nil || !ok {
			return err
		}
		if !is(se, p.v.tr, "Extension") {
			continue
		}
		var sp stepProps
		if err := p.stepPropsOf(&sp); err != nil {
			return err
		}
		if !sp.isStep {
			return p.notAStep(at)
		}
	}
}

// finish consumes tokens until the element open at depth d has ended.
func (c *cursor) finish(d int) error {
	for len(c.stack) >= d {
		if _, err := c.next(); err != nil {
			if err == io.EOF {
				return c.fail("file ends inside an element", io.ErrUnexpectedEOF)
			}
			return err
		}
	}
	return nil
}
