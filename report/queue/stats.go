package queue

import (
	"fmt"
	"strings"
	"time"
)

// Stats is a snapshot of the queue.
type Stats struct {
	// Pending, Sending and Dead count entries on disk per state;
	// Quarantined counts files moved aside as corrupt.
	Pending, Sending, Dead, Quarantined int
	// Bytes is the disk size of pending, sending and dead entries.
	Bytes int64
	// OldestPending is the age of the oldest pending or sending entry (zero
	// when none).
	OldestPending time.Duration
	// LastError is the most recent failure seen by this Queue, and when.
	LastError   string
	LastErrorAt time.Time // when LastError happened
	// Sent, Failed and DeadLettered are totals since Open: reports uploaded,
	// failed attempts (calls refused by the client's open circuit breaker or
	// rate limit sent nothing and are not counted), entries moved to dead
	// letter.
	Sent, Failed, DeadLettered uint64
	// Uploader tells whether this Queue holds the directory lock.
	Uploader bool
}

// String renders the snapshot on one line for logs.
func (s Stats) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "pending=%d sending=%d dead=%d quarantined=%d bytes=%d oldest=%s sent=%d failed=%d deadLettered=%d",
		s.Pending, s.Sending, s.Dead, s.Quarantined, s.Bytes, s.OldestPending.Round(time.Millisecond),
		s.Sent, s.Failed, s.DeadLettered)
	if s.LastError != "" {
		fmt.Fprintf(&b, " lastError=%q", s.LastError)
	}
	return b.String()
}

// Stats counts the entries on disk (so it sees other processes' work too)
// and adds this Queue's totals.
func (q *Queue) Stats() (Stats, error) {
	des, err := q.fs.ReadDir(q.dir)
	if err != nil {
		return Stats{}, fmt.Errorf("queue: stats: %w", err)
	}
	now := q.cfg.now()
	// During a state change an entry briefly has two names (the new one is
	// written before the old one is removed); count it once, by the new.
	type seen struct {
		st   State
		size int64
		at   time.Time
	}
	byKey := make(map[string]seen, len(des))
	q.mu.Lock()
	for _, de := range des {
		key, st, ok := splitName(de.Name())
		if !ok || !de.Type().IsRegular() || strings.HasPrefix(de.Name(), tempPrefix) {
			continue // folders, links and temp files named like entries are not entries
		}
		if prev, dup := byKey[key]; dup && prev.st != StateSending {
			continue
		}
		// A file renamed since ReadDir (claimed, settled) has no Info any
		// more; it still existed under this name, so it still counts.
		var size int64
		at := now
		if info, err := de.Info(); err == nil {
			size, at = info.Size(), info.ModTime()
		}
		// Entries the uploader knows carry their enqueue time; others (from
		// another process, not yet scanned) fall back to the file time.
		if it := q.index[key]; it != nil {
			at = it.meta.EnqueuedAt
		}
		byKey[key] = seen{st: st, size: size, at: at}
	}
	// ReadDir is not atomic against renames; entries this uploader holds
	// are counted even if the listing missed them.
	for key, it := range q.index {
		if _, ok := byKey[key]; !ok && (it.state == StatePending || it.state == StateSending) {
			byKey[key] = seen{st: it.state, size: it.size, at: it.meta.EnqueuedAt}
		}
	}
	var s Stats
	var oldest time.Time
	for _, e := range byKey {
		s.Bytes += e.size
		switch e.st {
		case StatePending:
			s.Pending++
		case StateSending:
			s.Sending++
		case StateDead:
			s.Dead++
			continue
		}
		if oldest.IsZero() || e.at.Before(oldest) {
			oldest = e.at
		}
	}
	s.LastError, s.LastErrorAt = q.lastErr, q.lastAt
	s.Sent, s.Failed, s.DeadLettered = q.sent, q.failed, q.dead
	s.Uploader = q.owner
	q.mu.Unlock()
	if !oldest.IsZero() {
		s.OldestPending = max(now.Sub(oldest), 0)
	}
	if qs, err := q.fs.ReadDir(q.path(quarantineDir)); err == nil {
		for _, de := range qs {
			if !strings.HasSuffix(de.Name(), ".reason.txt") {
				s.Quarantined++
			}
		}
	}
	return s, nil
}
