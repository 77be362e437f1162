package atml

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convtest"
	"github.com/watsgo/sdk/report/convert/internal/xmlsniff"
)

// tokenWalk is the baseline: read the file and walk its XML tokens.
func tokenWalk(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	d := xmlsniff.NewDecoder(f) // the converter's decoding too
	n := 0
	for {
		_, err := d.Token()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		n++
	}
}

// convertPath is the measured path: read, parse, build, finalize, validate.
func convertPath(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	src := &convert.Source{Name: path, Reader: f, Defaults: convert.Defaults{Location: time.UTC,
		Station: report.Station{Name: "CONV-PC", Location: "Lab", Purpose: "Test"}}}
	rs, err := New().Convert(context.Background(), src)
	if err != nil {
		return 0, err
	}
	for _, r := range rs {
		if err := r.Finalize(); err != nil {
			return 0, err
		}
		if err := r.Validate(); err != nil {
			return 0, err
		}
	}
	return len(rs), nil
}

// BenchmarkATML converts each fixture end to end beside the token-walk
// baseline on the same file; compare the files/s of convert and baseline.
func BenchmarkATML(b *testing.B) {
	for _, name := range []string{fileBatch, file601, file202} {
		path := filepath.Join("testdata", name)
		convtest.FilesPerSecond(b, name[:10]+"/baseline", func() error { _, err := tokenWalk(path); return err })
		convtest.FilesPerSecond(b, name[:10]+"/convert", func() error { _, err := convertPath(path); return err })
	}
}

// BenchmarkATMLRatio alternates the baseline and the conversion of each
// fixture in one loop and reports the files/s ratio (goal ≥ 0.7 on the
// largest fixture, the batch report).
func BenchmarkATMLRatio(b *testing.B) {
	for _, name := range []string{fileBatch, file601, file500, file202} {
		path := filepath.Join("testdata", name)
		b.Run(name[:10], func(b *testing.B) {
			convtest.Ratio(b,
				func() error { _, err := tokenWalk(path); return err },
				func() error { _, err := convertPath(path); return err })
		})
	}
}
