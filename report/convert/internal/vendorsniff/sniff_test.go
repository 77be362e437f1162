package vendorsniff

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report/convert"
	sdkequipment "github.com/watsgo/sdk/report/convert/equipment"
	"github.com/watsgo/sdk/report/convert/i3070"
	"github.com/watsgo/sdk/report/convert/klippel"
	"github.com/watsgo/sdk/report/convert/listen"
	"github.com/watsgo/sdk/report/convert/saki"
	"github.com/watsgo/sdk/report/convert/sigmaquest"
	"github.com/watsgo/sdk/report/convert/standard"
	"github.com/watsgo/sdk/report/convert/stepwize"
	"github.com/watsgo/sdk/report/convert/xjtag"
)

func equipment() []convert.Converter {
	return []convert.Converter{xjtag.New(), i3070.New(), klippel.New(), listen.New(), sigmaquest.New(), stepwize.New(), saki.New()}
}

// all is every converter the SDK has, standard and equipment, so each
// sample is checked against all the others.
func all() []convert.Converter {
	return append(standard.Converters(), sdkequipment.Converters()...)
}

func head(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, convert.SniffSize))
	require.NoError(t, err)
	return b
}

// files lists the regular files of dir (not its fuzz corpus).
func files(t *testing.T, dir string, keep func(string) bool) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out []string
	for _, e := range entries {
		if !e.IsDir() && (keep == nil || keep(e.Name())) {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	require.NotEmpty(t, out, dir)
	return out
}

// TestEquipmentSamplesPickTheirConverter: for every sample, the converter
// it belongs to is the only one with the highest confidence.
func TestEquipmentSamplesPickTheirConverter(t *testing.T) {
	samples := map[string][]string{
		xjtag.Name:      files(t, "../../xjtag/testdata", nil),
		i3070.Name:      files(t, "../../i3070/testdata", nil),
		klippel.Name:    files(t, "../../klippel/testdata", func(n string) bool { return strings.HasPrefix(n, "DUT ") }),
		listen.Name:     files(t, "../../listen/testdata", nil),
		sigmaquest.Name: files(t, "../../sigmaquest/testdata", nil),
		stepwize.Name:   files(t, "../../stepwize/testdata", nil),
		saki.Name:       files(t, "../../saki/testdata", nil),
	}
	n := 0
	for owner, paths := range samples {
		for _, p := range paths {
			h := head(t, p)
			best, bestConf, ties := "", convert.No, 0
			for _, c := range all() {
				conf := c.Sniff(h)
				switch {
				case conf > bestConf:
					best, bestConf, ties = c.Name(), conf, 1
				case conf == bestConf && conf > convert.No:
					ties++
				}
			}
			assert.Equal(t, owner, best, p)
			assert.Equal(t, 1, ties, "%s: only one converter at the top confidence", p)
			assert.GreaterOrEqual(t, bestConf, convert.Likely, p)
			n++
		}
	}
	assert.Equal(t, 14, n, "samples checked (5 XJTAG, 3 i3070, 1 Klippel, 2 SoundCheck, 1 each SigmaQuest, StepWize, Saki)")
}

// TestStandardFixturesAreNotEquipment: the equipment converters say No (at
// most Maybe) for the standard formats' fixtures.
func TestStandardFixturesAreNotEquipment(t *testing.T) {
	var paths []string
	for _, d := range []string{"atml", "wstf", "wsxf", "wsjf"} {
		paths = append(paths, files(t, filepath.Join("../..", d, "testdata"), nil)...)
	}
	for _, p := range paths {
		h := head(t, p)
		for _, c := range sdkequipment.Converters() {
			assert.LessOrEqual(t, c.Sniff(h), convert.Maybe, "%s claims %s", c.Name(), p)
			assert.Equal(t, convert.No, c.Sniff(h), "%s on %s", c.Name(), p)
		}
	}
}
