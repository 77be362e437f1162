package snpool_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/watsgo/sdk/production/snpool"
)

// FuzzJournal opens a pool whose journal holds arbitrary bytes (what a
// crash or a foreign write may leave) and checks that it never fails or
// panics and never hands out a number twice.
func FuzzJournal(f *testing.F) {
	f.Add([]byte("gen 00000000000000000001\nA\n"))
	f.Add([]byte("gen 00000000000000000001\nB\nC"))
	f.Add([]byte("gen 0000000000000000000x\n"))
	f.Add([]byte("A\nA\nB\n"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, journal []byte) {
		dir := t.TempDir()
		snap := `{"version":1,"gen":1,"type":"SN","free":["A","B","C","D"]}`
		if err := os.WriteFile(filepath.Join(dir, "sn-SN.snapshot.json"), []byte(snap), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "sn-SN.journal"), journal, 0o644); err != nil {
			t.Fatal(err)
		}
		p, err := snpool.Open(dir, "SN", &counter{}, snpool.WithLowWater(0), snpool.WithBatchSize(1))
		if err != nil {
			t.Fatal(err)
		}
		defer p.Close()
		seen := map[string]bool{}
		for i := 0; i < 4; i++ {
			sn, err := p.Next(bg())
			if err != nil {
				t.Fatal(err)
			}
			if seen[sn] {
				t.Fatalf("%s twice", sn)
			}
			seen[sn] = true
		}
	})
}
