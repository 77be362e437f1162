package analytics

import (
	"context"
	"net/url"

	"github.com/watsgo/sdk/internal/errs"
)

// DynamicYield returns yield rows grouped and sorted by dims (sent as the
// dimensions query parameter). Without dims the server's default applies
// (top 10 part number / test operation rows of the last 30 days). The
// server marks this endpoint as preview.
//
// WATS API: POST /api/App/DynamicYield
func (s *Service) DynamicYield(ctx context.Context, f *Filter, dims Dimensions) ([]YieldRow, error) {
	const op = "analytics.DynamicYield"
	var out []YieldRow
	return out, s.dynamic(ctx, op, "/api/App/DynamicYield", f, dims, &out)
}

// DynamicRepair returns repair statistics grouped and sorted by dims. The
// server marks this endpoint as preview.
//
// WATS API: POST /api/App/DynamicRepair
func (s *Service) DynamicRepair(ctx context.Context, f *Filter, dims Dimensions) ([]RepairRow, error) {
	const op = "analytics.DynamicRepair"
	var out []RepairRow
	return out, s.dynamic(ctx, op, "/api/App/DynamicRepair", f, dims, &out)
}

func (s *Service) dynamic(ctx context.Context, op, route string, f *Filter, dims Dimensions, out any) error {
	v := &errs.ValidationError{Op: op}
	wire := f.prepared(v)
	dims.check(v)
	if len(dims) > 0 && wire.Dimensions != "" {
		v.Add("dimensions", "excluded_with", "set either the typed dims argument or Filter.Dimensions, not both")
	}
	if (dims.has(string(DimPeriod)) || dims.has(string(DimTestPeriod))) && wire.DateGrouping == nil {
		v.Add("dateGrouping", "required_with=period", "is required when grouping by period")
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	var q url.Values
	if len(dims) > 0 {
		q = url.Values{"dimensions": {dims.String()}}
	}
	return query(ctx, s.t, op, route, q, wire, out)
}

// VolumeYield returns volume and yield per product for the filter's
// product group, level and periods.
//
// WATS API: POST /api/App/VolumeYield
func (s *Service) VolumeYield(ctx context.Context, f *Filter) ([]YieldRow, error) {
	var out []YieldRow
	return out, s.postFilter(ctx, "analytics.VolumeYield", "/api/App/VolumeYield", f, &out)
}

// VolumeYieldRecent is VolumeYield over the last o.Days days for a product
// group and level given by id.
//
// WATS API: GET /api/App/VolumeYield
func (s *Service) VolumeYieldRecent(ctx context.Context, o RecentOptions) ([]YieldRow, error) {
	var out []YieldRow
	return out, s.recent(ctx, "analytics.VolumeYieldRecent", "/api/App/VolumeYield", o, &out)
}

// HighVolume returns the products with the highest volume.
//
// WATS API: POST /api/App/HighVolume
func (s *Service) HighVolume(ctx context.Context, f *Filter) ([]YieldRow, error) {
	var out []YieldRow
	return out, s.postFilter(ctx, "analytics.HighVolume", "/api/App/HighVolume", f, &out)
}

// HighVolumeRecent is HighVolume over the last o.Days days.
//
// WATS API: GET /api/App/HighVolume
func (s *Service) HighVolumeRecent(ctx context.Context, o RecentOptions) ([]YieldRow, error) {
	var out []YieldRow
	return out, s.recent(ctx, "analytics.HighVolumeRecent", "/api/App/HighVolume", o, &out)
}

// HighVolumeByProductGroup returns the highest-volume product groups.
//
// WATS API: POST /api/App/HighVolumeByProductGroup
func (s *Service) HighVolumeByProductGroup(ctx context.Context, f *Filter) ([]YieldRow, error) {
	var out []YieldRow
	return out, s.postFilter(ctx, "analytics.HighVolumeByProductGroup", "/api/App/HighVolumeByProductGroup", f, &out)
}

// WorstYield returns the products with the lowest yield.
//
// WATS API: POST /api/App/WorstYield
func (s *Service) WorstYield(ctx context.Context, f *Filter) ([]YieldRow, error) {
	var out []YieldRow
	return out, s.postFilter(ctx, "analytics.WorstYield", "/api/App/WorstYield", f, &out)
}

// WorstYieldRecent is WorstYield over the last o.Days days.
//
// WATS API: GET /api/App/WorstYield
func (s *Service) WorstYieldRecent(ctx context.Context, o RecentOptions) ([]YieldRow, error) {
	var out []YieldRow
	return out, s.recent(ctx, "analytics.WorstYieldRecent", "/api/App/WorstYield", o, &out)
}

// WorstYieldByProductGroup returns the product groups with the lowest yield.
//
// WATS API: POST /api/App/WorstYieldByProductGroup
func (s *Service) WorstYieldByProductGroup(ctx context.Context, f *Filter) ([]YieldRow, error) {
	var out []YieldRow
	return out, s.postFilter(ctx, "analytics.WorstYieldByProductGroup", "/api/App/WorstYieldByProductGroup", f, &out)
}
