package convert

import (
	"sync"
	"sync/atomic"
	"time"
)

// Metrics receives the watcher's counters. Methods are called from the watcher's
// goroutines and must be quick and safe for concurrent use. Embed NopMetrics to
// implement only some of them.
type Metrics interface {
	// Seen counts a file that a scan found and took into the pending set.
	Seen(converter string)
	// Claimed counts a file a worker started on.
	Claimed(converter string)
	// Converted counts a file whose reports were all accepted by the sink; d is
	// the conversion time (claim to acceptance).
	Converted(converter string, d time.Duration, reports int)
	// Failed counts a file moved to Error/.
	Failed(converter string, d time.Duration)
	// Suspended counts a file left in place until a dependency is available.
	Suspended(converter string)
	// Depth reports the pending set (waiting for stability or a worker) and the
	// files being processed.
	Depth(pending, processing int)
}

// NopMetrics implements Metrics doing nothing.
type NopMetrics struct{}

func (NopMetrics) Seen(string)                          {}
func (NopMetrics) Claimed(string)                       {}
func (NopMetrics) Converted(string, time.Duration, int) {}
func (NopMetrics) Failed(string, time.Duration)         {}
func (NopMetrics) Suspended(string)                     {}
func (NopMetrics) Depth(int, int)                       {}

// Counters is a ready-made Metrics that counts per converter; read it with
// Snapshot (for example from an expvar or Prometheus collector).
type Counters struct {
	mu    sync.Mutex
	per   map[string]*ConverterCounts
	depth atomic.Int64
	proc  atomic.Int64
}

// ConverterCounts are the totals of one converter.
type ConverterCounts struct {
	Seen, Claimed, Converted, Failed, Suspended, Reports int64
	// Duration is the summed conversion time of converted and failed files.
	Duration time.Duration
}

func (c *Counters) get(name string) *ConverterCounts {
	if c.per == nil {
		c.per = map[string]*ConverterCounts{}
	}
	p := c.per[name]
	if p == nil {
		p = &ConverterCounts{}
		c.per[name] = p
	}
	return p
}

func (c *Counters) with(name string, f func(*ConverterCounts)) {
	c.mu.Lock()
	f(c.get(name))
	c.mu.Unlock()
}

// Seen implements Metrics.
func (c *Counters) Seen(n string) { c.with(n, func(p *ConverterCounts) { p.Seen++ }) }

// Claimed implements Metrics.
func (c *Counters) Claimed(n string) { c.with(n, func(p *ConverterCounts) { p.Claimed++ }) }

// Converted implements Metrics.
func (c *Counters) Converted(n string, d time.Duration, reports int) {
	c.with(n, func(p *ConverterCounts) { p.Converted++; p.Reports += int64(reports); p.Duration += d })
}

// Failed implements Metrics.
func (c *Counters) Failed(n string, d time.Duration) {
	c.with(n, func(p *ConverterCounts) { p.Failed++; p.Duration += d })
}

// Suspended implements Metrics.
func (c *Counters) Suspended(n string) { c.with(n, func(p *ConverterCounts) { p.Suspended++ }) }

// Depth implements Metrics.
func (c *Counters) Depth(pending, processing int) {
	c.depth.Store(int64(pending))
	c.proc.Store(int64(processing))
}

// Snapshot returns a copy of the per-converter totals (a sniffing folder's files
// count under "" until a converter is chosen) and the last reported depth.
func (c *Counters) Snapshot() (per map[string]ConverterCounts, pending, processing int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	per = make(map[string]ConverterCounts, len(c.per))
	for k, v := range c.per {
		per[k] = *v
	}
	return per, int(c.depth.Load()), int(c.proc.Load())
}
