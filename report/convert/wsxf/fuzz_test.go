package wsxf

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/watsgo/sdk/report/convert"
)

// fuzzConvert checks that any input either converts to reports that Finalize
// accepts, or fails with a typed error: never a panic, never a partial result.
func fuzzConvert(f *testing.F, c *Converter, seeds ...string) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.xml"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = c.Sniff(data)
		src := &convert.Source{Name: "fuzz.xml", Reader: bytes.NewReader(data), Defaults: fixtureDefaults, Processes: resolver{},
			Params: convert.Params{"missingAttachment": "skip"}}
		reps, err := c.Convert(context.Background(), src)
		if err != nil {
			if reps != nil {
				t.Fatalf("reports returned with error %v", err)
			}
			if !errors.Is(err, convert.ErrMalformed) && !errors.Is(err, convert.ErrUnknownProcess) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		if len(reps) == 0 {
			t.Fatal("no report and no error")
		}
		for _, r := range reps {
			if err := r.Finalize(); err != nil {
				t.Fatalf("Finalize: %v", err)
			}
			_ = r.Validate()
			if _, err := r.Marshal(); err != nil {
				t.Fatalf("Marshal: %v", err)
			}
		}
	})
}

func FuzzWSXF(f *testing.F) {
	fuzzConvert(f, New(),
		rootStep(`<Step Name="a"><Chart><Series Name="s"><xdata>1;2</xdata><ydata>3;4</ydata></Series></Chart></Step>`),
		rootStep(`<Step Name="l"><Loop num="2" passed="1" failed="1" ending_index="2"/></Step><Step Name="i"><Loop index="0"/></Step>`),
		`<Reports xmlns="`+NamespaceWSXF+`"><Report type="UUR" SN="1" PN="P" Rev="A"><UUR><Process Code="10"/></UUR><ReportUnitHierarchy Idx="0" PN="P"/><Failures Category="a" Code="b" PartIdx="0" Idx="1"/><Binary FailIdx="1"><Data FileName="x" ContentType="t">YQ==</Data></Binary></Report></Reports>`)
}

func FuzzWRML(f *testing.F) {
	fuzzConvert(f, NewWRML(),
		`<Reports xmlns="`+NamespaceWRML+`"><Report type="UUT" SN="1" PN="P" Rev="A"><Process Code="10"/><Step StepID="1" Name="r"/><SequenceCall StepID="1"/><Step StepID="2" ParentStepID="1" Name="c"/><Chart StepID="2" idx="0"/><Chart StepID="2" idx="1" PlotName="p"><Data>AAAAAAAA8D8AAAAAAAAAQA==</Data></Chart></Report></Reports>`)
}
