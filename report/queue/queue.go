package queue

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/watsgo/sdk/report"
)

// Submitter uploads one report and returns the id the server filed it
// under. *report.Service satisfies it.
type Submitter interface {
	Submit(ctx context.Context, r *report.Report) (string, error)
}

// SubmitterFunc adapts a function to Submitter.
type SubmitterFunc func(ctx context.Context, r *report.Report) (string, error)

// Submit calls f.
func (f SubmitterFunc) Submit(ctx context.Context, r *report.Report) (string, error) {
	return f(ctx, r)
}

// Sub-folders of a queue directory.
const (
	lockFile      = "lock"
	quarantineDir = "quarantine"
	archiveDir    = "archive"
	tempPrefix    = ".tmp-"
	// staleTemp is the age after which an orphaned temp file (a write cut
	// short by a crash) is deleted; younger ones may belong to a process
	// writing right now.
	staleTemp = time.Hour
)

// Queue is a durable, crash-safe report queue in one directory. It is safe
// for concurrent use, and several processes may share a directory: one of
// them (the holder of the directory lock) uploads, the others only enqueue.
type Queue struct {
	dir string
	sub Submitter
	cfg config
	fs  fileSystem

	mu      sync.Mutex
	lock    *dirLock
	owner   bool
	closed  bool
	running bool
	index   map[string]*item // entries this uploader knows, by key
	active  int              // uploads in flight in Run
	count   int              // entries on disk (pending, sending, dead)
	bytes   int64            // their size on disk
	// totalsAt is when count and bytes were last read from disk.
	totalsAt time.Time
	wakeGen  uint64 // counts wakes (WithWake, Wake)
	lastErr  string
	lastAt   time.Time
	sent     uint64
	failed   uint64
	dead     uint64

	kick chan struct{} // something changed: dispatch again
	poke chan struct{} // Wake: rescan and ignore backoff
}

// item is the uploader's view of one entry.
type item struct {
	key      string
	meta     Meta
	size     int64
	state    State
	inflight bool
	// gen is the wake generation when the attempt started; a wake during
	// the attempt makes a failed entry due at once.
	gen uint64
}

// Open creates or reopens the queue in dir. sub uploads reports; with a nil
// sub the Queue only enqueues (for a process that leaves uploading to
// another one). Otherwise Open tries to take the directory lock; when
// another process holds it, this Queue enqueues only until Run takes the
// lock over.
func Open(dir string, sub Submitter, opts ...Option) (*Queue, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if strings.TrimSpace(dir) == "" {
		return nil, errors.New("queue: directory is empty")
	}
	q := &Queue{
		dir:   dir,
		sub:   sub,
		cfg:   cfg,
		fs:    cfg.fs,
		index: map[string]*item{},
		kick:  make(chan struct{}, 1),
		poke:  make(chan struct{}, 1),
	}
	for _, d := range []string{dir, q.path(quarantineDir)} {
		if err := q.fs.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("queue: open %s: %w", dir, err)
		}
	}
	if sub != nil {
		if err := q.tryOwn(); err != nil {
			return nil, err
		}
	}
	if err := q.scan(); err != nil {
		q.mu.Lock()
		_ = q.unlockDir()
		q.mu.Unlock()
		return nil, fmt.Errorf("queue: open %s: %w", dir, err)
	}
	return q, nil
}

// Dir returns the queue directory.
func (q *Queue) Dir() string { return q.dir }

// Uploader reports whether this Queue holds the directory lock and so is
// the process that uploads.
func (q *Queue) Uploader() bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.owner
}

// Close releases the directory lock. Call it after Run has returned;
// entries stay on disk for the next Open.
func (q *Queue) Close() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.closed {
		return nil
	}
	if q.running {
		return errors.New("queue: Close called while Run is running; cancel Run's context first")
	}
	q.closed = true
	return q.unlockDir()
}

func (q *Queue) unlockDir() error {
	err := q.lock.unlock()
	q.lock, q.owner = nil, false
	return err
}

// tryOwn takes the directory lock if it is free and, on success, recovers
// entries a crashed uploader left "sending".
func (q *Queue) tryOwn() error {
	l, held, err := tryLock(q.path(lockFile))
	if err != nil {
		return fmt.Errorf("queue: lock %s: %w", q.dir, err)
	}
	if !held {
		return nil
	}
	q.mu.Lock()
	q.lock, q.owner = l, true
	q.mu.Unlock()
	q.recoverOrphans()
	return nil
}

func (q *Queue) path(name string) string { return filepath.Join(q.dir, name) }

