package report

import (
	"fmt"
	"math"
	"time"

	"github.com/watsgo/sdk/internal/errs"
)

// StepOption configures a step being added.
type StepOption func(*stepConfig)

type stepConfig struct {
	group      string
	stepType   string
	status     string
	reportText *string
	errCode    *int
	errMsg     string
	totTime    *time.Duration
	start      *time.Time
	tsGuid     string
	iterOf     *Step
	seqPath    string
	seqVersion string
}

// StepGroup puts the step in the setup ("S"), main ("M", default) or
// cleanup ("C") group.
func StepGroup(g string) StepOption { return func(c *stepConfig) { c.group = g } }

// StepType overrides the stepType label (e.g. "NI_Wait", "ET_A"); it does
// not change what the step is.
func StepType(t string) StepOption { return func(c *stepConfig) { c.stepType = t } }

// StepStatus sets the step status explicitly (P, F, D, S, E or T); an
// explicit status wins over the computed one.
func StepStatus(code string) StepOption { return func(c *stepConfig) { c.status = code } }

// StepReportText sets free text shown on the step.
func StepReportText(s string) StepOption { return func(c *stepConfig) { c.reportText = &s } }

// StepError sets the step's error code and message.
func StepError(code int, msg string) StepOption {
	return func(c *stepConfig) { c.errCode, c.errMsg = &code, msg }
}

// StepTime sets the step duration (totTime, seconds).
func StepTime(d time.Duration) StepOption { return func(c *stepConfig) { c.totTime = &d } }

// StepStart sets the step start time (written in UTC with +00:00).
func StepStart(t time.Time) StepOption { return func(c *stepConfig) { c.start = &t } }

// StepTSGuid sets the TestStand step id.
func StepTSGuid(id string) StepOption { return func(c *stepConfig) { c.tsGuid = id } }

// SequenceFile sets the seqCall path (sequence file) and version of a step
// added with AddSequence; other adders ignore it.
func SequenceFile(path, version string) StepOption {
	return func(c *stepConfig) { c.seqPath, c.seqVersion = path, version }
}

// LoopIteration makes the step the next iteration of the loop whose header
// AddLoop returned; it is placed after the header's previous iterations.
func LoopIteration(header *Step) StepOption { return func(c *stepConfig) { c.iterOf = header } }

// Limit is a comparison operator with its limits, built by Lim.
type Limit struct {
	op  CompOp
	n   int // how many limits were given
	lim [2]float64
}

// Lim pairs an operator with its limits: none for LOG, one for EQ, NE, GT,
// GE, LT and LE (written to lowLimit), low then high for the others.
func Lim(op CompOp, limits ...float64) Limit {
	l := Limit{op: op, n: len(limits)}
	copy(l.lim[:], limits)
	return l
}

func (l Limit) check(v *errs.ValidationError, path string) {
	op, ok := ParseCompOp(string(l.op))
	if !ok || !op.IsNumeric() {
		v.Add(path+"compOp", "compop", fmt.Sprintf("unknown numeric operator %q", l.op))
		return
	}
	want := op.Limits()
	if l.n != want {
		name := "lowLimit"
		if l.n > 1 || want == 2 && l.n == 1 {
			name = "highLimit"
		}
		v.Add(path+name, "limits", fmt.Sprintf("%s needs %d limit(s), got %d", op, want, l.n))
		return
	}
	for i, f := range l.lim[:l.n] {
		if !finite(f) {
			name := "lowLimit"
			if i == 1 {
				name = "highLimit"
			}
			checkFinite(v, path+name, f)
		}
	}
	if want == 2 && l.lim[0] > l.lim[1] {
		v.Add(path+"lowLimit", "ltefield=highLimit", fmt.Sprintf("lowLimit %v is above highLimit %v", l.lim[0], l.lim[1]))
	}
}

func (l Limit) meas(name Str, value float64, unit string) *NumericMeas {
	return l.fill(new(NumericMeas), name, value, unit)
}

func (l Limit) fill(m *NumericMeas, name Str, value float64, unit string) *NumericMeas {
	op, _ := ParseCompOp(string(l.op))
	*m = NumericMeas{CompOp: StrOf(string(op)), Name: name, Unit: nullIfEmpty(unit), Value: NumOf(value), HighLimit: NullNum(), LowLimit: NullNum()}
	if l.n >= 1 {
		m.LowLimit = NumOf(l.lim[0])
	}
	if l.n == 2 {
		m.HighLimit = NumOf(l.lim[1])
	}
	if st, ok := m.Evaluate(); ok {
		m.Status, m.autoStatus = StrOf(st), memoOf(st)
	}
	return m
}

