package report

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/watsgo/sdk/internal/guid"

	"github.com/go-playground/validator/v10"

	"github.com/watsgo/sdk/internal/errs"
)

// Validate checks the report against the WSJF rules and returns
// a *errs.ValidationError (matching errs.ErrValidation) that lists every
// violation with its JSON path, e.g. "root.steps[3].numericMeas[0].lowLimit".
// Call it after Finalize: statuses, ids and the report id must be present.
// Problems that only merit a warning are reported by Warnings instead.
func (r *Report) Validate() error {
	c := newChecker("report.Validate")
	c.report(r)
	return c.errs.OrNil()
}

// Warnings lists what merits flagging without refusing the
// report: search characters in sn/pn, NaN or infinite values,
// low limit above high limit, unknown compOp spellings, start before 1970,
// causedUUTFailure on a passing step, binaryData on a UUT, a UUR whose
// repair and test process codes are equal.
func (r *Report) Warnings() []errs.FieldError {
	c := newChecker("report.Warnings")
	c.report(r)
	return c.warns
}

type checker struct {
	errs  *errs.ValidationError
	warns []errs.FieldError
	path  []pathSeg
	v     *validator.Validate
}

func newChecker(op string) *checker {
	return &checker{errs: &errs.ValidationError{Op: op}, path: make([]pathSeg, 0, 16), v: sharedValidator()}
}

func (c *checker) at(field string) string {
	p := joinPath(c.path)
	switch {
	case p == "$":
		return field
	case field == "":
		return p
	}
	return p + "." + field
}

func (c *checker) add(field, rule, format string, args ...any) {
	c.errs.Add(c.at(field), rule, fmt.Sprintf(format, args...))
}

func (c *checker) warn(field, rule, format string, args ...any) {
	c.warns = append(c.warns, errs.FieldError{Path: c.at(field), Rule: rule, Message: fmt.Sprintf(format, args...)})
}

func (c *checker) push(k string) { c.path = append(c.path, pathSeg{key: k, idx: -1}) }
func (c *checker) pushIdx(i int) { c.path = append(c.path, pathSeg{idx: i}) }
func (c *checker) pop()          { c.path = c.path[:len(c.path)-1] }

// tags runs the validator tags of one struct and records each failure under
// the current path.
func (c *checker) tags(x any) {
	err := c.v.Struct(x)
	if err == nil {
		return
	}
	var ves validator.ValidationErrors
	if !errors.As(err, &ves) {
		c.add("", "invalid", "%v", err)
		return
	}
	for _, fe := range ves {
		c.errs.Add(c.at(fe.Field()), ruleName(fe), tagMessage(fe))
	}
}

func ruleName(fe validator.FieldError) string {
	if fe.Param() != "" {
		return fe.Tag() + "=" + fe.Param()
	}
	return fe.Tag()
}

func tagMessage(fe validator.FieldError) string {
	switch fe.Tag() {
	case "required":
		return "is required"
	case "min":
		return "must not be empty"
	case "max":
		return fmt.Sprintf("is longer than %s characters", fe.Param())
	case "oneof":
		return fmt.Sprintf("must be one of %q, got %q", strings.Fields(fe.Param()), fmt.Sprint(fe.Value()))
	case "xmlsafe":
		return "contains a character that is invalid in XML (control character, U+007F–U+009F, U+FEFF, U+FFFE/U+FFFF or invalid UTF-8)"
	case "int16":
		return fmt.Sprintf("must be an Int16 (-32768…32767), got %v", fe.Value())
	case "int32":
		return fmt.Sprintf("must be an Int32, got %v", fe.Value())
	case "guid":
		return fmt.Sprintf("must be a GUID (8-4-4-4-12 hex digits), got %q", fmt.Sprint(fe.Value()))
	case "base64wsjf":
		return "is not valid base64"
	case "datetime":
		return fmt.Sprintf("must be an ISO 8601 date-time, got %v", fe.Value())
	case "charttype":
		return fmt.Sprintf("must be Line, LineLogXY, LineLogX or LineLogY, got %v", fe.Value())
	}
	return "failed " + ruleName(fe)
}

