package process

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/watsgo/sdk/internal/errs"
)

// Conventional default codes (spec process §4); never assumed to exist.
const (
	// DefaultTestCode is "End of line test" on most servers.
	DefaultTestCode = 100
	// DefaultRepairCode is "Repair" on most servers.
	DefaultRepairCode = 500
)

// cache holds one snapshot of the full process list.
type cache struct {
	mu      sync.RWMutex
	list    []Process
	byCode  map[int]int
	byName  map[string]int // lower-cased name → index
	fetched time.Time

	hits, misses, fetches atomic.Int64
}

// CacheStats reports how the cache has been used.
type CacheStats struct {
	// Hits and Misses count lookups served from memory and lookups that
	// needed a fetch (joining an in-flight fetch counts as a miss).
	Hits, Misses int64
	// Fetches counts requests actually sent to the server.
	Fetches int64
	// FetchedAt is when the current snapshot arrived (zero when empty).
	FetchedAt time.Time
}

// Stats returns the cache counters.
func (s *Service) Stats() CacheStats {
	s.cache.mu.RLock()
	at := s.cache.fetched
	s.cache.mu.RUnlock()
	return CacheStats{Hits: s.cache.hits.Load(), Misses: s.cache.misses.Load(), Fetches: s.cache.fetches.Load(), FetchedAt: at}
}

// snapshot returns the cached list, loading it when empty or older than
// the TTL. Concurrent loads collapse into one request; the request runs
// detached from any single caller's cancellation, and each caller stops
// waiting when its own context ends.
func (s *Service) snapshot(ctx context.Context) ([]Process, error) {
	s.cache.mu.RLock()
	list, fetched := s.cache.list, s.cache.fetched
	s.cache.mu.RUnlock()
	if !fetched.IsZero() && s.now().Sub(fetched) < s.ttl {
		s.cache.hits.Add(1)
		return list, nil
	}
	s.cache.misses.Add(1)
	ch := s.sf.DoChan("processes", func() (any, error) {
		return s.load(context.WithoutCancel(ctx))
	})
	select {
	case r := <-ch:
		if r.Err != nil {
			return nil, r.Err
		}
		return r.Val.([]Process), nil
	case <-ctx.Done():
		return nil, fmt.Errorf("process: waiting for the process list: %w", ctx.Err())
	}
}

// load fetches the full list and installs it as the new snapshot.
func (s *Service) load(ctx context.Context) ([]Process, error) {
	s.cache.fetches.Add(1)
	list, err := s.List(ctx, All())
	if err != nil {
		return nil, err
	}
	byCode := make(map[int]int, len(list))
	byName := make(map[string]int, len(list))
	for i, p := range list {
		if _, dup := byCode[p.Code]; !dup {
			byCode[p.Code] = i
		}
		k := strings.ToLower(p.Name)
		if _, dup := byName[k]; !dup {
			byName[k] = i
		}
	}
	s.cache.mu.Lock()
	s.cache.list, s.cache.byCode, s.cache.byName, s.cache.fetched = list, byCode, byName, s.now()
	s.cache.mu.Unlock()
	return list, nil
}

// Refresh fetches the process list now and replaces the cached snapshot.
//
// WATS API: GET /api/App/Processes
func (s *Service) Refresh(ctx context.Context) error {
	_, err := s.load(ctx)
	return err
}

// Invalidate drops the cached snapshot; the next lookup fetches again.
func (s *Service) Invalidate() {
	s.cache.mu.Lock()
	s.cache.list, s.cache.byCode, s.cache.byName, s.cache.fetched = nil, nil, nil, time.Time{}
	s.cache.mu.Unlock()
}

// Processes returns every process (all kinds, inactive included) from the
// cache. The slice is shared: do not modify it.
//
// WATS API: GET /api/App/Processes
func (s *Service) Processes(ctx context.Context) ([]Process, error) {
	return s.snapshot(ctx)
}

// ByCode looks a process up by code in the cache. An unknown code gives an
// error matching wats.ErrNotFound.
//
// WATS API: GET /api/App/Processes
func (s *Service) ByCode(ctx context.Context, code int) (Process, error) {
	if _, err := s.snapshot(ctx); err != nil {
		return Process{}, err
	}
	s.cache.mu.RLock()
	defer s.cache.mu.RUnlock()
	if i, ok := s.cache.byCode[code]; ok {
		return s.cache.list[i], nil
	}
	return Process{}, fmt.Errorf("process.ByCode: no process with code %d: %w", code, errs.ErrNotFound)
}

