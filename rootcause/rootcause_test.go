package rootcause_test

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/rootcause"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

const missingID = "00000000-0000-4000-8000-000000000000"

func TestCreateGetList(t *testing.T) {
	c, _ := apitest.Setup(t)
	rc := c.RootCause
	ctx := context.Background()
	created, err := rc.Create(ctx, &rootcause.Ticket{
		Subject: "ICT fixture 3 false fails", Priority: rootcause.PriorityHigh,
		Tags:   []rootcause.Setting{{Key: "Line", Value: "L3"}},
		Update: &rootcause.Update{Content: "seen on night shift"},
	})
	require.NoError(t, err)
	require.NotEmpty(t, created.TicketID)
	assert.NotZero(t, created.TicketNumber)
	assert.Equal(t, rootcause.PriorityHigh, created.Priority)
	assert.Equal(t, "watstest", created.Owner)
	require.NotNil(t, created.CreatedUTC)

	got, err := rc.Get(ctx, created.TicketID)
	require.NoError(t, err)
	assert.Equal(t, created.TicketNumber, got.TicketNumber)
	require.Len(t, got.History, 1)
	assert.Equal(t, "seen on night shift", got.History[0].Content)
	assert.Empty(t, got.Assignee, "the server never returns the assignee")

	tests := []struct {
		name string
		opts rootcause.ListOptions
		want int
	}{
		{"all open", rootcause.ListOptions{Status: rootcause.StatusOpen, View: rootcause.ViewAll}, 1},
		{"following (owner)", rootcause.ListOptions{Status: rootcause.StatusActive, View: rootcause.ViewFollowing}, 1},
		{"assigned to me", rootcause.ListOptions{Status: rootcause.StatusActive, View: rootcause.ViewAssigned}, 0},
		{"solved only", rootcause.ListOptions{Status: rootcause.StatusSolved, View: rootcause.ViewAll}, 0},
		{"search by tag value", rootcause.ListOptions{Status: rootcause.StatusAny, View: rootcause.ViewAll, Search: "l3"}, 1},
		{"search miss", rootcause.ListOptions{Status: rootcause.StatusAny, View: rootcause.ViewAll, Search: "nothing"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			list, err := rc.List(ctx, tc.opts)
			require.NoError(t, err)
			assert.Len(t, list, tc.want)
		})
	}
}

func TestValidationSendsNothing(t *testing.T) {
	c, srv := apitest.Setup(t)
	rc := c.RootCause
	ctx := context.Background()
	tests := []struct {
		name  string
		call  func() error
		field string
	}{
		{"get empty id", func() error { _, err := rc.Get(ctx, ""); return err }, "ticketId"},
		{"get bad id", func() error { _, err := rc.Get(ctx, "42"); return err }, "ticketId"},
		{"list no status", func() error { _, err := rc.List(ctx, rootcause.ListOptions{}); return err }, "status"},
		{"list bad view", func() error {
			_, err := rc.List(ctx, rootcause.ListOptions{Status: 1, View: 7})
			return err
		}, "view"},
		{"create no subject", func() error { _, err := rc.Create(ctx, &rootcause.Ticket{}); return err }, "subject"},
		{"create two statuses", func() error {
			_, err := rc.Create(ctx, &rootcause.Ticket{Subject: "x", Status: 3})
			return err
		}, "status"},
		{"update unassigned in progress", func() error {
			_, err := rc.Update(ctx, &rootcause.Ticket{TicketID: missingID, Subject: "x", Status: rootcause.StatusInProgress})
			return err
		}, "assignee"},
		{"comment without assignee", func() error { _, err := rc.Comment(ctx, missingID, "", "hi"); return err }, "assignee"},
		{"set status to flags", func() error {
			_, err := rc.SetStatus(ctx, missingID, "bob", rootcause.StatusActive)
			return err
		}, "status"},
		{"archive nothing", func() error { _, err := rc.Archive(ctx); return err }, "ticketIds"},
		{"upload path", func() error {
			_, err := rc.UploadAttachment(ctx, "../etc/passwd", strings.NewReader("x"))
			return err
		}, "fileName"},
		{"download bad id", func() error { _, err := rc.DownloadAttachment(ctx, "x", "", &bytes.Buffer{}); return err }, "attachmentId"},
		{"internal tags bad uuid", func() error { _, err := rc.Internal().Tags(ctx, "nope"); return err }, "uuid"},
		{"internal delete none", func() error { return rc.Internal().DeleteTickets(ctx) }, "ticketIds"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			require.ErrorIs(t, err, wats.ErrValidation)
			var ve *wats.ValidationError
			require.ErrorAs(t, err, &ve)
			require.NotEmpty(t, ve.Fields)
			assert.Equal(t, tc.field, ve.Fields[0].Path)
		})
	}
	assert.Empty(t, srv.Requests(), "validation must happen before any request")
}

