package convert

import (
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// Watcher defaults (every one can be changed in WatcherOptions).
const (
	DefaultScanInterval   = 60 * time.Second
	DefaultDebounce       = 250 * time.Millisecond
	DefaultMaxPending     = 10000
	DefaultStableFor      = time.Second
	DefaultStableRetry    = 250 * time.Millisecond
	DefaultStableTimeout  = 30 * time.Second
	DefaultFileTimeout    = 600 * time.Second
	DefaultGrace          = 30 * time.Second
	DefaultRetryBase      = 5 * time.Second
	DefaultRetryMax       = 5 * time.Minute
	DefaultSuspendRetry   = 5 * time.Minute
	DefaultArchiveIdle    = 2 * time.Second
	defaultSniffPattern   = "*"
	doneDir, errorDir     = "Done", "Error"
	pendingDir            = "Pending"
	errorSidecarExtension = ".error.json"
)

// Folder is one watched folder and what to do with its files. Several Folder
// entries may name the same Path (for example one converter per extension); a file
// is claimed by the first entry whose patterns match its base name.
type Folder struct {
	// Path is the folder to watch.
	Path string
	// Converter names the registered converter for the folder's files. Empty means
	// any registered converter: chosen by pattern (the first registered converter
	// whose pattern matches) or, with Sniff, by content.
	Converter string
	// Patterns are base-name globs, matched case-insensitively ("*.xml"). Default:
	// the converter's registered patterns; with Sniff, "*"; with neither, every
	// registered converter's patterns.
	Patterns []string
	// Sniff picks the converter by content (highest confidence) when Converter is
	// empty. A file no converter recognises goes to Error/ with ErrUnknownFormat.
	Sniff bool
	// Recursive also watches sub-folders (except Done, Error and Pending).
	Recursive bool
	// PostAction is applied once every report of a file was accepted (default
	// Delete).
	PostAction PostAction
	// Params, Defaults and Processes are handed to the converter in its Source.
	Params    Params
	Defaults  Defaults
	Processes ProcessResolver
	// ConversionLog writes each file's conversion log as JSON lines next to its
	// final location (Done/<stem>.log or Error/<stem>.log).
	ConversionLog bool
}

// WatcherOptions configure a Watcher. Zero values take the defaults above.
type WatcherOptions struct {
	// Folders are the watched folders (at least one).
	Folders []Folder
	// Workers is the size of the worker pool shared by all folders (default
	// GOMAXPROCS, at least 1).
	Workers int
	// ConverterLimit caps the files one converter processes at once (by name);
	// converters not listed share the whole pool.
	ConverterLimit map[string]int
	// MaxPending bounds the files held in memory (waiting or processing); a scan
	// leaves the rest, the newest, for a later scan (default 10 000).
	MaxPending int
	// ScanInterval is the time between full scans (default 60 s); Debounce is how
	// long file-system events are coalesced before a scan (default 250 ms).
	ScanInterval, Debounce time.Duration
	// A file is ready when its size and mod time did not change for StableFor
	// (default 1 s; a mod time already that old counts), checked every StableRetry
	// (250 ms). A file still changing after StableTimeout (30 s) is left for the
	// next scan. A file that cannot be opened is retried as long.
	StableFor, StableRetry, StableTimeout time.Duration
	// FileTimeout is each file's conversion deadline (default 600 s): on expiry the
	// file goes to Error/ with context.DeadlineExceeded.
	FileTimeout time.Duration
	// Grace is how long running conversions may finish after Run's context ends
	// (default 30 s); the rest are cancelled and their files stay pending.
	Grace time.Duration
	// RetryBase and RetryMax bound the back-off (doubling) after a temporary sink
	// failure or a failed post-action (default 5 s, 5 min).
	RetryBase, RetryMax time.Duration
	// SuspendRetry is the wait for a suspended file whose converter gave none
	// (default 5 min).
	SuspendRetry time.Duration
	// ArchiveIdle is how long the Archive post-action waits for more files before
	// it writes a zip (default 2 s; 50 queued files are written at once).
	ArchiveIdle time.Duration
	// Logger receives an event for every state change (nil: no logging).
	Logger *slog.Logger
	// Metrics receives counters (nil: none).
	Metrics Metrics
	// OnEvent is called for every state change, synchronously from a watcher
	// goroutine; it must be quick and safe for concurrent use.
	OnEvent func(Event)
}

func (o *WatcherOptions) withDefaults() (WatcherOptions, error) {
	var c WatcherOptions
	if o != nil {
		c = *o
	}
	if len(c.Folders) == 0 {
		return c, fmt.Errorf("convert: watcher: no folders")
	}
	def := func(d *time.Duration, v time.Duration, name string) error {
		if *d < 0 {
			return fmt.Errorf("convert: watcher: %s must not be negative, got %v", name, *d)
		}
		if *d == 0 {
			*d = v
		}
		return nil
	}
	for _, d := range []struct {
		p    *time.Duration
		v    time.Duration
		name string
	}{
		{&c.ScanInterval, DefaultScanInterval, "ScanInterval"},
		{&c.Debounce, DefaultDebounce, "Debounce"},
		{&c.StableFor, DefaultStableFor, "StableFor"},
		{&c.StableRetry, DefaultStableRetry, "StableRetry"},
		{&c.StableTimeout, DefaultStableTimeout, "StableTimeout"},
		{&c.FileTimeout, DefaultFileTimeout, "FileTimeout"},
		{&c.Grace, DefaultGrace, "Grace"},
		{&c.RetryBase, DefaultRetryBase, "RetryBase"},
		{&c.RetryMax, DefaultRetryMax, "RetryMax"},
		{&c.SuspendRetry, DefaultSuspendRetry, "SuspendRetry"},
		{&c.ArchiveIdle, DefaultArchiveIdle, "ArchiveIdle"},
	} {
		if err := def(d.p, d.v, d.name); err != nil {
			return c, err
		}
	}
	if c.RetryMax < c.RetryBase {
		c.RetryMax = c.RetryBase
	}
	if c.Workers < 0 || c.MaxPending < 0 {
		return c, fmt.Errorf("convert: watcher: Workers and MaxPending must not be negative")
	}
	if c.Workers == 0 {
		c.Workers = max(1, runtime.GOMAXPROCS(0))
	}
	if c.MaxPending == 0 {
		c.MaxPending = DefaultMaxPending
	}
	if c.Metrics == nil {
		c.Metrics = NopMetrics{}
	}
	if c.Logger == nil {
		c.Logger = slog.New(discardHandler{})
	}
	return c, nil
}

// ownDir reports whether a sub-folder name is one of the SDK's own.
func ownDir(name string) bool {
	return strings.EqualFold(name, doneDir) || strings.EqualFold(name, errorDir) || strings.EqualFold(name, pendingDir)
}

// ignoredName reports names the watcher never takes (hidden and temp files).
func ignoredName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "~")
}

// cleanAbs returns the absolute, cleaned form of a folder path.
func cleanAbs(p string) (string, error) {
	if strings.TrimSpace(p) == "" {
		return "", fmt.Errorf("convert: watcher: folder path is empty")
	}
	return filepath.Abs(p)
}
