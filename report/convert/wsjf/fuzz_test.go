package wsjf

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/watsgo/sdk/report/convert"
)

func FuzzWSJF(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"type":"R","subUnits":[{"idx":0},{"idx":1,"parentIdx":0,"replacedIdx":0}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		_ = New().Sniff(data)
		reps, err := New().Convert(context.Background(), &convert.Source{Name: "fuzz.json", Reader: bytes.NewReader(data), Defaults: defaults,
			Params: convert.Params{"testMode": "Active"}})
		if err != nil {
			if reps != nil || !errors.Is(err, convert.ErrMalformed) {
				t.Fatalf("bad failure: %v (%d reports)", err, len(reps))
			}
			return
		}
		for _, r := range reps {
			if err := r.Finalize(); err != nil {
				t.Fatalf("Finalize: %v", err)
			}
			_ = r.Validate()
		}
	})
}
