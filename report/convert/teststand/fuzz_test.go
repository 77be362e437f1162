package teststand

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

// FuzzConvert feeds mutated TestStand reports to the converter: it must
// never panic, and every failure must be a typed error.
func FuzzConvert(f *testing.F) {
	f.Add(readFixture(f, "TSWithWats.xml"))
	f.Add(readFixture(f, "TsWithoutWats.xml"))
	f.Add([]byte(strings.Replace(miniTS, "STEPS", tsStep("eqt", "NumericLimitTest", "Passed", num("Numeric", "10.5")+str("Comp", "EQT")+
		"<Prop Name='RawLimits' Type='Obj'>"+num("Nominal", "10")+num("Low", "10")+num("High", "20")+"</Prop>"), 1)))
	f.Add([]byte(strings.Replace(miniTS, "STEPS", tsStep("c", "WATS_XYGMNLT", "Passed", "<Prop Name='Chart' Type='Obj'>"+str("ChartType", "Line")+
		"<Prop Name='Plots' Type='Array'><Value><Prop Type='Obj'>"+str("PlotName", "p")+"<Prop Name='PlotData' Type='Array'><Value ID='[0][0]'>1</Value><Value ID='[1][0]'>2</Value></Prop></Prop></Value></Prop></Prop>"+num("Numeric", "2")), 1)))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := New()
		c.Sniff(data)
		src := &convert.Source{Name: "fuzz.xml", Reader: bytes.NewReader(data), Size: int64(len(data)),
			Defaults: convert.Defaults{Location: time.UTC, PartNumber: "PN", Station: report.Station{Name: "S", Location: "L", Purpose: "P"}}}
		rs, err := c.Convert(context.Background(), src)
		if err != nil {
			if !errors.Is(err, convert.ErrMalformed) && !errors.Is(err, convert.ErrUnknownProcess) && !errors.Is(err, errs.ErrValidation) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			if rs != nil {
				t.Fatal("reports returned with an error")
			}
			return
		}
		if len(rs) == 0 {
			t.Fatal("no report and no error")
		}
		for _, r := range rs {
			if err := r.Finalize(); err != nil {
				t.Fatalf("finalize: %v", err)
			}
			_ = r.Validate()
			if _, err := r.MarshalJSON(); err != nil {
				t.Fatalf("marshal: %v", err)
			}
		}
	})
}
