package watstest

import (
	"bytes"
	"encoding/base64"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// The internal software routes (/api/internal/Software/...) the WATS Client
// uses: store methods first, then their handlers. Answers the documents
// leave untyped are small objects of the emulator's choosing.

// repoFile returns the content of a stored file by its repository id.
func (s *softwareState) repoFile(id string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if g, ok := mesGUID(id); ok {
		if x, ok := s.repo[g]; ok {
			return x.data, nil // never modified in place: uploads replace the slice
		}
	}
	return nil, mesNotFound("Repository file '%s' was not found.", id)
}

// fileMeta returns the repository metadata of a file by its package-file or repository id.
func (s *softwareState) fileMeta(id string) (swRepoFileWire, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.packages {
		for _, x := range p.files {
			if strings.EqualFold(x.id, id) || strings.EqualFold(x.repoID, id) {
				return x.repoWire(), nil
			}
		}
	}
	return swRepoFileWire{}, mesNotFound("File '%s' was not found.", id)
}

// checkFile reports whether a package already holds the file.
func (s *softwareState) checkFile(pkg, parent, filePath, checksum string) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.byIDLocked(pkg)
	if err != nil {
		return false, err
	}
	want, err := base64.StdEncoding.DecodeString(checksum)
	if err != nil {
		return false, mesBad("checksum must be base64.")
	}
	for _, x := range p.files {
		full := path.Join(p.folderPath(x.folderID), x.name)
		if (strings.EqualFold(full, filePath) || strings.EqualFold(x.name, filePath)) &&
			strings.EqualFold(x.folderID, parent) && bytes.Equal(x.sum, want) {
			return true, nil
		}
	}
	return false, nil
}

// swEntityIn is a Mes.SoftwareEntity body.
type swEntityIn struct {
	ID       string `json:"id"`
	Type     int    `json:"type"`
	ParentID string `json:"parentId"`
	Name     string `json:"name"`
}

