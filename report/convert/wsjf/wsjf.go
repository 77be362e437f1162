// Package wsjf is the converter for WSJF files: WATS JSON reports, the format the
// report service itself sends, as written by test stations or exported by the
// server.
//
// A file is parsed with report.Parse, so every property, known or not, is kept
// byte for byte. The converter then enforces what WATS's own JSON import enforces
// and fills what is missing from the source's Defaults:
//
//   - type must be T or R; a UUT needs a root step with seqCall; child steps only
//     under a step with seqCall; one measurement kind per step; no step with both a
//     chart and an attachment;
//   - a UUR's sub-units have unique idx values, one of them 0, and every parentIdx
//     and replacedIdx names one of them;
//   - empty pn, sn, rev, operator, station name/location/purpose, process codes and
//     root step and sequence name and version take Defaults (a UUR's report process code takes
//     RepairProcessCode, its uur.processCode ProcessCode);
//   - a startUTC that is not a valid date-time is dropped (WATS's own example files
//     carry "2020-01-01T08:00:00.Z"); the start with its offset suffices. A start
//     that is missing or invalid takes startUTC (shown in Defaults.Location), or
//     the conversion time;
//   - step ids are cleared, so that Finalize numbers the steps 1…N in pre-order
//     (example files number from 0), together with the output-only
//     uut.stepIdCausedUUTFailure that pointed at the old ids.
//
// Statuses are kept as the file gives them (import mode). With the parameter
// testMode=Active, measurement, step and report statuses that are P or F are
// cleared so that Finalize evaluates them again from limits and children.
package wsjf

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

// Converter reads WSJF files. It is stateless and safe for concurrent use.
type Converter struct{}

// New returns the WSJF converter.
func New() *Converter { return &Converter{} }

var _ convert.Converter = (*Converter)(nil)

// Name is "wsjf".
func (*Converter) Name() string { return "wsjf" }

// Patterns is "*.json".
func (*Converter) Patterns() []string { return []string{"*.json"} }

var bom = []byte{0xEF, 0xBB, 0xBF}

// Sniff is Certain when the head is a JSON object whose first level has a "type"
// member, Likely when it is a JSON object whose head ends before one is seen, No
// otherwise.
func (*Converter) Sniff(head []byte) convert.Confidence {
	head = bytes.TrimPrefix(head, bom)
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 || head[0] != '{' {
		return convert.No
	}
	d := json.NewDecoder(bytes.NewReader(head))
	if _, err := d.Token(); err != nil {
		return convert.No
	}
	for d.More() {
		key, err := d.Token()
		if err != nil {
			return truncated(err)
		}
		if key == "type" {
			return convert.Certain
		}
		var skip json.RawMessage
		if err := d.Decode(&skip); err != nil {
			return truncated(err)
		}
	}
	return convert.No
}

// truncated tells a head cut off inside the object (Likely) from bad JSON (No).
func truncated(err error) convert.Confidence {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return convert.Likely
	}
	return convert.No
}

