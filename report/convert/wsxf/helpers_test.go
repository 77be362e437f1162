package wsxf

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

// resolver is the fixture resolver of the expected facts: SW Debug = 10, Repair = 500.
type resolver struct{}

func (resolver) TestOperationCode(_ context.Context, name string) (int, error) {
	if name == "SW Debug" {
		return 10, nil
	}
	return 0, fmt.Errorf("%w: %q", convert.ErrUnknownProcess, name)
}

func (resolver) RepairOperationCode(_ context.Context, name string) (int, error) {
	if name == "Repair" {
		return 500, nil
	}
	return 0, fmt.Errorf("%w: %q", convert.ErrUnknownProcess, name)
}

// fixtureDefaults are the conversion settings the expected facts assume.
var fixtureDefaults = convert.Defaults{
	Location:          time.UTC,
	Station:           report.Station{Name: "CONV-PC", Location: "Lab", Purpose: "Test"},
	RepairProcessCode: 500,
}

// source opens a testdata file as a conversion source.
func source(t testing.TB, name string, warn *[]string) *convert.Source {
	t.Helper()
	path := filepath.Join("testdata", name)
	f, err := os.Open(path)
	require.NoError(t, err)
	t.Cleanup(func() { f.Close() })
	src := &convert.Source{Name: path, Reader: f, Size: -1, Defaults: fixtureDefaults, Processes: resolver{}}
	if warn != nil {
		src.Warn = func(m string) { *warn = append(*warn, m) }
	}
	return src
}

// convertFile converts a testdata file and finalizes and validates every report.
func convertFile(t testing.TB, c convert.Converter, name string) []*report.Report {
	t.Helper()
	reps, err := c.Convert(context.Background(), source(t, name, nil))
	require.NoError(t, err)
	for _, r := range reps {
		require.NoError(t, r.Finalize())
		require.NoError(t, r.Validate())
	}
	return reps
}

// convertText converts an in-memory document.
func convertText(c convert.Converter, doc string) ([]*report.Report, error) {
	src := &convert.Source{Name: "mem.xml", Reader: strings.NewReader(doc), Size: int64(len(doc)), Defaults: fixtureDefaults, Processes: resolver{}}
	return c.Convert(context.Background(), src)
}
