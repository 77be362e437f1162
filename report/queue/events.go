package queue

import "time"

// EventKind names what happened to an entry.
type EventKind string

// Event kinds.
const (
	// EventQueued: the report is durably stored.
	EventQueued EventKind = "queued"
	// EventSent: the server accepted the report; the entry is gone.
	EventSent EventKind = "sent"
	// EventFailed: an attempt failed; the entry stays pending.
	EventFailed EventKind = "failed"
	// EventAuthFailed: an attempt failed with 401/403; the station's
	// credentials need attention. The entry stays pending.
	EventAuthFailed EventKind = "auth_failed"
	// EventDead: the entry moved to dead letter.
	EventDead EventKind = "dead"
	// EventQuarantined: a corrupt entry was moved to the quarantine folder.
	EventQuarantined EventKind = "quarantined"
	// EventRecovered: an entry left "sending" by a crash went back to pending.
	EventRecovered EventKind = "recovered"
)

// Event is passed to the WithEvents callback.
type Event struct {
	// Kind says what happened.
	Kind EventKind
	// ID is the report id (the file-name key, lower case).
	ID string
	// Attempts is the entry's counted failures after this event.
	Attempts int
	// Err is the failure behind failed, auth_failed, dead and quarantined.
	Err error
	// Time is when it happened (the queue's clock).
	Time time.Time
}

func (q *Queue) emit(kind EventKind, id string, attempts int, err error) {
	if q.cfg.onEvent == nil {
		return
	}
	q.cfg.onEvent(Event{Kind: kind, ID: id, Attempts: attempts, Err: err, Time: q.cfg.now()})
}
