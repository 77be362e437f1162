package asset

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/watsgo/sdk/internal/errs"
)

// CountOptions describe one usage record.
type CountOptions struct {
	// IncrementBy is the amount added to the running and total counts;
	// 0 sends nothing and the server adds its default (presumably 1).
	IncrementBy int
	// TotalCount, when set, is sent as totalCount (semantics unverified:
	// most likely it sets the total explicitly).
	TotalCount *int
	// IncludeChildren also counts the usage on every sub-asset.
	IncludeChildren bool
}

// IncrementCount records usage: the running and total counts grow by
// opts.IncrementBy (nil opts: by the server default of 1).
//
// WATS API: PUT /api/Asset/Count
func (s *Service) IncrementCount(ctx context.Context, id Ident, opts *CountOptions) error {
	const op = "asset.IncrementCount"
	extra := map[string]string{}
	v := &errs.ValidationError{Op: op}
	if opts != nil {
		if opts.IncrementBy < 0 {
			v.Add("incrementBy", "min=0", fmt.Sprintf("increment %d is negative", opts.IncrementBy))
		}
		if opts.TotalCount != nil && *opts.TotalCount < 0 {
			v.Add("totalCount", "min=0", fmt.Sprintf("total count %d is negative", *opts.TotalCount))
		}
		if opts.IncrementBy > 0 {
			extra["incrementBy"] = strconv.Itoa(opts.IncrementBy)
		}
		if opts.TotalCount != nil {
			extra["totalCount"] = strconv.Itoa(*opts.TotalCount)
		}
		if opts.IncludeChildren {
			extra["incrementChildren"] = "true"
		}
	}
	return s.identCall(ctx, v, http.MethodPut, "/api/Asset/Count", id, extra)
}

// ResetRunningCount sets the running count to 0; comment is logged. It is a
// POST and therefore never retried.
//
// WATS API: POST /api/Asset/ResetRunningCount
func (s *Service) ResetRunningCount(ctx context.Context, id Ident, comment string) error {
	extra := map[string]string{}
	if comment != "" {
		extra["comment"] = comment
	}
	return s.identCall(ctx, &errs.ValidationError{Op: "asset.ResetRunningCount"}, http.MethodPost, "/api/Asset/ResetRunningCount", id, extra)
}

// SetRunningCount sets the running count (WATS ≥ 25.3, needs the "Edit Total
// count" permission, else ErrForbidden).
//
// WATS API: PUT /api/Asset/SetRunningCount
func (s *Service) SetRunningCount(ctx context.Context, id Ident, n int) error {
	const op = "asset.SetRunningCount"
	v := &errs.ValidationError{Op: op}
	if n < 0 {
		v.Add("runningCount", "min=0", fmt.Sprintf("running count %d is negative", n))
	}
	return s.identCall(ctx, v, http.MethodPut, "/api/Asset/SetRunningCount", id, map[string]string{"runningCount": strconv.Itoa(n)})
}

// SetTotalCount sets the lifetime count (WATS ≥ 25.3, needs the "Edit Total
// count" permission, else ErrForbidden).
//
// WATS API: PUT /api/Asset/SetTotalCount
func (s *Service) SetTotalCount(ctx context.Context, id Ident, n int) error {
	const op = "asset.SetTotalCount"
	v := &errs.ValidationError{Op: op}
	if n < 0 {
		v.Add("totalCount", "min=0", fmt.Sprintf("total count %d is negative", n))
	}
	return s.identCall(ctx, v, http.MethodPut, "/api/Asset/SetTotalCount", id, map[string]string{"totalCount": strconv.Itoa(n)})
}
