package product

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// Group is a product group: a named selection of part numbers (and
// revisions) that reports, dashboards and user restrictions refer to.
type Group struct {
	// ID is assigned by the server.
	ID int `json:"id"`
	// Name is the group name, the key GroupFilter and ListGroupsByProduct use.
	Name string `json:"name"`
	// Owner is the user who owns a private group.
	Owner string `json:"owner,omitempty"`
	// Description describes the group.
	Description string `json:"description,omitempty"`
	// Type is the server's selection type code.
	Type int `json:"type"`
	// SyncID identifies the group across synchronised servers.
	SyncID string `json:"syncId,omitempty"`
	// Filters are the group's part-number rules; filled where the server
	// includes them.
	Filters []GroupFilter `json:"details,omitempty"`
}

// GroupFilter is one rule of a product group: a part number (with an
// optional revision) that the group includes, or excludes when Exclude is
// set.
type GroupFilter struct {
	// ID is assigned by the server.
	ID int `json:"id,omitempty"`
	// GroupID is the owning group's id.
	GroupID int `json:"productSelectionId,omitempty"`
	// PartNumber is the part number the rule matches (required).
	PartNumber string `json:"partNumber"`
	// Revision narrows the rule to one revision; empty matches every revision.
	Revision string `json:"revision,omitempty"`
	// Exclude makes the rule remove the product from the group.
	Exclude bool `json:"exclude"`
	// Order is the rule's position in the group.
	Order int `json:"orderNo,omitempty"`
}

// ListGroupsByProduct returns the product groups a part number (and
// revision, when given) belongs to. The server's document gives the answer
// no shape; it is read as a list of groups.
//
// WATS API: GET /api/Product/ProductGroupsByProduct
func (s *Service) ListGroupsByProduct(ctx context.Context, partNumber, revision string) ([]Group, error) {
	const op = "product.ListGroupsByProduct"
	v := &errs.ValidationError{Op: op}
	checkPartNumber(v, "partNumber", partNumber, false)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	q := url.Values{"partNumber": {partNumber}}
	if revision != "" {
		q.Set("revision", revision)
	}
	var out []Group
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/Product/ProductGroupsByProduct", Query: q, Result: &out})
	return out, err
}

// AddGroupFilter adds a rule to the product group named group: the part
// number (and revision, when set) is included in the group, or excluded from
// it when f.Exclude is set. It is a POST and never retried automatically.
//
// WATS API: POST /api/Product/ProductGroupFilter
func (s *Service) AddGroupFilter(ctx context.Context, group string, f *GroupFilter) error {
	const op = "product.AddGroupFilter"
	v := &errs.ValidationError{Op: op}
	if strings.TrimSpace(group) == "" {
		v.Add("productGroup", "required", "group name is empty")
	}
	if f == nil {
		v.Add("partNumber", "required", "no filter given")
	} else {
		checkPartNumber(v, "partNumber", f.PartNumber, false)
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	q := url.Values{"productGroup": {group}, "partNumber": {f.PartNumber}, "exclude": {strconv.FormatBool(f.Exclude)}}
	if f.Revision != "" {
		q.Set("revision", f.Revision)
	}
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: "/api/Product/ProductGroupFilter", Query: q})
	return err
}
