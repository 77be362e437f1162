package production

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/internal/transport"
)

// BarcodeIdentifier is one rule for reading a scanned barcode: Pattern is a
// regular expression the code must match, and the other text members say
// which part of the match is the serial number, part number, revision,
// batch number and process. Identify answers with the same model, its text
// members then holding the values read from the code.
type BarcodeIdentifier struct {
	// ID is assigned by the server; 0 creates a new identifier on Save.
	ID int `json:"id"`
	// Pattern is the regular expression a code must match (required on Save).
	Pattern string `json:"pattern"`
	// SerialNumber is the rule for (or, from Identify, the value of) the
	// unit's serial number.
	SerialNumber string `json:"serialNumber,omitempty"`
	// PartNumber is the rule for (or value of) the product part number.
	PartNumber string `json:"partNumber,omitempty"`
	// Revision is the rule for (or value of) the product revision.
	Revision string `json:"revision,omitempty"`
	// BatchNumber is the rule for (or value of) the production batch.
	BatchNumber string `json:"batchNumber,omitempty"`
	// Process is the rule for (or value of) the process to run.
	Process string `json:"process,omitempty"`
	// Order ranks identifiers: the server tries them in ascending order.
	Order int `json:"order"`
	// Description describes the identifier.
	Description string `json:"description,omitempty"`
}

// BarcodeService reads scanned barcodes with the server's barcode
// identifiers and manages those identifiers. Get it from
// [Service.Barcodes].
type BarcodeService struct {
	s *Service
}

// Barcodes returns the barcode-identifier calls, the station feature that
// turns one scanned code into serial number, part number, revision, batch
// and process.
func (s *Service) Barcodes() *BarcodeService { return &BarcodeService{s: s} }

// Identify reads a scanned code with the first matching identifier and
// returns what it found. A code no identifier matches yields an error
// matching wats.ErrNotFound.
//
// WATS API: GET /api/BarcodeIdentifiers/IdentifyBarcode
func (b *BarcodeService) Identify(ctx context.Context, code string) (*BarcodeIdentifier, error) {
	const op = "production.Barcodes.Identify"
	const route = "/api/BarcodeIdentifiers/IdentifyBarcode"
	c := newChecker(op)
	c.required("code", code)
	if err := c.err(); err != nil {
		return nil, err
	}
	var out *BarcodeIdentifier
	if err := b.s.call(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: route, Query: url.Values{"code": {code}}, Result: &out}); err != nil {
		return nil, err
	}
	if out == nil {
		return nil, notFound(op, route, "barcode "+strconv.Quote(code))
	}
	return out, nil
}

// List returns every barcode identifier.
//
// WATS API: GET /api/BarcodeIdentifiers/BarcodeIdentifiers
func (b *BarcodeService) List(ctx context.Context) ([]BarcodeIdentifier, error) {
	var out []BarcodeIdentifier
	err := b.s.call(ctx, &transport.Request{Op: "production.Barcodes.List", Method: http.MethodGet, Route: "/api/BarcodeIdentifiers/BarcodeIdentifiers", Result: &out})
	return out, err
}

// Save creates an identifier (ID 0) or replaces the one with its ID and
// returns the server's copy. The pattern is compiled first, so a pattern
// that is not a regular expression is refused before any network call
// (the server's own regular-expression syntax is .NET's; Go's covers the
// common part).
//
// WATS API: PUT /api/BarcodeIdentifiers/BarcodeIdentifier
func (b *BarcodeService) Save(ctx context.Context, id *BarcodeIdentifier) (*BarcodeIdentifier, error) {
	const op = "production.Barcodes.Save"
	c := newChecker(op)
	if id == nil {
		c.v.Add("barcodeIdentifier", "required", "must be given")
		return nil, c.err()
	}
	c.required("pattern", id.Pattern)
	if strings.TrimSpace(id.Pattern) != "" {
		if _, err := regexp.Compile(dotnetNamedGroups(id.Pattern)); err != nil {
			c.v.Add("pattern", "regexp", "is not a regular expression: "+err.Error())
		}
	}
	if id.ID < 0 {
		c.v.Add("id", "gte=0", "must not be negative")
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	var out BarcodeIdentifier
	if err := b.s.call(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/BarcodeIdentifiers/BarcodeIdentifier", JSON: id, Result: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// Delete removes the identifier with the given id.
//
// WATS API: DELETE /api/BarcodeIdentifiers/BarcodeIdentifier/{id}
func (b *BarcodeService) Delete(ctx context.Context, id int) error {
	const op = "production.Barcodes.Delete"
	c := newChecker(op)
	c.positive("id", id)
	if err := c.err(); err != nil {
		return err
	}
	return b.s.call(ctx, &transport.Request{Op: op, Method: http.MethodDelete, Route: "/api/BarcodeIdentifiers/BarcodeIdentifier/{id}",
		PathParams: map[string]string{"id": strconv.Itoa(id)}})
}

// dotnetNamedGroups rewrites .NET's (?<name>...) groups to Go's (?P<name>...)
// so a server pattern can be checked locally.
func dotnetNamedGroups(p string) string {
	return strings.ReplaceAll(p, "(?<", "(?P<")
}
