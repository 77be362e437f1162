package watstest_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/software"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// The software scenarios of TestContractSuite: every method of c.Software
// and c.Software.Internal() against the shared emulator, on packages whose
// names start with "CS-SW".

func init() {
	registerSuite("software/packages", suiteSoftwarePackages)
	registerSuite("software/files", suiteSoftwareFiles)
	registerSuite("software/internal", suiteSoftwareInternal)
	registerSuite("software/folders", suiteSoftwareFolders)
	registerSuite("software/delete", suiteSoftwareDelete)
}

// suiteSoftwareZip is a package zip: every file sits in a folder.
func suiteSoftwareZip(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range files {
		f, err := zw.Create(name)
		require.NoError(t, err)
		_, err = f.Write([]byte(content))
		require.NoError(t, err)
	}
	require.NoError(t, zw.Close())
	return buf.Bytes()
}

// suiteSoftwarePackage returns the newest version of the package called name.
func suiteSoftwarePackage(ctx context.Context, t *testing.T, c *wats.Client, name string) *software.Package {
	t.Helper()
	list, err := c.Software.List(ctx)
	require.NoError(t, err)
	var best *software.Package
	for i := range list {
		if list[i].Name == name && (best == nil || list[i].Version > best.Version) {
			best = &list[i]
		}
	}
	require.NotNil(t, best, "package %s", name)
	return best
}

func suiteSoftwarePackages(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	folders, err := c.Software.VirtualFolders(ctx)
	require.NoError(t, err)
	assert.NotNil(t, folders, "an empty list, not null")

	p, err := c.Software.Create(ctx, &software.Package{Name: "CS-SW tool", Description: "station tool", Priority: 2,
		Tags: []software.Setting{{Key: "Line", Value: "3"}}})
	require.NoError(t, err)
	require.Len(t, p.PackageID, 36)
	assert.Equal(t, software.StatusDraft, p.Status)
	assert.Equal(t, 1, p.Version)
	require.NotNil(t, p.Created)
	assert.Nil(t, p.Released, "not released yet")
	v2, err := c.Software.Create(ctx, &software.Package{Name: "CS-SW tool"})
	require.NoError(t, err)
	assert.Equal(t, 2, v2.Version, "an existing name gets the next version")

	got, err := c.Software.Get(ctx, p.PackageID)
	require.NoError(t, err)
	assert.Equal(t, "station tool", got.Description)
	got.Description = "station tool, edited"
	upd, err := c.Software.Update(ctx, got)
	require.NoError(t, err)
	assert.Equal(t, "station tool, edited", upd.Description)

	sub, err := c.Software.Submit(ctx, p.PackageID)
	require.NoError(t, err)
	assert.Equal(t, software.StatusPending, sub.Status)
	back, err := c.Software.ReturnToDraft(ctx, p.PackageID)
	require.NoError(t, err)
	assert.Equal(t, software.StatusDraft, back.Status)
	_, err = c.Software.SetStatus(ctx, p.PackageID, software.StatusPending)
	require.NoError(t, err)
	rel, err := c.Software.Release(ctx, p.PackageID)
	require.NoError(t, err)
	assert.Equal(t, software.StatusReleased, rel.Status)
	require.NotNil(t, rel.Released)
	_, err = c.Software.Revoke(ctx, v2.PackageID)
	assert.ErrorIs(t, err, wats.ErrBadRequest, "a Draft package cannot be revoked")

	byName, err := c.Software.GetByName(ctx, "CS-SW tool", software.StatusReleased, 0)
	require.NoError(t, err)
	assert.Equal(t, p.PackageID, byName.PackageID)
	byName, err = c.Software.GetByName(ctx, "CS-SW tool", software.StatusDraft, 2)
	require.NoError(t, err)
	assert.Equal(t, v2.PackageID, byName.PackageID)
	tagged, err := c.Software.ListByTag(ctx, "Line", "3", software.StatusReleased)
	require.NoError(t, err)
	require.Len(t, tagged, 1)
	assert.Equal(t, p.PackageID, tagged[0].PackageID)
}

func suiteSoftwareFiles(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	p, err := c.Software.Create(ctx, &software.Package{Name: "CS-SW files"})
	require.NoError(t, err)
	files := map[string]string{"bin/run.cmd": "echo run", "cfg/station.ini": "line=3"}
	require.NoError(t, c.Software.UploadZip(ctx, p.PackageID, bytes.NewReader(suiteSoftwareZip(t, files)), software.UploadZipOptions{CleanInstall: true}))
	list, err := c.Software.Files(ctx, p.PackageID)
	require.NoError(t, err)
	require.Len(t, list, 2)
	var run software.PackageFile
	for _, f := range list {
		if f.Name == "run.cmd" {
			run = f
		}
	}
	require.Equal(t, "bin", run.PackageFolderName)
	assert.Equal(t, string(software.AttributeNone), run.Attributes)
	require.NoError(t, c.Software.SetFileAttribute(ctx, run.PackageFileID, software.AttributeExecuteOnce))
	list, err = c.Software.Files(ctx, p.PackageID)
	require.NoError(t, err)
	for _, f := range list {
		if f.PackageFileID == run.PackageFileID {
			assert.Equal(t, string(software.AttributeExecuteOnce), f.Attributes)
		}
	}

	_, err = c.Software.Submit(ctx, p.PackageID)
	require.NoError(t, err)
	_, err = c.Software.Release(ctx, p.PackageID)
	require.NoError(t, err)
	dir := t.TempDir()
	res, err := c.Software.Download(ctx, p.PackageID, dir, software.DownloadOptions{})
	require.NoError(t, err)
	assert.Len(t, res.Files, 2)
	for rel, want := range files {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
		require.NoError(t, err)
		assert.Equal(t, want, string(got))
	}
}

