package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cenkalti/backoff/v4"
	"github.com/go-resty/resty/v2"

	"github.com/watsgo/sdk/internal/errs"
)

// Client implements Doer on top of resty. resty sends single attempts (its
// own retry count stays 0); the one retry loop is ours, on backoff/v4, so
// attempts never multiply. Every attempt passes, in order: the circuit
// breaker, the rate limiter, the middleware chain, then resty.
type Client struct {
	cfg     Config
	rc      *resty.Client
	lim     *limiter
	br      *breaker
	log     *slog.Logger
	auth    string
	referer string
	red     *redactor
}

// New returns a transport client for cfg. It sends through a copy of
// cfg.HTTPClient (resty fills in a Transport when it has none) whose redirect
// policy never lets the credential leave the server's origin.
func New(cfg Config) *Client {
	hc := &http.Client{}
	if cfg.HTTPClient != nil {
		cp := *cfg.HTTPClient
		hc = &cp
	}
	hc.CheckRedirect = checkRedirect(hc.CheckRedirect)
	cfg.HTTPClient = hc
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	lg := cfg.Logger
	if lg == nil {
		lg = slog.New(discardHandler{})
	}
	rc := resty.NewWithClient(cfg.HTTPClient)
	rc.SetRetryCount(0)
	rc.SetLogger(quietLogger{})
	c := &Client{
		cfg:     cfg,
		rc:      rc,
		lim:     newLimiter(cfg.RateLimit, cfg.Retry.Cap, cfg.Now),
		br:      newBreaker(cfg.Breaker, cfg.Now),
		log:     lg,
		auth:    "Basic " + cfg.Token,
		referer: cfg.BaseURL,
		red:     newRedactor(cfg.Token),
	}
	c.br.subscribe(func(ch StateChange) {
		lvl := slog.LevelWarn
		if ch.To == Online || ch.To == Probing {
			lvl = slog.LevelInfo
		}
		c.log.Log(context.Background(), lvl, "wats: circuit breaker "+ch.From.String()+" -> "+ch.To.String(),
			slog.Int("consecutive_failures", ch.Failures))
	})
	return c
}

// State reports whether the server is considered reachable.
func (c *Client) State() State { return c.br.current() }

// Subscribe registers fn for every state change and returns a function that
// removes it. fn runs on the goroutine of a request that changed the state,
// after the transport's locks are released, and sees the transitions in the
// order they happened; it must not block for long.
func (c *Client) Subscribe(fn func(StateChange)) (cancel func()) { return c.br.subscribe(fn) }

// outcome is the result of one attempt as the retry loop sees it.
type outcome struct {
	resp  *Response
	err   error
	retry bool          // worth another attempt if the call is idempotent
	hint  time.Duration // server's Retry-After
	// failure counts against the circuit breaker: no answer, 429 or 5xx.
	failure bool
}

// Do performs the call: it builds the URL once, then runs up to
// Retry.Attempts attempts for idempotent calls (one otherwise), waiting with
// full-jitter exponential backoff or the server's Retry-After between them.
func (c *Client) Do(ctx context.Context, req *Request) (*Response, error) {
	if err := ctx.Err(); err != nil {
		return nil, &errs.TransportError{Op: req.Op, Method: req.Method, Route: req.Route, Err: err}
	}
	path, err := BuildPath(req.Route, req.PathParams)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", req.Op, err)
	}
	u := c.cfg.BaseURL + path
	if len(req.Query) > 0 {
		u += "?" + req.Query.Encode()
	}
	bd, err := newBody(req)
	if err != nil {
		return nil, err
	}
	reqID := headerValue(req.Header, HeaderRequestID)
	if reqID == "" {
		reqID = newRequestID()
	}
	maxAttempts := 1
	if c.cfg.Retry.Attempts > 1 && idempotent(req) {
		maxAttempts = c.cfg.Retry.Attempts
	}

	// The first attempt runs without building the backoff machinery: most
	// calls succeed at once, and this keeps their cost to one attempt.
	attempt := 1
	first := c.attempt(ctx, req, u, bd, reqID, attempt)
	if first.err == nil {
		return first.resp, nil
	}
	lastErr := first.err
	var out *Response
	if first.retry && maxAttempts > 1 && ctx.Err() == nil {
		err = c.retry(ctx, req, first, maxAttempts, func() error {
			attempt++
			o := c.attempt(ctx, req, u, bd, reqID, attempt)
			if o.err == nil {
				out = o.resp
				return nil
			}
			lastErr = o.err
			if !o.retry || attempt >= maxAttempts || ctx.Err() != nil {
				return backoff.Permanent(o.err)
			}
			return &retryable{err: o.err, hint: o.hint}
		}, func() int { return attempt }, reqID)
	} else {
		err = first.err
	}
	if err == nil {
		return out, nil
	}
	if cerr := ctx.Err(); cerr != nil {
		// backoff returns ctx.Err() alone when the context ends during a
		// wait; keep the last failure beside it.
		var last error
		if lastErr != nil && !errors.Is(lastErr, cerr) {
			last = lastErr
		}
		if last != nil || !isTransportErr(err) {
			return nil, &errs.TransportError{Op: req.Op, Method: req.Method, Route: req.Route,
				RequestID: reqID, Attempts: attempt, Err: cerr, Last: last}
		}
	}
	setAttempts(err, attempt)
	return nil, err
}

