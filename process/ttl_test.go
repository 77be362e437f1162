package process

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/transport"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestTTLExpiry(t *testing.T) {
	srv := watstest.NewServer()
	defer srv.Close()
	var mu sync.Mutex
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	advance := func(d time.Duration) { mu.Lock(); now = now.Add(d); mu.Unlock() }

	tr := transport.New(transport.Config{BaseURL: srv.URL(), Token: srv.Token(), UserAgent: "test"})
	s := NewService(tr, WithTTL(10*time.Minute), WithClock(clock))
	ctx := context.Background()
	fetches := func() int { return len(srv.RequestsTo("", "/api/App/Processes")) }

	_, err := s.ByCode(ctx, 100)
	require.NoError(t, err)
	advance(9 * time.Minute)
	_, err = s.ByCode(ctx, 100)
	require.NoError(t, err)
	assert.Equal(t, 1, fetches(), "within the TTL")
	advance(2 * time.Minute)
	_, err = s.ByCode(ctx, 100)
	require.NoError(t, err)
	assert.Equal(t, 2, fetches(), "after the TTL")
	assert.Equal(t, DefaultTTL, NewService(tr).ttl)
}
