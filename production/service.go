package production

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"

	"github.com/watsgo/sdk/internal/transport"
)

// Service calls the public production endpoints (/api/Production/...).
// Get one from wats.Client.Production. Internal routes are on Internal, the
// barcode identifiers on Barcodes and the test workflow on Workflow.
type Service struct {
	t transport.Doer
}

// NewService wires a Service to the shared transport. wats.New calls it;
// users take the Service from the client instead.
func NewService(t transport.Doer) *Service { return &Service{t: t} }

// notIdempotent marks calls that must not be retried: they change state and
// the server gives no dedupe guarantee.
var notIdempotent = transport.Bool(false)

// call runs one request; a nil result discards the body.
func (s *Service) call(ctx context.Context, req *transport.Request) error {
	_, err := s.t.Do(ctx, req)
	return err
}

// getRaw runs a GET whose answer the server's document leaves untyped and
// returns it raw.
func (s *Service) getRaw(ctx context.Context, op, route string, q url.Values) (json.RawMessage, error) {
	var out json.RawMessage
	err := s.call(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: route, Query: q, Result: &out})
	return out, err
}