func (c *checker) report(r *Report) {
	c.tags(&r.Header)
	h := &r.Header
	for _, f := range []struct {
		name string
		v    Str
	}{{"pn", h.PN}, {"sn", h.SN}} {
		if strings.ContainsAny(f.v.v, searchChars) {
			c.warn(f.name, "searchchars", "contains one of %s, which WATS searches treat as wildcards or delimiters", searchChars)
		}
	}
	if t, ok := h.Start.Get(); ok && t.Year() < 1970 {
		c.warn("start", "min=1970", "is before 1970")
	}
	for i, m := range r.MiscInfos {
		c.elem("miscInfos", i, m != nil, func() { c.tags(m) })
	}
	for i, a := range r.Assets {
		c.elem("assets", i, a != nil, func() { c.tags(a) })
	}
	for i, b := range r.BinaryData {
		c.elem("binaryData", i, b != nil, func() { c.tags(b) })
	}
	c.additional("additionalData", r.AdditionalData)
	switch r.Type() {
	case TypeUUT:
		c.uut(r)
	case TypeUUR:
		c.uur(r)
	}
}

// elem validates element i of a named array, reporting a null element.
func (c *checker) elem(name string, i int, present bool, fn func()) {
	c.push(name)
	c.pushIdx(i)
	if present {
		fn()
	} else {
		c.add("", "required", "must be an object, not null")
	}
	c.pop()
	c.pop()
}

func (c *checker) uut(r *Report) {
	if r.UUR != nil {
		c.add("uur", "excluded_with=uut", "a UUT report must not carry a uur block")
	}
	if len(r.BinaryData) > 0 {
		c.warn("binaryData", "uur-only", "report-level binaryData is defined for repair reports only")
	}
	if r.UUT == nil {
		c.add("uut", "required", "a UUT report needs the uut block")
	} else {
		c.push("uut")
		c.tags(r.UUT)
		c.pop()
	}
	for i, s := range r.SubUnits {
		c.elem("subUnits", i, s != nil, func() { c.tags(s) })
	}
	if r.Root == nil {
		c.add("root", "required", "a UUT report needs a root step")
		return
	}
	c.push("root")
	if r.Root.SeqCall == nil {
		c.add("seqCall", "required", "the root step must carry seqCall")
	}
	if rs, res := r.Root.Status.Value(), r.Header.Result.Value(); rs != "" && len(res) == 1 && strings.Contains("PFET", res) && resultFor(rs) != res {
		c.add("status", "eqfield=result", "root status %q does not match report result %q", rs, res)
	}
	ids := stepIDs{}
	c.step(r.Root, &ids, 0)
	c.pop()
	if ids.needMap {
		c.uniqueIDs(r.Root)
	}
}

type stepIDs struct {
	next    int64
	needMap bool
}

const maxStepDepth = 200

