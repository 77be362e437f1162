// Package paging turns a one-page OData list call into an iter.Seq2 that
// walks every page with $top/$skip. Domain packages share it so every list
// endpoint pages the same way.
package paging

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"

	"github.com/watsgo/sdk/internal/odata"
)

// DefaultPageSize is the $top used when the caller's query does not set one.
const DefaultPageSize = 100

// FetchFunc fetches one page for q (q.Top and q.Skip already set).
type FetchFunc[T any] func(ctx context.Context, q odata.Query) ([]T, error)

// All yields every item of the list described by q, one page at a time.
// q.Top is the page size (DefaultPageSize when 0) and q.Skip the first row.
// Paging stops on an empty page, on a page shorter than the page size, on
// the first error (yielded once with the zero T), or when the consumer
// stops. A server that ignores $top and answers more rows than asked is
// treated as having sent everything, and a full page that repeats the
// previous one (a server ignoring $skip) ends with an error, so a
// misbehaving server cannot make the loop spin forever.
func All[T any](ctx context.Context, q odata.Query, fetch FetchFunc[T]) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		size := q.Top
		if size <= 0 {
			size = DefaultPageSize
		}
		page := q // copy: the caller's query is never modified
		page.Top = size
		var prevKey []byte
		for {
			if err := ctx.Err(); err != nil {
				var zero T
				yield(zero, err)
				return
			}
			items, err := fetch(ctx, page)
			if err != nil {
				var zero T
				yield(zero, fmt.Errorf("page at $skip=%d: %w", page.Skip, err))
				return
			}
			full := len(items) == size
			if full {
				key := pageKey(items)
				if prevKey != nil && bytes.Equal(key, prevKey) {
					var zero T
					yield(zero, fmt.Errorf("page at $skip=%d repeats the previous page: the server ignores $skip", page.Skip))
					return
				}
				prevKey = key
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			if !full {
				return
			}
			page.Skip += size
		}
	}
}

// pageKey identifies a page by its first and last items, enough to notice a
// server that answers the same page for every $skip.
func pageKey[T any](items []T) []byte {
	b, err := json.Marshal([2]T{items[0], items[len(items)-1]})
	if err != nil {
		return nil // cannot tell; the short/empty page rules still apply
	}
	return b
}
