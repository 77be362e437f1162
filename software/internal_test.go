package software_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/software"
	"github.com/watsgo/sdk/wats"
)

func TestInternalPackageTreeAndFiles(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw := c.Software
	ctx := context.Background()
	in := sw.Internal()
	p := released(t, sw, "Tree", map[string]string{"bin/x64/run.exe": "MZ-run", "cfg/a.ini": "x=1"})

	ok, err := in.IsConnected(ctx)
	require.NoError(t, err)
	assert.True(t, ok)

	ip, err := in.Package(ctx, p.PackageID)
	require.NoError(t, err)
	assert.Equal(t, "Tree", ip.Name)
	assert.Equal(t, software.StatusReleased.Int(), ip.Status)
	require.Len(t, ip.PackageFolders, 2)
	bin := ip.PackageFolders[0]
	assert.Equal(t, "bin", bin.Name)
	require.Len(t, bin.PackageFolders, 1)
	require.Len(t, bin.PackageFolders[0].PackageFolderFiles, 1)
	rf := bin.PackageFolders[0].PackageFolderFiles[0].RepositoryFolderFile
	require.NotNil(t, rf)
	sum := md5.Sum([]byte("MZ-run"))
	assert.Equal(t, sum[:], rf.Checksum)
	assert.EqualValues(t, 6, rf.FileSize)

	var buf bytes.Buffer
	n, err := in.DownloadFile(ctx, rf.RepositoryFolderFileID, &buf)
	require.NoError(t, err)
	assert.EqualValues(t, 6, n)
	assert.Equal(t, "MZ-run", buf.String())
	_, err = in.DownloadFile(ctx, missingID, &buf)
	assert.ErrorIs(t, err, wats.ErrNotFound)

	meta, err := in.File(ctx, rf.RepositoryFolderFileID)
	require.NoError(t, err)
	assert.Contains(t, string(meta), `"Name":"run.exe"`)
	_, err = in.File(ctx, missingID)
	assert.ErrorIs(t, err, wats.ErrNotFound)

	check, err := in.CheckFile(ctx, software.CheckFileOptions{PackageID: p.PackageID, ParentFolderID: bin.PackageFolders[0].PackageFolderID,
		FilePath: "run.exe", Checksum: base64.StdEncoding.EncodeToString(sum[:]), FileDate: rf.Uploaded.Time})
	require.NoError(t, err)
	assert.JSONEq(t, `{"exists":true}`, string(check))
	_, err = in.CheckFile(ctx, software.CheckFileOptions{PackageID: missingID, ParentFolderID: missingID, FilePath: "a", Checksum: "AA==", FileDate: rf.Uploaded.Time})
	assert.ErrorIs(t, err, wats.ErrNotFound)

	details, err := in.EntityDetails(ctx, p.PackageID)
	require.NoError(t, err)
	assert.Equal(t, 2, strings.Count(string(details), `"type":1`), "two files")
	_, err = in.EntityDetails(ctx, missingID)
	assert.ErrorIs(t, err, wats.ErrNotFound)

	require.NoError(t, in.LogDownload(ctx, p.PackageID, 12))
	assert.ErrorIs(t, in.LogDownload(ctx, missingID, 1), wats.ErrNotFound)
	hist, err := in.DownloadHistory(ctx, 1)
	require.NoError(t, err)
	assert.Contains(t, string(hist), `"downloadSize":12`)

	for _, r := range srv.Requests() {
		if strings.HasPrefix(strings.ToLower(r.Path), "/api/internal/") {
			assert.NotEmpty(t, r.Header.Get("Referer"), r.Path)
		}
	}
}

