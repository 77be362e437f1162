package report_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/internal/wsjfcmp"
)

// FuzzWSJFRoundTrip checks that parse → serialise → parse is stable and
// never panics: whatever parses re-serialises to semantically equal JSON,
// and the second serialisation is byte-identical to the first. Validate,
// Warnings and Finalize must not panic on anything that parses either.
// Seeds: every fixture; interesting inputs live in testdata/fuzz.
func FuzzWSJFRoundTrip(f *testing.F) {
	names, _ := filepath.Glob("testdata/*.json")
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"type":"T","root":{"steps":[{"loop":{"idx":null}},{"loop":{"idx":0}}],"seqCall":{}}}`))
	f.Add([]byte(`{"type":"R","uur":{"children":[null]},"subUnits":[{"idx":0,"failures":[{"attachments":[]}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := report.Parse(data)
		if err != nil {
			return
		}
		out, err := r.Marshal()
		if err != nil {
			t.Fatalf("marshal: %v", err)
		}
		if path, ok := wsjfcmp.Diff(data, out); !ok {
			t.Fatalf("round trip changed the document at %s\nin:  %q\nout: %q", path, data, out)
		}
		r2, err := report.Parse(out)
		if err != nil {
			t.Fatalf("re-parse of own output: %v\n%q", err, out)
		}
		out2, _ := r2.Marshal()
		if string(out) != string(out2) {
			t.Fatalf("second round trip differs\n1: %q\n2: %q", out, out2)
		}
		_ = r2.Validate()
		_ = r2.Warnings()
		_ = r2.Finalize()
		if _, err := r2.Marshal(); err != nil {
			t.Fatal(err)
		}
	})
}
