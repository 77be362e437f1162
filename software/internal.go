package software

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// Internal calls the server's internal, unstable /api/internal/Software
// routes (the ones the WATS Client itself uses). They are not part of the
// public WATS API and may change with any server release; answers whose
// shape the server's document does not give are returned as raw JSON.
type Internal struct {
	t transport.Doer
}

func (in *Internal) get(ctx context.Context, op, route string, q url.Values, out any) error {
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: route, Query: q, Result: out})
	return err
}

func (in *Internal) post(ctx context.Context, op, route string, q url.Values, body, out any) error {
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: route, Query: q, JSON: body, Result: out})
	return err
}

func idOnly(op, path, id string) error {
	v := &errs.ValidationError{Op: op}
	checkID(v, path, id)
	return v.OrNil()
}

// IsConnected reports whether the software service answers (a non-null body).
//
// WATS API: GET /api/internal/Software/isConnected
func (in *Internal) IsConnected(ctx context.Context) (bool, error) {
	var raw json.RawMessage
	if err := in.get(ctx, "software.Internal.IsConnected", "/api/internal/Software/isConnected", nil, &raw); err != nil {
		return false, err
	}
	return len(raw) > 0 && string(raw) != "null", nil
}

// File returns the metadata of one repository file, raw.
//
// WATS API: GET /api/internal/Software/File/{id}
func (in *Internal) File(ctx context.Context, fileID string) (json.RawMessage, error) {
	const op = "software.Internal.File"
	if err := idOnly(op, "id", fileID); err != nil {
		return nil, err
	}
	var out json.RawMessage
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/internal/Software/File/{id}",
		PathParams: map[string]string{"id": fileID}, Result: &out})
	return out, err
}

// CheckFileOptions identify a file for CheckFile; all fields are required.
type CheckFileOptions struct {
	PackageID      string // package uuid (query packageId)
	ParentFolderID string // uuid of the folder holding the file (query parentFolderId)
	FilePath       string // file path in the package (query filePath)
	// Checksum is the digest as the server stores it, base64.
	Checksum string
	FileDate time.Time // file date, sent as Unix seconds (query fileDateEpoch)
}

