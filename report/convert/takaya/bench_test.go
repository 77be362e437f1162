package takaya

import (
	"path/filepath"
	"testing"

	"github.com/watsgo/sdk/report/convert/internal/convtest"
)

var benchFiles = []struct {
	name string
	c    *Converter
	file string
}{
	{"ATD", NewATD(), filePB},
	{"ATDX", NewATDX(), fileATDX},
	{"APT94xx", NewAPT94xx(), fileSN},
}

// BenchmarkTakaya converts one sample per layout beside the line-split
// baseline on the same file, alternating both in one loop (convtest.Ratio).
func BenchmarkTakaya(b *testing.B) {
	for _, bf := range benchFiles {
		path := filepath.Join("testdata", bf.file)
		b.Run(bf.name, func(b *testing.B) {
			convtest.Ratio(b,
				func() error { return convtest.LineSplit(path) },
				func() error { return convtest.ConvertFile(bf.c, path) })
		})
	}
}
