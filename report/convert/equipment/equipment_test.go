package equipment

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/standard"
)

func head(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	if len(b) > convert.SniffSize {
		b = b[:convert.SniffSize]
	}
	return b
}

// claims returns the converters that are at least Maybe about head.
func claims(cs []convert.Converter, head []byte) map[string]convert.Confidence {
	out := map[string]convert.Confidence{}
	for _, c := range cs {
		if v := c.Sniff(head); v > convert.No {
			out[c.Name()] = v
		}
	}
	return out
}

// TestSniffSamples: each equipment sample is claimed by its converter alone,
// with Likely or better, and by no standard converter.
func TestSniffSamples(t *testing.T) {
	tests := []struct{ file, want string }{
		{"../teststand/testdata/TSWithWats.xml", "teststand"},
		{"../teststand/testdata/TsWithoutWats.xml", "teststand"},
		{"../takaya/testdata/PB2939800_E_BOT-20230420130239.ATD", "takaya-atd"},
		{"../takaya/testdata/V682780_B_BOT-20230301082027.ATD", "takaya-atd"},
		{"../takaya/testdata/ATVG02_43393848.1023824957283_20141227_152724.ATD", "takaya-atd"},
		{"../takaya/testdata/WO250319-0162__20250525_122655.atdx", "takaya-atdx"},
		{"../takaya/testdata/11111-BV0001 (AT33).ATD", "takaya-apt94xx"},
		{"../takaya/testdata/12345 - SN0001 (FP1 - OP01).ATD", "takaya-apt94xx"},
		{"../spea/testdata/testdata_SN9871234012.csv", "spea"},
		{"../teradyne/testdata/43420_BIO2.LOG", "teradyne-gr228x"},
		{"../teradyne/testdata/sample_ict_data.txt", "teradyne-spectrum"},
	}
	std := standard.Converters()
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			h := head(t, tc.file)
			got := claims(Converters(), h)
			require.Len(t, got, 1, "%v", got)
			assert.GreaterOrEqual(t, got[tc.want], convert.Likely, "%v", got)
			assert.Empty(t, claims(std, h), "a standard converter claims an equipment file")
		})
	}
}

// TestSniffStandardFixtures: no equipment converter claims a standard file.
func TestSniffStandardFixtures(t *testing.T) {
	var files []string
	for _, dir := range []string{"atml", "wstf", "wsxf", "wsjf"} {
		m, err := filepath.Glob(filepath.Join("..", dir, "testdata", "*.*"))
		require.NoError(t, err)
		files = append(files, m...)
	}
	require.GreaterOrEqual(t, len(files), 10)
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			assert.Empty(t, claims(Converters(), head(t, f)))
		})
	}
}

func TestNamesUnique(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range append(Converters(), standard.Converters()...) {
		assert.False(t, seen[c.Name()], c.Name())
		seen[c.Name()] = true
		assert.NotEmpty(t, c.Patterns(), c.Name())
	}
}
