package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"time"

	"github.com/watsgo/sdk/report"
)

// Run uploads queued reports until ctx ends, then returns nil.
//
// It runs at most the configured number of uploads at once, oldest entry
// first, and retries each failed entry after its own exponential backoff
// with jitter (capped at 5 minutes by default). It rescans the folder every
// poll interval (reports queued by other processes), wakes at once on
// Wake or the WithWake channel, and, when another process holds the
// directory lock, keeps trying to take it over. When ctx ends, uploads in
// flight get the stop grace period to finish; those cut short return to
// pending without counting as an attempt. No entry is lost either way.
//
// WATS API: POST /api/Report/WSJF (through the Submitter)
func (q *Queue) Run(ctx context.Context) error {
	if q.sub == nil {
		return errors.New("queue: Run needs a Submitter; this Queue was opened enqueue-only")
	}
	q.mu.Lock()
	switch {
	case q.closed:
		q.mu.Unlock()
		return ErrClosed
	case q.running:
		q.mu.Unlock()
		return errors.New("queue: Run is already running")
	}
	q.running = true
	q.mu.Unlock()
	defer func() {
		q.mu.Lock()
		q.running = false
		q.mu.Unlock()
	}()

	// Uploads outlive ctx by the stop grace so a report half-way through
	// its POST is not cut off needlessly.
	sendCtx, cancelSend := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelSend()
	var wg sync.WaitGroup
	defer q.drainInFlight(&wg, cancelSend)

	poll := time.NewTicker(q.cfg.pollInterval)
	defer poll.Stop()
	wake := q.cfg.wake
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	needScan, allDue := true, false
	for {
		if !q.Uploader() {
			if err := q.tryOwn(); err != nil {
				q.logf(slog.LevelError, "queue: cannot take the uploader lock", "err", err)
			}
			needScan = needScan || q.Uploader()
		}
		var next time.Time
		if q.Uploader() {
			if needScan {
				if err := q.scan(); err != nil {
					q.logf(slog.LevelError, "queue: cannot scan the queue folder", "dir", q.dir, "err", err)
				}
				q.pruneArchive()
				needScan = false
			}
			if allDue {
				q.makeAllDue()
				allDue = false
			}
			next = q.dispatch(sendCtx, &wg)
		}
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		if !next.IsZero() {
			timer.Reset(max(next.Sub(q.cfg.now()), time.Millisecond))
		}
		select {
		case <-ctx.Done():
			return nil
		case <-q.kick:
		case <-q.poke:
			needScan, allDue = true, true
		case _, ok := <-wake:
			if !ok {
				wake = nil
			}
			needScan, allDue = true, true
		case <-poll.C:
			needScan = true
		case <-timer.C:
		}
	}
}

// Wake makes a running uploader rescan at once and try every pending entry
// now, ignoring backoff (for example when the server is reachable again).
func (q *Queue) Wake() {
	select {
	case q.poke <- struct{}{}:
	default:
	}
}

// drainInFlight waits for uploads in flight, cancelling them after the
// stop grace.
func (q *Queue) drainInFlight(wg *sync.WaitGroup, cancel context.CancelFunc) {
	done := make(chan struct{})
	go func() {
		wg.Wait()
		close(done)
	}()
	grace := time.NewTimer(q.cfg.stopGrace)
	defer grace.Stop()
	select {
	case <-done:
	case <-grace.C:
		cancel()
		<-done
	}
}

func (q *Queue) makeAllDue() {
	q.mu.Lock()
	defer q.mu.Unlock()
	now := q.cfg.now()
	q.wakeGen++
	for _, it := range q.index {
		if it.state == StatePending && it.meta.NextAttempt.After(now) {
			it.meta.NextAttempt = now
		}
	}
}

