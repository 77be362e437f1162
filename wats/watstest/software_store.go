package watstest

import (
	"crypto/md5"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// softwareState is the software domain's store. Its methods lock it
// themselves; the handlers only translate HTTP to these calls.
//
// Semantics chosen where the server's documents are silent:
//   - Creating a package whose name exists creates the next version (the
//     document's rule); versions count per name, case-insensitively.
//   - PUT /api/Software/Package/{id} overwrites the members it is given
//     and keeps absent ones; in Pending or Released only status and tags
//     may change.
//   - Files can be uploaded only to a Draft package.
//   - The file checksum is MD5 of the content.
type softwareState struct {
	mu        sync.Mutex
	packages  map[string]*swPackage // by lower-case id
	order     []string
	repo      map[string]*swFile // repository files by lower-case id
	vfolders  []VirtualFolder
	downloads []swDownload
}

type swDownload struct {
	PackageID    string   `json:"packageId"`
	DownloadSize int64    `json:"downloadSize"`
	At           *mesTime `json:"downloaded"`
}

func newSoftwareState() *softwareState {
	return &softwareState{packages: map[string]*swPackage{}, repo: map[string]*swFile{}}
}

// WithVirtualFolders seeds the virtual folders GET /api/Software/VirtualFolders
// lists. A folder whose ID or ParentID is not a GUID is refused (see SeedErr).
func WithVirtualFolders(folders ...VirtualFolder) Option {
	return func(e *Emulator) {
		for i, f := range folders {
			if err := e.software.addVirtualFolder(f); err != nil {
				e.recordSeedError(fmt.Errorf("WithVirtualFolders: folder %d: %w", i, err))
			}
		}
	}
}

func (s *softwareState) addVirtualFolder(f VirtualFolder) error {
	id, ok := mesGUID(f.ID)
	if !ok {
		return mesBad("id '%s' is not a GUID.", f.ID)
	}
	f.ID = id
	if f.ParentID != "" {
		if f.ParentID, ok = mesGUID(f.ParentID); !ok {
			return mesBad("parentId of '%s' is not a GUID.", f.Name)
		}
	}
	s.mu.Lock()
	s.vfolders = append(s.vfolders, f)
	s.mu.Unlock()
	return nil
}

func (s *softwareState) virtualFolders() []swVirtualFolderWire {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]swVirtualFolderWire, 0, len(s.vfolders))
	for _, f := range s.vfolders {
		out = append(out, swVirtualFolderWire{ID: f.ID, ParentID: mesStr(f.ParentID), Name: f.Name, Description: mesStr(f.Description)})
	}
	return out
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

// swAttrName canonicalises an attribute name (case-insensitive), "" when unknown.
func swAttrName(a string) string {
	for _, k := range swAttributes {
		if strings.EqualFold(k, a) {
			return k
		}
	}
	return ""
}

func swAttrInt(a string) int {
	for i, k := range swAttributes {
		if k == a {
			return i
		}
	}
	return 0
}

// swPackageIn is a POST or PUT body; pointers tell absent from given.
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

func (s *softwareState) byIDLocked(id string) (*swPackage, error) {
	if g, ok := mesGUID(id); ok {
		if p, ok := s.packages[g]; ok {
			return p, nil
		}
	}
	return nil, mesNotFound("Package '%s' was not found.", id)
}

func (s *softwareState) listLocked() []*swPackage {
	out := make([]*swPackage, 0, len(s.order))
	for _, id := range s.order {
		out = append(out, s.packages[id])
	}
	return out
}

// view runs read on the package id names and returns its public form.
func (s *softwareState) get(id string) (swPackageWire, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.byIDLocked(id)
	if err != nil {
		return swPackageWire{}, err
	}
	return p.wire(), nil
}

// list returns every package version in creation order.
func (s *softwareState) list() []swPackageWire {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []swPackageWire{}
	for _, p := range s.listLocked() {
		out = append(out, p.wire())
	}
	return out
}