// Convert parses the document and returns it as one report, or a
// *convert.MalformedError naming the JSON path of the first problem.
func (c *Converter) Convert(ctx context.Context, src *convert.Source) ([]*report.Report, error) {
	if src == nil || src.Reader == nil {
		return nil, &convert.MalformedError{Converter: c.Name(), Msg: "no input"}
	}
	data, err := io.ReadAll(src.Reader)
	if err != nil {
		return nil, fmt.Errorf("wsjf: read %s: %w", src.Name, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	r, err := report.Parse(bytes.TrimPrefix(data, bom))
	if err != nil {
		return nil, &convert.MalformedError{Converter: c.Name(), File: src.Name, Line: lineOf(data, err), Msg: "not a WSJF document", Err: err}
	}
	fx := &fixer{src: src, name: c.Name()}
	if err := fx.check(r); err != nil {
		return nil, err
	}
	if err := fx.fill(ctx, r); err != nil {
		return nil, err
	}
	if src.Params.Get("testMode", "Import") == "Active" {
		reevaluate(r)
	}
	return []*report.Report{r}, nil
}

// lineOf finds the line of a JSON syntax error's offset, 0 when the error has none.
func lineOf(data []byte, err error) int {
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Offset > 0 && int(se.Offset) <= len(data) {
		return bytes.Count(data[:se.Offset], []byte{'\n'}) + 1
	}
	return 0
}

// fixer applies the import rules to one parsed report.
type fixer struct {
	src  *convert.Source
	name string
}

func (f *fixer) fail(path, format string, args ...any) error {
	return &convert.MalformedError{Converter: f.name, File: f.src.Name, Path: path, Msg: fmt.Sprintf(format, args...)}
}

// check enforces the structure rules of WATS's JSON import.
func (f *fixer) check(r *report.Report) error {
	switch r.Header.Type.Value() {
	case string(report.TypeUUT):
		if r.Root == nil {
			return f.fail("root", "a UUT report needs a root step")
		}
		if r.Root.SeqCall == nil {
			return f.fail("root", "the root step must carry seqCall")
		}
		return f.steps(r.Root, "root", 0)
	case string(report.TypeUUR):
		return f.subUnits(r)
	default:
		return f.fail("type", "report type %q is not T or R", r.Header.Type.Value())
	}
}

// maxDepth bounds step nesting (and the recursion that checks it).
const maxDepth = 512

func (f *fixer) steps(s *report.Step, path string, depth int) error {
	if depth > maxDepth {
		return f.fail(path, "steps nest deeper than %d levels", maxDepth)
	}
	kinds := 0
	for _, n := range []int{len(s.NumericMeas), len(s.StringMeas), len(s.BooleanMeas)} {
		if n > 0 {
			kinds++
		}
	}
	if kinds > 1 {
		return f.fail(path, "a step carries one kind of measurement")
	}
	if s.Chart != nil && s.Attachment != nil {
		return f.fail(path, "a step cannot carry both chart and attachment")
	}
	if len(s.Steps) > 0 && s.SeqCall == nil {
		return f.fail(path+".steps", "child steps need a seqCall block on their parent")
	}
	for i, c := range s.Steps {
		p := fmt.Sprintf("%s.steps[%d]", path, i)
		if c == nil {
			return f.fail(p, "a step must be an object, not null")
		}
		if err := f.steps(c, p, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// subUnits checks a UUR's unit hierarchy.
func (f *fixer) subUnits(r *report.Report) error {
	seen := map[int64]bool{}
	for i, su := range r.SubUnits {
		if su == nil {
			return f.fail(fmt.Sprintf("subUnits[%d]", i), "a sub-unit must be an object, not null")
		}
		idx, ok := su.Idx.Get()
		if !ok {
			return f.fail(fmt.Sprintf("subUnits[%d].idx", i), "every repair sub-unit needs an idx")
		}
		if seen[idx] {
			return f.fail(fmt.Sprintf("subUnits[%d].idx", i), "idx %d is used twice", idx)
		}
		seen[idx] = true
	}
	if !seen[0] {
		return f.fail("subUnits", "no sub-unit has idx 0 (the repaired unit)")
	}
	for i, su := range r.SubUnits {
		for _, ref := range []struct {
			name string
			v    report.Int
		}{{"parentIdx", su.ParentIdx}, {"replacedIdx", su.ReplacedIdx}} {
			if v, ok := ref.v.Get(); ok && !seen[v] {
				return f.fail(fmt.Sprintf("subUnits[%d].%s", i, ref.name), "%s %d names no sub-unit", ref.name, v)
			}
		}
	}
	return nil
}

// fill applies Defaults to what the file lacks and drops an invalid startUTC.
func (f *fixer) fill(ctx context.Context, r *report.Report) error {
	d := f.src.Defaults
	h := &r.Header
	def := func(s *report.Str, v string) {
		if s.Value() == "" && v != "" {
			*s = report.StrOf(v)
		}
	}
	def(&h.PN, d.PartNumber)
	def(&h.SN, d.SerialNumber)
	def(&h.Rev, d.Revision)
	def(&h.MachineName, d.Station.Name)
	def(&h.Location, d.Station.Location)
	def(&h.Purpose, d.Station.Purpose)

	if _, ok := h.StartUTC.Get(); h.StartUTC.IsSet() && !ok {
		h.StartUTC = report.Time{}
	}
	if _, ok := h.Start.Get(); !ok {
		if utc, ok := h.StartUTC.Get(); ok {
			h.Start = report.TimeOf(utc.In(d.Zone()))
		} else {
			h.Start = report.TimeOf(time.Now().In(d.Zone()))
		}
	}

	uur := h.Type.Value() == string(report.TypeUUR)
	code := d.ProcessCode
	if uur {
		code = d.RepairProcessCode
	}
	if !h.ProcessCode.IsSet() && code != 0 {
		h.ProcessCode = report.IntOf(int64(code))
	}
	if uur {
		if r.UUR == nil {
			r.UUR = &report.UURInfo{}
		}
		def(&r.UUR.User, d.Operator)
		if !r.UUR.ProcessCode.IsSet() && d.ProcessCode != 0 {
			r.UUR.ProcessCode = report.IntOf(int64(d.ProcessCode))
		}
		return nil
	}
	if r.UUT == nil {
		r.UUT = &report.UUTInfo{}
	}
	def(&r.UUT.User, d.Operator)
	def(&r.Root.Name, d.SequenceName)
	def(&r.Root.SeqCall.Name, d.SequenceName)
	def(&r.Root.SeqCall.Version, d.SequenceVersion)
	r.UUT.StepIDCausedUUTFailure = report.Int{}
	n := 0
	r.Root.Walk(func(s *report.Step) bool {
		s.ID = report.Int{}
		if n++; n&1023 == 0 && ctx.Err() != nil {
			return false
		}
		return true
	})
	return ctx.Err()
}

// reevaluate clears pass/fail statuses so that Finalize computes them again.
func reevaluate(r *report.Report) {
	clear := func(s *report.Str) {
		if v := s.Value(); v == report.StatusPassed || v == report.StatusFailed {
			*s = report.Str{}
		}
	}
	clear(&r.Header.Result)
	if r.Root == nil {
		return
	}
	r.Root.Walk(func(s *report.Step) bool {
		clear(&s.Status)
		for _, m := range s.NumericMeas {
			clear(&m.Status)
		}
		for _, m := range s.StringMeas {
			clear(&m.Status)
		}
		return true
	})
}
