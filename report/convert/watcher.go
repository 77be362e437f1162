package convert

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Watcher converts every file that appears in its folders and hands the reports to a
// Sink. See the package documentation for the life cycle of a file.
type Watcher struct {
	reg   *Registry
	sink  Sink
	opt   WatcherOptions
	roots []*root
	log   *convLogger
	now   func() time.Time

	mu          sync.Mutex
	files       map[string]*file // tracked: stabilizing, ready or processing
	stabilizing map[string]*file
	ready       readyHeap
	memo        map[string]*memo
	processing  int
	sems        map[string]chan struct{}
	running     bool

	notify  chan struct{} // a file became ready
	scanReq chan *root    // rescan a folder (retry times, released files)
	archReq chan *root    // an archiver has a full batch
}

// root is one distinct watched directory with the Folder entries naming it.
type root struct {
	dir       string
	folders   []*folderCfg
	recursive bool
	ledger    *ledger
	archiver  *archiver
	watched   map[string]bool // directories with an fsnotify watch
	// truncated says the last scan left files out for lack of room (guarded
	// by Watcher.mu); the pending set draining asks for the next scan.
	truncated bool
}

type folderCfg struct {
	Folder
	conv      Converter // bound converter; nil: by pattern or by sniffing
	pats      patterns
	byPattern bool
}

// file is a tracked file. It is kept small: a scan may hold MaxPending of them.
type file struct {
	path   string
	root   *root
	folder *folderCfg
	conv   Converter // nil until sniffed
	size   int64
	mod    time.Time
	obsAt  int64 // Unix ns since when size and mod time are unchanged
	since  int64 // Unix ns of the first observation
	state  fileState
	idx    int32
}

// rel is the file's path relative to its watched folder, '/'-separated.
func (f *file) rel() string {
	return filepath.ToSlash(strings.TrimPrefix(f.path[len(f.root.dir):], string(filepath.Separator)))
}

func (f *file) unchangedFor(now time.Time) time.Duration {
	return time.Duration(now.UnixNano() - f.obsAt)
}
func (f *file) seenFor(now time.Time) time.Duration { return time.Duration(now.UnixNano() - f.since) }

type fileState uint8

const (
	fsStabilizing fileState = iota
	fsReady
	fsProcessing
)

// memo is what the watcher remembers about a file between attempts.
type memo struct {
	size      int64
	mod       time.Time
	accepted  []string // ids the sink accepted
	attempts  int
	failures  int // consecutive temporary failures, for the back-off
	notBefore time.Time
}

// NewWatcher returns a watcher over opts.Folders using the converters of reg and
// handing reports to sink. Nothing is touched on disk until Run.
func NewWatcher(reg *Registry, sink Sink, opts *WatcherOptions) (*Watcher, error) {
	if reg == nil || sink == nil {
		return nil, fmt.Errorf("convert: watcher: registry and sink are required")
	}
	opt, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	w := &Watcher{
		reg: reg, sink: sink, opt: opt, now: time.Now,
		files:       map[string]*file{},
		stabilizing: map[string]*file{},
		memo:        map[string]*memo{},
		sems:        map[string]chan struct{}{},
		notify:      make(chan struct{}, 1),
		scanReq:     make(chan *root, 64),
		archReq:     make(chan *root, 16),
	}
	w.log = &convLogger{l: opt.Logger, onEvent: opt.OnEvent}
	byDir := map[string]*root{}
	for i, f := range opt.Folders {
		dir, err := cleanAbs(f.Path)
		if err != nil {
			return nil, err
		}
		fc := &folderCfg{Folder: f}
		if f.PostAction < Delete || f.PostAction > Keep {
			return nil, fmt.Errorf("convert: watcher: folder %d: unknown post-action %v", i, f.PostAction)
		}
		pats := f.Patterns
		switch {
		case f.Converter != "":
			c, ok := reg.Lookup(f.Converter)
			if !ok {
				return nil, fmt.Errorf("convert: watcher: folder %s: no converter called %q is registered", f.Path, f.Converter)
			}
			fc.conv = c
			if len(pats) == 0 {
				pats = reg.Patterns(f.Converter)
			}
		case f.Sniff:
			if len(pats) == 0 {
				pats = []string{defaultSniffPattern}
			}
		default:
			fc.byPattern = true
			if len(pats) == 0 {
				for _, c := range reg.Converters() {
					pats = append(pats, reg.Patterns(c.Name())...)
				}
			}
		}
		if fc.pats, err = compilePatterns(pats); err != nil {
			return nil, err
		}
		if len(fc.pats) == 0 {
			return nil, fmt.Errorf("convert: watcher: folder %s: no patterns", f.Path)
		}
		r := byDir[dir]
		if r == nil {
			r = &root{dir: dir, watched: map[string]bool{}}
			byDir[dir] = r
			w.roots = append(w.roots, r)
		}
		r.folders = append(r.folders, fc)
		r.recursive = r.recursive || f.Recursive
		if f.PostAction == Archive && r.archiver == nil {
			r.archiver = &archiver{done: filepath.Join(dir, doneDir), now: w.now}
		}
	}
	for name, n := range opt.ConverterLimit {
		if n > 0 {
			w.sems[name] = make(chan struct{}, n)
		}
	}
	return w, nil
}

