package transport

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/wats/watstest"
)

func newTestClient(t *testing.T, srv *watstest.Server, mod func(*Config)) *Client {
	t.Helper()
	cfg := Config{BaseURL: srv.URL(), Token: srv.Token(), UserAgent: "test",
		Retry: RetryPolicy{Attempts: 3, Base: time.Millisecond, Cap: 5 * time.Millisecond}}
	if mod != nil {
		mod(&cfg)
	}
	return New(cfg)
}

func TestPathParamsReachServerUnchanged(t *testing.T) {
	values := []string{
		"plain", "SN/001", "a#b", "what?x=1", "100%", "with space", "a+b", "ÆØÅ-øre", "日本語", "..", "a;b", "%2F", "x&y=z",
	}
	srv := watstest.NewServer()
	defer srv.Close()
	c := newTestClient(t, srv, nil)
	for _, v := range values {
		t.Run(v, func(t *testing.T) {
			srv.ResetRequests()
			_, err := c.Do(context.Background(), &Request{Op: "t", Method: http.MethodGet,
				Route: "/api/Echo/{value}/tail", PathParams: map[string]string{"value": v}})
			require.ErrorIs(t, err, errs.ErrNotFound, "the emulator has no such route; the log still shows the path")
			reqs := srv.Requests()
			require.Len(t, reqs, 1)
			raw := reqs[0].RawPath
			require.True(t, strings.HasPrefix(raw, "/api/Echo/") && strings.HasSuffix(raw, "/tail"), raw)
			seg := strings.TrimSuffix(strings.TrimPrefix(raw, "/api/Echo/"), "/tail")
			assert.NotContains(t, seg, "/", "one value stays one segment")
			got, err := url.PathUnescape(seg)
			require.NoError(t, err)
			assert.Equal(t, v, got)
			assert.Empty(t, reqs[0].Query, "nothing leaked into the query")
		})
	}
}

func TestBuildPathErrors(t *testing.T) {
	_, err := BuildPath("/api/X/{id", map[string]string{"id": "1"})
	assert.ErrorContains(t, err, "unclosed")
	_, err = BuildPath("/api/X/{id}", nil)
	assert.ErrorContains(t, err, "no value for {id}")
	p, err := BuildPath("/api/X/{a}/{b}", map[string]string{"a": "1", "b": "2"})
	require.NoError(t, err)
	assert.Equal(t, "/api/X/1/2", p)
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"0", 0},
		{"-3", 0},
		{"5", 5 * time.Second},
		{" 120 ", 2 * time.Minute},
		{"soon", 0},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{now.Add(-time.Minute).Format(http.TimeFormat), 0},
		{"Fri, 02 Jan 2026 03:05:05 GMT", time.Minute},
		{"999999999", 24 * time.Hour},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, ParseRetryAfter(tt.in, now), tt.in)
	}
}

func TestJitterBackOff(t *testing.T) {
	j := newJitterBackOff(RetryPolicy{Attempts: 5, Base: 100 * time.Millisecond, Cap: 300 * time.Millisecond}, time.Time{})
	ceilings := []time.Duration{100 * time.Millisecond, 200 * time.Millisecond, 300 * time.Millisecond, 300 * time.Millisecond}
	for _, c := range ceilings {
		d := j.NextBackOff()
		assert.GreaterOrEqual(t, d, time.Duration(0))
		assert.LessOrEqual(t, d, c)
	}
	j.hint = time.Hour
	assert.Equal(t, 300*time.Millisecond, j.NextBackOff(), "Retry-After is capped")
	j.hint = 50 * time.Millisecond
	assert.Equal(t, 50*time.Millisecond, j.NextBackOff(), "Retry-After replaces the jitter")

	past := newJitterBackOff(RetryPolicy{Attempts: 5, Base: time.Hour, Cap: time.Hour}, time.Now().Add(time.Millisecond))
	past.hint = time.Minute
	assert.Equal(t, time.Duration(-1), past.NextBackOff(), "no wait past the deadline")
}

