package contract

import (
	"encoding/json"
	"os"
	"testing"
)

// BenchmarkCheck measures the checks alone: a WSJF submit's body (about
// 50 KB), the same report as a load's answer, and a query-only request.
func BenchmarkCheck(b *testing.B) {
	wsjf, err := os.ReadFile("../../report/testdata/uut-server-export.json")
	if err != nil {
		b.Fatal(err)
	}
	rt := Default()
	submit, _ := rt.Lookup("POST", "/api/Report/WSJF")
	load, _ := rt.Lookup("GET", "/api/Report/Wsjf/33a2d408-3fc8-480b-b554-6866c77fd91c")
	b.Run("request WSJF body", func(b *testing.B) {
		b.SetBytes(int64(len(wsjf)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if vs := rt.CheckRequest(submit, Request{ContentType: "application/json", Body: wsjf}, Strict); len(vs) > 0 {
				b.Fatal(vs)
			}
		}
	})
	b.Run("answer WSJF report", func(b *testing.B) {
		b.SetBytes(int64(len(wsjf)))
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			if vs := rt.CheckAnswer(load, Answer{Status: 200, ContentType: "application/json", Body: wsjf}); len(vs) > 0 {
				b.Fatal(vs)
			}
		}
	})
	b.Run("baseline json.Valid", func(b *testing.B) {
		b.SetBytes(int64(len(wsjf)))
		for i := 0; i < b.N; i++ {
			if !json.Valid(wsjf) {
				b.Fatal("invalid")
			}
		}
	})
	b.Run("lookup and query", func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			m, err := rt.Lookup("GET", "/api/Report/Wsjf/33a2d408-3fc8-480b-b554-6866c77fd91c")
			if err != nil {
				b.Fatal(err)
			}
			if vs := rt.CheckRequest(m, Request{RawQuery: "detailLevel=2&includeChartdata=false"}, Strict); len(vs) > 0 {
				b.Fatal(vs)
			}
		}
	})
}
