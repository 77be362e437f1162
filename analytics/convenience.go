package analytics

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/watsgo/sdk/internal/errs"
)

// YieldPoint is the first-pass yield of one period.
type YieldPoint struct {
	// Period is the period as the server names it; Start is its parse as
	// a date-time when possible (zero otherwise).
	Period string
	Start  time.Time // Period parsed as a date-time; zero if it does not parse
	// Units counts units first tested in the period; FirstPass those that
	// passed on their first run.
	Units     int64
	FirstPass int64 // units that passed on their first run
	// FPY is the first-pass yield as the server reports it (percent).
	FPY float64
}

func checkRange(v *errs.ValidationError, from, to time.Time) {
	if from.IsZero() {
		v.Add("dateFrom", "required", "is required")
	}
	if to.IsZero() {
		v.Add("dateTo", "required", "is required")
	}
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		v.Add("dateTo", "gtefield=dateFrom", "must not be before dateFrom")
	}
}

// FirstPassYield returns the first-pass yield of a part number per period
// (grouping GroupDay, GroupWeek, GroupMonth, GroupHour, ...) between from
// and to, oldest period first. testOperation may be "" for all operations.
//
// WATS API: POST /api/App/DynamicYield
func (s *Service) FirstPassYield(ctx context.Context, partNumber, testOperation string, from, to time.Time, grouping DateGrouping) ([]YieldPoint, error) {
	const op = "analytics.FirstPassYield"
	v := &errs.ValidationError{Op: op}
	if strings.TrimSpace(partNumber) == "" {
		v.Add("partNumber", "required", "is required")
	}
	checkRange(v, from, to)
	if grouping < GroupYear || grouping > GroupHour {
		v.Add("dateGrouping", "oneof=0 1 2 3 4 5", "must be a period grouping (GroupYear..GroupHour)")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	f := Filter{PartNumber: partNumber, TestOperation: testOperation, DateGrouping: &grouping, IncludeCurrentPeriod: Ptr(true)}.Between(from, to)
	rows, err := s.DynamicYield(ctx, &f, Dimensions{Asc(DimPeriod), Show(KPIUnitCount), Show(KPIFPCount), Show(KPIFPY)})
	if err != nil {
		return nil, err
	}
	out := make([]YieldPoint, 0, len(rows))
	for _, r := range rows {
		fpy, _ := r.FPY()
		out = append(out, YieldPoint{Period: r.Period(), Start: r.PeriodStart(), Units: r.UnitCount(), FirstPass: r.FPCount(), FPY: fpy})
	}
	sort.SliceStable(out, func(i, j int) bool {
		if !out[i].Start.IsZero() && !out[j].Start.IsZero() {
			return out[i].Start.Before(out[j].Start)
		}
		return out[i].Period < out[j].Period
	})
	return out, nil
}

// OperationYield is the first-pass yield of one test operation.
type OperationYield struct {
	TestOperation string  // test operation name (the testOperation dimension)
	Units         int64   // units tested in the operation (KPI unitCount)
	FPY           float64 // first-pass yield in percent, as the server reports it (KPI fpy)
}

// RolledYield returns the rolled throughput yield of a part number between
// from and to: the product of the first-pass yields of every test
// operation (as fractions, returned in percent), with the per-operation
// figures it multiplied.
//
// WATS API: POST /api/App/DynamicYield
func (s *Service) RolledYield(ctx context.Context, partNumber string, from, to time.Time) (float64, []OperationYield, error) {
	const op = "analytics.RolledYield"
	v := &errs.ValidationError{Op: op}
	if strings.TrimSpace(partNumber) == "" {
		v.Add("partNumber", "required", "is required")
	}
	checkRange(v, from, to)
	if err := v.OrNil(); err != nil {
		return 0, nil, err
	}
	f := Filter{PartNumber: partNumber}.Between(from, to)
	rows, err := s.DynamicYield(ctx, &f, Dimensions{Asc(DimTestOperation), Show(KPIUnitCount), Show(KPIFPY)})
	if err != nil {
		return 0, nil, err
	}
	if len(rows) == 0 {
		return 0, nil, fmt.Errorf("%s: no units of %s between %s and %s", op, partNumber, from.Format(time.RFC3339), to.Format(time.RFC3339))
	}
	rty := 1.0
	ops := make([]OperationYield, 0, len(rows))
	for _, r := range rows {
		fpy, ok := r.FPY()
		if !ok {
			return 0, nil, fmt.Errorf("%s: row for %q has no fpy", op, r.TestOperation())
		}
		rty *= fpy / 100
		ops = append(ops, OperationYield{TestOperation: r.TestOperation(), Units: r.UnitCount(), FPY: fpy})
	}
	return rty * 100, ops, nil
}

// TopFailedSteps returns the n steps of a part number and test operation
// that failed most often between from and to.
//
// WATS API: POST /api/App/TopFailed
func (s *Service) TopFailedSteps(ctx context.Context, partNumber, testOperation string, from, to time.Time, n int) ([]TopFailedStep, error) {
	const op = "analytics.TopFailedSteps"
	v := &errs.ValidationError{Op: op}
	if strings.TrimSpace(partNumber) == "" {
		v.Add("partNumber", "required", "is required")
	}
	checkRange(v, from, to)
	if n <= 0 {
		v.Add("topCount", "min=1", "must be at least 1")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	f := Filter{PartNumber: partNumber, TestOperation: testOperation, TopCount: &n}.Between(from, to)
	return s.TopFailed(ctx, &f)
}

// Series is the measurements of one step over time, with its limits.
type Series struct {
	Path MeasurementPath // step path the series was requested for
	// Points are sorted by start time, oldest first.
	Points []Measurement
	// Low and High are the limits of the newest point that has them.
	Low, High *float64
	Unit      string // measurement unit, taken with Low and High
}

// Values returns the measured values of the series.
func (s *Series) Values() []float64 {
	out := make([]float64, 0, len(s.Points))
	for _, p := range s.Points {
		if p.Value != nil {
			out = append(out, *p.Value)
		}
	}
	return out
}

// MeasurementSeries returns the measurements of one numeric step (or one
// named measurement of it) between from and to, oldest first, with limits.
//
// WATS API: POST /api/App/Measurements
func (s *Service) MeasurementSeries(ctx context.Context, partNumber, testOperation string, path MeasurementPath, from, to time.Time) (*Series, error) {
	const op = "analytics.MeasurementSeries"
	v := &errs.ValidationError{Op: op}
	checkRange(v, from, to)
	if path == "" {
		v.Add("measurementPaths", "required", "a step path is required")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	f := Filter{PartNumber: partNumber, TestOperation: testOperation}.Between(from, to)
	groups, err := s.Measurements(ctx, &f, path)
	if err != nil {
		return nil, err
	}
	out := &Series{Path: path}
	for _, g := range groups {
		if g.MeasurementPath == "" || g.MeasurementPath == string(path) {
			out.Points = append(out.Points, g.Measurements...)
		}
	}
	sort.SliceStable(out.Points, func(i, j int) bool {
		a, b := out.Points[i].Start, out.Points[j].Start
		return a != nil && b != nil && a.Before(b.Time)
	})
	for i := len(out.Points) - 1; i >= 0; i-- {
		p := out.Points[i]
		if p.Limit1 != nil || p.Limit2 != nil {
			out.Low, out.High, out.Unit = p.Limit1, p.Limit2, p.Unit
			break
		}
	}
	return out, nil
}

// Cpk fetches a numeric step's measurements and computes its process
// capability client-side (see ComputeCapability for the formula), using
// the step's newest limits.
//
// WATS API: POST /api/App/Measurements
func (s *Service) Cpk(ctx context.Context, partNumber, testOperation string, path MeasurementPath, from, to time.Time) (Capability, error) {
	series, err := s.MeasurementSeries(ctx, partNumber, testOperation, path, from, to)
	if err != nil {
		return Capability{}, err
	}
	c, err := ComputeCapability(series.Values(), series.Low, series.High)
	if err != nil {
		return c, fmt.Errorf("analytics.Cpk: %s: %w", path, err)
	}
	return c, nil
}

// UnitHistory returns every report of one unit, UUT and UUR, oldest first.
// partNumber may be "" when serial numbers are unique across products.
//
// WATS API: POST /api/App/SerialNumberHistory
func (s *Service) UnitHistory(ctx context.Context, serialNumber, partNumber string) ([]ReportHeader, error) {
	const op = "analytics.UnitHistory"
	if strings.TrimSpace(serialNumber) == "" {
		return nil, errs.Invalid(op, "serialNumber", "is required")
	}
	out, err := s.SerialNumberHistory(ctx, &Filter{SerialNumber: serialNumber, PartNumber: partNumber})
	if err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start.Before(out[j].Start) })
	return out, nil
}
