// Package report is the WATS report domain: a lossless model of WSJF UUT
// (test) and UUR (repair) reports, builders, limit evaluation, status roll-up
// and validation, plus the Service that submits and queries reports.
//
// The model follows the WSJF wire format property by property. Every
// optional property keeps three states (absent, null, value); numbers keep
// their original literal, date-times their original text, unknown keys their
// position, and strings are never trimmed. A report read from the server
// therefore re-serialises byte for byte with Marshal, and anything built with
// NewUUT or NewUUR is written the way the server writes it.
//
// Building: NewUUT and NewUUR (or NewUURFromUUT) start a report; steps are
// added to r.Root with AddSequence, AddNumericStep (limits via Lim),
// AddMultiNumericStep, AddStringStep, AddPassFailStep, AddChartStep,
// AddCallExeStep, AddMessagePopupStep, AddActionStep and AddLoop. Every
// adder refuses bad input with an *errs.ValidationError naming the JSON
// field and leaves the report untouched. Finalize assigns ids and rolls
// statuses up; Validate checks the whole document before it is sent.
//
// Reading: Parse (or json.Unmarshal) gives the same model; Marshal writes it
// back. Step.Kind tells what a step is from its content blocks.
//
// Apart from reading attachment files the package does no I/O. A Report is
// not safe for concurrent mutation; different reports may be built from
// different goroutines.
package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
)

// Type tells a UUT report ("T") from a UUR report ("R").
type Type string

// Report types as they appear in the WSJF "type" field.
const (
	TypeUUT Type = "T"
	TypeUUR Type = "R"
)

// Report is one WSJF document, UUT or UUR, told apart by Header.Type.
// Here and in every model type, a field is the WSJF property named by its
// json tag; nil object and slice fields are absent unless they were read as
// JSON null.
type Report struct {
	meta
	// Header holds the top-level scalar properties (type, id, pn, sn, ...).
	Header Header
	// Root is the root step of a UUT (nil for a UUR).
	Root *Step
	// UUT is the uut block of a test report.
	UUT *UUTInfo
	// UUR is the uur block of a repair report.
	UUR *UURInfo
	// MiscInfos are the key/value header entries ("miscInfos").
	MiscInfos []*MiscInfo
	// SubUnits are components (UUT) or repaired and replaced parts (UUR).
	SubUnits []*SubUnit
	// Assets are the fixtures and instruments the test used.
	Assets []*Asset
	// AssetStats is output-only asset usage data added by the server.
	AssetStats []*AssetStats
	// BinaryData holds report-level files (repair reports only).
	BinaryData []*BinaryData
	// AdditionalData holds free-form property trees.
	AdditionalData []*AdditionalData

	autoResult statusMemo
}

// Parse decodes a WSJF document. It accepts any valid JSON object, keeps
// every property (known or not) and fails only on malformed JSON or a known
// property of the wrong JSON type; content rules are checked by Validate.
// Parsed strings share memory with one copy of data.
func Parse(data []byte) (*Report, error) {
	r := &Report{}
	if err := r.decode(data); err != nil {
		return nil, err
	}
	return r, nil
}

// ParseReader reads a whole WSJF document from rd and parses it.
func ParseReader(rd io.Reader) (*Report, error) {
	data, err := io.ReadAll(rd)
	if err != nil {
		return nil, fmt.Errorf("report: read WSJF: %w", err)
	}
	return Parse(data)
}

// UnmarshalJSON implements json.Unmarshaler with the lossless rules of
// Parse. A JSON null leaves the report unchanged, as encoding/json expects.
func (r *Report) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	return r.decode(data)
}

func (r *Report) decode(data []byte) error {
	d := decoder{src: string(data), path: make([]pathSeg, 0, 16)}
	*r = Report{}
	decodeInto(&d, r, reportTable)
	d.end()
	if d.err != nil {
		return fmt.Errorf("report: parse WSJF: %w", d.err)
	}
	return nil
}

// Marshal returns the compact WSJF document exactly as the server would
// write it: server key order, no HTML escaping, no trailing newline.
func (r *Report) Marshal() ([]byte, error) {
	return r.AppendJSON(make([]byte, 0, r.sizeHint())), nil
}

