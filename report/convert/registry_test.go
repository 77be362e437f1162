package convert

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/errs"
)

func withConf(name string, c Confidence, patterns ...string) *fakeConv {
	f := newFake(name, patterns...)
	f.conf = c
	return f
}

func TestRegistryRegister(t *testing.T) {
	r := &Registry{}
	require.NoError(t, r.Register(newFake("a")))
	assert.ErrorContains(t, r.Register(newFake("a")), "registered already")
	assert.ErrorContains(t, r.Register(nil), "nil")
	assert.ErrorContains(t, r.Register(newFake("")), "empty name")
	assert.ErrorContains(t, r.Register(newFake("b"), "[x"), "syntax error")
	assert.ErrorContains(t, r.Register(newFake("c"), "dir/*.xml"), "base names")
	c, ok := r.Lookup("a")
	require.True(t, ok)
	assert.Equal(t, "a", c.Name())
	_, ok = r.Lookup("zz")
	assert.False(t, ok)
	assert.Equal(t, []string{"*.fake"}, r.Patterns("a"))
}

func TestRegistryMatch(t *testing.T) {
	r, err := NewRegistry(newFake("atml", "*.xml"), newFake("wsxf", "*.xml", "*.wsxf"), newFake("txt", "Report_??.TXT"))
	require.NoError(t, err)
	for _, tc := range []struct{ file, want string }{
		{"/data/run1.xml", "atml"}, // first registered pattern wins
		{"/data/RUN1.XML", "atml"}, // case-insensitive
		{"run.WSXF", "wsxf"},
		{"report_01.txt", "txt"},
		{"report_001.txt", ""},
		{"run.json", ""},
	} {
		c, ok := r.Match(tc.file)
		if tc.want == "" {
			assert.False(t, ok, tc.file)
			continue
		}
		require.True(t, ok, tc.file)
		assert.Equal(t, tc.want, c.Name(), tc.file)
	}
}

func TestRegistrySniff(t *testing.T) {
	for _, tc := range []struct {
		name  string
		convs []*fakeConv
		want  string
		conf  Confidence
	}{
		{"highest wins", []*fakeConv{withConf("m", Maybe), withConf("c", Certain), withConf("l", Likely)}, "c", Certain},
		{"tie goes to first registered", []*fakeConv{withConf("l1", Likely), withConf("l2", Likely)}, "l1", Likely},
		{"no confidence", []*fakeConv{withConf("n", No)}, "", No},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := &Registry{}
			for _, c := range tc.convs {
				require.NoError(t, r.Register(c))
			}
			c, conf := r.Sniff([]byte("FAKE\n"))
			assert.Equal(t, tc.conf, conf)
			if tc.want == "" {
				assert.Nil(t, c)
			} else {
				require.NotNil(t, c)
				assert.Equal(t, tc.want, c.Name())
			}
		})
	}
}

func writeTemp(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
	return p
}

