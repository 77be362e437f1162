// Package asset is the WATS asset domain: assets (fixtures, instruments), their types, counts, calibration, maintenance and logs.
//
// Get a *Service from wats.Client; the package never talks HTTP itself.
package asset

import "github.com/watsgo/sdk/internal/transport"

// Service calls the asset endpoints. Get one from wats.Client.
type Service struct {
	t transport.Doer
}

// NewService wires a Service to the shared transport. wats.New calls it;
// users take the Service from the client instead.
func NewService(t transport.Doer) *Service { return &Service{t: t} }
