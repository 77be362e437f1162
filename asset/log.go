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
// q.Filter (e.g. wats.Eq("serialNumber", sn)).
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
	return paging.All(ctx, q, s.Log)
}

// PostMessage adds a free-text entry to an asset's log. It is a POST and
// therefore never retried.
//
// WATS API: POST /api/Asset/Message
func (s *Service) PostMessage(ctx context.Context, m Message) error {
	const op = "asset.PostMessage"
	v := &errs.ValidationError{Op: op}
	if strings.TrimSpace(m.AssetID) == "" {
		v.Add("assetId", "required", "asset id is empty (serial numbers are not accepted here)")
	}
	if strings.TrimSpace(m.Comment) == "" {
		v.Add("comment", "required", "message text is empty")
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: "/api/Asset/Message", JSON: m})
	return err
}
