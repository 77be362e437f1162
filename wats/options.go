package wats

import (
	"crypto/tls"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"github.com/watsgo/sdk/internal/transport"
)

// Defaults applied by New when no option overrides them.
const (
	// DefaultTimeout bounds one attempt (pyWATS uses the same 30 s).
	DefaultTimeout = 30 * time.Second
	// DefaultProcessCacheTTL is how long the process list is reused.
	DefaultProcessCacheTTL = time.Hour
)

// config collects what the options set.
type config struct {
	httpClient      *http.Client
	tlsConfig       *tls.Config
	proxy           *url.URL
	proxySet        bool
	timeout         time.Duration
	retry           transport.RetryPolicy
	rateLimit       transport.RateLimit
	breaker         transport.BreakerPolicy
	logger          *slog.Logger
	userAgentSuffix string
	middleware      []transport.Middleware
	station         string
	processTTL      time.Duration
	maxResponse     int64
	insecureHTTP    bool
}

func defaultConfig() config {
	return config{
		timeout:    DefaultTimeout,
		retry:      transport.DefaultRetry(),
		rateLimit:  transport.DefaultRateLimit(),
		breaker:    transport.DefaultBreaker(),
		processTTL: DefaultProcessCacheTTL,
	}
}

// Option configures a Client. Options validate their arguments; New returns
// the first error.
type Option func(*config) error

// WithHTTPClient makes the client send through a copy of hc (hc itself is
// never modified). Its Transport must be an *http.Transport (or nil) when
// WithTLSConfig or WithProxy is used as well.
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

// WithTLSConfig sets the TLS configuration (custom CA pool, client
// certificate, minimum version). The config is cloned.
func WithTLSConfig(cfg *tls.Config) Option {
	return func(c *config) error {
		if cfg == nil {
			return errors.New("wats: WithTLSConfig: nil *tls.Config")
		}
		c.tlsConfig = cfg.Clone()
		return nil
	}
}

// WithProxy sends every request through the HTTP(S) proxy at rawURL. An
// empty rawURL disables proxies, including the HTTP_PROXY/HTTPS_PROXY
// environment variables that are honoured by default.
func WithProxy(rawURL string) Option {
	return func(c *config) error {
		c.proxySet = true
		if rawURL == "" {
			c.proxy = nil
			return nil
		}
		u, err := url.Parse(rawURL)
		if err != nil {
			return fmt.Errorf("wats: WithProxy: %s: %w", safeURL(rawURL), urlCause(err))
		}
		if u.Scheme == "" || u.Host == "" {
			return fmt.Errorf("wats: WithProxy: %s needs a scheme and a host, e.g. http://proxy:8080", safeURL(rawURL))
		}
		c.proxy = u
		return nil
	}
}

// WithTimeout bounds each attempt (sending, waiting, reading the body);
// retries get a fresh timeout. 0 removes the bound, leaving only the
// caller's context. Default DefaultTimeout.
func WithTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d < 0 {
			return fmt.Errorf("wats: WithTimeout: negative duration %v", d)
		}
		c.timeout = d
		return nil
	}
}

// WithRetry sets how idempotent calls (GET, PUT, DELETE, HEAD) are retried
// on 429, 500, 502, 503, 504 and transport errors: attempts in total
// (including the first; 0 or 1 disables retries), with waits drawn
// uniformly from [0, min(cap, base·2ⁿ)] or the server's Retry-After, capped
// by cap. POST is never retried. Default 3 attempts, 1 s, 30 s.
func WithRetry(attempts int, base, cap time.Duration) Option {
	return func(c *config) error {
		if attempts < 0 {
			return fmt.Errorf("wats: WithRetry: negative attempts %d", attempts)
		}
		if attempts > 1 && (base <= 0 || cap < base) {
			return fmt.Errorf("wats: WithRetry: need 0 < base <= cap, got base %v cap %v", base, cap)
		}
		c.retry = transport.RetryPolicy{Attempts: attempts, Base: base, Cap: cap}
		return nil
	}
}

// WithRateLimit limits the client to perSecond requests per second on
// average with bursts of up to burst requests; every attempt, retries
// included, takes a slot and waiting honours the context. After a 429 the
// limiter halves its rate and pauses for the server's Retry-After, then
// doubles back every 30 s without another 429. perSecond 0 (the default)
// means no client-side limit: the server enforces its own, and a 429's
// Retry-After still holds every attempt of the client. pyWATS's figure is
// WithRateLimit(500.0/60, 500). A wait that would outlast the context's
// deadline fails at once with ErrThrottled.
func WithRateLimit(perSecond float64, burst int) Option {
	return func(c *config) error {
		if perSecond < 0 {
			return fmt.Errorf("wats: WithRateLimit: negative rate %v", perSecond)
		}
		if perSecond > 0 && burst < 1 {
			return fmt.Errorf("wats: WithRateLimit: burst must be at least 1, got %d", burst)
		}
		c.rateLimit = transport.RateLimit{Rate: perSecond, Burst: burst}
		return nil
	}
}

