package wats

import (
	"context"
	"net/http"

	"github.com/watsgo/sdk/internal/transport"
)

// Status is the client's view of the server's reachability, driven by the
// circuit breaker (see WithCircuitBreaker).
type Status = transport.State

// Status values.
const (
	// StatusOnline: requests flow normally.
	StatusOnline = transport.Online
	// StatusOffline: the breaker is open and calls fail with ErrCircuitOpen.
	StatusOffline = transport.Offline
	// StatusProbing: the cool-down is over and one probe is being tried.
	StatusProbing = transport.Probing
)

// StatusChange describes one transition of Status.
type StatusChange = transport.StateChange

// Status reports whether the server is considered reachable. It is
// StatusOnline until failures open the circuit breaker.
func (c *Client) Status() Status { return c.t.State() }

// OnStatusChange calls fn on every Status transition and returns a function
// that stops the calls. fn runs synchronously on the goroutine whose request
// caused the transition, so it must return quickly (hand work to a channel).
func (c *Client) OnStatusChange(fn func(StatusChange)) (stop func()) {
	return c.t.Subscribe(fn)
}

// Ping checks connectivity and credentials with one attempt (never
// retried, never cached). It is sent even while the circuit breaker is open
// and moves it: a successful Ping brings the client back online.
//
// WATS API: GET /api/App/Version
func (c *Client) Ping(ctx context.Context) error {
	_, err := c.serverVersion(ctx, "wats.Ping", true)
	return err
}

func (c *Client) serverVersion(ctx context.Context, op string, probe bool) (string, error) {
	var raw rawBody
	_, err := c.t.Do(ctx, &transport.Request{
		Op:     op,
		Method: http.MethodGet,
		Route:  "/api/App/Version",
		Output: &raw,
		Probe:  probe,
	})
	if err != nil {
		return "", err
	}
	return raw.version(), nil
}
