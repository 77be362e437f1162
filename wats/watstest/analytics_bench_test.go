package watstest

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// benchEmulator holds 100 000 UUT reports: 20 000 units of 5 part numbers
// through 2 operations over 30 days, about one in ten runs failing and
// being retested once. Documents are minimal (no step tree), so the store
// stays around the size a real header-only load test would use.
func benchEmulator(b *testing.B, n int) *Emulator {
	b.Helper()
	e := NewHandler(WithClock(func() time.Time { return time.Date(2026, 4, 1, 0, 0, 0, 0, time.UTC) }))
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	ops := []string{"ICT", "FCT"}
	for i := 0; i < n; i++ {
		unit := i / 5
		pn := fmt.Sprintf("PCBA-%d", unit%5)
		op := ops[(i/2)%2]
		result := "P"
		if i%10 == 3 {
			result = "F"
		}
		at := start.Add(time.Duration(i) * 25 * time.Second)
		e.reports.put(&storedReport{
			ID: fmt.Sprintf("00000000-0000-4000-8000-%012d", i), Type: "T", PartNumber: pn, SerialNumber: fmt.Sprintf("SN%06d", unit),
			Revision: "A", ProcessCode: 10 * ((i/2)%2 + 1), Result: result, Station: fmt.Sprintf("ST-%d", i%4), Start: at, ReceivedAt: at,
			Doc: map[string]any{"processName": op, "uut": map[string]any{"user": "op"}},
		})
	}
	return e
}

func BenchmarkDynamicYield100k(b *testing.B) {
	e := benchEmulator(b, 100_000)
	cases := []struct{ name, query, body string }{
		{"byDay_onePart", "dimensions=period;unitCount;fpCount;fpy", `{"partNumber":"PCBA-1","dateGrouping":4}`},
		{"byPartAndOperation_all", "dimensions=unitCount+desc;partNumber;testOperation", `{}`},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				req := httptest.NewRequest(http.MethodPost, "/api/App/DynamicYield?"+c.query, strings.NewReader(c.body))
				req.Header.Set("Authorization", "Basic "+e.Token())
				rec := httptest.NewRecorder()
				e.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d: %s", rec.Code, rec.Body.String())
				}
			}
		})
	}
}
