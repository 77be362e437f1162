package report

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// ErrNoProgress is yielded by Headers when the server answers a page that
// starts with the same report as the page before, which means it ignored
// $skip and the walk would never end.
var ErrNoProgress = errors.New("report: header paging made no progress (server ignored $skip)")

// DefaultPageSize is the $top of each page fetched by Headers. It is kept
// well under any plausible server maximum, because a page shorter than
// asked for ends the walk.
const DefaultPageSize = 100

// PageOption tunes Headers.
type PageOption func(*pageConfig)

type pageConfig struct{ size int }

// WithPageSize sets how many headers each request asks for (1–10000).
func WithPageSize(n int) PageOption { return func(c *pageConfig) { c.size = n } }

// HeaderPage fetches one page of at most top headers after skipping skip
// rows of the query (q.Skip and q.Limit are ignored here). It returns the
// rows and the $skip of the next page, so a walk can be resumed later.
//
// WATS API: GET /api/Report/Query/Header
func (s *Service) HeaderPage(ctx context.Context, q HeaderQuery, top, skip int) ([]ReportHeader, int, error) {
	const op = "report.HeaderPage"
	if top < 1 {
		return nil, skip, errs.Invalid(op, "$top", fmt.Sprintf("top must be at least 1, got %d", top))
	}
	if skip < 0 {
		return nil, skip, errs.Invalid(op, "$skip", fmt.Sprintf("skip must not be negative, got %d", skip))
	}
	q.Skip, q.Limit = 0, 0
	vals, err := q.values(op, top, skip)
	if err != nil {
		return nil, skip, err
	}
	rows, err := s.page(ctx, op, vals)
	return rows, skip + len(rows), err
}

func (s *Service) page(ctx context.Context, op string, vals url.Values) ([]ReportHeader, error) {
	var rows []ReportHeader
	_, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: routeHeaders, Query: vals, Result: &rows,
	})
	return rows, err
}

// Headers walks every header q selects, page by page ($top/$skip), holding
// one page in memory at a time. Breaking out of the loop stops fetching. An
// error (bad query, failed page) is yielded once with a zero ReportHeader and ends
// the walk; a page shorter than asked for also ends it.
//
//	for h, err := range client.Report.Headers(ctx, report.BySerialNumber("SN1")) {
//		if err != nil { return err }
//		fmt.Println(h.ID, h.Result)
//	}
//
// WATS API: GET /api/Report/Query/Header
func (s *Service) Headers(ctx context.Context, q HeaderQuery, opts ...PageOption) iter.Seq2[ReportHeader, error] {
	const op = "report.Headers"
	cfg := pageConfig{size: DefaultPageSize}
	for _, o := range opts {
		o(&cfg)
	}
	// Copy the caller's slices so later changes to q do not leak into the walk.
	q.OrderBy = append(q.OrderBy[:0:0], q.OrderBy...)
	q.Expand = append(q.Expand[:0:0], q.Expand...)
	return func(yield func(ReportHeader, error) bool) {
		if cfg.size < 1 || cfg.size > 10000 {
			yield(ReportHeader{}, errs.Invalid(op, "pageSize", fmt.Sprintf("page size must be 1–10000, got %d", cfg.size)))
			return
		}
		if _, err := q.values(op, cfg.size, q.Skip); err != nil {
			yield(ReportHeader{}, err)
			return
		}
		skip, seen, prevFirst := q.Skip, 0, ""
		for {
			top := cfg.size
			if q.Limit > 0 {
				top = min(top, q.Limit-seen)
			}
			vals, _ := q.values(op, top, skip) // validated above
			rows, err := s.page(ctx, op, vals)
			if err != nil {
				yield(ReportHeader{}, fmt.Errorf("%s: page at $skip=%d: %w", op, skip, err))
				return
			}
			// A server that ignores $skip would answer the same full page
			// forever; stop instead of looping (no-progress guard).
			if len(rows) > 0 && rows[0].ID != "" && rows[0].ID == prevFirst {
				yield(ReportHeader{}, fmt.Errorf("%s: page at $skip=%d starts with report %s again: %w", op, skip, prevFirst, ErrNoProgress))
				return
			}
			if len(rows) > 0 {
				prevFirst = rows[0].ID
			}
			for i := range rows {
				if !yield(rows[i], nil) {
					return
				}
			}
			seen += len(rows)
			skip += len(rows)
			if len(rows) < top || (q.Limit > 0 && seen >= q.Limit) {
				return
			}
			if err := ctx.Err(); err != nil {
				yield(ReportHeader{}, fmt.Errorf("%s: %w", op, err))
				return
			}
		}
	}
}

// Collect returns at most limit headers of q in one slice, for small results.
// limit must be at least 1; q.Limit is replaced by it.
//
// WATS API: GET /api/Report/Query/Header
func (s *Service) Collect(ctx context.Context, q HeaderQuery, limit int) ([]ReportHeader, error) {
	const op = "report.Collect"
	if limit < 1 {
		return nil, errs.Invalid(op, "limit", fmt.Sprintf("limit must be at least 1, got %d", limit))
	}
	q.Limit = limit
	var out []ReportHeader
	for h, err := range s.Headers(ctx, q, WithPageSize(min(limit, 1000))) {
		if err != nil {
			return out, err
		}
		out = append(out, h)
	}
	return out, nil
}

// HeadersByMiscInfo returns the headers of reports carrying the misc-info
// pair description = value. top caps the rows (0 = the server's default).
// Whether UUR reports are included and whether wildcards work is unverified.
//
// WATS API: GET /api/Report/Query/HeaderByMiscInfo
func (s *Service) HeadersByMiscInfo(ctx context.Context, description, value string, top int) ([]ReportHeader, error) {
	const op = "report.HeadersByMiscInfo"
	v := &errs.ValidationError{Op: op}
	if description == "" {
		v.Add("description", "required", "misc-info description is empty")
	}
	if top < 0 {
		v.Add("$top", "min=0", fmt.Sprintf("top must not be negative, got %d", top))
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	q := url.Values{"description": {description}, "stringValue": {value}}
	if top > 0 {
		q.Set("$top", strconv.Itoa(top))
	}
	var rows []ReportHeader
	_, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: routeHeadersMisc, Query: q, Result: &rows,
	})
	return rows, err
}
