package analytics

import (
	"context"
	"strconv"

	"github.com/watsgo/sdk/internal/errs"
)

// UnverifiedService holds calls that send what the server's documents
// mention but do not type. They may behave differently on a given server;
// prefer the Service methods.
type UnverifiedService struct {
	s *Service
}

// Unverified returns the calls whose wire form no WATS API document types.
func (s *Service) Unverified() *UnverifiedService { return &UnverifiedService{s: s} }

// stepAnalysisBody is the filter plus the run member.
type stepAnalysisBody struct {
	*Filter
	Run Run `json:"run"`
}

// TestStepAnalysis is Service.TestStepAnalysis over the given run of each
// unit (RunFirst, RunSecond, RunThird, RunLast or RunAll), sent as the
// body member "run". The filter schema has no such member; the server's
// own description of this route lists "run" (1, 2, 3, -1 last, -2 all,
// default 1) among the filter's defaults, which is the evidence it is
// read.
//
// WATS API: POST /api/App/TestStepAnalysis
func (u *UnverifiedService) TestStepAnalysis(ctx context.Context, f *Filter, run Run) ([]StepAnalysisRow, error) {
	const op = "analytics.Unverified.TestStepAnalysis"
	v := &errs.ValidationError{Op: op}
	requirePartAndOperation(v, f)
	wire := f.prepared(v)
	if !run.valid() {
		v.Add("run", "oneof=1 2 3 -1 -2", "must be one of the Run constants, got "+strconv.Itoa(int(run)))
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out []StepAnalysisRow
	body := stepAnalysisBody{Filter: wire, Run: run}
	_, err := u.s.t.Do(ctx, postRequest(op, "/api/App/TestStepAnalysis", nil, body, &out))
	return out, err
}