func TestIdempotentRule(t *testing.T) {
	tests := []struct {
		req  Request
		want bool
	}{
		{Request{Method: "GET"}, true},
		{Request{Method: "PUT"}, true},
		{Request{Method: "DELETE"}, true},
		{Request{Method: "HEAD"}, true},
		{Request{Method: "POST"}, false},
		{Request{Method: "PATCH"}, false},
		{Request{Method: "POST", Idempotent: Bool(true)}, true},
		{Request{Method: "GET", Idempotent: Bool(false)}, false},
		{Request{Method: "GET", Probe: true}, false},
		{Request{Method: "PUT", Body: strings.NewReader("x")}, true},
		{Request{Method: "PUT", Body: struct{ io.Reader }{strings.NewReader("x")}}, false},
		{Request{Method: "PUT", Multipart: &Multipart{}}, false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, idempotent(&tt.req), "%s %+v", tt.req.Method, tt.req)
	}
}

func TestSeekableBodyIsResentWhole(t *testing.T) {
	srv := watstest.NewServer()
	defer srv.Close()
	c := newTestClient(t, srv, nil)
	srv.Inject(watstest.Fault{Status: 503, Times: 2})
	_, err := c.Do(context.Background(), &Request{Op: "t", Method: http.MethodPut, Route: "/api/App/Version",
		Body: bytes.NewReader([]byte("0123456789")), ContentType: "text/plain"})
	require.Error(t, err, "the emulator has no PUT on this route")
	reqs := srv.Requests()
	require.Len(t, reqs, 3)
	for _, r := range reqs {
		assert.EqualValues(t, 10, r.BodySize)
	}
}

func TestPostIsNeverRetried(t *testing.T) {
	srv := watstest.NewServer()
	defer srv.Close()
	c := newTestClient(t, srv, nil)
	for _, f := range []watstest.Fault{{Status: 503}, {Status: 429}, {Reset: true}} {
		srv.ResetRequests()
		srv.Inject(f)
		_, err := c.Do(context.Background(), &Request{Op: "report.Submit", Method: http.MethodPost, Route: "/api/Report/WSJF", JSON: map[string]any{"id": "x"}})
		require.Error(t, err)
		assert.Len(t, srv.Requests(), 1, "%+v", f)
	}
}

