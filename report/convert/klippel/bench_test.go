package klippel

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convtest"
)

// readSplit is the baseline: read the header and every result file of the
// folder and split them into lines.
func readSplit(path string) error {
	paths := []string{path}
	dir := strings.TrimSuffix(path, ".txt")
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		paths = append(paths, filepath.Join(dir, e.Name()))
	}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		for sc.Scan() {
		}
		if err := sc.Err(); err != nil {
			return err
		}
	}
	return nil
}

func convertOne(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	src := &convert.Source{Name: path, Reader: bytes.NewReader(data),
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

// BenchmarkKlippelRatio alternates the read-and-split baseline (header plus
// the six result files) and the conversion, and reports files/s (one DUT =
// one file) and their ratio.
func BenchmarkKlippelRatio(b *testing.B) {
	path := filepath.Join("testdata", file115)
	convtest.Ratio(b, func() error { return readSplit(path) }, func() error { return convertOne(path) })
}
