package spea

import (
	"path/filepath"
	"testing"

	"github.com/watsgo/sdk/report/convert/internal/convtest"
)

// BenchmarkSPEA converts the sample (10 runs) beside the line-split
// baseline, alternating both in one loop (convtest.Ratio).
func BenchmarkSPEA(b *testing.B) {
	path := filepath.Join("testdata", fixture)
	convtest.Ratio(b, func() error { return convtest.LineSplit(path) }, func() error { return convtest.ConvertFile(New(), path) })
}
