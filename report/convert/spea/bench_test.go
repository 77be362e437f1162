package spea

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convtest"
)

// lineSplit is the baseline: read the file and split it into lines.
func lineSplit(path string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	_ = bytes.Split(b, []byte{'\n'})
	return nil
}

// convertPath reads, parses, builds, finalizes and validates one file.
func convertPath(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	src := &convert.Source{Name: path, Reader: f, Size: -1,
		Defaults: convert.Defaults{Location: time.UTC, Station: report.Station{Name: "S", Location: "L", Purpose: "P"}}}
	rs, err := New().Convert(context.Background(), src)
	if err != nil {
		return err
	}
	for _, r := range rs {
		if err := r.Finalize(); err != nil {
			return err
		}
		if err := r.Validate(); err != nil {
			return err
		}
	}
	return nil
}

// BenchmarkSPEA converts the sample (10 runs) beside the line-split
// baseline, alternating both in one loop (convtest.Ratio).
func BenchmarkSPEA(b *testing.B) {
	path := filepath.Join("testdata", fixture)
	convtest.Ratio(b, func() error { return lineSplit(path) }, func() error { return convertPath(path) })
}