// newStep checks the common step input and returns the step, not yet
// attached, plus where to insert it.
func (s *Step) newStep(v *errs.ValidationError, name, stepType string, opts []StepOption) (*Step, *stepConfig) {
	return s.fillStep(new(Step), v, name, stepType, opts)
}

// noOptions is shared by every step added without options, so the common
// case allocates no config.
var noOptions = &stepConfig{group: GroupMain}

// fillStep checks the common step input and fills st (not yet attached).
func (s *Step) fillStep(st *Step, v *errs.ValidationError, name, stepType string, opts []StepOption) (*Step, *stepConfig) {
	c := noOptions
	if len(opts) > 0 {
		c = &stepConfig{group: GroupMain, stepType: stepType}
		for _, o := range opts {
			if o != nil {
				o(c)
			}
		}
	}
	if c.stepType != "" {
		stepType = c.stepType
	}
	checkText(v, "name", name, 100, true)
	checkText(v, "stepType", stepType, 100, true)
	if c.group != GroupSetup && c.group != GroupMain && c.group != GroupCleanup {
		v.Add("group", "oneof=S M C", fmt.Sprintf("must be S, M or C, got %q", c.group))
	}
	if c.status != "" && (len(c.status) != 1 || severity(c.status) == 0) {
		v.Add("status", "oneof=P F D S E T", fmt.Sprintf("must be one of P F D S E T, got %q", c.status))
	}
	if c.errCode != nil {
		checkInt(v, "errorCode", *c.errCode, math.MinInt32, math.MaxInt32)
	}
	checkText(v, "errorMessage", c.errMsg, 0, false)
	checkText(v, "tsGuid", c.tsGuid, 30, false)
	if c.reportText != nil {
		checkText(v, "reportText", *c.reportText, 0, false)
	}
	if c.totTime != nil && *c.totTime < 0 {
		v.Add("totTime", "min=0", "must not be negative")
	}
	if c.iterOf != nil {
		if c.iterOf.Loop == nil || !c.iterOf.Loop.IsHeader() || s.indexOf(c.iterOf) < 0 {
			v.Add("loop", "header", "LoopIteration needs a loop header added to the same sequence")
		}
	}
	st.arena = s.arena
	st.Group = StrOf(c.group)
	st.StepType = StrOf(stepType)
	st.Name = StrOf(name)
	st.CausedUUTFailure = BoolOf(false)
	if c.status != "" {
		st.Status = StrOf(c.status)
	}
	if c.reportText != nil {
		st.ReportText = StrOf(*c.reportText)
	}
	if c.errCode != nil {
		st.ErrorCode = IntOf(int64(*c.errCode))
	}
	if c.errMsg != "" {
		st.ErrorMessage = StrOf(c.errMsg)
	}
	if c.totTime != nil {
		st.TotTime = seconds(*c.totTime)
	}
	if c.start != nil {
		st.Start = TimeOf(c.start.UTC())
	}
	if c.tsGuid != "" {
		st.TSGuid = StrOf(c.tsGuid)
	}
	return st, c
}

func (s *Step) indexOf(child *Step) int {
	for i, c := range s.Steps {
		if c == child {
			return i
		}
	}
	return -1
}

// attach inserts a checked step: at the end, or after the last iteration
// of its loop.
func (s *Step) attach(st *Step, c *stepConfig) *Step {
	if c.iterOf == nil {
		s.Steps = append(s.Steps, st)
		return st
	}
	i := s.indexOf(c.iterOf) + 1
	n := int64(0)
	for i < len(s.Steps) && s.Steps[i].Loop != nil && !s.Steps[i].Loop.IsHeader() {
		i++
		n++
	}
	st.Loop = &Loop{Idx: IntOf(n), Num: NullInt(), EndingIndex: NullInt(), Passed: NullInt(), Failed: NullInt()}
	s.Steps = append(s.Steps, nil)
	copy(s.Steps[i+1:], s.Steps[i:])
	s.Steps[i] = st
	return st
}

// finishStatus gives a built step with content its computed status unless
// the caller set one; a single measurement follows an explicit step status.
func finishStatus(st *Step) {
	if st.Status.IsSet() {
		ms := measStatusFor(st.Status.v)
		if len(st.NumericMeas) == 1 {
			st.NumericMeas[0].Status, st.NumericMeas[0].autoStatus = StrOf(ms), 0
		}
		if len(st.StringMeas) == 1 {
			st.StringMeas[0].Status, st.StringMeas[0].autoStatus = StrOf(ms), 0
		}
		return
	}
	own := ownStatus(st)
	st.Status, st.autoStatus = StrOf(own), memoOf(own)
}

