package analytics

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
)

// TopFailed returns the steps that failed most often.
//
// WATS API: POST /api/App/TopFailed
func (s *Service) TopFailed(ctx context.Context, f *Filter) ([]TopFailedStep, error) {
	var out []TopFailedStep
	return out, s.postFilter(ctx, "analytics.TopFailed", "/api/App/TopFailed", f, &out)
}

// TopFailedOptions are the parameters of the GET top-failed list; the
// server requires all of them.
type TopFailedOptions struct {
	PartNumber     string // product part number (query partNumber)
	ProcessCode    int    // test operation (process) code (query processCode)
	ProductGroupID string // product group id (query productGroupId)
	LevelID        string // production level id (query levelId)
	Days           int    // how many days back to look (query days)
	Count          int    // number of steps to return (query count)
}

func (o TopFailedOptions) values(v *errs.ValidationError) url.Values {
	q := RecentOptions{Days: o.Days, ProductGroupID: o.ProductGroupID, LevelID: o.LevelID}.values(v)
	if strings.TrimSpace(o.PartNumber) == "" {
		v.Add("partNumber", "required", "is required")
	}
	if o.ProcessCode <= 0 {
		v.Add("processCode", "min=1", "is required (a test operation code)")
	}
	if o.Count <= 0 {
		v.Add("count", "min=1", "must be at least 1")
	}
	q.Set("partNumber", o.PartNumber)
	q.Set("processCode", strconv.Itoa(o.ProcessCode))
	q.Set("count", strconv.Itoa(o.Count))
	return q
}

// TopFailedRecent is TopFailed over the last o.Days days for one part
// number and test operation.
//
// WATS API: GET /api/App/TopFailed
func (s *Service) TopFailedRecent(ctx context.Context, o TopFailedOptions) ([]TopFailedStep, error) {
	const op = "analytics.TopFailedRecent"
	v := &errs.ValidationError{Op: op}
	q := o.values(v)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out []TopFailedStep
	return out, get(ctx, s.t, op, "/api/App/TopFailed", q, &out)
}

// requirePartAndOperation records the two fields the step and measurement
// endpoints require.
func requirePartAndOperation(v *errs.ValidationError, f *Filter) {
	if f == nil || strings.TrimSpace(f.PartNumber) == "" {
		v.Add("partNumber", "required", "is required by this endpoint")
	}
	if f == nil || strings.TrimSpace(f.TestOperation) == "" {
		v.Add("testOperation", "required", "is required by this endpoint")
	}
}

// TestStepAnalysis returns per-step statistics (counts, limits, timing,
// measurement statistics) for one part number and test operation, over
// each unit's first run (the server's default; see
// UnverifiedService.TestStepAnalysis for other runs). The server marks
// this endpoint as preview.
//
// WATS API: POST /api/App/TestStepAnalysis
func (s *Service) TestStepAnalysis(ctx context.Context, f *Filter) ([]StepAnalysisRow, error) {
	const op = "analytics.TestStepAnalysis"
	v := &errs.ValidationError{Op: op}
	requirePartAndOperation(v, f)
	wire := f.prepared(v)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out []StepAnalysisRow
	return out, query(ctx, s.t, op, "/api/App/TestStepAnalysis", nil, wire, &out)
}
