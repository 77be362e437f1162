package wsxf

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/watsgo/sdk/report/convert"
)

// BenchmarkConvert converts one fixture end to end (read the file, parse, build,
// Finalize, Validate) beside a baseline that only reads the file and walks its
// tokens with encoding/xml; compare the two files/s figures of one run.
func BenchmarkConvert(b *testing.B) {
	for _, tc := range benchFiles {
		path := filepath.Join("testdata", tc.file)
		b.Run(tc.file+"/baseline", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.SetBytes(tokenWalk(b, path))
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "files/s")
		})
		b.Run(tc.file+"/convert", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				b.SetBytes(convertOnce(b, tc.conv, path))
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}

// BenchmarkConvertRatio alternates the baseline and the conversion of the same file
// in every iteration, so that both see the same machine load, and reports the
// conversion's files/s as a fraction of the baseline's ("ratio").
func BenchmarkConvertRatio(b *testing.B) {
	for _, tc := range benchFiles {
		path := filepath.Join("testdata", tc.file)
		b.Run(tc.file, func(b *testing.B) {
			var base, conv time.Duration
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				tokenWalk(b, path)
				t1 := time.Now()
				convertOnce(b, tc.conv, path)
				base, conv = base+t1.Sub(t0), conv+time.Since(t1)
			}
			b.ReportMetric(float64(b.N)/base.Seconds(), "baseline-files/s")
			b.ReportMetric(float64(b.N)/conv.Seconds(), "convert-files/s")
			b.ReportMetric(base.Seconds()/conv.Seconds(), "ratio")
		})
	}
}

var benchFiles = []struct {
	file string
	conv *Converter
}{
	{"uut-server-export.wsxf.xml", New()},
	{"synthetic-uut-wsxf.xml", New()},
	{"uur-wsxf.xml", New()},
	{"uut-wrml.xml", NewWRML()},
	{"uur-wrml.xml", NewWRML()},
}

// tokenWalk is the baseline: read the file and walk its tokens with encoding/xml.
func tokenWalk(b *testing.B, path string) int64 {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := d.Token(); err == io.EOF {
			break
		} else if err != nil {
			b.Fatal(err)
		}
	}
	return int64(len(data))
}

// convertOnce reads, converts, finalizes and validates the file.
func convertOnce(b *testing.B, c *Converter, path string) int64 {
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	reps, err := c.Convert(context.Background(), &convert.Source{Name: path, Reader: bytes.NewReader(data), Defaults: fixtureDefaults, Processes: resolver{}})
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
	return int64(len(data))
}
