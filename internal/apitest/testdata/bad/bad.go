// Package bad breaks the endpoint documentation rule in every way.
package bad

// Service is a domain service.
type Service struct{}

// Internal is the internal sub-service.
type Internal struct{}

// Get names no endpoint.
func (s *Service) Get() {}

// Post uses the wrong form.
//
// WATS API: FETCH /api/Thing
func (s *Service) Post() {}

// Blob names a public route on the internal service.
//
// WATS API: POST /api/Blob
func (i *Internal) Blob() {}

// Both is marked but still names an endpoint.
//
// No I/O.
//
// WATS API: GET /api/Thing
func (s *Service) Both() {}
