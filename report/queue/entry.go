package queue

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"strings"
	"time"
)

// State is where an entry sits in the queue. It is also the file-name
// extension of the entry's data file, so a state change is one atomic rename.
type State string

// Entry states.
const (
	// StatePending waits for its next attempt.
	StatePending State = "pending"
	// StateSending is being uploaded (or was, when a crash interrupted it).
	StateSending State = "sending"
	// StateDead was rejected by the server or ran out of attempts; it stays
	// until Requeue or RequeueDead.
	StateDead State = "dead"
	// StateSent is not stored: it is what a Receipt says after a successful
	// upload.
	StateSent State = "sent"
)

// entryVersion is written in every header so a future format can be told apart.
const entryVersion = 1

// Meta is the persisted bookkeeping of one entry: it survives restarts.
type Meta struct {
	// ID is the report id the entry is named by.
	ID string `json:"id"`
	// EnqueuedAt is when the report was first stored.
	EnqueuedAt time.Time `json:"enqueuedAt"`
	// Attempts counts failed upload attempts that count towards MaxAttempts.
	Attempts int `json:"attempts"`
	// Failures counts every failed attempt; it drives the backoff.
	Failures int `json:"failures"`
	// Interrupted counts attempts cut short by a crash or a shutdown, which
	// may or may not have reached the server.
	Interrupted int `json:"interrupted,omitempty"`
	// NextAttempt is the earliest time of the next upload attempt.
	NextAttempt time.Time `json:"nextAttempt"`
	// LastAttemptAt is when the last failed attempt ended (zero before one).
	LastAttemptAt time.Time `json:"lastAttemptAt,omitempty"`
	// LastError is the last failure, with the server's message for a rejection.
	LastError string `json:"lastError,omitempty"`
	// LastStatus is the HTTP status of the last failure (0 below HTTP).
	LastStatus int `json:"lastStatus,omitempty"`
}

// header is the first line of a data file; Size and CRC guard the body
// against torn or damaged writes.
type header struct {
	Version int `json:"v"`
	Meta
	Size int    `json:"size"`
	CRC  uint32 `json:"crc32c"`
}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// encodeEntry lays out a data file: one JSON header line, then the WSJF body.
func encodeEntry(m Meta, body []byte) ([]byte, error) {
	h, err := json.Marshal(header{Version: entryVersion, Meta: m, Size: len(body), CRC: crc32.Checksum(body, castagnoli)})
	if err != nil {
		return nil, err
	}
	out := make([]byte, 0, len(h)+1+len(body))
	out = append(out, h...)
	out = append(out, '\n')
	return append(out, body...), nil
}

// errCorrupt marks a data file that cannot be trusted; such files go to
// quarantine.
var errCorrupt = errors.New("corrupt queue entry")

// decodeEntry checks and splits a data file. wantID is the id taken from the
// file name.
func decodeEntry(data []byte, wantID string) (Meta, []byte, error) {
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 {
		return Meta{}, nil, fmt.Errorf("%w: no header line (truncated write?)", errCorrupt)
	}
	var h header
	if err := json.Unmarshal(data[:nl], &h); err != nil {
		return Meta{}, nil, fmt.Errorf("%w: header: %v", errCorrupt, err)
	}
	if h.Version != entryVersion {
		return Meta{}, nil, fmt.Errorf("%w: unknown entry version %d", errCorrupt, h.Version)
	}
	if !strings.EqualFold(h.ID, wantID) {
		return Meta{}, nil, fmt.Errorf("%w: header id %q does not match file name %q", errCorrupt, h.ID, wantID)
	}
	body := data[nl+1:]
	if len(body) != h.Size {
		return Meta{}, nil, fmt.Errorf("%w: body is %d bytes, header says %d (truncated write?)", errCorrupt, len(body), h.Size)
	}
	if crc32.Checksum(body, castagnoli) != h.CRC {
		return Meta{}, nil, fmt.Errorf("%w: body checksum mismatch", errCorrupt)
	}
	return h.Meta, body, nil
}

// fileName is the data file name of id in state s.
func fileName(id string, s State) string { return id + "." + string(s) }

// splitName parses a data file name; ok is false for anything else (lock
// file, temp files, folders).
func splitName(name string) (id string, s State, ok bool) {
	dot := strings.LastIndexByte(name, '.')
	if dot <= 0 {
		return "", "", false
	}
	// Case-insensitive, as on Windows and macOS volumes: an entry copied
	// from one of those as "X.Pending" is still an entry (scan renames it).
	switch st := State(strings.ToLower(name[dot+1:])); st {
	case StatePending, StateSending, StateDead:
		return strings.ToLower(name[:dot]), st, true
	}
	return "", "", false
}

// normID turns a report id into the key used for file names. WATS ids are
// GUIDs and the server stores them in lower case, so the key is lower case
// too; anything that is not a safe file-name token is refused.
func normID(id string) (string, bool) {
	if id == "" || len(id) > 128 {
		return "", false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c == '-', c == '_', c == '{', c == '}':
		default:
			return "", false
		}
	}
	return strings.ToLower(id), true
}

// mayBeOnServer reports whether an earlier attempt could have delivered the
// report although the queue never saw the answer (a timeout, a reset after
// the body was sent, a crash or shutdown mid-upload).
func (m Meta) mayBeOnServer() bool { return m.Failures > 0 || m.Interrupted > 0 }