// ByName looks a process up by name, ignoring case and surrounding spaces.
// An unknown name gives an error matching wats.ErrNotFound; an empty name a
// *wats.ValidationError.
//
// WATS API: GET /api/App/Processes
func (s *Service) ByName(ctx context.Context, name string) (Process, error) {
	key := strings.ToLower(strings.TrimSpace(name))
	if key == "" {
		return Process{}, errs.Invalid("process.ByName", "name", "must not be empty")
	}
	if _, err := s.snapshot(ctx); err != nil {
		return Process{}, err
	}
	s.cache.mu.RLock()
	defer s.cache.mu.RUnlock()
	if i, ok := s.cache.byName[key]; ok {
		return s.cache.list[i], nil
	}
	return Process{}, fmt.Errorf("process.ByName: no process named %q: %w", name, errs.ErrNotFound)
}

// filter returns the active processes for which keep is true.
func (s *Service) filter(ctx context.Context, keep func(Process) bool) ([]Process, error) {
	list, err := s.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	var out []Process
	for _, p := range list {
		if p.Active() && keep(p) {
			out = append(out, p)
		}
	}
	return out, nil
}

// TestOperations returns the active processes usable as a UUT report's
// processCode.
//
// WATS API: GET /api/App/Processes
func (s *Service) TestOperations(ctx context.Context) ([]Process, error) {
	return s.filter(ctx, func(p Process) bool { return p.IsTestOperation })
}

// RepairOperations returns the active processes usable as a UUR report's
// top-level processCode.
//
// WATS API: GET /api/App/Processes
func (s *Service) RepairOperations(ctx context.Context) ([]Process, error) {
	return s.filter(ctx, func(p Process) bool { return p.IsRepairOperation })
}

// WIPOperations returns the active production (WIP) processes.
//
// WATS API: GET /api/App/Processes
func (s *Service) WIPOperations(ctx context.Context) ([]Process, error) {
	return s.filter(ctx, func(p Process) bool { return p.IsWIPOperation })
}

// IsTestOperation reports whether code is a known test operation.
//
// WATS API: GET /api/App/Processes
func (s *Service) IsTestOperation(ctx context.Context, code int) (bool, error) {
	return s.is(ctx, code, func(p Process) bool { return p.IsTestOperation })
}

// IsRepairOperation reports whether code is a known repair operation.
//
// WATS API: GET /api/App/Processes
func (s *Service) IsRepairOperation(ctx context.Context, code int) (bool, error) {
	return s.is(ctx, code, func(p Process) bool { return p.IsRepairOperation })
}

func (s *Service) is(ctx context.Context, code int, kind func(Process) bool) (bool, error) {
	p, err := s.ByCode(ctx, code)
	if err != nil {
		if errors.Is(err, errs.ErrNotFound) {
			return false, nil
		}
		return false, err
	}
	return kind(p), nil
}

// DefaultTestOperation returns process 100 when it is an active test
// operation, otherwise the first active test operation the server lists.
//
// WATS API: GET /api/App/Processes
func (s *Service) DefaultTestOperation(ctx context.Context) (Process, error) {
	return s.preferred(ctx, "process.DefaultTestOperation", DefaultTestCode, func(p Process) bool { return p.IsTestOperation })
}

// DefaultRepairOperation returns process 500 when it is an active repair
// operation, otherwise the first active repair operation the server lists.
//
// WATS API: GET /api/App/Processes
func (s *Service) DefaultRepairOperation(ctx context.Context) (Process, error) {
	return s.preferred(ctx, "process.DefaultRepairOperation", DefaultRepairCode, func(p Process) bool { return p.IsRepairOperation })
}

func (s *Service) preferred(ctx context.Context, op string, code int, kind func(Process) bool) (Process, error) {
	list, err := s.filter(ctx, kind)
	if err != nil {
		return Process{}, err
	}
	for _, p := range list {
		if p.Code == code {
			return p, nil
		}
	}
	if len(list) > 0 {
		return list[0], nil
	}
	return Process{}, fmt.Errorf("%s: the server lists no such active operation: %w", op, errs.ErrNotFound)
}