// Run watches the folders until ctx ends, then shuts down: no new file is claimed,
// running conversions get WatcherOptions.Grace to finish, the rest are cancelled
// and their files stay pending. Run returns nil after a shutdown, or the error that
// kept it from starting (a folder that cannot be read or written, for example).
// A Watcher runs once.
func (w *Watcher) Run(ctx context.Context) error {
	w.mu.Lock()
	if w.running {
		w.mu.Unlock()
		return errors.New("convert: watcher: Run called twice")
	}
	w.running = true
	w.mu.Unlock()

	// Unbuffered: pending events wait in the kernel's queue, not on the heap (an
	// overflow there makes every folder rescan).
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("convert: watcher: %w", err)
	}
	defer fsw.Close()
	for _, r := range w.roots {
		if err := w.open(r); err != nil {
			w.closeRoots()
			return err
		}
	}
	defer w.closeRoots()
	for _, r := range w.roots {
		if err := w.watchDir(fsw, r, r.dir); err != nil {
			return fmt.Errorf("convert: watcher: watch %s: %w", r.dir, err)
		}
	}

	// Conversions run under workCtx, which outlives ctx by the grace period.
	workCtx, cancelWork := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelWork()
	var workers sync.WaitGroup
	for i := 0; i < w.opt.Workers; i++ {
		workers.Add(1)
		go func() {
			defer workers.Done()
			w.worker(ctx, workCtx)
		}()
	}
	var bg sync.WaitGroup
	bg.Add(1)
	go func() {
		defer bg.Done()
		w.schedule(ctx, fsw)
	}()
	bg.Add(1)
	go func() {
		defer bg.Done()
		w.archiveLoop(ctx)
	}()

	<-ctx.Done()
	finished := make(chan struct{})
	go func() { workers.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(w.opt.Grace):
		w.opt.Logger.Warn("convert: grace period over, cancelling conversions", "grace", w.opt.Grace)
		cancelWork()
		<-finished
	}
	bg.Wait()
	for _, r := range w.roots {
		if r.archiver != nil {
			if err := r.archiver.flush(); err != nil {
				w.opt.Logger.Error("convert: archive", "folder", r.dir, "err", err)
			}
		}
	}
	return nil
}

// open prepares a folder: the SDK's sub-folders, a write test, the ledger.
func (w *Watcher) open(r *root) error {
	info, err := os.Stat(r.dir)
	if err != nil {
		return fmt.Errorf("convert: watcher: %w", err)
	}
	if !info.IsDir() {
		return fmt.Errorf("convert: watcher: %s is not a folder", r.dir)
	}
	if err := os.MkdirAll(filepath.Join(r.dir, errorDir), 0o755); err != nil {
		return fmt.Errorf("convert: watcher: %w", err)
	}
	r.ledger, err = openLedger(filepath.Join(r.dir, pendingDir), func(rel string) (int64, time.Time, bool) {
		fi, err := os.Lstat(filepath.Join(r.dir, filepath.FromSlash(rel)))
		if err != nil || !fi.Mode().IsRegular() {
			return 0, time.Time{}, false
		}
		return fi.Size(), fi.ModTime(), true
	})
	if err != nil {
		return fmt.Errorf("convert: watcher: %s: ledger: %w", r.dir, err)
	}
	r.ledger.syncDirs = func() {
		_ = syncDir(r.dir)
	}
	if r.archiver != nil {
		if err := r.archiver.recover(); err != nil {
			return fmt.Errorf("convert: watcher: %s: archive: %w", r.dir, err)
		}
	}
	return nil
}

func (w *Watcher) closeRoots() {
	for _, r := range w.roots {
		if r.ledger != nil {
			if err := r.ledger.close(); err != nil {
				w.opt.Logger.Error("convert: close ledger", "folder", r.dir, "err", err)
			}
		}
	}
}

// archiveLoop writes zips when a batch is full or the folder has been idle.
func (w *Watcher) archiveLoop(ctx context.Context) {
	has := false
	for _, r := range w.roots {
		has = has || r.archiver != nil
	}
	if !has {
		return
	}
	t := time.NewTicker(w.opt.ArchiveIdle)
	defer t.Stop()
	flush := func(r *root) {
		if err := r.archiver.flush(); err != nil {
			w.opt.Logger.Error("convert: archive", "folder", r.dir, "err", err)
		}
	}
	for {
		select {
		case <-ctx.Done():
			return
		case r := <-w.archReq:
			flush(r)
		case <-t.C:
			for _, r := range w.roots {
				if r.archiver != nil {
					flush(r)
				}
			}
		}
	}
}
