package convert

import "time"

// State is where a file is in the watcher's life cycle.
type State string

const (
	// StatePending: the file is in the watched folder, waiting (for stability, a
	// worker, or a retry after a temporary sink or post-action failure).
	StatePending State = "pending"
	// StateProcessing: a worker has claimed the file.
	StateProcessing State = "processing"
	// StateDone: every report was accepted and the post-action was applied.
	StateDone State = "done"
	// StateError: the file was moved to Error/ with a <name>.error.json sidecar.
	StateError State = "error"
	// StateSuspended: the converter is waiting for a dependency; the file stays in
	// place until RetryAt.
	StateSuspended State = "suspended"
)

// Event is one state change of one file, given to WatcherOptions.OnEvent and
// logged.
type Event struct {
	Time time.Time
	// File is the file's path in the watched folder.
	File string
	// Converter is the converter's name ("" before a sniffing folder chose one).
	Converter string
	State     State
	// Reports are the ids of the reports accepted so far.
	Reports []string
	// Dest is where the file went (Done/, Error/, the zip); "" when deleted or in
	// place.
	Dest string
	// Attempt counts the attempts at this file in this process, 1 for the first.
	Attempt int
	// RetryAt is when a pending or suspended file is tried again (zero: at once).
	RetryAt time.Time
	// Err is why the file failed, was suspended or went back to pending.
	Err error
}
