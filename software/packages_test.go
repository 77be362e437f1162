package software_test

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/software"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestCreateVersionsAndLookups(t *testing.T) {
	c, _ := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw := c.Software
	ctx := context.Background()
	v1, err := sw.Create(ctx, &software.Package{Name: "ICT-Seq", Description: "first",
		Tags: []software.Setting{{Key: "Line", Value: "L3"}}})
	require.NoError(t, err)
	assert.Equal(t, 1, v1.Version)
	assert.Equal(t, software.StatusDraft, v1.Status)
	require.NotNil(t, v1.Created)
	assert.Equal(t, "watstest", v1.CreatedBy)

	v2, err := sw.Create(ctx, &software.Package{Name: "ICT-Seq", Tags: []software.Setting{{Key: "Line", Value: "L3"}}})
	require.NoError(t, err)
	assert.Equal(t, 2, v2.Version, "an existing name gets the next version")

	got, err := sw.Get(ctx, v1.PackageID)
	require.NoError(t, err)
	assert.Equal(t, "first", got.Description)

	all, err := sw.List(ctx)
	require.NoError(t, err)
	assert.Len(t, all, 2)

	byName, err := sw.GetByName(ctx, "ICT-Seq", software.StatusDraft, 0)
	require.NoError(t, err)
	assert.Equal(t, 2, byName.Version, "version 0 means highest")
	byName, err = sw.GetByName(ctx, "ICT-Seq", software.StatusDraft, 1)
	require.NoError(t, err)
	assert.Equal(t, v1.PackageID, byName.PackageID)
	_, err = sw.GetByName(ctx, "ICT-Seq", software.StatusReleased, 0)
	assert.ErrorIs(t, err, wats.ErrNotFound)

	tests := []struct {
		name, key, value string
		want             int
	}{
		{"exact", "Line", "L3", 2},
		{"value ignores case", "Line", "l3", 2},
		{"name is case-sensitive", "line", "L3", 0},
		{"other value", "Line", "L4", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			list, err := sw.ListByTag(ctx, tc.key, tc.value, software.StatusDraft)
			require.NoError(t, err)
			assert.Len(t, list, tc.want)
		})
	}
}

func TestListByTagSendsOneParameter(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw := c.Software
	_, err := sw.ListByTag(context.Background(), "Line", "3", software.StatusReleased)
	require.NoError(t, err)
	reqs := apitest.WaitRequests(t, srv, 1)
	require.Len(t, reqs, 1)
	assert.Contains(t, reqs[0].Query, "tag=Line%3D3")
	assert.NotContains(t, reqs[0].Query, "value=")
}

func TestStatusTransitions(t *testing.T) {
	c, _ := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw := c.Software
	ctx := context.Background()
	p, err := sw.Create(ctx, &software.Package{Name: "FW"})
	require.NoError(t, err)
	steps := []struct {
		to      software.Status
		allowed bool
	}{
		{software.StatusReleased, false}, // Draft → Released skips review
		{software.StatusRevoked, false},
		{software.StatusPending, true},
		{software.StatusDraft, true},
		{software.StatusPending, true},
		{software.StatusReleased, true},
		{software.StatusDraft, false},
		{software.StatusPending, false},
		{software.StatusRevoked, true},
		{software.StatusReleased, false},
	}
	for _, st := range steps {
		got, err := sw.SetStatus(ctx, p.PackageID, st.to)
		if st.allowed {
			require.NoError(t, err, "→ %s", st.to)
			assert.Equal(t, st.to, got.Status)
			continue
		}
		var apiErr *wats.APIError
		require.ErrorAs(t, err, &apiErr, "→ %s must be refused", st.to)
		assert.Equal(t, 400, apiErr.StatusCode)
	}
	final, err := sw.Get(ctx, p.PackageID)
	require.NoError(t, err)
	assert.NotNil(t, final.Released)
	assert.NotNil(t, final.Revoked)
	assert.Equal(t, "watstest", final.RevokedBy)
}

func TestUpdateRules(t *testing.T) {
	c, _ := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw := c.Software
	ctx := context.Background()
	p, err := sw.Create(ctx, &software.Package{Name: "Cal", Description: "a"})
	require.NoError(t, err)
	p.Description, p.Priority, p.RootDirectory = "b", 5, `C:\cal`
	up, err := sw.Update(ctx, p)
	require.NoError(t, err)
	require.NotNil(t, up)
	assert.Equal(t, "b", up.Description)
	assert.Equal(t, 5, up.Priority)

	_, err = sw.Submit(ctx, p.PackageID)
	require.NoError(t, err)
	pending, err := sw.Get(ctx, p.PackageID)
	require.NoError(t, err)
	pending.Tags = []software.Setting{{Key: "Site", Value: "Oslo"}}
	_, err = sw.Update(ctx, pending)
	require.NoError(t, err, "tags may change while Pending")
	pending.Description = "changed"
	_, err = sw.Update(ctx, pending)
	assert.ErrorIs(t, err, wats.ErrBadRequest, "description may not change while Pending")

	_, err = sw.Update(ctx, &software.Package{PackageID: missingID, Name: "x"})
	assert.ErrorIs(t, err, wats.ErrNotFound)
}

