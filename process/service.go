// Package process is the WATS process domain: processes (operation types)
// such as test, repair and WIP operations, read through a reference-data
// cache.
//
// Processes are server configuration: the public routes only read them,
// and the internal routes (Service.Internal) also create, update and
// delete them. The Service caches the full list (TTL 1 h by default), collapses concurrent
// cold lookups into one request, and answers lookups by code or name in
// memory. The unstable internal routes (process GUIDs, repair-operation
// fail codes) sit apart behind Service.Internal.
//
// Get a *Service from wats.Client; the package never talks HTTP itself.
package process

import (
	"time"

	"golang.org/x/sync/singleflight"

	"github.com/watsgo/sdk/internal/transport"
)

// Service calls the process endpoints and owns the process cache. Get one
// from wats.Client; it is safe for concurrent use.
type Service struct {
	t     transport.Doer
	ttl   time.Duration
	now   func() time.Time
	cache cache
	sf    singleflight.Group
}

// Option configures a Service.
type Option func(*Service)

// WithTTL sets how long the cached process list is reused (default 1 h).
// Values <= 0 keep the default.
func WithTTL(d time.Duration) Option {
	return func(s *Service) {
		if d > 0 {
			s.ttl = d
		}
	}
}

// WithClock replaces the cache's clock (default time.Now), for tests.
func WithClock(now func() time.Time) Option {
	return func(s *Service) {
		if now != nil {
			s.now = now
		}
	}
}

// DefaultTTL is the cache lifetime used when WithTTL is not given.
const DefaultTTL = time.Hour

// NewService wires a Service to the shared transport. wats.New calls it;
// users take the Service from the client instead.
func NewService(t transport.Doer, opts ...Option) *Service {
	s := &Service{t: t, ttl: DefaultTTL, now: time.Now}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Internal returns the process calls that use WATS' internal routes
// (/api/internal/Process/...). Virinco does not document those routes and
// may change them without notice.
func (s *Service) Internal() *Internal { return &Internal{t: s.t} }
