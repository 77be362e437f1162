package watstest

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

type rcTicket struct {
	ID         string
	Number     int
	Subject    string
	Status     int
	Priority   int
	Owner      string
	Assignee   string
	Team       string
	Origin     string
	Progress   string
	ReportUUID string
	Tags       []map[string]any
	Created    time.Time
	Updated    time.Time
	History    []rcUpdate
}

type rcUpdate struct {
	ID          string           `json:"updateId"`
	At          time.Time        `json:"updateUtc"`
	User        string           `json:"updateUser"`
	Content     string           `json:"content,omitempty"`
	Type        int              `json:"updateType"`
	Attachments []map[string]any `json:"attachments,omitempty"`
}

type rcAttachment struct {
	Name string
	Data []byte
}

type rootCauseState struct {
	mu          sync.Mutex
	tickets     map[string]*rcTicket
	order       []string
	next        int
	attachments map[string]rcAttachment
}

func newRootCauseState() *rootCauseState {
	return &rootCauseState{tickets: map[string]*rcTicket{}, attachments: map[string]rcAttachment{}, next: 1000}
}

// rcTicketIn is a ticket as clients send it; pointers tell absent from zero.
type rcTicketIn struct {
	TicketID   string           `json:"ticketId"`
	Subject    *string          `json:"subject"`
	Status     *int             `json:"status"`
	Priority   *int             `json:"priority"`
	Assignee   *string          `json:"assignee"`
	Team       *string          `json:"team"`
	Origin     *string          `json:"origin"`
	Progress   *string          `json:"progress"`
	ReportUUID *string          `json:"reportUuid"`
	Tags       []map[string]any `json:"tags"`
	Update     *struct {
		Content     string           `json:"content"`
		UpdateType  int              `json:"updateType"`
		Attachments []map[string]any `json:"attachments"`
	} `json:"update"`
}

// rcCaller is the user part of the Basic token, or "" when it is not
// base64 "user:password".
func rcCaller(r *http.Request) string {
	tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Basic ")
	raw, err := base64.StdEncoding.DecodeString(tok)
	if err != nil {
		return ""
	}
	user, _, _ := strings.Cut(string(raw), ":")
	return user
}

// view renders a ticket as the server does: without assignee.
func (t *rcTicket) view() map[string]any {
	hist := t.History
	if hist == nil {
		hist = []rcUpdate{}
	}
	m := map[string]any{
		"ticketId": t.ID, "ticketNumber": t.Number, "subject": t.Subject, "status": t.Status,
		"priority": t.Priority, "owner": t.Owner, "createdUtc": t.Created, "updatedUtc": t.Updated,
		"history": hist, "tags": t.Tags,
	}
	for k, v := range map[string]string{"team": t.Team, "origin": t.Origin, "progress": t.Progress, "reportUuid": t.ReportUUID} {
		if v != "" {
			m[k] = v
		}
	}
	return m
}

// ticketLocked returns the ticket with the id (any case), or writes 404
// and returns nil; s.mu must be held.
func (s *rootCauseState) ticketLocked(w http.ResponseWriter, id string) *rcTicket {
	t, ok := s.tickets[strings.ToLower(id)]
	if !ok {
		writeError(w, http.StatusNotFound, "Ticket '%s' was not found.", id)
		return nil
	}
	return t
}

func rcValidStatus(s int) bool {
	switch s {
	case 0, 1, 2, 4, 8, 16, 32:
		return true
	}
	return false
}

