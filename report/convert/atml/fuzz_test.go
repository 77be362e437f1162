package atml

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

// FuzzConvert feeds mutated ATML to the converter: it must never panic, and
// every failure must be a typed error. Run it with -fuzzminimizetime 10x:
// minimizing inputs derived from the 80 KB seeds otherwise takes the whole
// budget.
func FuzzConvert(f *testing.F) {
	for _, name := range fuzzSeeds() {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range synthetic {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c := New()
		c.Sniff(data)
		src := &convert.Source{Name: "fuzz.xml", Reader: bytes.NewReader(data), Size: int64(len(data)),
			Defaults: convert.Defaults{Location: time.UTC, Station: report.Station{Name: "S", Location: "L", Purpose: "P"}}}
		rs, err := c.Convert(context.Background(), src)
		if err != nil {
			if !errors.Is(err, convert.ErrMalformed) && !errors.Is(err, convert.ErrUnknownFormat) && !errors.Is(err, errs.ErrValidation) {
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

// fuzzSeeds are the fixtures that seed the fuzzer; ATML_FUZZ_SMALL=1 leaves
// out the large ones.
func fuzzSeeds() []string {
	if os.Getenv("ATML_FUZZ_SMALL") != "" {
		return nil
	}
	return []string{file202, file500, file601, fileBatch}
}
