package snpool

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// snapshot is the on-disk list of unused numbers.
type snapshot struct {
	Version int      `json:"version"`
	Gen     uint64   `json:"gen"`
	Type    string   `json:"type"`
	Free    []string `json:"free"`
}

// store is the on-disk state of one type's pool and this process's view of
// it. Every method except open and close must run between lock and unlock.
type store struct {
	dir, typ          string
	snapPath, tmpPath string
	lockF, journal    *os.File
	procMu            *sync.Mutex
	gen               uint64 // generation of the snapshot the view holds
	genOK             bool   // false: re-read everything at the next sync
	hdr               [headerLen]byte
	free              []string
	head              int
	gone              map[string]struct{}
	journalOff        int64
	line              []byte
	readBuf           []byte
}

// procLocks excludes Pools of one process from each other on platforms
// without flock, and keeps flock waits out of the same process elsewhere.
var procLocks sync.Map // lock path -> *sync.Mutex

// fileName escapes a type name into a file-name stem.
func fileName(typ string) string {
	var b strings.Builder
	b.WriteString("sn-")
	for i := 0; i < len(typ); i++ {
		c := typ[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func openStore(dir, typ string) (*store, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("snpool: create directory: %w", err)
	}
	stem := filepath.Join(dir, fileName(typ))
	s := &store{dir: dir, typ: typ, snapPath: stem + ".snapshot.json", tmpPath: stem + ".snapshot.json.tmp", gone: map[string]struct{}{}}
	lockPath := stem + ".lock"
	m, _ := procLocks.LoadOrStore(lockPath, &sync.Mutex{})
	s.procMu = m.(*sync.Mutex)
	var err error
	if s.lockF, err = os.OpenFile(lockPath, os.O_CREATE|os.O_RDWR, 0o644); err != nil {
		return nil, fmt.Errorf("snpool: open lock file: %w", err)
	}
	if s.journal, err = os.OpenFile(stem+".journal", os.O_CREATE|os.O_RDWR|os.O_APPEND, 0o644); err != nil {
		s.lockF.Close()
		return nil, fmt.Errorf("snpool: open journal: %w", err)
	}
	return s, nil
}

func (s *store) close() error {
	err1 := s.journal.Close()
	err2 := s.lockF.Close()
	if err1 != nil {
		return err1
	}
	return err2
}

func (s *store) lock() error {
	s.procMu.Lock()
	if err := lockFile(s.lockF); err != nil {
		s.procMu.Unlock()
		return fmt.Errorf("snpool: lock %s: %w", s.lockF.Name(), err)
	}
	return nil
}

func (s *store) unlock() {
	_ = unlockFile(s.lockF) // closing the file would release it too
	s.procMu.Unlock()
}

// invalidate forces the next sync to re-read everything from disk.
func (s *store) invalidate() { s.genOK = false }

// The journal starts with a fixed-size header naming the generation of the
// snapshot it belongs to; every snapshot replacement increments it. The
// header, not the file's inode, tells a process that another one replaced
// the snapshot: inode numbers are reused by the file system, generations
// never are.
const headerLen = len("gen 00000000000000000000\n")

func (s *store) writeHeader(gen uint64) error {
	h := s.hdr[:0]
	h = append(h, "gen "...)
	var digits [20]byte
	for i := len(digits) - 1; i >= 0; i-- {
		digits[i] = byte('0' + gen%10)
		gen /= 10
	}
	h = append(h, digits[:]...)
	h = append(h, '\n')
	// The new header overwrites the old one in place before the old lines
	// are cut, so a crash at any point leaves a journal that starts with a
	// valid header: a journal without one is damage, never a crash window.
	// Stale lines a crash leaves behind name numbers already handed out,
	// which the new snapshot does not hold, so applying them is harmless.
	w, err := os.OpenFile(s.journal.Name(), os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("snpool: reset journal: %w", err)
	}
	defer w.Close()
	if _, err := w.WriteAt(h, 0); err != nil {
		return fmt.Errorf("snpool: reset journal: %w", err)
	}
	if err := w.Sync(); err != nil {
		return fmt.Errorf("snpool: reset journal: %w", err)
	}
	if err := s.journal.Truncate(int64(headerLen)); err != nil {
		return fmt.Errorf("snpool: reset journal: %w", err)
	}
	if err := s.journal.Sync(); err != nil {
		return fmt.Errorf("snpool: reset journal: %w", err)
	}
	return nil
}

// readHeader returns the journal's generation; ok is false when the header
// is missing or torn.
func (s *store) readHeader(size int64) (gen uint64, ok bool, err error) {
	if size < int64(headerLen) {
		return 0, false, nil
	}
	if _, err := s.journal.ReadAt(s.hdr[:], 0); err != nil {
		return 0, false, fmt.Errorf("snpool: read journal: %w", err)
	}
	if string(s.hdr[:4]) != "gen " || s.hdr[headerLen-1] != '\n' {
		return 0, false, nil
	}
	for _, c := range s.hdr[4 : headerLen-1] {
		if c < '0' || c > '9' {
			return 0, false, nil
		}
		gen = gen*10 + uint64(c-'0')
	}
	return gen, true, nil
}

// sync brings the view up to date with the files: a new generation
// (another process refilled or drained) re-reads the snapshot, new journal
// lines (other processes' hand-outs) are applied, and a torn last line left
// by a crashed writer is cut off.
func (s *store) sync() error {
	size, err := fileSize(s.journal)
	if err != nil {
		return fmt.Errorf("snpool: %w", err)
	}
	gen, ok, err := s.readHeader(size)
	if err != nil {
		return err
	}
	if ok && s.genOK && gen == s.gen && size < s.journalOff {
		s.invalidate()
		return fmt.Errorf("%w: the journal shrank from %d to %d bytes while in use, so numbers already handed out would be handed out again", ErrDamaged, s.journalOff, size)
	}
	if !ok || !s.genOK || gen != s.gen {
		snapGen, exists, err := s.readSnapshot()
		if err != nil {
			return err
		}
		switch {
		case !ok && exists:
			s.invalidate()
			return fmt.Errorf("%w: journal %s has no valid header but snapshot generation %d exists; hand-outs since that snapshot cannot be known", ErrDamaged, s.journal.Name(), snapGen)
		case ok && gen > snapGen:
			s.invalidate()
			return fmt.Errorf("%w: journal generation %d is newer than snapshot generation %d (was the snapshot restored from a copy?)", ErrDamaged, gen, snapGen)
		case !ok || gen < snapGen:
			// A new pool, or a journal from before the last snapshot
			// replacement (a crash between rename and journal reset): its
			// lines name numbers the snapshot no longer holds.
			if err := s.writeHeader(snapGen); err != nil {
				return err
			}
			size = int64(headerLen)
		}
		s.gen, s.genOK, s.journalOff = snapGen, true, int64(headerLen)
	}
	if size == s.journalOff {
		return nil
	}
	n := int(size - s.journalOff)
	if cap(s.readBuf) < n {
		s.readBuf = make([]byte, n)
	}
	buf := s.readBuf[:n]
	if _, err := s.journal.ReadAt(buf, s.journalOff); err != nil && err != io.EOF {
		return fmt.Errorf("snpool: read journal: %w", err)
	}
	for {
		i := bytes.IndexByte(buf, '\n')
		if i < 0 {
			break
		}
		s.consume(decodeLine(buf[:i]))
		s.journalOff += int64(i + 1)
		buf = buf[i+1:]
	}
	if len(buf) > 0 {
		// We hold the lock, so nobody is writing: this is a torn line from
		// a writer that died before its fsync returned. It was never handed
		// out; cut it so the next line starts clean.
		if err := s.journal.Truncate(s.journalOff); err != nil {
			return fmt.Errorf("snpool: repair journal: %w", err)
		}
		if err := s.journal.Sync(); err != nil {
			return fmt.Errorf("snpool: repair journal: %w", err)
		}
	}
	return nil
}

// readSnapshot loads the snapshot into the view and returns its generation
// and whether the file exists.
func (s *store) readSnapshot() (gen uint64, exists bool, err error) {
	s.free, s.head = nil, 0
	clear(s.gone)
	data, err := os.ReadFile(s.snapPath)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, false, nil
	}
	if err != nil {
		return 0, true, fmt.Errorf("snpool: read snapshot: %w", err)
	}
	var snap snapshot
	if err := json.Unmarshal(data, &snap); err != nil {
		return 0, true, fmt.Errorf("%w: snapshot %s: %w", ErrDamaged, s.snapPath, err)
	}
	s.free = snap.Free
	return snap.Gen, true, nil
}

// consume applies one handed-out number.
func (s *store) consume(sn string) {
	if s.head < len(s.free) && s.free[s.head] == sn {
		s.head++
		return
	}
	s.gone[sn] = struct{}{}
}

// pop removes the next unused number from the view ("" when none).
func (s *store) pop() string {
	for s.head < len(s.free) {
		sn := s.free[s.head]
		s.head++
		if _, g := s.gone[sn]; g {
			delete(s.gone, sn)
			continue
		}
		return sn
	}
	return ""
}

// record makes a hand-out durable: the journal line is appended and
// fsynced before the number may leave the pool.
func (s *store) record(sn string) error {
	s.line = append(encodeLine(s.line[:0], sn), '\n')
	n, err := s.journal.Write(s.line)
	if err == nil {
		err = s.journal.Sync()
	}
	if err != nil {
		// Whether the line reached the disk is unknown: re-derive the state
		// from disk next time. Either way the number is not handed out.
		s.invalidate()
		return fmt.Errorf("snpool: record hand-out of %s: %w", sn, err)
	}
	s.journalOff += int64(n)
	return nil
}

// remaining lists the unused numbers of the view, in hand-out order.
func (s *store) remaining() []string {
	out := make([]string, 0, len(s.free)-s.head)
	for _, sn := range s.free[s.head:] {
		if _, g := s.gone[sn]; !g {
			out = append(out, sn)
		}
	}
	return out
}

// available counts the unused numbers of the view.
func (s *store) available() int {
	n := len(s.free) - s.head - len(s.gone)
	if n < 0 {
		return 0
	}
	return n
}

// replace makes free the new snapshot, crash-safely: temporary file, fsync,
// atomic rename, fsync of the directory; only then is the journal reset to
// the new generation. A crash in between leaves a journal of the old
// generation, which sync discards (its numbers are not in the new snapshot).
func (s *store) replace(free []string) error {
	gen := s.gen + 1
	data, err := json.Marshal(snapshot{Version: 1, Gen: gen, Type: s.typ, Free: free})
	if err != nil {
		return fmt.Errorf("snpool: encode snapshot: %w", err)
	}
	if err := writeFileSync(s.tmpPath, data); err != nil {
		return err
	}
	s.invalidate()
	if err := os.Rename(s.tmpPath, s.snapPath); err != nil {
		return fmt.Errorf("snpool: replace snapshot: %w", err)
	}
	if err := syncDir(s.dir); err != nil {
		return fmt.Errorf("snpool: sync directory: %w", err)
	}
	if err := s.writeHeader(gen); err != nil {
		return err
	}
	return s.sync()
}

func writeFileSync(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return fmt.Errorf("snpool: write snapshot: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("snpool: write snapshot: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("snpool: write snapshot: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("snpool: write snapshot: %w", err)
	}
	return nil
}

// encodeLine appends sn as one journal line's text. A number with a line
// break, another control character or a leading quote is written as a Go
// quoted string, so every number reads back exactly as it was handed out;
// any other number is written as is.
func encodeLine(dst []byte, sn string) []byte {
	if needsQuoting(sn) {
		return strconv.AppendQuote(dst, sn)
	}
	return append(dst, sn...)
}

func needsQuoting(sn string) bool {
	if strings.HasPrefix(sn, `"`) {
		return true
	}
	for i := 0; i < len(sn); i++ {
		if sn[i] < 0x20 || sn[i] == 0x7f {
			return true
		}
	}
	return false
}

// decodeLine reads one journal line written by encodeLine.
func decodeLine(line []byte) string {
	if len(line) > 0 && line[0] == '"' {
		if sn, err := strconv.Unquote(string(line)); err == nil {
			return sn
		}
	}
	return string(line)
}
