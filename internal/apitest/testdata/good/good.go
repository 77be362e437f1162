// Package good follows the endpoint documentation rule.
package good

// Service is a domain service.
type Service struct{}

// Internal is the internal sub-service.
type Internal struct{}

// UnverifiedService is a sub-service named with the Service suffix.
type UnverifiedService struct{}

// Get fetches a thing.
//
// WATS API: GET /api/Thing/{id}
func (s *Service) Get() {}

// Sync calls two endpoints.
//
// WATS API: GET /api/Thing
// WATS API: PUT /api/Thing
func (s *Service) Sync() {}

// Internal is an accessor and is skipped.
func (s *Service) Internal() *Internal { return nil }

// Unverified is an accessor and is skipped.
func (s *Service) Unverified() UnverifiedService { return UnverifiedService{} }

// Build assembles a value on the client.
//
// No I/O.
func (s *Service) Build() {}

// Blob uploads a blob.
//
// WATS API: POST /api/internal/Blob
func (i *Internal) Blob() {}

// Check checks.
//
// WATS API: POST /api/Thing/Check
func (u UnverifiedService) Check() {}

// helper is unexported and skipped.
func (s *Service) helper() {}

// Other is not a service type.
type Other struct{}

// Do is not checked.
func (Other) Do() {}
