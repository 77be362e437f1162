package report

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/odata"
	"github.com/watsgo/sdk/internal/paging"
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
		fetch := func(ctx context.Context, page odata.Query) ([]ReportHeader, error) {
			vals, _ := q.values(op, page.Top, page.Skip) // validated above
			return s.page(ctx, op, vals)
		}
		paging.AllWith(ctx, odata.Query{Top: cfg.size, Skip: q.Skip}, fetch, paging.Options[ReportHeader]{
			Limit: q.Limit,
			// A server that ignores $skip would answer the same full page
			// forever; a page starting with the report the previous one
			// started with stops the walk (no-progress guard).
			Key:               func(rows []ReportHeader) string { return rows[0].ID },
			ErrNoProgress:     ErrNoProgress,
			Op:                op,
			LongPagesContinue: true,
		})(yield)
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

// MiscInfoQuery selects reports for [Service.HeadersByMiscInfo]. Every
// field is optional; the server combines the ones set.
type MiscInfoQuery struct {
	// Description is the misc-info key, sent as description.
	Description string
	// Value is the misc-info value, sent as data.
	Value string
	// SerialNumber restricts the search to one serial number, sent as
	// serialNumber.
	SerialNumber string
	// ProcessCode restricts the search to one process, sent as processCode
	// (nil = any process).
	ProcessCode *int
}

// MiscInfoHeader is one report found by [Service.HeadersByMiscInfo]: a
// short header with the report's misc-info entries.
type MiscInfoHeader struct {
	// ID is the report GUID (uuid).
	ID string `json:"uuid"`
	// SerialNumber is the unit's serial number (serialNumber).
	SerialNumber string `json:"serialNumber,omitempty"`
	// PartNumber is the unit's part number (partNumber).
	PartNumber string `json:"partNumber,omitempty"`
	// Start is the start time (start).
	Start time.Time `json:"-"`
	// Result is the result as the server writes it (result).
	Result string `json:"result,omitempty"`
	// ProcessCode is the report's process code (processCode).
	ProcessCode int `json:"processCode,omitempty"`
	// ProcessName is the name of ProcessCode (processName).
	ProcessName string `json:"processName,omitempty"`
	// MiscData are the report's misc-info entries (miscData).
	MiscData []MiscData `json:"miscData,omitempty"`
}

// MiscData is one misc-info entry of a [MiscInfoHeader].
type MiscData struct {
	Description string `json:"description,omitempty"` // misc-info key (description)
	Data        string `json:"data,omitempty"`        // misc-info value (data)
}

// UnmarshalJSON decodes the header, reading start with or without a zone.
func (h *MiscInfoHeader) UnmarshalJSON(data []byte) error {
	type plain MiscInfoHeader
	aux := struct {
		*plain
		Start flexTime `json:"start"`
	}{plain: (*plain)(h)}
	if err := json.Unmarshal(data, &aux); err != nil {
		return fmt.Errorf("report: decode misc-info header: %w", err)
	}
	h.Start = time.Time(aux.Start)
	return nil
}

// HeadersByMiscInfo returns the reports whose misc info matches q. At least
// one of q's fields must be set, so the call never asks for every report.
//
// WATS API: GET /api/Report/Query/HeaderByMiscInfo
func (s *Service) HeadersByMiscInfo(ctx context.Context, q *MiscInfoQuery) ([]MiscInfoHeader, error) {
	const op = "report.HeadersByMiscInfo"
	if q == nil || (q.Description == "" && q.Value == "" && q.SerialNumber == "" && q.ProcessCode == nil) {
		return nil, errs.Invalid(op, "description", "set at least one of description, data, serialNumber or processCode")
	}
	vals := url.Values{}
	if q.Description != "" {
		vals.Set("description", q.Description)
	}
	if q.Value != "" {
		vals.Set("data", q.Value)
	}
	if q.SerialNumber != "" {
		vals.Set("serialNumber", q.SerialNumber)
	}
	if q.ProcessCode != nil {
		vals.Set("processCode", strconv.Itoa(*q.ProcessCode))
	}
	var rows []MiscInfoHeader
	_, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: routeHeadersMisc, Query: vals, Result: &rows,
	})
	return rows, err
}
