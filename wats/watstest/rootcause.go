package watstest

import (
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/watsgo/sdk/internal/guid"
)

// The root-cause domain: tickets with an append-only history, and the
// attachments updates carry. Answers are the documented Ticket model;
// assignee is never written back (the trap the package doc of rootcause
// describes), and an unassigned ticket must have status new (1, or 0).

type rcSetting struct {
	Key    string  `json:"key"`
	Value  *string `json:"value"`
	Change int     `json:"change"`
}

type rcAttachmentRef struct {
	AttachmentID string `json:"attachmentId"`
	FileName     string `json:"filename"`
}

type rcUpdate struct {
	ID          string            `json:"updateId"`
	At          time.Time         `json:"-"`
	User        string            `json:"updateUser"`
	Content     *string           `json:"content"`
	Type        int               `json:"updateType"`
	Attachments []rcAttachmentRef `json:"attachments"`
}

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
	Tags       []rcSetting
	Created    time.Time
	Updated    time.Time
	History    []rcUpdate
}

type rcFile struct {
	Name string
	Data []byte
}

// rootCauseState is the ticket store; every method locks it.
type rootCauseState struct {
	mu          sync.Mutex
	tickets     map[string]*rcTicket
	order       []string
	next        int
	attachments map[string]rcFile
}

func newRootCauseState() *rootCauseState {
	return &rootCauseState{tickets: map[string]*rcTicket{}, attachments: map[string]rcFile{}, next: 1000}
}

// rcTicketIn is a ticket as clients send it; pointers tell absent from zero.
type rcTicketIn struct {
	TicketID   string      `json:"ticketId"`
	Subject    *string     `json:"subject"`
	Status     *int        `json:"status"`
	Priority   *int        `json:"priority"`
	Assignee   *string     `json:"assignee"`
	Team       *string     `json:"team"`
	Origin     *string     `json:"origin"`
	Progress   *string     `json:"progress"`
	ReportUUID *string     `json:"reportUuid"`
	Tags       []rcSetting `json:"tags"`
	Update     *struct {
		Content     string            `json:"content"`
		UpdateType  int               `json:"updateType"`
		Attachments []rcAttachmentRef `json:"attachments"`
	} `json:"update"`
}

// rcRefused is a 400, rcMissing a 404, rcForbidden a 403.
type (
	rcRefused   string
	rcMissing   string
	rcForbidden string
)

func (e rcRefused) Error() string   { return string(e) }
func (e rcMissing) Error() string   { return string(e) }
func (e rcForbidden) Error() string { return string(e) }