func (c *checker) step(s *Step, ids *stepIDs, depth int) {
	if depth > maxStepDepth {
		c.add("", "max-depth", "steps nest deeper than %d levels", maxStepDepth)
		return
	}
	ids.next++
	if id, ok := s.ID.Get(); !ok {
		c.add("id", "required", "step id is required (call Finalize)")
	} else {
		if id < math.MinInt32 || id > math.MaxInt32 {
			c.add("id", "int32", "must be an Int32, got %d", id)
		}
		if id != ids.next {
			ids.needMap = true
		}
	}
	c.code(s.Group, "group", "S M C", true)
	c.text(s.StepType, "stepType", 100, true)
	c.text(s.Name, "name", 100, true)
	c.code(s.Status, "status", "P F D S E T", true)
	c.intRange(s.InteractiveExeNum, "interactiveExeNum", math.MinInt32, math.MaxInt32)
	c.intRange(s.ErrorCode, "errorCode", math.MinInt32, math.MaxInt32)
	c.text(s.ErrorMessage, "errorMessage", 0, false)
	c.text(s.TSGuid, "tsGuid", 30, false)
	c.text(s.ReportText, "reportText", 0, false)
	if s.Start.IsSet() && s.Start.bad {
		c.add("start", "datetime", "must be an ISO 8601 date-time, got %q", s.Start.raw)
	}
	if s.TotTime.IsSet() && !finite(s.TotTime.f) {
		c.warn("totTime", "finite", "is not a finite number")
	}
	if s.Loop != nil {
		c.push("loop")
		l := s.Loop
		c.intRange(l.Idx, "idx", math.MinInt16, math.MaxInt16)
		c.intRange(l.Num, "num", math.MinInt16, math.MaxInt16)
		c.intRange(l.EndingIndex, "endingIndex", math.MinInt16, math.MaxInt16)
		c.intRange(l.Passed, "passed", math.MinInt16, math.MaxInt16)
		c.intRange(l.Failed, "failed", math.MinInt16, math.MaxInt16)
		c.pop()
	}
	if s.CausedUUTFailure.Value() && !failing(s.Status.v) {
		c.warn("causedUUTFailure", "failing-step", "is set on a step with status %q", s.Status.v)
	}

	blocks := 0
	for _, present := range [...]bool{s.SeqCall != nil, len(s.NumericMeas) > 0, len(s.StringMeas) > 0, len(s.BooleanMeas) > 0, s.CallExe != nil, s.MessagePopup != nil} {
		if present {
			blocks++
		}
	}
	if blocks > 1 {
		c.add("", "one-block", "a step carries at most one of seqCall, numericMeas, stringMeas, booleanMeas, callExe, messagePopup")
	}
	if len(s.Steps) > 0 && s.SeqCall == nil {
		c.add("steps", "required_with=seqCall", "child steps need a seqCall block on their parent")
	}
	if s.Chart != nil && s.Attachment != nil {
		c.add("attachment", "excluded_with=chart", "a step cannot carry both chart and attachment")
	}
	if s.Status.v == StatusSkipped && (len(s.NumericMeas)+len(s.StringMeas)+len(s.BooleanMeas)+len(s.AdditionalResults) > 0 || s.Chart != nil || s.Attachment != nil) {
		c.add("status", "skipped-empty", "a skipped step carries no measurements, chart, attachment or additionalResults")
	}
	c.measurements(s)
	if s.SeqCall != nil {
		c.push("seqCall")
		c.tags(s.SeqCall)
		c.pop()
	}
	if s.MessagePopup != nil {
		c.push("messagePopup")
		c.tags(s.MessagePopup)
		c.pop()
	}
	if s.CallExe != nil && s.CallExe.ExitCode.IsSet() && !finite(s.CallExe.ExitCode.f) {
		c.warn("callExe.exitCode", "finite", "is not a finite number")
	}
	if s.Chart != nil {
		c.chart(s.Chart)
	}
	if s.Attachment != nil {
		c.push("attachment")
		c.tags(s.Attachment)
		c.pop()
	}
	c.additional("additionalResults", s.AdditionalResults)
	if len(s.Steps) > 0 {
		c.push("steps")
		for i, ch := range s.Steps {
			c.pushIdx(i)
			if ch == nil {
				c.add("", "required", "must be an object, not null")
			} else {
				c.step(ch, ids, depth+1)
			}
			c.pop()
		}
		c.pop()
	}
}

func (c *checker) uniqueIDs(root *Step) {
	seen := make(map[int64]bool)
	var walk func(s *Step)
	c.push("root")
	walk = func(s *Step) {
		if id, ok := s.ID.Get(); ok {
			if seen[id] {
				c.add("id", "unique", "step id %d is used more than once", id)
			}
			seen[id] = true
		}
		c.push("steps")
		for i, ch := range s.Steps {
			if ch != nil {
				c.pushIdx(i)
				walk(ch)
				c.pop()
			}
		}
		c.pop()
	}
	walk(root)
	c.pop()
}

// code checks a single-letter code against the allowed letters.
func (c *checker) code(s Str, name, allowed string, required bool) {
	if !s.IsSet() {
		if required {
			c.add(name, "required", "is required")
		}
		return
	}
	if len(s.v) != 1 || !strings.Contains(allowed, s.v) {
		c.add(name, "oneof="+allowed, "must be one of %q, got %q", strings.Fields(allowed), s.v)
	}
}

// text checks presence, length in characters (0 = no limit) and XML safety.
func (c *checker) text(s Str, name string, max int, required bool) {
	if !s.IsSet() || s.v == "" {
		if required {
			c.add(name, "required", "is required")
		}
		return
	}
	if max > 0 && len(s.v) > max && utf8.RuneCountInString(s.v) > max {
		c.add(name, fmt.Sprintf("max=%d", max), "is longer than %d characters", max)
	}
	if !xmlSafe(s.v) {
		c.add(name, "xmlsafe", "contains a character that is invalid in XML")
	}
}

func (c *checker) intRange(n Int, name string, lo, hi int64) {
	if !n.IsSet() {
		return
	}
	if n.bad {
		c.add(name, "integer", "must be an integer, got %s", n.raw)
		return
	}
	if n.i < lo || n.i > hi {
		c.add(name, fmt.Sprintf("range=%d..%d", lo, hi), "must be within %d…%d, got %d", lo, hi, n.i)
	}
}

