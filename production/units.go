package production

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"

	"github.com/watsgo/sdk/internal/transport"
)

// GetUnit returns a unit with its sub-units. A unit that does not exist
// yields an error matching wats.ErrNotFound (an empty 2xx answer too).
// Both values travel as escaped path segments; a "/" is sent as %2F, which
// some server front ends may refuse: use Internal().Unit for such serial
// numbers.
//
// WATS API: GET /api/Production/Unit/{serialNumber}/{partNumber}
func (s *Service) GetUnit(ctx context.Context, serialNumber, partNumber string) (*Unit, error) {
	const op = "production.GetUnit"
	c := newChecker(op)
	c.required("serialNumber", serialNumber)
	c.required("partNumber", partNumber)
	if err := c.err(); err != nil {
		return nil, err
	}
	var u *Unit
	err := s.call(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: "/api/Production/Unit/{serialNumber}/{partNumber}",
		PathParams: map[string]string{"serialNumber": serialNumber, "partNumber": partNumber},
		Result:     &u,
	})
	if err != nil {
		return nil, err
	}
	if u == nil {
		return nil, notFound(op, "/api/Production/Unit/{serialNumber}/{partNumber}", "unit "+serialNumber+"/"+partNumber)
	}
	return u, nil
}

// SaveError is returned by SaveUnits when the server answers 2xx but reports
// units it did not save (a non-zero errorCount). Raw is the whole answer: the
// SDK does not type the fields describing each failure.
type SaveError struct {
	Op         string          // the SDK operation, "production.SaveUnits"
	ErrorCount int             // the server's errorCount
	Raw        json.RawMessage // the server's whole answer
}

// Error says how many units were refused and carries the server's answer.
func (e *SaveError) Error() string {
	return fmt.Sprintf("%s: server refused %d unit(s): %s", e.Op, e.ErrorCount, e.Raw)
}

// SaveUnits creates or updates units, matched by serial and part number.
// When the server answers with the saved units they are returned; when it
// answers with an errorCount of zero (or nothing) the result is nil; a
// non-zero errorCount is a *SaveError.
//
// WATS API: PUT /api/Production/Units
func (s *Service) SaveUnits(ctx context.Context, units []Unit) ([]Unit, error) {
	const op = "production.SaveUnits"
	c := newChecker(op)
	if len(units) == 0 {
		c.v.Add("units", "min=1", "must hold at least one unit")
	}
	for i, u := range units {
		p := "units[" + strconv.Itoa(i) + "]."
		c.required(p+"serialNumber", u.SerialNumber)
		c.required(p+"partNumber", u.PartNumber)
		c.text(p+"revision", u.Revision)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	var raw json.RawMessage
	err := s.call(ctx, &transport.Request{
		Op: op, Method: http.MethodPut, Route: "/api/Production/Units",
		JSON: unitsWire(units), Result: &raw, Idempotent: notIdempotent,
	})
	if err != nil {
		return nil, err
	}
	return decodeSaveAnswer(op, raw)
}

// unitsWire copies units without the members the server documents as
// read-only (unitPhase, tags), so a unit read with GetUnit can be saved back.
func unitsWire(units []Unit) []Unit {
	if units == nil {
		return nil
	}
	out := make([]Unit, len(units))
	for i, u := range units {
		u.UnitPhase, u.Tags = "", nil
		u.SubUnits = unitsWire(u.SubUnits)
		out[i] = u
	}
	return out
}

// decodeSaveAnswer reads PD2's two known answer shapes: an array of units, or
// an object with errorCount.
func decodeSaveAnswer(op string, raw json.RawMessage) ([]Unit, error) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || t[0] != '[' && t[0] != '{' {
		return nil, nil // empty, null or true: success without detail
	}
	if t[0] == '[' {
		var out []Unit
		if err := json.Unmarshal(t, &out); err != nil {
			return nil, fmt.Errorf("%s: decode response: %w", op, err)
		}
		return out, nil
	}
	var obj struct {
		ErrorCount *int `json:"errorCount"`
	}
	if err := json.Unmarshal(t, &obj); err != nil {
		return nil, fmt.Errorf("%s: decode response: %w", op, err)
	}
	if obj.ErrorCount != nil && *obj.ErrorCount != 0 {
		return nil, &SaveError{Op: op, ErrorCount: *obj.ErrorCount, Raw: append(json.RawMessage(nil), t...)}
	}
	return nil, nil
}

// Verify returns the unit's verification grade: its status in every process
// of its verification rule. partNumber may be empty when serial numbers are
// unique across products. The answer is never cached, so a report submitted
// a moment ago is reflected.
//
// WATS API: GET /api/Production/UnitVerification
func (s *Service) Verify(ctx context.Context, serialNumber, partNumber string) (*UnitVerificationGrade, error) {
	const op = "production.Verify"
	c := newChecker(op)
	c.required("serialNumber", serialNumber)
	c.text("partNumber", partNumber)
	if err := c.err(); err != nil {
		return nil, err
	}
	q := url.Values{"serialNumber": {serialNumber}}
	if partNumber != "" {
		q.Set("partNumber", partNumber)
	}
	var g *UnitVerificationGrade
	if err := s.call(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: "/api/Production/UnitVerification", Query: q, Result: &g,
		Header: http.Header{"Cache-Control": {"no-cache"}},
	}); err != nil {
		return nil, err
	}
	if g == nil {
		return nil, notFound(op, "/api/Production/UnitVerification", "verification of unit "+serialNumber)
	}
	return g, nil
}

// SetPhase moves a unit to a phase (an integer id; resolve names with
// PhaseByName over Internal().Phases).
//
// WATS API: PUT /api/Production/SetUnitPhase
func (s *Service) SetPhase(ctx context.Context, serialNumber, partNumber string, phase Phase) error {
	const op = "production.SetPhase"
	c := newChecker(op)
	c.required("serialNumber", serialNumber)
	c.required("partNumber", partNumber)
	c.positive("phase", int(phase))
	if err := c.err(); err != nil {
		return err
	}
	return s.call(ctx, &transport.Request{
		Op: op, Method: http.MethodPut, Route: "/api/Production/SetUnitPhase", Idempotent: notIdempotent,
		Query: url.Values{"serialNumber": {serialNumber}, "partNumber": {partNumber}, "phase": {strconv.Itoa(int(phase))}},
	})
}

// SetProcess records the process a unit is in, by process name (as listed by
// the process domain). The Swagger takes processName; pyWATS's processCode is
// not sent.
//
// WATS API: PUT /api/Production/SetUnitProcess
func (s *Service) SetProcess(ctx context.Context, serialNumber, partNumber, processName string) error {
	const op = "production.SetProcess"
	c := newChecker(op)
	c.required("serialNumber", serialNumber)
	c.required("partNumber", partNumber)
	c.required("processName", processName)
	if err := c.err(); err != nil {
		return err
	}
	return s.call(ctx, &transport.Request{
		Op: op, Method: http.MethodPut, Route: "/api/Production/SetUnitProcess", Idempotent: notIdempotent,
		Query: url.Values{"serialNumber": {serialNumber}, "partNumber": {partNumber}, "processName": {processName}},
	})
}
