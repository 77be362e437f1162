package watstest_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/wats/watstest"
)

// get performs a raw request the way a non-Go station would.
func get(t *testing.T, srv *watstest.Server, method, path string, hdr map[string]string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL()+path, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Basic "+srv.Token())
	for k, v := range hdr {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, string(b)
}

func newSrv(t *testing.T, opts ...watstest.Option) *watstest.Server {
	srv := watstest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

func TestAuthentication(t *testing.T) {
	srv := newSrv(t, watstest.WithToken("abc="))
	tests := []struct {
		name, auth string
		want       int
	}{
		{"right token", "Basic abc=", 200},
		{"no header", "", 401},
		{"wrong token", "Basic xyz=", 401},
		{"bearer", "Bearer abc=", 401},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, h, body := get(t, srv, "GET", "/api/App/Version", map[string]string{"Authorization": tt.auth})
			assert.Equal(t, tt.want, code)
			if tt.want == 401 {
				assert.Contains(t, h.Get("Content-Type"), "application/json")
				var e map[string]string
				require.NoError(t, json.Unmarshal([]byte(body), &e))
				assert.NotEmpty(t, e["Message"], "spec error body shape")
			}
		})
	}
}

func TestRoutesMatchCaseInsensitively(t *testing.T) {
	srv := newSrv(t)
	for _, p := range []string{"/api/App/Version", "/API/APP/VERSION", "/api/app/version", "/api/App/Version/"} {
		code, _, body := get(t, srv, "GET", p, nil)
		assert.Equal(t, 200, code, p)
		assert.Equal(t, `"`+watstest.ServerVersion+`"`, strings.TrimSpace(body), p)
	}
}

func TestUnknownRouteAndWrongVerb(t *testing.T) {
	srv := newSrv(t)
	code, _, body := get(t, srv, "GET", "/api/Nope", nil)
	assert.Equal(t, 404, code)
	assert.Contains(t, body, `"Message"`)
	code, _, _ = get(t, srv, "DELETE", "/api/App/Version", nil)
	assert.Equal(t, 405, code)
}

func TestQueryFlagsEitherEncodingAndCase(t *testing.T) {
	srv := newSrv(t)
	for _, q := range []string{"includeRepairOperations=true", "INCLUDEREPAIROPERATIONS=true", "%69ncludeRepairOperations=true"} {
		code, _, body := get(t, srv, "GET", "/api/App/Processes?"+q, nil)
		require.Equal(t, 200, code, q)
		var ps []map[string]any
		require.NoError(t, json.Unmarshal([]byte(body), &ps))
		require.NotEmpty(t, ps, q)
		for _, p := range ps {
			assert.Equal(t, true, p["isRepairOperation"], q)
		}
	}
	code, _, body := get(t, srv, "GET", "/api/App/Processes?includeTestOperations=maybe", nil)
	assert.Equal(t, 400, code)
	assert.Contains(t, body, "maybe")
}

func TestInternalRoutesNeedReferer(t *testing.T) {
	srv := newSrv(t)
	code, _, body := get(t, srv, "GET", "/api/internal/Process/GetProcesses", nil)
	assert.Equal(t, 400, code)
	assert.Contains(t, body, "Referer")
	code, _, body = get(t, srv, "GET", "/api/internal/Process/GetProcesses", map[string]string{"Referer": srv.URL()})
	assert.Equal(t, 200, code)
	assert.Contains(t, body, `"IsWIPOperation"`, "internal routes answer PascalCase")
}

func TestWireNamesOfAppRoutes(t *testing.T) {
	srv := newSrv(t)
	_, _, body := get(t, srv, "GET", "/api/App/Processes", nil)
	for _, k := range []string{`"code"`, `"name"`, `"description"`, `"isTestOperation"`, `"isRepairOperation"`, `"isWipOperation"`, `"processIndex"`, `"state"`} {
		assert.Contains(t, body, k)
	}
	_, _, body = get(t, srv, "GET", "/api/App/Levels", nil)
	assert.Contains(t, body, `"levelId"`)
	assert.Contains(t, body, `"levelName"`)
	_, _, body = get(t, srv, "GET", "/api/App/ProductGroups", nil)
	assert.Contains(t, body, `"productGroupId"`)
	assert.Contains(t, body, `"productGroupName"`)
}

func TestFaultsCountAndMatch(t *testing.T) {
	srv := newSrv(t)
	srv.Inject(watstest.Fault{Method: "POST", Status: 500, Times: 5})
	srv.Inject(watstest.Fault{Path: "/api/app/levels", Status: 503, Times: 2, RetryAfter: "3"})

	code, _, _ := get(t, srv, "GET", "/api/App/Version", nil)
	assert.Equal(t, 200, code, "neither fault matches")
	code, h, _ := get(t, srv, "GET", "/api/App/Levels", nil)
	assert.Equal(t, 503, code)
	assert.Equal(t, "3", h.Get("Retry-After"))
	code, _, _ = get(t, srv, "GET", "/api/App/Levels", nil)
	assert.Equal(t, 503, code)
	code, _, _ = get(t, srv, "GET", "/api/App/Levels", nil)
	assert.Equal(t, 200, code, "Times is exhausted")

	srv.Inject(watstest.Fault{Status: 502, Times: -1})
	for i := 0; i < 3; i++ {
		code, _, _ = get(t, srv, "GET", "/api/App/Levels", nil)
		assert.Equal(t, 502, code)
	}
	srv.ClearFaults()
	code, _, _ = get(t, srv, "GET", "/api/App/Levels", nil)
	assert.Equal(t, 200, code)
}

