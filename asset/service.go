// Package asset is the WATS asset domain: assets (fixtures, instruments), their types, counts, calibration, maintenance and logs.
//
// Get a *Service from wats.Client; the package never talks HTTP itself.
// Single-asset calls take an Ident built with ByID or BySerial. The
// server's internal, unstable file-storage routes are methods of the
// sub-service returned by Service.Internal; the WATS 25.3 routes that the
// server's published API documents do not list yet are methods of the
// sub-service returned by Service.Unverified.
package asset

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/odata"
	"github.com/watsgo/sdk/internal/paging"
	"github.com/watsgo/sdk/internal/transport"
)

// Service calls the asset endpoints. Get one from wats.Client.
type Service struct {
	t transport.Doer
}

// NewService wires a Service to the shared transport. wats.New calls it;
// users take the Service from the client instead.
func NewService(t transport.Doer) *Service { return &Service{t: t} }

// Internal returns the sub-service for the server's internal asset file routes.
func (s *Service) Internal() *Internal { return &Internal{t: s.t} }

// Unverified returns the sub-service for the asset routes WATS 25.3
// introduced that the server's published API documents do not list.
func (s *Service) Unverified() *UnverifiedService { return &UnverifiedService{s: s} }

// odataValues renders q, turning a builder error into a validation error.
func odataValues(op string, q odata.Query) (map[string][]string, error) {
	v, err := q.Values()
	if err != nil {
		return nil, errs.Invalid(op, "query", err.Error())
	}
	return v, nil
}

// List returns one page of assets; q carries $filter, $orderby, $top and
// $skip. Without $orderby the server orders by assetId, and without $top it
// answers at most 1000 assets.
//
// WATS API: GET /api/Asset
func (s *Service) List(ctx context.Context, q odata.Query) ([]Asset, error) {
	const op = "asset.List"
	vals, err := odataValues(op, q)
	if err != nil {
		return nil, err
	}
	var out []Asset
	_, err = s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/Asset", Query: vals, Result: &out})
	return out, err
}

// All yields every asset matching q, paging with $top/$skip (q.Top is the
// page size, default 100). The iteration stops at the first error.
//
// WATS API: GET /api/Asset
func (s *Service) All(ctx context.Context, q odata.Query) iter.Seq2[Asset, error] {
	pages := paging.All(ctx, q, s.List)
	// A closure of All's own, so the requests are made from within All.
	return func(yield func(Asset, error) bool) {
		for a, err := range pages {
			if !yield(a, err) {
				return
			}
		}
	}
}

// pathSiblings are the literal routes next to /api/Asset/{serialNumber}; a
// serial number equal to one of them could reach that endpoint instead (the
// GET ones surely, the others depending on how the server picks a route).
var pathSiblings = []string{"Status", "Log", "Types", "SubAssets", "Count", "State", "Message", "Calibration",
	"Maintenance", "ResetRunningCount", "SetRunningCount", "SetTotalCount"}

// addressableByPath reports whether v can travel as the path segment.
func addressableByPath(v string) bool {
	if v == "." || v == ".." {
		return false // HTTP stacks resolve dot segments away
	}
	for _, s := range pathSiblings {
		if strings.EqualFold(v, s) {
			return false
		}
	}
	return true
}

// Get returns one asset; an unknown asset matches ErrNotFound. A serial
// number that cannot travel in the path (equal to a sibling route such as
// "Log", or a dot segment) is looked up with a $filter on the list instead.
//
// WATS API: GET /api/Asset/{assetId}
// WATS API: GET /api/Asset/{serialNumber}
// WATS API: GET /api/Asset
func (s *Service) Get(ctx context.Context, id Ident) (*Asset, error) {
	const op = "asset.Get"
	v := &errs.ValidationError{Op: op}
	id.check(v)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	if !addressableByPath(id.pathValue()) {
		return s.getByFilter(ctx, op, id)
	}
	// One server template under two names: the document calls the segment
	// assetId or serialNumber; the route name says which one was meant.
	route, param := "/api/Asset/{serialNumber}", "serialNumber"
	if id.id != "" {
		route, param = "/api/Asset/{assetId}", "assetId"
	}
	var out *Asset
	_, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: route,
		PathParams: map[string]string{param: id.pathValue()}, Result: &out,
	})
	if err != nil {
		return nil, err
	}
	if out == nil || (out.AssetID == "" && out.SerialNumber == "") {
		return nil, fmt.Errorf("%s: asset %s: %w", op, id, errs.ErrNotFound)
	}
	return out, nil
}

func (s *Service) getByFilter(ctx context.Context, op string, id Ident) (*Asset, error) {
	field := "serialNumber"
	if id.id != "" {
		field = "assetId"
	}
	list, err := s.List(ctx, odata.Query{Filter: odata.Eq(field, id.pathValue()), Top: 2})
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].SerialNumber == id.serial || (id.id != "" && equalGUID(list[i].AssetID, id.id)) {
			return &list[i], nil
		}
	}
	return nil, fmt.Errorf("%s: asset %s: %w", op, id, errs.ErrNotFound)
}

