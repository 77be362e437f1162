package wats

import (
	"errors"
	"net/http"
)

// config collects what the options set. SKELETON: the foundation issue adds
// the remaining options (TLS, proxy, timeout, retry, rate limit, logger,
// middleware, cache TTL).
type config struct {
	httpClient      *http.Client
	userAgentSuffix string
	station         string
}

func defaultConfig() config { return config{} }

// Option configures a Client. Options validate their arguments; New returns
// the first error.
type Option func(*config) error

// WithHTTPClient makes the client send through a copy of hc (hc itself is
// never modified).
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("wats: WithHTTPClient: nil *http.Client")
		}
		cp := *hc
		c.httpClient = &cp
		return nil
	}
}

// WithUserAgent appends suffix to the SDK's User-Agent.
func WithUserAgent(suffix string) Option {
	return func(c *config) error { c.userAgentSuffix = suffix; return nil }
}

// WithStation sets the station name applied to reports built through the client.
func WithStation(name string) Option {
	return func(c *config) error {
		if name == "" {
			return errors.New("wats: WithStation: empty station name")
		}
		c.station = name
		return nil
	}
}
