package stepwize

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

// FuzzConvert feeds mutated XSPC files to the converter: it must never
// panic, every failure must be typed, and every report must validate.
func FuzzConvert(f *testing.F) {
	f.Add([]byte(tiny))
	f.Fuzz(func(t *testing.T, data []byte) {
		c := New()
		c.Sniff(data)
		src := &convert.Source{Name: "fuzz.XSPC", Reader: bytes.NewReader(data), Size: int64(len(data)),
			Defaults: convert.Defaults{Location: time.UTC, Station: report.Station{Name: "S", Location: "L", Purpose: "P"}}}
		rs, err := c.Convert(context.Background(), src)
		if err != nil {
			if !errors.Is(err, convert.ErrMalformed) && !errors.Is(err, errs.ErrValidation) {
				t.Fatalf("untyped error %T: %v", err, err)
			}
			return
		}
		for _, r := range rs {
			if err := r.Finalize(); err != nil {
				t.Fatalf("finalize: %v", err)
			}
			if err := r.Validate(); err != nil {
				t.Fatalf("a converted report must validate: %v", err)
			}
		}
	})
}
