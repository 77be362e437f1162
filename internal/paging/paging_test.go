package paging

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/odata"
)

// source serves ints 0..n-1 honouring $top/$skip and records each call.
type source struct {
	n     int
	calls []odata.Query
	fail  map[int]error // by call index
	over  int           // extra rows returned beyond $top
}

func (s *source) fetch(_ context.Context, q odata.Query) ([]int, error) {
	s.calls = append(s.calls, q)
	if err := s.fail[len(s.calls)-1]; err != nil {
		return nil, err
	}
	var out []int
	for i := q.Skip; i < s.n && len(out) < q.Top+s.over; i++ {
		out = append(out, i)
	}
	return out, nil
}

func collect(t *testing.T, seq func(func(int, error) bool)) ([]int, []error) {
	t.Helper()
	var items []int
	var errs []error
	for v, err := range seq {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items = append(items, v)
	}
	return items, errs
}

func TestAll(t *testing.T) {
	tests := []struct {
		name      string
		n         int
		q         odata.Query
		wantItems int
		wantCalls int
	}{
		{"empty", 0, odata.Query{Top: 10}, 0, 1},
		{"short last page", 25, odata.Query{Top: 10}, 25, 3},
		{"exact multiple", 20, odata.Query{Top: 10}, 20, 3},
		{"default page size", 150, odata.Query{}, 150, 2},
		{"starting skip", 25, odata.Query{Top: 10, Skip: 15}, 10, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := &source{n: tt.n}
			items, errs := collect(t, All(context.Background(), tt.q, src.fetch))
			require.Empty(t, errs)
			assert.Len(t, items, tt.wantItems)
			assert.Len(t, src.calls, tt.wantCalls)
			for i := 1; i < len(items); i++ {
				require.Equal(t, items[i-1]+1, items[i], "items in order without gaps")
			}
		})
	}
}

func TestAllKeepsCallerQuery(t *testing.T) {
	src := &source{n: 30}
	q := odata.Query{Filter: odata.Eq("a", 1), Top: 10}
	_, _ = collect(t, All(context.Background(), q, src.fetch))
	assert.Equal(t, 10, q.Top)
	assert.Equal(t, 0, q.Skip)
	assert.Equal(t, "a eq 1", src.calls[2].Filter.String(), "the filter travels with every page")
	assert.Equal(t, 20, src.calls[2].Skip)
}

func TestAllStopsOnErrorOnce(t *testing.T) {
	boom := errors.New("boom")
	src := &source{n: 50, fail: map[int]error{1: boom}}
	items, errs := collect(t, All(context.Background(), odata.Query{Top: 10}, src.fetch))
	assert.Len(t, items, 10)
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], boom)
	assert.Contains(t, errs[0].Error(), "$skip=10")
	assert.Len(t, src.calls, 2)
}

func TestAllServerIgnoringTop(t *testing.T) {
	src := &source{n: 1000, over: 5}
	items, errs := collect(t, All(context.Background(), odata.Query{Top: 10}, src.fetch))
	require.Empty(t, errs)
	assert.Len(t, items, 15, "an over-long page ends paging instead of looping")
	assert.Len(t, src.calls, 1)
}

func TestAllConsumerStops(t *testing.T) {
	src := &source{n: 100}
	n := 0
	for range All(context.Background(), odata.Query{Top: 10}, src.fetch) {
		n++
		if n == 15 {
			break
		}
	}
	assert.Len(t, src.calls, 2)
}

func TestAllCancelledContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	src := &source{n: 100}
	var errs []error
	n := 0
	for _, err := range All(ctx, odata.Query{Top: 10}, src.fetch) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		n++
		if n == 10 {
			cancel()
		}
	}
	assert.Equal(t, 10, n)
	require.Len(t, errs, 1)
	require.ErrorIs(t, errs[0], context.Canceled)
	assert.Len(t, src.calls, 1)
}

func BenchmarkAll(b *testing.B) {
	src := &source{n: 10000}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		src.calls = src.calls[:0]
		for v, err := range All(context.Background(), odata.Query{Top: 500}, src.fetch) {
			if err != nil {
				b.Fatal(err)
			}
			_ = v
		}
	}
}

func TestAllServerIgnoringSkip(t *testing.T) {
	calls := 0
	fetch := func(_ context.Context, q odata.Query) ([]int, error) {
		calls++
		out := make([]int, q.Top)
		for i := range out {
			out[i] = i // always the first page
		}
		return out, nil
	}
	items, errs := collect(t, All(context.Background(), odata.Query{Top: 10}, fetch))
	assert.Len(t, items, 10, "the repeated page is not yielded")
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Error(), "ignores $skip")
	assert.Equal(t, 2, calls)
}
