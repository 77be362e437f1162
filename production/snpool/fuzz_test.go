package snpool_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/watsgo/sdk/production/snpool"
)

// FuzzJournal opens a pool whose journal holds arbitrary bytes (what a
// crash or a foreign write may leave) and checks that it never panics,
// fails only with ErrDamaged, never hands out a number twice, and never
// hands out a number its (valid) journal records as handed out.
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
		used := map[string]bool{}
		if text := string(journal); strings.HasPrefix(text, "gen 00000000000000000001\n") {
			lines := strings.Split(strings.TrimPrefix(text, "gen 00000000000000000001\n"), "\n")
			for _, l := range lines[:len(lines)-1] { // the last one is torn or empty
				used[l] = true
			}
		}
		p, err := snpool.Open(dir, "SN", &counter{}, snpool.WithLowWater(0), snpool.WithBatchSize(1))
		if err != nil {
			if !errors.Is(err, snpool.ErrDamaged) {
				t.Fatal(err)
			}
			return
		}
		defer p.Close()
		seen := map[string]bool{}
		for i := 0; i < 4; i++ {
			sn, err := p.Next(bg())
			if errors.Is(err, snpool.ErrDamaged) {
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if seen[sn] || used[sn] {
				t.Fatalf("%s handed out again", sn)
			}
			seen[sn] = true
		}
	})
}
