package snpool

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
)

// ErrEmpty means the pool has no unused number and could not get more; the
// error also wraps the refill failure (for example a transport error during
// an outage, or production.ErrNoFreeSerialNumbers).
var ErrEmpty = errors.New("snpool: no serial number available")

// ErrClosed is returned by calls on a closed Pool.
var ErrClosed = errors.New("snpool: pool is closed")

// ErrDamaged means the pool's files do not agree (a journal without header,
// shrunk or newer than its snapshot): handing out numbers could repeat one
// already used, so the pool refuses until an operator checks the files.
var ErrDamaged = errors.New("snpool: pool files damaged")

// Pool hands out serial numbers of one type from a durable local pool. It is
// safe for concurrent use, and any number of Pools (in one or several
// processes) may share a directory.
type Pool struct {
	typ string
	src Source
	cfg config
	st  *store

	mu       sync.Mutex // serialises access to st
	closed   bool
	closing  sync.Once
	closeErr error

	ctx    context.Context // ends at Close; parents background refills
	cancel context.CancelFunc
	wg     sync.WaitGroup

	refillMu  sync.Mutex // guards the fields below
	refilling bool
	lastFail  time.Time
	lastErr   error
}

// Open opens (creating when needed) the pool of serialNumberType kept in
// dir, drawing fresh numbers from src. Close it when done.
func Open(dir, serialNumberType string, src Source, opts ...Option) (*Pool, error) {
	if strings.TrimSpace(serialNumberType) == "" {
		return nil, errors.New("snpool: serial number type is empty")
	}
	if src == nil {
		return nil, errors.New("snpool: source is nil")
	}
	cfg := defaultConfig()
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	st, err := openStore(dir, serialNumberType)
	if err != nil {
		return nil, err
	}
	p := &Pool{typ: serialNumberType, src: src, cfg: cfg, st: st}
	p.ctx, p.cancel = context.WithCancel(context.Background())
	// Read the state once (and repair a torn journal line) while opening.
	if err := p.locked(func() error { return nil }); err != nil {
		st.close()
		return nil, err
	}
	return p, nil
}

// Type returns the serial-number type the pool holds.
func (p *Pool) Type() string { return p.typ }

// locked runs f with the pool's view synchronised under both locks.
func (p *Pool) locked(f func() error) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return ErrClosed
	}
	if err := p.st.lock(); err != nil {
		return err
	}
	defer p.st.unlock()
	if err := p.st.sync(); err != nil {
		return err
	}
	return f()
}

// Next hands out one serial number. It needs no network while the pool
// holds numbers (it waits for the directory lock, which other users hold
// only for a journal append or a snapshot replacement); when it is empty Next refills synchronously (bounded by
// ctx) and fails with ErrEmpty if that fails. A number returned is on disk
// as handed out and will never be returned again.
func (p *Pool) Next(ctx context.Context) (string, error) {
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		var sn string
		var avail int
		err := p.locked(func() error {
			sn = p.st.pop()
			if sn == "" {
				return nil
			}
			if err := p.st.record(sn); err != nil {
				return err
			}
			avail = p.st.available()
			return nil
		})
		if err != nil {
			return "", err
		}
		if sn != "" {
			if avail < p.cfg.lowWater {
				p.refillInBackground()
			}
			return sn, nil
		}
		if err := ctx.Err(); err != nil {
			return "", err
		}
		// Empty: another process may drain what we add, hence the loop.
		if _, err := p.Refill(ctx); err != nil {
			lastErr = err
			break
		}
	}
	if lastErr == nil {
		lastErr = errors.New("pool drained by other users while refilling")
	}
	return "", fmt.Errorf("%w (type %s): %w", ErrEmpty, p.typ, lastErr)
}

// Available returns how many unused numbers the pool holds (as of this
// Pool's last look; other processes may have taken some since).
func (p *Pool) Available() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.st.available()
}

