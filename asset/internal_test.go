package asset_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestFiles(t *testing.T) {
	for _, b64 := range []bool{false, true} {
		name := "raw answers"
		opts := fixtures()
		if b64 {
			name = "Base64 JSON answers"
			opts = append(opts, watstest.WithAssetFilesAsBase64())
		}
		t.Run(name, func(t *testing.T) {
			c, srv := apitest.Setup(t, opts...)
			ctx := context.Background()
			files := c.Asset.Internal()
			id := get(t, c, "FIX-1").AssetID

			payloads := map[string][]byte{
				"cert.pdf":        bytes.Repeat([]byte{0, 1, 2, 0xff}, 5000),
				"notes.txt":       []byte("hello"),
				"tiny.bin":        {'{'},
				"looks-like.json": []byte(`{"content":"aGk="}`), // a real JSON file, not the envelope
				"empty.txt":       {},
			}
			for n, p := range payloads {
				require.NoError(t, files.UploadFile(ctx, id, n, bytes.NewReader(p)))
			}
			for _, r := range srv.Requests() {
				if r.Method == http.MethodPost {
					assert.Equal(t, "application/octet-stream", r.Header.Get("Content-Type"))
					assert.NotEmpty(t, r.Header.Get("Referer"))
				}
			}
			names, err := files.ListFiles(ctx, id)
			require.NoError(t, err)
			assert.Equal(t, []string{"cert.pdf", "empty.txt", "looks-like.json", "notes.txt", "tiny.bin"}, names)

			for n, p := range payloads {
				var buf bytes.Buffer
				written, err := files.DownloadFile(ctx, id, n, &buf)
				require.NoError(t, err, n)
				assert.Equal(t, string(p), buf.String(), n)
				assert.Equal(t, int64(len(p)), written, n)
			}

			require.NoError(t, files.DeleteFiles(ctx, id, "notes.txt", "cert.pdf"))
			names, err = files.ListFiles(ctx, id)
			require.NoError(t, err)
			assert.Equal(t, []string{"empty.txt", "looks-like.json", "tiny.bin"}, names)

			_, err = files.DownloadFile(ctx, id, "notes.txt", &bytes.Buffer{})
			apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)
			missing := "00000000-0000-0000-0000-000000000000"
			apitest.RequireStatus(t, files.UploadFile(ctx, missing, "a", strings.NewReader("x")), http.StatusNotFound, wats.ErrNotFound)
			_, err = files.ListFiles(ctx, missing)
			apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)
			apitest.RequireStatus(t, files.DeleteFiles(ctx, missing, "a"), http.StatusNotFound, wats.ErrNotFound)
		})
	}
}

func TestFilesValidation(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx := context.Background()
	files := c.Asset.Internal()
	apitest.RequireValidation(t, files.UploadFile(ctx, "", "a", strings.NewReader("x")), "assetId")
	apitest.RequireValidation(t, files.UploadFile(ctx, "id", "", strings.NewReader("x")), "filename")
	apitest.RequireValidation(t, files.UploadFile(ctx, "id", "dir/a", strings.NewReader("x")), "filename")
	apitest.RequireValidation(t, files.UploadFile(ctx, "id", "a", nil), "body")
	_, err := files.DownloadFile(ctx, "id", "a", nil)
	apitest.RequireValidation(t, err, "w")
	_, err = files.DownloadFile(ctx, "", "a", &bytes.Buffer{})
	apitest.RequireValidation(t, err, "assetId")
	_, err = files.ListFiles(ctx, " ")
	apitest.RequireValidation(t, err, "assetId")
	apitest.RequireValidation(t, files.DeleteFiles(ctx, "id"), "filenames")
	apitest.RequireValidation(t, files.DeleteFiles(ctx, "id", ""), "filenames[0]")
	apitest.RequireNoRequests(t, srv)
}

// TestListFilesObjects covers the other element shape AI3 may answer with.
func TestListFilesObjects(t *testing.T) {
	c, srv := apitest.Setup(t)
	srv.Inject(watstest.Fault{Method: http.MethodGet, Path: "/api/internal/Blob/Asset/List/", Status: http.StatusOK, Body: `["a.txt",{"fileName":"b.pdf","size":3},{"name":"c.png"}]`})
	names, err := c.Asset.Internal().ListFiles(context.Background(), "id")
	require.NoError(t, err)
	assert.Equal(t, []string{"a.txt", "b.pdf", "c.png"}, names)
}

type failingWriter struct{ after int }

func (f *failingWriter) Write(p []byte) (int, error) {
	if f.after <= 0 {
		return 0, errors.New("disk full")
	}
	f.after--
	return len(p), nil
}

func TestDownloadWriterError(t *testing.T) {
	c, _ := apitest.Setup(t, fixtures()...)
	ctx := context.Background()
	id := get(t, c, "FIX-1").AssetID
	require.NoError(t, c.Asset.Internal().UploadFile(ctx, id, "big.bin", bytes.NewReader(make([]byte, 1<<20))))
	_, err := c.Asset.Internal().DownloadFile(ctx, id, "big.bin", &failingWriter{after: 1})
	require.ErrorContains(t, err, "disk full")
}

// TestDownloadCutShort: a truncated answer is retried into a destination
// that can be emptied, and reported (not duplicated) into one that cannot.
func TestDownloadCutShort(t *testing.T) {
	_, srv := apitest.Setup(t, fixtures()...)
	c := apitest.NewClient(t, srv, apitest.FastRetry())
	ctx := context.Background()
	id := get(t, c, "FIX-1").AssetID
	payload := bytes.Repeat([]byte("abc"), 1000)
	require.NoError(t, c.Asset.Internal().UploadFile(ctx, id, "f.bin", bytes.NewReader(payload)))

	srv.Inject(watstest.Fault{Method: http.MethodGet, Path: "/api/internal/Blob/Asset", Truncate: true})
	var buf bytes.Buffer
	n, err := c.Asset.Internal().DownloadFile(ctx, id, "f.bin", &buf)
	require.NoError(t, err)
	assert.Equal(t, int64(len(payload)), n)
	assert.Equal(t, string(payload), buf.String(), "nothing from the cut-short attempt is left")

	srv.Inject(watstest.Fault{Method: http.MethodGet, Path: "/api/internal/Blob/Asset", Truncate: true})
	var plain appendOnly
	_, err = c.Asset.Internal().DownloadFile(ctx, id, "f.bin", &plain)
	require.Error(t, err, "a destination without Reset cannot be restarted")
	assert.Equal(t, 3, apitest.Count(srv, http.MethodGet, "/api/internal/Blob/Asset"), "two attempts for the first download, one for the second")
}

// appendOnly is a destination without Reset (unlike bytes.Buffer and strings.Builder).
type appendOnly struct{ b []byte }

func (a *appendOnly) Write(p []byte) (int, error) { a.b = append(a.b, p...); return len(p), nil }
