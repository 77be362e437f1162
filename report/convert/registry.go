package convert

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/watsgo/sdk/report"
)

// Registry holds the converters a program knows, in registration order. It picks a
// converter for a file by name pattern (Match: the first registered pattern that
// matches wins) or by content (Sniff: the highest confidence wins, ties go to the
// converter registered first). It is safe for concurrent use.
type Registry struct {
	mu      sync.RWMutex
	entries []regEntry
}

type regEntry struct {
	conv     Converter
	patterns patterns
}

// NewRegistry returns a registry holding cs with their default patterns.
func NewRegistry(cs ...Converter) (*Registry, error) {
	r := &Registry{}
	for _, c := range cs {
		if err := r.Register(c); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// Register adds c. patterns replace the converter's own Patterns when given. Names
// must be unique and non-empty.
func (r *Registry) Register(c Converter, patterns ...string) error {
	if c == nil {
		return fmt.Errorf("convert: register: converter is nil")
	}
	name := c.Name()
	if name == "" {
		return fmt.Errorf("convert: register: converter %T has an empty name", c)
	}
	if len(patterns) == 0 {
		patterns = c.Patterns()
	}
	ps, err := compilePatterns(patterns)
	if err != nil {
		return fmt.Errorf("convert: register %s: %w", name, err)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, e := range r.entries {
		if e.conv.Name() == name {
			return fmt.Errorf("convert: register: a converter called %q is registered already", name)
		}
	}
	r.entries = append(r.entries, regEntry{conv: c, patterns: ps})
	return nil
}

// Lookup returns the converter called name.
func (r *Registry) Lookup(name string) (Converter, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, e := range r.entries {
		if e.conv.Name() == name {
			return e.conv, true
		}
	}
	return nil, false
}

// Converters returns the registered converters in registration order.
func (r *Registry) Converters() []Converter {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make([]Converter, len(r.entries))
	for i, e := range r.entries {
		out[i] = e.conv
	}
	return out
}

// Patterns returns the patterns the converter called name was registered with.
func (r *Registry) Patterns(name string) []string {
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, e := range r.entries {
		if e.conv.Name() == name {
			return append([]string(nil), e.patterns...)
		}
	}
	return nil
}

// Match returns the first registered converter with a pattern matching the base name
// of file (case-insensitively).
func (r *Registry) Match(file string) (Converter, bool) {
	base := filepath.Base(file)
	r.mu.RLock()
	defer r.mu.RUnlock()
	for _, e := range r.entries {
		if e.patterns.match(base) {
			return e.conv, true
		}
	}
	return nil, false
}

// Sniff returns the converter most confident that head (a file's first bytes, at
// most SniffSize are looked at) is in its format, or nil and No when none is.
func (r *Registry) Sniff(head []byte) (Converter, Confidence) {
	if len(head) > SniffSize {
		head = head[:SniffSize]
	}
	r.mu.RLock()
	defer r.mu.RUnlock()
	var best Converter
	bestC := No
	for _, e := range r.entries {
		if c := e.conv.Sniff(head); c > bestC {
			best, bestC = e.conv, c
		}
	}
	return best, bestC
}

// ConvertOptions configure a one-shot conversion.
type ConvertOptions struct {
	// Converter names the converter to use; empty means sniff the content.
	Converter string
	// Params, Defaults, Processes and Warn are handed to the converter in its Source.
	Params    Params
	Defaults  Defaults
	Processes ProcessResolver
	Warn      func(msg string)
}

// ConvertFile converts the file at path and returns its reports, finalised and
// validated, for callers without a watcher. The converter is opts.Converter or,
// when that is empty, the one Sniff picks (ErrUnknownFormat when none does). A
// report without an id gets one derived from the file (name, size, mod time,
// content), so converting the same file twice yields the same ids. A report that
// fails validation makes the whole call fail with a *ValidationError.
func (r *Registry) ConvertFile(ctx context.Context, path string, opts *ConvertOptions) ([]*report.Report, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := openShared(path)
	if err != nil {
		return nil, fmt.Errorf("convert: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("convert: %w", err)
	}
	src := &Source{Name: path, Reader: f, Size: info.Size(), ModTime: info.ModTime()}
	if opts != nil {
		src.Params, src.Defaults, src.Processes, src.Warn = opts.Params, opts.Defaults, opts.Processes, opts.Warn
	}
	name := ""
	if opts != nil {
		name = opts.Converter
	}
	return r.convert(ctx, src, name)
}

// Convert converts src (sniffing its content to pick the converter) and returns its
// reports, finalised and validated, as ConvertFile does. src.Reader is read to the
// end.
func (r *Registry) Convert(ctx context.Context, src *Source) ([]*report.Report, error) {
	if src == nil || src.Reader == nil {
		return nil, fmt.Errorf("convert: source or its reader is nil")
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return r.convert(ctx, src, "")
}

func (r *Registry) convert(ctx context.Context, src *Source, name string) ([]*report.Report, error) {
	h := newContentHash()
	br := bufio.NewReaderSize(io.TeeReader(src.Reader, h), SniffSize)
	var c Converter
	if name != "" {
		var ok bool
		if c, ok = r.Lookup(name); !ok {
			return nil, fmt.Errorf("convert: no converter called %q is registered", name)
		}
	} else {
		head, err := br.Peek(SniffSize)
		if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
			return nil, fmt.Errorf("convert: %s: read: %w", src.Name, err)
		}
		if c, _ = r.Sniff(head); c == nil {
			return nil, fmt.Errorf("%w: %s", ErrUnknownFormat, src.Name)
		}
	}
	in := *src
	in.Reader = br
	reports, err := c.Convert(ctx, &in)
	if err != nil {
		return nil, err
	}
	// The rest of the file feeds the content hash the report ids derive from.
	if _, err := io.Copy(io.Discard, br); err != nil {
		return nil, fmt.Errorf("convert: %s: read: %w", src.Name, err)
	}
	id := identity{converter: c.Name(), name: src.Name, size: src.Size, modTime: src.ModTime, content: h.Sum(nil)}
	if _, err := finish(id, reports); err != nil {
		return nil, err
	}
	return reports, nil
}

// openShared opens a file for reading the way the watcher does (on Windows without
// blocking a later move or delete).
func openShared(path string) (*os.File, error) { return openForRead(path) }
