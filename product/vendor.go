package product

import (
	"context"
	"net/http"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// ListVendors returns every vendor.
//
// WATS API: GET /api/Product/Vendors
func (s *Service) ListVendors(ctx context.Context) ([]Vendor, error) {
	var out []Vendor
	_, err := s.t.Do(ctx, &transport.Request{Op: "product.ListVendors", Method: http.MethodGet, Route: "/api/Product/Vendors", Result: &out})
	return out, err
}

// SaveVendor creates a vendor (empty VendorID) or updates one and returns it.
//
// WATS API: PUT /api/Product/Vendors
func (s *Service) SaveVendor(ctx context.Context, vd Vendor) (*Vendor, error) {
	const op = "product.SaveVendor"
	if strings.TrimSpace(vd.Name) == "" {
		return nil, errs.Invalid(op, "name", "vendor name is empty")
	}
	var out Vendor
	if _, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/Product/Vendors", JSON: vd, Result: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteVendor deletes the vendor with the given id.
//
// WATS API: DELETE /api/Product/Vendors/{vendorId}
func (s *Service) DeleteVendor(ctx context.Context, vendorID string) error {
	const op = "product.DeleteVendor"
	if strings.TrimSpace(vendorID) == "" {
		return errs.Invalid(op, "vendorId", "vendor id is empty")
	}
	if vendorID == "." || vendorID == ".." {
		return errs.Invalid(op, "vendorId", "a dot segment cannot be addressed by path")
	}
	_, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodDelete, Route: "/api/Product/Vendors/{vendorId}",
		PathParams: map[string]string{"vendorId": vendorID},
	})
	return err
}