// byName returns the highest version named name in status (version 0), or
// that version.
func (s *softwareState) byName(name, status string, version int) (swPackageWire, error) {
	st := swStatusName(status)
	if name == "" || st == "" {
		return swPackageWire{}, mesBad("The name and status (Draft, Pending, Released, Revoked) parameters are required.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var best *swPackage
	for _, p := range s.listLocked() {
		if strings.EqualFold(p.name, name) && p.status == st && (version == 0 || p.version == version) && (best == nil || p.version > best.version) {
			best = p
		}
	}
	if best == nil {
		return swPackageWire{}, mesNotFound("No %s package named '%s' was found.", st, name)
	}
	return best.wire(), nil
}

// byTag returns the packages in status carrying tag "name=value" (name
// case-sensitive, value not).
func (s *softwareState) byTag(tag, status string) ([]swPackageWire, error) {
	key, value, hasEq := strings.Cut(tag, "=")
	st := swStatusName(status)
	if !hasEq || key == "" || st == "" {
		return nil, mesBad("The tag (name=value) and status parameters are required.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []swPackageWire{}
	for _, p := range s.listLocked() {
		if p.status == st && p.hasTag(key, &value) {
			out = append(out, p.wire())
		}
	}
	return out, nil
}

// hasTag reports whether p carries key (with value, case-insensitively, unless nil).
func (p *swPackage) hasTag(key string, value *string) bool {
	for _, t := range p.tags {
		if t.Key == key && (value == nil || t.Value != nil && strings.EqualFold(*t.Value, *value)) {
			return true
		}
	}
	return false
}

// create stores a new Draft package, the next version of its name.
func (s *softwareState) create(in swPackageIn, now time.Time, user string) (swPackageWire, error) {
	if in.Name == nil || strings.TrimSpace(*in.Name) == "" {
		return swPackageWire{}, mesBad("Package name is required.")
	}
	if err := in.checkFolder(); err != nil {
		return swPackageWire{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	now = now.UTC()
	p := &swPackage{id: mesNewGUID(), name: *in.Name, version: 1, status: "Draft", created: now, createdBy: user, modified: now, modifiedBy: user}
	for _, q := range s.packages {
		if strings.EqualFold(q.name, p.name) && q.version >= p.version {
			p.version = q.version + 1
		}
	}
	p.edit(&in)
	s.packages[p.id] = p
	s.order = append(s.order, p.id)
	return p.wire(), nil
}

func (in *swPackageIn) checkFolder() error {
	if in.VirtualFolderID == nil || *in.VirtualFolderID == "" {
		return nil
	}
	g, ok := mesGUID(*in.VirtualFolderID)
	if !ok {
		return mesBad("virtualFolderId '%s' is not a GUID.", *in.VirtualFolderID)
	}
	in.VirtualFolderID = &g
	return nil
}

// update overwrites a package's configuration.
func (s *softwareState) update(id string, in swPackageIn, now time.Time, user string) error {
	if err := in.checkFolder(); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.byIDLocked(id)
	if err != nil {
		return err
	}
	if p.status != "Draft" && p.configChanges(&in) {
		return mesBad("A %s package only allows changes to status and tags.", p.status)
	}
	if in.Status != nil && *in.Status != "" {
		to := swStatusName(*in.Status)
		if to == "" {
			return mesBad("Unknown package status '%s'.", *in.Status)
		}
		if to != p.status {
			if err := p.setStatus(to, user, now); err != nil {
				return err
			}
		}
	}
	p.edit(&in)
	p.modified, p.modifiedBy = now.UTC(), user
	return nil
}

func (p *swPackage) edit(in *swPackageIn) {
	for _, f := range []struct {
		dst *string
		src *string
	}{{&p.description, in.Description}, {&p.rootDirectory, in.RootDirectory}, {&p.virtualFolderID, in.VirtualFolderID}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	if in.Name != nil && *in.Name != "" {
		p.name = *in.Name
	}
	if in.InstallOnRoot != nil {
		p.installOnRoot = *in.InstallOnRoot
	}
	if in.Priority != nil {
		p.priority = *in.Priority
	}
	if in.Tags != nil {
		p.tags = nil
		for _, t := range *in.Tags {
			if t.Change != 3 {
				p.tags = append(p.tags, swTag{Key: t.Key, Value: t.Value})
			}
		}
	}
}

// configChanges reports whether in changes anything but status and tags.
func (p *swPackage) configChanges(in *swPackageIn) bool {
	neq := func(a *string, b string) bool { return a != nil && *a != b }
	return neq(in.Name, p.name) || neq(in.Description, p.description) || neq(in.RootDirectory, p.rootDirectory) ||
		neq(in.VirtualFolderID, p.virtualFolderID) || (in.InstallOnRoot != nil && *in.InstallOnRoot != p.installOnRoot) ||
		(in.Priority != nil && *in.Priority != p.priority)
}

// setStatus applies a transition, stamping release and revoke times.
func (p *swPackage) setStatus(to, user string, now time.Time) error {
	if !swAllowed(p.status, to) {
		return mesBad("Cannot change package status from %s to %s.", p.status, to)
	}
	now = now.UTC()
	p.status = to
	switch to {
	case "Released":
		p.released, p.releasedBy = now, user
	case "Revoked":
		p.revoked, p.revokedBy = now, user
	}
	p.modified, p.modifiedBy = now, user
	return nil
}

// changeStatus serves POST /api/Software/PackageStatus/{id}.
func (s *softwareState) changeStatus(id, status string, now time.Time, user string) (swPackageWire, error) {
	to := swStatusName(status)
	if to == "" {
		return swPackageWire{}, mesBad("The status parameter must be Draft, Pending, Released or Revoked.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.byIDLocked(id)
	if err != nil {
		return swPackageWire{}, err
	}
	if to == p.status {
		return swPackageWire{}, mesBad("Package is already %s.", to)
	}
	if err := p.setStatus(to, user, now); err != nil {
		return swPackageWire{}, err
	}
	return p.wire(), nil
}

// remove deletes the package id names; only Draft and Revoked packages go.
func (s *softwareState) remove(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.byIDLocked(id)
	if err != nil {
		return err
	}
	return s.removeLocked(p)
}

// removeByName deletes one version of a package by name.
func (s *softwareState) removeByName(name string, version int) error {
	if name == "" || version < 1 {
		return mesBad("The name and version parameters are required.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.listLocked() {
		if strings.EqualFold(p.name, name) && p.version == version {
			return s.removeLocked(p)
		}
	}
	return mesNotFound("Package '%s' version %d was not found.", name, version)
}

func (s *softwareState) removeLocked(p *swPackage) error {
	if p.status != "Draft" && p.status != "Revoked" {
		return mesBad("Only Draft or Revoked packages can be deleted; '%s' version %d is %s.", p.name, p.version, p.status)
	}
	for _, x := range p.files {
		delete(s.repo, x.repoID)
	}
	delete(s.packages, p.id)
	kept := s.order[:0]
	for _, id := range s.order {
		if id != p.id {
			kept = append(kept, id)
		}
	}
	s.order = kept
	return nil
}

// packageFiles lists a package's file metadata.
func (s *softwareState) packageFiles(id string) ([]swPackageFileWire, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.byIDLocked(id)
	if err != nil {
		return nil, err
	}
	out := []swPackageFileWire{}
	for _, x := range p.files {
		out = append(out, swPackageFileWire{PackageFileID: x.id, Name: x.name, PackageFolderName: mesStr(p.folderPath(x.folderID)), Attributes: x.attribute})
	}
	return out, nil
}

// setAttribute sets the attribute of one package file.
func (s *softwareState) setAttribute(fileID, attribute string) error {
	attr := swAttrName(attribute)
	if attr == "" {
		return mesBad("Unknown file attribute '%s'.", attribute)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, p := range s.packages {
		for _, x := range p.files {
			if strings.EqualFold(x.id, fileID) {
				x.attribute = attr
				return nil
			}
		}
	}
	return mesNotFound("Package file '%s' was not found.", fileID)
}

// swZipEntry is one file of an uploaded zip.
type swZipEntry struct {
	dir, name string
	data      []byte
}

// addFiles merges (or, clean, replaces) a Draft package's files.
func (s *softwareState) addFiles(id string, entries []swZipEntry, clean bool, now time.Time, user string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, err := s.byIDLocked(id)
	if err != nil {
		return err
	}
	if p.status != "Draft" {
		return mesBad("Files can only be uploaded to a Draft package; this one is %s.", p.status)
	}
	now = now.UTC()
	if clean {
		for _, x := range p.files {
			delete(s.repo, x.repoID)
		}
		p.files, p.folders = nil, nil
	}
	for _, en := range entries {
		folder := p.ensureFolder(en.dir, now)
		sum := md5.Sum(en.data)
		var file *swFile
		for _, x := range p.files {
			if x.folderID == folder && x.name == en.name {
				file = x
				delete(s.repo, x.repoID)
			}
		}
		if file == nil {
			file = &swFile{id: mesNewGUID(), folderID: folder, name: en.name, attribute: "None"}
			p.files = append(p.files, file)
		}
		file.repoID, file.data, file.sum, file.uploaded = mesNewGUID(), en.data, sum[:], now
		s.repo[file.repoID] = file
	}
	p.modified, p.modifiedBy = now, user
	return nil
}

// folderPath is the slash path of a folder inside its package.
func (p *swPackage) folderPath(id string) string {
	for _, f := range p.folders {
		if f.id == id {
			if f.parentID == "" {
				return f.name
			}
			return p.folderPath(f.parentID) + "/" + f.name
		}
	}
	return ""
}

// ensureFolder returns the id of the folder at slash path dir, creating it.
func (p *swPackage) ensureFolder(dir string, now time.Time) string {
	parent := ""
	for _, name := range strings.Split(dir, "/") {
		found := ""
		for _, f := range p.folders {
			if f.parentID == parent && f.name == name {
				found = f.id
				break
			}
		}
		if found == "" {
			found = mesNewGUID()
			p.folders = append(p.folders, &swFolder{id: found, parentID: parent, name: name, modified: now})
		}
		parent = found
	}
	return parent
}

// swSortedKeys returns the keys of m in order.
func swSortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
