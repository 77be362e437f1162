package klippel

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

// FuzzConvert feeds a mutated header and one mutated result file: the
// converter must never panic, every failure must be typed, and the report
// must validate.
func FuzzConvert(f *testing.F) {
	head, err := os.ReadFile(filepath.Join("testdata", file115))
	if err != nil {
		f.Fatal(err)
	}
	dir := filepath.Join("testdata", strings.TrimSuffix(file115, ".txt"))
	for _, n := range []string{"Impedance-imp.txt", "Impedance-values.txt", "Sound Pressure-thd.txt"} {
		b, err := os.ReadFile(filepath.Join(dir, n))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(head, b)
	}
	f.Fuzz(func(t *testing.T, header, result []byte) {
		p := filepath.Join(t.TempDir(), "DUT f.txt")
		if err := os.Mkdir(strings.TrimSuffix(p, ".txt"), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(strings.TrimSuffix(p, ".txt"), "T-r.txt"), result, 0o644); err != nil {
			t.Fatal(err)
		}
		c := New()
		c.Sniff(header)
		src := &convert.Source{Name: p, Reader: strings.NewReader(string(header)),
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
