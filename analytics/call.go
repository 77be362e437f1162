package analytics

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// query posts a prepared filter. Analytics POSTs only read, so they are
// marked idempotent and may be retried like GETs.
func query(ctx context.Context, t transport.Doer, op, route string, q url.Values, f *Filter, out any) error {
	_, err := t.Do(ctx, postRequest(op, route, q, f, out))
	return err
}

// postRequest is the read-only POST of body (a filter, or a filter with
// extra members).
func postRequest(op, route string, q url.Values, body, out any) *transport.Request {
	return &transport.Request{Op: op, Method: http.MethodPost, Route: route, Query: q, JSON: body, Result: out, Idempotent: transport.Bool(true)}
}

func get(ctx context.Context, t transport.Doer, op, route string, q url.Values, out any) error {
	_, err := t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: route, Query: q, Result: out})
	return err
}

// postFilter validates f and posts it.
func (s *Service) postFilter(ctx context.Context, op, route string, f *Filter, out any) error {
	v := &errs.ValidationError{Op: op}
	wire := f.prepared(v)
	if err := v.OrNil(); err != nil {
		return err
	}
	return query(ctx, s.t, op, route, nil, wire, out)
}

// RecentOptions are the parameters of the GET variants of the volume and
// yield lists; all are required by the server. They are ids, not the names
// the Filter takes.
type RecentOptions struct {
	// Days is how many days back to look.
	Days           int
	ProductGroupID string // product group id (query "productGroupId"), not the name
	LevelID        string // production level id (query "levelId"), not the name
}

func (o RecentOptions) values(v *errs.ValidationError) url.Values {
	if o.Days <= 0 {
		v.Add("days", "min=1", "must be at least 1")
	}
	if o.ProductGroupID == "" {
		v.Add("productGroupId", "required", "is required by the server (an id, not a name)")
	}
	if o.LevelID == "" {
		v.Add("levelId", "required", "is required by the server (an id, not a name)")
	}
	return url.Values{"days": {strconv.Itoa(o.Days)}, "productGroupId": {o.ProductGroupID}, "levelId": {o.LevelID}}
}

func (s *Service) recent(ctx context.Context, op, route string, o RecentOptions, out any) error {
	v := &errs.ValidationError{Op: op}
	q := o.values(v)
	if err := v.OrNil(); err != nil {
		return err
	}
	return get(ctx, s.t, op, route, q, out)
}
