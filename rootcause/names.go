package rootcause

import (
	"strconv"
	"strings"
)

// String names the status, or the flags of a combined value joined by "|"
// (e.g. "Open|InProgress").
func (s Status) String() string {
	if s == 0 {
		return "New"
	}
	names := []struct {
		f Status
		n string
	}{{StatusOpen, "Open"}, {StatusInProgress, "InProgress"}, {StatusOnHold, "OnHold"},
		{StatusSolved, "Solved"}, {StatusClosed, "Closed"}, {StatusArchived, "Archived"}}
	var parts []string
	rest := s
	for _, x := range names {
		if s&x.f != 0 {
			parts = append(parts, x.n)
			rest &^= x.f
		}
	}
	if rest != 0 {
		parts = append(parts, "Status("+strconv.Itoa(int(rest))+")")
	}
	return strings.Join(parts, "|")
}

// String names the priority.
func (p Priority) String() string {
	switch p {
	case PriorityLow:
		return "Low"
	case PriorityMedium:
		return "Medium"
	case PriorityHigh:
		return "High"
	}
	return "Priority(" + strconv.Itoa(int(p)) + ")"
}

// String names the view.
func (v View) String() string {
	switch v {
	case ViewAssigned:
		return "Assigned"
	case ViewFollowing:
		return "Following"
	case ViewAll:
		return "All"
	}
	return "View(" + strconv.Itoa(int(v)) + ")"
}

// String names the kind of history entry.
func (u UpdateType) String() string {
	switch u {
	case UpdateContent:
		return "Content"
	case UpdateProgress:
		return "Progress"
	case UpdateProperties:
		return "Properties"
	case UpdateNotification:
		return "Notification"
	}
	return "UpdateType(" + strconv.Itoa(int(u)) + ")"
}
