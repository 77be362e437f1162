package asset

import (
	"context"
	"fmt"
	"time"

	"github.com/watsgo/sdk/internal/odata"
)

// DueDates tell when an asset next needs calibration and maintenance.
type DueDates struct {
	// Calibration is the next calibration date; nil when none is known or
	// the interval is unlimited.
	Calibration *time.Time
	// Maintenance is the next maintenance date; nil when none is known or
	// the interval is unlimited.
	Maintenance *time.Time
	// RunningCountLeft is the usage left before the type's running-count
	// limit; nil when the type sets no limit. Zero or less means due.
	RunningCountLeft *int
}

// ComputeDueDates derives the due dates of a from its stored next dates or,
// when those are missing, from its last dates plus the type's intervals in
// days. t may be nil (then only the stored next dates are used).
func ComputeDueDates(a *Asset, t *Type) DueDates {
	var d DueDates
	if t == nil {
		t = a.Type
	}
	var calInt, mntInt float64
	if t != nil {
		calInt, mntInt = t.CalibrationInterval, t.MaintenanceInterval
		if t.RunningCountLimit > 0 {
			left := t.RunningCountLimit - a.RunningCount
			d.RunningCountLeft = &left
		}
	}
	d.Calibration = nextDate(a.LastCalibrationDate, a.NextCalibrationDate, calInt)
	d.Maintenance = nextDate(a.LastMaintenanceDate, a.NextMaintenanceDate, mntInt)
	return d
}

func nextDate(last, next *time.Time, intervalDays float64) *time.Time {
	switch {
	case intervalDays == IntervalUnlimited:
		return nil
	case next != nil:
		n := *next
		return &n
	case last != nil && intervalDays > 0:
		n := last.Add(time.Duration(intervalDays * float64(24*time.Hour)))
		return &n
	}
	return nil
}

// CalibrationDue reports whether calibration is due at now+within: the
// calibration date falls in that window or the running count reached its limit.
func (d DueDates) CalibrationDue(now time.Time, within time.Duration) bool {
	if d.RunningCountLeft != nil && *d.RunningCountLeft <= 0 {
		return true
	}
	return d.Calibration != nil && !d.Calibration.After(now.Add(within))
}

// MaintenanceDue reports whether the maintenance date falls before now+within.
func (d DueDates) MaintenanceDue(now time.Time, within time.Duration) bool {
	return d.Maintenance != nil && !d.Maintenance.After(now.Add(within))
}

// DueDates fetches the asset and its type and computes its due dates.
//
// WATS API: GET /api/Asset/{idOrSerialNumber}
// WATS API: GET /api/Asset/Types
func (s *Service) DueDates(ctx context.Context, id Ident) (*Asset, DueDates, error) {
	a, err := s.Get(ctx, id)
	if err != nil {
		return nil, DueDates{}, err
	}
	t := a.Type
	if t == nil && a.TypeID != "" {
		types, err := s.ListTypes(ctx, odata.Query{Filter: odata.Eq("typeId", odata.GUID(a.TypeID))})
		if err != nil {
			return a, DueDates{}, fmt.Errorf("asset.DueDates: type of %s: %w", id, err)
		}
		for i := range types {
			if equalGUID(types[i].TypeID, a.TypeID) {
				t = &types[i]
			}
		}
	}
	return a, ComputeDueDates(a, t), nil
}
