package analytics

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
)

// OEEOptions are the query parameters of OEEAnalysis.
type OEEOptions struct {
	// AvailableHours is the planned production time per weekday, seven
	// values (required). The SDK sends them
	// Monday first. Sent as "24,24,24,24,24,24,24".
	AvailableHours []float64
	// Optional bounds and target, passed through in the server's units.
	MinConnectionTime, MaxConnectionTime *int
	MinExecutionTime, MaxExecutionTime   *int // query minExecutionTime, maxExecutionTime
	TargetOutput                         *int // query targetOutput
}

// OEEAnalysis computes overall equipment effectiveness (availability ×
// performance × quality) for the filter's stations, products and dates.
//
// WATS API: POST /api/App/OeeAnalysis
func (s *Service) OEEAnalysis(ctx context.Context, f *Filter, o OEEOptions) (*OEEResult, error) {
	const op = "analytics.OEEAnalysis"
	v := &errs.ValidationError{Op: op}
	wire := f.prepared(v)
	if len(o.AvailableHours) != 7 {
		v.Add("availableTime", "len=7", "needs exactly seven values, one per weekday, got "+strconv.Itoa(len(o.AvailableHours)))
	}
	hours := make([]string, len(o.AvailableHours))
	for i, h := range o.AvailableHours {
		if h < 0 || h > 24 {
			v.Add("availableTime["+strconv.Itoa(i)+"]", "min=0,max=24", "hours per day must be within 0..24")
		}
		hours[i] = strconv.FormatFloat(h, 'f', -1, 64)
	}
	q := url.Values{"availableTime": {strings.Join(hours, ",")}}
	for _, p := range []struct {
		name string
		v    *int
	}{{"minConnectionTime", o.MinConnectionTime}, {"maxConnectionTime", o.MaxConnectionTime},
		{"minExecutionTime", o.MinExecutionTime}, {"maxExecutionTime", o.MaxExecutionTime}, {"targetOutput", o.TargetOutput}} {
		if p.v == nil {
			continue
		}
		if *p.v < 0 {
			v.Add(p.name, "min=0", "must not be negative")
		}
		q.Set(p.name, strconv.Itoa(*p.v))
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out OEEResult
	if err := query(ctx, s.t, op, "/api/App/OeeAnalysis", q, wire, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
