// Package production is the WATS production domain: production units, phases, assembly, verification, batches and serial numbers.
//
// Get a *Service from wats.Client; the package never talks HTTP itself.
package production

import "github.com/watsgo/sdk/internal/transport"

// Service calls the production endpoints. Get one from wats.Client.
type Service struct {
	t transport.Doer
}

// NewService wires a Service to the shared transport. wats.New calls it;
// users take the Service from the client instead.
func NewService(t transport.Doer) *Service { return &Service{t: t} }
