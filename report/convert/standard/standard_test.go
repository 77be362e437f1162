package standard

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report/convert"
)

// sniffAll returns the names of the converters that are Certain about head.
func sniffAll(head []byte) []string {
	var out []string
	for _, c := range Converters() {
		if c.Sniff(head) == convert.Certain {
			out = append(out, c.Name())
		}
	}
	return out
}

func TestConvertersOrder(t *testing.T) {
	var names []string
	for _, c := range Converters() {
		names = append(names, c.Name())
	}
	assert.Equal(t, []string{"wsjf", "wsxf", "wrml", "atml"}, names)
}

// TestSniffFixtures checks that exactly one standard converter claims each fixture.
func TestSniffFixtures(t *testing.T) {
	tests := []struct{ file, want string }{
		{"../wsxf/testdata/synthetic-uut-wsxf.xml", "wsxf"},
		{"../wsxf/testdata/uur-wsxf.xml", "wsxf"},
		{"../wsxf/testdata/uut-server-export.wsxf.xml", "wsxf"},
		{"../wsxf/testdata/uut-wrml.xml", "wrml"},
		{"../wsxf/testdata/uur-wrml.xml", "wrml"},
		{"../wsjf/testdata/WATS - WSJF UUT Example file Bare Minimum.json", "wsjf"},
		{"../wsjf/testdata/WATS - WSJF UUR Example file.json", "wsjf"},
	}
	atmlFiles, _ := filepath.Glob("../atml/testdata/*.[xX][mM][lL]")
	for _, f := range atmlFiles {
		tests = append(tests, struct{ file, want string }{f, "atml"})
	}
	require.NotEmpty(t, atmlFiles)
	for _, tc := range tests {
		t.Run(filepath.Base(tc.file), func(t *testing.T) {
			data, err := os.ReadFile(tc.file)
			require.NoError(t, err)
			if len(data) > convert.SniffSize {
				data = data[:convert.SniffSize]
			}
			assert.Equal(t, []string{tc.want}, sniffAll(data))
		})
	}
	assert.Empty(t, sniffAll([]byte(`<?xml version="1.0"?><Reports xmlns="urn:other"/>`)), "other XML is unknown")
	assert.Empty(t, sniffAll([]byte("hello")))
}
