// Package wats is the root of the WATS SDK: a Client that owns the shared
// transport (auth, retry, rate limit, circuit breaker, logging) and exposes
// one typed service per WATS domain (client.Report, client.Product,
// client.Process, ...).
//
// # Connecting
//
// New takes the server root and a WATS API token; NewFromEnv reads WATS_URL,
// WATS_TOKEN and WATS_STATION. The token is sent verbatim as
// "Authorization: Basic <token>"; BasicToken builds one from a user name and
// password. A base URL ending in "/" or "/api" is normalised, and a URL
// without http:// or https:// is refused at construction.
//
//	c, err := wats.New("https://acme.wats.com", token, wats.WithStation("LINE1-EOL"))
//	version, err := c.ServerVersion(ctx)
//
// Every call takes a context.Context first; cancelling it stops the call,
// including any wait between retries or for the rate limiter.
//
// # Retries, rate limiting, circuit breaker
//
// Idempotent calls (GET, PUT, DELETE, HEAD) are retried on 429, 500, 502,
// 503, 504 and transport errors: 3 attempts by default, with full-jitter
// exponential backoff (1 s base, 30 s cap) or the server's Retry-After in
// either form. POST is never retried; report submission gets its safety from
// the offline queue instead. Every attempt carries the same X-Request-ID.
//
// A per-client token bucket allows 500 requests per 60 s on average (burst
// 500) and slows down after a 429. A circuit breaker opens after 5
// consecutive failed attempts; while it is open calls fail at once with
// ErrCircuitOpen, Status reports StatusOffline, and OnStatusChange tells
// subscribers. Ping probes the server even while the breaker is open.
//
// # Errors
//
// A non-2xx answer is an *APIError carrying the status, verb, route
// template, request id, the server's message and the raw body (capped);
// errors.Is matches it against ErrNotFound, ErrUnauthorized, ErrForbidden,
// ErrConflict, ErrBadRequest, ErrRateLimited and ErrServer. Failures below
// HTTP are *TransportError. Input refused before any request is sent is a
// *ValidationError (ErrValidation) listing every offending field by its
// JSON name. No error text or log record contains the token.
//
// # Users, tokens and the system manager
//
// Client.Auth issues API access tokens (AuthService.CreateToken, one per
// identifier with CreateTokenByIdentifier); Client.GetCommonUserSettings
// reads a user's name, language, roles and restrictions. Client.SCIM
// (package wats/scim) provisions users for an identity provider, and
// Client.System (package wats/system) reads and updates the registered
// clients, their logs, the level hierarchy and the server status.
//
// # Testing
//
// Package watstest is an in-memory WATS server: point a Client at
// watstest.NewServer().URL() to test station code without a real server,
// including injected faults (status codes, latency, resets, truncated
// bodies, hangs).
package wats