func TestDeleteRules(t *testing.T) {
	c, _ := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw := c.Software
	ctx := context.Background()
	draft, err := sw.Create(ctx, &software.Package{Name: "D"})
	require.NoError(t, err)
	require.NoError(t, sw.Delete(ctx, draft.PackageID))
	_, err = sw.Get(ctx, draft.PackageID)
	assert.ErrorIs(t, err, wats.ErrNotFound, "a deleted package answers 404")
	assert.ErrorIs(t, sw.Delete(ctx, draft.PackageID), wats.ErrNotFound)

	rel := released(t, sw, "R", map[string]string{"bin/a.txt": "a"})
	assert.ErrorIs(t, sw.Delete(ctx, rel.PackageID), wats.ErrBadRequest)
	assert.ErrorIs(t, sw.DeleteByName(ctx, "R", 1), wats.ErrBadRequest)
	_, err = sw.Revoke(ctx, rel.PackageID)
	require.NoError(t, err)
	require.NoError(t, sw.DeleteByName(ctx, "R", 1))
	assert.ErrorIs(t, sw.DeleteByName(ctx, "R", 1), wats.ErrNotFound)
}

func TestFilesZipAndAttributes(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw := c.Software
	ctx := context.Background()
	p, err := sw.Create(ctx, &software.Package{Name: "Z"})
	require.NoError(t, err)
	require.NoError(t, sw.UploadZip(ctx, p.PackageID, zipOf(t, map[string]string{"bin/run.exe": "MZ", "cfg/a.ini": "x=1"}), software.UploadZipOptions{}))
	req := apitest.WaitRequests(t, srv, 2)[1]
	assert.True(t, strings.HasPrefix(req.Header.Get("Content-Type"), "multipart/form-data"))

	files, err := sw.Files(ctx, p.PackageID)
	require.NoError(t, err)
	require.Len(t, files, 2)

	// Merge adds; clean install replaces.
	require.NoError(t, sw.UploadZip(ctx, p.PackageID, zipOf(t, map[string]string{"doc/readme.txt": "hi"}), software.UploadZipOptions{}))
	files, err = sw.Files(ctx, p.PackageID)
	require.NoError(t, err)
	assert.Len(t, files, 3)
	require.NoError(t, sw.UploadZip(ctx, p.PackageID, zipOf(t, map[string]string{"bin/run.exe": "MZ2"}), software.UploadZipOptions{CleanInstall: true}))
	files, err = sw.Files(ctx, p.PackageID)
	require.NoError(t, err)
	require.Len(t, files, 1)
	assert.Equal(t, "run.exe", files[0].Name)
	assert.Equal(t, "bin", files[0].PackageFolderName)

	err = sw.UploadZip(ctx, p.PackageID, zipOf(t, map[string]string{"root.txt": "no"}), software.UploadZipOptions{})
	var apiErr *wats.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Message, "root")

	require.NoError(t, sw.SetFileAttribute(ctx, files[0].PackageFileID, software.AttributeExecuteOnce))
	files, err = sw.Files(ctx, p.PackageID)
	require.NoError(t, err)
	assert.Equal(t, "ExecuteOnce", files[0].Attributes)
	assert.ErrorIs(t, sw.SetFileAttribute(ctx, missingID, software.AttributeNone), wats.ErrNotFound)

	_, err = sw.Files(ctx, missingID)
	assert.ErrorIs(t, err, wats.ErrNotFound)
	assert.ErrorIs(t, sw.UploadZip(ctx, missingID, zipOf(t, map[string]string{"a/b": "c"}), software.UploadZipOptions{}), wats.ErrNotFound)
}

func TestVirtualFolders(t *testing.T) {
	c, _ := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()}, watstest.WithVirtualFolders(
		watstest.VirtualFolder{ID: "11111111-1111-4111-8111-111111111111", Name: "Factory"},
		watstest.VirtualFolder{ID: "22222222-2222-4222-8222-222222222222", ParentID: "11111111-1111-4111-8111-111111111111", Name: "Line 3"},
	))
	sw := c.Software
	got, err := sw.VirtualFolders(context.Background())
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "Line 3", got[1].Name)
	assert.Equal(t, got[0].ID, got[1].ParentID)

	c2, srv2 := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw2 := c2.Software
	srv2.FailNext(1, 503)
	_, err = sw2.VirtualFolders(context.Background())
	assert.ErrorIs(t, err, wats.ErrServer)
}

