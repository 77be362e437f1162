package convert

import (
	"fmt"
	"strings"
)

// PostAction is what the watcher does with a file once every report of it was
// accepted by the sink.
type PostAction int

const (
	// Delete removes the file (the default, as the WATS client does).
	Delete PostAction = iota
	// Move moves the file to the Done/ sub-folder of its watched folder.
	Move
	// Archive moves the file to Done/ and then into the monthly zip file
	// Done/yyyyMM.zip (local time), deleting the moved file once the zip is on disk.
	Archive
	// Keep leaves the file where it is; the folder's ledger remembers it so it is
	// not converted again while its size and mod time are unchanged.
	Keep
)

// String returns the action's name.
func (a PostAction) String() string {
	switch a {
	case Delete:
		return "Delete"
	case Move:
		return "Move"
	case Archive:
		return "Archive"
	case Keep:
		return "Keep"
	}
	return fmt.Sprintf("PostAction(%d)", int(a))
}

// ParsePostAction reads a post-action name case-insensitively: "Delete" (or empty),
// "Move", "Archive" (or "Zip") and "Keep".
func ParsePostAction(s string) (PostAction, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "delete":
		return Delete, nil
	case "move":
		return Move, nil
	case "archive", "zip":
		return Archive, nil
	case "keep":
		return Keep, nil
	}
	return 0, fmt.Errorf("convert: unknown post-action %q (want Delete, Move, Archive or Keep)", s)
}
