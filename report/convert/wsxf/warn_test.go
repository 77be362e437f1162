package wsxf

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

func TestWarnings(t *testing.T) {
	series := strings.Repeat(`<Series Name="s"><ydata>1</ydata></Series>`, 11)
	doc := rootStep(`<Step Name="a" Status="Passed"><NumericLimit NumericValue="1" CompOperator="LOG" LowLimit="0"/></Step>` +
		`<Step Name="b" Status="Passed"><NumericLimit NumericValue="1" CompOperator="GE" LowLimit="0" HighLimit="9"/></Step>` +
		`<Step Name="c" Status="Passed"><Chart>` + series + `</Chart></Step>`)
	var warns []string
	src := &convert.Source{Name: "w.xml", Reader: strings.NewReader(doc), Defaults: fixtureDefaults, Warn: func(m string) { warns = append(warns, m) }}
	reps, err := New().Convert(context.Background(), src)
	require.NoError(t, err)
	assert.Equal(t, []string{
		"w.xml: /Reports/Report/Step/Step[1]/NumericLimit: limits of a LOG measurement dropped",
		"w.xml: /Reports/Report/Step/Step[2]/NumericLimit: HighLimit of single-limit operator GE dropped",
		"w.xml: /Reports/Report/Step/Step[3]/Chart: 11 series (WATS keeps at most 10)",
	}, warns)
	steps := reps[0].Root.Steps
	assert.Equal(t, report.Null, steps[0].NumericMeas[0].LowLimit.State())
	assert.Equal(t, report.Null, steps[1].NumericMeas[0].HighLimit.State())
	assert.Equal(t, 0.0, steps[1].NumericMeas[0].LowLimit.Float())
	assert.Len(t, steps[2].Chart.Series, 11, "kept; the server decides")
}

// TestConcurrentUse converts with one Converter from several goroutines (run with
// -race).
func TestConcurrentUse(t *testing.T) {
	c := New()
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reps, err := c.Convert(context.Background(), source(t, "uut-server-export.wsxf.xml", nil))
			assert.NoError(t, err)
			assert.Len(t, reps, 1)
		}()
	}
	wg.Wait()
}
