// Package rootcause is the WATS root-cause domain: tickets (issues) with an
// append-only history of updates, and the attachments those updates carry.
//
// Get a *Service from wats.Client; the package never talks HTTP itself.
//
// # The assignee trap
//
// The server never returns a ticket's assignee, yet it refuses any status
// other than "new" on a ticket without one ("Unassigned tickets must have
// status new"). A naive get-modify-update round trip therefore fails. Every
// helper here that changes an existing ticket (Comment, SetStatus, Assign)
// takes the assignee explicitly, and Update refuses, before sending, a
// non-new status without an assignee.
package rootcause

import (
	"github.com/watsgo/sdk/internal/transport"
)

// Service calls the root-cause endpoints. Get one from wats.Client.
type Service struct {
	t transport.Doer
}

// NewService wires a Service to the shared transport. wats.New calls it;
// users take the Service from the client instead.
func NewService(t transport.Doer) *Service { return &Service{t: t} }

// Internal returns the calls on the server's internal, unstable
// /api/internal/RootCause routes. They may change with any server release.
func (s *Service) Internal() *Internal { return &Internal{t: s.t} }
