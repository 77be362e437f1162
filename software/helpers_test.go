package software_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"sort"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/software"
)

// zipOf builds a zip from path → content.
func zipOf(t testing.TB, files map[string]string) *bytes.Reader {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		w, err := zw.Create(name)
		require.NoError(t, err)
		_, err = w.Write([]byte(files[name]))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return bytes.NewReader(buf.Bytes())
}

// released publishes a package with files and walks it to Released.
func released(t *testing.T, sw *software.Service, name string, files map[string]string) *software.Package {
	t.Helper()
	ctx := context.Background()
	p, err := sw.Create(ctx, &software.Package{Name: name})
	require.NoError(t, err)
	require.NoError(t, sw.UploadZip(ctx, p.PackageID, zipOf(t, files), software.UploadZipOptions{}))
	_, err = sw.Submit(ctx, p.PackageID)
	require.NoError(t, err)
	p, err = sw.Release(ctx, p.PackageID)
	require.NoError(t, err)
	return p
}

const missingID = "00000000-0000-4000-8000-000000000000"

func jsonUnmarshal(raw []byte, v any) error { return json.Unmarshal(raw, v) }