// dispatch starts uploads for due entries, oldest first, while slots are
// free, and returns when the earliest not-yet-due entry becomes due (zero
// when none waits).
func (q *Queue) dispatch(ctx context.Context, wg *sync.WaitGroup) time.Time {
	q.mu.Lock()
	defer q.mu.Unlock()
	now := q.cfg.now()
	var next time.Time
	for free := q.cfg.concurrency - q.active; ; free-- {
		var pick *item
		for _, it := range q.index {
			if it.state != StatePending || it.inflight {
				continue
			}
			q.clampNext(&it.meta, now)
			if it.meta.NextAttempt.After(now) {
				if next.IsZero() || it.meta.NextAttempt.Before(next) {
					next = it.meta.NextAttempt
				}
				continue
			}
			if free > 0 && (pick == nil || older(it, pick)) {
				pick = it
			}
		}
		if pick == nil {
			return next
		}
		pick.inflight = true
		pick.gen = q.wakeGen
		q.active++
		wg.Add(1)
		go q.work(ctx, pick, wg)
	}
}

func older(a, b *item) bool {
	if !a.meta.EnqueuedAt.Equal(b.meta.EnqueuedAt) {
		return a.meta.EnqueuedAt.Before(b.meta.EnqueuedAt)
	}
	return a.key < b.key
}

// work performs one upload attempt of a pending entry.
func (q *Queue) work(ctx context.Context, it *item, wg *sync.WaitGroup) {
	defer wg.Done()
	defer func() {
		q.mu.Lock()
		it.inflight = false
		q.active--
		q.mu.Unlock()
		q.nudge()
	}()
	key := it.key
	pending, sending := fileName(key, StatePending), fileName(key, StateSending)
	if err := q.fs.Rename(q.path(pending), q.path(sending)); err != nil {
		q.mu.Lock()
		if isNotExist(err) {
			// Requeued, quarantined or removed behind our back; the next
			// scan sees the truth.
			if q.index[key] == it {
				delete(q.index, key)
			}
		} else {
			it.meta.NextAttempt = q.cfg.now().Add(q.cfg.pollInterval)
			q.noteErrLocked(fmt.Sprintf("claim %s: %v", key, err))
		}
		q.mu.Unlock()
		return
	}
	q.mu.Lock()
	it.state = StateSending
	size := it.size
	q.mu.Unlock()

	data, err := q.fs.ReadFile(q.path(sending))
	if err != nil {
		q.unclaim(it, fmt.Errorf("read entry: %w", err))
		return
	}
	m, body, err := decodeEntry(data, key)
	var r *report.Report
	if err == nil {
		if r, err = report.Parse(body); err != nil {
			err = fmt.Errorf("%w: %v", errCorrupt, err)
		}
	}
	if err != nil {
		q.mu.Lock()
		if q.index[key] == it {
			delete(q.index, key)
		}
		q.mu.Unlock()
		q.quarantine(sending, size, err)
		return
	}
	q.mu.Lock()
	it.meta = m
	q.mu.Unlock()

	actx, cancel := context.WithTimeout(ctx, q.cfg.attemptTimeout)
	serverID, sendErr := q.sub.Submit(actx, r)
	cancel()
	q.settle(it, body, serverID, sendErr, sendErr != nil && ctx.Err() != nil)
}

// unclaim puts an entry back to pending after a local failure (not an
// upload failure) and postpones it by one poll interval.
func (q *Queue) unclaim(it *item, why error) {
	_ = q.fs.Rename(q.path(fileName(it.key, StateSending)), q.path(fileName(it.key, StatePending)))
	q.mu.Lock()
	it.state = StatePending
	it.meta.NextAttempt = q.cfg.now().Add(q.cfg.pollInterval)
	q.noteErrLocked(fmt.Sprintf("%s: %v", it.key, why))
	q.mu.Unlock()
	q.logf(slog.LevelError, "queue: local failure, entry postponed", "id", it.key, "err", why)
}

