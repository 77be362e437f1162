package software_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/software"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// TestUpdateAnswers covers both answers the server may give a package
// update: no content (the documented void action), then Update reads the
// package back; or a package body, which Update returns as it is.
func TestUpdateAnswers(t *testing.T) {
	tests := []struct {
		name      string
		fault     *watstest.Fault
		wantDesc  string
		wantCalls []string
	}{
		{"no content", nil, "edited", []string{"PUT", "GET"}},
		{"package body", &watstest.Fault{Method: http.MethodPut, Path: "/api/Software/Package/", Status: http.StatusOK,
			Body: `{"packageId":"` + missingID + `","name":"U","status":"Draft","description":"from body"}`}, "from body", []string{"PUT"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
			ctx := context.Background()
			p, err := c.Software.Create(ctx, &software.Package{Name: "U"})
			require.NoError(t, err)
			if tt.fault != nil {
				srv.Inject(*tt.fault)
			}
			srv.ResetRequests()
			p.Description = "edited"
			got, err := c.Software.Update(ctx, p)
			require.NoError(t, err)
			assert.Equal(t, tt.wantDesc, got.Description)
			var verbs []string
			for _, r := range srv.Requests() {
				verbs = append(verbs, r.Method)
			}
			assert.Equal(t, tt.wantCalls, verbs)
		})
	}
}

// TestVoidActionsAnswerNoContent: the routes the server documents without an
// answer schema answer 204, and the SDK takes that as success.
func TestVoidActionsAnswerNoContent(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	ctx := context.Background()
	p, err := c.Software.Create(ctx, &software.Package{Name: "V"})
	require.NoError(t, err)
	require.NoError(t, c.Software.UploadZip(ctx, p.PackageID, zipOf(t, map[string]string{"d/f.txt": "x"}), software.UploadZipOptions{}))
	files, err := c.Software.Files(ctx, p.PackageID)
	require.NoError(t, err)
	require.Len(t, files, 1)
	require.NoError(t, c.Software.SetFileAttribute(ctx, files[0].PackageFileID, "executeonce"), "attribute names are case-insensitive")
	_, err = c.Software.Update(ctx, p)
	require.NoError(t, err)
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPut || strings.Contains(r.Path, "UploadZip") || strings.Contains(r.Path, "FileAttribute") {
			assert.Equal(t, http.StatusNoContent, r.Status, "%s %s", r.Method, r.Path)
		}
	}
}

// TestUploadZipIsMultipart: the document requires multipart/form-data with an
// application/zip part, and a zip with a file at its root is refused.
func TestUploadZipIsMultipart(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	ctx := context.Background()
	p, err := c.Software.Create(ctx, &software.Package{Name: "Z"})
	require.NoError(t, err)
	srv.ResetRequests()
	require.NoError(t, c.Software.UploadZip(ctx, p.PackageID, zipOf(t, map[string]string{"d/f.txt": "x"}), software.UploadZipOptions{CleanInstall: true}))
	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	assert.True(t, strings.HasPrefix(reqs[0].Header.Get("Content-Type"), "multipart/form-data"), reqs[0].Header.Get("Content-Type"))
	assert.Equal(t, "cleanInstall=true", reqs[0].Query)

	err = c.Software.UploadZip(ctx, p.PackageID, zipOf(t, map[string]string{"root.txt": "x"}), software.UploadZipOptions{})
	apitest.RequireStatus(t, err, http.StatusBadRequest, wats.ErrBadRequest)
}

// TestInternalPackageModel decodes the internal package tree as documented:
// a top folder has no parent, site relations are an empty list, the status
// an integer and the tags their XML form.
func TestInternalPackageModel(t *testing.T) {
	c, _ := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	ctx := context.Background()
	p := released(t, c.Software, "M", map[string]string{"a/b/c.txt": "c"})
	ip, err := c.Software.Internal().Package(ctx, p.PackageID)
	require.NoError(t, err)
	assert.Equal(t, 2, ip.Status)
	assert.Equal(t, "<PackageInfo></PackageInfo>", ip.Tags)
	assert.Empty(t, ip.PackageSiteRelations)
	assert.Nil(t, ip.VirtualFolder)
	assert.Empty(t, ip.Validation)
	require.Len(t, ip.PackageFolders, 1)
	top := ip.PackageFolders[0]
	assert.Empty(t, top.ParentFolderID)
	require.Len(t, top.PackageFolders, 1)
	assert.Equal(t, top.PackageFolderID, top.PackageFolders[0].ParentFolderID)
	require.Len(t, top.PackageFolders[0].PackageFolderFiles, 1)
	assert.Equal(t, int64(1), top.PackageFolders[0].PackageFolderFiles[0].RepositoryFolderFile.FileSize)
}

// TestPathIDsAreGUIDs: every {id} path parameter is a GUID, so an id that
// would need escaping (or could leave its path segment) is refused before
// any request; a GUID in capitals travels as given.
func TestPathIDsAreGUIDs(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	ctx := context.Background()
	sw := c.Software
	for _, id := range []string{"a/b", "../Packages", "x y", "?status=Draft", ""} {
		calls := map[string]func() error{
			"Get":              func() error { _, err := sw.Get(ctx, id); return err },
			"Delete":           func() error { return sw.Delete(ctx, id) },
			"SetStatus":        func() error { _, err := sw.SetStatus(ctx, id, software.StatusPending); return err },
			"Files":            func() error { _, err := sw.Files(ctx, id); return err },
			"SetFileAttribute": func() error { return sw.SetFileAttribute(ctx, id, software.AttributeNone) },
			"UploadZip": func() error {
				return sw.UploadZip(ctx, id, zipOf(t, map[string]string{"d/f": "x"}), software.UploadZipOptions{})
			},
			"Internal.File": func() error { _, err := sw.Internal().File(ctx, id); return err },
		}
		for name, call := range calls {
			assert.ErrorIs(t, call(), wats.ErrValidation, "%s(%q)", name, id)
		}
	}
	apitest.RequireNoRequests(t, srv)

	_, err := sw.Get(ctx, strings.ToUpper(missingID))
	assert.ErrorIs(t, err, wats.ErrNotFound)
	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "/api/Software/Package/"+strings.ToUpper(missingID), reqs[0].RawPath)
}
