package convert

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

// The ledger is the watcher's crash-safety record for one watched folder, the
// JSON-lines file Pending/ledger.jsonl. The file states themselves live in the
// folder (a file still in the watched folder is pending); the ledger adds what a
// folder listing cannot say:
//
//   - "handed": every report of the file was accepted by the sink (written and
//     fsynced before the post-action starts). A restart that finds the file
//     unchanged (same size and mod time) only runs the post-action again and
//     never hands the reports over a second time.
//     Once the post-action is done the record is dropped from memory; the line
//     goes at the next compaction, which first syncs the folder so that the
//     delete or move it stands for is on disk.
//   - "kept": a file processed with the Keep post-action, so it is not converted
//     again while it is unchanged (fsynced).
//   - "intent": the report ids about to be handed over (fsynced before the first
//     one is), written when the converter chose ids itself: a converter that
//     gives a file without an id a random one would otherwise yield new ids
//     after a crash in the middle of the hand-over, and the sink would get the
//     reports twice. A restart reuses the recorded ids, by position.
//   - "suspended": a file waiting for a dependency, with the time of its next
//     attempt, so a restart honours retry_after (not fsynced).
//
// Appends from several workers share one fsync (group commit). The file is
// compacted when it is opened and when it has grown to many times its live
// records.
type ledger struct {
	path string

	syncMu sync.Mutex // one fsync at a time; taken before mu
	synced atomic.Uint64

	// syncDirs makes the folder's deletes and moves durable before a compaction
	// forgets the records they stand for.
	syncDirs func()

	mu        sync.Mutex
	f         *os.File
	seq       uint64 // lines appended
	lines     int    // lines in the file
	handed    map[string]ledgerEntry
	kept      map[string]ledgerEntry
	suspended map[string]ledgerEntry
	intents   map[string]ledgerEntry
}

// ledgerEntry is one line of the ledger.
type ledgerEntry struct {
	Op      string    `json:"op"`
	File    string    `json:"file"`            // path relative to the watched folder, '/'-separated
	Size    int64     `json:"size,omitempty"`  // file size when recorded
	ModTime int64     `json:"mtime,omitempty"` // file mod time, Unix ns
	IDs     []string  `json:"ids,omitempty"`   // report ids accepted (handed)
	Conv    string    `json:"converter,omitempty"`
	Until   time.Time `json:"until,omitempty"` // next attempt (suspended)
	Reason  string    `json:"reason,omitempty"`
}

const (
	opHanded    = "handed"
	opDone      = "done"
	opKept      = "kept"
	opSuspended = "suspended"
	opIntent    = "intent"
	opResumed   = "resumed"
)

func (e ledgerEntry) same(size int64, mod time.Time) bool {
	return e.Size == size && e.ModTime == mod.UnixNano()
}

const ledgerName = "ledger.jsonl"

// openLedger reads and compacts dir/ledger.jsonl. exists tells, for a relative
// path, the file's current size and mod time (ok false when it is gone); entries
// for files that are gone or changed are dropped.
func openLedger(dir string, exists func(rel string) (int64, time.Time, bool)) (*ledger, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	l := &ledger{
		path:      filepath.Join(dir, ledgerName),
		handed:    map[string]ledgerEntry{},
		kept:      map[string]ledgerEntry{},
		suspended: map[string]ledgerEntry{},
		intents:   map[string]ledgerEntry{},
	}
	data, err := os.ReadFile(l.path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		var e ledgerEntry
		// A torn last line (a crash in the middle of an append) is skipped: its
		// record was never acknowledged.
		if json.Unmarshal(sc.Bytes(), &e) != nil {
			continue
		}
		l.apply(e)
	}
	for _, m := range []map[string]ledgerEntry{l.handed, l.kept, l.suspended, l.intents} {
		for rel, e := range m {
			if size, mod, ok := exists(rel); !ok || !e.same(size, mod) {
				delete(m, rel)
			}
		}
	}
	if err := l.rewrite(); err != nil {
		return nil, err
	}
	return l, nil
}

