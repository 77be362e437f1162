package product

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// ListVendors returns every vendor. The server's document gives the answer
// no shape; it is read as a list of [Vendor].
//
// WATS API: GET /api/Product/Vendors
func (s *Service) ListVendors(ctx context.Context) ([]Vendor, error) {
	var out []Vendor
	_, err := s.t.Do(ctx, &transport.Request{Op: "product.ListVendors", Method: http.MethodGet, Route: "/api/Product/Vendors", Result: &out})
	return out, err
}

func checkVendors(op string, vendors []Vendor) error {
	v := &errs.ValidationError{Op: op}
	if len(vendors) == 0 {
		v.Add("vendors", "min=1", "no vendors given")
	}
	for i, vd := range vendors {
		if strings.TrimSpace(vd.Name) == "" {
			v.Add(fmt.Sprintf("vendors[%d].VendorName", i), "required", "vendor name is empty")
		}
	}
	return v.OrNil()
}

// SaveVendors adds the vendors not yet known to the server; vendors are
// keyed by name.
//
// WATS API: PUT /api/Product/Vendors
func (s *Service) SaveVendors(ctx context.Context, vendors []Vendor) error {
	const op = "product.SaveVendors"
	if err := checkVendors(op, vendors); err != nil {
		return err
	}
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/Product/Vendors", JSON: vendors})
	return err
}

// DeleteVendors removes the named vendors. The names travel as a JSON body
// on the DELETE, as the server's document declares.
//
// WATS API: DELETE /api/Product/Vendors
func (s *Service) DeleteVendors(ctx context.Context, vendors []Vendor) error {
	const op = "product.DeleteVendors"
	if err := checkVendors(op, vendors); err != nil {
		return err
	}
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodDelete, Route: "/api/Product/Vendors", JSON: vendors})
	return err
}
