package saki

import (
	"bytes"
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
func tokenWalk(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	d := xmlsniff.NewDecoder(bytes.NewReader(data))
	for {
		if _, err := d.Token(); err != nil {
			if err == io.EOF {
				return nil
			}
			return err
		}
	}
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

// BenchmarkSakiRatio alternates the token-walk baseline and the
// conversion of the sample and reports files/s and their ratio.
func BenchmarkSakiRatio(b *testing.B) {
	path := filepath.Join("testdata", fileSample)
	convtest.Ratio(b, func() error { return tokenWalk(path) }, func() error { return convertPath(path) })
}
