package watstest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

// BenchmarkContract measures what the contract check adds to a request:
// the same exchanges served in Strict mode and with the check Off, through
// ServeHTTP without a network (so the figures are the emulator's own cost).
func BenchmarkContract(b *testing.B) {
	wsjf, err := os.ReadFile("../../report/testdata/uut-server-export.json")
	if err != nil {
		b.Fatal(err)
	}
	const id = "33a2d408-3fc8-480b-b554-6866c77fd91c"
	product := `{"partNumber":"BENCH-1","name":"Bench product","description":"d","state":1}`
	cases := []struct {
		name, method, target, body string
	}{
		{"GET query", "GET", "/api/App/Processes?includeTestOperations=true&includeRepairOperations=true", ""},
		{"GET report", "GET", "/api/Report/Wsjf/" + id + "?detailLevel=2&includeChartdata=false", ""},
		{"PUT json", "PUT", "/api/Product", product},
		{"POST WSJF", "POST", "/api/Report/WSJF", string(wsjf)},
	}
	for _, mode := range []ContractMode{Off, Strict} {
		e := NewHandler(WithContract(mode), WithReports(wsjf))
		for _, tc := range cases {
			b.Run(tc.name+"/"+mode.String(), func(b *testing.B) {
				b.ReportAllocs()
				defer reportCPU(b, processCPU())
				for i := 0; i < b.N; i++ {
					req := httptest.NewRequest(tc.method, tc.target, strings.NewReader(tc.body))
					req.Header.Set("Authorization", "Basic "+e.Token())
					req.Header.Set("Content-Type", "application/json")
					rec := httptest.NewRecorder()
					e.ServeHTTP(rec, req)
					if rec.Code != http.StatusOK {
						b.Fatalf("%s %s: %d %s", tc.method, tc.target, rec.Code, rec.Body.String())
					}
				}
				e.ResetRequests() // the request log would otherwise grow with b.N
			})
		}
		// The same submit over loopback HTTP, for the cost of a request itself.
		srv := httptest.NewServer(e)
		b.Run("HTTP POST WSJF/"+mode.String(), func(b *testing.B) {
			b.ReportAllocs()
			defer reportCPU(b, processCPU())
			for i := 0; i < b.N; i++ {
				req, _ := http.NewRequest("POST", srv.URL+"/api/Report/WSJF", strings.NewReader(string(wsjf)))
				req.Header.Set("Authorization", "Basic "+e.Token())
				req.Header.Set("Content-Type", "application/json")
				resp, err := srv.Client().Do(req)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Fatal(resp.Status)
				}
			}
			e.ResetRequests()
		})
		srv.Close()
	}
}

// reportCPU adds the process CPU time per operation since start as the
// metric cpu-ns/op (client and server share the process in the HTTP case).
func reportCPU(b *testing.B, start time.Duration) {
	if used := processCPU() - start; used > 0 {
		b.ReportMetric(float64(used.Nanoseconds())/float64(b.N), "cpu-ns/op")
	}
}
