package rootcause

import "github.com/watsgo/sdk/internal/wiretime"

// Time is a server date-time; it accepts values with or without a zone
// (no zone means UTC).
type Time = wiretime.Time

// Status is a ticket status. The values are bit flags so that List can ask
// for several at once (StatusOpen|StatusInProgress); a ticket holds one.
type Status int

// Ticket statuses. New tickets may also come back
// with status 0, which the SDK treats like StatusOpen.
const (
	StatusOpen       Status = 1
	StatusInProgress Status = 2
	StatusOnHold     Status = 4
	StatusSolved     Status = 8
	StatusClosed     Status = 16
	StatusArchived   Status = 32
)

// StatusActive selects every status that still needs work.
const StatusActive = StatusOpen | StatusInProgress | StatusOnHold

// StatusAny selects every status.
const StatusAny = StatusOpen | StatusInProgress | StatusOnHold | StatusSolved | StatusClosed | StatusArchived

// IsNew reports whether s is the "new" status the server requires of an
// unassigned ticket (1, or 0 as seen on fresh tickets).
func (s Status) IsNew() bool { return s == 0 || s == StatusOpen }

// Priority is a ticket priority.
type Priority int

// Ticket priorities.
const (
	PriorityLow    Priority = 0
	PriorityMedium Priority = 1
	PriorityHigh   Priority = 2
)

// View selects whose tickets List returns.
type View int

// Ticket views.
const (
	// ViewAssigned lists tickets assigned to the caller.
	ViewAssigned View = 0
	// ViewFollowing lists tickets the caller follows.
	ViewFollowing View = 1
	// ViewAll lists every ticket; needs the "Manage All Tickets" permission.
	ViewAll View = 2
)

// UpdateType tells what a history entry records.
type UpdateType int

// History entry kinds.
const (
	UpdateContent      UpdateType = 0
	UpdateProgress     UpdateType = 1
	UpdateProperties   UpdateType = 2
	UpdateNotification UpdateType = 3
)

// Setting is a key/value tag on a ticket.
type Setting struct {
	Key   string `json:"key"`             // tag name (key)
	Value string `json:"value,omitempty"` // tag value (value)
	// Change marks what an update does with the tag: 0 none, 1 add,
	// 2 update, 3 delete.
	Change int `json:"change,omitempty"`
}

// Ticket is a root-cause ticket. Server-set fields (TicketID, TicketNumber,
// Owner, CreatedUTC, UpdatedUTC, History) are ignored on create.
type Ticket struct {
	TicketID     string `json:"ticketId,omitempty"`     // ticket uuid, server-assigned; required to update (ticketId)
	TicketNumber int    `json:"ticketNumber,omitempty"` // human-readable number, server-assigned (ticketNumber)
	Progress     string `json:"progress,omitempty"`     // free-text progress note (progress)
	Owner        string `json:"owner,omitempty"`        // user name of the creator/owner, server-set (owner)
	// Assignee is never returned by the server; see the package doc.
	Assignee string `json:"assignee,omitempty"`
	Subject  string `json:"subject,omitempty"` // title (subject)
	Status   Status `json:"status,omitempty"`  // one status value, see Status (status)
	// Priority is always sent; the zero value is PriorityLow.
	Priority   Priority  `json:"priority"`
	ReportUUID string    `json:"reportUuid,omitempty"` // linked test report (reportUuid)
	CreatedUTC *Time     `json:"createdUtc,omitempty"` // creation time, server-set (createdUtc)
	UpdatedUTC *Time     `json:"updatedUtc,omitempty"` // last update, server-set (updatedUtc)
	Team       string    `json:"team,omitempty"`       // team name (team)
	Origin     string    `json:"origin,omitempty"`     // source of the ticket, passed through as sent (origin)
	Tags       []Setting `json:"tags,omitempty"`       // key/value tags (tags)
	// History is the read-only list of updates, oldest first.
	History []Update `json:"history,omitempty"`
	// Update, when set on create or update, is appended to the history.
	Update *Update `json:"update,omitempty"`
}

// Update is one history entry of a ticket.
type Update struct {
	UpdateID    string       `json:"updateId,omitempty"`    // entry uuid, server-assigned (updateId)
	UpdateUTC   *Time        `json:"updateUtc,omitempty"`   // entry time, server-assigned (updateUtc)
	UpdateUser  string       `json:"updateUser,omitempty"`  // author, server-assigned (updateUser)
	Content     string       `json:"content,omitempty"`     // comment text (content)
	UpdateType  UpdateType   `json:"updateType,omitempty"`  // what the entry records (updateType)
	Attachments []Attachment `json:"attachments,omitempty"` // attached files (attachments)
}

// Attachment references an uploaded file. Note the all-lowercase
// "filename" on the wire.
type Attachment struct {
	AttachmentID string `json:"attachmentId"`       // attachment uuid (attachmentId)
	FileName     string `json:"filename,omitempty"` // file name (filename, all lowercase)
}
