package takaya

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

// head keeps the fuzz seeds small: the first n lines of a sample.
func head(b []byte, n int) []byte {
	for i, c := range b {
		if c == '\n' {
			if n--; n == 0 {
				return b[:i+1]
			}
		}
	}
	return b
}

func fuzzConvert(f *testing.F, c *Converter, seeds ...[]byte) {
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

// FuzzATD feeds mutated classic ATD text to the converter: no panic, typed errors only.
func FuzzATD(f *testing.F) {
	fuzzConvert(f, NewATD(), head(readFixture(f, fileV68), 24), head(readFixture(f, "ATVG02_43393848.1023824957283_20141227_152724.ATD"), 20), append(head(readFixture(f, fileV68), 20), []byte("@\n* GROUP No.2 *\n* FAIL *\nSerial No.:X\n")...))
}

// FuzzATDX feeds mutated ATDX text to the converter.
func FuzzATDX(f *testing.F) {
	fuzzConvert(f, NewATDX(), head(readFixture(f, fileATDX), 40))
}

// FuzzAPT94xx feeds mutated APT-9400 ATD text to the converter.
func FuzzAPT94xx(f *testing.F) {
	fuzzConvert(f, NewAPT94xx(), head(readFixture(f, fileBV), 30), []byte("@\nModel:X12T_V1.SW\nDATE 01/01/24 08:00:00\n@\n* GROUP No.1 *\n* FAIL *\nSerial No.:1-2 (A - B)\n"+
		`000782 "R386       " "10KO       " "RES-10K-EX     " 820   862   " 8.12 KO " " 8.89 KO " " 7.91 KO " +5% -5% "PASS   " "DC-CV" "Range 4" "5.0 ms" "( N, +, N, -) " 0     0     "**"`+"\n@\n"))
}
