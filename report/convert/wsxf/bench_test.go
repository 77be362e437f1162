package wsxf

import (
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/watsgo/sdk/report/convert"
)

// BenchmarkConvert converts one fixture end to end (read the file, parse, build,
// Finalize, Validate) beside a baseline that only reads the file and walks its
// tokens with encoding/xml; compare the two files/s figures of one run.
func BenchmarkConvert(b *testing.B) {
	for _, tc := range []struct {
		file string
		conv *Converter
	}{
		{"uut-server-export.wsxf.xml", New()},
		{"synthetic-uut-wsxf.xml", New()},
		{"uut-wrml.xml", NewWRML()},
	} {
		path := filepath.Join("testdata", tc.file)
		b.Run(tc.file+"/baseline", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
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
				b.SetBytes(int64(len(data)))
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "files/s")
		})
		b.Run(tc.file+"/convert", func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				data, err := os.ReadFile(path)
				if err != nil {
					b.Fatal(err)
				}
				reps, err := tc.conv.Convert(context.Background(), &convert.Source{Name: path, Reader: bytes.NewReader(data), Defaults: fixtureDefaults, Processes: resolver{}})
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
				b.SetBytes(int64(len(data)))
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "files/s")
		})
	}
}
