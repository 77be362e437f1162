package listen

import (
	"bufio"
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

// readSplit is the baseline: read the file and split it into lines.
func readSplit(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 256<<10), 1<<20)
	for sc.Scan() {
	}
	return sc.Err()
}

func convertPath(path string) error {
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

// BenchmarkListenRatio alternates the read-and-split baseline and the
// conversion of each sample and reports files/s and their ratio.
func BenchmarkListenRatio(b *testing.B) {
	for _, name := range []string{fileUS, fileEU} {
		path := filepath.Join("testdata", name)
		b.Run(name[:8], func(b *testing.B) {
			convtest.Ratio(b, func() error { return readSplit(path) }, func() error { return convertPath(path) })
		})
	}
}
