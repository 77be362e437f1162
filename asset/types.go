package asset

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/odata"
	"github.com/watsgo/sdk/internal/transport"
)

// ListTypes returns asset types matching q ($filter, $orderby, $top,
// $skip); without $orderby the server orders them by name and without $top
// it answers at most 1000.
//
// WATS API: GET /api/Asset/Types
func (s *Service) ListTypes(ctx context.Context, q odata.Query) ([]Type, error) {
	const op = "asset.ListTypes"
	vals, err := odataValues(op, q)
	if err != nil {
		return nil, err
	}
	var out []Type
	_, err = s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/Asset/Types", Query: vals, Result: &out})
	return out, err
}

// SaveType creates a type (no TypeID) or updates one and returns it.
//
// WATS API: PUT /api/Asset/Types
func (s *Service) SaveType(ctx context.Context, t Type) (*Type, error) {
	const op = "asset.SaveType"
	v := &errs.ValidationError{Op: op}
	if strings.TrimSpace(t.Name) == "" {
		v.Add("typeName", "required", "type name is empty")
	}
	if t.RunningCountLimit < 0 {
		v.Add("runningCountLimit", "min=0", "running count limit is negative")
	}
	if t.TotalCountLimit < 0 {
		v.Add("totalCountLimit", "min=0", "total count limit is negative")
	}
	checkInterval(v, "calibrationInterval", t.CalibrationInterval)
	checkInterval(v, "maintenanceInterval", t.MaintenanceInterval)
	for _, th := range []struct {
		name string
		val  float64
	}{{"warningThreshold", t.WarningThreshold}, {"alarmThreshold", t.AlarmThreshold}} {
		if th.val < 0 {
			v.Add(th.name, "min=0", fmt.Sprintf("%s %v is negative", th.name, th.val))
		}
	}
	if t.WarningThreshold > 0 && t.AlarmThreshold > 0 && t.WarningThreshold > t.AlarmThreshold {
		v.Add("warningThreshold", "ltefield=alarmThreshold", "warning threshold is above the alarm threshold")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out Type
	if _, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/Asset/Types", JSON: t, Result: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// checkInterval allows days ≥ 0 and the special values -1 and -2.
func checkInterval(v *errs.ValidationError, name string, days float64) {
	if days < 0 && days != IntervalUnlimited && days != IntervalExternal {
		v.Add(name, "min=0|-1|-2", fmt.Sprintf("%s %v is negative and not a special interval (-1 unlimited, -2 external)", name, days))
	}
}

func equalGUID(a, b string) bool {
	return strings.EqualFold(strings.Trim(a, "{}"), strings.Trim(b, "{}"))
}
