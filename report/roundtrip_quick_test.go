package report

import (
	"bytes"
	"os"
	"testing"
)

func TestQuickRoundTrip(t *testing.T) {
	for _, f := range []string{"uut-server-export.json", "uur-server-export.json"} {
		b, _ := os.ReadFile("testdata/" + f)
		r, err := Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		out, _ := r.Marshal()
		if !bytes.Equal(out, b) {
			i := 0
			for i < len(out) && i < len(b) && out[i] == b[i] {
				i++
			}
			t.Fatalf("%s differs at %d: got %q want %q", f, i, out[max(0, i-80):min(len(out), i+80)], b[max(0, i-80):min(len(b), i+80)])
		}
	}
}
