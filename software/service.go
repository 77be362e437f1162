// Package software is the WATS software-distribution domain: packages (a
// name plus an integer version holding files and folders), their status
// workflow Draft → Pending → Released → Revoked, files, zip upload, file
// attributes, virtual folders, and Download, which installs a released
// package into a directory with progress, checksum verification, atomic
// placement and resume.
//
// Get a *Service from wats.Client; the package never talks HTTP itself.
//
// Public routes take the status as a name (StatusDraft, ...); the internal
// routes, reached through Service.Internal, take it as an integer and
// answer with the PascalCase InternalPackage model.
package software

import "github.com/watsgo/sdk/internal/transport"

// Service calls the software endpoints. Get one from wats.Client.
type Service struct {
	t transport.Doer
}

// NewService wires a Service to the shared transport. wats.New calls it;
// users take the Service from the client instead.
func NewService(t transport.Doer) *Service { return &Service{t: t} }

// Internal returns the calls on the server's internal, unstable
// /api/internal/Software routes. They may change with any server release.
func (s *Service) Internal() *Internal { return &Internal{t: s.t} }
