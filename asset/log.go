package asset

import (
	"context"
	"iter"
	"net/http"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/odata"
	"github.com/watsgo/sdk/internal/paging"
	"github.com/watsgo/sdk/internal/transport"
)

// Log returns one page of the asset log across all assets; narrow it with
// q.Filter (e.g. wats.Eq("serialNumber", sn)). Without $orderby the server
// answers the newest entries first, and without $top at most 1000.
//
// WATS API: GET /api/Asset/Log
func (s *Service) Log(ctx context.Context, q odata.Query) ([]LogEntry, error) {
	const op = "asset.Log"
	vals, err := odataValues(op, q)
	if err != nil {
		return nil, err
	}
	var out []LogEntry
	_, err = s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/Asset/Log", Query: vals, Result: &out})
	return out, err
}

// AllLog yields every log entry matching q, paging with $top/$skip.
//
// WATS API: GET /api/Asset/Log
func (s *Service) AllLog(ctx context.Context, q odata.Query) iter.Seq2[LogEntry, error] {
	pages := paging.All(ctx, q, s.Log)
	// A closure of AllLog's own, so the requests are made from within AllLog.
	return func(yield func(LogEntry, error) bool) {
		for e, err := range pages {
			if !yield(e, err) {
				return
			}
		}
	}
}

// MessageOptions tune PostMessage.
type MessageOptions struct {
	// CultureCode picks the language of the server's error messages, e.g.
	// "zh-CN" (query cultureCode).
	CultureCode string
}

// PostMessage adds a free-text entry (log type LogMessage) to the log of the
// asset id names; the author is the user the client authenticates as. It is
// a POST and therefore never retried.
//
// WATS API: POST /api/Asset/Message
func (s *Service) PostMessage(ctx context.Context, id Ident, m *Message, opts *MessageOptions) error {
	const op = "asset.PostMessage"
	v := &errs.ValidationError{Op: op}
	id.check(v)
	switch {
	case m == nil:
		v.Add("message", "required", "no message given")
	case strings.TrimSpace(m.Content) == "":
		v.Add("content", "required", "message text is empty")
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	q := id.query()
	if opts != nil && opts.CultureCode != "" {
		q.Set("cultureCode", opts.CultureCode)
	}
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: "/api/Asset/Message", Query: q, JSON: m})
	return err
}