func TestValidationSendsNothing(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw := c.Software
	ctx := context.Background()
	in := sw.Internal()
	tests := []struct {
		name  string
		call  func() error
		field string
	}{
		{"get bad id", func() error { _, err := sw.Get(ctx, "pkg-1"); return err }, "packageId"},
		{"by name no status", func() error { _, err := sw.GetByName(ctx, "x", "", 0); return err }, "status"},
		{"by name lower-case status", func() error { _, err := sw.GetByName(ctx, "x", "released", 0); return err }, "status"},
		{"by tag no name", func() error { _, err := sw.ListByTag(ctx, "", "v", software.StatusDraft); return err }, "tag"},
		{"create no name", func() error { _, err := sw.Create(ctx, &software.Package{}); return err }, "name"},
		{"update no id", func() error { _, err := sw.Update(ctx, &software.Package{Name: "x"}); return err }, "packageId"},
		{"delete by name no version", func() error { return sw.DeleteByName(ctx, "x", 0) }, "version"},
		{"set status unknown", func() error { _, err := sw.SetStatus(ctx, missingID, "Approved"); return err }, "status"},
		{"upload nil", func() error { return sw.UploadZip(ctx, missingID, nil, software.UploadZipOptions{}) }, "file"},
		{"attribute unknown", func() error { return sw.SetFileAttribute(ctx, missingID, "Sometimes") }, "attribute"},
		{"download no dir", func() error { _, err := sw.Download(ctx, missingID, "", software.DownloadOptions{}); return err }, "dir"},
		{"internal history no tags", func() error { _, err := in.PackageHistory(ctx, software.HistoryOptions{}); return err }, "tags"},
		{"internal revoked none", func() error { _, err := in.RevokedPackages(ctx, nil, false); return err }, "installedPackages"},
		{"internal delete files none", func() error { return in.DeletePackageFolderFiles(ctx) }, "packageFolderFileIds"},
		{"internal download history", func() error { _, err := in.DownloadHistory(ctx, 0); return err }, "clientId"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			require.ErrorIs(t, err, wats.ErrValidation)
			var ve *wats.ValidationError
			require.ErrorAs(t, err, &ve)
			assert.Equal(t, tc.field, ve.Fields[0].Path)
		})
	}
	assert.Empty(t, srv.Requests())
}

// TestRemainingServerRefusals covers the calls whose server-side refusal the
// emulator does not produce on its own: an injected answer stands in.
func TestRemainingServerRefusals(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw := c.Software
	ctx := context.Background()
	in := sw.Internal()
	tests := []struct {
		route string
		call  func() error
	}{
		{"/api/Software/Packages", func() error { _, err := sw.List(ctx); return err }},
		{"/api/Software/PackagesByTag", func() error { _, err := sw.ListByTag(ctx, "Line", "3", software.StatusReleased); return err }},
		{"/api/Software/Package", func() error { _, err := sw.Create(ctx, &software.Package{Name: "x"}); return err }},
		{"/api/internal/Software/isConnected", func() error { _, err := in.IsConnected(ctx); return err }},
		{"/api/internal/Software/GetPackageHistory", func() error { _, err := in.PackageHistory(ctx, software.HistoryOptions{Tags: "a=b"}); return err }},
		{"/api/internal/Software/GetPackageDownloadHistory", func() error { _, err := in.DownloadHistory(ctx, 1); return err }},
		{"/api/internal/Software/GetRevokedPackages", func() error { _, err := in.RevokedPackages(ctx, []string{missingID}, true); return err }},
		{"/api/internal/Software/GetAvailablePackages", func() error { _, err := in.AvailablePackages(ctx, []string{missingID}); return err }},
		{"/api/internal/Software/GetPackage", func() error { _, err := in.Package(ctx, missingID); return err }},
	}
	for _, tc := range tests {
		t.Run(tc.route, func(t *testing.T) {
			srv.ClearFaults()
			srv.Inject(watstest.Fault{Path: tc.route, Status: 403, Body: `{"Message":"no software permission"}`})
			err := tc.call()
			require.ErrorIs(t, err, wats.ErrForbidden)
			assert.Contains(t, err.Error(), "no software permission")
		})
	}
	// Without a fault the same calls succeed against the empty emulator.
	srv.ClearFaults()
	ok, err := in.IsConnected(ctx)
	require.NoError(t, err)
	assert.True(t, ok)
	list, err := sw.List(ctx)
	require.NoError(t, err)
	assert.Empty(t, list)
}
