package production

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"github.com/watsgo/sdk/internal/transport"
)

// WorkflowService starts and ends tests of units in the server's production
// workflow, the check a test station makes before and after testing a unit.
// Get it from [Service.Workflow].
type WorkflowService struct {
	s *Service
}

// Workflow returns the test-workflow calls.
func (s *Service) Workflow() *WorkflowService { return &WorkflowService{s: s} }

// TestOptions are the optional parameters of StartTest and EndTest.
type TestOptions struct {
	// OperatorName is the operator running the test (operatorName).
	OperatorName string
	// StationName is the test station (stationName).
	StationName string
	// Status, when non-nil, is the workflow status code sent as status;
	// the server's document does not name its values.
	Status *int
}

func (o *TestOptions) apply(c *checker, q url.Values) {
	if o == nil {
		return
	}
	c.text("operatorName", o.OperatorName)
	c.text("stationName", o.StationName)
	setIf(q, "operatorName", o.OperatorName)
	setIf(q, "stationName", o.StationName)
	if o.Status != nil {
		if *o.Status < 0 {
			c.v.Add("status", "gte=0", "must not be negative")
		}
		q.Set("status", strconv.Itoa(*o.Status))
	}
}

func unitKeys(c *checker, sn, pn string) url.Values {
	c.required("serialNumber", sn)
	c.required("partNumber", pn)
	return url.Values{"serialNumber": {sn}, "partNumber": {pn}}
}

// StartTest tells the workflow that a unit's test begins; the server may
// refuse a unit its workflow does not allow here. The server's document
// gives the answer no shape, so it is returned raw. It changes state, so it
// is never retried although the route is a GET.
//
// WATS API: GET /api/Workflow/StartTest
func (w *WorkflowService) StartTest(ctx context.Context, serialNumber, partNumber string, opts *TestOptions) (json.RawMessage, error) {
	const op = "production.Workflow.StartTest"
	c := newChecker(op)
	q := unitKeys(c, serialNumber, partNumber)
	opts.apply(c, q)
	if err := c.err(); err != nil {
		return nil, err
	}
	var out json.RawMessage
	err := w.s.call(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/Workflow/StartTest", Query: q, Result: &out, Idempotent: notIdempotent})
	return out, err
}

// EndTest tells the workflow that a unit's test ended, passed or not. The
// answer is returned raw, as for StartTest, and the call is never retried.
//
// WATS API: GET /api/Workflow/EndTest
func (w *WorkflowService) EndTest(ctx context.Context, serialNumber, partNumber string, passed bool, opts *TestOptions) (json.RawMessage, error) {
	const op = "production.Workflow.EndTest"
	c := newChecker(op)
	q := unitKeys(c, serialNumber, partNumber)
	q.Set("passed", strconv.FormatBool(passed))
	opts.apply(c, q)
	if err := c.err(); err != nil {
		return nil, err
	}
	var out json.RawMessage
	err := w.s.call(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/Workflow/EndTest", Query: q, Result: &out, Idempotent: notIdempotent})
	return out, err
}
