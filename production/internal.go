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

// InternalService holds the /api/internal/... production routes used by the
// WATS web frontend and pyWATS. They are internal, unstable server routes:
// the server may change or drop them between versions, most answers are
// untyped in the server's document and are returned raw, and the transport adds the
// Referer header the server demands for them.
type InternalService struct {
	s *Service
}

// Internal returns the internal (unstable) production routes.
func (s *Service) Internal() *InternalService { return &InternalService{s: s} }

// DefaultCultureCode is sent where an internal route requires a culture code
// for its messages and the caller gave none.
const DefaultCultureCode = "en-US"

func culture(c string) string {
	if c == "" {
		return DefaultCultureCode
	}
	return c
}

// unitQuery validates and builds the serialNumber/partNumber pair most
// internal unit reads take.
func unitQuery(op, sn, pn string, pnRequired bool) (url.Values, error) {
	c := newChecker(op)
	c.required("serialNumber", sn)
	if pnRequired {
		c.required("partNumber", pn)
	} else {
		c.text("partNumber", pn)
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	q := url.Values{"serialNumber": {sn}}
	setIf(q, "partNumber", pn)
	return q, nil
}

func (in *InternalService) unitRead(ctx context.Context, op, route, sn, pn string, pnRequired bool) (json.RawMessage, error) {
	q, err := unitQuery(op, sn, pn, pnRequired)
	if err != nil {
		return nil, err
	}
	return in.s.getRaw(ctx, op, route, q)
}

// Phases lists the server's unit phases (id, code, name), for resolving a
// phase name with PhaseByName. Internal route.
//
// WATS API: GET /api/internal/Mes/GetUnitPhases
func (in *InternalService) Phases(ctx context.Context) ([]UnitPhase, error) {
	var out []UnitPhase
	err := in.s.call(ctx, &transport.Request{Op: "production.Internal.Phases", Method: http.MethodGet,
		Route: "/api/internal/Mes/GetUnitPhases", Result: &out})
	return out, err
}

// IsConnected reports whether the server's production module answers: any
// non-null body means connected, as the web frontend reads it. Internal route.
//
// WATS API: GET /api/internal/Production/isConnected
func (in *InternalService) IsConnected(ctx context.Context) (bool, error) {
	raw, err := in.s.getRaw(ctx, "production.Internal.IsConnected", "/api/internal/Production/isConnected", nil)
	if err != nil {
		return false, err
	}
	t := bytes.TrimSpace(raw)
	return len(t) > 0 && string(t) != "null" && string(t) != "false", nil
}

// Sites lists production sites, raw. Internal route.
//
// WATS API: GET /api/internal/Production/GetSites
func (in *InternalService) Sites(ctx context.Context) ([]json.RawMessage, error) {
	var out []json.RawMessage
	err := in.s.call(ctx, &transport.Request{Op: "production.Internal.Sites", Method: http.MethodGet,
		Route: "/api/internal/Production/GetSites", Result: &out})
	return out, err
}

// Unit returns the internal (PascalCase, probably MesUnit) view of a unit,
// raw; partNumber is optional. Internal route.
//
// WATS API: GET /api/internal/Production/GetUnit
func (in *InternalService) Unit(ctx context.Context, serialNumber, partNumber string) (json.RawMessage, error) {
	return in.unitRead(ctx, "production.Internal.Unit", "/api/internal/Production/GetUnit", serialNumber, partNumber, false)
}

// UnitInfo returns unit information, raw. Internal route.
//
// WATS API: GET /api/internal/Production/GetUnitInfo
func (in *InternalService) UnitInfo(ctx context.Context, serialNumber, partNumber string) (json.RawMessage, error) {
	return in.unitRead(ctx, "production.Internal.UnitInfo", "/api/internal/Production/GetUnitInfo", serialNumber, partNumber, true)
}

// UnitHierarchy returns the unit's assembly hierarchy, raw. Internal route.
//
// WATS API: GET /api/internal/Production/GetUnitHierarchy
func (in *InternalService) UnitHierarchy(ctx context.Context, serialNumber, partNumber string) (json.RawMessage, error) {
	return in.unitRead(ctx, "production.Internal.UnitHierarchy", "/api/internal/Production/GetUnitHierarchy", serialNumber, partNumber, true)
}

// UnitStateHistory returns the unit's phase/process history, raw (expected
// to be an array). Internal route.
//
// WATS API: GET /api/internal/Production/GetUnitStateHistory
func (in *InternalService) UnitStateHistory(ctx context.Context, serialNumber, partNumber string) (json.RawMessage, error) {
	return in.unitRead(ctx, "production.Internal.UnitStateHistory", "/api/internal/Production/GetUnitStateHistory", serialNumber, partNumber, true)
}

// UnitPhase returns the unit's current phase, raw. Internal route.
//
// WATS API: GET /api/internal/Production/GetUnitPhase
func (in *InternalService) UnitPhase(ctx context.Context, serialNumber, partNumber string) (json.RawMessage, error) {
	return in.unitRead(ctx, "production.Internal.UnitPhase", "/api/internal/Production/GetUnitPhase", serialNumber, partNumber, true)
}

// UnitProcess returns the unit's current process, raw. Internal route.
//
// WATS API: GET /api/internal/Production/GetUnitProcess
func (in *InternalService) UnitProcess(ctx context.Context, serialNumber, partNumber string) (json.RawMessage, error) {
	return in.unitRead(ctx, "production.Internal.UnitProcess", "/api/internal/Production/GetUnitProcess", serialNumber, partNumber, true)
}

// UnitContents returns the unit's content tree for a revision, raw
// (probably UnitContent rows). Internal route.
//
// WATS API: GET /api/internal/Production/GetUnitContents
func (in *InternalService) UnitContents(ctx context.Context, serialNumber, partNumber, revision string) (json.RawMessage, error) {
	const op = "production.Internal.UnitContents"
	q, err := unitQuery(op, serialNumber, partNumber, true)
	if err != nil {
		return nil, err
	}
	c := newChecker(op)
	c.required("revision", revision)
	if err := c.err(); err != nil {
		return nil, err
	}
	q.Set("revision", revision)
	return in.s.getRaw(ctx, op, "/api/internal/Production/GetUnitContents", q)
}

// CreateUnitRequest is the input of Internal().CreateUnit.
type CreateUnitRequest struct {
	SerialNumber string // required
	PartNumber   string // required
	Revision     string // required
	BatchNumber  string // optional batch
	// UnitPhase is the initial phase; 0 leaves it to the server.
	UnitPhase Phase
}

// CreateUnit creates a unit, answering raw. Not retried. Internal route;
// the public SaveUnits does the same through the server's document.
//
// WATS API: POST /api/internal/Production/CreateUnit
func (in *InternalService) CreateUnit(ctx context.Context, r CreateUnitRequest) (json.RawMessage, error) {
	const op = "production.Internal.CreateUnit"
	c := newChecker(op)
	c.required("serialNumber", r.SerialNumber)
	c.required("partNumber", r.PartNumber)
	c.required("revision", r.Revision)
	c.text("batchNumber", r.BatchNumber)
	if r.UnitPhase < 0 {
		c.v.Add("unitPhase", "gte=0", "must not be negative")
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	q := url.Values{"serialNumber": {r.SerialNumber}, "partNumber": {r.PartNumber}, "revision": {r.Revision}}
	setIf(q, "batchNumber", r.BatchNumber)
	if r.UnitPhase > 0 {
		q.Set("unitPhase", strconv.Itoa(int(r.UnitPhase)))
	}
	return in.post(ctx, op, "/api/internal/Production/CreateUnit", q)
}

// InternalAddChildRequest is the input of Internal().AddChildUnit.
type InternalAddChildRequest struct {
	SerialNumber      string // parent
	PartNumber        string // parent
	ChildSerialNumber string // child
	ChildPartNumber   string // child
	// CheckPartNumber and CheckRevision override the box-build check; empty
	// means "validate against the parent's box build".
	CheckPartNumber string
	CheckRevision   string // see CheckPartNumber
	// CultureCode selects the language of messages; default DefaultCultureCode.
	CultureCode string
	// CheckPhase, when non-nil, turns the child phase check on or off.
	CheckPhase *bool
}

// AddChildUnit attaches a child and returns the server's validation
// result raw. Not retried. Internal route.
//
// WATS API: POST /api/internal/Production/AddChildUnit
func (in *InternalService) AddChildUnit(ctx context.Context, r InternalAddChildRequest) (json.RawMessage, error) {
	const op = "production.Internal.AddChildUnit"
	c := newChecker(op)
	c.required("serialNumber", r.SerialNumber)
	c.required("partNumber", r.PartNumber)
	c.required("childSerialNumber", r.ChildSerialNumber)
	c.required("childPartNumber", r.ChildPartNumber)
	c.text("checkPartNumber", r.CheckPartNumber)
	c.text("checkRevision", r.CheckRevision)
	c.text("cultureCode", r.CultureCode)
	if err := c.err(); err != nil {
		return nil, err
	}
	q := url.Values{
		"serialNumber": {r.SerialNumber}, "partNumber": {r.PartNumber},
		"childSerialNumber": {r.ChildSerialNumber}, "childPartNumber": {r.ChildPartNumber},
		"checkPartNumber": {r.CheckPartNumber}, "checkRevision": {r.CheckRevision},
		"cultureCode": {culture(r.CultureCode)},
	}
	if r.CheckPhase != nil {
		q.Set("checkPhase", strconv.FormatBool(*r.CheckPhase))
	}
	return in.post(ctx, op, "/api/internal/Production/AddChildUnit", q)
}

// RemoveChildUnit detaches one child, answering raw. Internal route.
//
// WATS API: POST /api/internal/Production/RemoveChildUnit
func (in *InternalService) RemoveChildUnit(ctx context.Context, serialNumber, partNumber, childSerialNumber, childPartNumber, cultureCode string) (json.RawMessage, error) {
	const op = "production.Internal.RemoveChildUnit"
	c := newChecker(op)
	c.required("serialNumber", serialNumber)
	c.required("partNumber", partNumber)
	c.required("childSerialNumber", childSerialNumber)
	c.required("childPartNumber", childPartNumber)
	c.text("cultureCode", cultureCode)
	if err := c.err(); err != nil {
		return nil, err
	}
	q := url.Values{"serialNumber": {serialNumber}, "partNumber": {partNumber},
		"childSerialNumber": {childSerialNumber}, "childPartNumber": {childPartNumber}, "cultureCode": {culture(cultureCode)}}
	return in.post(ctx, op, "/api/internal/Production/RemoveChildUnit", q)
}

// RemoveAllChildUnits detaches every child of a unit, answering raw.
// Internal route.
//
// WATS API: POST /api/internal/Production/RemoveAllChildUnits
func (in *InternalService) RemoveAllChildUnits(ctx context.Context, serialNumber, partNumber, cultureCode string) (json.RawMessage, error) {
	const op = "production.Internal.RemoveAllChildUnits"
	q, err := unitQuery(op, serialNumber, partNumber, true)
	if err != nil {
		return nil, err
	}
	q.Set("cultureCode", culture(cultureCode))
	return in.post(ctx, op, "/api/internal/Production/RemoveAllChildUnits", q)
}

// CheckChildUnits checks a parent's children against its box build,
// answering raw. This route's query keys are PascalCase in the server's document and
// are sent so. Internal route.
//
// WATS API: GET /api/internal/Production/CheckChildUnits
func (in *InternalService) CheckChildUnits(ctx context.Context, parentSerialNumber, parentPartNumber, cultureCode string) (json.RawMessage, error) {
	const op = "production.Internal.CheckChildUnits"
	c := newChecker(op)
	c.required("ParentSerialNumber", parentSerialNumber)
	c.required("ParentPartNumber", parentPartNumber)
	c.text("CultureCode", cultureCode)
	if err := c.err(); err != nil {
		return nil, err
	}
	return in.s.getRaw(ctx, op, "/api/internal/Production/CheckChildUnits", url.Values{
		"ParentSerialNumber": {parentSerialNumber}, "ParentPartNumber": {parentPartNumber}, "CultureCode": {culture(cultureCode)}})
}

func rangeQuery(c *checker, typ, start, end string, startRequired bool) url.Values {
	c.required("serialNumberType", typ)
	if startRequired {
		c.required("startAddress", start)
		c.required("endAddress", end)
	} else {
		c.text("startAddress", start)
		c.text("endAddress", end)
	}
	q := url.Values{"serialNumberType": {typ}}
	setIf(q, "startAddress", start)
	setIf(q, "endAddress", end)
	return q
}

// SerialNumbers lists the numbers of a type in an address range, raw.
// Internal route.
//
// WATS API: GET /api/internal/Production/SerialNumbers
func (in *InternalService) SerialNumbers(ctx context.Context, serialNumberType, startAddress, endAddress string, window *DateWindow) ([]json.RawMessage, error) {
	const op = "production.Internal.SerialNumbers"
	c := newChecker(op)
	q := rangeQuery(c, serialNumberType, startAddress, endAddress, true)
	window.apply(c, q)
	if err := c.err(); err != nil {
		return nil, err
	}
	var out []json.RawMessage
	err := in.s.call(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/internal/Production/SerialNumbers", Query: q, Result: &out})
	return out, err
}

// SerialNumberCount counts the numbers of a type, optionally in an address
// range and a date window (sent as fromDate/toDate, this route's names).
// Internal route.
//
// WATS API: GET /api/internal/Production/SerialNumbers/Count
func (in *InternalService) SerialNumberCount(ctx context.Context, serialNumberType, startAddress, endAddress string, window *DateWindow) (int64, error) {
	const op = "production.Internal.SerialNumberCount"
	c := newChecker(op)
	q := rangeQuery(c, serialNumberType, startAddress, endAddress, false)
	if window != nil {
		c.dates("fromDate", window.From, window.To)
		if !window.From.IsZero() {
			q.Set("fromDate", queryTime(window.From))
		}
		if !window.To.IsZero() {
			q.Set("toDate", queryTime(window.To))
		}
	}
	if err := c.err(); err != nil {
		return 0, err
	}
	raw, err := in.s.getRaw(ctx, op, "/api/internal/Production/SerialNumbers/Count", q)
	if err != nil {
		return 0, err
	}
	return decodeCount(op, raw)
}

// decodeCount reads a bare number, possibly quoted.
func decodeCount(op string, raw json.RawMessage) (int64, error) {
	t := bytes.Trim(bytes.TrimSpace(raw), `"`)
	if len(t) == 0 {
		return 0, nil
	}
	n, err := strconv.ParseInt(string(t), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s: decode response: count is not a number: %.64s", op, raw)
	}
	return n, nil
}

func checkRanges(c *checker, ranges []SerialNumberRange) {
	if len(ranges) == 0 {
		c.v.Add("ranges", "min=1", "must hold at least one range")
	}
	for i, r := range ranges {
		p := "ranges[" + strconv.Itoa(i) + "]."
		c.required(p+"type", r.Type)
		c.required(p+"startAddress", r.StartAddress)
		c.required(p+"endAddress", r.EndAddress)
	}
}

// rangeInput strips a range to the fields the server reads as input.
type rangeInput struct {
	Type         string `json:"type"`
	StartAddress string `json:"startAddress"`
	EndAddress   string `json:"endAddress"`
}

func inputs(ranges []SerialNumberRange) []rangeInput {
	out := make([]rangeInput, len(ranges))
	for i, r := range ranges {
		out[i] = rangeInput{Type: r.Type, StartAddress: r.StartAddress, EndAddress: r.EndAddress}
	}
	return out
}

// FreeReserved returns the reserved numbers in the ranges to free; taken
// numbers are left alone. Internal route.
//
// WATS API: PUT /api/internal/Production/SerialNumbers/Free
func (in *InternalService) FreeReserved(ctx context.Context, ranges []SerialNumberRange) (json.RawMessage, error) {
	const op = "production.Internal.FreeReserved"
	c := newChecker(op)
	checkRanges(c, ranges)
	if err := c.err(); err != nil {
		return nil, err
	}
	var out json.RawMessage
	err := in.s.call(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/internal/Production/SerialNumbers/Free",
		JSON: inputs(ranges), Result: &out})
	return out, err
}

// DeleteFree deletes the free numbers in the ranges; taken numbers are left
// alone. The ranges travel as a JSON body on the DELETE (pyWATS drops it).
// Internal route.
//
// WATS API: DELETE /api/internal/Production/SerialNumbers/Free
func (in *InternalService) DeleteFree(ctx context.Context, ranges []SerialNumberRange) (json.RawMessage, error) {
	const op = "production.Internal.DeleteFree"
	c := newChecker(op)
	checkRanges(c, ranges)
	if err := c.err(); err != nil {
		return nil, err
	}
	var out json.RawMessage
	err := in.s.call(ctx, &transport.Request{Op: op, Method: http.MethodDelete, Route: "/api/internal/Production/SerialNumbers/Free",
		JSON: inputs(ranges), Result: &out})
	return out, err
}

// Ranges lists the address ranges of one type ("" for all types) with their
// free/taken/reserved counts. Internal route.
//
// WATS API: GET /api/internal/Production/SerialNumbers/Ranges
func (in *InternalService) Ranges(ctx context.Context, serialNumberType string) ([]SerialNumberRange, error) {
	const op = "production.Internal.Ranges"
	c := newChecker(op)
	c.text("serialNumberType", serialNumberType)
	if err := c.err(); err != nil {
		return nil, err
	}
	q := url.Values{}
	setIf(q, "serialNumberType", serialNumberType)
	var out []SerialNumberRange
	err := in.s.call(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/internal/Production/SerialNumbers/Ranges", Query: q, Result: &out})
	return out, err
}

// Statistics returns serial-number statistics of one type ("" for all),
// raw. Internal route.
//
// WATS API: GET /api/internal/Production/SerialNumbers/Statistics
func (in *InternalService) Statistics(ctx context.Context, serialNumberType string) (json.RawMessage, error) {
	const op = "production.Internal.Statistics"
	c := newChecker(op)
	c.text("serialNumberType", serialNumberType)
	if err := c.err(); err != nil {
		return nil, err
	}
	q := url.Values{}
	setIf(q, "serialNumberType", serialNumberType)
	return in.s.getRaw(ctx, op, "/api/internal/Production/SerialNumbers/Statistics", q)
}

func (in *InternalService) post(ctx context.Context, op, route string, q url.Values) (json.RawMessage, error) {
	var out json.RawMessage
	err := in.s.call(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: route, Query: q, Result: &out})
	return out, err
}