func TestServerErrors(t *testing.T) {
	c, _ := apitest.Setup(t)
	rc := c.RootCause
	ctx := context.Background()
	_, err := rc.Get(ctx, missingID)
	assert.ErrorIs(t, err, wats.ErrNotFound)

	tk, err := rc.Create(ctx, &rootcause.Ticket{Subject: "s"})
	require.NoError(t, err)
	// The naive round trip the package doc warns about: the server refuses it.
	tk.Status = rootcause.StatusInProgress
	tk.Assignee = ""
	raw := *tk
	_, err = rc.Update(ctx, &raw)
	require.ErrorIs(t, err, wats.ErrValidation)

	_, err = rc.Archive(ctx, tk.TicketID)
	var apiErr *wats.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, 400, apiErr.StatusCode)
	assert.Contains(t, apiErr.Message, "solved")

	_, err = rc.DownloadAttachment(ctx, missingID, "", &bytes.Buffer{})
	assert.ErrorIs(t, err, wats.ErrNotFound)
	_, err = rc.Comment(ctx, missingID, "bob", "hello")
	assert.ErrorIs(t, err, wats.ErrNotFound)
	_, err = rc.Update(ctx, &rootcause.Ticket{TicketID: missingID, Subject: "x"})
	assert.ErrorIs(t, err, wats.ErrNotFound)
	_, err = rc.List(ctx, rootcause.ListOptions{Status: 1})
	require.NoError(t, err)

	// An update may only reference attachments that were uploaded.
	got, err := rc.Get(ctx, tk.TicketID)
	require.NoError(t, err)
	got.Update = &rootcause.Update{Content: "see file", Attachments: []rootcause.Attachment{{AttachmentID: missingID, FileName: "x.png"}}}
	_, err = rc.Update(ctx, got)
	require.ErrorIs(t, err, wats.ErrBadRequest)
	assert.Contains(t, err.Error(), "not uploaded")
	after, err := rc.Get(ctx, tk.TicketID)
	require.NoError(t, err)
	assert.Len(t, after.History, len(got.History), "a refused update changes nothing")
}

func TestWorkflowToArchive(t *testing.T) {
	c, _ := apitest.Setup(t)
	rc := c.RootCause
	ctx := context.Background()
	tk, err := rc.Create(ctx, &rootcause.Ticket{Subject: "Cpk drop on R12"})
	require.NoError(t, err)

	_, err = rc.Assign(ctx, tk.TicketID, "watstest")
	require.NoError(t, err)
	_, err = rc.SetStatus(ctx, tk.TicketID, "watstest", rootcause.StatusInProgress)
	require.NoError(t, err)
	_, err = rc.Comment(ctx, tk.TicketID, "watstest", "replaced R12 reel")
	require.NoError(t, err)

	mine, err := rc.List(ctx, rootcause.ListOptions{Status: rootcause.StatusInProgress, View: rootcause.ViewAssigned})
	require.NoError(t, err)
	require.Len(t, mine, 1)

	solved, err := rc.SetStatus(ctx, tk.TicketID, "watstest", rootcause.StatusSolved)
	require.NoError(t, err)
	assert.Equal(t, rootcause.StatusSolved, solved.Status)

	_, err = rc.Archive(ctx, tk.TicketID)
	require.NoError(t, err)
	got, err := rc.Get(ctx, tk.TicketID)
	require.NoError(t, err)
	assert.Equal(t, rootcause.StatusArchived, got.Status)

	var comments, props int
	for _, h := range got.History {
		switch h.UpdateType {
		case rootcause.UpdateContent:
			comments++
			assert.Equal(t, "replaced R12 reel", h.Content)
		case rootcause.UpdateProperties:
			props++
		}
		assert.Equal(t, "watstest", h.UpdateUser)
		assert.NotEmpty(t, h.UpdateID)
	}
	assert.Equal(t, 1, comments)
	assert.Equal(t, 3, props, "assign, in progress, solved")
}

