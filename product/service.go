// Package product is the WATS product domain: products, revisions, groups, vendors, BOMs and box-build templates.
//
// Get a *Service from wats.Client; the package never talks HTTP itself.
package product

import "github.com/watsgo/sdk/internal/transport"

// Service calls the product endpoints. Get one from wats.Client.
type Service struct {
	t transport.Doer
}

// NewService wires a Service to the shared transport. wats.New calls it;
// users take the Service from the client instead.
func NewService(t transport.Doer) *Service { return &Service{t: t} }
