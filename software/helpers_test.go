package software_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"sort"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/software"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func setup(t *testing.T, opts ...watstest.Option) (*watstest.Server, *software.Service) {
	t.Helper()
	srv := watstest.NewServer(opts...)
	t.Cleanup(srv.Close)
	// One attempt: the tests inject single failures and expect to see them.
	c, err := wats.New(srv.URL(), srv.Token(), wats.WithRetry(1, 0, 0))
	require.NoError(t, err)
	return srv, c.Software
}

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

// waitRequests waits until n requests are logged: the emulator logs a
// request after answering it, so the client can be faster.
func waitRequests(t *testing.T, srv *watstest.Server, n int) []watstest.LoggedRequest {
	t.Helper()
	require.Eventually(t, func() bool { return len(srv.Requests()) >= n }, 2*time.Second, time.Millisecond)
	return srv.Requests()
}

const missingID = "00000000-0000-4000-8000-000000000000"

func jsonUnmarshal(raw []byte, v any) error { return json.Unmarshal(raw, v) }
