package report

import (
	"bytes"
	"os"
	"testing"
)

func TestQuickValidate(t *testing.T) {
	for _, f := range []string{"uut-server-export.json", "uur-server-export.json", "uut-roundtrip-submitted.json", "uur-roundtrip-submitted.json"} {
		b, _ := os.ReadFile("testdata/" + f)
		r, err := Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		t.Log(f, r.Validate())
		t.Log(f, r.Warnings())
		if err := r.Finalize(); err != nil {
			t.Fatal(err)
		}
		out, _ := r.Marshal()
		if f == "uut-server-export.json" && !bytes.Equal(out, b) {
			t.Fatal("finalize changed export")
		}
	}
}