// CheckFile asks whether a file already exists in a package, raw answer.
//
// WATS API: GET /api/internal/Software/CheckFile
func (in *Internal) CheckFile(ctx context.Context, o CheckFileOptions) (json.RawMessage, error) {
	const op = "software.Internal.CheckFile"
	v := &errs.ValidationError{Op: op}
	checkID(v, "packageId", o.PackageID)
	checkID(v, "parentFolderId", o.ParentFolderID)
	checkName(v, "filePath", o.FilePath)
	checkName(v, "checksum", o.Checksum)
	if o.FileDate.IsZero() {
		v.Add("fileDateEpoch", "required", "is required")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	q := url.Values{"packageId": {o.PackageID}, "parentFolderId": {o.ParentFolderID}, "filePath": {o.FilePath},
		"checksum": {o.Checksum}, "fileDateEpoch": {strconv.FormatInt(o.FileDate.Unix(), 10)}}
	var out json.RawMessage
	return out, in.get(ctx, op, "/api/internal/Software/CheckFile", q, &out)
}

// PostPackageFolder adds a folder (or file entity) to a package, raw answer.
//
// WATS API: POST /api/internal/Software/PostPackageFolder
func (in *Internal) PostPackageFolder(ctx context.Context, packageID string, e Entity) (json.RawMessage, error) {
	const op = "software.Internal.PostPackageFolder"
	v := &errs.ValidationError{Op: op}
	checkID(v, "packageId", packageID)
	checkName(v, "name", e.Name)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out json.RawMessage
	return out, in.post(ctx, op, "/api/internal/Software/PostPackageFolder", url.Values{"packageId": {packageID}}, e, &out)
}

// UpdatePackageFolder renames or moves a package folder, raw answer.
//
// WATS API: POST /api/internal/Software/UpdatePackageFolder
func (in *Internal) UpdatePackageFolder(ctx context.Context, e Entity) (json.RawMessage, error) {
	const op = "software.Internal.UpdatePackageFolder"
	v := &errs.ValidationError{Op: op}
	checkID(v, "id", e.ID)
	checkName(v, "name", e.Name)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out json.RawMessage
	return out, in.post(ctx, op, "/api/internal/Software/UpdatePackageFolder", nil, e, &out)
}

// DeletePackageFolder deletes a package folder with its content.
//
// WATS API: POST /api/internal/Software/DeletePackageFolder
func (in *Internal) DeletePackageFolder(ctx context.Context, packageFolderID string) error {
	const op = "software.Internal.DeletePackageFolder"
	if err := idOnly(op, "packageFolderId", packageFolderID); err != nil {
		return err
	}
	return in.post(ctx, op, "/api/internal/Software/DeletePackageFolder", url.Values{"packageFolderId": {packageFolderID}}, nil, nil)
}

// DeletePackageFolderFiles removes files from their package folders. The
// SDK sends the ids comma-separated.
//
// WATS API: POST /api/internal/Software/DeletePackageFolderFiles
func (in *Internal) DeletePackageFolderFiles(ctx context.Context, packageFolderFileIDs ...string) error {
	const op = "software.Internal.DeletePackageFolderFiles"
	v := &errs.ValidationError{Op: op}
	if len(packageFolderFileIDs) == 0 {
		v.Add("packageFolderFileIds", "min=1", "at least one id is required")
	}
	for i, id := range packageFolderFileIDs {
		checkID(v, "packageFolderFileIds["+strconv.Itoa(i)+"]", id)
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	q := url.Values{"packageFolderFileIds": {strings.Join(packageFolderFileIDs, ",")}}
	return in.post(ctx, op, "/api/internal/Software/DeletePackageFolderFiles", q, nil, nil)
}

// HistoryOptions filter PackageHistory.
type HistoryOptions struct {
	// Tags is required; the server's tag filter string.
	Tags string
	// Status limits the result to one status ("" for any).
	Status Status
	// AllVersions includes every version, not only the newest.
	AllVersions bool
}

// PackageHistory returns packages matching tags, as internal packages.
//
// WATS API: GET /api/internal/Software/GetPackageHistory
func (in *Internal) PackageHistory(ctx context.Context, o HistoryOptions) ([]InternalPackage, error) {
	const op = "software.Internal.PackageHistory"
	v := &errs.ValidationError{Op: op}
	checkName(v, "tags", o.Tags)
	if o.Status != "" {
		checkStatus(v, "status", o.Status)
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	q := url.Values{"tags": {o.Tags}}
	if o.Status != "" {
		q.Set("status", strconv.Itoa(o.Status.Int()))
	}
	if o.AllVersions {
		q.Set("allVersions", "true")
	}
	var out []InternalPackage
	return out, in.get(ctx, op, "/api/internal/Software/GetPackageHistory", q, &out)
}

// DownloadHistory returns what a client station downloaded, raw.
//
// WATS API: GET /api/internal/Software/GetPackageDownloadHistory
func (in *Internal) DownloadHistory(ctx context.Context, clientID int) (json.RawMessage, error) {
	const op = "software.Internal.DownloadHistory"
	if clientID <= 0 {
		return nil, errs.Invalid(op, "clientId", "must be a positive client id")
	}
	var out json.RawMessage
	return out, in.get(ctx, op, "/api/internal/Software/GetPackageDownloadHistory", url.Values{"clientId": {strconv.Itoa(clientID)}}, &out)
}

func checkInstalled(v *errs.ValidationError, ids []string) {
	if len(ids) == 0 {
		v.Add("installedPackages", "min=1", "at least one installed package id is required")
	}
	for i, id := range ids {
		checkID(v, "installedPackages["+strconv.Itoa(i)+"]", id)
	}
}

// RevokedPackages returns which of the installed package ids are revoked
// (or, without revokedOnly, also superseded).
//
// WATS API: GET /api/internal/Software/GetRevokedPackages
func (in *Internal) RevokedPackages(ctx context.Context, installed []string, revokedOnly bool) ([]string, error) {
	const op = "software.Internal.RevokedPackages"
	v := &errs.ValidationError{Op: op}
	checkInstalled(v, installed)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	q := url.Values{"installedPackages": {strings.Join(installed, ",")}}
	if revokedOnly {
		q.Set("includeRevokedOnly", "true")
	}
	var out []string
	return out, in.get(ctx, op, "/api/internal/Software/GetRevokedPackages", q, &out)
}

// AvailablePackages returns released packages newer than the installed ones.
//
// WATS API: GET /api/internal/Software/GetAvailablePackages
func (in *Internal) AvailablePackages(ctx context.Context, installed []string) ([]InternalPackage, error) {
	const op = "software.Internal.AvailablePackages"
	v := &errs.ValidationError{Op: op}
	checkInstalled(v, installed)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out []InternalPackage
	return out, in.get(ctx, op, "/api/internal/Software/GetAvailablePackages", url.Values{"installedPackages": {strings.Join(installed, ",")}}, &out)
}

// EntityDetails returns the file/folder tree details of a package, raw.
//
// WATS API: GET /api/internal/Software/GetSoftwareEntityDetails
func (in *Internal) EntityDetails(ctx context.Context, packageID string) (json.RawMessage, error) {
	const op = "software.Internal.EntityDetails"
	if err := idOnly(op, "packageId", packageID); err != nil {
		return nil, err
	}
	var out json.RawMessage
	return out, in.get(ctx, op, "/api/internal/Software/GetSoftwareEntityDetails", url.Values{"packageId": {packageID}}, &out)
}

// LogDownload records that a package of downloadSize bytes was downloaded.
// It is a GET with a side effect, so it is never retried.
//
// WATS API: GET /api/internal/Software/Log
func (in *Internal) LogDownload(ctx context.Context, packageID string, downloadSize int64) error {
	const op = "software.Internal.LogDownload"
	if err := idOnly(op, "packageId", packageID); err != nil {
		return err
	}
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/internal/Software/Log",
		Query: url.Values{"packageId": {packageID}, "downloadSize": {strconv.FormatInt(downloadSize, 10)}}, Idempotent: transport.Bool(false)})
	return err
}

// Package returns a package with its folder and file tree (internal model,
// including each file's checksum and size).
//
// WATS API: GET /api/internal/Software/GetPackage
func (in *Internal) Package(ctx context.Context, packageID string) (*InternalPackage, error) {
	const op = "software.Internal.Package"
	if err := idOnly(op, "packageId", packageID); err != nil {
		return nil, err
	}
	var out InternalPackage
	if err := in.get(ctx, op, "/api/internal/Software/GetPackage", url.Values{"packageId": {packageID}}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// DownloadFile streams one repository file's content to w and returns the
// number of bytes written.
//
// WATS API: GET /api/internal/Software/DownloadFile
func (in *Internal) DownloadFile(ctx context.Context, repositoryFolderFileID string, w io.Writer) (int64, error) {
	const op = "software.Internal.DownloadFile"
	if err := idOnly(op, "repositoryFolderFileId", repositoryFolderFileID); err != nil {
		return 0, err
	}
	resp, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/internal/Software/DownloadFile",
		Query: url.Values{"repositoryFolderFileId": {repositoryFolderFileID}}, Output: w, Accept: "*/*"})
	if resp != nil {
		return resp.Written, err
	}
	return 0, err
}
