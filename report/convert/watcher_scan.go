package convert

import (
	"container/heap"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// schedule runs discovery: the full scans (at start and every ScanInterval), the
// debounced scans file-system events ask for, and the stability checks.
func (w *Watcher) schedule(ctx context.Context, fsw *fsnotify.Watcher) {
	dirty := map[*root]bool{}
	for _, r := range w.roots {
		w.scan(fsw, r)
	}
	debounce := time.NewTimer(time.Hour)
	debounce.Stop()
	armed := false
	arm := func(r *root) {
		dirty[r] = true
		// Events arriving while armed join the pending scan; none is dropped.
		if !armed {
			debounce.Reset(w.opt.Debounce)
			armed = true
		}
	}
	full := time.NewTicker(w.opt.ScanInterval)
	defer full.Stop()
	stable := time.NewTicker(w.opt.StableRetry)
	defer stable.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case ev, ok := <-fsw.Events:
			if !ok {
				return
			}
			if r := w.eventRoot(ev); r != nil {
				arm(r)
			}
		case err, ok := <-fsw.Errors:
			if !ok {
				return
			}
			// An overflow lost events: rescan everything.
			w.opt.Logger.Warn("convert: file-system watch", "err", err)
			for _, r := range w.roots {
				arm(r)
			}
		case r := <-w.scanReq:
			arm(r)
		case <-debounce.C:
			armed = false
			for r := range dirty {
				delete(dirty, r)
				w.scan(fsw, r)
			}
		case <-full.C:
			for _, r := range w.roots {
				w.scan(fsw, r)
			}
			w.pruneMemo()
		case <-stable.C:
			w.checkStability()
		}
	}
}

// eventRoot returns the folder an event is relevant for, or nil.
func (w *Watcher) eventRoot(ev fsnotify.Event) *root {
	if !ev.Has(fsnotify.Create) && !ev.Has(fsnotify.Write) && !ev.Has(fsnotify.Rename) {
		return nil
	}
	if ignoredName(filepath.Base(ev.Name)) {
		return nil
	}
	w.mu.Lock()
	_, tracked := w.files[ev.Name]
	w.mu.Unlock()
	// Writes to a file already waiting for stability, and the renames of our own
	// moves, need no scan.
	if tracked {
		return nil
	}
	dir := filepath.Dir(ev.Name)
	for _, r := range w.roots {
		if r.watched[dir] {
			return r
		}
	}
	return nil
}

// watchDir adds an fsnotify watch on dir (called from the schedule goroutine only).
func (w *Watcher) watchDir(fsw *fsnotify.Watcher, r *root, dir string) error {
	if r.watched[dir] {
		return nil
	}
	if err := fsw.Add(dir); err != nil {
		return err
	}
	r.watched[dir] = true
	return nil
}

// scan lists r (streaming, so a huge folder costs no more memory than MaxPending
// entries) and takes the oldest new files into the pending set.
func (w *Watcher) scan(fsw *fsnotify.Watcher, r *root) {
	w.mu.Lock()
	room := w.opt.MaxPending - len(w.files)
	w.mu.Unlock()
	if room <= 0 {
		w.mu.Lock()
		r.truncated = true
		w.mu.Unlock()
		return
	}
	best := &oldestN{n: room}
	now := w.now()
	var walk func(dir, rel string)
	walk = func(dir, rel string) {
		d, err := os.Open(dir)
		if err != nil {
			if dir == r.dir {
				w.opt.Logger.Error("convert: scan", "folder", dir, "err", err)
			}
			return
		}
		defer d.Close()
		var subdirs []string
		for {
			des, err := d.ReadDir(512)
			for _, de := range des {
				name := de.Name()
				if ignoredName(name) {
					continue
				}
				if de.IsDir() {
					if r.recursive && !ownDir(name) {
						subdirs = append(subdirs, name)
					}
					continue
				}
				if !de.Type().IsRegular() {
					continue
				}
				w.consider(r, dir, rel, name, de, now, best)
			}
			if err != nil {
				if !errors.Is(err, io.EOF) {
					w.opt.Logger.Error("convert: scan", "folder", dir, "err", err)
				}
				break
			}
		}
		d.Close()
		for _, s := range subdirs {
			sub := filepath.Join(dir, s)
			if err := w.watchDir(fsw, r, sub); err != nil {
				w.opt.Logger.Warn("convert: watch", "folder", sub, "err", err)
			}
			walk(sub, joinRel(rel, s))
		}
	}
	walk(r.dir, "")
	w.mu.Lock()
	r.truncated = best.dropped
	w.mu.Unlock()
	w.take(r, best.sorted(), now)
}