func TestConvertFile(t *testing.T) {
	ctx := context.Background()
	r, err := NewRegistry(newFake("fake"))
	require.NoError(t, err)
	dir := t.TempDir()

	t.Run("reports finalised, validated, stable ids", func(t *testing.T) {
		p := writeTemp(t, dir, "two.fake", fakeFile("", "SN1", "SN2"))
		reps, err := r.ConvertFile(ctx, p, nil)
		require.NoError(t, err)
		require.Len(t, reps, 2)
		assert.NotEqual(t, reps[0].ID(), reps[1].ID())
		assert.Equal(t, "P", reps[0].Result())
		again, err := r.ConvertFile(ctx, p, nil)
		require.NoError(t, err)
		assert.Equal(t, reps[0].ID(), again[0].ID(), "same file, same ids")
		assert.Equal(t, reps[1].ID(), again[1].ID())

		other := writeTemp(t, dir, "copy.fake", fakeFile("", "SN1", "SN2"))
		require.NoError(t, os.Chtimes(other, time.Now(), mustStat(t, p).ModTime()))
		cp, err := r.ConvertFile(ctx, other, nil)
		require.NoError(t, err)
		assert.NotEqual(t, reps[0].ID(), cp[0].ID(), "a copy under another name is another run")
	})
	t.Run("id from the file is kept", func(t *testing.T) {
		p := writeTemp(t, dir, "id.fake", fakeFile("id=0c5e6b59-3f1b-4a59-9b7e-6e2f5c1d2a3b\n", "SN1"))
		reps, err := r.ConvertFile(ctx, p, nil)
		require.NoError(t, err)
		assert.Equal(t, "0c5e6b59-3f1b-4a59-9b7e-6e2f5c1d2a3b", reps[0].ID())
	})
	t.Run("validation failure is typed", func(t *testing.T) {
		p := writeTemp(t, dir, "bad.fake", fakeFile("invalid\n", "SN1"))
		_, err := r.ConvertFile(ctx, p, nil)
		require.Error(t, err)
		assert.ErrorIs(t, err, ErrValidation)
		assert.ErrorIs(t, err, errs.ErrValidation, "the report's own validation error is wrapped")
		var ve *ValidationError
		require.ErrorAs(t, err, &ve)
		assert.Equal(t, "fake", ve.Converter)
		var fe *errs.ValidationError
		require.ErrorAs(t, err, &fe)
		assert.Contains(t, fe.Error(), "pn")
	})
	t.Run("duplicate ids in one file refused", func(t *testing.T) {
		id := "id=0c5e6b59-3f1b-4a59-9b7e-6e2f5c1d2a3b\n"
		p := writeTemp(t, dir, "dup.fake", "FAKE\nsn=1\n"+id+"sn=2\n"+id)
		_, err := r.ConvertFile(ctx, p, nil)
		assert.ErrorIs(t, err, ErrValidation)
		assert.ErrorContains(t, err, "same id")
	})
	t.Run("no reports", func(t *testing.T) {
		p := writeTemp(t, dir, "empty.fake", "FAKE\n")
		_, err := r.ConvertFile(ctx, p, nil)
		assert.ErrorIs(t, err, ErrNoReports)
	})
	t.Run("unknown format", func(t *testing.T) {
		p := writeTemp(t, dir, "x.fake", "<xml/>")
		_, err := r.ConvertFile(ctx, p, nil)
		assert.ErrorIs(t, err, ErrUnknownFormat)
	})
	t.Run("named converter skips sniffing", func(t *testing.T) {
		p := writeTemp(t, dir, "named.fake", "<xml/>")
		_, err := r.ConvertFile(ctx, p, &ConvertOptions{Converter: "fake"})
		assert.ErrorIs(t, err, ErrMalformed, "the named converter got the file")
		_, err = r.ConvertFile(ctx, p, &ConvertOptions{Converter: "nope"})
		assert.ErrorContains(t, err, "no converter called")
	})
	t.Run("defaults reach the converter", func(t *testing.T) {
		p := writeTemp(t, dir, "def.fake", fakeFile("", "SN1"))
		reps, err := r.ConvertFile(ctx, p, &ConvertOptions{Defaults: Defaults{PartNumber: "PN-X"}})
		require.NoError(t, err)
		assert.Equal(t, "PN-X", reps[0].Header.PN.Value())
	})
	t.Run("missing file", func(t *testing.T) {
		_, err := r.ConvertFile(ctx, filepath.Join(dir, "nope"), nil)
		assert.True(t, errors.Is(err, os.ErrNotExist))
	})
	t.Run("cancelled context", func(t *testing.T) {
		c, cancel := context.WithCancel(ctx)
		cancel()
		_, err := r.ConvertFile(c, filepath.Join(dir, "two.fake"), nil)
		assert.ErrorIs(t, err, context.Canceled)
	})
}

func TestConvertReader(t *testing.T) {
	r, err := NewRegistry(newFake("fake"))
	require.NoError(t, err)
	src := &Source{Name: "mem", Reader: stringsReader(fakeFile("", "A")), Size: -1}
	reps, err := r.Convert(context.Background(), src)
	require.NoError(t, err)
	require.Len(t, reps, 1)
	_, err = r.Convert(context.Background(), &Source{Name: "nil"})
	assert.Error(t, err)
}

func mustStat(t *testing.T, p string) os.FileInfo {
	t.Helper()
	fi, err := os.Stat(p)
	require.NoError(t, err)
	return fi
}