func TestInternalFolders(t *testing.T) {
	c, _ := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw := c.Software
	ctx := context.Background()
	in := sw.Internal()
	p, err := sw.Create(ctx, &software.Package{Name: "F"})
	require.NoError(t, err)
	raw, err := in.PostPackageFolder(ctx, p.PackageID, software.Entity{Type: software.EntityFolder, Name: "tools"})
	require.NoError(t, err)
	var folder software.Entity
	require.NoError(t, jsonUnmarshal(raw, &folder))
	require.NotEmpty(t, folder.ID)

	_, err = in.UpdatePackageFolder(ctx, software.Entity{ID: folder.ID, Type: software.EntityFolder, Name: "utils"})
	require.NoError(t, err)
	ip, err := in.Package(ctx, p.PackageID)
	require.NoError(t, err)
	require.Len(t, ip.PackageFolders, 1)
	assert.Equal(t, "utils", ip.PackageFolders[0].Name)
	_, err = in.UpdatePackageFolder(ctx, software.Entity{ID: missingID, Name: "x"})
	assert.ErrorIs(t, err, wats.ErrNotFound)
	_, err = in.PostPackageFolder(ctx, missingID, software.Entity{Name: "x"})
	assert.ErrorIs(t, err, wats.ErrNotFound)

	require.NoError(t, in.DeletePackageFolder(ctx, folder.ID))
	assert.ErrorIs(t, in.DeletePackageFolder(ctx, folder.ID), wats.ErrNotFound)

	require.NoError(t, sw.UploadZip(ctx, p.PackageID, zipOf(t, map[string]string{"a/1.txt": "1", "a/2.txt": "2"}), software.UploadZipOptions{}))
	files, err := sw.Files(ctx, p.PackageID)
	require.NoError(t, err)
	require.Len(t, files, 2)
	require.NoError(t, in.DeletePackageFolderFiles(ctx, files[0].PackageFileID))
	files, err = sw.Files(ctx, p.PackageID)
	require.NoError(t, err)
	assert.Len(t, files, 1)
	assert.ErrorIs(t, in.DeletePackageFolderFiles(ctx, missingID), wats.ErrNotFound)
}

func TestInternalAvailabilityAndHistory(t *testing.T) {
	c, _ := apitest.SetupClient(t, []wats.Option{apitest.NoRetry()})
	sw := c.Software
	ctx := context.Background()
	in := sw.Internal()
	v1 := released(t, sw, "Seq", map[string]string{"s/a": "1"})
	_, err := sw.Update(ctx, &software.Package{PackageID: v1.PackageID, Name: "Seq", Status: software.StatusReleased,
		Tags: []software.Setting{{Key: "Line", Value: "L1"}}})
	require.NoError(t, err)
	v2 := released(t, sw, "Seq", map[string]string{"s/a": "2"})

	avail, err := in.AvailablePackages(ctx, []string{v1.PackageID})
	require.NoError(t, err)
	require.Len(t, avail, 1)
	assert.Equal(t, v2.PackageID, avail[0].PackageID)
	assert.Equal(t, 2, avail[0].Version)

	superseded, err := in.RevokedPackages(ctx, []string{v1.PackageID}, false)
	require.NoError(t, err)
	assert.Equal(t, []string{v1.PackageID}, superseded)
	revokedOnly, err := in.RevokedPackages(ctx, []string{v1.PackageID}, true)
	require.NoError(t, err)
	assert.Empty(t, revokedOnly)

	hist, err := in.PackageHistory(ctx, software.HistoryOptions{Tags: "Line=l1", Status: software.StatusReleased, AllVersions: true})
	require.NoError(t, err)
	require.Len(t, hist, 1)
	assert.Equal(t, v1.PackageID, hist[0].PackageID)
	assert.Contains(t, hist[0].Tags, "<Line>L1</Line>")
	hist, err = in.PackageHistory(ctx, software.HistoryOptions{Tags: "Line=L1"})
	require.NoError(t, err)
	assert.Empty(t, hist, "without allVersions only the newest version counts")

	_, err = in.AvailablePackages(ctx, []string{"not-a-guid"})
	assert.ErrorIs(t, err, wats.ErrValidation)
}