func (c *checker) measurements(s *Step) {
	multi := s.IsMultiple()
	numFail := measBlock(c, "numericMeas", s.NumericMeas, multi,
		func(m *NumericMeas) Str { c.numeric(m); return m.Status },
		func(m *NumericMeas) Str { return m.Name })
	strFail := measBlock(c, "stringMeas", s.StringMeas, multi,
		func(m *StringMeas) Str { c.stringMeas(m); return m.Status },
		func(m *StringMeas) Str { return m.Name })
	boolFail := measBlock(c, "booleanMeas", s.BooleanMeas, multi,
		func(m *BooleanMeas) Str {
			c.code(m.Status, "status", "P F S", true)
			c.text(m.Name, "name", 100, false)
			return m.Status
		},
		func(m *BooleanMeas) Str { return m.Name })
	anyFail := numFail || strFail || boolFail
	if anyFail && (s.Status.v == StatusPassed || s.Status.v == StatusDone) {
		c.add("status", "status-rollup", "step status %q contradicts a failed measurement", s.Status.v)
	}
}

// measBlock checks one measurement array under block: every entry with
// check, which returns the entry's status, then for a multiple step the
// names. It reports whether an entry failed.
func measBlock[M any](c *checker, block string, list []*M, multi bool, check, name func(*M) Str) (anyFail bool) {
	if len(list) == 0 {
		return false
	}
	c.push(block)
	for i, m := range list {
		c.pushIdx(i)
		if m == nil {
			c.add("", "required", "must be an object, not null")
		} else if check(m).v == StatusFailed {
			anyFail = true
		}
		c.pop()
	}
	c.pop()
	if multi {
		c.names(block, len(list), func(i int) Str {
			if list[i] == nil {
				return Str{}
			}
			return name(list[i])
		})
	}
	return anyFail
}

// names checks that the measurements of a multiple step have unique
// non-empty names.
func (c *checker) names(block string, n int, name func(int) Str) {
	var seen map[string]int
	for i := 0; i < n; i++ {
		ni := name(i)
		if !ni.IsSet() || ni.v == "" {
			c.add(fmt.Sprintf("%s[%d].name", block, i), "required", "every measurement of a multiple step needs a name")
			continue
		}
		if seen == nil {
			seen = make(map[string]int, n)
		}
		if j, dup := seen[ni.v]; dup {
			c.add(fmt.Sprintf("%s[%d].name", block, i), "unique", "name %q is used by %s[%d] too", ni.v, block, j)
			continue
		}
		seen[ni.v] = i
	}
}

func (c *checker) numeric(m *NumericMeas) {
	c.code(m.Status, "status", "P F S", true)
	c.text(m.Name, "name", 100, false)
	c.text(m.Unit, "unit", 0, false)
	if !m.Value.IsSet() {
		c.add("value", "required", "a numeric measurement needs a value (absent is stored as 0)")
	} else if !finite(m.Value.f) {
		c.warn("value", "finite", "is not a finite number")
	}
	if !m.CompOp.IsSet() || m.CompOp.v == "" {
		c.add("compOp", "required", "is required")
		return
	}
	op, ok := ParseCompOp(m.CompOp.v)
	if !ok || !op.IsNumeric() {
		c.warn("compOp", "compop", "unknown numeric operator %q", m.CompOp.v)
		return
	}
	switch op.Limits() {
	case 1:
		if !m.LowLimit.IsSet() {
			c.add("lowLimit", "required", "%s compares against lowLimit, which is missing", op)
		}
		if m.HighLimit.IsSet() {
			c.add("highLimit", "excluded", "%s uses only lowLimit; highLimit must be null", op)
		}
	case 2:
		if !m.LowLimit.IsSet() {
			c.add("lowLimit", "required", "%s needs lowLimit", op)
		}
		if !m.HighLimit.IsSet() {
			c.add("highLimit", "required", "%s needs highLimit", op)
		}
		if m.LowLimit.IsSet() && m.HighLimit.IsSet() && m.LowLimit.f > m.HighLimit.f {
			c.warn("lowLimit", "ltefield=highLimit", "lowLimit %v is above highLimit %v", m.LowLimit.f, m.HighLimit.f)
		}
	}
	for _, l := range [...]struct {
		name string
		n    Num
	}{{"lowLimit", m.LowLimit}, {"highLimit", m.HighLimit}} {
		if l.n.IsSet() && !finite(l.n.f) {
			c.warn(l.name, "finite", "is not a finite number")
		}
	}
}

