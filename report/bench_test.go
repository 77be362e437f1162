package report_test

import (
	"encoding/json"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/watsgo/sdk/report"
)

func loadFixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile("testdata/" + name)
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// BenchmarkRawJSONRoundTrip is the baseline: encoding/json into any and back.
func BenchmarkRawJSONRoundTrip(b *testing.B) {
	data := loadFixture(b, "uut-server-export.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
		if _, err := json.Marshal(v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParseSerialiseServerExport does the same work through the model.
func BenchmarkParseSerialiseServerExport(b *testing.B) {
	data := loadFixture(b, "uut-server-export.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r, err := report.Parse(data)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := r.Marshal(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild10kSteps builds a UUT with 10 000 numeric steps in 100
// sequences, finalises, validates and serialises it. Allocations are also
// reported per step.
func BenchmarkBuild10kSteps(b *testing.B) {
	const seqs, perSeq = 100, 100
	names := make([]string, perSeq)
	for i := range names {
		names[i] = "Step " + strconv.Itoa(i)
	}
	start := time.Date(2026, 3, 2, 9, 15, 30, 0, time.FixedZone("", 3600))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r, err := report.NewUUT("PCBA-100", "SN0001", "B", 10,
			report.WithStation(report.Station{Name: "FCT-01", Location: "Line 2", Purpose: "Production"}),
			report.WithOperator("op1"), report.WithStart(start))
		if err != nil {
			b.Fatal(err)
		}
		for s := 0; s < seqs; s++ {
			seq, err := r.Root.AddSequence("Sequence " + strconv.Itoa(s))
			if err != nil {
				b.Fatal(err)
			}
			for k := 0; k < perSeq; k++ {
				v := float64(k) * 0.01
				if _, err := seq.AddNumericStep(names[k], v, "V", report.Lim(report.GELE, 0, 0.9)); err != nil {
					b.Fatal(err)
				}
			}
		}
		if err := r.Finalize(); err != nil {
			b.Fatal(err)
		}
		if err := r.Validate(); err != nil {
			b.Fatal(err)
		}
		if _, err := r.Marshal(); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var ms testing.BenchmarkResult
	_ = ms
}
