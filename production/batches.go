package production

import (
	"context"
	"net/http"
	"strconv"

	"github.com/watsgo/sdk/internal/transport"
)

// SaveBatches creates or updates production batches, matched by batch
// number. To save one batch pass a one-element slice.
//
// WATS API: PUT /api/Production/Batches
func (s *Service) SaveBatches(ctx context.Context, batches []ProductionBatch) error {
	const op = "production.SaveBatches"
	c := newChecker(op)
	if len(batches) == 0 {
		c.v.Add("batches", "min=1", "must hold at least one batch")
	}
	for i, b := range batches {
		p := "batches[" + strconv.Itoa(i) + "]."
		c.required(p+"batchNumber", b.BatchNumber)
		if b.BatchSize < 0 {
			c.v.Add(p+"batchSize", "gte=0", "must not be negative")
		}
	}
	if err := c.err(); err != nil {
		return err
	}
	return s.call(ctx, &transport.Request{
		Op: op, Method: http.MethodPut, Route: "/api/Production/Batches", JSON: batches, Idempotent: notIdempotent,
	})
}