// Refill takes one batch from the source now and adds it to the pool,
// returning how many numbers were added. The source is called without
// holding any lock, so hand-outs continue meanwhile.
func (p *Pool) Refill(ctx context.Context) (int, error) {
	p.mu.Lock()
	closed := p.closed
	p.mu.Unlock()
	if closed {
		return 0, ErrClosed
	}
	fresh, err := p.src.Take(ctx, p.typ, p.cfg.batch)
	added := 0
	if err == nil {
		err = p.locked(func() error {
			keep := p.st.remaining()
			seen := make(map[string]struct{}, len(keep)+len(fresh))
			for _, sn := range keep {
				seen[sn] = struct{}{}
			}
			for _, sn := range fresh {
				if _, dup := seen[sn]; dup || sn == "" {
					continue
				}
				seen[sn] = struct{}{}
				keep = append(keep, sn)
				added++
			}
			return p.st.replace(keep)
		})
		if err != nil {
			err = fmt.Errorf("snpool: %d numbers taken from the source could not be stored and are lost: %w", len(fresh), err)
		}
	}
	p.refillMu.Lock()
	if err != nil {
		p.lastFail, p.lastErr = time.Now(), err
	} else {
		p.lastErr = nil
	}
	p.refillMu.Unlock()
	if p.cfg.onRefill != nil {
		p.cfg.onRefill(added, err)
	}
	return added, err
}

// LastRefillError returns the error of the latest refill, nil after a success.
func (p *Pool) LastRefillError() error {
	p.refillMu.Lock()
	defer p.refillMu.Unlock()
	return p.lastErr
}

// refillInBackground starts one refill unless one is running or the last
// failed less than the retry delay ago.
func (p *Pool) refillInBackground() {
	p.refillMu.Lock()
	if p.refilling || (!p.lastFail.IsZero() && time.Since(p.lastFail) < p.cfg.retryDelay) || p.ctx.Err() != nil {
		p.refillMu.Unlock()
		return
	}
	p.refilling = true
	p.wg.Add(1)
	p.refillMu.Unlock()
	go func() {
		defer p.wg.Done()
		ctx, cancel := context.WithTimeout(p.ctx, p.cfg.refillTimeout)
		defer cancel()
		_, _ = p.Refill(ctx)
		p.refillMu.Lock()
		p.refilling = false
		p.refillMu.Unlock()
	}()
}

// Drain removes every unused number from the pool and returns them, for the
// caller to report or record (they are taken on the server).
func (p *Pool) Drain() ([]string, error) {
	var out []string
	err := p.locked(func() error {
		out = p.st.remaining()
		if len(out) == 0 {
			return nil
		}
		return p.st.replace(nil)
	})
	return out, err
}

// Release removes every unused number from the pool and gives it back to
// the server when the source is a Releaser (FromReservations); otherwise it
// is Drain. The numbers are returned either way; when giving them back
// fails they are out of the pool but still held on the server, and the
// error says so (they are never handed out again).
func (p *Pool) Release(ctx context.Context) ([]string, error) {
	sns, err := p.Drain()
	if err != nil || len(sns) == 0 {
		return sns, err
	}
	rel, ok := p.src.(Releaser)
	if !ok {
		return sns, nil
	}
	if err := rel.Release(ctx, p.typ, sns); err != nil {
		return sns, fmt.Errorf("snpool: %d unused numbers left the pool but could not be given back: %w", len(sns), err)
	}
	return sns, nil
}

// Close stops background refills, waits for a running one, and releases
// the files. Unused numbers stay on disk for the next Open.
func (p *Pool) Close() error {
	p.closing.Do(func() {
		// Cancel under refillMu so no refill can start after the Wait begins.
		p.refillMu.Lock()
		p.cancel()
		p.refillMu.Unlock()
		p.wg.Wait()
		p.mu.Lock()
		defer p.mu.Unlock()
		p.closed = true
		p.closeErr = p.st.close()
	})
	return p.closeErr
}