// apply updates the in-memory view; callers hold mu (or own l exclusively).
func (l *ledger) apply(e ledgerEntry) {
	switch e.Op {
	case opIntent:
		l.intents[e.File] = e
	case opHanded:
		delete(l.intents, e.File)
		l.handed[e.File] = e
	case opDone:
		delete(l.handed, e.File)
		delete(l.suspended, e.File)
	case opKept:
		delete(l.handed, e.File)
		l.kept[e.File] = e
	case opSuspended:
		l.suspended[e.File] = e
	case opResumed:
		delete(l.suspended, e.File)
	}
}

// rewrite replaces the file with the live records (temp, fsync, rename, dir fsync).
func (l *ledger) rewrite() error {
	dir := filepath.Dir(l.path)
	tmp, err := os.CreateTemp(dir, ".ledger-*")
	if err != nil {
		return err
	}
	w := bufio.NewWriter(tmp)
	n := 0
	for _, m := range []map[string]ledgerEntry{l.handed, l.kept, l.suspended, l.intents} {
		for _, e := range m {
			b, _ := json.Marshal(e)
			w.Write(b)
			w.WriteByte('\n')
			n++
		}
	}
	err = errors.Join(w.Flush(), tmp.Sync(), tmp.Close())
	if err == nil {
		err = os.Rename(tmp.Name(), l.path)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := syncDir(dir); err != nil {
		return err
	}
	f, err := os.OpenFile(l.path, os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	if l.f != nil {
		l.f.Close()
	}
	l.f, l.lines = f, n
	l.synced.Store(l.seq)
	return nil
}

// append writes e; with durable it returns only after e is on disk.
func (l *ledger) append(e ledgerEntry, durable bool) error {
	b, err := json.Marshal(e)
	if err != nil {
		return err
	}
	b = append(b, '\n')
	l.mu.Lock()
	if l.f == nil {
		l.mu.Unlock()
		return errLedgerClosed
	}
	// One write call per line: O_APPEND keeps concurrent lines whole.
	_, err = l.f.Write(b)
	if err == nil {
		l.apply(e)
		l.seq++
		l.lines++
	}
	my := l.seq
	compact := l.lines > 4096 && l.lines > 4*(len(l.handed)+len(l.kept)+len(l.suspended)+len(l.intents))
	l.mu.Unlock()
	if err != nil {
		return fmt.Errorf("ledger: %w", err)
	}
	if durable {
		if err := l.sync(my); err != nil {
			return err
		}
	}
	if compact {
		l.compact()
	}
	return nil
}

// sync makes every line up to seq durable; one fsync serves all waiting appenders.
func (l *ledger) sync(seq uint64) error {
	l.syncMu.Lock()
	defer l.syncMu.Unlock()
	if l.synced.Load() >= seq {
		return nil
	}
	l.mu.Lock()
	upto, f := l.seq, l.f
	l.mu.Unlock()
	if f == nil {
		return errLedgerClosed
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("ledger: fsync: %w", err)
	}
	l.synced.Store(upto)
	return nil
}

func (l *ledger) compact() {
	if l.syncDirs != nil {
		l.syncDirs()
	}
	l.syncMu.Lock()
	defer l.syncMu.Unlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil || l.lines <= 4*(len(l.handed)+len(l.kept)+len(l.suspended)+len(l.intents)) {
		return
	}
	// A failed compaction leaves the longer file, which is still correct.
	_ = l.rewrite()
}

// forget drops rel's handed and suspended records from memory (the file is done or
// gone); the file keeps the lines until the next compaction.
func (l *ledger) forget(rel string) {
	l.mu.Lock()
	delete(l.handed, rel)
	delete(l.suspended, rel)
	delete(l.intents, rel)
	l.mu.Unlock()
}

// intent returns the ids recorded for rel before its last hand-over started.
func (l *ledger) intent(rel string) (ledgerEntry, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e, ok := l.intents[rel]
	return e, ok
}

// lookup returns the handed, kept and suspended records of rel.
func (l *ledger) lookup(rel string) (handed, kept, suspended ledgerEntry, hok, kok, sok bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	handed, hok = l.handed[rel]
	kept, kok = l.kept[rel]
	suspended, sok = l.suspended[rel]
	return
}

func (l *ledger) close() error {
	l.syncMu.Lock()
	defer l.syncMu.Unlock()
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.f == nil {
		return nil
	}
	err := errors.Join(l.f.Sync(), l.f.Close())
	l.f = nil
	return err
}

var errLedgerClosed = errors.New("ledger: closed")