// retryable carries a failed attempt's Retry-After to the backoff policy.
type retryable struct {
	err  error
	hint time.Duration
}

func (r *retryable) Error() string { return r.err.Error() }
func (r *retryable) Unwrap() error { return r.err }

// retry runs the attempts after a retryable first failure through
// backoff/v4: full-jitter waits (or Retry-After), at most maxAttempts in
// total, stopped by ctx. next performs one more attempt.
func (c *Client) retry(ctx context.Context, req *Request, first outcome, maxAttempts int,
	next func() error, attempt func() int, reqID string) error {
	dl, _ := ctx.Deadline()
	jb := newJitterBackOff(c.cfg.Retry, dl)
	b := backoff.WithContext(backoff.WithMaxRetries(jb, uint64(maxAttempts-1)), ctx)
	replayed := false
	err := backoff.RetryNotify(func() error {
		if !replayed {
			// Hand the first attempt's failure to backoff so that it waits
			// before the second attempt.
			replayed = true
			jb.hint = first.hint
			return first.err
		}
		err := next()
		var r *retryable
		if errors.As(err, &r) {
			jb.hint = r.hint
			return r.err
		}
		return err
	}, b, func(err error, wait time.Duration) {
		c.log.LogAttrs(ctx, slog.LevelInfo, "wats: retrying",
			slog.String(logOp, req.Op), slog.String(logMethod, req.Method), slog.String(logRoute, req.Route),
			slog.Int(logAttempt, attempt()), slog.String(logRequestID, reqID),
			slog.Duration(logWait, wait), slog.String(logError, err.Error()))
	})
	return err
}

func isTransportErr(err error) bool {
	var te *errs.TransportError
	return errors.As(err, &te)
}

func setAttempts(err error, n int) {
	var ae *errs.APIError
	if errors.As(err, &ae) {
		ae.Attempts = n
		return
	}
	var te *errs.TransportError
	if errors.As(err, &te) {
		te.Attempts = n
	}
}