// WithCircuitBreaker opens the breaker after threshold consecutive failed
// attempts (transport errors, 429 and 5xx answers) and lets one probe
// through after cooldown. While open, calls fail at once with an error
// matching ErrCircuitOpen and Status reports StatusOffline. threshold 0
// turns the breaker off. Default 5 failures, 30 s.
func WithCircuitBreaker(threshold int, cooldown time.Duration) Option {
	return func(c *config) error {
		if threshold < 0 {
			return fmt.Errorf("wats: WithCircuitBreaker: negative threshold %d", threshold)
		}
		if threshold > 0 && cooldown <= 0 {
			return fmt.Errorf("wats: WithCircuitBreaker: cooldown must be positive, got %v", cooldown)
		}
		c.breaker = transport.BreakerPolicy{Threshold: threshold, Cooldown: cooldown}
		return nil
	}
}

// WithLogger sends the client's records to l: each attempt at Debug
// (method, route template, status, duration, attempt, request id), retries
// at Info, breaker transitions at Info/Warn. Records never carry the token,
// headers, query strings or bodies. Default: no logging.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return errors.New("wats: WithLogger: nil *slog.Logger")
		}
		c.logger = l
		return nil
	}
}

// WithUserAgent appends suffix to the SDK's User-Agent, e.g. "linetester/2.1".
// A suffix with control characters (which no HTTP header may carry) is refused.
func WithUserAgent(suffix string) Option {
	return func(c *config) error {
		if i := controlIndex(suffix); i >= 0 {
			return fmt.Errorf("wats: WithUserAgent: control character %q at byte %d", suffix[i], i)
		}
		c.userAgentSuffix = suffix
		return nil
	}
}

// WithMaxResponseSize caps every answer the client reads into memory (JSON
// answers and error bodies; streamed downloads are bounded by their own
// checks). A larger answer fails with ErrResponseTooLarge instead of
// exhausting memory. Default DefaultMaxResponseSize.
func WithMaxResponseSize(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("wats: WithMaxResponseSize: must be positive, got %d", n)
		}
		c.maxResponse = n
		return nil
	}
}

// WithInsecureHTTP allows a plain http:// base URL to a host that is not on
// this machine. Without it New refuses one: the token would cross the
// network in clear text. Loopback addresses (localhost, 127.0.0.0/8, ::1),
// where the emulator runs, never need it.
func WithInsecureHTTP() Option {
	return func(c *config) error { c.insecureHTTP = true; return nil }
}

// WithMiddleware adds hooks around every attempt, for metrics and tracing;
// the first middleware given is the outermost. It may be given several times.
func WithMiddleware(mw ...Middleware) Option {
	return func(c *config) error {
		for i, m := range mw {
			if m == nil {
				return fmt.Errorf("wats: WithMiddleware: middleware %d is nil", i)
			}
		}
		c.middleware = append(c.middleware, mw...)
		return nil
	}
}

// WithStation sets the station name used by the client's report builders
// (c.Report.NewUUT, NewUUR, NewUURFromUUT) unless a report names its own.
func WithStation(name string) Option {
	return func(c *config) error {
		if name == "" {
			return errors.New("wats: WithStation: empty station name")
		}
		c.station = name
		return nil
	}
}

// WithProcessCacheTTL sets how long client.Process reuses the process list
// before fetching it again. Default DefaultProcessCacheTTL (1 h).
func WithProcessCacheTTL(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("wats: WithProcessCacheTTL: must be positive, got %v", d)
		}
		c.processTTL = d
		return nil
	}
}

// defaultIdleConnsPerHost is the idle-connection pool kept to the server.
const defaultIdleConnsPerHost = 32

// httpClient builds the *http.Client for the transport from the options.
func (c *config) buildHTTPClient() (*http.Client, error) {
	hc := c.httpClient
	if hc == nil {
		hc = &http.Client{}
	}
	if c.tlsConfig == nil && !c.proxySet && hc.Transport != nil {
		return hc, nil
	}
	var tr *http.Transport
	switch t := hc.Transport.(type) {
	case nil:
		// Our own transport per client (clients share nothing). Go's default
		// keeps 2 idle connections per host, which makes concurrent station
		// uploads re-dial; WATS is one host, so keep more.
		tr = http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = defaultIdleConnsPerHost
	case *http.Transport:
		tr = t.Clone()
	default:
		return nil, fmt.Errorf("wats: WithTLSConfig/WithProxy need the http.Client's Transport to be an *http.Transport, got %T", t)
	}
	if c.tlsConfig != nil {
		tr.TLSClientConfig = c.tlsConfig
	}
	if c.proxySet {
		if c.proxy == nil {
			tr.Proxy = nil
		} else {
			tr.Proxy = http.ProxyURL(c.proxy)
		}
	}
	hc.Transport = tr
	return hc, nil
}