func TestFaultsAreConcurrencySafe(t *testing.T) {
	srv := newSrv(t)
	srv.FailNext(10, 503)
	var failed atomic.Int64
	var wg sync.WaitGroup
	for i := 0; i < 40; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("GET", srv.URL()+"/api/App/Version", nil)
			req.Header.Set("Authorization", "Basic "+srv.Token())
			resp, err := http.DefaultClient.Do(req)
			if !assert.NoError(t, err) {
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 503 {
				failed.Add(1)
			}
		}()
	}
	wg.Wait()
	assert.EqualValues(t, 10, failed.Load())
	assert.Len(t, srv.Requests(), 40)
}

func TestConnectionFaults(t *testing.T) {
	srv := newSrv(t)
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	do := func(ctx context.Context) (*http.Response, error) {
		req, _ := http.NewRequestWithContext(ctx, "GET", srv.URL()+"/api/App/Version", nil)
		req.Header.Set("Authorization", "Basic "+srv.Token())
		return client.Do(req)
	}

	srv.Inject(watstest.Fault{Reset: true})
	_, err := do(context.Background())
	assert.Error(t, err, "reset: no answer")

	srv.Inject(watstest.Fault{Truncate: true})
	resp, err := do(context.Background())
	require.NoError(t, err)
	_, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF, "truncate: body shorter than announced")

	srv.Inject(watstest.Fault{Latency: 150 * time.Millisecond})
	start := time.Now()
	resp, err = do(context.Background())
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, 200, resp.StatusCode, "latency alone lets the request through")
	assert.GreaterOrEqual(t, time.Since(start), 150*time.Millisecond)

	srv.Inject(watstest.Fault{Hang: true})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err = do(ctx)
	assert.True(t, errors.Is(err, context.DeadlineExceeded), "hang: until the client gives up: %v", err)

	srv.Inject(watstest.Fault{Hang: true})
	done := make(chan error, 1)
	go func() {
		resp, err := do(context.Background())
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	srv.ClearFaults()
	select {
	case err := <-done:
		assert.Error(t, err, "a released hang drops the connection; an empty 200 would pass for success")
	case <-time.After(5 * time.Second):
		t.Fatal("ClearFaults did not release the hanging request")
	}
}

func TestRequestLog(t *testing.T) {
	srv := newSrv(t)
	req, _ := http.NewRequest("PUT", srv.URL()+"/api/App/Version?a=b+c&d=e%20f", strings.NewReader("0123456789"))
	req.Header.Set("Authorization", "Basic "+srv.Token())
	req.Header.Set("X-Request-ID", "rid-1")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()

	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	r := reqs[0]
	assert.Equal(t, "PUT", r.Method)
	assert.Equal(t, "/api/App/Version", r.Path)
	assert.Equal(t, "a=b+c&d=e%20f", r.Query)
	assert.Equal(t, "b c", r.QueryValues().Get("a"))
	assert.Equal(t, "e f", r.QueryValues().Get("d"))
	assert.Equal(t, "rid-1", r.Header.Get("X-Request-ID"))
	assert.Empty(t, r.Header.Values("Authorization"), "the token is never logged")
	assert.EqualValues(t, 10, r.BodySize)
	assert.Equal(t, 405, r.Status)
	assert.Len(t, srv.RequestsTo("put", "/API/app"), 1)
	assert.Empty(t, srv.RequestsTo("GET", "/api/App"))
	srv.ResetRequests()
	assert.Empty(t, srv.Requests())
}

func TestHandlerWithoutListener(t *testing.T) {
	h := watstest.NewHandler(watstest.WithToken("t"))
	assert.Equal(t, "t", h.Token())
	req := httptest.NewRequest("GET", "/api/App/Version", nil)
	req.Header.Set("Authorization", "Basic t")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	assert.Equal(t, 200, rec.Code)
	assert.JSONEq(t, `"`+watstest.ServerVersion+`"`, rec.Body.String())
	assert.Len(t, h.Requests(), 1)
}

func TestRequestHook(t *testing.T) {
	var mu sync.Mutex
	var seen []watstest.LoggedRequest
	srv := newSrv(t, watstest.WithRequestHook(func(r watstest.LoggedRequest) {
		mu.Lock()
		seen = append(seen, r)
		mu.Unlock()
	}))
	code, _, _ := get(t, srv, "GET", "/api/App/Levels", nil)
	require.Equal(t, 200, code)
	mu.Lock()
	defer mu.Unlock()
	require.Len(t, seen, 1)
	assert.Equal(t, "/api/App/Levels", seen[0].Path)
	assert.Equal(t, 200, seen[0].Status)
	assert.Empty(t, seen[0].Header.Get("Authorization"))
}
