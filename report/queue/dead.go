package queue

import (
	"errors"
	"fmt"
	"sort"
)

// Dead lists the dead-letter entries with the reason each was rejected,
// oldest first. Corrupt dead entries are quarantined and left out.
func (q *Queue) Dead() ([]Meta, error) {
	des, err := q.fs.ReadDir(q.dir)
	if err != nil {
		return nil, fmt.Errorf("queue: list dead letter: %w", err)
	}
	var out []Meta
	for _, de := range des {
		if _, st, ok := splitName(de.Name()); !ok || st != StateDead {
			continue
		}
		m, err := q.readMeta(de.Name())
		if err != nil {
			if errors.Is(err, errCorrupt) {
				size := int64(0)
				if info, ierr := de.Info(); ierr == nil {
					size = info.Size()
				}
				q.quarantine(de.Name(), size, err)
			}
			continue
		}
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].EnqueuedAt.Before(out[j].EnqueuedAt) })
	return out, nil
}

// Requeue moves the dead-letter entry id back to pending with its attempt
// counters reset, so the uploader tries it at once. It returns an error
// matching ErrNoEntry when id is not in dead letter.
func (q *Queue) Requeue(id string) error {
	key, ok := normID(id)
	if !ok {
		return fmt.Errorf("queue: requeue %q: %w", id, ErrNoEntry)
	}
	dead := fileName(key, StateDead)
	data, err := q.fs.ReadFile(q.path(dead))
	if isNotExist(err) {
		return fmt.Errorf("queue: requeue %s: %w", id, ErrNoEntry)
	}
	if err != nil {
		return fmt.Errorf("queue: requeue %s: %w", id, err)
	}
	m, body, err := decodeEntry(data, key)
	if err != nil {
		q.quarantine(dead, int64(len(data)), err)
		return fmt.Errorf("queue: requeue %s: %w", id, err)
	}
	m.Attempts, m.Failures = 0, 0
	m.NextAttempt = q.cfg.now()
	// Pending first, then drop the dead name: a crash in between leaves
	// both, and the uploader's recovery keeps the pending one.
	size, err := q.store(key, StatePending, m, body)
	if err != nil {
		return fmt.Errorf("queue: requeue %s: %w", id, err)
	}
	if err := q.fs.Remove(q.path(dead)); err != nil && !isNotExist(err) {
		return fmt.Errorf("queue: requeue %s: remove dead copy: %w", id, err)
	}
	q.mu.Lock()
	if q.owner {
		q.index[key] = &item{key: key, meta: m, size: size, state: StatePending}
	}
	q.bytes += size - int64(len(data))
	q.mu.Unlock()
	q.emit(EventQueued, key, 0, nil)
	q.nudge()
	return nil
}

// RequeueDead moves every dead-letter entry back to pending and returns how
// many moved. It stops at the first failure.
func (q *Queue) RequeueDead() (int, error) {
	des, err := q.fs.ReadDir(q.dir)
	if err != nil {
		return 0, fmt.Errorf("queue: requeue dead letter: %w", err)
	}
	n := 0
	for _, de := range des {
		key, st, ok := splitName(de.Name())
		if !ok || st != StateDead {
			continue
		}
		if err := q.Requeue(key); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
