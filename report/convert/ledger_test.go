package convert

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLedgerReplayAndCompaction(t *testing.T) {
	dir := t.TempDir()
	mod := time.Unix(1700000000, 123)
	present := map[string]bool{"a": true, "b": true, "k": true, "changed": true}
	exists := func(rel string) (int64, time.Time, bool) {
		if rel == "changed" {
			return 99, mod, true
		}
		return 10, mod, present[rel]
	}
	l, err := openLedger(dir, exists)
	require.NoError(t, err)
	for _, e := range []ledgerEntry{
		{Op: opHanded, File: "a", Size: 10, ModTime: mod.UnixNano(), IDs: []string{"id-a"}},
		{Op: opHanded, File: "gone", Size: 10, ModTime: mod.UnixNano()},
		{Op: opHanded, File: "changed", Size: 10, ModTime: mod.UnixNano()},
		{Op: opKept, File: "k", Size: 10, ModTime: mod.UnixNano()},
		{Op: opSuspended, File: "b", Size: 10, ModTime: mod.UnixNano(), Until: time.Now().Add(time.Hour)},
	} {
		require.NoError(t, l.append(e, true))
	}
	require.NoError(t, l.close())
	// A crash mid-append leaves a torn last line.
	f, err := os.OpenFile(filepath.Join(dir, ledgerName), os.O_WRONLY|os.O_APPEND, 0)
	require.NoError(t, err)
	_, _ = f.WriteString(`{"op":"handed","file":"b","si`)
	require.NoError(t, f.Close())

	l, err = openLedger(dir, exists)
	require.NoError(t, err)
	defer l.close()
	h, _, _, ok, _, _ := l.lookup("a")
	require.True(t, ok)
	assert.Equal(t, []string{"id-a"}, h.IDs)
	assert.True(t, h.same(10, mod))
	_, _, _, ok, _, _ = l.lookup("gone")
	assert.False(t, ok, "records of files that are gone are dropped")
	_, _, _, ok, _, _ = l.lookup("changed")
	assert.False(t, ok, "records of changed files are dropped")
	_, _, _, _, ok, _ = l.lookup("k")
	assert.True(t, ok)
	_, _, _, hb, _, sb := l.lookup("b")
	assert.True(t, sb)
	assert.False(t, hb, "the torn line is ignored")
	assert.Equal(t, 3, l.lines, "compacted to the live records")
}

func TestLedgerGroupCommitConcurrent(t *testing.T) {
	dir := t.TempDir()
	l, err := openLedger(dir, func(string) (int64, time.Time, bool) { return 1, time.Unix(0, 1), true })
	require.NoError(t, err)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i := 0; i < 700; i++ {
				rel := fmt.Sprintf("g%d-%d", g, i)
				assert.NoError(t, l.append(ledgerEntry{Op: opHanded, File: rel, Size: 1, ModTime: 1}, true))
				l.forget(rel) // post-action done
			}
		}(g)
	}
	wg.Wait()
	assert.Less(t, l.lines, 5000, "compaction ran while appending")
	require.NoError(t, l.append(ledgerEntry{Op: opKept, File: "last", Size: 1, ModTime: 1}, true))
	require.NoError(t, l.close())
	assert.ErrorIs(t, l.append(ledgerEntry{Op: opKept, File: "x"}, false), errLedgerClosed)
	l, err = openLedger(dir, func(string) (int64, time.Time, bool) { return 1, time.Unix(0, 1), true })
	require.NoError(t, err)
	defer l.close()
	_, _, _, _, ok, _ := l.lookup("last")
	assert.True(t, ok)
}
