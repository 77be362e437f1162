package product

import (
	"context"
	"net/http"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// ListGroups returns every product group.
//
// WATS API: GET /api/Product/Groups
func (s *Service) ListGroups(ctx context.Context) ([]Group, error) {
	var out []Group
	_, err := s.t.Do(ctx, &transport.Request{Op: "product.ListGroups", Method: http.MethodGet, Route: "/api/Product/Groups", Result: &out})
	return out, err
}

// SaveGroup creates a group (ID 0) or renames one and returns it with its id.
//
// WATS API: PUT /api/Product/Group
func (s *Service) SaveGroup(ctx context.Context, g Group) (*Group, error) {
	const op = "product.SaveGroup"
	v := &errs.ValidationError{Op: op}
	if strings.TrimSpace(g.Name) == "" {
		v.Add("productGroupName", "required", "group name is empty")
	}
	if g.ID < 0 {
		v.Add("productGroupId", "min=0", "group id is negative")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out Group
	if _, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/Product/Group", JSON: g, Result: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}