// store writes an entry durably: temp file, fsync, atomic rename into its
// state name, fsync of the directory. On error nothing is left behind.
func (q *Queue) store(key string, st State, m Meta, body []byte) (int64, error) {
	data, err := encodeEntry(m, body)
	if err != nil {
		return 0, err
	}
	f, err := q.fs.CreateTemp(q.dir, tempPrefix+key+"-*")
	if err != nil {
		return 0, err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = q.fs.Rename(tmp, q.path(fileName(key, st)))
	}
	if err != nil {
		_ = q.fs.Remove(tmp)
		return 0, err
	}
	if err := q.fs.SyncDir(q.dir); err != nil {
		// The rename may not survive a power cut; undo it so the caller's
		// "not stored" is true.
		_ = q.fs.Remove(q.path(fileName(key, st)))
		return 0, err
	}
	return int64(len(data)), nil
}

// exists reports whether key has an entry in any state.
func (q *Queue) exists(key string) bool {
	for _, st := range []State{StatePending, StateSending, StateDead} {
		if _, err := q.fs.Stat(q.path(fileName(key, st))); err == nil {
			return true
		}
	}
	return false
}

// quarantine moves a damaged or unreadable data file aside with a note
// saying why, so the uploader can keep going and a human can look at it
// later.
func (q *Queue) quarantine(name string, size int64, reason error) {
	stamp := q.cfg.now().UTC().Format("20060102T150405.000000000")
	dst := filepath.Join(q.path(quarantineDir), name+"."+stamp)
	if err := q.fs.Rename(q.path(name), dst); err != nil {
		q.logf(slog.LevelError, "queue: cannot quarantine corrupt entry", "file", name, "reason", reason, "err", err)
		return
	}
	_ = q.fs.WriteFile(dst+".reason.txt", []byte(reason.Error()+"\n"), 0o644)
	id, _, _ := splitName(name)
	q.mu.Lock()
	if it := q.index[id]; it != nil && !it.inflight {
		delete(q.index, id)
	}
	q.count--
	q.bytes -= size
	q.noteErrLocked(fmt.Sprintf("quarantined %s: %v", name, reason))
	q.mu.Unlock()
	q.logf(slog.LevelWarn, "queue: corrupt entry quarantined", "file", name, "reason", reason)
	q.emit(EventQuarantined, id, 0, reason)
}

func (q *Queue) noteErrLocked(msg string) {
	q.lastErr = msg
	q.lastAt = q.cfg.now()
}

func (q *Queue) logf(level slog.Level, msg string, args ...any) {
	if q.cfg.logger != nil {
		q.cfg.logger.Log(context.Background(), level, msg, args...)
	}
}

// recoverOrphans puts back to pending every "sending" entry found when the
// lock is taken: only the lock holder sends, so they were left by a crash.
func (q *Queue) recoverOrphans() {
	des, err := q.fs.ReadDir(q.dir)
	if err != nil {
		return
	}
	have := map[string]bool{}
	for _, de := range des {
		have[de.Name()] = true
	}
	changed := false
	for _, de := range des {
		key, st, ok := splitName(de.Name())
		if !ok || st != StateSending {
			continue
		}
		q.recoverOne(key, have[fileName(key, StatePending)] || have[fileName(key, StateDead)])
		changed = true
	}
	if changed {
		_ = q.fs.SyncDir(q.dir)
	}
}

// recoverOne returns an orphaned "sending" entry to pending. When a newer
// pending or dead copy exists (a crash between writing it and removing the
// old name), the stale sending copy is dropped instead.
func (q *Queue) recoverOne(key string, superseded bool) {
	name := fileName(key, StateSending)
	if superseded {
		_ = q.fs.Remove(q.path(name))
		return
	}
	// Mark the interrupted attempt in the bookkeeping (it may have reached
	// the server); if the file cannot be rewritten, a plain rename still
	// gets the report going again.
	if data, err := q.fs.ReadFile(q.path(name)); err == nil {
		if m, body, err := decodeEntry(data, key); err == nil {
			m.Interrupted++
			if _, err := q.store(key, StatePending, m, body); err == nil {
				_ = q.fs.Remove(q.path(name))
				q.logf(slog.LevelInfo, "queue: recovered entry interrupted during upload", "id", key)
				q.emit(EventRecovered, key, m.Attempts, nil)
				return
			}
		}
	}
	if err := q.fs.Rename(q.path(name), q.path(fileName(key, StatePending))); err != nil {
		q.logf(slog.LevelError, "queue: cannot recover in-flight entry", "id", key, "err", err)
		return
	}
	q.logf(slog.LevelInfo, "queue: recovered entry interrupted during upload", "id", key)
	q.emit(EventRecovered, key, 0, nil)
}

// badEntry is a data file found corrupt by a scan.
type badEntry struct {
	name   string
	size   int64
	reason error
}

// orphan is a "sending" entry no upload owns.
type orphan struct {
	key        string
	superseded bool
}