func joinRel(rel, name string) string {
	if rel == "" {
		return name
	}
	return rel + "/" + name
}

// folderFor returns the first Folder entry of r whose patterns match name at the
// given depth (sub-folders only for recursive entries).
func (r *root) folderFor(name string, nested bool) *folderCfg {
	for _, f := range r.folders {
		if nested && !f.Recursive {
			continue
		}
		if f.pats.match(name) {
			return f
		}
	}
	return nil
}

// consider decides whether one directory entry is a candidate.
func (w *Watcher) consider(r *root, dir, rel, name string, de os.DirEntry, now time.Time, best *oldestN) {
	f := r.folderFor(name, rel != "")
	if f == nil {
		return
	}
	var conv Converter = f.conv
	if f.byPattern {
		var ok bool
		if conv, ok = w.reg.Match(name); !ok {
			return
		}
	}
	path := filepath.Join(dir, name)
	w.mu.Lock()
	_, tracked := w.files[path]
	m := w.memo[path]
	w.mu.Unlock()
	if tracked {
		return
	}
	info, err := de.Info()
	if err != nil {
		return
	}
	size, mod := info.Size(), info.ModTime()
	if m != nil && m.size == size && m.mod.Equal(mod) && now.Before(m.notBefore) {
		return
	}
	fr := joinRel(rel, name)
	_, kept, susp, _, kok, sok := r.ledger.lookup(fr)
	if kok && kept.same(size, mod) {
		return
	}
	if sok && susp.same(size, mod) && now.Before(susp.Until) {
		return
	}
	best.push(&file{path: path, root: r, folder: f, conv: conv, size: size, mod: mod, idx: -1})
}

// take adds candidates to the pending set: ready at once when their mod time is at
// least StableFor old, else waiting for the stability check.
func (w *Watcher) take(r *root, cs []*file, now time.Time) {
	if len(cs) == 0 {
		return
	}
	w.mu.Lock()
	readied := false
	for _, f := range cs {
		if _, ok := w.files[f.path]; ok || len(w.files) >= w.opt.MaxPending {
			continue
		}
		obs := now
		if !f.mod.After(now) {
			obs = f.mod // unchanged since its last write
		}
		f.obsAt, f.since = obs.UnixNano(), now.UnixNano()
		w.files[f.path] = f
		if now.Sub(obs) >= w.opt.StableFor {
			f.state = fsReady
			heap.Push(&w.ready, f)
			readied = true
		} else {
			f.state = fsStabilizing
			w.stabilizing[f.path] = f
		}
		w.opt.Metrics.Seen(convName(f.conv))
	}
	w.depthLocked()
	w.mu.Unlock()
	if readied {
		w.signal()
	}
}

// checkStability promotes files unchanged for StableFor and gives up on files
// still changing after StableTimeout (the next scan takes them again).
func (w *Watcher) checkStability() {
	w.mu.Lock()
	var due []*file
	now := w.now()
	for _, f := range w.stabilizing {
		if f.unchangedFor(now) >= w.opt.StableFor || f.seenFor(now) >= w.opt.StableTimeout {
			due = append(due, f)
		}
	}
	w.mu.Unlock()
	if len(due) == 0 {
		return
	}
	type obs struct {
		size int64
		mod  time.Time
		ok   bool
	}
	seen := make([]obs, len(due))
	for i, f := range due {
		if fi, err := os.Lstat(f.path); err == nil && fi.Mode().IsRegular() {
			seen[i] = obs{fi.Size(), fi.ModTime(), true}
		}
	}
	now = w.now()
	readied := false
	w.mu.Lock()
	for i, f := range due {
		o := seen[i]
		switch {
		case !o.ok:
			w.untrackLocked(f)
		case o.size == f.size && o.mod.Equal(f.mod) && f.unchangedFor(now) >= w.opt.StableFor:
			delete(w.stabilizing, f.path)
			f.state = fsReady
			heap.Push(&w.ready, f)
			readied = true
		case f.seenFor(now) >= w.opt.StableTimeout:
			w.opt.Logger.Debug("convert: file still changing, left for the next scan", "file", f.path)
			w.untrackLocked(f)
		default:
			if o.size != f.size || !o.mod.Equal(f.mod) {
				f.size, f.mod, f.obsAt = o.size, o.mod, now.UnixNano()
			}
		}
	}
	w.depthLocked()
	w.mu.Unlock()
	if readied {
		w.signal()
	}
}

