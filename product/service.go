// Package product is the WATS product domain: products, revisions, groups, vendors, BOMs and box-build templates.
//
// Get a *Service from wats.Client; the package never talks HTTP itself.
// Public endpoints are methods of Service; the server's internal, unstable
// routes (BOM as JSON, box-build relations, categories) are
// methods of the sub-service returned by Service.Internal.
package product

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// Service calls the product endpoints. Get one from wats.Client.
type Service struct {
	t transport.Doer
}

// NewService wires a Service to the shared transport. wats.New calls it;
// users take the Service from the client instead.
func NewService(t transport.Doer) *Service { return &Service{t: t} }

// Internal returns the sub-service for the server's internal product routes.
func (s *Service) Internal() *Internal { return &Internal{t: s.t} }

// pathSiblings are literal GET routes next to /api/Product/{partNumber}; a
// part number equal to one of them would be routed to that endpoint instead.
var pathSiblings = []string{"Query", "Vendors", "ProductGroupsByProduct"}

// checkPartNumber validates a part number that goes into a path or query.
func checkPartNumber(v *errs.ValidationError, path, pn string, inPath bool) {
	if strings.TrimSpace(pn) == "" {
		v.Add(path, "required", "part number is empty")
		return
	}
	if inPath {
		if pn == "." || pn == ".." {
			v.Add(path, "route", fmt.Sprintf("part number %q is a dot segment that HTTP servers resolve away; it cannot be addressed by path", pn))
		}
		for _, s := range pathSiblings {
			if strings.EqualFold(pn, s) {
				v.Add(path, "route", fmt.Sprintf("part number %q collides with the route /api/Product/%s and cannot be addressed by path", pn, s))
			}
		}
	}
}

// notFound is returned when the server answers 2xx with an empty body for an
// unknown part number (treated like a 404).
func notFound(op, what string) error {
	return fmt.Errorf("%s: %s: %w", op, what, errs.ErrNotFound)
}

// List returns every product in the lightweight list view (no revisions).
//
// WATS API: GET /api/Product/Query
func (s *Service) List(ctx context.Context) ([]Product, error) {
	var out []Product
	_, err := s.t.Do(ctx, &transport.Request{Op: "product.List", Method: http.MethodGet, Route: "/api/Product/Query", Result: &out})
	return out, err
}

// Get returns the full product with its revisions and tags; an unknown part
// number matches ErrNotFound.
//
// WATS API: GET /api/Product/{partNumber}
func (s *Service) Get(ctx context.Context, partNumber string) (*Product, error) {
	const op = "product.Get"
	v := &errs.ValidationError{Op: op}
	checkPartNumber(v, "partNumber", partNumber, true)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out *Product
	_, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: "/api/Product/{partNumber}",
		PathParams: map[string]string{"partNumber": partNumber}, Result: &out,
	})
	if err != nil {
		return nil, err
	}
	if out == nil || out.PartNumber == "" {
		return nil, notFound(op, fmt.Sprintf("product %q", partNumber))
	}
	return out, nil
}

func validateProduct(v *errs.ValidationError, prefix string, p *Product) {
	checkPartNumber(v, prefix+"partNumber", p.PartNumber, false)
	if !p.State.valid() {
		v.Add(prefix+"state", "oneof=0 1", fmt.Sprintf("state %d is not a product state", *p.State))
	}
	for i := range p.Revisions {
		r := &p.Revisions[i]
		rp := fmt.Sprintf("%srevisions[%d].", prefix, i)
		if strings.TrimSpace(r.Revision) == "" {
			v.Add(rp+"revision", "required", "revision is empty")
		}
		if r.PartNumber != "" && r.PartNumber != p.PartNumber {
			v.Add(rp+"partNumber", "eqfield=partNumber", fmt.Sprintf("revision names part number %q inside product %q", r.PartNumber, p.PartNumber))
		}
	}
}

// Save creates or updates a product, keyed by part number, and returns the
// saved product.
//
// WATS API: PUT /api/Product
func (s *Service) Save(ctx context.Context, p Product) (*Product, error) {
	const op = "product.Save"
	v := &errs.ValidationError{Op: op}
	validateProduct(v, "", &p)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out Product
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/Product", JSON: productWire(p), Result: &out})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// productWire is the body of a product save: the members of the server's
// product model only. Revisions is always present (an empty list keeps the
// stored revisions); Category, the list view's member, and the read-only
// Tags are not sent.
func productWire(p Product) any {
	type wire Product
	p.Category, p.Tags = "", nil
	revs := make([]Revision, len(p.Revisions))
	for i, r := range p.Revisions {
		r.Tags = nil
		revs[i] = r
	}
	return struct {
		wire
		Revisions []Revision `json:"revisions"`
	}{wire(p), revs}
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// SaveAll creates or updates several products in one call. The server's
// document gives the answer no shape: when it is a list of products that
// list is returned, otherwise the result is nil.
//
// WATS API: PUT /api/Products
func (s *Service) SaveAll(ctx context.Context, products []Product) ([]Product, error) {
	const op = "product.SaveAll"
	v := &errs.ValidationError{Op: op}
	if len(products) == 0 {
		v.Add("products", "min=1", "no products given")
	}
	wire := make([]any, len(products))
	for i := range products {
		validateProduct(v, fmt.Sprintf("[%d].", i), &products[i])
		wire[i] = productWire(products[i])
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var raw json.RawMessage
	if _, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/Products", JSON: wire, Result: &raw}); err != nil {
		return nil, err
	}
	return decodeList[Product](op, raw)
}

// decodeList reads an answer the server's document leaves untyped: a JSON
// array decodes into []T, anything else (empty, null, true, an object) is a
// success without detail.
func decodeList[T any](op string, raw json.RawMessage) ([]T, error) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || t[0] != '[' {
		return nil, nil
	}
	var out []T
	if err := json.Unmarshal(t, &out); err != nil {
		return nil, fmt.Errorf("%s: decode response: %w", op, err)
	}
	return out, nil
}