// settle records the outcome of an attempt on disk and in memory: sent
// entries are removed (or archived), failed ones go back to pending with
// their new bookkeeping, rejected ones to dead letter. An attempt cut short
// by Run stopping is not counted.
func (q *Queue) settle(it *item, body []byte, serverID string, sendErr error, interrupted bool) Receipt {
	key := it.key
	sending := q.path(fileName(key, StateSending))
	q.mu.Lock()
	m := it.meta
	q.mu.Unlock()

	v := classify(sendErr)
	if sendErr != nil && v == conflict && m.mayBeOnServer() {
		q.logf(slog.LevelInfo, "queue: server already holds this report id after an earlier attempt; counted as sent", "id", key, "err", sendErr)
		sendErr = nil
	}
	if sendErr == nil {
		q.archiveCopy(key, body)
		if err := q.fs.Remove(sending); err != nil && !isNotExist(err) {
			// Left behind, it is re-sent after a restart under the same id,
			// which the server files once.
			q.logf(slog.LevelWarn, "queue: cannot remove sent entry", "id", key, "err", err)
		}
		q.mu.Lock()
		if q.index[key] == it {
			delete(q.index, key)
		}
		it.inflight = false
		q.count--
		q.bytes -= it.size
		q.sent++
		q.mu.Unlock()
		q.emit(EventSent, key, m.Attempts, nil)
		return Receipt{ID: m.ID, State: StateSent, ServerID: serverID}
	}

	if interrupted {
		// Not a failure of the report: no attempt is counted, but the
		// upload may have arrived, which a later 409 must be able to tell.
		m.Interrupted++
		size, err := q.store(key, StatePending, m, body)
		if err == nil {
			_ = q.fs.Remove(sending)
		} else {
			_ = q.fs.Rename(sending, q.path(fileName(key, StatePending)))
			m.Interrupted--
			size = it.size
		}
		q.mu.Lock()
		it.meta = m
		it.state = StatePending
		it.inflight = false
		q.bytes += size - it.size
		it.size = size
		q.mu.Unlock()
		return Receipt{ID: m.ID, State: StatePending, Err: sendErr}
	}

	m.LastError, m.LastStatus = failure(sendErr)
	m.LastAttemptAt = q.cfg.now()
	// An open breaker or client-side throttling sent nothing: no failure is
	// counted (it would make the report look as if it might be on the
	// server, and inflate the failure figures), the entry just waits.
	unsent := notSent(sendErr)
	if !unsent {
		m.Failures++
	}
	if v == retryCounted {
		m.Attempts++
	}
	target := StatePending
	switch {
	case v == reject || v == conflict || (q.cfg.maxAttempts > 0 && m.Attempts >= q.cfg.maxAttempts):
		target = StateDead
	case unsent:
		m.NextAttempt = q.cfg.now().Add(q.cfg.pollInterval)
	default:
		m.NextAttempt = q.cfg.now().Add(q.backoff(m.Failures))
	}
	size, err := q.store(key, target, m, body)
	if err == nil {
		_ = q.fs.Remove(sending)
	} else {
		// The new bookkeeping cannot be written (disk full?). Keep the old
		// file under the right state name; only the counters are lost.
		q.logf(slog.LevelError, "queue: cannot persist attempt bookkeeping", "id", key, "err", err)
		if rerr := q.fs.Rename(sending, q.path(fileName(key, target))); rerr != nil {
			q.logf(slog.LevelError, "queue: entry left in sending state", "id", key, "err", rerr)
		}
		size = it.size
	}

	q.mu.Lock()
	it.meta = m
	if it.gen != q.wakeGen {
		// Woken while this attempt ran: the backoff it earned predates the
		// "online again" news, so try again now (in memory only).
		it.meta.NextAttempt = q.cfg.now()
	}
	it.state = target
	it.inflight = false
	q.bytes += size - it.size
	it.size = size
	if !unsent {
		q.failed++
	}
	if target == StateDead {
		q.dead++
		if q.index[key] == it {
			delete(q.index, key)
		}
	}
	q.noteErrLocked(fmt.Sprintf("%s: %s", key, m.LastError))
	q.mu.Unlock()

	switch {
	case target == StateDead:
		q.logf(slog.LevelWarn, "queue: report moved to dead letter", "id", key, "attempts", m.Attempts, "err", sendErr)
		q.emit(EventDead, key, m.Attempts, sendErr)
	case isAuth(sendErr):
		q.logf(slog.LevelError, "queue: server refused the station's credentials; reports stay queued until fixed", "id", key, "err", sendErr)
		q.emit(EventAuthFailed, key, m.Attempts, sendErr)
	default:
		q.logf(slog.LevelInfo, "queue: upload failed, will retry", "id", key, "attempts", m.Attempts, "next", m.NextAttempt, "err", sendErr)
		q.emit(EventFailed, key, m.Attempts, sendErr)
	}
	return Receipt{ID: m.ID, State: target, Err: sendErr}
}