// addFolder adds a folder entity to a package.
func (s *softwareState) addFolder(pkg string, in swEntityIn, now time.Time) (swEntityWire, error) {
	if in.Type != swEntityFolder || in.Name == "" || strings.ContainsAny(in.Name, `/\`) {
		return swEntityWire{}, mesBad("PostPackageFolder needs a folder entity (type 0) with a plain name.")
	}
	parent := ""
	if in.ParentID != "" && in.ParentID != "00000000-0000-0000-0000-000000000000" {
		g, ok := mesGUID(in.ParentID)
		if !ok {
			return swEntityWire{}, mesBad("parentId '%s' is not a GUID.", in.ParentID)
		}
		parent = g
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.byIDLocked(pkg)
	if err != nil {
		return swEntityWire{}, err
	}
	f := &swFolder{id: mesNewGUID(), parentID: parent, name: in.Name, modified: now.UTC()}
	p.folders = append(p.folders, f)
	return f.entityWire(), nil
}

// renameFolder renames a package folder.
func (s *softwareState) renameFolder(in swEntityIn, now time.Time) (swEntityWire, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.packages {
		for _, f := range p.folders {
			if strings.EqualFold(f.id, in.ID) {
				f.name, f.modified = in.Name, now.UTC()
				return f.entityWire(), nil
			}
		}
	}
	return swEntityWire{}, mesNotFound("Package folder '%s' was not found.", in.ID)
}

// deleteFolder drops a folder with its sub-folders and files.
func (s *softwareState) deleteFolder(id string) error {
	id = strings.ToLower(id)
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.packages {
		for _, f := range p.folders {
			if f.id == id {
				s.removeFolderLocked(p, id)
				return nil
			}
		}
	}
	return mesNotFound("Package folder '%s' was not found.", id)
}

func (s *softwareState) removeFolderLocked(p *swPackage, id string) {
	for _, f := range append([]*swFolder(nil), p.folders...) {
		if f.parentID == id {
			s.removeFolderLocked(p, f.id)
		}
	}
	keptF := p.folders[:0]
	for _, f := range p.folders {
		if f.id != id {
			keptF = append(keptF, f)
		}
	}
	p.folders = keptF
	kept := p.files[:0]
	for _, x := range p.files {
		if x.folderID == id {
			delete(s.repo, x.repoID)
			continue
		}
		kept = append(kept, x)
	}
	p.files = kept
}

// deleteFolderFiles removes package files by id (comma-separated list).
func (s *softwareState) deleteFolderFiles(list string) (int, error) {
	ids := map[string]bool{}
	for _, id := range strings.Split(list, ",") {
		if id = strings.ToLower(strings.TrimSpace(id)); id != "" {
			ids[id] = true
		}
	}
	if len(ids) == 0 {
		return 0, mesBad("The packageFolderFileIds parameter is required.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, p := range s.packages {
		kept := p.files[:0]
		for _, x := range p.files {
			if ids[x.id] {
				delete(s.repo, x.repoID)
				n++
				continue
			}
			kept = append(kept, x)
		}
		p.files = kept
	}
	if n != len(ids) {
		return n, mesNotFound("%d of %d package files were not found.", len(ids)-n, len(ids))
	}
	return n, nil
}

// history returns packages matching a tag filter, newest versions only unless all.
func (s *softwareState) history(tags string, status int, all bool) ([]swInternalPackageWire, error) {
	if tags == "" {
		return nil, mesBad("The tags parameter is required.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	newest := map[string]int{}
	for _, p := range s.packages {
		k := strings.ToLower(p.name)
		newest[k] = max(newest[k], p.version)
	}
	out := []swInternalPackageWire{}
	for _, p := range s.listLocked() {
		if (status >= 0 && swStatusInt(p.status) != status) || (!all && p.version != newest[strings.ToLower(p.name)]) || !swTagsMatch(p, tags) {
			continue
		}
		out = append(out, p.internalWire())
	}
	return out, nil
}

// swTagsMatch reports whether p carries every "name=value" pair of filter
// (pairs separated by ";"; name case-sensitive, value not). A pair with no
// "=" matches the tag name only.
func swTagsMatch(p *swPackage, filter string) bool {
	for _, part := range strings.Split(filter, ";") {
		if part = strings.TrimSpace(part); part == "" {
			continue
		}
		k, v, hasValue := strings.Cut(part, "=")
		var want *string
		if hasValue {
			want = &v
		}
		if !p.hasTag(k, want) {
			return false
		}
	}
	return true
}

// installedLocked resolves a comma-separated list of installed package ids.
func (s *softwareState) installedLocked(list string) ([]*swPackage, error) {
	if list == "" {
		return nil, mesBad("The installedPackages parameter is required.")
	}
	var out []*swPackage
	for _, id := range strings.Split(list, ",") {
		if g, ok := mesGUID(id); ok {
			if p, ok := s.packages[g]; ok {
				out = append(out, p)
			}
		}
	}
	return out, nil
}

// revoked returns the installed ids that are revoked or (unless only) superseded.
func (s *softwareState) revoked(list string, only bool) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	inst, err := s.installedLocked(list)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, p := range inst {
		superseded := false
		for _, q := range s.packages {
			if strings.EqualFold(q.name, p.name) && q.version > p.version && q.status == "Released" {
				superseded = true
			}
		}
		if p.status == "Revoked" || (!only && superseded) {
			out = append(out, p.id)
		}
	}
	return out, nil
}

// available returns, per name, the newest Released version above the installed one.
func (s *softwareState) available(list string) ([]swInternalPackageWire, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	inst, err := s.installedLocked(list)
	if err != nil {
		return nil, err
	}
	have := map[string]int{}
	for _, p := range inst {
		k := strings.ToLower(p.name)
		have[k] = max(have[k], p.version)
	}
	best := map[string]*swPackage{}
	for _, p := range s.listLocked() {
		k := strings.ToLower(p.name)
		if p.status == "Released" && p.version > have[k] && (best[k] == nil || p.version > best[k].version) {
			best[k] = p
		}
	}
	out := []swInternalPackageWire{}
	for _, k := range swSortedKeys(best) {
		out = append(out, best[k].internalWire())
	}
	return out, nil
}

// entities lists a package's folders and files as software entities.
func (s *softwareState) entities(pkg string) ([]swEntityWire, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.byIDLocked(pkg)
	if err != nil {
		return nil, err
	}
	out := []swEntityWire{}
	for _, f := range p.folders {
		out = append(out, f.entityWire())
	}
	for _, x := range p.files {
		out = append(out, x.entityWire())
	}
	return out, nil
}

// logDownload records that a package was downloaded.
func (s *softwareState) logDownload(pkg string, size int64, now time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.byIDLocked(pkg)
	if err != nil {
		return err
	}
	s.downloads = append(s.downloads, swDownload{PackageID: p.id, DownloadSize: size, At: mesTimeOf(now)})
	return nil
}

func (s *softwareState) downloadHistory() []swDownload {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]swDownload{}, s.downloads...)
}

// internalPackage returns the internal model of a package.
func (s *softwareState) internalPackage(pkg string) (swInternalPackageWire, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.byIDLocked(pkg)
	if err != nil {
		return swInternalPackageWire{}, err
	}
	return p.internalWire(), nil
}

func (e *Emulator) installSoftwareInternal() {
	for _, h := range []struct {
		method, path string
		fn           HandlerFunc
	}{
		{http.MethodGet, "/api/internal/Software/isConnected", e.swiIsConnected},
		{http.MethodGet, "/api/internal/Software/File/{id}", e.swiFile},
		{http.MethodGet, "/api/internal/Software/CheckFile", e.swiCheckFile},
		{http.MethodPost, "/api/internal/Software/PostPackageFolder", e.swiPostPackageFolder},
		{http.MethodPost, "/api/internal/Software/UpdatePackageFolder", e.swiUpdatePackageFolder},
		{http.MethodPost, "/api/internal/Software/DeletePackageFolder", e.swiDeletePackageFolder},
		{http.MethodPost, "/api/internal/Software/DeletePackageFolderFiles", e.swiDeletePackageFolderFiles},
		{http.MethodGet, "/api/internal/Software/GetPackageHistory", e.swiPackageHistory},
		{http.MethodGet, "/api/internal/Software/GetPackageDownloadHistory", e.swiDownloadHistory},
		{http.MethodGet, "/api/internal/Software/GetRevokedPackages", e.swiRevokedPackages},
		{http.MethodGet, "/api/internal/Software/GetAvailablePackages", e.swiAvailablePackages},
		{http.MethodGet, "/api/internal/Software/GetSoftwareEntityDetails", e.swiEntityDetails},
		{http.MethodGet, "/api/internal/Software/Log", e.swiLog},
		{http.MethodGet, "/api/internal/Software/GetPackage", e.swiGetPackage},
		{http.MethodGet, "/api/internal/Software/DownloadFile", e.swiDownloadFile},
	} {
		e.handle(h.method, h.path, h.fn)
	}
}

// swiIsConnected serves GET /api/internal/Software/isConnected.
func (e *Emulator) swiIsConnected(w http.ResponseWriter, r *http.Request, _ Params) {
	writeJSON(w, http.StatusOK, map[string]any{"connected": true})
}

// swiFile serves GET /api/internal/Software/File/{id}.
func (e *Emulator) swiFile(w http.ResponseWriter, r *http.Request, p Params) {
	out, err := e.software.fileMeta(p.Get("id"))
	swAnswer(w, out, err)
}

// swiCheckFile serves GET /api/internal/Software/CheckFile.
func (e *Emulator) swiCheckFile(w http.ResponseWriter, r *http.Request, _ Params) {
	if _, err := strconv.ParseInt(query(r, "fileDateEpoch"), 10, 64); err != nil {
		writeError(w, http.StatusBadRequest, "The fileDateEpoch parameter must be an integer.")
		return
	}
	exists, err := e.software.checkFile(query(r, "packageId"), query(r, "parentFolderId"), query(r, "filePath"), query(r, "checksum"))
	swAnswer(w, map[string]any{"exists": exists}, err)
}

// swiPostPackageFolder serves POST /api/internal/Software/PostPackageFolder.
func (e *Emulator) swiPostPackageFolder(w http.ResponseWriter, r *http.Request, _ Params) {
	var in swEntityIn
	if !readJSON(w, r, &in) {
		return
	}
	out, err := e.software.addFolder(query(r, "packageId"), in, e.now())
	swAnswer(w, out, err)
}

// swiUpdatePackageFolder serves POST /api/internal/Software/UpdatePackageFolder.
func (e *Emulator) swiUpdatePackageFolder(w http.ResponseWriter, r *http.Request, _ Params) {
	var in swEntityIn
	if !readJSON(w, r, &in) {
		return
	}
	out, err := e.software.renameFolder(in, e.now())
	swAnswer(w, out, err)
}

// swiDeletePackageFolder serves POST /api/internal/Software/DeletePackageFolder.
func (e *Emulator) swiDeletePackageFolder(w http.ResponseWriter, r *http.Request, _ Params) {
	id := query(r, "packageFolderId")
	swAnswer(w, map[string]any{"deleted": strings.ToLower(id)}, e.software.deleteFolder(id))
}

// swiDeletePackageFolderFiles serves POST /api/internal/Software/DeletePackageFolderFiles.
func (e *Emulator) swiDeletePackageFolderFiles(w http.ResponseWriter, r *http.Request, _ Params) {
	n, err := e.software.deleteFolderFiles(query(r, "packageFolderFileIds"))
	swAnswer(w, map[string]any{"deleted": n}, err)
}

// swiPackageHistory serves GET /api/internal/Software/GetPackageHistory.
func (e *Emulator) swiPackageHistory(w http.ResponseWriter, r *http.Request, _ Params) {
	status, ok := queryInt(w, r, "status", -1)
	if !ok {
		return
	}
	all, ok := queryBool(w, r, "allVersions", false)
	if !ok {
		return
	}
	out, err := e.software.history(query(r, "tags"), status, all)
	swAnswer(w, out, err)
}

// swiDownloadHistory serves GET /api/internal/Software/GetPackageDownloadHistory.
func (e *Emulator) swiDownloadHistory(w http.ResponseWriter, r *http.Request, _ Params) {
	id, ok := queryInt(w, r, "clientId", 0)
	if !ok {
		return
	}
	if id <= 0 {
		writeError(w, http.StatusBadRequest, "The clientId parameter is required.")
		return
	}
	writeJSON(w, http.StatusOK, e.software.downloadHistory())
}

// swiRevokedPackages serves GET /api/internal/Software/GetRevokedPackages.
func (e *Emulator) swiRevokedPackages(w http.ResponseWriter, r *http.Request, _ Params) {
	only, ok := queryBool(w, r, "includeRevokedOnly", false)
	if !ok {
		return
	}
	out, err := e.software.revoked(query(r, "installedPackages"), only)
	swAnswer(w, out, err)
}

// swiAvailablePackages serves GET /api/internal/Software/GetAvailablePackages.
func (e *Emulator) swiAvailablePackages(w http.ResponseWriter, r *http.Request, _ Params) {
	out, err := e.software.available(query(r, "installedPackages"))
	swAnswer(w, out, err)
}

// swiEntityDetails serves GET /api/internal/Software/GetSoftwareEntityDetails.
func (e *Emulator) swiEntityDetails(w http.ResponseWriter, r *http.Request, _ Params) {
	out, err := e.software.entities(query(r, "packageId"))
	swAnswer(w, out, err)
}

// swiLog serves GET /api/internal/Software/Log, a GET that records a download.
func (e *Emulator) swiLog(w http.ResponseWriter, r *http.Request, _ Params) {
	size, err := strconv.ParseInt(query(r, "downloadSize"), 10, 64)
	if err != nil {
		writeError(w, http.StatusBadRequest, "The downloadSize parameter must be an integer.")
		return
	}
	swAnswer(w, map[string]any{"logged": true}, e.software.logDownload(query(r, "packageId"), size, e.now()))
}

// swiGetPackage serves GET /api/internal/Software/GetPackage.
func (e *Emulator) swiGetPackage(w http.ResponseWriter, r *http.Request, _ Params) {
	out, err := e.software.internalPackage(query(r, "packageId"))
	swAnswer(w, out, err)
}

// swiDownloadFile serves GET /api/internal/Software/DownloadFile with the file's bytes.
func (e *Emulator) swiDownloadFile(w http.ResponseWriter, r *http.Request, _ Params) {
	data, err := e.software.repoFile(query(r, "repositoryFolderFileId"))
	if err != nil {
		mesWriteError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	_, _ = w.Write(data)
}
