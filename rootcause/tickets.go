package rootcause

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// ListOptions selects tickets for List.
type ListOptions struct {
	// Status is the set of statuses to match (required), e.g.
	// StatusOpen|StatusInProgress or StatusActive.
	Status Status
	// View selects whose tickets are listed (default ViewAssigned).
	View View
	// Search matches subject, tag names and tag values ("" for no search).
	Search string
}

// Get returns one ticket with its history (without assignee; see the package doc).
//
// WATS API: GET /api/RootCause/Ticket
func (s *Service) Get(ctx context.Context, ticketID string) (*Ticket, error) {
	const op = "rootcause.Get"
	v := &errs.ValidationError{Op: op}
	checkUUID(v, "ticketId", ticketID)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out Ticket
	_, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: "/api/RootCause/Ticket",
		Query: url.Values{"ticketId": {ticketID}}, Result: &out,
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// List returns every ticket matching the status flags, view and search; the
// server does not page.
//
// WATS API: GET /api/RootCause/Tickets
func (s *Service) List(ctx context.Context, opts ListOptions) ([]Ticket, error) {
	const op = "rootcause.List"
	v := &errs.ValidationError{Op: op}
	if opts.Status <= 0 || opts.Status&^StatusAny != 0 {
		v.Add("status", "flags", "must be a non-empty combination of the Status flags (1..63), got "+strconv.Itoa(int(opts.Status)))
	}
	if opts.View < ViewAssigned || opts.View > ViewAll {
		v.Add("view", "oneof=0 1 2", "must be ViewAssigned, ViewFollowing or ViewAll, got "+strconv.Itoa(int(opts.View)))
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	q := url.Values{"status": {strconv.Itoa(int(opts.Status))}, "view": {strconv.Itoa(int(opts.View))}}
	if opts.Search != "" {
		q.Set("searchString", opts.Search)
	}
	var out []Ticket
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/RootCause/Tickets", Query: q, Result: &out})
	return out, err
}

// Create opens a ticket; set t.Update.Content to seed the history with a
// first comment. It returns the ticket as created (with id and number).
//
// WATS API: POST /api/RootCause/Ticket
func (s *Service) Create(ctx context.Context, t *Ticket) (*Ticket, error) {
	const op = "rootcause.Create"
	v := &errs.ValidationError{Op: op}
	if t == nil {
		return nil, errs.Invalid(op, "ticket", "is nil")
	}
	if strings.TrimSpace(t.Subject) == "" {
		v.Add("subject", "required", "is required")
	}
	if t.TicketID != "" {
		v.Add("ticketId", "excluded", "is assigned by the server; leave it empty on create")
	}
	checkTicketFields(v, t)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out Ticket
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: "/api/RootCause/Ticket", JSON: t, Result: &out})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Update replaces the editable properties of a ticket (send the whole
// ticket). A status other than new needs Assignee, because the server
// refuses unassigned tickets that are not new and never tells you the
// current assignee.
//
// WATS API: PUT /api/RootCause/Ticket
func (s *Service) Update(ctx context.Context, t *Ticket) (*Ticket, error) {
	const op = "rootcause.Update"
	if t == nil {
		return nil, errs.Invalid(op, "ticket", "is nil")
	}
	v := &errs.ValidationError{Op: op}
	checkUUID(v, "ticketId", t.TicketID)
	if !t.Status.IsNew() && t.Assignee == "" {
		v.Add("assignee", "required_unless=status 1", "is required when status is not new: the server refuses unassigned tickets that are not new, and never returns the current assignee, so pass it explicitly")
	}
	checkTicketFields(v, t)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out Ticket
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/RootCause/Ticket", JSON: t, Result: &out})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

func checkTicketFields(v *errs.ValidationError, t *Ticket) {
	if t.Status < 0 || t.Status&^StatusAny != 0 || (t.Status != 0 && t.Status&(t.Status-1) != 0) {
		v.Add("status", "oneof=1 2 4 8 16 32", "a ticket holds exactly one Status, got "+strconv.Itoa(int(t.Status)))
	}
	if t.Priority < PriorityLow || t.Priority > PriorityHigh {
		v.Add("priority", "oneof=0 1 2", "must be PriorityLow, PriorityMedium or PriorityHigh, got "+strconv.Itoa(int(t.Priority)))
	}
	if t.ReportUUID != "" && !uuidRE.MatchString(t.ReportUUID) {
		v.Add("reportUuid", "uuid", "must be a report GUID, got "+quote(t.ReportUUID))
	}
}

// modify loads a ticket, lets change edit it, and writes it back with the
// assignee the caller knows.
func (s *Service) modify(ctx context.Context, op, ticketID, assignee string, change func(*Ticket)) (*Ticket, error) {
	v := &errs.ValidationError{Op: op}
	checkUUID(v, "ticketId", ticketID)
	if strings.TrimSpace(assignee) == "" {
		v.Add("assignee", "required", "is required: the server never returns it and refuses unassigned tickets that are not new")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	t, err := s.Get(ctx, ticketID)
	if err != nil {
		return nil, err
	}
	t.Assignee = assignee
	t.Update = nil
	change(t)
	return s.Update(ctx, t)
}

// Comment appends a text comment to a ticket's history. assignee is the
// ticket's current (or new) assignee; see the package doc.
//
// WATS API: GET /api/RootCause/Ticket
// WATS API: PUT /api/RootCause/Ticket
func (s *Service) Comment(ctx context.Context, ticketID, assignee, text string) (*Ticket, error) {
	const op = "rootcause.Comment"
	if strings.TrimSpace(text) == "" {
		return nil, errs.Invalid(op, "update.content", "comment text is required")
	}
	return s.modify(ctx, op, ticketID, assignee, func(t *Ticket) { t.Update = &Update{Content: text} })
}

// SetStatus moves a ticket to status, keeping assignee as its assignee.
//
// WATS API: GET /api/RootCause/Ticket
// WATS API: PUT /api/RootCause/Ticket
func (s *Service) SetStatus(ctx context.Context, ticketID, assignee string, status Status) (*Ticket, error) {
	const op = "rootcause.SetStatus"
	if status <= 0 || status&^StatusAny != 0 || status&(status-1) != 0 {
		return nil, errs.Invalid(op, "status", "must be exactly one Status, got "+strconv.Itoa(int(status)))
	}
	return s.modify(ctx, op, ticketID, assignee, func(t *Ticket) { t.Status = status })
}

// Assign makes assignee the ticket's assignee.
//
// WATS API: GET /api/RootCause/Ticket
// WATS API: PUT /api/RootCause/Ticket
func (s *Service) Assign(ctx context.Context, ticketID, assignee string) (*Ticket, error) {
	return s.modify(ctx, "rootcause.Assign", ticketID, assignee, func(*Ticket) {})
}

// Archive archives tickets; the server only archives tickets in
// StatusSolved, and only for their owner or a ticket manager. The server
// answers with one ticket; Archive returns it as decoded, possibly empty. Like every POST it is not retried: a second
// attempt after a lost answer would be refused (the ticket is no longer
// Solved).
//
// WATS API: POST /api/RootCause/ArchiveTickets
func (s *Service) Archive(ctx context.Context, ticketIDs ...string) (*Ticket, error) {
	const op = "rootcause.Archive"
	v := &errs.ValidationError{Op: op}
	if len(ticketIDs) == 0 {
		v.Add("ticketIds", "min=1", "at least one ticket id is required")
	}
	for i, id := range ticketIDs {
		checkUUID(v, "ticketIds["+strconv.Itoa(i)+"]", id)
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out Ticket
	_, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodPost, Route: "/api/RootCause/ArchiveTickets",
		JSON: ticketIDs, Result: &out,
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
