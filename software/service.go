// Package software is the WATS software domain: software packages: publishing, status transitions, files and the download-and-install helper.
//
// Get a *Service from wats.Client; the package never talks HTTP itself.
package software

import "github.com/watsgo/sdk/internal/transport"

// Service calls the software endpoints. Get one from wats.Client.
type Service struct {
	t transport.Doer
}

// NewService wires a Service to the shared transport. wats.New calls it;
// users take the Service from the client instead.
func NewService(t transport.Doer) *Service { return &Service{t: t} }
