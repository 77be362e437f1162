package wats_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/watsgo/sdk/wats"
)

// BenchmarkRoundTrip compares an SDK GET of /api/App/Levels (decoded into
// []wats.Level) with a raw net/http GET of the same route decoded the same
// way, against the same emulator in the same run. The SDK client runs with
// its defaults except the rate limiter, which would otherwise pace the loop
// at 8 requests per second; breaker, retry wrapper, request id, logging
// checks and error mapping are all on the path.
func BenchmarkRoundTrip(b *testing.B) {
	srv := newServer(b)
	ctx := context.Background()

	b.Run("sdk", func(b *testing.B) {
		c, err := wats.New(srv.URL(), srv.Token(), wats.WithRateLimit(0, 0))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			if _, err := c.Levels(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})

	b.Run("raw", func(b *testing.B) {
		hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		u := srv.URL() + "/api/App/Levels"
		auth := "Basic " + srv.Token()
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Authorization", auth)
			req.Header.Set("Accept", "application/json")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			raw, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				b.Fatal(resp.StatusCode, err)
			}
			var out []wats.Level
			if err := json.Unmarshal(raw, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkClientOverhead isolates the client-side cost from the network:
// both variants send through the same in-memory RoundTripper that answers
// a canned /api/App/Levels body, so the difference is what the SDK adds
// (URL building, headers, request id, breaker, retry wrapper, resty,
// error mapping, JSON decoding is the same in both).
func BenchmarkClientOverhead(b *testing.B) {
	const body = `[{"levelId":1,"levelName":"PCBA"},{"levelId":2,"levelName":"Module"},{"levelId":3,"levelName":"System"}]`
	canned := roundTripperFunc(func(r *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {"application/json"}},
			Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
	})
	hc := &http.Client{Transport: canned}
	ctx := context.Background()

	b.Run("sdk", func(b *testing.B) {
		c, err := wats.New("http://wats.invalid", "dG9rZW4=", wats.WithHTTPClient(hc), wats.WithRateLimit(0, 0))
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if _, err := c.Levels(ctx); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("raw", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://wats.invalid/api/App/Levels", nil)
			req.Header.Set("Authorization", "Basic dG9rZW4=")
			req.Header.Set("Accept", "application/json")
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			raw, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			var out []wats.Level
			if err := json.Unmarshal(raw, &out); err != nil {
				b.Fatal(err)
			}
		}
	})
}