// scan reconciles the uploader's index and the totals with the directory:
// new pending entries (from this or other processes) are read, vanished
// ones dropped, old "sending" orphans recovered, corrupt entries
// quarantined, stale temp files removed.
func (q *Queue) scan() error {
	des, err := q.fs.ReadDir(q.dir)
	if err != nil {
		return err
	}
	if q.Uploader() && q.canonicalNames(des) {
		if des, err = q.fs.ReadDir(q.dir); err != nil {
			return err
		}
	}
	q.mu.Lock()
	corrupt, orphans := q.scanLocked(des)
	q.mu.Unlock()
	for _, o := range orphans {
		q.recoverOne(o.key, o.superseded)
	}
	for _, b := range corrupt {
		q.quarantine(b.name, b.size, b.reason)
	}
	return nil
}

// canonicalNames renames entries whose name differs from the queue's own
// spelling only in case ("X.Pending", "ABC.pending" for a lower-case id),
// so every later rename finds them; it reports whether it renamed any. An
// entry whose canonical name is taken is quarantined as a conflicting copy.
func (q *Queue) canonicalNames(des []fs.DirEntry) bool {
	renamed := false
	for _, de := range des {
		key, st, ok := splitName(de.Name())
		if !ok || !de.Type().IsRegular() || de.Name() == fileName(key, st) || strings.HasPrefix(de.Name(), tempPrefix) {
			continue
		}
		if _, valid := normID(key); !valid {
			continue
		}
		want := q.path(fileName(key, st))
		if _, err := q.fs.Stat(want); err == nil {
			info, _ := de.Info()
			var size int64
			if info != nil {
				size = info.Size()
			}
			q.quarantine(de.Name(), size, fmt.Errorf("%s already exists under its canonical name %s", de.Name(), fileName(key, st)))
			continue
		}
		if err := q.fs.Rename(q.path(de.Name()), want); err != nil {
			q.logf(slog.LevelWarn, "queue: cannot rename entry to its canonical name", "file", de.Name(), "err", err)
			continue
		}
		renamed = true
	}
	return renamed
}

// scanLocked is scan's bookkeeping under q.mu; the file moves it decides on
// are returned and done after unlocking.
func (q *Queue) scanLocked(des []fs.DirEntry) (corrupt []badEntry, orphans []orphan) {
	now := q.cfg.now()
	names := make(map[string]bool, len(des))
	for _, de := range des {
		names[de.Name()] = true
	}
	count, bytes := 0, int64(0)
	seen := make(map[string]bool, len(des))
	for _, de := range des {
		name := de.Name()
		info, err := de.Info()
		if err != nil {
			continue // vanished between ReadDir and Info
		}
		if strings.HasPrefix(name, tempPrefix) {
			if now.Sub(info.ModTime()) > staleTemp {
				_ = q.fs.Remove(q.path(name))
			}
			continue
		}
		key, st, ok := splitName(name)
		if !ok || !info.Mode().IsRegular() {
			if ok && q.owner {
				q.logf(slog.LevelWarn, "queue: ignoring a queue-like name that is not a regular file", "name", name, "mode", info.Mode().String())
			}
			continue
		}
		count++
		bytes += info.Size()
		if !q.owner {
			continue
		}
		it := q.index[key]
		switch st {
		case StatePending:
			seen[key] = true
			if it != nil {
				if !it.inflight {
					it.state, it.size = StatePending, info.Size()
				}
				continue
			}
			m, err := q.readMeta(name)
			if err != nil {
				if !isNotExist(err) {
					// Corrupt or unreadable (permissions, I/O error): moved
					// aside and reported, never skipped silently forever.
					corrupt = append(corrupt, badEntry{name, info.Size(), err})
				}
				continue
			}
			q.clampNext(&m, now)
			q.index[key] = &item{key: key, meta: m, size: info.Size(), state: StatePending}
		case StateSending:
			seen[key] = true
			if it != nil && it.inflight {
				continue
			}
			if now.Sub(info.ModTime()) > q.cfg.inFlightTimeout {
				orphans = append(orphans, orphan{key, names[fileName(key, StatePending)] || names[fileName(key, StateDead)]})
				delete(q.index, key) // re-read on the next scan
			}
		}
	}
	for key, it := range q.index {
		if !seen[key] && !it.inflight {
			delete(q.index, key)
		}
	}
	q.count, q.bytes, q.totalsAt = count, bytes, now
	return corrupt, orphans
}

// readMeta reads and checks a whole data file and returns its bookkeeping.
func (q *Queue) readMeta(name string) (Meta, error) {
	data, err := q.fs.ReadFile(q.path(name))
	if err != nil {
		return Meta{}, err
	}
	key, _, _ := splitName(name)
	m, body, err := decodeEntry(data, key)
	if err != nil {
		return Meta{}, err
	}
	if _, err := report.Parse(body); err != nil {
		return Meta{}, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	return m, nil
}

// isNotExist tells a vanished file from a real failure.
func isNotExist(err error) bool { return errors.Is(err, fs.ErrNotExist) }
