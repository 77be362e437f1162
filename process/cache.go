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

// Conventional default codes; never assumed to exist.
const (
	// DefaultTestCode is "End of line test" on most servers.
	DefaultTestCode = 100
	// DefaultRepairCode is "Repair" on most servers.
	DefaultRepairCode = 500
)

// cache holds the current snapshot of the process list.
type cache struct {
	mu   sync.RWMutex
	snap *snapshot // nil when empty

	hits, misses, fetches atomic.Int64
}

// snapshot is one fetched process list with its indexes. It is never
// modified after creation, so lookups need no lock once they hold it.
type snapshot struct {
	list    []Process
	byCode  map[int]int
	byName  map[string]int // lower-cased name → index
	fetched time.Time
}

func newSnapshot(list []Process, at time.Time) *snapshot {
	sn := &snapshot{list: list, byCode: make(map[int]int, len(list)), byName: make(map[string]int, len(list)), fetched: at}
	for i, p := range list {
		if _, dup := sn.byCode[p.Code]; !dup {
			sn.byCode[p.Code] = i
		}
		k := strings.ToLower(p.Name)
		if _, dup := sn.byName[k]; !dup {
			sn.byName[k] = i
		}
	}
	return sn
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
//
// No I/O.
func (s *Service) Stats() CacheStats {
	st := CacheStats{Hits: s.cache.hits.Load(), Misses: s.cache.misses.Load(), Fetches: s.cache.fetches.Load()}
	if sn := s.current(); sn != nil {
		st.FetchedAt = sn.fetched
	}
	return st
}

func (s *Service) current() *snapshot {
	s.cache.mu.RLock()
	defer s.cache.mu.RUnlock()
	return s.cache.snap
}

// snapshot returns the cached list, loading it when empty or older than
// the TTL. Concurrent loads collapse into one request; the request runs
// detached from any single caller's cancellation, and each caller stops
// waiting when its own context ends.
func (s *Service) snapshot(ctx context.Context) (*snapshot, error) {
	if sn := s.current(); sn != nil && s.now().Sub(sn.fetched) < s.ttl {
		s.cache.hits.Add(1)
		return sn, nil
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
		return r.Val.(*snapshot), nil
	case <-ctx.Done():
		return nil, fmt.Errorf("process: waiting for the process list: %w", ctx.Err())
	}
}

// load fetches the full list and installs it as the new snapshot.
func (s *Service) load(ctx context.Context) (*snapshot, error) {
	s.cache.fetches.Add(1)
	list, err := s.List(ctx, All())
	if err != nil {
		return nil, err
	}
	sn := newSnapshot(list, s.now())
	s.cache.mu.Lock()
	s.cache.snap = sn
	s.cache.mu.Unlock()
	return sn, nil
}

// Refresh fetches the process list now and replaces the cached snapshot.
//
// WATS API: GET /api/App/Processes
func (s *Service) Refresh(ctx context.Context) error {
	_, err := s.load(ctx)
	return err
}

// Invalidate drops the cached snapshot; the next lookup fetches again.
//
// No I/O.
func (s *Service) Invalidate() {
	s.cache.mu.Lock()
	s.cache.snap = nil
	s.cache.mu.Unlock()
}

// Processes returns every process (all kinds, inactive included) from the
// cache. The slice is shared: do not modify it.
//
// WATS API: GET /api/App/Processes
func (s *Service) Processes(ctx context.Context) ([]Process, error) {
	sn, err := s.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	return sn.list, nil
}

// ByCode looks a process up by code in the cache. An unknown code gives an
// error matching wats.ErrNotFound.
//
// WATS API: GET /api/App/Processes
func (s *Service) ByCode(ctx context.Context, code int) (Process, error) {
	sn, err := s.snapshot(ctx)
	if err != nil {
		return Process{}, err
	}
	if i, ok := sn.byCode[code]; ok {
		return sn.list[i], nil
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
	sn, err := s.snapshot(ctx)
	if err != nil {
		return Process{}, err
	}
	if i, ok := sn.byName[key]; ok {
		return sn.list[i], nil
	}
	return Process{}, fmt.Errorf("process.ByName: no process named %q: %w", name, errs.ErrNotFound)
}

// filter returns the active processes for which keep is true.
func (s *Service) filter(ctx context.Context, keep func(Process) bool) ([]Process, error) {
	sn, err := s.snapshot(ctx)
	if err != nil {
		return nil, err
	}
	var out []Process
	for _, p := range sn.list {
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
