package teststand

import (
	"context"
	"encoding/xml"
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

const benchFile = "TsWithoutWats.xml"

// tokenWalk is the baseline: read the file and walk its XML tokens with the
// same decoder setup (charset handling) the converter uses.
func tokenWalk(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	d := xmlsniff.NewDecoder(f)
	n := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		if _, ok := tok.(xml.StartElement); ok {
			n++
		}
	}
}

// convertPath is the measured path: read, parse, build, finalize, validate.
func convertPath(path string) (int, error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	src := &convert.Source{Name: path, Reader: f, Size: -1,
		Defaults: convert.Defaults{Location: time.UTC, PartNumber: "PN", Station: report.Station{Name: "S", Location: "L", Purpose: "P"}}}
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

// BenchmarkTestStand converts the classic sample end to end beside the
// token-walk baseline on the same file.
func BenchmarkTestStand(b *testing.B) {
	path := filepath.Join("testdata", benchFile)
	convtest.FilesPerSecond(b, "baseline", func() error { _, err := tokenWalk(path); return err })
	convtest.FilesPerSecond(b, "convert", func() error { _, err := convertPath(path); return err })
}

// BenchmarkTestStandRatio alternates baseline and conversion in one loop and
// reports the files/s ratio.
func BenchmarkTestStandRatio(b *testing.B) {
	path := filepath.Join("testdata", benchFile)
	convtest.Ratio(b,
		func() error { _, err := tokenWalk(path); return err },
		func() error { _, err := convertPath(path); return err })
}
