package queue

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDiskFaults: a full disk or a read-only folder refuses the new report
// with a clear error, hands it back, leaves no debris and does not touch
// what was already queued.
func TestDiskFaults(t *testing.T) {
	tests := []struct {
		name   string
		inject func(*faultFS)
		errno  syscall.Errno
		text   string
	}{
		{"disk full during write", func(f *faultFS) { f.writeErr = syscall.ENOSPC }, syscall.ENOSPC, "no space left on device"},
		{"read-only folder", func(f *faultFS) { f.createErr = syscall.EROFS }, syscall.EROFS, "read-only file system"},
		{"rename refused", func(f *faultFS) { f.renameErr = syscall.EIO }, syscall.EIO, "input/output error"},
	}
	for _, tc := range tests {
		for _, call := range []string{"Submit", "Enqueue"} {
			t.Run(tc.name+"/"+call, func(t *testing.T) {
				dir := t.TempDir()
				ffs := &faultFS{}
				sub := newFake(func(string, int) error { return apiErr(503, "down") })
				q := mustOpen(t, dir, sub, withFS(ffs))
				var queued []string
				for i := 0; i < 3; i++ {
					id := newID()
					queued = append(queued, id)
					_, err := q.Submit(context.Background(), newReport(t, id, 2))
					require.NoError(t, err)
				}
				before := snapshot(t, dir)
				sent := sub.total()

				ffs.set(tc.inject)
				r := newReport(t, newID(), 2)
				var err error
				var rc Receipt
				if call == "Submit" {
					rc, err = q.Submit(context.Background(), r)
				} else {
					rc, err = q.Enqueue(context.Background(), r)
				}
				require.Error(t, err)
				assert.ErrorIs(t, err, tc.errno)
				assert.Contains(t, err.Error(), tc.text)
				assert.Contains(t, err.Error(), "not stored, caller keeps it")
				var re *RefusedError
				require.ErrorAs(t, err, &re)
				assert.Same(t, r, re.Report)
				assert.Equal(t, Receipt{}, rc)
				assert.Equal(t, sent, sub.total(), "nothing sent for a report that is not stored")
				assert.Equal(t, before, snapshot(t, dir), "queued entries untouched, no temp debris")

				// Healed, the queue works and nothing queued was damaged.
				ffs.set(func(f *faultFS) { f.createErr, f.writeErr, f.renameErr = nil, nil, nil })
				sub.mu.Lock()
				sub.result = nil
				sub.mu.Unlock()
				_, err = q.Submit(context.Background(), r)
				require.NoError(t, err)
				runQueue(t, q)
				waitFor(t, 5e9, "drain", func() bool { return drained(q) })
				for _, id := range queued {
					assert.Equal(t, 2, sub.count(id))
				}
				s, err := q.Stats()
				require.NoError(t, err)
				assert.Zero(t, s.Quarantined)
			})
		}
	}
}

// TestDiskFullWhileSettling: when the bookkeeping after a failed attempt
// cannot be written, the entry keeps its old bookkeeping but stays queued.
func TestDiskFullWhileSettling(t *testing.T) {
	dir := t.TempDir()
	ffs := &faultFS{}
	sub := newFake(func(string, int) error {
		ffs.set(func(f *faultFS) { f.writeErr = syscall.ENOSPC }) // disk fills up during the upload
		return apiErr(503, "down")
	})
	q := mustOpen(t, dir, sub, withFS(ffs))
	id := newID()
	rc, err := q.Submit(context.Background(), newReport(t, id, 1))
	require.NoError(t, err)
	assert.Equal(t, StatePending, rc.State)
	data, err := os.ReadFile(filepath.Join(dir, id+".pending"))
	require.NoError(t, err)
	_, _, err = decodeEntry(data, id)
	assert.NoError(t, err, "the old, intact file is still the entry")
	for _, name := range files(t, dir) {
		assert.False(t, strings.HasPrefix(name, tempPrefix), "temp debris %s", name)
	}
}

// snapshot maps each file in dir to its content.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, name := range files(t, dir) {
		if info, err := os.Stat(filepath.Join(dir, name)); err == nil && info.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		out[name] = string(b)
	}
	return out
}