// attempt sends one attempt after the breaker and the limiter allowed it.
func (c *Client) attempt(ctx context.Context, req *Request, u string, bd *body, reqID string, n int) outcome {
	ok, probe, retryIn := c.br.allow(req.Probe)
	if !ok {
		return outcome{err: &errs.CircuitOpenError{Op: req.Op, Method: req.Method, Route: req.Route, RequestID: reqID, RetryIn: retryIn}}
	}
	if err := c.lim.wait(ctx); err != nil {
		if probe {
			c.br.release()
		}
		if errors.Is(err, errs.ErrThrottled) {
			// Client-side throttling is not a network failure: nothing was sent.
			return outcome{err: fmt.Errorf("%s: %s %s: not sent: %w (request id %s)", req.Op, req.Method, req.Route, err, reqID)}
		}
		return outcome{err: &errs.TransportError{Op: req.Op, Method: req.Method, Route: req.Route, RequestID: reqID, Attempts: n, Err: err}}
	}
	actx, cancel := ctx, context.CancelFunc(func() {})
	var touch func()
	switch {
	case c.cfg.AttemptTimeout > 0 && streams(req):
		actx, cancel, touch = idleContext(ctx, c.cfg.AttemptTimeout)
	case c.cfg.AttemptTimeout > 0:
		actx, cancel = context.WithTimeout(ctx, c.cfg.AttemptTimeout)
	}
	defer cancel()

	start := time.Now()
	var o outcome
	if len(c.cfg.Middleware) == 0 {
		o = c.send(actx, ctx, req, u, bd, reqID, n, nil, touch)
	} else {
		info := &AttemptInfo{Op: req.Op, Method: req.Method, Route: req.Route, Attempt: n, RequestID: reqID, Header: http.Header{}}
		sent := false
		next := func(mctx context.Context) AttemptResult {
			sent = true
			o = c.send(mctx, ctx, req, u, bd, reqID, n, info.Header, touch)
			return AttemptResult{StatusCode: statusOf(o), Err: o.err, Duration: time.Since(start)}
		}
		for i := len(c.cfg.Middleware) - 1; i >= 0; i-- {
			mw, inner := c.cfg.Middleware[i], next
			next = func(mctx context.Context) AttemptResult { return mw(mctx, info, inner) }
		}
		next(actx)
		if !sent {
			// Without this a middleware that forgets next would turn a
			// submit into a silent success.
			o = outcome{err: fmt.Errorf("%s: %s %s: not sent: a middleware returned without calling next (request id %s)", req.Op, req.Method, req.Route, reqID)}
		}
	}

	switch {
	case ctx.Err() != nil && o.err != nil:
		if probe {
			c.br.release()
		}
	default:
		c.br.record(o.failure)
	}
	if o.err != nil && statusOf(o) == http.StatusTooManyRequests {
		c.lim.throttled(o.hint)
	}
	if c.log.Enabled(ctx, slog.LevelDebug) {
		attrs := []slog.Attr{
			slog.String(logOp, req.Op), slog.String(logMethod, req.Method), slog.String(logRoute, req.Route),
			slog.Int(logStatus, statusOf(o)), slog.Duration(logDuration, time.Since(start)),
			slog.Int(logAttempt, n), slog.String(logRequestID, reqID),
		}
		if o.err != nil {
			attrs = append(attrs, slog.String(logError, o.err.Error()))
		}
		c.log.LogAttrs(ctx, slog.LevelDebug, "wats: attempt", attrs...)
	}
	return o
}

func statusOf(o outcome) int {
	if o.resp != nil {
		return o.resp.StatusCode
	}
	var ae *errs.APIError
	if errors.As(o.err, &ae) {
		return ae.StatusCode
	}
	return 0
}