func (s *Step) checkContainer(v *errs.ValidationError) {
	if s.SeqCall == nil && len(s.Steps) == 0 {
		v.Add("steps", "required_with=seqCall", "steps can only be added to a sequence (a step with seqCall)")
	}
}

// stepErr returns a copy of the collected violations, or nil; copying lets
// the builders keep their collector on the stack in the common, valid case.
func stepErr(v *errs.ValidationError) error {
	if len(v.Fields) == 0 {
		return nil
	}
	e := *v
	return &e
}

// AddSequence adds a sequence-call step (a container for more steps).
func (s *Step) AddSequence(name string, opts ...StepOption) (*Step, error) {
	v := &errs.ValidationError{Op: "report.AddSequence"}
	s.checkContainer(v)
	st, c := s.newStep(v, name, "SequenceCall", opts)
	checkText(v, "seqCall.name", name, 200, false)
	checkText(v, "seqCall.path", c.seqPath, 500, false)
	checkText(v, "seqCall.version", c.seqVersion, 30, false)
	if err := stepErr(v); err != nil {
		return nil, err
	}
	st.SeqCall = &SeqCall{Path: nullIfEmpty(c.seqPath), Name: StrOf(name), Version: nullIfEmpty(c.seqVersion)}
	st.Steps = []*Step{}
	return s.attach(st, c), nil
}

// AddNumericStep adds a single numeric limit test (ET_NLT) whose status is
// computed from value and limit.
func (s *Step) AddNumericStep(name string, value float64, unit string, lim Limit, opts ...StepOption) (*Step, error) {
	var vs errs.ValidationError
	vs.Op = "report.AddNumericStep"
	v := &vs
	s.checkContainer(v)
	// The step, its measurement and the one-element list share one block.
	blk := s.arena.numericBlock()
	st, c := s.fillStep(&blk.step, v, name, "ET_NLT", opts)
	checkFinite(v, "numericMeas[0].value", value)
	checkText(v, "numericMeas[0].unit", unit, 0, false)
	lim.check(v, "numericMeas[0].")
	if err := stepErr(v); err != nil {
		s.arena.giveBack(blk)
		return nil, err
	}
	blk.list[0] = lim.fill(&blk.meas, NullStr(), value, unit)
	st.NumericMeas = blk.list[:]
	finishStatus(st)
	return s.attach(st, c), nil
}

type numericStepBlock struct {
	step Step
	meas NumericMeas
	list [1]*NumericMeas
}

// stepArena allocates numeric-step blocks in chunks for one built report,
// so 10 000 steps cost a few dozen allocations instead of 10 000. Chunks
// grow from 8 to 256 blocks; a small report wastes little.
type stepArena struct {
	chunk []numericStepBlock
	next  int
}

func (a *stepArena) numericBlock() *numericStepBlock {
	if a == nil {
		return new(numericStepBlock)
	}
	if a.next == len(a.chunk) {
		n := 2 * len(a.chunk)
		switch {
		case n < 8:
			n = 8
		case n > 256:
			n = 256
		}
		a.chunk, a.next = make([]numericStepBlock, n), 0
	}
	b := &a.chunk[a.next]
	a.next++
	return b
}

// giveBack returns the block handed out last after its step was refused.
func (a *stepArena) giveBack(b *numericStepBlock) {
	if a != nil && a.next > 0 && b == &a.chunk[a.next-1] {
		*b = numericStepBlock{}
		a.next--
	}
}

// AddMultiNumericStep adds a multiple numeric limit test (ET_MNLT); add its
// measurements with AddNumericMeasurement.
func (s *Step) AddMultiNumericStep(name string, opts ...StepOption) (*Step, error) {
	v := &errs.ValidationError{Op: "report.AddMultiNumericStep"}
	s.checkContainer(v)
	st, c := s.newStep(v, name, "ET_MNLT", opts)
	if err := stepErr(v); err != nil {
		return nil, err
	}
	st.NumericMeas = []*NumericMeas{}
	return s.attach(st, c), nil
}

