package teradyne

import (
	"path/filepath"
	"testing"

	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convtest"
)

// BenchmarkTeradyne converts each sample beside the line-split baseline on
// the same file, alternating both in one loop (convtest.Ratio).
func BenchmarkTeradyne(b *testing.B) {
	for _, bf := range benchFiles {
		path := filepath.Join("testdata", bf.file)
		b.Run(bf.name, func(b *testing.B) {
			convtest.Ratio(b, func() error { return convtest.LineSplit(path) }, func() error { return convtest.ConvertFile(bf.c, path) })
		})
	}
}

var benchFiles = []struct {
	name string
	c    convert.Converter
	file string
}{
	{"GR228x", NewGR228x(), fileGR},
	{"Spectrum", NewSpectrum(), fileSpectrum},
}
