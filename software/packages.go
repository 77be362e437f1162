package software

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// List returns every package (the server answers a list although its
// document names a single Package).
//
// WATS API: GET /api/Software/Packages
func (s *Service) List(ctx context.Context) ([]Package, error) {
	var out []Package
	_, err := s.t.Do(ctx, &transport.Request{Op: "software.List", Method: http.MethodGet, Route: "/api/Software/Packages", Result: &out})
	return out, err
}

// Get returns one package by id.
//
// WATS API: GET /api/Software/Package/{id}
func (s *Service) Get(ctx context.Context, packageID string) (*Package, error) {
	const op = "software.Get"
	v := &errs.ValidationError{Op: op}
	checkID(v, "packageId", packageID)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out Package
	if _, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/Software/Package/{id}",
		PathParams: map[string]string{"id": packageID}, Result: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// GetByName returns the package called name in status; version 0 asks for
// the highest version in that status.
//
// WATS API: GET /api/Software/PackageByName
func (s *Service) GetByName(ctx context.Context, name string, status Status, version int) (*Package, error) {
	const op = "software.GetByName"
	v := &errs.ValidationError{Op: op}
	checkName(v, "name", name)
	checkStatus(v, "status", status)
	if version < 0 {
		v.Add("version", "min=0", "must be 0 (highest) or a version number")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	q := url.Values{"name": {name}, "status": {string(status)}}
	if version > 0 {
		q.Set("version", strconv.Itoa(version))
	}
	var out Package
	if _, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/Software/PackageByName", Query: q, Result: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListByTag returns the packages in status carrying tag name=value (the
// server answers a list although its document names a single Package). The
// tag name is case-sensitive, the value is not.
//
// WATS API: GET /api/Software/PackagesByTag
func (s *Service) ListByTag(ctx context.Context, tagName, tagValue string, status Status) ([]Package, error) {
	const op = "software.ListByTag"
	v := &errs.ValidationError{Op: op}
	checkName(v, "tag", tagName)
	checkStatus(v, "status", status)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	// One parameter "name=value"; url.Values escapes the inner "=".
	q := url.Values{"tag": {tagName + "=" + tagValue}, "status": {string(status)}}
	var out []Package
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/Software/PackagesByTag", Query: q, Result: &out})
	return out, err
}

// Create makes a new Draft package; an existing name gets the next version.
//
// WATS API: POST /api/Software/Package
func (s *Service) Create(ctx context.Context, p *Package) (*Package, error) {
	const op = "software.Create"
	if p == nil {
		return nil, errs.Invalid(op, "package", "is nil")
	}
	v := &errs.ValidationError{Op: op}
	checkName(v, "name", p.Name)
	if p.PackageID != "" {
		v.Add("packageId", "excluded", "is assigned by the server; leave it empty on create")
	}
	if p.VirtualFolderID != "" && !uuidRE.MatchString(p.VirtualFolderID) {
		v.Add("virtualFolderId", "uuid", "must be a GUID")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out Package
	if _, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: "/api/Software/Package", JSON: p, Result: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// Update overwrites a package's configuration with p (send every field you
// want to keep). In Pending or Released only status and tags may change.
// The server answers the update with no content; Update then reads the
// package back, so it returns the stored package either way.
//
// WATS API: PUT /api/Software/Package/{id}
// WATS API: GET /api/Software/Package/{id}
func (s *Service) Update(ctx context.Context, p *Package) (*Package, error) {
	const op = "software.Update"
	if p == nil {
		return nil, errs.Invalid(op, "package", "is nil")
	}
	v := &errs.ValidationError{Op: op}
	checkID(v, "packageId", p.PackageID)
	checkName(v, "name", p.Name)
	if p.Status != "" {
		checkStatus(v, "status", p.Status)
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var raw json.RawMessage
	if _, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/Software/Package/{id}",
		PathParams: map[string]string{"id": p.PackageID}, JSON: p, Result: &raw}); err != nil {
		return nil, err
	}
	if len(raw) == 0 || string(raw) == "null" {
		return s.Get(ctx, p.PackageID)
	}
	var out Package
	if err := transport.DecodeJSON(op, raw, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Delete removes a package; only Draft and Revoked packages can be deleted.
//
// WATS API: DELETE /api/Software/Package/{id}
func (s *Service) Delete(ctx context.Context, packageID string) error {
	const op = "software.Delete"
	v := &errs.ValidationError{Op: op}
	checkID(v, "packageId", packageID)
	if err := v.OrNil(); err != nil {
		return err
	}
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodDelete, Route: "/api/Software/Package/{id}", PathParams: map[string]string{"id": packageID}})
	return err
}

// DeleteByName removes one version of a package by name; both are required.
//
// WATS API: DELETE /api/Software/PackageByName
func (s *Service) DeleteByName(ctx context.Context, name string, version int) error {
	const op = "software.DeleteByName"
	v := &errs.ValidationError{Op: op}
	checkName(v, "name", name)
	if version < 1 {
		v.Add("version", "min=1", "is required (the server needs an explicit version)")
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodDelete, Route: "/api/Software/PackageByName",
		Query: url.Values{"name": {name}, "version": {strconv.Itoa(version)}}})
	return err
}

// SetStatus moves a package to status. The server allows Draft→Pending,
// Pending→Draft, Pending→Released and Released→Revoked only.
//
// WATS API: POST /api/Software/PackageStatus/{id}
func (s *Service) SetStatus(ctx context.Context, packageID string, status Status) (*Package, error) {
	const op = "software.SetStatus"
	v := &errs.ValidationError{Op: op}
	checkID(v, "packageId", packageID)
	checkStatus(v, "status", status)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out Package
	if _, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: "/api/Software/PackageStatus/{id}",
		PathParams: map[string]string{"id": packageID}, Query: url.Values{"status": {string(status)}}, Result: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// Submit moves a Draft package to Pending (review).
//
// WATS API: POST /api/Software/PackageStatus/{id}
func (s *Service) Submit(ctx context.Context, packageID string) (*Package, error) {
	return s.SetStatus(ctx, packageID, StatusPending)
}

// ReturnToDraft moves a Pending package back to Draft.
//
// WATS API: POST /api/Software/PackageStatus/{id}
func (s *Service) ReturnToDraft(ctx context.Context, packageID string) (*Package, error) {
	return s.SetStatus(ctx, packageID, StatusDraft)
}

// Release moves a Pending package to Released.
//
// WATS API: POST /api/Software/PackageStatus/{id}
func (s *Service) Release(ctx context.Context, packageID string) (*Package, error) {
	return s.SetStatus(ctx, packageID, StatusReleased)
}

// Revoke moves a Released package to Revoked.
//
// WATS API: POST /api/Software/PackageStatus/{id}
func (s *Service) Revoke(ctx context.Context, packageID string) (*Package, error) {
	return s.SetStatus(ctx, packageID, StatusRevoked)
}

// Files lists the metadata of a package's files (no content).
//
// WATS API: GET /api/Software/PackageFiles/{id}
func (s *Service) Files(ctx context.Context, packageID string) ([]PackageFile, error) {
	const op = "software.Files"
	v := &errs.ValidationError{Op: op}
	checkID(v, "packageId", packageID)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out []PackageFile
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/Software/PackageFiles/{id}",
		PathParams: map[string]string{"id": packageID}, Result: &out})
	return out, err
}

// UploadZipOptions tunes UploadZip.
type UploadZipOptions struct {
	// CleanInstall removes every existing file and folder first; by
	// default the zip is merged into the package.
	CleanInstall bool
}

// UploadZip uploads a zip into a package as multipart/form-data (part
// "file", content type application/zip). Every file in the zip must sit in
// a folder (no files at the zip's root); the server refuses otherwise.
//
// WATS API: POST /api/Software/Package/UploadZip/{id}
func (s *Service) UploadZip(ctx context.Context, packageID string, zip io.Reader, opts UploadZipOptions) error {
	const op = "software.UploadZip"
	v := &errs.ValidationError{Op: op}
	checkID(v, "packageId", packageID)
	if zip == nil {
		v.Add("file", "required", "zip reader is nil")
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	var q url.Values
	if opts.CleanInstall {
		q = url.Values{"cleanInstall": {"true"}}
	}
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: "/api/Software/Package/UploadZip/{id}",
		PathParams: map[string]string{"id": packageID}, Query: q,
		Multipart: &transport.Multipart{FieldName: "file", FileName: "package.zip", ContentType: "application/zip", File: zip}})
	return err
}

// SetFileAttribute sets the attribute of one package file (its
// PackageFileID from Files).
//
// WATS API: POST /api/Software/Package/FileAttribute/{id}
func (s *Service) SetFileAttribute(ctx context.Context, packageFileID string, attr FileAttribute) error {
	const op = "software.SetFileAttribute"
	v := &errs.ValidationError{Op: op}
	checkID(v, "packageFileId", packageFileID)
	if !attr.Valid() {
		v.Add("attribute", "oneof", "must be one of the FileAttribute names, got \""+string(attr)+"\"")
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: "/api/Software/Package/FileAttribute/{id}",
		PathParams: map[string]string{"id": packageFileID}, Query: url.Values{"attribute": {string(attr)}}})
	return err
}

// VirtualFolders lists every Production Manager folder (flat, linked by ParentID).
//
// WATS API: GET /api/Software/VirtualFolders
func (s *Service) VirtualFolders(ctx context.Context) ([]VirtualFolder, error) {
	var out []VirtualFolder
	_, err := s.t.Do(ctx, &transport.Request{Op: "software.VirtualFolders", Method: http.MethodGet, Route: "/api/Software/VirtualFolders", Result: &out})
	return out, err
}