// untrackLocked forgets a tracked file (it stays on disk, pending).
func (w *Watcher) untrackLocked(f *file) {
	delete(w.files, f.path)
	delete(w.stabilizing, f.path)
	if f.idx >= 0 {
		heap.Remove(&w.ready, int(f.idx))
	}
}

func (w *Watcher) depthLocked() {
	w.opt.Metrics.Depth(len(w.files)-w.processing, w.processing)
}

// signal wakes a worker.
func (w *Watcher) signal() {
	select {
	case w.notify <- struct{}{}:
	default:
	}
}

// requestScan asks the schedule goroutine for a scan of r.
func (w *Watcher) requestScan(r *root) {
	select {
	case w.scanReq <- r:
	default: // a scan request is queued already
	}
}

// pruneMemo forgets files that are gone.
func (w *Watcher) pruneMemo() {
	w.mu.Lock()
	paths := make([]string, 0, len(w.memo))
	for p := range w.memo {
		if _, tracked := w.files[p]; !tracked {
			paths = append(paths, p)
		}
	}
	w.mu.Unlock()
	for _, p := range paths {
		if _, err := os.Lstat(p); errors.Is(err, os.ErrNotExist) {
			w.mu.Lock()
			delete(w.memo, p)
			w.mu.Unlock()
		}
	}
}

func convName(c Converter) string {
	if c == nil {
		return ""
	}
	return c.Name()
}

// readyHeap orders ready files oldest mod time first, then by path.
type readyHeap []*file

func (h readyHeap) Len() int { return len(h) }
func (h readyHeap) Less(i, j int) bool {
	if !h[i].mod.Equal(h[j].mod) {
		return h[i].mod.Before(h[j].mod)
	}
	return h[i].path < h[j].path
}
func (h readyHeap) Swap(i, j int) {
	h[i], h[j] = h[j], h[i]
	h[i].idx, h[j].idx = int32(i), int32(j)
}
func (h *readyHeap) Push(x any) {
	f := x.(*file)
	f.idx = int32(len(*h))
	*h = append(*h, f)
}
func (h *readyHeap) Pop() any {
	old := *h
	f := old[len(old)-1]
	old[len(old)-1] = nil
	*h = old[:len(old)-1]
	f.idx = -1
	return f
}

// oldestN keeps the n oldest candidates of a scan (a max-heap on mod time).
type oldestN struct {
	n       int
	cs      []*file
	dropped bool // more candidates than room
}

func newer(a, b *file) bool {
	if !a.mod.Equal(b.mod) {
		return a.mod.After(b.mod)
	}
	return a.path > b.path
}

func (o *oldestN) Len() int           { return len(o.cs) }
func (o *oldestN) Less(i, j int) bool { return newer(o.cs[i], o.cs[j]) }
func (o *oldestN) Swap(i, j int)      { o.cs[i], o.cs[j] = o.cs[j], o.cs[i] }
func (o *oldestN) Push(x any)         { o.cs = append(o.cs, x.(*file)) }
func (o *oldestN) Pop() any {
	c := o.cs[len(o.cs)-1]
	o.cs[len(o.cs)-1] = nil
	o.cs = o.cs[:len(o.cs)-1]
	return c
}

func (o *oldestN) push(c *file) {
	if len(o.cs) < o.n {
		heap.Push(o, c)
		return
	}
	o.dropped = true
	if newer(o.cs[0], c) {
		o.cs[0] = c
		heap.Fix(o, 0)
	}
}

// sorted returns the kept candidates oldest first.
func (o *oldestN) sorted() []*file {
	out := make([]*file, len(o.cs))
	for i := len(out) - 1; i >= 0; i-- {
		out[i] = heap.Pop(o).(*file)
	}
	return out
}
