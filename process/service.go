// Package process is the WATS process domain: processes (operation types): test, repair and WIP operations, with a reference-data cache.
//
// Get a *Service from wats.Client; the package never talks HTTP itself.
package process

import "github.com/watsgo/sdk/internal/transport"

// Service calls the process endpoints. Get one from wats.Client.
type Service struct {
	t transport.Doer
}

// NewService wires a Service to the shared transport. wats.New calls it;
// users take the Service from the client instead.
func NewService(t transport.Doer) *Service { return &Service{t: t} }