func TestAttachmentRoundTrip(t *testing.T) {
	c, srv := apitest.Setup(t)
	rc := c.RootCause
	ctx := context.Background()
	payload := bytes.Repeat([]byte{0, 1, 2, 0xff}, 5000)
	id, err := rc.UploadAttachment(ctx, "scope.png", bytes.NewReader(payload))
	require.NoError(t, err)
	require.Len(t, id, 36)

	var got bytes.Buffer
	n, err := rc.DownloadAttachment(ctx, id, "scope.png", &got)
	require.NoError(t, err)
	assert.EqualValues(t, len(payload), n)
	assert.Equal(t, payload, got.Bytes())

	reqs := apitest.WaitRequests(t, srv, 2)
	assert.True(t, strings.HasPrefix(reqs[0].Header.Get("Content-Type"), "multipart/form-data"))
	assert.Contains(t, reqs[1].Query, "fileName=scope.png")

	tk, err := rc.Create(ctx, &rootcause.Ticket{Subject: "with picture",
		Update: &rootcause.Update{Content: "see scope", Attachments: []rootcause.Attachment{{AttachmentID: id, FileName: "scope.png"}}}})
	require.NoError(t, err)
	require.Len(t, tk.History, 1)
	require.Len(t, tk.History[0].Attachments, 1)
	assert.Equal(t, id, tk.History[0].Attachments[0].AttachmentID)
}

func TestInternal(t *testing.T) {
	c, srv := apitest.Setup(t)
	rc := c.RootCause
	ctx := context.Background()
	in := rc.Internal()
	report := "6f1c0e52-3b1a-4c7e-9d2f-0a1b2c3d4e5f"
	tk, err := rc.Create(ctx, &rootcause.Ticket{Subject: "linked", ReportUUID: report, Tags: []rootcause.Setting{{Key: "Cause", Value: "solder"}}})
	require.NoError(t, err)

	tags, err := in.Tags(ctx, report)
	require.NoError(t, err)
	assert.Equal(t, []rootcause.Setting{{Key: "Cause", Value: "solder"}}, tags)

	counted, err := in.TicketCounts(ctx)
	require.NoError(t, err)
	require.Len(t, counted, 1, "the caller follows the one ticket it owns")
	assert.Equal(t, tk.TicketID, counted[0].TicketID)

	_, err = in.SendReminderEmail(ctx, tk.TicketID)
	require.NoError(t, err)
	_, err = in.SendReminderEmail(ctx, missingID)
	assert.ErrorIs(t, err, wats.ErrNotFound)

	require.NoError(t, in.DeleteTickets(ctx, tk.TicketID))
	assert.ErrorIs(t, in.DeleteTickets(ctx, tk.TicketID), wats.ErrNotFound)
	_, err = rc.Get(ctx, tk.TicketID)
	assert.ErrorIs(t, err, wats.ErrNotFound)

	for _, r := range srv.Requests() {
		if strings.HasPrefix(strings.ToLower(r.Path), "/api/internal/") {
			assert.NotEmpty(t, r.Header.Get("Referer"), r.Path)
		}
	}
}

func TestServerFailureSurfaces(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	rc := c.RootCause
	srv.Inject(watstest.Fault{Path: "/api/RootCause/Tickets", Status: 500, Body: `{"Message":"db down"}`})
	_, err := rc.List(context.Background(), rootcause.ListOptions{Status: 1})
	require.Error(t, err)
	assert.True(t, errors.Is(err, wats.ErrServer))
	assert.Contains(t, err.Error(), "db down")
}

// TestRemainingServerRefusals covers the calls whose server-side refusal the
// emulator does not produce on its own: an injected answer stands in.
func TestRemainingServerRefusals(t *testing.T) {
	c, srv := apitest.Setup(t)
	rc := c.RootCause
	ctx := context.Background()
	tests := []struct {
		route string
		call  func() error
	}{
		{"/api/RootCause/Ticket", func() error { _, err := rc.Create(ctx, &rootcause.Ticket{Subject: "x"}); return err }},
		{"/api/RootCause/Attachment", func() error { _, err := rc.UploadAttachment(ctx, "a.txt", strings.NewReader("a")); return err }},
		{"/api/internal/RootCause/GetTags", func() error { _, err := rc.Internal().Tags(ctx, missingID); return err }},
		{"/api/internal/RootCause/TicketCounts", func() error { _, err := rc.Internal().TicketCounts(ctx); return err }},
	}
	for _, tc := range tests {
		t.Run(tc.route, func(t *testing.T) {
			srv.ClearFaults()
			srv.Inject(watstest.Fault{Path: tc.route, Status: 403, Body: `{"Message":"Manage All Tickets permission required"}`})
			err := tc.call()
			require.ErrorIs(t, err, wats.ErrForbidden)
			assert.Contains(t, err.Error(), "Manage All Tickets")
		})
	}
}
