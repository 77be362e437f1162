package rootcause

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// Internal calls the server's internal, unstable /api/internal/RootCause
// routes. They are not part of the public WATS API and may change or vanish
// with any server release; answers the server documents without a shape are
// returned as raw JSON.
type Internal struct {
	t transport.Doer
}

// Tags returns the ticket tags recorded for a test report.
//
// WATS API: GET /api/internal/RootCause/GetTags
func (in *Internal) Tags(ctx context.Context, reportUUID string) ([]Setting, error) {
	const op = "rootcause.Internal.Tags"
	v := &errs.ValidationError{Op: op}
	checkUUID(v, "uuid", reportUUID)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out []Setting
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/internal/RootCause/GetTags", Query: url.Values{"uuid": {reportUUID}}, Result: &out})
	return out, err
}

// SendReminderEmail asks the server to mail a reminder about a ticket. It is
// a GET with a side effect, so it is never retried.
//
// WATS API: GET /api/internal/RootCause/SendReminderEmail
func (in *Internal) SendReminderEmail(ctx context.Context, ticketID string) (json.RawMessage, error) {
	const op = "rootcause.Internal.SendReminderEmail"
	v := &errs.ValidationError{Op: op}
	checkUUID(v, "ticketId", ticketID)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out json.RawMessage
	_, err := in.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: "/api/internal/RootCause/SendReminderEmail",
		Query: url.Values{"ticketId": {ticketID}}, Result: &out, Idempotent: transport.Bool(false),
	})
	return out, err
}

// TicketCounts returns the tickets the web frontend counts for its view
// badges (the caller's assigned and followed tickets); the server answers
// them as a ticket list, and counting by status is left to the caller.
//
// WATS API: GET /api/internal/RootCause/TicketCounts
func (in *Internal) TicketCounts(ctx context.Context) ([]Ticket, error) {
	const op = "rootcause.Internal.TicketCounts"
	var out []Ticket
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/internal/RootCause/TicketCounts", Result: &out})
	return out, err
}

// DeleteTickets deletes tickets for good; only their creator or a user with
// delete permission may do so.
//
// WATS API: DELETE /api/internal/RootCause/Tickets
func (in *Internal) DeleteTickets(ctx context.Context, ticketIDs ...string) error {
	const op = "rootcause.Internal.DeleteTickets"
	v := &errs.ValidationError{Op: op}
	if len(ticketIDs) == 0 {
		v.Add("ticketIds", "min=1", "at least one ticket id is required")
	}
	for i, id := range ticketIDs {
		checkUUID(v, "ticketIds["+strconv.Itoa(i)+"]", id)
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodDelete, Route: "/api/internal/RootCause/Tickets", JSON: ticketIDs})
	return err
}
