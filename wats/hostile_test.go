package wats_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/wats"
)

// hostileToken is the credential the hostile servers below try to steal.
// It decodes to "station:Sup3r/Secret+Key=" so that its JSON- and
// percent-escaped spellings differ from the plain one.
var hostileToken = wats.BasicToken("station", "Sup3r/Secret+Key=")

// seenAuth is a loopback server that records whether it ever saw the
// credential, and answers with status and body.
type seenAuth struct {
	*httptest.Server
	hits atomic.Int32
	auth atomic.Bool
	body atomic.Int64
}

func newSeenAuth(t *testing.T, tls bool) *seenAuth {
	s := &seenAuth{}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		if r.Header.Get("Authorization") != "" {
			s.auth.Store(true)
		}
		n, _ := io.Copy(io.Discard, r.Body)
		s.body.Add(n)
		_, _ = io.WriteString(w, `"9.9.9"`)
	})
	if tls {
		s.Server = httptest.NewTLSServer(h)
	} else {
		s.Server = httptest.NewServer(h)
	}
	t.Cleanup(s.Close)
	return s
}

// redirector answers every request with a redirect to target.
func redirector(t *testing.T, tls bool, status int, target string) *httptest.Server {
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		http.Redirect(w, r, target+r.URL.Path, status)
	})
	var ts *httptest.Server
	if tls {
		ts = httptest.NewTLSServer(h)
	} else {
		ts = httptest.NewServer(h)
	}
	t.Cleanup(ts.Close)
	return ts
}

func TestRedirectsNeverCarryTheCredentialAway(t *testing.T) {
	tests := []struct {
		name   string
		tls    bool // redirecting server uses https
		target func(t *testing.T) *seenAuth
		status int
	}{
		{"another port on the same host", false, func(t *testing.T) *seenAuth { return newSeenAuth(t, false) }, http.StatusFound},
		{"another port, 307", false, func(t *testing.T) *seenAuth { return newSeenAuth(t, false) }, http.StatusTemporaryRedirect},
		{"https down to http", true, func(t *testing.T) *seenAuth { return newSeenAuth(t, false) }, http.StatusMovedPermanently},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			target := tt.target(t)
			from := redirector(t, tt.tls, tt.status, target.URL)
			opts := []wats.Option{wats.WithRetry(0, 0, 0)}
			if tt.tls {
				opts = append(opts, wats.WithHTTPClient(from.Client()))
			}
			c, err := wats.New(from.URL, hostileToken, opts...)
			require.NoError(t, err)
			_, err = c.ServerVersion(context.Background())
			require.ErrorIs(t, err, wats.ErrRedirectRefused)
			assert.NotContains(t, err.Error(), hostileToken)
			assert.Zero(t, target.hits.Load(), "the other origin is never contacted")
			assert.False(t, target.auth.Load())
		})
	}
}

func TestRedirectedPostIsNeverResent(t *testing.T) {
	for _, status := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect, http.StatusFound} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			var posts atomic.Int32
			mux := http.NewServeMux()
			var ts *httptest.Server
			mux.HandleFunc("/api/Report/WSJF", func(w http.ResponseWriter, r *http.Request) {
				posts.Add(1)
				http.Redirect(w, r, ts.URL+"/elsewhere", status)
			})
			mux.HandleFunc("/elsewhere", func(w http.ResponseWriter, r *http.Request) {
				t.Errorf("redirect target reached with %s", r.Method)
			})
			ts = httptest.NewServer(mux)
			defer ts.Close()
			c, err := wats.New(ts.URL, hostileToken)
			require.NoError(t, err)
			_, err = c.Report.SubmitJSON(context.Background(), minimalUUT(t))
			require.ErrorIs(t, err, wats.ErrRedirectRefused)
			assert.EqualValues(t, 1, posts.Load(), "sent once, never re-posted")
		})
	}
}

func TestSameOriginRedirectIsFollowed(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/api/App/Version", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/moved/api/App/Version", http.StatusFound)
	})
	mux.HandleFunc("/moved/api/App/Version", func(w http.ResponseWriter, r *http.Request) {
		assert.NotEmpty(t, r.Header.Get("Authorization"), "same origin keeps the credential")
		_, _ = io.WriteString(w, `"2025.3"`)
	})
	ts := httptest.NewServer(mux)
	defer ts.Close()
	c, err := wats.New(ts.URL, hostileToken)
	require.NoError(t, err)
	v, err := c.ServerVersion(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "2025.3", v)
}

func TestAnswersAreCapped(t *testing.T) {
	huge := `"` + strings.Repeat("v", 4<<20) + `"`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = io.WriteString(zw, huge)
	require.NoError(t, zw.Close())
	tests := []struct {
		name    string
		handler http.HandlerFunc
	}{
		{"plain", func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, huge) }},
		{"gzip bomb", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(gz.Bytes())
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := httptest.NewServer(tt.handler)
			defer ts.Close()
			c, err := wats.New(ts.URL, hostileToken, wats.WithMaxResponseSize(1<<20), wats.WithRetry(0, 0, 0))
			require.NoError(t, err)
			_, err = c.ServerVersion(context.Background())
			require.ErrorIs(t, err, wats.ErrResponseTooLarge)
			assert.Equal(t, wats.StatusOnline, c.Status(), "an oversized answer is not a network failure")
		})
	}
	assert.Less(t, gz.Len(), 64<<10, "the bomb is small on the wire")
}

