package spea

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

// FuzzConvert feeds mutated SPEA logs to the converter: it must never panic,
// and every failure must be a typed error without partial reports.
func FuzzConvert(f *testing.F) {
	f.Add([]byte(mini))
	data := readFixture(f, fixture)
	if i := bytes.Index(data, []byte("\nEND;")); i > 0 {
		j := bytes.IndexByte(data[i+1:], '\n')
		f.Add(data[:i+1+j+1]) // the first run
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c := New()
		c.Sniff(data)
		src := &convert.Source{Name: "fuzz.csv", Reader: bytes.NewReader(data), Size: int64(len(data)),
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
