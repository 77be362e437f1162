package teradyne

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

func fuzzConvert(f *testing.F, c convert.Converter, seeds ...[]byte) {
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c.Sniff(data)
		src := &convert.Source{Name: "fuzz", Reader: bytes.NewReader(data), Size: int64(len(data)),
			Defaults: convert.Defaults{Location: time.UTC, Station: report.Station{Name: "S", Location: "L", Purpose: "P"}}}
		rs, err := c.Convert(context.Background(), src)
		if err != nil {
			if !errors.Is(err, convert.ErrMalformed) && !errors.Is(err, errs.ErrValidation) {
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

// FuzzGR228x feeds mutated GR228x datalogs to the converter: no panic,
// typed errors only, no partial results.
func FuzzGR228x(f *testing.F) {
	fuzzConvert(f, NewGR228x(), readFixture(f, fileGR),
		[]byte("X:\\P\\77_A.obc[01-AUG-12  10:00:00\n@01-AUG-12  10:00:00 SN 1\nWATS_partRevision=B\nTOP_OF_LOOP-C\nR1<5.2K(9K,11K)R below\nC2>20U(,10U)CP\nQ3%(,)V\n/01-AUG-12  10:00:30\n"))
}

// FuzzSpectrum feeds mutated CTRD exports to the converter.
func FuzzSpectrum(f *testing.F) {
	data := readFixture(f, fileSpectrum)
	fuzzConvert(f, NewSpectrum(), data[:bytes.Index(data, []byte(`(SECTION_NAME: "APC")`))],
		[]byte("(PROGRAM_NAME: \"P1\")\n(STEP: (TIME: 02/09/2023 16:44:11 ) (SNAME: \"X\") (PAGE: (PAGE_NAME: \"C1\") (STAT: FAIL) (ANA: (LOLIM: (VAL: 1) (SCALE: n) (UNIT: F)) (MEASVAL: (VAL: 0.5) (SCALE: n) (UNIT: F)))))\n(USER: Serialnumber:S1)\n"))
}
