package convert

import (
	"archive/zip"
	"io"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func zipEntries(t *testing.T, p string) map[string]string {
	t.Helper()
	zr, err := zip.OpenReader(p)
	require.NoError(t, err)
	defer zr.Close()
	out := map[string]string{}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		b, err := io.ReadAll(rc)
		require.NoError(t, err)
		rc.Close()
		out[f.Name] = string(b)
	}
	return out
}

func TestArchiverAppendsAndRecovers(t *testing.T) {
	done := t.TempDir()
	month := time.Date(2026, 3, 15, 0, 0, 0, 0, time.Local)
	a := &archiver{done: done, now: func() time.Time { return month }}
	write := func(name, body string) string {
		p := filepath.Join(done, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	a.add(write("one.xml", "1"))
	require.NoError(t, a.flush())
	zp := filepath.Join(done, "202603.zip")
	assert.Equal(t, map[string]string{"one.xml": "1"}, zipEntries(t, zp))
	assert.NoFileExists(t, filepath.Join(done, "one.xml"), "zipped sources are deleted")

	// A second batch appends; a same-named different file gets a collision name;
	// a file already zipped before a crash (same name, size, CRC) is only deleted.
	write("one.xml", "1")
	write("two.xml", "2")
	write("one.log", "a conversion log stays")
	b := &archiver{done: done, now: a.now}
	require.NoError(t, b.recover())
	write("two.xml", "2")
	b.add(write("three.xml", "3"))
	b.add(write("x.xml", "x"))
	require.NoError(t, b.flush())
	a.add(write("x.xml", "other"))
	require.NoError(t, a.flush())
	got := zipEntries(t, zp)
	var names []string
	for n := range got {
		names = append(names, n)
	}
	sort.Strings(names)
	assert.Len(t, names, 5, "%v", names)
	assert.Equal(t, "1", got["one.xml"])
	assert.Equal(t, "2", got["two.xml"])
	assert.Equal(t, "3", got["three.xml"])
	assert.Equal(t, "x", got["x.xml"])
	var renamed string
	for _, n := range names {
		if n != "one.xml" && n != "two.xml" && n != "three.xml" && n != "x.xml" {
			renamed = n
		}
	}
	assert.Regexp(t, `^x\.[a-z0-9]{8}\.xml$`, renamed)
	assert.Equal(t, "other", got[renamed])
	assert.FileExists(t, filepath.Join(done, "one.log"))
	des, _ := os.ReadDir(done)
	assert.Len(t, des, 2, "only the zip and the log remain")
}
