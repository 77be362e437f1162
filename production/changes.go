package production

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/watsgo/sdk/internal/transport"
)

// Changes returns up to maxCount pending records of the unit-change feed:
// units whose parent, part number, revision or phase changed. The feed is a
// queue: acknowledge each record with AckChange once processed.
//
// WATS API: GET /api/Production/Units/Changes
func (s *Service) Changes(ctx context.Context, maxCount int) ([]UnitChange, error) {
	const op = "production.Changes"
	c := newChecker(op)
	c.positive("maxCount", maxCount)
	if err := c.err(); err != nil {
		return nil, err
	}
	var out []UnitChange
	err := s.call(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: "/api/Production/Units/Changes",
		Query: url.Values{"maxCount": {strconv.Itoa(maxCount)}}, Result: &out,
	})
	return out, err
}

// AckChange removes a processed record from the unit-change feed.
//
// WATS API: DELETE /api/Production/Units/Changes/{id}
func (s *Service) AckChange(ctx context.Context, id int) error {
	const op = "production.AckChange"
	c := newChecker(op)
	c.positive("id", id)
	if err := c.err(); err != nil {
		return err
	}
	return s.call(ctx, &transport.Request{
		Op: op, Method: http.MethodDelete, Route: "/api/Production/Units/Changes/{id}",
		PathParams: map[string]string{"id": strconv.Itoa(id)},
	})
}
