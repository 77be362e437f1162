package xjtag

import (
	"archive/zip"
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

// zipRead is the baseline: read the file and inflate every archive member.
func zipRead(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		_, err = io.Copy(io.Discard, rc)
		rc.Close()
		if err != nil {
			return err
		}
	}
	return nil
}

// zipTokenWalk is a second baseline: zipRead plus an XML token walk of
// every run, the part of the work encoding/xml does.
func zipTokenWalk(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return err
	}
	for _, f := range zr.File {
		if _, ok := runNumber(f.Name); !ok {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			return err
		}
		d := xmlsniff.NewDecoder(rc)
		for {
			if _, err = d.Token(); err != nil {
				break
			}
		}
		rc.Close()
		if err != io.EOF {
			return err
		}
	}
	return nil
}

// convertPath is the measured path: read, convert, finalize, validate.
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

// BenchmarkXJTAGRatio alternates the zip-read baseline and the conversion
// of each archive and reports files/s of both and their ratio.
func BenchmarkXJTAGRatio(b *testing.B) {
	for _, name := range []string{file1234, file567, fileDemo} {
		path := filepath.Join("testdata", name)
		b.Run(name[:12], func(b *testing.B) {
			convtest.Ratio(b, func() error { return zipRead(path) }, func() error { return convertPath(path) })
		})
		b.Run(name[:12]+"/vs-tokenwalk", func(b *testing.B) {
			convtest.Ratio(b, func() error { return zipTokenWalk(path) }, func() error { return convertPath(path) })
		})
	}
}