// echoForms are the ways a hostile or careless server may repeat the
// credential it received.
func echoForms(auth string) map[string]string {
	js, _ := json.Marshal(auth)
	dotnet := strings.NewReplacer("+", `\u002B`, "/", `\/`, "=", `\u003D`).Replace(auth)
	return map[string]string{
		"plain":        auth,
		"json":         string(js),
		"dotnet":       dotnet,
		"percent":      url.QueryEscape(auth),
		"decoded pair": "station:Sup3r/Secret+Key=",
	}
}

func TestTokenEchoesAreRedactedEverywhere(t *testing.T) {
	for form, echo := range echoForms("Basic " + hostileToken) {
		for _, at := range []int{0, 500, 4090} { // plain, across the message clip, across the body cap
			t.Run(fmt.Sprintf("%s@%d", form, at), func(t *testing.T) {
				ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(http.StatusBadRequest)
					msg := strings.Repeat("m", at) + "you sent " + echo
					b, _ := json.Marshal(map[string]string{"Message": msg})
					if form == "dotnet" {
						b = []byte(`{"Message":"` + strings.Repeat("m", at) + "you sent " + echo + `"}`)
					}
					_, _ = w.Write(b)
				}))
				defer ts.Close()
				var logs logBuffer
				c, err := wats.New(ts.URL, hostileToken, wats.WithLogger(logs.logger()), wats.WithRetry(0, 0, 0))
				require.NoError(t, err)
				_, err = c.ServerVersion(context.Background())
				var ae *wats.APIError
				require.ErrorAs(t, err, &ae)
				for where, text := range map[string]string{"Error()": err.Error(), "Body": ae.Body, "Message": ae.Message, "log": logs.String()} {
					for f2, secret := range echoForms(hostileToken) {
						assert.NotContains(t, text, secret, "%s leaks the %s form", where, f2)
					}
					assert.NotContains(t, text, "Sup3r", where)
				}
			})
		}
	}
}

func TestMiddlewareThatSkipsNextIsAnError(t *testing.T) {
	srv := newServer(t)
	skip := func(ctx context.Context, info *wats.AttemptInfo, next func(context.Context) wats.AttemptResult) wats.AttemptResult {
		return wats.AttemptResult{StatusCode: 200}
	}
	c := newClient(t, srv, wats.WithMiddleware(skip))
	_, err := c.Report.SubmitJSON(context.Background(), minimalUUT(t))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "without calling next")
	assert.Empty(t, srv.Requests())
}

func TestNewRefusesUnsafeConfiguration(t *testing.T) {
	tests := []struct {
		name, url, token string
		opts             []wats.Option
		wantErr          string
		notIn            string
	}{
		{"control character in token", "https://wats.example", "abc\x00def", nil, "control character", ""},
		{"tab in token", "https://wats.example", "abc\tdef", nil, "control character", ""},
		{"CR in user agent", "https://wats.example", "dG9r", []wats.Option{wats.WithUserAgent("x\r\nX-Evil: 1")}, "control character", ""},
		{"credentials in a malformed URL", "https://admin:hunter2@wats.example/%zz", "dG9r", nil, "base URL", "hunter2"},
		{"credentials in a proxy URL", "https://wats.example", "dG9r", []wats.Option{wats.WithProxy("http://u:hunter2@proxy:%zz")}, "WithProxy", "hunter2"},
		{"plain http to a remote host", "http://wats.example", "dG9r", nil, "unencrypted", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := wats.New(tt.url, tt.token, tt.opts...)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
			if tt.notIn != "" {
				assert.NotContains(t, err.Error(), tt.notIn)
			}
		})
	}
	for _, ok := range []struct {
		url  string
		opts []wats.Option
	}{
		{"http://127.0.0.1:8080", nil}, {"http://localhost:8080", nil}, {"http://[::1]:8080", nil},
		{"http://wats.example", []wats.Option{wats.WithInsecureHTTP()}},
	} {
		_, err := wats.New(ok.url, "dG9r", ok.opts...)
		assert.NoError(t, err, ok.url)
	}
}

func TestThrottledWaitFailsAtOnce(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv, wats.WithRateLimit(0.5, 1))
	ctx := context.Background()
	_, err := c.ServerVersion(ctx) // takes the only token
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	_, err = c.ServerVersion(ctx)
	require.ErrorIs(t, err, wats.ErrThrottled)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	var te *wats.TransportError
	assert.False(t, errors.As(err, &te), "client-side throttling is not a transport error")
	assert.NoError(t, ctx.Err(), "it failed before the deadline instead of waiting it out")
	assert.Len(t, srv.Requests(), 1)
}

// minimalUUT is a valid WSJF test report, ready to submit.
func minimalUUT(t *testing.T) []byte {
	t.Helper()
	r, err := report.NewUUT("PCBA-100", "SN-HOSTILE", "A", 100,
		report.WithStation(report.Station{Name: "ST-1", Location: "Lab", Purpose: "Test"}), report.WithOperator("op"))
	require.NoError(t, err)
	require.NoError(t, r.Finalize())
	b, err := r.Marshal()
	require.NoError(t, err)
	return b
}
