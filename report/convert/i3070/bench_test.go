package i3070

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
	n := 0
	for sc.Scan() {
		n += len(sc.Bytes())
	}
	return sc.Err()
}

func convertPath(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	src := &convert.Source{Name: path, Reader: bytes.NewReader(data), Size: int64(len(data)),
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

// BenchmarkI3070Ratio alternates the read-and-split baseline and the
// conversion of each test file and reports files/s and their ratio.
func BenchmarkI3070Ratio(b *testing.B) {
	for _, name := range []string{fileExcerpt, filePanel, fileBoard} {
		path := filepath.Join("testdata", name)
		b.Run(name, func(b *testing.B) {
			convtest.Ratio(b, func() error { return readSplit(path) }, func() error { return convertPath(path) })
		})
	}
}
