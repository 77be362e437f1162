package stepwize

import (
	"path/filepath"
	"testing"

	"github.com/watsgo/sdk/report/convert/internal/convtest"
)

// BenchmarkStepWizeRatio alternates the token-walk baseline and the
// conversion of the 400 KB sample and reports files/s and their ratio.
func BenchmarkStepWizeRatio(b *testing.B) {
	path := filepath.Join("testdata", fileSample)
	convtest.Ratio(b, func() error { return convtest.XMLTokenWalk(path) }, func() error { return convtest.ConvertFile(New(), path) })
}
