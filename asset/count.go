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
	// IncrementBy is the amount added to the running and total counts
	// (query incrementBy); 0 sends nothing and the server adds its default.
	IncrementBy int
	// TotalCount, when set, is the new total (query totalCount): the server
	// sets the total to it and adds the difference to the old total to the
	// running count as well. Give it instead of IncrementBy.
	TotalCount *int
	// IncludeChildren also counts the usage on every sub-asset (query
	// incrementChildren).
	IncludeChildren bool
	// CultureCode picks the language of the server's messages, e.g. "zh-CN"
	// (query cultureCode).
	CultureCode string
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
		if opts.CultureCode != "" {
			extra["cultureCode"] = opts.CultureCode
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
