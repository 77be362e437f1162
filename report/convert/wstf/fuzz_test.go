package wstf

import (
	"bytes"
	"context"
	"errors"
	"testing"
	"time"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

// FuzzConvert feeds mutated WSTF text to the converter: it must never panic,
// and every failure must be a typed error.
func FuzzConvert(f *testing.F) {
	f.Add(readFixture(f, fixture))
	f.Add([]byte(uutText("ConverterMode|Import\nStartDateTime|2024-03-05T08:15:30\n",
		"NumericLimitTest|c|r|1|||LOG\nChart|Line|l|V|y|s|x\nSeries|s|XYG|1;2|0;1\nStringValueTest|s||a|b||GT\nPassFailTest|p|m|0||||||\n", true)))
	f.Add([]byte(uutText("", "SequenceCall|A||||||||1,5|t|7|msg|true\nActionStep|x|||||||Skipped\nEndSequenceCall|A\n", false)))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := New()
		c.Sniff(data)
		src := &convert.Source{Name: "fuzz.txt", Reader: bytes.NewReader(data), Size: int64(len(data)), Processes: resolver{},
			Defaults: convert.Defaults{Location: time.UTC, Station: report.Station{Name: "S", Location: "L", Purpose: "P"}}}
		rs, err := c.Convert(context.Background(), src)
		if err != nil {
			if !errors.Is(err, convert.ErrMalformed) && !errors.Is(err, convert.ErrUnknownProcess) && !errors.Is(err, errs.ErrValidation) {
				t.Fatalf("untyped error %T: %v", err, err)
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