func rcWriteError(w http.ResponseWriter, err error) {
	var (
		missing   rcMissing
		forbidden rcForbidden
	)
	switch {
	case errors.As(err, &missing):
		writeError(w, http.StatusNotFound, "%s", err.Error())
	case errors.As(err, &forbidden):
		writeError(w, http.StatusForbidden, "%s", err.Error())
	default:
		writeError(w, http.StatusBadRequest, "%s", err.Error())
	}
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

// nullStr is s, or nil (JSON null) when empty.
func nullStr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// view renders a ticket in the documented Ticket model, without assignee.
func (t *rcTicket) view() map[string]any {
	hist := make([]map[string]any, 0, len(t.History))
	for _, u := range t.History {
		atts := u.Attachments
		if atts == nil {
			atts = []rcAttachmentRef{}
		}
		hist = append(hist, map[string]any{"updateId": u.ID, "updateUtc": netTime(u.At), "updateUser": u.User,
			"content": u.Content, "updateType": u.Type, "attachments": atts})
	}
	tags := t.Tags
	if tags == nil {
		tags = []rcSetting{}
	}
	return map[string]any{
		"ticketId": t.ID, "ticketNumber": t.Number, "progress": nullStr(t.Progress), "owner": nullStr(t.Owner),
		"assignee": nil, "subject": t.Subject, "status": t.Status, "priority": t.Priority,
		"reportUuid": nullStr(t.ReportUUID), "createdUtc": netTime(t.Created), "updatedUtc": netTime(t.Updated),
		"team": nullStr(t.Team), "origin": nullStr(t.Origin), "tags": tags, "history": hist, "update": nil,
	}
}

func rcValidStatus(s int) bool {
	switch s {
	case 0, 1, 2, 4, 8, 16, 32:
		return true
	}
	return false
}

// get returns a copy of the rendered ticket.
func (s *rootCauseState) get(id string) (map[string]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.ticketLocked(id)
	if err != nil {
		return nil, err
	}
	return t.view(), nil
}

func (s *rootCauseState) ticketLocked(id string) (*rcTicket, error) {
	if !guid.Valid(id) {
		return nil, rcRefused(fmt.Sprintf("The value '%s' is not a valid ticket id (GUID).", id))
	}
	t, ok := s.tickets[strings.ToLower(id)]
	if !ok {
		return nil, rcMissing(fmt.Sprintf("Ticket '%s' was not found.", id))
	}
	return t, nil
}

// list returns the tickets whose status is in the flags, seen from view
// (0 assigned to me, 1 followed by me, 2 all), matching search.
func (s *rootCauseState) list(status, view int, search, me string) []map[string]any {
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
	return out
}

// create stores a new ticket owned by user.
func (s *rootCauseState) create(in *rcTicketIn, user string, now time.Time) (map[string]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := &rcTicket{ID: newGUID(), Number: s.next + 1, Owner: user, Created: now, Priority: 1, Status: 1}
	if err := s.applyLocked(t, in, user, now, true); err != nil {
		return nil, err
	}
	s.next++
	s.tickets[t.ID] = t
	s.order = append(s.order, t.ID)
	return t.view(), nil
}

// update replaces the editable properties of a stored ticket.
func (s *rootCauseState) update(in *rcTicketIn, user string, now time.Time) (map[string]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.ticketLocked(in.TicketID)
	if err != nil {
		return nil, err
	}
	if err := s.applyLocked(t, in, user, now, false); err != nil {
		return nil, err
	}
	return t.view(), nil
}

// applyLocked copies the editable fields of in onto t and appends the
// history entries the change produces.
func (s *rootCauseState) applyLocked(t *rcTicket, in *rcTicketIn, user string, now time.Time, creating bool) error {
	next := *t
	if in.Subject != nil {
		next.Subject = *in.Subject
	}
	if in.Status != nil {
		if !rcValidStatus(*in.Status) {
			return rcRefused(fmt.Sprintf("invalid ticket status %d", *in.Status))
		}
		next.Status = *in.Status
	}
	if in.Priority != nil {
		if *in.Priority < 0 || *in.Priority > 2 {
			return rcRefused(fmt.Sprintf("invalid ticket priority %d", *in.Priority))
		}
		next.Priority = *in.Priority
	}
	// The whole ticket is sent on update: an absent assignee clears it,
	// which is exactly the trap the real server sets.
	next.Assignee = ""
	if in.Assignee != nil {
		next.Assignee = *in.Assignee
	}
	for _, f := range []struct {
		dst *string
		src *string
	}{{&next.Team, in.Team}, {&next.Origin, in.Origin}, {&next.Progress, in.Progress}, {&next.ReportUUID, in.ReportUUID}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	if next.ReportUUID != "" && !guid.Valid(next.ReportUUID) {
		return rcRefused(fmt.Sprintf("reportUuid '%s' is not a GUID", next.ReportUUID))
	}
	next.ReportUUID = strings.ToLower(next.ReportUUID)
	if in.Tags != nil {
		for _, tg := range in.Tags {
			if tg.Change < 0 || tg.Change > 6 {
				return rcRefused(fmt.Sprintf("invalid tag change %d", tg.Change))
			}
		}
		next.Tags = rcMergeTags(t.Tags, in.Tags)
	}
	if strings.TrimSpace(next.Subject) == "" {
		return rcRefused("Subject is required")
	}
	if next.Assignee == "" && next.Status != 0 && next.Status != 1 {
		return rcRefused("Unassigned tickets must have status new")
	}
	if next.Status == 32 && t.Status != 32 {
		return rcRefused("tickets are archived with ArchiveTickets, not by status")
	}
	next.History = append([]rcUpdate(nil), t.History...)
	if !creating && (next.Status != t.Status || next.Assignee != t.Assignee || next.Priority != t.Priority) {
		text := fmt.Sprintf("status %d, priority %d", next.Status, next.Priority)
		next.History = append(next.History, rcUpdate{ID: newGUID(), At: now, User: user, Type: 2, Content: &text})
	}
	if !creating && next.Progress != t.Progress {
		text := next.Progress
		next.History = append(next.History, rcUpdate{ID: newGUID(), At: now, User: user, Type: 1, Content: &text})
	}
	if in.Update != nil && (in.Update.Content != "" || len(in.Update.Attachments) > 0) {
		atts, err := s.attachmentRefsLocked(in.Update.Attachments)
		if err != nil {
			return err
		}
		var content *string
		if in.Update.Content != "" {
			text := in.Update.Content
			content = &text
		}
		next.History = append(next.History, rcUpdate{ID: newGUID(), At: now, User: user, Type: 0, Content: content, Attachments: atts})
	}
	next.Updated = now
	*t = next
	return nil
}

// attachmentRefsLocked checks that every referenced attachment was
// uploaded, and fills in its stored file name when the client sent none.
func (s *rootCauseState) attachmentRefsLocked(refs []rcAttachmentRef) ([]rcAttachmentRef, error) {
	out := make([]rcAttachmentRef, 0, len(refs))
	for _, a := range refs {
		f, ok := s.attachments[strings.ToLower(a.AttachmentID)]
		if !ok {
			return nil, rcRefused(fmt.Sprintf("Attachment '%s' was not uploaded.", a.AttachmentID))
		}
		if a.FileName == "" {
			a.FileName = f.Name
		}
		out = append(out, rcAttachmentRef{AttachmentID: strings.ToLower(a.AttachmentID), FileName: a.FileName})
	}
	return out, nil
}

// rcMergeTags applies tag edits: change 3 deletes the key, anything else sets it.
func rcMergeTags(have, edits []rcSetting) []rcSetting {
	out := append([]rcSetting{}, have...)
	for _, e := range edits {
		idx := -1
		for i := range out {
			if out[i].Key == e.Key {
				idx = i
			}
		}
		switch {
		case e.Change == 3 && idx >= 0:
			out = append(out[:idx], out[idx+1:]...)
		case e.Change == 3:
		case idx >= 0:
			out[idx].Value = e.Value
		default:
			out = append(out, rcSetting{Key: e.Key, Value: e.Value})
		}
	}
	return out
}

// archive moves solved tickets to archived; it answers the last one.
func (s *rootCauseState) archive(ids []string, now time.Time) (map[string]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(ids) == 0 {
		return nil, rcRefused("No ticket ids were given.")
	}
	for _, id := range ids {
		t, err := s.ticketLocked(id)
		if err != nil {
			return nil, err
		}
		if t.Status != 8 {
			return nil, rcRefused(fmt.Sprintf("Only solved tickets can be archived (ticket %d has status %d).", t.Number, t.Status))
		}
	}
	var last *rcTicket
	for _, id := range ids {
		last = s.tickets[strings.ToLower(id)]
		last.Status = 32
		last.Updated = now
	}
	return last.view(), nil
}

// remove deletes tickets the caller created; it answers the last one.
func (s *rootCauseState) remove(ids []string, me string) (map[string]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(ids) == 0 {
		return nil, rcRefused("No ticket ids were given.")
	}
	for _, id := range ids {
		t, err := s.ticketLocked(id)
		if err != nil {
			return nil, err
		}
		if t.Owner != me {
			return nil, rcForbidden(fmt.Sprintf("Only the creator may delete ticket %d.", t.Number))
		}
	}
	var last map[string]any
	for _, id := range ids {
		last = s.tickets[strings.ToLower(id)].view()
		delete(s.tickets, strings.ToLower(id))
	}
	kept := s.order[:0]
	for _, id := range s.order {
		if _, ok := s.tickets[id]; ok {
			kept = append(kept, id)
		}
	}
	s.order = kept
	return last, nil
}

func (s *rootCauseState) upload(name string, data []byte) string {
	id := newGUID()
	s.mu.Lock()
	s.attachments[id] = rcFile{Name: name, Data: data}
	s.mu.Unlock()
	return id
}

func (s *rootCauseState) file(id string) (rcFile, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f, ok := s.attachments[strings.ToLower(id)]
	return f, ok
}

// tagsOf lists the tags of the tickets linked to a report.
func (s *rootCauseState) tagsOf(reportID string) []rcSetting {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []rcSetting{}
	for _, id := range s.order {
		if t := s.tickets[id]; strings.EqualFold(t.ReportUUID, reportID) {
			out = append(out, t.Tags...)
		}
	}
	return out
}

// remind records a reminder in the ticket's history.
func (s *rootCauseState) remind(id, user string, now time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	t, err := s.ticketLocked(id)
	if err != nil {
		return err
	}
	text := "reminder sent"
	t.History = append(t.History, rcUpdate{ID: newGUID(), At: now, User: user, Type: 3, Content: &text})
	return nil
}

// counted lists the tickets the caller's view badges count: assigned to
// or followed (owned) by the caller.
func (s *rootCauseState) counted(me string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []map[string]any{}
	for _, id := range s.order {
		if t := s.tickets[id]; t.Assignee == me || t.Owner == me {
			out = append(out, t.view())
		}
	}
	return out
}

func ticketMatches(t *rcTicket, search string) bool {
	if strings.Contains(strings.ToLower(t.Subject), search) {
		return true
	}
	for _, tag := range t.Tags {
		if strings.Contains(strings.ToLower(tag.Key), search) || tag.Value != nil && strings.Contains(strings.ToLower(*tag.Value), search) {
			return true
		}
	}
	return false
}

func (e *Emulator) installRootCause() {
	e.handle(http.MethodGet, "/api/RootCause/Ticket", e.rcGetTicket)
	e.handle(http.MethodGet, "/api/RootCause/Tickets", e.rcListTickets)
	e.handle(http.MethodPost, "/api/RootCause/Ticket", e.rcCreateTicket)
	e.handle(http.MethodPut, "/api/RootCause/Ticket", e.rcUpdateTicket)
	e.handle(http.MethodPost, "/api/RootCause/ArchiveTickets", e.rcArchiveTickets)
	e.handle(http.MethodPost, "/api/RootCause/Attachment", e.rcUploadAttachment)
	e.handle(http.MethodGet, "/api/RootCause/Attachment", e.rcGetAttachment)
	e.handle(http.MethodGet, "/api/internal/RootCause/GetTags", e.rcGetTags)
	e.handle(http.MethodGet, "/api/internal/RootCause/SendReminderEmail", e.rcSendReminder)
	e.handle(http.MethodGet, "/api/internal/RootCause/TicketCounts", e.rcTicketCounts)
	e.handle(http.MethodDelete, "/api/internal/RootCause/Tickets", e.rcDeleteTickets)
}

func rcAnswer(w http.ResponseWriter, v any, err error) {
	if err != nil {
		rcWriteError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// requiredGUID reads a required GUID query parameter, answering 400 itself.
func requiredGUID(w http.ResponseWriter, r *http.Request, name string) (string, bool) {
	v, ok := queryLookup(r, name)
	if !ok || v == "" {
		writeError(w, http.StatusBadRequest, "The %s parameter is required.", name)
		return "", false
	}
	if !guid.Valid(v) {
		writeError(w, http.StatusBadRequest, "The value '%s' is not valid for %s (GUID).", v, name)
		return "", false
	}
	return strings.ToLower(v), true
}

func (e *Emulator) rcGetTicket(w http.ResponseWriter, r *http.Request, _ Params) {
	id, ok := requiredGUID(w, r, "ticketId")
	if !ok {
		return
	}
	t, err := e.rootcause.get(id)
	rcAnswer(w, t, err)
}

func (e *Emulator) rcListTickets(w http.ResponseWriter, r *http.Request, _ Params) {
	status, ok := queryInt(w, r, "status", -1)
	if !ok {
		return
	}
	view, ok := queryInt(w, r, "view", -1)
	if !ok {
		return
	}
	if status <= 0 || status > 63 || view < 0 || view > 2 {
		writeError(w, http.StatusBadRequest, "The status (flags 1-63) and view (0, 1 or 2) parameters are required.")
		return
	}
	writeJSON(w, http.StatusOK, e.rootcause.list(status, view, strings.ToLower(query(r, "searchString")), rcCaller(r)))
}

func (e *Emulator) rcCreateTicket(w http.ResponseWriter, r *http.Request, _ Params) {
	var in rcTicketIn
	if !readJSON(w, r, &in) {
		return
	}
	t, err := e.rootcause.create(&in, rcCaller(r), e.now().UTC())
	rcAnswer(w, t, err)
}

func (e *Emulator) rcUpdateTicket(w http.ResponseWriter, r *http.Request, _ Params) {
	var in rcTicketIn
	if !readJSON(w, r, &in) {
		return
	}
	t, err := e.rootcause.update(&in, rcCaller(r), e.now().UTC())
	rcAnswer(w, t, err)
}

// readTicketIDs reads the JSON array of ticket GUIDs of a body.
func readTicketIDs(w http.ResponseWriter, r *http.Request) ([]string, bool) {
	var ids []string
	if !readJSON(w, r, &ids) {
		return nil, false
	}
	for _, id := range ids {
		if !guid.Valid(id) {
			writeError(w, http.StatusBadRequest, "The value '%s' is not a valid ticket id (GUID).", id)
			return nil, false
		}
	}
	return ids, true
}

func (e *Emulator) rcArchiveTickets(w http.ResponseWriter, r *http.Request, _ Params) {
	ids, ok := readTicketIDs(w, r)
	if !ok {
		return
	}
	t, err := e.rootcause.archive(ids, e.now().UTC())
	rcAnswer(w, t, err)
}

func (e *Emulator) rcUploadAttachment(w http.ResponseWriter, r *http.Request, _ Params) {
	name, data, ok := rcReadUpload(w, r, "file")
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, e.rootcause.upload(name, data))
}

func (e *Emulator) rcGetAttachment(w http.ResponseWriter, r *http.Request, _ Params) {
	id, ok := requiredGUID(w, r, "attachmentId")
	if !ok {
		return
	}
	f, found := e.rootcause.file(id)
	if !found {
		writeError(w, http.StatusNotFound, "Attachment '%s' was not found.", id)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	if fn := query(r, "fileName"); fn != "" {
		w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": fn}))
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(f.Data)))
	_, _ = w.Write(f.Data)
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

func (e *Emulator) rcGetTags(w http.ResponseWriter, r *http.Request, _ Params) {
	id, ok := requiredGUID(w, r, "uuid")
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, e.rootcause.tagsOf(id))
}

// rcSendReminder answers an empty object: the document gives no shape.
func (e *Emulator) rcSendReminder(w http.ResponseWriter, r *http.Request, _ Params) {
	id, ok := requiredGUID(w, r, "ticketId")
	if !ok {
		return
	}
	if err := e.rootcause.remind(id, rcCaller(r), e.now().UTC()); err != nil {
		rcWriteError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{})
}

func (e *Emulator) rcTicketCounts(w http.ResponseWriter, r *http.Request, _ Params) {
	writeJSON(w, http.StatusOK, e.rootcause.counted(rcCaller(r)))
}

func (e *Emulator) rcDeleteTickets(w http.ResponseWriter, r *http.Request, _ Params) {
	ids, ok := readTicketIDs(w, r)
	if !ok {
		return
	}
	t, err := e.rootcause.remove(ids, rcCaller(r))
	rcAnswer(w, t, err)
}