func suiteSoftwareInternal(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	in := c.Software.Internal()
	ok, err := in.IsConnected(ctx)
	require.NoError(t, err)
	assert.True(t, ok)

	p := suiteSoftwarePackage(ctx, t, c, "CS-SW files")
	ip, err := in.Package(ctx, p.PackageID)
	require.NoError(t, err)
	assert.Equal(t, software.StatusReleased.Int(), ip.Status)
	require.Len(t, ip.PackageFolders, 2)
	var folder software.PackageFolder
	for _, f := range ip.PackageFolders {
		if f.Name == "bin" {
			folder = f
		}
	}
	require.Len(t, folder.PackageFolderFiles, 1)
	assert.Empty(t, folder.ParentFolderID, "a top folder has no parent")
	rf := folder.PackageFolderFiles[0].RepositoryFolderFile
	require.NotNil(t, rf)
	sum := md5.Sum([]byte("echo run"))
	assert.Equal(t, sum[:], rf.Checksum)

	meta, err := in.File(ctx, rf.RepositoryFolderFileID)
	require.NoError(t, err)
	assert.Contains(t, string(meta), rf.RepositoryFolderFileID)
	var buf bytes.Buffer
	n, err := in.DownloadFile(ctx, rf.RepositoryFolderFileID, &buf)
	require.NoError(t, err)
	assert.Equal(t, int64(8), n)
	assert.Equal(t, "echo run", buf.String())

	check, err := in.CheckFile(ctx, software.CheckFileOptions{PackageID: p.PackageID, ParentFolderID: folder.PackageFolderID,
		FilePath: "bin/run.cmd", Checksum: base64.StdEncoding.EncodeToString(sum[:]), FileDate: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)})
	require.NoError(t, err)
	var exists struct{ Exists bool }
	require.NoError(t, json.Unmarshal(check, &exists))
	assert.True(t, exists.Exists)

	details, err := in.EntityDetails(ctx, p.PackageID)
	require.NoError(t, err)
	var entities []software.Entity
	require.NoError(t, json.Unmarshal(details, &entities))
	assert.Len(t, entities, 4, "two folders and two files")

	require.NoError(t, in.LogDownload(ctx, p.PackageID, 14))
	hist, err := in.DownloadHistory(ctx, 1)
	require.NoError(t, err)
	assert.Contains(t, string(hist), p.PackageID)

	tool := suiteSoftwarePackage(ctx, t, c, "CS-SW tool")
	released, err := c.Software.GetByName(ctx, "CS-SW tool", software.StatusReleased, 0)
	require.NoError(t, err)
	history, err := in.PackageHistory(ctx, software.HistoryOptions{Tags: "Line=3", Status: software.StatusReleased, AllVersions: true})
	require.NoError(t, err)
	require.Len(t, history, 1)
	assert.Equal(t, released.PackageID, history[0].PackageID)
	assert.Equal(t, "<PackageInfo><Line>3</Line></PackageInfo>", history[0].Tags)

	avail, err := in.AvailablePackages(ctx, []string{tool.PackageID})
	require.NoError(t, err)
	var names []string
	for _, a := range avail {
		names = append(names, a.Name)
	}
	assert.Contains(t, names, "CS-SW files", "a released package the station lacks")
	revoked, err := in.RevokedPackages(ctx, []string{released.PackageID}, true)
	require.NoError(t, err)
	assert.Empty(t, revoked)
}

func suiteSoftwareFolders(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	in := c.Software.Internal()
	p, err := c.Software.Create(ctx, &software.Package{Name: "CS-SW folders"})
	require.NoError(t, err)
	raw, err := in.PostPackageFolder(ctx, p.PackageID, software.Entity{Type: software.EntityFolder, Name: "conf"})
	require.NoError(t, err)
	var folder software.Entity
	require.NoError(t, json.Unmarshal(raw, &folder))
	require.Len(t, folder.ID, 36)

	folder.Name = "config"
	raw, err = in.UpdatePackageFolder(ctx, folder)
	require.NoError(t, err)
	var renamed software.Entity
	require.NoError(t, json.Unmarshal(raw, &renamed))
	assert.Equal(t, "config", renamed.Name)

	require.NoError(t, c.Software.UploadZip(ctx, p.PackageID, bytes.NewReader(suiteSoftwareZip(t, map[string]string{"config/a.ini": "a", "config/b.ini": "b"})), software.UploadZipOptions{}))
	files, err := c.Software.Files(ctx, p.PackageID)
	require.NoError(t, err)
	require.Len(t, files, 2)
	require.NoError(t, in.DeletePackageFolderFiles(ctx, files[0].PackageFileID))
	files, err = c.Software.Files(ctx, p.PackageID)
	require.NoError(t, err)
	assert.Len(t, files, 1)
	require.NoError(t, in.DeletePackageFolder(ctx, folder.ID))
	files, err = c.Software.Files(ctx, p.PackageID)
	require.NoError(t, err)
	assert.Empty(t, files, "the folder went with its files")
}

func suiteSoftwareDelete(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	p := suiteSoftwarePackage(ctx, t, c, "CS-SW folders")
	require.NoError(t, c.Software.Delete(ctx, p.PackageID))
	_, err := c.Software.Get(ctx, p.PackageID)
	assert.ErrorIs(t, err, wats.ErrNotFound)

	tool := suiteSoftwarePackage(ctx, t, c, "CS-SW tool")
	require.Equal(t, 2, tool.Version)
	require.NoError(t, c.Software.DeleteByName(ctx, "CS-SW tool", 2))
	err = c.Software.DeleteByName(ctx, "CS-SW tool", 1)
	assert.ErrorIs(t, err, wats.ErrBadRequest, "a Released package cannot be deleted")
}