// AddNumericMeasurement adds a named measurement to a multiple numeric or
// chart step; names must be unique within the step.
func (s *Step) AddNumericMeasurement(name string, value float64, unit string, lim Limit) error {
	v := &errs.ValidationError{Op: "report.AddNumericMeasurement"}
	path := fmt.Sprintf("numericMeas[%d].", len(s.NumericMeas))
	if s.SeqCall != nil || len(s.StringMeas)+len(s.BooleanMeas) > 0 || s.CallExe != nil || s.MessagePopup != nil {
		v.Add("numericMeas", "one-block", "the step already carries another kind of content")
	}
	s.checkMeasName(v, path, name, func(i int) Str { return s.NumericMeas[i].Name }, len(s.NumericMeas))
	checkFinite(v, path+"value", value)
	checkText(v, path+"unit", unit, 0, false)
	lim.check(v, path)
	if err := v.OrNil(); err != nil {
		return err
	}
	s.NumericMeas = append(s.NumericMeas, lim.meas(StrOf(name), value, unit))
	s.refreshStatus()
	return nil
}

func (s *Step) checkMeasName(v *errs.ValidationError, path, name string, at func(int) Str, n int) {
	checkText(v, path+"name", name, 100, true)
	for i := 0; i < n; i++ {
		if at(i).Value() == name {
			v.Add(path+"name", "unique", fmt.Sprintf("name %q is already used in this step", name))
			return
		}
	}
}

// refreshStatus recomputes an automatic status after content was added.
func (s *Step) refreshStatus() {
	if isAuto(s.Status, s.autoStatus) {
		own := ownStatus(s)
		s.Status, s.autoStatus = StrOf(own), memoOf(own)
	}
}

// AddStringStep adds a single string value test (ET_SVT). For LOG the limit
// is ignored and written as null.
func (s *Step) AddStringStep(name, value string, op CompOp, limit string, opts ...StepOption) (*Step, error) {
	v := &errs.ValidationError{Op: "report.AddStringStep"}
	s.checkContainer(v)
	st, c := s.newStep(v, name, "ET_SVT", opts)
	m := checkStringMeas(v, "stringMeas[0].", NullStr(), value, op, limit)
	if err := stepErr(v); err != nil {
		return nil, err
	}
	st.StringMeas = []*StringMeas{m}
	finishStatus(st)
	return s.attach(st, c), nil
}

func checkStringMeas(v *errs.ValidationError, path string, name Str, value string, op CompOp, limit string) *StringMeas {
	checkText(v, path+"value", value, 0, false)
	checkText(v, path+"limit", limit, 0, false)
	canon, ok := ParseCompOp(string(op))
	if !ok || !canon.IsString() {
		v.Add(path+"compOp", "compop", fmt.Sprintf("unknown string operator %q", op))
		return nil
	}
	m := &StringMeas{CompOp: StrOf(string(canon)), Name: name, Value: StrOf(value), Limit: NullStr()}
	if canon != LOG {
		m.Limit = StrOf(limit)
	}
	if st, ok := m.Evaluate(); ok {
		m.Status, m.autoStatus = StrOf(st), memoOf(st)
	}
	return m
}

// AddMultiStringStep adds a multiple string value test (ET_MSVT); add its
// measurements with AddStringMeasurement.
func (s *Step) AddMultiStringStep(name string, opts ...StepOption) (*Step, error) {
	v := &errs.ValidationError{Op: "report.AddMultiStringStep"}
	s.checkContainer(v)
	st, c := s.newStep(v, name, "ET_MSVT", opts)
	if err := stepErr(v); err != nil {
		return nil, err
	}
	st.StringMeas = []*StringMeas{}
	return s.attach(st, c), nil
}

// AddStringMeasurement adds a named measurement to a multiple string step.
func (s *Step) AddStringMeasurement(name, value string, op CompOp, limit string) error {
	v := &errs.ValidationError{Op: "report.AddStringMeasurement"}
	path := fmt.Sprintf("stringMeas[%d].", len(s.StringMeas))
	if s.SeqCall != nil || len(s.NumericMeas)+len(s.BooleanMeas) > 0 || s.CallExe != nil || s.MessagePopup != nil {
		v.Add("stringMeas", "one-block", "the step already carries another kind of content")
	}
	s.checkMeasName(v, path, name, func(i int) Str { return s.StringMeas[i].Name }, len(s.StringMeas))
	m := checkStringMeas(v, path, StrOf(name), value, op, limit)
	if err := v.OrNil(); err != nil {
		return err
	}
	s.StringMeas = append(s.StringMeas, m)
	s.refreshStatus()
	return nil
}

// AddPassFailStep adds a single pass/fail test (ET_PFT).
func (s *Step) AddPassFailStep(name string, pass bool, opts ...StepOption) (*Step, error) {
	v := &errs.ValidationError{Op: "report.AddPassFailStep"}
	s.checkContainer(v)
	st, c := s.newStep(v, name, "ET_PFT", opts)
	if err := stepErr(v); err != nil {
		return nil, err
	}
	st.BooleanMeas = []*BooleanMeas{{Name: NullStr(), Status: StrOf(passStatus(pass))}}
	finishStatus(st)
	return s.attach(st, c), nil
}