// send performs the HTTP exchange of one attempt through resty and reads
// the answer. actx bounds the attempt; ctx is the caller's context, used to
// tell an attempt timeout (retryable) from the caller giving up (not).
func (c *Client) send(actx, ctx context.Context, req *Request, u string, bd *body, reqID string, n int, extra http.Header, touch func()) outcome {
	terr := func(err error) outcome {
		// *url.Error repeats the full URL (query included); the method and
		// route template already say which call failed.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		switch {
		case ctx.Err() == nil && errors.Is(context.Cause(actx), errIdle):
			err = fmt.Errorf("attempt stopped after %v without progress: %w", c.cfg.AttemptTimeout, err)
		case ctx.Err() == nil && actx.Err() != nil:
			err = fmt.Errorf("attempt timed out after %v: %w", c.cfg.AttemptTimeout, err)
		}
		te := &errs.TransportError{Op: req.Op, Method: req.Method, Route: req.Route, RequestID: reqID, Attempts: n, Err: err}
		if errors.Is(err, errs.ErrRedirectRefused) {
			// The server answered; asking again gets the same redirect.
			return outcome{err: te}
		}
		return outcome{err: te, retry: ctx.Err() == nil, failure: true}
	}
	rd, ctype, err := bd.reader(n)
	if err != nil {
		return outcome{err: fmt.Errorf("%s: %w", req.Op, err)}
	}
	if n > 1 {
		if rs, ok := req.Output.(resetter); ok {
			rs.Reset() // drop what a cut-short earlier attempt wrote
		}
	}
	h := http.Header{}
	for _, src := range []http.Header{req.Header, extra} {
		for k, vs := range src {
			if strings.EqualFold(k, HeaderRequestID) || strings.EqualFold(k, "Authorization") {
				continue // set below, once
			}
			h[http.CanonicalHeaderKey(k)] = vs
		}
	}
	accept := req.Accept
	if accept == "" {
		accept = "application/json"
	}
	h.Set("Accept", accept)
	h.Set("User-Agent", c.cfg.UserAgent)
	h.Set(HeaderRequestID, reqID)
	if ctype != "" {
		h.Set("Content-Type", ctype)
	}
	if hasPrefixFold(req.Route, "/api/internal/") {
		h.Set("Referer", c.referer)
	}
	h.Set("Authorization", c.auth)

	var hr *http.Response
	if streams(req) {
		hr, err = c.sendStream(actx, req.Method, u, h, rd, touch)
		if err != nil {
			if hr != nil {
				hr.Body.Close()
			}
			return terr(err)
		}
	} else {
		r := c.rc.R()
		r.SetContext(actx)
		r.SetDoNotParseResponse(true)
		r.Header = h
		if bd != nil && bd.json != nil {
			r.SetBody(bd.json)
		}
		rr, err := r.Execute(req.Method, u)
		if err != nil {
			if rr != nil && rr.RawResponse != nil && rr.RawResponse.Body != nil {
				rr.RawResponse.Body.Close()
			}
			return terr(err)
		}
		hr = rr.RawResponse
	}
	defer hr.Body.Close()
	resp := &Response{StatusCode: hr.StatusCode, Header: hr.Header, RequestID: reqID}
	if isRedirect(hr.StatusCode) {
		// A redirect that reached us was not followed (a streamed body
		// cannot be re-sent): the same refusal as the redirect policy's.
		return terr(fmt.Errorf("%w: %d answer for a body that is never re-sent (to %s)", errs.ErrRedirectRefused, hr.StatusCode, locationOrigin(hr)))
	}

	if hr.StatusCode < 200 || hr.StatusCode > 299 {
		// Redaction runs on everything read, before anything is clipped.
		raw, rerr := io.ReadAll(io.LimitReader(hr.Body, int64(maxErrorBody+c.red.margin)))
		_, _ = io.Copy(io.Discard, io.LimitReader(hr.Body, 64<<10)) // lets the connection be reused
		hint := ParseRetryAfter(hr.Header.Get("Retry-After"), c.cfg.Now())
		text := c.redact(string(raw))
		ae := &errs.APIError{Op: req.Op, Method: req.Method, Route: req.Route, StatusCode: hr.StatusCode,
			RequestID: reqID, Body: clip(text, maxErrorBody), RetryAfter: hint, Attempts: n}
		if rerr == nil {
			msg, ej := ParseErrorBody([]byte(text))
			ae.Message, ae.Errors = clip(c.redact(msg), 512), clip(c.redact(ej), maxErrorBody)
		}
		return outcome{resp: resp, err: ae, retry: retryableStatus(hr.StatusCode), hint: hint,
			failure: hr.StatusCode >= 500 || hr.StatusCode == http.StatusTooManyRequests}
	}

	if req.OnResponse != nil {
		if err := req.OnResponse(hr.StatusCode, hr.Header); err != nil {
			return outcome{err: fmt.Errorf("%s: %s %s: %w (request id %s)", req.Op, req.Method, req.Route, err, reqID)}
		}
	}
	var rbody io.Reader = hr.Body
	if touch != nil {
		rbody = &progressReader{r: hr.Body, touch: touch}
	}
	readErr, decErr := decodeBody(req, rbody, resp, c.maxResponse())
	if readErr != nil {
		// A body cut short is a transport failure; it may be retried unless
		// part of it already went to the caller's writer.
		o := terr(readErr)
		_, canReset := req.Output.(resetter)
		o.retry = o.retry && (resp.Written == 0 || canReset)
		return o
	}
	if decErr != nil {
		// The body arrived but is not the expected JSON, is too large, or
		// could not be stored locally; sending again would not help.
		return outcome{err: fmt.Errorf("%s: %s %s: decode response: %w (request id %s)", req.Op, req.Method, req.Route, decErr, reqID)}
	}
	return outcome{resp: resp}
}

