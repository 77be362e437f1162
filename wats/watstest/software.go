package watstest

import (
	"archive/zip"
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"net/http"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// VirtualFolder seeds a Production Manager folder (see WithVirtualFolders).
type VirtualFolder struct {
	ID          string `json:"id"`                    // folder uuid (id)
	ParentID    string `json:"parentId,omitempty"`    // parent folder id, empty at the root (parentId)
	Name        string `json:"name"`                  // folder name (name)
	Description string `json:"description,omitempty"` // folder description (description)
}

// WithVirtualFolders seeds the virtual folders GET /api/Software/VirtualFolders lists.
func WithVirtualFolders(folders ...VirtualFolder) Option {
	return func(e *Emulator) {
		e.software.mu.Lock()
		e.software.vfolders = append(e.software.vfolders, folders...)
		e.software.mu.Unlock()
	}
}

type swPackage struct {
	ID, Name, Description, RootDirectory, VirtualFolderID string
	Version, Priority                                     int
	InstallOnRoot                                         bool
	Tags                                                  []swTag
	Status                                                string
	Created, Modified, Released, Revoked                  time.Time
	CreatedBy, ModifiedBy, ReleasedBy, RevokedBy          string
	Folders                                               []*swFolder
	Files                                                 []*swFile
}

type swTag struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

type swFolder struct {
	ID, ParentID, Name string
	Modified           time.Time
}

type swFile struct {
	ID, RepoID, FolderID, Name, Attributes string
	Data, Sum                              []byte
	Uploaded                               time.Time
}

type swDownload struct {
	PackageID    string    `json:"packageId"`
	DownloadSize int64     `json:"downloadSize"`
	At           time.Time `json:"downloaded"`
}

type softwareState struct {
	mu        sync.Mutex
	packages  map[string]*swPackage
	order     []string
	repo      map[string]*swFile
	vfolders  []VirtualFolder
	downloads []swDownload
}

func newSoftwareState() *softwareState {
	return &softwareState{packages: map[string]*swPackage{}, repo: map[string]*swFile{}}
}

var swStatuses = []string{"Draft", "Pending", "Released", "Revoked"}

// swStatusName canonicalises a status name (case-insensitive), "" when unknown.
func swStatusName(s string) string {
	for _, k := range swStatuses {
		if strings.EqualFold(k, s) {
			return k
		}
	}
	return ""
}

func swStatusInt(s string) int {
	for i, k := range swStatuses {
		if k == s {
			return i
		}
	}
	return -1
}

var swTransitions = map[string][]string{"Draft": {"Pending"}, "Pending": {"Draft", "Released"}, "Released": {"Revoked"}}

func swAllowed(from, to string) bool {
	for _, t := range swTransitions[from] {
		if t == to {
			return true
		}
	}
	return false
}

var swAttributes = []string{"None", "ExecuteOnce", "ExecuteAlways", "TopLevelFile", "OverwriteNever", "OverwriteOnNewPackageVersion", "ExecuteOncePerVersion"}

func (p *swPackage) view() map[string]any {
	m := map[string]any{
		"packageId": p.ID, "name": p.Name, "version": p.Version, "description": p.Description,
		"rootDirectory": p.RootDirectory, "installOnRoot": p.InstallOnRoot, "priority": p.Priority,
		"tags": p.tagsOrEmpty(), "status": p.Status, "created": p.Created, "createdBy": p.CreatedBy,
		"modified": p.Modified, "modifiedBy": p.ModifiedBy,
	}
	if p.VirtualFolderID != "" {
		m["virtualFolderId"] = p.VirtualFolderID
	}
	if !p.Released.IsZero() {
		m["released"], m["releasedBy"] = p.Released, p.ReleasedBy
	}
	if !p.Revoked.IsZero() {
		m["revoked"], m["revokedBy"] = p.Revoked, p.RevokedBy
	}
	return m
}

func (p *swPackage) tagsOrEmpty() []swTag {
	if p.Tags == nil {
		return []swTag{}
	}
	return p.Tags
}

// internalView renders the PascalCase internal model with the folder tree.
func (p *swPackage) internalView() map[string]any {
	var tags strings.Builder
	tags.WriteString("<PackageInfo>")
	for _, t := range p.Tags {
		tags.WriteString("<" + t.Key + ">" + t.Value + "</" + t.Key + ">")
	}
	tags.WriteString("</PackageInfo>")
	m := map[string]any{
		"PackageId": p.ID, "Name": p.Name, "PackageFolder": false, "Version": p.Version, "Description": p.Description,
		"RootDirectory": p.RootDirectory, "Tags": tags.String(), "Modified": p.Modified, "ModifiedBy": p.ModifiedBy,
		"Status": swStatusInt(p.Status), "Priority": p.Priority, "VirtualFolderId": p.VirtualFolderID,
		"PackageFolders": p.folderTree(""), "IsRestricted": false, "Created": p.Created, "CreatedBy": p.CreatedBy,
		"ReleasedBy": p.ReleasedBy, "RevokedBy": p.RevokedBy,
	}
	if !p.Released.IsZero() {
		m["Released"] = p.Released
	}
	if !p.Revoked.IsZero() {
		m["Revoked"] = p.Revoked
	}
	return m
}

func (p *swPackage) folderTree(parent string) []map[string]any {
	out := []map[string]any{}
	for _, f := range p.Folders {
		if f.ParentID != parent {
			continue
		}
		files := []map[string]any{}
		for _, x := range p.Files {
			if x.FolderID == f.ID {
				files = append(files, map[string]any{
					"PackageFolderFileId": x.ID, "PackageFolderId": f.ID, "RepositoryFolderFileId": x.RepoID,
					"Attributes": swAttrInt(x.Attributes), "RepositoryFolderFile": x.repoView(),
				})
			}
		}
		out = append(out, map[string]any{
			"PackageFolderId": f.ID, "PackageId": p.ID, "ParentFolderId": f.ParentID, "Name": f.Name,
			"Modified": f.Modified, "PackageFolders": p.folderTree(f.ID), "PackageFolderFiles": files,
		})
	}
	return out
}

func swAttrInt(a string) int {
	for i, k := range swAttributes {
		if k == a {
			return i
		}
	}
	return 0
}

func (x *swFile) repoView() map[string]any {
	return map[string]any{
		"RepositoryFolderFileId": x.RepoID, "Name": x.Name, "Version": 1, "Valid": true,
		"Uploaded": x.Uploaded, "FileModifiedDate": x.Uploaded, "Checksum": x.Sum, "FileSize": len(x.Data),
	}
}

// folderPath is the slash path of a folder inside its package.
func (p *swPackage) folderPath(id string) string {
	for _, f := range p.Folders {
		if f.ID == id {
			if f.ParentID == "" {
				return f.Name
			}
			return p.folderPath(f.ParentID) + "/" + f.Name
		}
	}
	return ""
}

// ensureFolder returns the id of the folder at slash path dir, creating it.
func (p *swPackage) ensureFolder(dir string, now time.Time) string {
	parent := ""
	for _, name := range strings.Split(dir, "/") {
		found := ""
		for _, f := range p.Folders {
			if f.ParentID == parent && f.Name == name {
				found = f.ID
				break
			}
		}
		if found == "" {
			found = newGUID()
			p.Folders = append(p.Folders, &swFolder{ID: found, ParentID: parent, Name: name, Modified: now})
		}
		parent = found
	}
	return parent
}

// removeFolder drops a folder, its sub-folders and their files.
func (s *softwareState) removeFolder(p *swPackage, id string) {
	for _, f := range append([]*swFolder(nil), p.Folders...) {
		if f.ParentID == id {
			s.removeFolder(p, f.ID)
		}
	}
	keptF := p.Folders[:0]
	for _, f := range p.Folders {
		if f.ID != id {
			keptF = append(keptF, f)
		}
	}
	p.Folders = keptF
	kept := p.Files[:0]
	for _, x := range p.Files {
		if x.FolderID == id {
			delete(s.repo, x.RepoID)
			continue
		}
		kept = append(kept, x)
	}
	p.Files = kept
}

type swPackageIn struct {
	Name            *string  `json:"name"`
	Description     *string  `json:"description"`
	RootDirectory   *string  `json:"rootDirectory"`
	InstallOnRoot   *bool    `json:"installOnRoot"`
	Priority        *int     `json:"priority"`
	VirtualFolderID *string  `json:"virtualFolderId"`
	Tags            *[]swTag `json:"tags"`
	Status          *string  `json:"status"`
}

func (s *softwareState) byID(w http.ResponseWriter, id string) *swPackage {
	p, ok := s.packages[strings.ToLower(id)]
	if !ok {
		writeError(w, http.StatusNotFound, "Package '%s' was not found.", id)
		return nil
	}
	return p
}

func (s *softwareState) list() []*swPackage {
	out := make([]*swPackage, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, s.packages[id])
	}
	return out
}