// sizeHint estimates the serialised size so large reports are written
// into one buffer instead of a chain of doublings.
func (r *Report) sizeHint() int {
	n := 2048
	if r.Root != nil {
		r.Root.Walk(func(s *Step) bool {
			n += 220 + 100*(len(s.NumericMeas)+len(s.StringMeas)+len(s.BooleanMeas))
			return true
		})
	}
	return n
}

// AppendJSON appends the compact WSJF document to b.
func (r *Report) AppendJSON(b []byte) []byte {
	w := writer{buf: b}
	encodeFrom(&w, r, reportTable)
	return w.buf
}

// MarshalJSON implements json.Marshaler. Note that encoding/json.Marshal
// re-escapes '<', '>' and '&' in the result; use Marshal or WriteTo for
// the server's exact bytes.
func (r *Report) MarshalJSON() ([]byte, error) { return r.Marshal() }

// WriteTo writes the compact document to w (io.WriterTo).
func (r *Report) WriteTo(w io.Writer) (int64, error) {
	n, err := w.Write(r.AppendJSON(make([]byte, 0, r.sizeHint())))
	return int64(n), err
}

// MarshalIndent returns the document indented for people to read.
func (r *Report) MarshalIndent(prefix, indent string) ([]byte, error) {
	var out bytes.Buffer
	if err := json.Indent(&out, r.AppendJSON(nil), prefix, indent); err != nil {
		return nil, fmt.Errorf("report: indent WSJF: %w", err)
	}
	return out.Bytes(), nil
}

// WriteIndent writes the indented document (two spaces) with a final newline.
func (r *Report) WriteIndent(w io.Writer) error {
	b, err := r.MarshalIndent("", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// ID returns the report GUID ("" before Finalize on a new report).
func (r *Report) ID() string { return r.Header.ID.Value() }

// Type returns TypeUUT or TypeUUR (or the odd value found on the wire).
func (r *Report) Type() Type { return Type(r.Header.Type.Value()) }

// SerialNumber returns the unit's serial number ("sn").
func (r *Report) SerialNumber() string { return r.Header.SN.Value() }

// PartNumber returns the unit's part number ("pn").
func (r *Report) PartNumber() string { return r.Header.PN.Value() }

// Revision returns the unit's revision ("rev").
func (r *Report) Revision() string { return r.Header.Rev.Value() }

// ProcessCode returns the report's process (operation) code, 0 when unset.
func (r *Report) ProcessCode() int { return int(r.Header.ProcessCode.Int64()) }

// Result returns the report status code ("P", "F", "E", "T"; "" before
// Finalize on a new report).
func (r *Report) Result() string { return r.Header.Result.Value() }

// SetID sets the report GUID (written lower-case as given; see NewGUID).
func (r *Report) SetID(id string) { r.Header.ID = StrOf(id) }

// SetResult sets the report status explicitly; Finalize keeps it.
func (r *Report) SetResult(code string) { r.Header.Result = StrOf(code) }

// Steps returns every step of a UUT in pre-order (the step-id order).
func (r *Report) Steps() []*Step {
	if r.Root == nil {
		return nil
	}
	var out []*Step
	r.Root.Walk(func(s *Step) bool { out = append(out, s); return true })
	return out
}

// StepByID returns the step with the given id, or nil.
func (r *Report) StepByID(id int) *Step {
	var found *Step
	if r.Root != nil {
		r.Root.Walk(func(s *Step) bool {
			if v, ok := s.ID.Get(); ok && v == int64(id) {
				found = s
				return false
			}
			return true
		})
	}
	return found
}

// MarshalJSON implements json.Marshaler for one step (and its subtree).
func (s *Step) MarshalJSON() ([]byte, error) {
	w := writer{}
	encodeFrom(&w, s, stepTable)
	return w.buf, nil
}

// UnmarshalJSON implements json.Unmarshaler for one step (and its
// subtree); a JSON null leaves the step unchanged.
func (s *Step) UnmarshalJSON(data []byte) error {
	if string(bytes.TrimSpace(data)) == "null" {
		return nil
	}
	d := decoder{src: string(data)}
	*s = Step{}
	decodeInto(&d, s, stepTable)
	d.end()
	if d.err != nil {
		return fmt.Errorf("report: parse WSJF step: %w", d.err)
	}
	return nil
}