// apply copies the editable fields of in onto t and appends the history
// entries the change produces. It returns an error message when refused.
func (t *rcTicket) apply(in *rcTicketIn, user string, now time.Time, creating bool) string {
	next := *t
	if in.Subject != nil {
		next.Subject = *in.Subject
	}
	if in.Status != nil {
		if !rcValidStatus(*in.Status) {
			return fmt.Sprintf("invalid ticket status %d", *in.Status)
		}
		next.Status = *in.Status
	}
	if in.Priority != nil {
		if *in.Priority < 0 || *in.Priority > 2 {
			return fmt.Sprintf("invalid ticket priority %d", *in.Priority)
		}
		next.Priority = *in.Priority
	}
	// The whole ticket is sent on update: an absent assignee clears it,
	// which is exactly the trap the real server sets.
	if in.Assignee != nil {
		next.Assignee = *in.Assignee
	} else {
		next.Assignee = ""
	}
	for _, f := range []struct {
		dst *string
		src *string
	}{{&next.Team, in.Team}, {&next.Origin, in.Origin}, {&next.Progress, in.Progress}, {&next.ReportUUID, in.ReportUUID}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	if in.Tags != nil {
		next.Tags = in.Tags
	}
	if strings.TrimSpace(next.Subject) == "" {
		return "Subject is required"
	}
	if next.Assignee == "" && next.Status != 0 && next.Status != 1 {
		return "Unassigned tickets must have status new"
	}
	if next.Status == 32 && t.Status != 32 {
		return "tickets are archived with ArchiveTickets, not by status"
	}
	if !creating && (next.Status != t.Status || next.Assignee != t.Assignee || next.Priority != t.Priority) {
		next.History = append(append([]rcUpdate(nil), t.History...), rcUpdate{ID: newGUID(), At: now, User: user, Type: 2,
			Content: fmt.Sprintf("status %d, priority %d", next.Status, next.Priority)})
	}
	if !creating && next.Progress != t.Progress {
		next.History = append(next.History, rcUpdate{ID: newGUID(), At: now, User: user, Type: 1, Content: next.Progress})
	}
	if in.Update != nil && (in.Update.Content != "" || len(in.Update.Attachments) > 0) {
		next.History = append(next.History, rcUpdate{ID: newGUID(), At: now, User: user, Type: 0,
			Content: in.Update.Content, Attachments: in.Update.Attachments})
	}
	next.Updated = now
	*t = next
	return ""
}

func (e *Emulator) installRootCause() {
	s := e.rootcause
	e.handle(http.MethodGet, "/api/RootCause/Ticket", func(w http.ResponseWriter, r *http.Request, _ Params) {
		id := strings.ToLower(query(r, "ticketId"))
		s.mu.Lock()
		defer s.mu.Unlock()
		t := s.ticketLocked(w, id)
		if t == nil {
			return
		}
		writeJSON(w, http.StatusOK, t.view())
	})
	e.handle(http.MethodGet, "/api/RootCause/Tickets", func(w http.ResponseWriter, r *http.Request, _ Params) {
		status, ok := queryInt(w, r, "status", -1)
		if !ok {
			return
		}
		view, ok := queryInt(w, r, "view", -1)
		if !ok {
			return
		}
		if status < 0 || view < 0 || view > 2 {
			writeError(w, http.StatusBadRequest, "The status and view parameters are required (view 0, 1 or 2).")
			return
		}
		search := strings.ToLower(query(r, "searchString"))
		me := rcCaller(r)
		s.mu.Lock()
		defer s.mu.Unlock()
		out := []map[string]any{}
		for _, id := range s.order {
			t := s.tickets[id]
			st := t.Status
			if st == 0 {
				st = 1
			}
			if st&status == 0 {
				continue
			}
			if view == 0 && t.Assignee != me || view == 1 && t.Assignee != me && t.Owner != me {
				continue
			}
			if search != "" && !ticketMatches(t, search) {
				continue
			}
			out = append(out, t.view())
		}
		writeJSON(w, http.StatusOK, out)
	})
	e.handle(http.MethodPost, "/api/RootCause/Ticket", func(w http.ResponseWriter, r *http.Request, _ Params) {
		var in rcTicketIn
		if !readJSON(w, r, &in) {
			return
		}
		now := e.now().UTC()
		s.mu.Lock()
		defer s.mu.Unlock()
		s.next++
		t := &rcTicket{ID: newGUID(), Number: s.next, Owner: rcCaller(r), Created: now, Priority: 1, Status: 1}
		if msg := t.apply(&in, rcCaller(r), now, true); msg != "" {
			s.next--
			writeError(w, http.StatusBadRequest, "%s", msg)
			return
		}
		s.tickets[t.ID] = t
		s.order = append(s.order, t.ID)
		writeJSON(w, http.StatusOK, t.view())
	})
	e.handle(http.MethodPut, "/api/RootCause/Ticket", func(w http.ResponseWriter, r *http.Request, _ Params) {
		var in rcTicketIn
		if !readJSON(w, r, &in) {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		t := s.ticketLocked(w, in.TicketID)
		if t == nil {
			return
		}
		if msg := t.apply(&in, rcCaller(r), e.now().UTC(), false); msg != "" {
			writeError(w, http.StatusBadRequest, "%s", msg)
			return
		}
		writeJSON(w, http.StatusOK, t.view())
	})
	e.handle(http.MethodPost, "/api/RootCause/ArchiveTickets", func(w http.ResponseWriter, r *http.Request, _ Params) {
		var ids []string
		if !readJSON(w, r, &ids) {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, id := range ids {
			t := s.ticketLocked(w, id)
			if t == nil {
				return
			}
			if t.Status != 8 {
				writeError(w, http.StatusBadRequest, "Only solved tickets can be archived (ticket %d has status %d).", t.Number, t.Status)
				return
			}
		}
		var last *rcTicket
		for _, id := range ids {
			last = s.tickets[strings.ToLower(id)]
			last.Status = 32
			last.Updated = e.now().UTC()
		}
		writeJSON(w, http.StatusOK, last.view())
	})
	e.handle(http.MethodPost, "/api/RootCause/Attachment", func(w http.ResponseWriter, r *http.Request, _ Params) {
		name, data, ok := rcReadUpload(w, r, "file")
		if !ok {
			return
		}
		id := newGUID()
		s.mu.Lock()
		s.attachments[id] = rcAttachment{Name: name, Data: data}
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, id)
	})
	e.handle(http.MethodGet, "/api/RootCause/Attachment", func(w http.ResponseWriter, r *http.Request, _ Params) {
		id := strings.ToLower(query(r, "attachmentId"))
		s.mu.Lock()
		a, ok := s.attachments[id]
		s.mu.Unlock()
		if !ok {
			writeError(w, http.StatusNotFound, "Attachment '%s' was not found.", id)
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		if fn := query(r, "fileName"); fn != "" {
			w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", fn))
		}
		w.Header().Set("Content-Length", strconv.Itoa(len(a.Data)))
		_, _ = w.Write(a.Data)
	})
	e.installRootCauseInternal()
}

func ticketMatches(t *rcTicket, search string) bool {
	if strings.Contains(strings.ToLower(t.Subject), search) {
		return true
	}
	for _, tag := range t.Tags {
		for _, k := range []string{"key", "value"} {
			if s, ok := tag[k].(string); ok && strings.Contains(strings.ToLower(s), search) {
				return true
			}
		}
	}
	return false
}

// rcReadUpload reads a file upload sent either as multipart (part field) or
// as a raw body. It answers 400 itself when nothing usable arrived.
func rcReadUpload(w http.ResponseWriter, r *http.Request, field string) (string, []byte, bool) {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		f, hdr, err := r.FormFile(field)
		if err != nil {
			writeError(w, http.StatusBadRequest, "multipart upload needs a file part named %q: %v", field, err)
			return "", nil, false
		}
		defer f.Close()
		data, err := io.ReadAll(f)
		if err != nil {
			writeError(w, http.StatusBadRequest, "could not read upload: %v", err)
			return "", nil, false
		}
		return hdr.Filename, data, true
	}
	data, err := io.ReadAll(r.Body)
	if err != nil || len(data) == 0 {
		writeError(w, http.StatusBadRequest, "the request carries no file")
		return "", nil, false
	}
	return "", data, true
}

func (e *Emulator) installRootCauseInternal() {
	s := e.rootcause
	e.handle(http.MethodGet, "/api/internal/RootCause/GetTags", func(w http.ResponseWriter, r *http.Request, _ Params) {
		uuid := strings.ToLower(query(r, "uuid"))
		s.mu.Lock()
		defer s.mu.Unlock()
		out := []map[string]any{}
		for _, id := range s.order {
			if t := s.tickets[id]; strings.EqualFold(t.ReportUUID, uuid) {
				out = append(out, t.Tags...)
			}
		}
		writeJSON(w, http.StatusOK, out)
	})
	e.handle(http.MethodGet, "/api/internal/RootCause/SendReminderEmail", func(w http.ResponseWriter, r *http.Request, _ Params) {
		id := strings.ToLower(query(r, "ticketId"))
		s.mu.Lock()
		defer s.mu.Unlock()
		t := s.ticketLocked(w, id)
		if t == nil {
			return
		}
		t.History = append(t.History, rcUpdate{ID: newGUID(), At: e.now().UTC(), User: rcCaller(r), Type: 3, Content: "reminder sent"})
		writeJSON(w, http.StatusOK, map[string]any{"sent": true})
	})
	e.handle(http.MethodGet, "/api/internal/RootCause/TicketCounts", func(w http.ResponseWriter, r *http.Request, _ Params) {
		me := rcCaller(r)
		s.mu.Lock()
		defer s.mu.Unlock()
		counts := map[string]int{"assigned": 0, "following": 0, "all": len(s.tickets)}
		for _, t := range s.tickets {
			if t.Assignee == me {
				counts["assigned"]++
			}
			if t.Assignee == me || t.Owner == me {
				counts["following"]++
			}
		}
		writeJSON(w, http.StatusOK, counts)
	})
	e.handle(http.MethodDelete, "/api/internal/RootCause/Tickets", func(w http.ResponseWriter, r *http.Request, _ Params) {
		var ids []string
		if !readJSON(w, r, &ids) {
			return
		}
		me := rcCaller(r)
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, id := range ids {
			t := s.ticketLocked(w, id)
			if t == nil {
				return
			}
			if t.Owner != me {
				writeError(w, http.StatusForbidden, "Only the creator may delete ticket %d.", t.Number)
				return
			}
		}
		for _, id := range ids {
			delete(s.tickets, strings.ToLower(id))
		}
		kept := s.order[:0]
		for _, id := range s.order {
			if _, ok := s.tickets[id]; ok {
				kept = append(kept, id)
			}
		}
		s.order = kept
		sort.Strings(ids)
		writeJSON(w, http.StatusOK, map[string]any{"deleted": ids})
	})
}