// setStatus applies a transition, stamping release/revoke times.
func (p *swPackage) setStatus(to, user string, now time.Time) string {
	if to == p.Status {
		return ""
	}
	if !swAllowed(p.Status, to) {
		return "Cannot change package status from " + p.Status + " to " + to + "."
	}
	p.Status = to
	switch to {
	case "Released":
		p.Released, p.ReleasedBy = now, user
	case "Revoked":
		p.Revoked, p.RevokedBy = now, user
	}
	p.Modified, p.ModifiedBy = now, user
	return ""
}

func (e *Emulator) installSoftware() {
	s := e.software
	e.handle(http.MethodGet, "/api/Software/Packages", func(w http.ResponseWriter, r *http.Request, _ Params) {
		s.mu.Lock()
		defer s.mu.Unlock()
		out := []map[string]any{}
		for _, p := range s.list() {
			out = append(out, p.view())
		}
		writeJSON(w, http.StatusOK, out)
	})
	e.handle(http.MethodGet, "/api/Software/Package/{id}", func(w http.ResponseWriter, r *http.Request, ps Params) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if p := s.byID(w, ps.Get("id")); p != nil {
			writeJSON(w, http.StatusOK, p.view())
		}
	})
	e.handle(http.MethodGet, "/api/Software/PackageByName", func(w http.ResponseWriter, r *http.Request, _ Params) {
		name, status := query(r, "name"), swStatusName(query(r, "status"))
		if name == "" || status == "" {
			writeError(w, http.StatusBadRequest, "The name and status (Draft, Pending, Released, Revoked) parameters are required.")
			return
		}
		version, ok := queryInt(w, r, "version", 0)
		if !ok {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		var best *swPackage
		for _, p := range s.list() {
			if strings.EqualFold(p.Name, name) && p.Status == status && (version == 0 || p.Version == version) && (best == nil || p.Version > best.Version) {
				best = p
			}
		}
		if best == nil {
			writeError(w, http.StatusNotFound, "No %s package named '%s' was found.", status, name)
			return
		}
		writeJSON(w, http.StatusOK, best.view())
	})
	e.handle(http.MethodGet, "/api/Software/PackagesByTag", func(w http.ResponseWriter, r *http.Request, _ Params) {
		key, value, hasEq := strings.Cut(query(r, "tag"), "=")
		status := swStatusName(query(r, "status"))
		if !hasEq || key == "" || status == "" {
			writeError(w, http.StatusBadRequest, "The tag (name=value) and status parameters are required.")
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		out := []map[string]any{}
		for _, p := range s.list() {
			if p.Status != status {
				continue
			}
			for _, t := range p.Tags {
				if t.Key == key && strings.EqualFold(t.Value, value) {
					out = append(out, p.view())
					break
				}
			}
		}
		writeJSON(w, http.StatusOK, out)
	})
	e.handle(http.MethodPost, "/api/Software/Package", func(w http.ResponseWriter, r *http.Request, _ Params) {
		var in swPackageIn
		if !readJSON(w, r, &in) {
			return
		}
		if in.Name == nil || strings.TrimSpace(*in.Name) == "" {
			writeError(w, http.StatusBadRequest, "Package name is required.")
			return
		}
		now, user := e.now().UTC(), rcCaller(r)
		s.mu.Lock()
		defer s.mu.Unlock()
		p := &swPackage{ID: newGUID(), Name: *in.Name, Version: 1, Status: "Draft", Created: now, CreatedBy: user, Modified: now, ModifiedBy: user}
		for _, q := range s.packages {
			if strings.EqualFold(q.Name, p.Name) && q.Version >= p.Version {
				p.Version = q.Version + 1
			}
		}
		p.edit(&in)
		s.packages[p.ID] = p
		s.order = append(s.order, p.ID)
		writeJSON(w, http.StatusOK, p.view())
	})
	e.handle(http.MethodPut, "/api/Software/Package/{id}", func(w http.ResponseWriter, r *http.Request, ps Params) {
		var in swPackageIn
		if !readJSON(w, r, &in) {
			return
		}
		now, user := e.now().UTC(), rcCaller(r)
		s.mu.Lock()
		defer s.mu.Unlock()
		p := s.byID(w, ps.Get("id"))
		if p == nil {
			return
		}
		if p.Status != "Draft" && p.configChanges(&in) {
			writeError(w, http.StatusBadRequest, "A %s package only allows changes to status and tags.", p.Status)
			return
		}
		if in.Status != nil && *in.Status != "" {
			to := swStatusName(*in.Status)
			if to == "" {
				writeError(w, http.StatusBadRequest, "Unknown package status '%s'.", *in.Status)
				return
			}
			if msg := p.setStatus(to, user, now); msg != "" {
				writeError(w, http.StatusBadRequest, "%s", msg)
				return
			}
		}
		p.edit(&in)
		p.Modified, p.ModifiedBy = now, user
		writeJSON(w, http.StatusOK, p.view())
	})
	deletable := func(w http.ResponseWriter, p *swPackage) bool {
		if p.Status != "Draft" && p.Status != "Revoked" {
			writeError(w, http.StatusBadRequest, "Only Draft or Revoked packages can be deleted; '%s' version %d is %s.", p.Name, p.Version, p.Status)
			return false
		}
		return true
	}
	e.handle(http.MethodDelete, "/api/Software/Package/{id}", func(w http.ResponseWriter, r *http.Request, ps Params) {
		s.mu.Lock()
		defer s.mu.Unlock()
		p := s.byID(w, ps.Get("id"))
		if p == nil || !deletable(w, p) {
			return
		}
		s.delete(p)
		w.WriteHeader(http.StatusNoContent)
	})
	e.handle(http.MethodDelete, "/api/Software/PackageByName", func(w http.ResponseWriter, r *http.Request, _ Params) {
		name := query(r, "name")
		version, ok := queryInt(w, r, "version", 0)
		if !ok {
			return
		}
		if name == "" || version < 1 {
			writeError(w, http.StatusBadRequest, "The name and version parameters are required.")
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, p := range s.list() {
			if strings.EqualFold(p.Name, name) && p.Version == version {
				if deletable(w, p) {
					s.delete(p)
					writeJSON(w, http.StatusOK, map[string]any{"deleted": p.ID})
				}
				return
			}
		}
		writeError(w, http.StatusNotFound, "Package '%s' version %d was not found.", name, version)
	})
	e.handle(http.MethodPost, "/api/Software/PackageStatus/{id}", func(w http.ResponseWriter, r *http.Request, ps Params) {
		to := swStatusName(query(r, "status"))
		if to == "" {
			writeError(w, http.StatusBadRequest, "The status parameter must be Draft, Pending, Released or Revoked.")
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		p := s.byID(w, ps.Get("id"))
		if p == nil {
			return
		}
		if to == p.Status {
			writeError(w, http.StatusBadRequest, "Package is already %s.", to)
			return
		}
		if msg := p.setStatus(to, rcCaller(r), e.now().UTC()); msg != "" {
			writeError(w, http.StatusBadRequest, "%s", msg)
			return
		}
		writeJSON(w, http.StatusOK, p.view())
	})
	e.handle(http.MethodGet, "/api/Software/PackageFiles/{id}", func(w http.ResponseWriter, r *http.Request, ps Params) {
		s.mu.Lock()
		defer s.mu.Unlock()
		p := s.byID(w, ps.Get("id"))
		if p == nil {
			return
		}
		out := []map[string]any{}
		for _, x := range p.Files {
			out = append(out, map[string]any{"packageFileId": x.ID, "name": x.Name, "packageFolderName": p.folderPath(x.FolderID),
				"attributes": x.Attributes, "Description": ""})
		}
		writeJSON(w, http.StatusOK, out)
	})
	e.handle(http.MethodPost, "/api/Software/Package/UploadZip/{id}", e.swUploadZip)
	e.handle(http.MethodPost, "/api/Software/Package/FileAttribute/{id}", func(w http.ResponseWriter, r *http.Request, ps Params) {
		attr := ""
		for _, k := range swAttributes {
			if strings.EqualFold(k, query(r, "attribute")) {
				attr = k
			}
		}
		if attr == "" {
			writeError(w, http.StatusBadRequest, "Unknown file attribute '%s'.", query(r, "attribute"))
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, p := range s.packages {
			for _, x := range p.Files {
				if strings.EqualFold(x.ID, ps.Get("id")) {
					x.Attributes = attr
					writeJSON(w, http.StatusOK, map[string]any{"packageFileId": x.ID, "attributes": attr})
					return
				}
			}
		}
		writeError(w, http.StatusNotFound, "Package file '%s' was not found.", ps.Get("id"))
	})
	e.handle(http.MethodGet, "/api/Software/VirtualFolders", func(w http.ResponseWriter, r *http.Request, _ Params) {
		s.mu.Lock()
		defer s.mu.Unlock()
		out := append([]VirtualFolder{}, s.vfolders...)
		writeJSON(w, http.StatusOK, out)
	})
	e.installSoftwareInternal()
}

func (p *swPackage) edit(in *swPackageIn) {
	if in.Name != nil && *in.Name != "" {
		p.Name = *in.Name
	}
	if in.Description != nil {
		p.Description = *in.Description
	}
	if in.RootDirectory != nil {
		p.RootDirectory = *in.RootDirectory
	}
	if in.InstallOnRoot != nil {
		p.InstallOnRoot = *in.InstallOnRoot
	}
	if in.Priority != nil {
		p.Priority = *in.Priority
	}
	if in.VirtualFolderID != nil {
		p.VirtualFolderID = *in.VirtualFolderID
	}
	if in.Tags != nil {
		p.Tags = *in.Tags
	}
}

// configChanges reports whether in changes anything but status and tags.
func (p *swPackage) configChanges(in *swPackageIn) bool {
	neq := func(a *string, b string) bool { return a != nil && *a != b }
	return neq(in.Name, p.Name) || neq(in.Description, p.Description) || neq(in.RootDirectory, p.RootDirectory) ||
		neq(in.VirtualFolderID, p.VirtualFolderID) || (in.InstallOnRoot != nil && *in.InstallOnRoot != p.InstallOnRoot) ||
		(in.Priority != nil && *in.Priority != p.Priority)
}

func (s *softwareState) delete(p *swPackage) {
	for _, x := range p.Files {
		delete(s.repo, x.RepoID)
	}
	delete(s.packages, p.ID)
	kept := s.order[:0]
	for _, id := range s.order {
		if id != p.ID {
			kept = append(kept, id)
		}
	}
	s.order = kept
}

func (e *Emulator) swUploadZip(w http.ResponseWriter, r *http.Request, ps Params) {
	clean, ok := queryBool(w, r, "cleanInstall", false)
	if !ok {
		return
	}
	_, data, ok := rcReadUpload(w, r, "file")
	if !ok {
		return
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		writeError(w, http.StatusBadRequest, "The upload is not a valid zip file: %v", err)
		return
	}
	type entry struct {
		dir, name string
		data      []byte
	}
	var entries []entry
	for _, f := range zr.File {
		name := strings.TrimPrefix(path.Clean("/"+f.Name), "/")
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		dir, base := path.Split(name)
		if dir == "" {
			writeError(w, http.StatusBadRequest, "The zip must not contain files at its root ('%s'); put every file in a folder.", f.Name)
			return
		}
		rc, err := f.Open()
		if err != nil {
			writeError(w, http.StatusBadRequest, "Cannot read '%s' from the zip: %v", f.Name, err)
			return
		}
		var buf bytes.Buffer
		_, err = buf.ReadFrom(rc)
		rc.Close()
		if err != nil {
			writeError(w, http.StatusBadRequest, "Cannot read '%s' from the zip: %v", f.Name, err)
			return
		}
		entries = append(entries, entry{strings.TrimSuffix(dir, "/"), base, buf.Bytes()})
	}
	s := e.software
	now := e.now().UTC()
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.byID(w, ps.Get("id"))
	if p == nil {
		return
	}
	if p.Status != "Draft" {
		writeError(w, http.StatusBadRequest, "Files can only be uploaded to a Draft package; this one is %s.", p.Status)
		return
	}
	if clean {
		for _, x := range p.Files {
			delete(s.repo, x.RepoID)
		}
		p.Files, p.Folders = nil, nil
	}
	for _, en := range entries {
		folder := p.ensureFolder(en.dir, now)
		sum := md5.Sum(en.data)
		var file *swFile
		for _, x := range p.Files {
			if x.FolderID == folder && x.Name == en.name {
				file = x
				delete(s.repo, x.RepoID)
			}
		}
		if file == nil {
			file = &swFile{ID: newGUID(), FolderID: folder, Name: en.name, Attributes: "None"}
			p.Files = append(p.Files, file)
		}
		file.RepoID, file.Data, file.Sum, file.Uploaded = newGUID(), en.data, sum[:], now
		s.repo[file.RepoID] = file
	}
	p.Modified, p.ModifiedBy = now, rcCaller(r)
	writeJSON(w, http.StatusOK, map[string]any{"files": len(entries)})
}

func (e *Emulator) installSoftwareInternal() {
	s := e.software
	pkgQuery := func(w http.ResponseWriter, r *http.Request) *swPackage {
		return s.byID(w, query(r, "packageId"))
	}
	e.handle(http.MethodGet, "/api/internal/Software/isConnected", func(w http.ResponseWriter, r *http.Request, _ Params) {
		writeJSON(w, http.StatusOK, map[string]any{"connected": true})
	})
	e.handle(http.MethodGet, "/api/internal/Software/File/{id}", func(w http.ResponseWriter, r *http.Request, ps Params) {
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, p := range s.packages {
			for _, x := range p.Files {
				if strings.EqualFold(x.ID, ps.Get("id")) || strings.EqualFold(x.RepoID, ps.Get("id")) {
					writeJSON(w, http.StatusOK, x.repoView())
					return
				}
			}
		}
		writeError(w, http.StatusNotFound, "File '%s' was not found.", ps.Get("id"))
	})
	e.handle(http.MethodGet, "/api/internal/Software/CheckFile", func(w http.ResponseWriter, r *http.Request, _ Params) {
		s.mu.Lock()
		defer s.mu.Unlock()
		p := pkgQuery(w, r)
		if p == nil {
			return
		}
		exists := false
		for _, x := range p.Files {
			full := path.Join(p.folderPath(x.FolderID), x.Name)
			if (strings.EqualFold(full, query(r, "filePath")) || strings.EqualFold(x.Name, query(r, "filePath"))) &&
				strings.EqualFold(x.FolderID, query(r, "parentFolderId")) && base64Equal(x.Sum, query(r, "checksum")) {
				exists = true
			}
		}
		writeJSON(w, http.StatusOK, map[string]any{"exists": exists})
	})
	e.handle(http.MethodPost, "/api/internal/Software/PostPackageFolder", func(w http.ResponseWriter, r *http.Request, _ Params) {
		var in struct {
			Type     int    `json:"type"`
			ParentID string `json:"parentId"`
			Name     string `json:"name"`
		}
		if !readJSON(w, r, &in) {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		p := pkgQuery(w, r)
		if p == nil {
			return
		}
		if in.Type != 0 || in.Name == "" || strings.ContainsAny(in.Name, `/\`) {
			writeError(w, http.StatusBadRequest, "PostPackageFolder needs a folder entity (type 0) with a plain name.")
			return
		}
		f := &swFolder{ID: newGUID(), ParentID: strings.ToLower(in.ParentID), Name: in.Name, Modified: e.now().UTC()}
		p.Folders = append(p.Folders, f)
		writeJSON(w, http.StatusOK, map[string]any{"id": f.ID, "type": 0, "parentId": f.ParentID, "name": f.Name})
	})
	e.handle(http.MethodPost, "/api/internal/Software/UpdatePackageFolder", func(w http.ResponseWriter, r *http.Request, _ Params) {
		var in struct {
			ID, Name string
		}
		if !readJSON(w, r, &in) {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, p := range s.packages {
			for _, f := range p.Folders {
				if strings.EqualFold(f.ID, in.ID) {
					f.Name, f.Modified = in.Name, e.now().UTC()
					writeJSON(w, http.StatusOK, map[string]any{"id": f.ID, "type": 0, "name": f.Name})
					return
				}
			}
		}
		writeError(w, http.StatusNotFound, "Package folder '%s' was not found.", in.ID)
	})
	e.handle(http.MethodPost, "/api/internal/Software/DeletePackageFolder", func(w http.ResponseWriter, r *http.Request, _ Params) {
		id := strings.ToLower(query(r, "packageFolderId"))
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, p := range s.packages {
			for _, f := range p.Folders {
				if f.ID == id {
					s.removeFolder(p, id)
					writeJSON(w, http.StatusOK, map[string]any{"deleted": id})
					return
				}
			}
		}
		writeError(w, http.StatusNotFound, "Package folder '%s' was not found.", id)
	})
	e.handle(http.MethodPost, "/api/internal/Software/DeletePackageFolderFiles", func(w http.ResponseWriter, r *http.Request, _ Params) {
		ids := map[string]bool{}
		for _, id := range strings.Split(query(r, "packageFolderFileIds"), ",") {
			if id = strings.ToLower(strings.TrimSpace(id)); id != "" {
				ids[id] = true
			}
		}
		if len(ids) == 0 {
			writeError(w, http.StatusBadRequest, "The packageFolderFileIds parameter is required.")
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		n := 0
		for _, p := range s.packages {
			kept := p.Files[:0]
			for _, x := range p.Files {
				if ids[x.ID] {
					delete(s.repo, x.RepoID)
					n++
					continue
				}
				kept = append(kept, x)
			}
			p.Files = kept
		}
		if n != len(ids) {
			writeError(w, http.StatusNotFound, "%d of %d package files were not found.", len(ids)-n, len(ids))
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"deleted": n})
	})
	e.handle(http.MethodGet, "/api/internal/Software/GetPackageHistory", func(w http.ResponseWriter, r *http.Request, _ Params) {
		tags := query(r, "tags")
		if tags == "" {
			writeError(w, http.StatusBadRequest, "The tags parameter is required.")
			return
		}
		status, ok := queryInt(w, r, "status", -1)
		if !ok {
			return
		}
		all, ok := queryBool(w, r, "allVersions", false)
		if !ok {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		newest := map[string]int{}
		for _, p := range s.packages {
			if p.Version > newest[strings.ToLower(p.Name)] {
				newest[strings.ToLower(p.Name)] = p.Version
			}
		}
		out := []map[string]any{}
		for _, p := range s.list() {
			if (status >= 0 && swStatusInt(p.Status) != status) || (!all && p.Version != newest[strings.ToLower(p.Name)]) || !swTagsMatch(p, tags) {
				continue
			}
			out = append(out, p.internalView())
		}
		writeJSON(w, http.StatusOK, out)
	})
	e.handle(http.MethodGet, "/api/internal/Software/GetPackageDownloadHistory", func(w http.ResponseWriter, r *http.Request, _ Params) {
		id, ok := queryInt(w, r, "clientId", 0)
		if !ok {
			return
		}
		if id <= 0 {
			writeError(w, http.StatusBadRequest, "The clientId parameter is required.")
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		writeJSON(w, http.StatusOK, append([]swDownload{}, s.downloads...))
	})
	installed := func(w http.ResponseWriter, r *http.Request) ([]*swPackage, bool) {
		var out []*swPackage
		for _, id := range strings.Split(query(r, "installedPackages"), ",") {
			if id = strings.ToLower(strings.TrimSpace(id)); id != "" {
				if p, ok := s.packages[id]; ok {
					out = append(out, p)
				}
			}
		}
		if query(r, "installedPackages") == "" {
			writeError(w, http.StatusBadRequest, "The installedPackages parameter is required.")
			return nil, false
		}
		return out, true
	}
	e.handle(http.MethodGet, "/api/internal/Software/GetRevokedPackages", func(w http.ResponseWriter, r *http.Request, _ Params) {
		only, ok := queryBool(w, r, "includeRevokedOnly", false)
		if !ok {
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		inst, ok := installed(w, r)
		if !ok {
			return
		}
		out := []string{}
		for _, p := range inst {
			superseded := false
			for _, q := range s.packages {
				if strings.EqualFold(q.Name, p.Name) && q.Version > p.Version && q.Status == "Released" {
					superseded = true
				}
			}
			if p.Status == "Revoked" || (!only && superseded) {
				out = append(out, p.ID)
			}
		}
		writeJSON(w, http.StatusOK, out)
	})
	e.handle(http.MethodGet, "/api/internal/Software/GetAvailablePackages", func(w http.ResponseWriter, r *http.Request, _ Params) {
		s.mu.Lock()
		defer s.mu.Unlock()
		inst, ok := installed(w, r)
		if !ok {
			return
		}
		have := map[string]int{}
		for _, p := range inst {
			if p.Version > have[strings.ToLower(p.Name)] {
				have[strings.ToLower(p.Name)] = p.Version
			}
		}
		best := map[string]*swPackage{}
		for _, p := range s.list() {
			k := strings.ToLower(p.Name)
			if p.Status == "Released" && p.Version > have[k] && (best[k] == nil || p.Version > best[k].Version) {
				best[k] = p
			}
		}
		keys := make([]string, 0, len(best))
		for k := range best {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := []map[string]any{}
		for _, k := range keys {
			out = append(out, best[k].internalView())
		}
		writeJSON(w, http.StatusOK, out)
	})
	e.handle(http.MethodGet, "/api/internal/Software/GetSoftwareEntityDetails", func(w http.ResponseWriter, r *http.Request, _ Params) {
		s.mu.Lock()
		defer s.mu.Unlock()
		p := pkgQuery(w, r)
		if p == nil {
			return
		}
		out := []map[string]any{}
		for _, f := range p.Folders {
			out = append(out, map[string]any{"id": f.ID, "type": 0, "parentId": f.ParentID, "name": f.Name, "lastModifiedDate": f.Modified})
		}
		for _, x := range p.Files {
			out = append(out, map[string]any{"id": x.ID, "type": 1, "parentId": x.FolderID, "name": x.Name, "fileSize": len(x.Data),
				"uploadedDate": x.Uploaded, "repositoryFolderFileId": x.RepoID, "valid": true, "attributes": swAttrInt(x.Attributes)})
		}
		writeJSON(w, http.StatusOK, out)
	})
	e.handle(http.MethodGet, "/api/internal/Software/Log", func(w http.ResponseWriter, r *http.Request, _ Params) {
		size, err := strconv.ParseInt(query(r, "downloadSize"), 10, 64)
		if err != nil {
			writeError(w, http.StatusBadRequest, "The downloadSize parameter must be an integer.")
			return
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		p := pkgQuery(w, r)
		if p == nil {
			return
		}
		s.downloads = append(s.downloads, swDownload{PackageID: p.ID, DownloadSize: size, At: e.now().UTC()})
		writeJSON(w, http.StatusOK, map[string]any{"logged": true})
	})
	e.handle(http.MethodGet, "/api/internal/Software/GetPackage", func(w http.ResponseWriter, r *http.Request, _ Params) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if p := pkgQuery(w, r); p != nil {
			writeJSON(w, http.StatusOK, p.internalView())
		}
	})
	e.handle(http.MethodGet, "/api/internal/Software/DownloadFile", func(w http.ResponseWriter, r *http.Request, _ Params) {
		s.mu.Lock()
		x, ok := s.repo[strings.ToLower(query(r, "repositoryFolderFileId"))]
		s.mu.Unlock()
		if !ok {
			writeError(w, http.StatusNotFound, "Repository file '%s' was not found.", query(r, "repositoryFolderFileId"))
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", strconv.Itoa(len(x.Data)))
		_, _ = w.Write(x.Data)
	})
}

// swTagsMatch reports whether p carries every "name=value" pair of filter
// (pairs separated by ";"; name case-sensitive, value not). A filter with
// no "=" matches tag names only.
func swTagsMatch(p *swPackage, filter string) bool {
	for _, part := range strings.Split(filter, ";") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		k, v, hasValue := strings.Cut(part, "=")
		found := false
		for _, t := range p.Tags {
			if t.Key == k && (!hasValue || strings.EqualFold(t.Value, v)) {
				found = true
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func base64Equal(sum []byte, b64 string) bool {
	got, err := base64.StdEncoding.DecodeString(b64)
	return err == nil && bytes.Equal(got, sum)
}