// resetter is an Output that can forget a partial download (*bytes.Buffer),
// which makes a cut-short download safe to retry.
type resetter interface{ Reset() }

// memory is an Output that holds the answer in memory (it can tell its
// length, like *bytes.Buffer): the client's answer cap applies to it.
type memory interface{ Len() int }

func inMemory(w io.Writer) bool { _, ok := w.(memory); return ok }

// decodeBody reads a 2xx body into req.Output or req.Result. It tells a
// failed read (readErr) from a body that is not valid JSON or too large
// (decErr); a failed write to req.Output is a decErr wrapping ErrLocalWrite,
// since the server is not at fault and asking again would not help.
func decodeBody(req *Request, body io.Reader, out *Response, maxBytes int64) (readErr, decErr error) {
	if req.Output != nil {
		w := &localWriter{w: req.Output}
		src := body
		capped := inMemory(req.Output)
		if capped {
			src = io.LimitReader(body, maxBytes+1)
		}
		n, err := io.Copy(w, src)
		if capped && n > maxBytes {
			return nil, fmt.Errorf("%w: more than %d bytes (set wats.WithMaxResponseSize to accept more)", errs.ErrResponseTooLarge, maxBytes)
		}
		out.Written = n
		switch {
		case w.err != nil:
			return nil, fmt.Errorf("%w: %w", errs.ErrLocalWrite, w.err)
		case err != nil:
			return fmt.Errorf("read response body: %w", err), nil
		}
		return nil, nil
	}
	if req.Result == nil {
		if _, err := io.Copy(io.Discard, io.LimitReader(body, drainLimit)); err != nil {
			return fmt.Errorf("read response body: %w", err), nil
		}
		return nil, nil
	}
	raw, err := io.ReadAll(io.LimitReader(body, maxBytes+1))
	if err != nil {
		return fmt.Errorf("read response body: %w", err), nil
	}
	if int64(len(raw)) > maxBytes {
		return nil, fmt.Errorf("%w: more than %d bytes (set wats.WithMaxResponseSize to accept more)", errs.ErrResponseTooLarge, maxBytes)
	}
	return nil, decodeJSON(raw, req.Result)
}

// drainLimit bounds how much of an unwanted answer is read so the connection
// can be reused; past it the connection is simply closed.
const drainLimit = 64 << 10

// localWriter remembers a failure of the caller's writer, so a full disk is
// told apart from a broken connection.
type localWriter struct {
	w   io.Writer
	err error
}

func (l *localWriter) Write(p []byte) (int, error) {
	n, err := l.w.Write(p)
	if err != nil {
		l.err = err
	}
	return n, err
}

// redact removes the token from text that came from the server, in case an
// error page echoes the request headers.
func (c *Client) redact(s string) string { return c.red.apply(s) }

// clip shortens s to at most n bytes, marking the cut with an ellipsis and
// never splitting a UTF-8 sequence.
func clip(s string, n int) string {
	const mark = "…"
	if len(s) <= n {
		return s
	}
	cut := n - len(mark)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + mark
}

// headerValue looks name up in h whatever the key's case (callers may build
// an http.Header literal with non-canonical keys).
func headerValue(h http.Header, name string) string {
	if v := h.Get(name); v != "" {
		return v
	}
	for k, vs := range h {
		if strings.EqualFold(k, name) && len(vs) > 0 {
			return vs[0]
		}
	}
	return ""
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// quietLogger keeps resty silent; the transport does its own logging.
type quietLogger struct{}

// Errorf drops the message.
func (quietLogger) Errorf(string, ...any) {}

// Warnf drops the message.
func (quietLogger) Warnf(string, ...any) {}

// Debugf drops the message.
func (quietLogger) Debugf(string, ...any) {}

func (c *Client) maxResponse() int64 {
	if c.cfg.MaxResponseBytes > 0 {
		return c.cfg.MaxResponseBytes
	}
	return DefaultMaxResponseBytes
}
