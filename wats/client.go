package wats

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"strings"

	"github.com/watsgo/sdk/analytics"
	"github.com/watsgo/sdk/asset"
	"github.com/watsgo/sdk/internal/transport"
	"github.com/watsgo/sdk/process"
	"github.com/watsgo/sdk/product"
	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/rootcause"
	"github.com/watsgo/sdk/software"
	"github.com/watsgo/sdk/wats/scim"
	"github.com/watsgo/sdk/wats/system"
)

// Version is the SDK version sent in the User-Agent header.
const Version = "0.1.0"

// Client talks to one WATS server. It is safe for concurrent use and shares
// nothing with other Clients.
type Client struct {
	// Report submits, loads and queries UUT and UUR reports.
	Report *report.Service
	// Product manages products, revisions, groups, vendors and BOMs.
	Product *product.Service
	// Asset manages assets, their types, counts, calibration and logs.
	Asset *asset.Service
	// Process reads processes (operation types) through a cache.
	Process *process.Service
	// Production manages units, assembly, verification and serial numbers.
	Production *production.Service
	// RootCause manages root-cause tickets.
	RootCause *rootcause.Service
	// Software publishes and downloads software packages.
	Software *software.Service
	// Analytics queries yield and measurement statistics.
	Analytics *analytics.Service
	// Auth issues API access tokens.
	Auth *AuthService
	// SCIM provisions users (SCIM 2.0).
	SCIM *scim.Service
	// System reads and updates registered clients, levels and server status.
	System *system.Service

	baseURL string
	station string
	cfg     config
	t       *transport.Client
	hc      *http.Client
}

// Close releases the client's idle keep-alive connections. The client stays
// usable; Close only matters for programs that create many clients.
func (c *Client) Close() { c.hc.CloseIdleConnections() }

// New returns a Client for the server at baseURL, authenticating with token
// (sent verbatim as "Authorization: Basic <token>"). The URL must use http or
// https; a trailing "/" and then a trailing "/api" are removed.
func New(baseURL, token string, opts ...Option) (*Client, error) {
	base, err := NormalizeBaseURL(baseURL)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(token) == "" {
		return nil, errors.New("wats: token is empty")
	}
	if i := controlIndex(token); i >= 0 {
		return nil, fmt.Errorf("wats: token contains a control character at byte %d (a header cannot carry it)", i)
	}
	cfg := defaultConfig()
	for _, o := range opts {
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	if err := checkCleartext(base, cfg.insecureHTTP); err != nil {
		return nil, err
	}
	hc, err := cfg.buildHTTPClient()
	if err != nil {
		return nil, err
	}
	t := transport.New(transport.Config{
		BaseURL:          base,
		Token:            token,
		HTTPClient:       hc,
		UserAgent:        userAgent(cfg.userAgentSuffix),
		AttemptTimeout:   cfg.timeout,
		Retry:            cfg.retry,
		RateLimit:        cfg.rateLimit,
		Breaker:          cfg.breaker,
		Logger:           cfg.logger,
		Middleware:       cfg.middleware,
		MaxResponseBytes: cfg.maxResponse,
	})
	c := &Client{baseURL: base, station: cfg.station, cfg: cfg, t: t, hc: hc}
	c.Report = report.NewService(t, report.WithDefaultStation(report.Station{Name: cfg.station}))
	c.Product = product.NewService(t)
	c.Asset = asset.NewService(t)
	c.Process = process.NewService(t, process.WithTTL(cfg.processTTL))
	c.Production = production.NewService(t)
	c.RootCause = rootcause.NewService(t)
	c.Software = software.NewService(t)
	c.Analytics = analytics.NewService(t)
	c.Auth = &AuthService{t: t}
	c.SCIM = scim.NewService(t)
	c.System = system.NewService(t)
	return c, nil
}

// Environment variables read by NewFromEnv.
const (
	EnvURL     = "WATS_URL"
	EnvToken   = "WATS_TOKEN"
	EnvStation = "WATS_STATION"
)

// NewFromEnv builds a Client from WATS_URL and WATS_TOKEN (both required) and
// WATS_STATION (optional station name). Options given here win over the
// environment.
func NewFromEnv(opts ...Option) (*Client, error) {
	u, ok := os.LookupEnv(EnvURL)
	if !ok || strings.TrimSpace(u) == "" {
		return nil, fmt.Errorf("wats: environment variable %s is not set", EnvURL)
	}
	if _, err := normalizeBaseURL(u); err != nil {
		return nil, fmt.Errorf("wats: environment variable %s: %w", EnvURL, err)
	}
	tok, ok := os.LookupEnv(EnvToken)
	if !ok || strings.TrimSpace(tok) == "" {
		return nil, fmt.Errorf("wats: environment variable %s is not set", EnvToken)
	}
	var pre []Option
	if st, ok := os.LookupEnv(EnvStation); ok {
		if strings.TrimSpace(st) == "" {
			return nil, fmt.Errorf("wats: environment variable %s is set but empty", EnvStation)
		}
		pre = append(pre, WithStation(st))
	}
	return New(u, tok, append(pre, opts...)...)
}

// NormalizeBaseURL applies these rules: the URL must
// be absolute http(s); one trailing "/" is removed, then a trailing "/api".
func NormalizeBaseURL(raw string) (string, error) {
	base, err := normalizeBaseURL(raw)
	if err != nil {
		return "", fmt.Errorf("wats: %w", err)
	}
	return base, nil
}

func normalizeBaseURL(raw string) (string, error) {
	s := strings.TrimSpace(raw)
	raw = safeURL(raw) // never repeat credentials in an error
	lower := strings.ToLower(s)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return "", fmt.Errorf("base URL %s must start with http:// or https://", raw)
	}
	u, err := url.Parse(s)
	if err != nil {
		return "", fmt.Errorf("base URL %s: %w", raw, urlCause(err))
	}
	if u.User != nil {
		return "", fmt.Errorf("base URL must not carry credentials; pass them as the token (see BasicToken)")
	}
	if u.Host == "" {
		return "", fmt.Errorf("base URL %s has no host", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("base URL %s must not have a query or fragment", raw)
	}
	s = strings.TrimSuffix(s, "/")
	if strings.HasSuffix(strings.ToLower(s), "/api") {
		s = s[:len(s)-len("/api")]
	}
	return s, nil
}

// BaseURL returns the normalised server root.
func (c *Client) BaseURL() string { return c.baseURL }

// Station returns the station name configured with WithStation or
// WATS_STATION ("" when neither was given).
func (c *Client) Station() string { return c.station }

func userAgent(suffix string) string {
	ua := fmt.Sprintf("watsgo/%s (%s; %s/%s)", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if suffix != "" {
		ua += " " + suffix
	}
	return ua
}