func (c *checker) stringMeas(m *StringMeas) {
	c.code(m.Status, "status", "P F S", true)
	c.text(m.Name, "name", 100, false)
	c.text(m.Value, "value", 0, false)
	c.text(m.Limit, "limit", 0, false)
	if !m.CompOp.IsSet() || m.CompOp.v == "" {
		c.add("compOp", "required", "is required")
		return
	}
	op, ok := ParseCompOp(m.CompOp.v)
	if !ok || !op.IsString() {
		c.warn("compOp", "compop", "unknown string operator %q", m.CompOp.v)
		return
	}
	if op != LOG && !m.Limit.IsSet() {
		c.add("limit", "required", "%s compares against limit, which is missing", op)
	}
}

func (c *checker) chart(ch *Chart) {
	c.push("chart")
	defer c.pop()
	c.tags(ch)
	if len(ch.Series) == 0 {
		c.add("series", "min=1", "a chart needs at least one series")
	}
	for i, s := range ch.Series {
		c.push("series")
		c.pushIdx(i)
		if s == nil {
			c.add("", "required", "must be an object, not null")
		} else {
			c.tags(s)
			ny, oky := parseSeriesData(s.YData.v)
			if !oky {
				c.add("ydata", "numbers", "must be semicolon-separated numbers")
			}
			if s.XData.IsSet() {
				nx, okx := parseSeriesData(s.XData.v)
				switch {
				case !okx:
					c.add("xdata", "numbers", "must be semicolon-separated numbers")
				case oky && nx != ny:
					c.add("xdata", "eqcount=ydata", "has %d values but ydata has %d", nx, ny)
				}
			}
		}
		c.pop()
		c.pop()
	}
}

func (c *checker) additional(name string, list []*AdditionalData) {
	for i, a := range list {
		c.elem(name, i, a != nil, func() { c.tags(a) })
	}
}

func (c *checker) uur(r *Report) {
	if r.Root != nil {
		c.add("root", "excluded_with=uur", "a UUR report must not carry a root step")
	}
	if r.UUT != nil {
		c.add("uut", "excluded_with=uur", "a UUR report must not carry a uut block")
	}
	if r.UUR == nil {
		c.add("uur", "required", "a UUR report needs the uur block")
	} else {
		c.push("uur")
		c.tags(r.UUR)
		for i, ch := range r.UUR.Children {
			if ch.IsSet() && !guid.ValidBraced(ch.v) {
				c.add(fmt.Sprintf("children[%d]", i), "guid", "must be a GUID, got %q", ch.v)
			}
		}
		c.pop()
		if a, ok := r.Header.ProcessCode.Get(); ok {
			if b, ok := r.UUR.ProcessCode.Get(); ok && a == b {
				c.warn("uur.processCode", "nefield=processCode", "the test operation code equals the repair code %d", a)
			}
		}
	}
	if len(r.SubUnits) == 0 {
		c.add("subUnits", "min=1", "a UUR needs the main unit (idx 0) in subUnits")
		return
	}
	idx := make(map[int64]int, len(r.SubUnits))
	mains := 0
	for i, s := range r.SubUnits {
		c.elem("subUnits", i, s != nil, func() {
			c.tags(s)
			v, ok := s.Idx.Get()
			if !ok {
				c.add("idx", "required", "every UUR sub-unit needs an idx")
				return
			}
			if j, dup := idx[v]; dup {
				c.add("idx", "unique", "idx %d is also used by subUnits[%d]", v, j)
			} else {
				idx[v] = i
			}
			if v == 0 {
				mains++
			}
			for fi, f := range s.Failures {
				c.elem("failures", fi, f != nil, func() {
					c.tags(f)
					for ai, a := range f.Attachments {
						c.elem("attachments", ai, a != nil, func() { c.tags(a) })
					}
				})
			}
		})
	}
	if mains == 0 {
		c.add("subUnits", "main-unit", "exactly one sub-unit must have idx 0 (the repaired unit)")
	}
	for i, s := range r.SubUnits {
		if s == nil {
			continue
		}
		for _, ref := range [...]struct {
			name string
			n    Int
		}{{"parentIdx", s.ParentIdx}, {"replacedIdx", s.ReplacedIdx}} {
			if v, ok := ref.n.Get(); ok {
				if _, exists := idx[v]; !exists {
					c.push("subUnits")
					c.pushIdx(i)
					c.add(ref.name, "ref=idx", "refers to idx %d, which no sub-unit has", v)
					c.pop()
					c.pop()
				}
			}
		}
	}
}
