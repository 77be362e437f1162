package production

import (
	"context"
	"net/http"
	"net/url"

	"github.com/watsgo/sdk/internal/transport"
)

// UnverifiedService holds routes pyWATS calls that are absent from both WATS
// Swagger documents (spec production §1.2). They may not exist on a given
// server: expect wats.ErrNotFound or a 405 there. Prefer the Service
// methods; these exist for servers that prove to have them.
type UnverifiedService struct {
	s *Service
}

// Unverified returns the calls whose routes no WATS Swagger document lists.
func (s *Service) Unverified() *UnverifiedService { return &UnverifiedService{s: s} }

// ListBatches lists production batches, optionally filtered by part number
// and batch number (empty means no filter). Unverified route.
//
// WATS API: GET /api/Production/Batches
func (u *UnverifiedService) ListBatches(ctx context.Context, partNumber, batchNumber string) ([]ProductionBatch, error) {
	const op = "production.Unverified.ListBatches"
	c := newChecker(op)
	c.text("partNumber", partNumber)
	c.text("batchId", batchNumber)
	if err := c.err(); err != nil {
		return nil, err
	}
	q := url.Values{}
	if partNumber != "" {
		q.Set("partNumber", partNumber)
	}
	if batchNumber != "" {
		q.Set("batchId", batchNumber)
	}
	var out []ProductionBatch
	err := u.s.call(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/Production/Batches", Query: q, Result: &out})
	return out, err
}

// SaveBatch saves one batch and returns the server's copy (the input when
// the server answers with no body). Unverified route; SaveBatches with one
// element does the same through the Swagger route.
//
// WATS API: PUT /api/Production/Batch
func (u *UnverifiedService) SaveBatch(ctx context.Context, b ProductionBatch) (*ProductionBatch, error) {
	const op = "production.Unverified.SaveBatch"
	c := newChecker(op)
	c.required("batchNumber", b.BatchNumber)
	if b.BatchSize < 0 {
		c.v.Add("batchSize", "gte=0", "must not be negative")
	}
	if err := c.err(); err != nil {
		return nil, err
	}
	out := b
	err := u.s.call(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/Production/Batch", JSON: b, Result: &out, Idempotent: notIdempotent})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