// backoff is the delay before the next attempt after n failures: base
// doubled per failure, capped, with jitter over the upper half so stations
// that failed together do not retry together.
func (q *Queue) backoff(n int) time.Duration {
	d := q.cfg.backoffBase
	for i := 1; i < n && d < q.cfg.backoffMax; i++ {
		d *= 2
	}
	d = min(d, q.cfg.backoffMax)
	half := d / 2
	return half + rand.N(d-half+1)
}

// archiveCopy keeps a plain WSJF copy of a sent report when archiving is on.
// It is best effort: the report is already on the server.
func (q *Queue) archiveCopy(key string, body []byte) {
	if !q.cfg.archive {
		return
	}
	dir := q.path(archiveDir)
	if err := q.fs.MkdirAll(dir, 0o755); err == nil {
		err = q.fs.WriteFile(filepath.Join(dir, key+".json"), body, 0o644)
		if err == nil {
			return
		}
		q.logf(slog.LevelWarn, "queue: cannot archive sent report", "id", key, "err", err)
	}
}

// pruneArchive deletes archived copies older than the retention.
func (q *Queue) pruneArchive() {
	if !q.cfg.archive {
		return
	}
	des, err := q.fs.ReadDir(q.path(archiveDir))
	if err != nil {
		return
	}
	cut := q.cfg.now().Add(-q.cfg.archiveKeep)
	for _, de := range des {
		if info, err := de.Info(); err == nil && info.ModTime().Before(cut) {
			_ = q.fs.Remove(filepath.Join(q.path(archiveDir), de.Name()))
		}
	}
}

// clampNext undoes a clock that went back. Every time an entry records
// (when it was stored, when it last failed) was "now" when written; one
// that lies in the future proves the clock jumped back since, across a
// restart or while running, and the persisted next-attempt time is then
// meaningless: without this a report would wait until the clock caught up
// (a year in the worst case seen). The entry becomes due at once.
func (q *Queue) clampNext(m *Meta, now time.Time) {
	limit := now.Add(clockSlack)
	if m.EnqueuedAt.After(limit) || m.LastAttemptAt.After(limit) {
		m.NextAttempt = now
		if m.EnqueuedAt.After(now) {
			m.EnqueuedAt = now
		}
		if m.LastAttemptAt.After(now) {
			m.LastAttemptAt = now
		}
	}
}

// clockSlack tolerates small clock corrections (NTP steps) without a reset.
const clockSlack = time.Minute

// Flush wakes the uploader and waits until no report is pending or being
// sent, or until ctx ends: a station calls it before shutting down, a test
// before it looks at the server. Reports in dead letter do not hold it up.
// It needs Run to be running in this process (it returns ErrNotUploader
// when another process holds the queue); when ctx ends first, the error
// says how many reports are still waiting and matches ctx's error.
func (q *Queue) Flush(ctx context.Context) error {
	tick := time.NewTicker(flushPoll)
	defer tick.Stop()
	q.makeAllDue()
	q.nudge()
	for {
		st, err := q.Stats()
		if err != nil {
			return fmt.Errorf("queue.Flush: %w", err)
		}
		if st.Pending+st.Sending == 0 {
			return nil
		}
		q.mu.Lock()
		owner, running, closed := q.owner, q.running, q.closed
		q.mu.Unlock()
		switch {
		case closed:
			return ErrClosed
		case !owner:
			return fmt.Errorf("queue.Flush: %d reports waiting: %w", st.Pending+st.Sending, ErrNotUploader)
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("queue.Flush: %d reports still waiting (uploader running: %t): %w", st.Pending+st.Sending, running, ctx.Err())
		case <-tick.C:
		}
	}
}

// flushPoll is how often Flush looks at the queue.
const flushPoll = 20 * time.Millisecond
