package report

import (
	"crypto/rand"
	"fmt"
)

// Finalize makes a report complete for submission and is idempotent:
//   - a missing report id becomes a new lower-case GUID;
//   - unless every step already has a unique id, steps are numbered 1…N in
//     pre-order;
//   - loop headers built by this package get their counters from the
//     iterations that follow them;
//   - statuses roll up measurement → step → sequence → report:
//     a status that is unset or was computed by an earlier Finalize is
//     (re)computed, one set by the caller or read from the wire is kept;
//   - a failing report gets causedUUTFailure on its first failing leaf step
//     (unless a step is flagged already), that step's id in
//     uut.stepIdCausedUUTFailure when that is unset, and causedSeqFailure on
//     the first failing child of each sequence whose status was computed.
func (r *Report) Finalize() error {
	if id := r.Header.ID.Value(); id == "" {
		g, err := NewGUID()
		if err != nil {
			return err
		}
		r.Header.ID = StrOf(g)
	}
	if r.Root == nil {
		return nil
	}
	numberSteps(r.Root)
	rollUp(r.Root)
	if isAuto(r.Header.Result, r.autoResult) {
		res := resultFor(r.Root.Status.Value())
		r.Header.Result = StrOf(res)
		r.autoResult = memoOf(res)
	}
	if failing(r.Header.Result.Value()) {
		flagCause(r)
	}
	return nil
}

// NewGUID returns a random (version 4) GUID in the lower-case form the
// server writes.
func NewGUID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("report: generate GUID: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]), nil
}

// numberSteps keeps existing ids when every step has a unique one and
// renumbers the whole tree in pre-order otherwise.
func numberSteps(root *Step) {
	next := int64(1)
	sequential, complete := true, true
	root.Walk(func(s *Step) bool {
		v, ok := s.ID.Get()
		if !ok {
			complete = false
			return false
		}
		if v != next {
			sequential = false
		}
		next++
		return true
	})
	if complete && !sequential {
		seen := make(map[int64]struct{}, next)
		root.Walk(func(s *Step) bool {
			v, _ := s.ID.Get()
			if _, dup := seen[v]; dup {
				complete = false
				return false
			}
			seen[v] = struct{}{}
			return true
		})
	}
	if complete {
		return
	}
	next = 1
	root.Walk(func(s *Step) bool {
		s.ID = IntOf(next)
		next++
		return true
	})
}

// rollUp computes statuses bottom-up and returns the step's status.
func rollUp(s *Step) string {
	for _, c := range s.Steps {
		if c != nil {
			rollUp(c)
		}
	}
	fillLoopHeaders(s.Steps)
	for _, m := range s.NumericMeas {
		if m != nil && isAuto(m.Status, m.autoStatus) {
			if st, ok := m.Evaluate(); ok {
				m.Status, m.autoStatus = StrOf(st), memoOf(st)
			}
		}
	}
	for _, m := range s.StringMeas {
		if m != nil && isAuto(m.Status, m.autoStatus) {
			if st, ok := m.Evaluate(); ok {
				m.Status, m.autoStatus = StrOf(st), memoOf(st)
			}
		}
	}
	if !isAuto(s.Status, s.autoStatus) {
		return s.Status.v
	}
	st := ownStatus(s)
	var cause *Step
	for _, c := range s.Steps {
		if c == nil {
			continue
		}
		if cs := c.Status.Value(); failing(cs) && severity(cs) > severity(st) {
			st = cs
			if cause == nil {
				cause = c
			}
		}
	}
	if cause != nil && !cause.CausedSeqFailure.Value() {
		cause.CausedSeqFailure = BoolOf(true)
	}
	s.Status, s.autoStatus = StrOf(st), memoOf(st)
	return st
}

// ownStatus is the status a step has from its own content:
// one measurement gives its status; several give F if any failed, else P,
// else S when all were skipped.
func ownStatus(s *Step) string {
	var acc measAcc
	switch {
	case len(s.NumericMeas) > 0:
		for _, m := range s.NumericMeas {
			if m != nil {
				acc.add(m.Status.Value())
			}
		}
	case len(s.StringMeas) > 0:
		for _, m := range s.StringMeas {
			if m != nil {
				acc.add(m.Status.Value())
			}
		}
	case len(s.BooleanMeas) > 0:
		for _, m := range s.BooleanMeas {
			if m != nil {
				acc.add(m.Status.Value())
			}
		}
	default:
		if s.Kind() == KindGeneric && !s.Loop.IsHeader() {
			return StatusDone
		}
		return StatusPassed
	}
	return acc.result()
}

type measAcc struct {
	n                int
	single           string
	anyPass, anyFail bool
}

func (a *measAcc) add(st string) {
	a.n++
	a.single = st
	switch st {
	case StatusFailed:
		a.anyFail = true
	case StatusSkipped:
	default:
		a.anyPass = true
	}
}

func (a *measAcc) result() string {
	switch {
	case a.n == 1 && a.single != "":
		return a.single
	case a.anyFail:
		return StatusFailed
	case a.anyPass || a.n == 0:
		return StatusPassed
	}
	return StatusSkipped
}

// fillLoopHeaders sets the counters of loop headers whose num is unset from
// the iteration steps that follow them, and gives an auto header the worst
// iteration status.
func fillLoopHeaders(steps []*Step) {
	for i, h := range steps {
		if h == nil || !h.Loop.IsHeader() || (h.Loop.Num.IsSet() && !h.Loop.auto) {
			continue
		}
		var num, passed, failed int64
		last := int64(-1)
		worst := ""
		for _, it := range steps[i+1:] {
			if it == nil || it.Loop == nil || it.Loop.IsHeader() {
				break
			}
			num++
			last = it.Loop.Idx.Int64()
			st := it.Status.Value()
			if failing(st) {
				failed++
			} else {
				passed++
			}
			if severity(st) > severity(worst) {
				worst = st
			}
		}
		h.Loop.Num, h.Loop.Passed, h.Loop.Failed = IntOf(num), IntOf(passed), IntOf(failed)
		if num > 0 {
			h.Loop.EndingIndex = IntOf(last)
		} else {
			h.Loop.EndingIndex = NullInt()
		}
		if isAuto(h.Status, h.autoStatus) && worst != "" && len(h.NumericMeas)+len(h.StringMeas)+len(h.BooleanMeas) == 0 {
			if !failing(worst) {
				worst = StatusPassed
			}
			h.Status, h.autoStatus = StrOf(worst), memoOf(worst)
		}
	}
}

// flagCause marks the step that made the unit fail with causedUUTFailure,
// unless some step is flagged already: from the root it follows the first
// failing child down to a step none of whose children fail, so failures
// inside a sequence whose status the caller set to passing are skipped.
func flagCause(r *Report) {
	var flagged *Step
	r.Root.Walk(func(s *Step) bool {
		if s.CausedUUTFailure.Value() {
			flagged = s
			return false
		}
		return true
	})
	if flagged == nil {
		s := r.Root
		for failing(s.Status.Value()) {
			var next *Step
			for _, c := range s.Steps {
				if c != nil && failing(c.Status.Value()) {
					next = c
					break
				}
			}
			if next == nil {
				break
			}
			s = next
		}
		if s == r.Root && !failing(s.Status.Value()) {
			return
		}
		flagged = s
		flagged.CausedUUTFailure = BoolOf(true)
	}
	if r.UUT != nil && !r.UUT.StepIDCausedUUTFailure.IsSet() && flagged.ID.IsSet() {
		r.UUT.StepIDCausedUUTFailure = flagged.ID
	}
}
