package standard

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

// sniffAll returns the names of the converters at least Likely about head.
func sniffAll(head []byte) []string {
	var out []string
	for _, c := range Converters() {
		if c.Sniff(head) >= convert.Likely {
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
	assert.Equal(t, []string{"wsjf", "wsxf", "wrml", "atml", "wstf"}, names)
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
	tests = append(tests, struct{ file, want string }{"../wstf/testdata/WatsStandardTextFormat.txt", "wstf"})
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

// TestRegistryConvertsFixtures converts every fixture through the registry,
// choosing the converter by sniffing; every report must validate.
func TestRegistryConvertsFixtures(t *testing.T) {
	reg, err := NewRegistry()
	require.NoError(t, err)
	var files []string
	for _, g := range []string{"../wsxf/testdata/*.xml", "../wsjf/testdata/*.json", "../atml/testdata/*.[xX][mM][lL]", "../wstf/testdata/*.txt"} {
		m, _ := filepath.Glob(g)
		files = append(files, m...)
	}
	require.GreaterOrEqual(t, len(files), 12)
	opts := &convert.ConvertOptions{Defaults: convert.Defaults{Location: time.UTC, Operator: "op", RepairProcessCode: 500, ProcessCode: 10,
		Station: report.Station{Name: "CONV-PC", Location: "Lab", Purpose: "Test"}}, Processes: names{"SW Debug": 10, "Repair": 500}}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			reps, err := reg.ConvertFile(context.Background(), f, opts)
			require.NoError(t, err)
			require.NotEmpty(t, reps)
			for _, r := range reps {
				require.NoError(t, r.Validate())
			}
		})
	}
}

// names resolves process names from a map.
type names map[string]int

func (n names) TestOperationCode(_ context.Context, name string) (int, error) {
	if c, ok := n[name]; ok {
		return c, nil
	}
	return 0, convert.ErrUnknownProcess
}

func (n names) RepairOperationCode(ctx context.Context, name string) (int, error) {
	return n.TestOperationCode(ctx, name)
}
