// Package paging turns a one-page OData list call into an iter.Seq2 that
// walks every page with $top/$skip. Domain packages share it so every list
// endpoint pages the same way.
package paging

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"

	"github.com/watsgo/sdk/internal/odata"
)

// DefaultPageSize is the $top used when the caller's query does not set one.
const DefaultPageSize = 100

// ErrNoProgress is the default error wrapped when a page repeats the
// previous one (see Options.ErrNoProgress).
var ErrNoProgress = errors.New("the server ignores $skip")

// FetchFunc fetches one page for q (q.Top and q.Skip already set).
type FetchFunc[T any] func(ctx context.Context, q odata.Query) ([]T, error)

// Options tunes AllWith. The zero value is All's behaviour.
type Options[T any] struct {
	// Limit caps the walk at about Limit items (0: no cap): each page asks
	// for at most what is left, and the walk ends once Limit items have
	// been yielded. A server ignoring $top can still send more.
	Limit int
	// Key, when set, identifies a page for the no-progress check: it is
	// computed for every non-empty page, and a page whose key equals the
	// previous page's ends the walk with the no-progress error; "" means
	// "cannot tell" and skips the check. The default key is the first and
	// last items as JSON, compared on full pages only.
	Key func(items []T) string
	// ErrNoProgress is wrapped by the no-progress error (default: the
	// package's ErrNoProgress), so callers can match it with errors.Is.
	ErrNoProgress error
	// Op, when set, prefixes every error the walk yields ("op: err").
	Op string
	// LongPagesContinue makes a page longer than asked (a server ignoring
	// $top) not the end: the walk goes on at $skip + len(page). By default
	// such a page is taken as everything the server has.
	LongPagesContinue bool
}

// All yields every item of the list described by q, one page at a time.
// q.Top is the page size (DefaultPageSize when 0) and q.Skip the first row.
// Paging stops on an empty page, on a page shorter than the page size, on
// the first error (yielded once with the zero T), or when the consumer
// stops. A server that ignores $top and answers more rows than asked is
// treated as having sent everything, and a full page that repeats the
// previous one (a server ignoring $skip) ends with an error wrapping
// ErrNoProgress, so a misbehaving server cannot make the loop spin forever.
func All[T any](ctx context.Context, q odata.Query, fetch FetchFunc[T]) iter.Seq2[T, error] {
	return AllWith(ctx, q, fetch, Options[T]{})
}

// AllWith is All tuned by o.
func AllWith[T any](ctx context.Context, q odata.Query, fetch FetchFunc[T], o Options[T]) iter.Seq2[T, error] {
	key, keyEveryPage := o.Key, true
	if key == nil {
		key, keyEveryPage = pageKey[T], false
	}
	noProgress := o.ErrNoProgress
	if noProgress == nil {
		noProgress = ErrNoProgress
	}
	return func(yield func(T, error) bool) {
		fail := func(err error) {
			if o.Op != "" {
				err = fmt.Errorf("%s: %w", o.Op, err)
			}
			var zero T
			yield(zero, err)
		}
		size := q.Top
		if size <= 0 {
			size = DefaultPageSize
		}
		page := q // copy: the caller's query is never modified
		seen := 0
		prevKey := ""
		for {
			if err := ctx.Err(); err != nil {
				fail(err)
				return
			}
			page.Top = size
			if o.Limit > 0 {
				page.Top = min(size, o.Limit-seen)
			}
			items, err := fetch(ctx, page)
			if err != nil {
				fail(fmt.Errorf("page at $skip=%d: %w", page.Skip, err))
				return
			}
			full := len(items) == page.Top
			if full || keyEveryPage && len(items) > 0 {
				k := key(items)
				if k != "" && k == prevKey {
					fail(fmt.Errorf("page at $skip=%d repeats the previous page: %w", page.Skip, noProgress))
					return
				}
				prevKey = k
			}
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
			seen += len(items)
			if !full && !(o.LongPagesContinue && len(items) > page.Top) {
				return
			}
			if o.Limit > 0 && seen >= o.Limit {
				return
			}
			page.Skip += len(items)
		}
	}
}

// pageKey identifies a page by its first and last items, enough to notice a
// server that answers the same page for every $skip.
func pageKey[T any](items []T) string {
	b, err := json.Marshal([2]T{items[0], items[len(items)-1]})
	if err != nil {
		return "" // cannot tell; the short/empty page rules still apply
	}
	return string(b)
}