func passStatus(pass bool) string {
	if pass {
		return StatusPassed
	}
	return StatusFailed
}

// AddMultiPassFailStep adds a multiple pass/fail test (ET_MPFT); add its
// measurements with AddPassFailMeasurement.
func (s *Step) AddMultiPassFailStep(name string, opts ...StepOption) (*Step, error) {
	v := &errs.ValidationError{Op: "report.AddMultiPassFailStep"}
	s.checkContainer(v)
	st, c := s.newStep(v, name, "ET_MPFT", opts)
	if err := stepErr(v); err != nil {
		return nil, err
	}
	st.BooleanMeas = []*BooleanMeas{}
	return s.attach(st, c), nil
}

// AddPassFailMeasurement adds a named result to a multiple pass/fail step.
func (s *Step) AddPassFailMeasurement(name string, pass bool) error {
	v := &errs.ValidationError{Op: "report.AddPassFailMeasurement"}
	path := fmt.Sprintf("booleanMeas[%d].", len(s.BooleanMeas))
	if s.SeqCall != nil || len(s.NumericMeas)+len(s.StringMeas) > 0 || s.CallExe != nil || s.MessagePopup != nil {
		v.Add("booleanMeas", "one-block", "the step already carries another kind of content")
	}
	s.checkMeasName(v, path, name, func(i int) Str { return s.BooleanMeas[i].Name }, len(s.BooleanMeas))
	if err := v.OrNil(); err != nil {
		return err
	}
	s.BooleanMeas = append(s.BooleanMeas, &BooleanMeas{Name: StrOf(name), Status: StrOf(passStatus(pass))})
	s.refreshStatus()
	return nil
}

// AddCallExeStep adds a call-executable step with the program's exit code.
func (s *Step) AddCallExeStep(name string, exitCode float64, opts ...StepOption) (*Step, error) {
	v := &errs.ValidationError{Op: "report.AddCallExeStep"}
	s.checkContainer(v)
	st, c := s.newStep(v, name, "CallExecutable", opts)
	checkFinite(v, "callExe.exitCode", exitCode)
	if err := stepErr(v); err != nil {
		return nil, err
	}
	st.CallExe = &CallExe{ExitCode: NumOf(exitCode)}
	finishStatus(st)
	return s.attach(st, c), nil
}

// AddMessagePopupStep adds a message-popup step with the operator's typed
// response and the 0-based index of the button pressed.
func (s *Step) AddMessagePopupStep(name, response string, button int, opts ...StepOption) (*Step, error) {
	v := &errs.ValidationError{Op: "report.AddMessagePopupStep"}
	s.checkContainer(v)
	st, c := s.newStep(v, name, "MessagePopup", opts)
	checkText(v, "messagePopup.response", response, 100, false)
	checkInt(v, "messagePopup.button", button, math.MinInt16, math.MaxInt16)
	if err := stepErr(v); err != nil {
		return nil, err
	}
	st.MessagePopup = &MessagePopup{Response: nullIfEmpty(response), Button: IntOf(int64(button))}
	finishStatus(st)
	return s.attach(st, c), nil
}

// AddActionStep adds a generic step without measurements (Action by
// default; use StepType for flow, wait, label and other TestStand types).
// Its status defaults to Done ("D").
func (s *Step) AddActionStep(name string, opts ...StepOption) (*Step, error) {
	v := &errs.ValidationError{Op: "report.AddActionStep"}
	s.checkContainer(v)
	st, c := s.newStep(v, name, "Action", opts)
	if err := stepErr(v); err != nil {
		return nil, err
	}
	finishStatus(st)
	return s.attach(st, c), nil
}

// AddLoop adds a loop header step; add iterations with the LoopIteration
// option on any step adder. Finalize fills num, endingIndex, passed and
// failed from the iterations and gives the header their worst status.
func (s *Step) AddLoop(name string, opts ...StepOption) (*Step, error) {
	v := &errs.ValidationError{Op: "report.AddLoop"}
	s.checkContainer(v)
	st, c := s.newStep(v, name, "Action", opts)
	if c.iterOf != nil {
		v.Add("loop", "header", "a loop header cannot be an iteration")
	}
	if err := stepErr(v); err != nil {
		return nil, err
	}
	st.Loop = &Loop{Idx: NullInt(), auto: true}
	return s.attach(st, c), nil
}

// SetStatus sets the step status explicitly; Finalize keeps it.
func (s *Step) SetStatus(code string) { s.Status, s.autoStatus = StrOf(code), 0 }
