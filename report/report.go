// Package report is the WATS report domain: a lossless model of WSJF UUT
// (test) and UUR (repair) reports, builders, limit evaluation, status roll-up
// and validation, plus the Service that submits and queries reports.
package report

// SKELETON PLACEHOLDER: the report-model issue replaces this file with the
// real lossless model. The exported API below is a contract other packages
// already code against; keep these signatures.

import (
	"bytes"
	"encoding/json"
	"fmt"

	"github.com/watsgo/sdk/internal/errs"
)

// Type tells a UUT report ("T") from a UUR report ("R").
type Type string

// Report types as they appear in the WSJF "type" field.
const (
	TypeUUT Type = "T"
	TypeUUR Type = "R"
)

// Report is one WSJF document, UUT or UUR.
type Report struct {
	fields map[string]json.RawMessage
}

// Parse decodes a WSJF document.
func Parse(data []byte) (*Report, error) {
	r := &Report{}
	if err := r.UnmarshalJSON(data); err != nil {
		return nil, err
	}
	return r, nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (r *Report) UnmarshalJSON(data []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		return fmt.Errorf("report: parse WSJF: %w", err)
	}
	r.fields = m
	return nil
}

// MarshalJSON implements json.Marshaler.
func (r *Report) MarshalJSON() ([]byte, error) { return json.Marshal(r.fields) }

func (r *Report) str(k string) string {
	var s string
	_ = json.Unmarshal(r.fields[k], &s)
	return s
}

// ID returns the report GUID ("" before Finalize on a new report).
func (r *Report) ID() string { return r.str("id") }

// Type returns TypeUUT or TypeUUR (or the odd value found on the wire).
func (r *Report) Type() Type { return Type(r.str("type")) }

// SerialNumber returns the unit's serial number ("sn").
func (r *Report) SerialNumber() string { return r.str("sn") }

// PartNumber returns the unit's part number ("pn").
func (r *Report) PartNumber() string { return r.str("pn") }

// Revision returns the unit's revision ("rev").
func (r *Report) Revision() string { return r.str("rev") }

// Finalize assigns what a complete report needs before sending (report id
// if missing, step ids, status roll-up). It is idempotent.
func (r *Report) Finalize() error { return nil }

// Validate checks the report against the WSJF rules and returns a
// *errs.ValidationError (matching ErrValidation) listing every violation.
func (r *Report) Validate() error {
	v := &errs.ValidationError{Op: "report.Validate"}
	if t := r.Type(); t != TypeUUT && t != TypeUUR {
		v.Add("type", "oneof=T R", fmt.Sprintf("type must be \"T\" or \"R\", got %q", t))
	}
	if len(bytes.TrimSpace(r.fields["sn"])) == 0 {
		v.Add("sn", "required", "serial number is required")
	}
	return v.OrNil()
}
