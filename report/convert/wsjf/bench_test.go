package wsjf

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/watsgo/sdk/report/convert"
)

// BenchmarkConvertRatio alternates, per iteration, a baseline that reads the file
// and walks its tokens with encoding/json and the conversion of the same file (read,
// parse, import rules, Finalize, Validate); "ratio" is the conversion's files/s as
// a fraction of the baseline's.
func BenchmarkConvertRatio(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, path := range files {
		b.Run(filepath.Base(path), func(b *testing.B) {
			b.ReportAllocs()
			var base, conv time.Duration
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				data, err := os.ReadFile(path)
				if err != nil {
					b.Fatal(err)
				}
				d := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, bom)))
				for {
					if _, err := d.Token(); err == io.EOF {
						break
					} else if err != nil {
						b.Fatal(err)
					}
				}
				t1 := time.Now()
				data, err = os.ReadFile(path)
				if err != nil {
					b.Fatal(err)
				}
				reps, err := New().Convert(context.Background(), &convert.Source{Name: path, Reader: bytes.NewReader(data), Defaults: defaults})
				if err != nil {
					b.Fatal(err)
				}
				for _, r := range reps {
					if err := r.Finalize(); err != nil {
						b.Fatal(err)
					}
					if err := r.Validate(); err != nil {
						b.Fatal(err)
					}
				}
				base, conv = base+t1.Sub(t0), conv+time.Since(t1)
			}
			b.ReportMetric(float64(b.N)/base.Seconds(), "baseline-files/s")
			b.ReportMetric(float64(b.N)/conv.Seconds(), "convert-files/s")
			b.ReportMetric(base.Seconds()/conv.Seconds(), "ratio")
		})
	}
}