func validateAsset(v *errs.ValidationError, a *Asset) {
	if strings.TrimSpace(a.SerialNumber) == "" {
		v.Add("serialNumber", "required", "serial number is empty")
	}
	if a.AssetID == "" && strings.TrimSpace(a.TypeID) == "" {
		v.Add("typeId", "required", "a new asset (no assetId) needs its type id")
	}
	if a.State != nil && !a.State.valid() {
		v.Add("state", "oneof=0 1 2 3 4 5 6", fmt.Sprintf("state %d is not an asset state", *a.State))
	}
	if a.TotalCount < 0 {
		v.Add("totalCount", "min=0", "total count is negative")
	}
	if a.RunningCount < 0 {
		v.Add("runningCount", "min=0", "running count is negative")
	}
	if a.ParentAssetID != "" && a.ParentAssetID == a.AssetID {
		v.Add("parentAssetId", "nefield=assetId", "an asset cannot be its own parent")
	}
	if a.ParentSerialNumber != "" && a.ParentSerialNumber == a.SerialNumber {
		v.Add("parentSerialNumber", "nefield=serialNumber", "an asset cannot be its own parent")
	}
	if a.LastCalibrationDate != nil && a.NextCalibrationDate != nil && a.NextCalibrationDate.Before(*a.LastCalibrationDate) {
		v.Add("nextCalibrationDate", "gtfield=lastCalibrationDate", "next calibration is before the last one")
	}
	if a.LastMaintenanceDate != nil && a.NextMaintenanceDate != nil && a.NextMaintenanceDate.Before(*a.LastMaintenanceDate) {
		v.Add("nextMaintenanceDate", "gtfield=lastMaintenanceDate", "next maintenance is before the last one")
	}
	for i, t := range a.Tags {
		if strings.TrimSpace(t.Key) == "" {
			v.Add(fmt.Sprintf("tags[%d].key", i), "required", "tag key is empty")
		}
	}
}

// Save creates an asset (no AssetID; SerialNumber and TypeID required) or
// updates one, and returns the saved asset.
//
// WATS API: PUT /api/Asset
func (s *Service) Save(ctx context.Context, a Asset) (*Asset, error) {
	const op = "asset.Save"
	v := &errs.ValidationError{Op: op}
	validateAsset(v, &a)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	return s.put(ctx, op, a)
}

// put sends body (an Asset or its wire map) and decodes the saved asset.
func (s *Service) put(ctx context.Context, op string, body any) (*Asset, error) {
	var out Asset
	if _, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/Asset", JSON: body, Result: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// Delete deletes an asset.
//
// WATS API: DELETE /api/Asset
func (s *Service) Delete(ctx context.Context, id Ident) error {
	return s.identCall(ctx, &errs.ValidationError{Op: "asset.Delete"}, http.MethodDelete, "/api/Asset", id, nil)
}

// identCall performs a body-less call identified by id plus extra query
// parameters; the answer body is ignored.
// v carries the operation name and any violations found by the caller.
func (s *Service) identCall(ctx context.Context, v *errs.ValidationError, method, route string, id Ident, extra map[string]string) error {
	id.check(v)
	if err := v.OrNil(); err != nil {
		return err
	}
	q := id.query()
	for k, val := range extra {
		q.Set(k, val)
	}
	_, err := s.t.Do(ctx, &transport.Request{Op: v.Op, Method: method, Route: route, Query: q})
	return err
}

// StatusOptions tune Status.
type StatusOptions struct {
	// NoTranslate asks for untranslated texts (sends translate=false).
	NoTranslate bool
	// CultureCode picks the language of translated texts, e.g. "en-US".
	CultureCode string
}

// Status returns the server-computed status (alarm state and counts). It is
// never cached: a count change is visible at once.
//
// WATS API: GET /api/Asset/Status
func (s *Service) Status(ctx context.Context, id Ident, opts *StatusOptions) (*Status, error) {
	const op = "asset.Status"
	v := &errs.ValidationError{Op: op}
	id.check(v)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	q := id.query()
	if opts != nil {
		if opts.NoTranslate {
			q.Set("translate", "false")
		}
		if opts.CultureCode != "" {
			q.Set("cultureCode", opts.CultureCode)
		}
	}
	var out *Status
	if _, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/Asset/Status", Query: q, Result: &out}); err != nil {
		return nil, err
	}
	if out == nil {
		return nil, fmt.Errorf("%s: asset %s: %w", op, id, errs.ErrNotFound)
	}
	return out, nil
}

// SetState changes the operational state of an asset.
//
// WATS API: PUT /api/Asset/State
func (s *Service) SetState(ctx context.Context, id Ident, state State) error {
	const op = "asset.SetState"
	v := &errs.ValidationError{Op: op}
	if !state.valid() {
		v.Add("state", "oneof=0 1 2 3 4 5 6", fmt.Sprintf("state %d is not an asset state", state))
	}
	return s.identCall(ctx, v, http.MethodPut, "/api/Asset/State", id, map[string]string{"state": strconv.Itoa(int(state))})
}

// SubAssets returns the sub-assets of a parent: level 1 for direct
// children, 0 for all descendants, n for n generations.
//
// WATS API: GET /api/Asset/SubAssets
func (s *Service) SubAssets(ctx context.Context, parent Ident, level int) ([]Asset, error) {
	const op = "asset.SubAssets"
	v := &errs.ValidationError{Op: op}
	parent.check(v)
	if level < 0 {
		v.Add("level", "min=0", fmt.Sprintf("level %d is negative", level))
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	q := parent.query()
	q.Set("level", strconv.Itoa(level))
	var out []Asset
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/Asset/SubAssets", Query: q, Result: &out})
	return out, err
}
