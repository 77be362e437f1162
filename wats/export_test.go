package wats

import (
	"context"

	"github.com/watsgo/sdk/internal/transport"
)

// RawDoForTest sends a bodiless call on route with method through the
// client's transport, for tests of the transport's verb rules.
func (c *Client) RawDoForTest(ctx context.Context, method, route string) error {
	_, err := c.t.Do(ctx, &transport.Request{Op: "test.Raw", Method: method, Route: route})
	return err
}
