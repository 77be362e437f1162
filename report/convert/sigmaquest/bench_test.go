package sigmaquest

import (
	"path/filepath"
	"testing"

	"github.com/watsgo/sdk/report/convert/internal/convtest"
)

// BenchmarkSigmaQuestRatio alternates the token-walk baseline and the
// conversion of the sample and reports files/s and their ratio.
func BenchmarkSigmaQuestRatio(b *testing.B) {
	path := filepath.Join("testdata", fileSN651658)
	convtest.Ratio(b, func() error { return convtest.XMLTokenWalk(path) }, func() error { return convtest.ConvertFile(New(), path) })
}