func TestLimiterThrottleAndRecover(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	l := newLimiter(RateLimit{Rate: 16, Burst: 10}, 30*time.Second, clock)
	require.NotNil(t, l)
	l.throttled(0)
	assert.Equal(t, 8.0, l.currentRate())
	for i := 0; i < 10; i++ {
		l.throttled(0)
	}
	assert.Equal(t, 1.0, l.currentRate(), "floor is 1/16 of the configured rate")
	now = now.Add(slowWindow)
	l.mu.Lock()
	l.recoverLocked(now)
	l.mu.Unlock()
	assert.Equal(t, 2.0, l.currentRate())
	now = now.Add(3 * slowWindow)
	l.mu.Lock()
	l.recoverLocked(now)
	burst := l.lim.Burst()
	l.mu.Unlock()
	assert.Equal(t, 16.0, l.currentRate())
	assert.Equal(t, 10, burst)
	off := newLimiter(RateLimit{}, time.Minute, time.Now)
	require.NoError(t, off.wait(context.Background()), "rate 0: no bucket")
	off.throttled(20 * time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	err := off.wait(ctx)
	assert.ErrorIs(t, err, errs.ErrThrottled, "without a bucket a 429's Retry-After still holds every attempt")
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestBreakerStates(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b := newBreaker(BreakerPolicy{Threshold: 2, Cooldown: time.Minute}, func() time.Time { return now })
	var changes []string
	b.subscribe(func(c StateChange) { changes = append(changes, c.From.String()+">"+c.To.String()) })

	ok, _, _ := b.allow(false)
	require.True(t, ok)
	b.record(true)
	b.record(false) // a success resets the count
	b.record(true)
	assert.Equal(t, Online, b.current())
	b.record(true)
	assert.Equal(t, Offline, b.current())
	ok, _, wait := b.allow(false)
	assert.False(t, ok)
	assert.Equal(t, time.Minute, wait)

	now = now.Add(time.Minute)
	ok, probe, _ := b.allow(false)
	assert.True(t, ok)
	assert.True(t, probe)
	ok, _, _ = b.allow(false)
	assert.False(t, ok, "one probe at a time")
	b.release()
	ok, _, _ = b.allow(false)
	assert.True(t, ok, "a released probe slot is free again")
	b.record(false)
	assert.Equal(t, Online, b.current())
	assert.Equal(t, []string{"online>offline", "offline>probing", "probing>online"}, changes)

	off := newBreaker(BreakerPolicy{}, time.Now)
	for i := 0; i < 100; i++ {
		off.record(true)
	}
	ok, _, _ = off.allow(false)
	assert.True(t, ok, "threshold 0 disables the breaker")
}

func TestRequestIDFormat(t *testing.T) {
	seen := map[string]bool{}
	for i := 0; i < 1000; i++ {
		id := newRequestID()
		require.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, id)
		require.False(t, seen[id])
		seen[id] = true
	}
}

func TestCallerRequestIDIsKept(t *testing.T) {
	srv := watstest.NewServer()
	defer srv.Close()
	c := newTestClient(t, srv, nil)
	resp, err := c.Do(context.Background(), &Request{Op: "t", Method: http.MethodGet, Route: "/api/App/Version",
		Header: http.Header{HeaderRequestID: {"caller-chosen-id"}}})
	require.NoError(t, err)
	assert.Equal(t, "caller-chosen-id", resp.RequestID)
	assert.Equal(t, "caller-chosen-id", srv.Requests()[0].Header.Get(HeaderRequestID))
}

func TestEmptyAndNullBodiesLeaveResultUntouched(t *testing.T) {
	for _, body := range []string{"", "null", `""`, "  "} {
		v := []int{42}
		require.NoError(t, DecodeJSON("t", []byte(body), &v))
		assert.Equal(t, []int{42}, v)
	}
	var v []int
	assert.ErrorContains(t, DecodeJSON("op.X", []byte("{"), &v), "op.X: decode response")
}

func TestParseErrorBody(t *testing.T) {
	tests := []struct{ body, msg, errs string }{
		{`{"message":"a","Message":"b"}`, "a", ""},
		{`{"Message":"b"}`, "b", ""},
		{`{"error":"c"}`, "c", ""},
		{`{"error":{"code":1}}`, `{"code":1}`, ""},
		{`{"detail":"d","title":"t"}`, "d", ""},
		{`{"title":"t","errors":{"x":["y"]}}`, "t", `{"x":["y"]}`},
		{`"quoted text"`, "quoted text", ""},
		{"plain", "plain", ""},
		{"", "", ""},
		{`{"other":1}`, "", ""},
	}
	for _, tt := range tests {
		m, e := ParseErrorBody([]byte(tt.body))
		assert.Equal(t, tt.msg, m, tt.body)
		assert.Equal(t, tt.errs, e, tt.body)
	}
}

func TestBuildPathNeverSendsDotSegments(t *testing.T) {
	for in, want := range map[string]string{
		".": "/api/Product/%2E", "..": "/api/Product/%2E%2E", "...": "/api/Product/...", "./x": "/api/Product/.%2Fx",
	} {
		p, err := BuildPath("/api/Product/{pn}", map[string]string{"pn": in})
		require.NoError(t, err)
		assert.Equal(t, want, p, in)
		u, err := url.Parse("http://h" + p)
		require.NoError(t, err)
		assert.Equal(t, "/api/Product/"+in, u.Path, "the server unescapes it back to %q", in)
	}
}

func TestBreakerReportsTransitionsInOrder(t *testing.T) {
	b := newBreaker(BreakerPolicy{Threshold: 1, Cooldown: 0}, time.Now)
	var mu sync.Mutex
	var seen []StateChange
	b.subscribe(func(c StateChange) {
		mu.Lock()
		seen = append(seen, c)
		mu.Unlock()
	})
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				if ok, _, _ := b.allow(false); ok {
					b.record((i+g)%2 == 0)
				}
			}
		}(g)
	}
	wg.Wait()
	require.NotEmpty(t, seen)
	for i := 1; i < len(seen); i++ {
		require.Equal(t, seen[i-1].To, seen[i].From, "transition %d starts where %d ended", i, i-1)
	}
	assert.Equal(t, b.current(), seen[len(seen)-1].To)
}
