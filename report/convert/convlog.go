package convert

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// convLog collects one file's conversion log in memory; the watcher writes it as
// JSON lines next to the file's final location when the folder enables it. A nil
// *convLog discards everything.
type convLog struct {
	mu      sync.Mutex
	entries []convLogEntry
}

// convLogEntry is one line: {time, level, step, message, fields}.
type convLogEntry struct {
	Time    time.Time      `json:"time"`
	Level   string         `json:"level"`
	Step    string         `json:"step"`
	Message string         `json:"message"`
	Fields  map[string]any `json:"fields,omitempty"`
}

func (l *convLog) add(level, step, msg string, fields map[string]any) {
	if l == nil {
		return
	}
	l.mu.Lock()
	l.entries = append(l.entries, convLogEntry{Time: time.Now(), Level: level, Step: step, Message: msg, Fields: fields})
	l.mu.Unlock()
}

// writeNext appends the log to <dir>/<stem>.log, where stem is the base name of
// final without its extension (<name>.log when that would be final itself).
func (l *convLog) writeNext(dir, final string) error {
	if l == nil {
		return nil
	}
	base := filepath.Base(final)
	name := strings.TrimSuffix(base, filepath.Ext(base)) + ".log"
	if name == base {
		name = base + ".log"
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(dir, name), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	enc := json.NewEncoder(w)
	l.mu.Lock()
	for _, e := range l.entries {
		_ = enc.Encode(e)
	}
	l.mu.Unlock()
	return errors.Join(w.Flush(), f.Close())
}
