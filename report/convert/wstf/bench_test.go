package wstf

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
func lineSplit(path string) (int, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	return len(bytes.Split(b, []byte{'\n'})), nil
}

// convertPath is the measured path: read, parse, build, finalize, validate.
func convertPath(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0, err
	}
	src := &convert.Source{Name: path, Reader: f, Size: fi.Size(), Processes: resolver{},
		Defaults: convert.Defaults{Location: time.UTC, Station: report.Station{Name: "CONV-PC", Location: "Lab", Purpose: "Test"}}}
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

// BenchmarkWSTF converts the fixture end to end beside the line-split
// baseline on the same file; compare the files/s of convert and baseline.
func BenchmarkWSTF(b *testing.B) {
	path := filepath.Join("testdata", fixture)
	convtest.FilesPerSecond(b, "baseline", func() error { _, err := lineSplit(path); return err })
	convtest.FilesPerSecond(b, "convert", func() error { _, err := convertPath(path); return err })
}

// BenchmarkWSTFRatio alternates the baseline and the conversion in one loop
// and reports the files/s ratio (goal ≥ 0.4).
func BenchmarkWSTFRatio(b *testing.B) {
	path := filepath.Join("testdata", fixture)
	convtest.Ratio(b,
		func() error { _, err := lineSplit(path); return err },
		func() error { _, err := convertPath(path); return err })
}
