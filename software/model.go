package software

import (
	"encoding/json"
	"strings"

	"github.com/watsgo/sdk/internal/wiretime"
)

// Time is a server date-time; it accepts values with or without a zone
// (no zone means UTC).
type Time = wiretime.Time

// Status is a package status as the public routes spell it.
type Status string

// Package statuses.
const (
	StatusDraft    Status = "Draft"
	StatusPending  Status = "Pending"
	StatusReleased Status = "Released"
	StatusRevoked  Status = "Revoked"
)

var statusInts = map[Status]int{StatusDraft: 0, StatusPending: 1, StatusReleased: 2, StatusRevoked: 3}

// Int returns the integer the internal routes use for s, or -1 when s is
// not one of the four statuses.
func (s Status) Int() int {
	if n, ok := statusInts[s]; ok {
		return n
	}
	return -1
}

// StatusFromInt maps an internal integer status to its name ("" when unknown).
func StatusFromInt(n int) Status {
	for s, i := range statusInts {
		if i == n {
			return s
		}
	}
	return ""
}

// Valid reports whether s is one of the four statuses.
func (s Status) Valid() bool { return s.Int() >= 0 }

// FileAttribute is an attribute name for package files (case-insensitive
// on the server).
type FileAttribute string

// File attributes.
const (
	AttributeNone                         FileAttribute = "None"
	AttributeExecuteOnce                  FileAttribute = "ExecuteOnce"
	AttributeExecuteAlways                FileAttribute = "ExecuteAlways"
	AttributeTopLevelFile                 FileAttribute = "TopLevelFile"
	AttributeOverwriteNever               FileAttribute = "OverwriteNever"
	AttributeOverwriteOnNewPackageVersion FileAttribute = "OverwriteOnNewPackageVersion"
	AttributeExecuteOncePerVersion        FileAttribute = "ExecuteOncePerVersion"
)

var attributes = []FileAttribute{AttributeNone, AttributeExecuteOnce, AttributeExecuteAlways, AttributeTopLevelFile,
	AttributeOverwriteNever, AttributeOverwriteOnNewPackageVersion, AttributeExecuteOncePerVersion}

// Valid reports whether a is a known attribute name, ignoring case.
func (a FileAttribute) Valid() bool {
	for _, k := range attributes {
		if strings.EqualFold(string(k), string(a)) {
			return true
		}
	}
	return false
}

// Setting is a key/value tag on a package.
type Setting struct {
	Key   string `json:"key"`             // tag name (key)
	Value string `json:"value,omitempty"` // tag value (value)
	// Change marks what an update does with the tag: 0 none, 1 add,
	// 2 update, 3 delete.
	Change int `json:"change,omitempty"`
}

// Package is a software package (public model). Server-set fields are
// ignored on create. Note the wire names created/modified (not ...Utc).
type Package struct {
	PackageID       string    `json:"packageId,omitempty"`       // package uuid, server-assigned (packageId)
	Name            string    `json:"name"`                      // package name, required on create (name)
	InstallOnRoot   bool      `json:"installOnRoot"`             // whether to install on the root (installOnRoot)
	Version         int       `json:"version,omitempty"`         // version, server-assigned, increments per name (version)
	Description     string    `json:"description,omitempty"`     // description (description)
	RootDirectory   string    `json:"rootDirectory,omitempty"`   // install root on the station (rootDirectory)
	Tags            []Setting `json:"tags,omitempty"`            // key/value tags (tags)
	Modified        *Time     `json:"modified,omitempty"`        // last change (modified, not modifiedUtc)
	ModifiedBy      string    `json:"modifiedBy,omitempty"`      // who changed it last (modifiedBy)
	Status          Status    `json:"status,omitempty"`          // Draft, Pending, Released or Revoked (status)
	Priority        int       `json:"priority"`                  // installation priority (priority)
	VirtualFolderID string    `json:"virtualFolderId,omitempty"` // uuid of the virtual folder it is placed in (virtualFolderId)
	Created         *Time     `json:"created,omitempty"`         // creation time (created, not createdUtc)
	CreatedBy       string    `json:"createdBy,omitempty"`       // creator (createdBy)
	Released        *Time     `json:"released,omitempty"`        // release time (released)
	ReleasedBy      string    `json:"releasedBy,omitempty"`      // who released it (releasedBy)
	Revoked         *Time     `json:"revoked,omitempty"`         // revocation time (revoked)
	RevokedBy       string    `json:"revokedBy,omitempty"`       // who revoked it (revokedBy)
}

// PackageFile is file metadata from Files. Its PackageFileID is the id
// SetFileAttribute takes. Note "Description" with a capital D on the wire.
type PackageFile struct {
	PackageFileID     string `json:"packageFileId"`               // file id, the one SetFileAttribute takes (packageFileId)
	Name              string `json:"name"`                        // file name (name)
	PackageFolderName string `json:"packageFolderName,omitempty"` // folder inside the package (packageFolderName)
	Attributes        string `json:"attributes,omitempty"`        // attribute name(s), see FileAttribute (attributes)
	Description       string `json:"Description,omitempty"`       // description (Description, capital D)
}

// VirtualFolder is a Production Manager folder; the list is flat with
// ParentID links.
type VirtualFolder struct {
	ID          string `json:"id"`                    // folder uuid (id)
	ParentID    string `json:"parentId,omitempty"`    // parent folder uuid, empty at the root (parentId)
	Name        string `json:"name"`                  // folder name (name)
	Description string `json:"description,omitempty"` // folder description (description)
}

// InternalPackage is the PascalCase package model of the internal routes
// (integer Status; Tags as the server's string form).
type InternalPackage struct {
	PackageID             string                `json:"PackageId"`                      // package uuid (PackageId)
	Name                  string                `json:"Name"`                           // package name (Name)
	PackageFolder         bool                  `json:"PackageFolder"`                  // wire PackageFolder (bool, passed through)
	Version               int                   `json:"Version"`                        // version (Version)
	Description           string                `json:"Description"`                    // description (Description)
	RootDirectory         string                `json:"RootDirectory"`                  // install root on the station (RootDirectory)
	Tags                  string                `json:"Tags"`                           // tags as a string, presumably <PackageInfo> XML (Tags)
	Modified              *Time                 `json:"Modified,omitempty"`             // last change (Modified)
	ModifiedBy            string                `json:"ModifiedBy"`                     // who changed it last (ModifiedBy)
	Status                int                   `json:"Status"`                         // status as an integer, 0 Draft to 3 Revoked (Status)
	Priority              int                   `json:"Priority"`                       // installation priority (Priority)
	VirtualFolderID       string                `json:"VirtualFolderId"`                // uuid of its virtual folder (VirtualFolderId)
	VirtualFolder         *InternalFolder       `json:"VirtualFolder,omitempty"`        // the virtual folder when the server includes it (VirtualFolder)
	PackageFolders        []PackageFolder       `json:"PackageFolders"`                 // top-level folders of the package (PackageFolders)
	PackageSiteRelations  []PackageSiteRelation `json:"PackageSiteRelations,omitempty"` // the sites the package is limited to (PackageSiteRelations)
	IsRestricted          bool                  `json:"IsRestricted"`                   // server-set restriction flag (IsRestricted, read-only)
	Validation            string                `json:"Validation,omitempty"`           // server-set validation result (Validation, read-only)
	ValidationDescription string                `json:"ValidationDescription"`          // server-set validation text (ValidationDescription, read-only)
	Created               *Time                 `json:"Created,omitempty"`              // creation time (Created)
	CreatedBy             string                `json:"CreatedBy"`                      // creator (CreatedBy)
	Released              *Time                 `json:"Released,omitempty"`             // release time (Released)
	ReleasedBy            string                `json:"ReleasedBy"`                     // who released it (ReleasedBy)
	Revoked               *Time                 `json:"Revoked,omitempty"`              // revocation time (Revoked)
	RevokedBy             string                `json:"RevokedBy"`                      // who revoked it (RevokedBy)
}

// PackageSiteRelation limits an internal package to one site.
type PackageSiteRelation struct {
	PackageSiteRelationID string           `json:"PackageSiteRelationId"` // relation uuid (PackageSiteRelationId)
	SiteCode              string           `json:"SiteCode"`              // the site (SiteCode)
	PackageID             string           `json:"PackageId"`             // the package uuid (PackageId)
	Package               *InternalPackage `json:"Package,omitempty"`     // the package when the server includes it (Package)
}

// InternalFolder is a Production Manager folder as the internal routes
// describe it (the internal VirtualFolder model). The workflow and test
// sequence definitions it can carry belong to other parts of the server and
// are kept as raw JSON.
type InternalFolder struct {
	ID                     string            `json:"id"`                               // folder uuid (id)
	ParentID               string            `json:"parentId,omitempty"`               // parent folder uuid (parentId)
	Name                   string            `json:"name"`                             // folder name (name)
	Description            string            `json:"description,omitempty"`            // folder description (description)
	Type                   int               `json:"type"`                             // folder type (type)
	ImageURL               string            `json:"imageUrl,omitempty"`               // folder icon, server-set (imageUrl, read-only)
	VirtualFolders         []InternalFolder  `json:"virtualFolders,omitempty"`         // sub-folders (virtualFolders)
	Packages               []InternalPackage `json:"Packages,omitempty"`               // packages in the folder (Packages)
	Children               []InternalFolder  `json:"Children,omitempty"`               // child folders (Children)
	WorkflowDefinition     json.RawMessage   `json:"WorkflowDefinition,omitempty"`     // workflow definition, raw (WorkflowDefinition)
	TestSequenceDefinition json.RawMessage   `json:"TestSequenceDefinition,omitempty"` // test sequence definition, raw (TestSequenceDefinition)
}

// PackageFolder is a folder inside a package (internal model); folders nest.
type PackageFolder struct {
	PackageFolderID    string              `json:"PackageFolderId"`          // folder id (PackageFolderId)
	PackageID          string              `json:"PackageId"`                // owning package id (PackageId)
	ParentFolderID     string              `json:"ParentFolderId,omitempty"` // parent folder id, empty at the top (ParentFolderId)
	Name               string              `json:"Name"`                     // folder name (Name)
	Modified           *Time               `json:"Modified,omitempty"`       // last change (Modified)
	Parent             *PackageFolder      `json:"Parent,omitempty"`         // the parent folder when the server includes it (Parent)
	PackageFolders     []PackageFolder     `json:"PackageFolders"`           // sub-folders (PackageFolders)
	PackageFolderFiles []PackageFolderFile `json:"PackageFolderFiles"`       // files in this folder (PackageFolderFiles)
}

// PackageFolderFile places a repository file in a package folder (internal model).
type PackageFolderFile struct {
	PackageFolderFileID    string                `json:"PackageFolderFileId"`            // id of this placement (PackageFolderFileId)
	PackageFolderID        string                `json:"PackageFolderId"`                // folder the file is in (PackageFolderId)
	RepositoryFolderFileID string                `json:"RepositoryFolderFileId"`         // id of the stored file (RepositoryFolderFileId)
	Attributes             int                   `json:"Attributes"`                     // file attribute bits as an int; the SDK maps no names (Attributes)
	RepositoryFolderFile   *RepositoryFolderFile `json:"RepositoryFolderFile,omitempty"` // the stored file's metadata (RepositoryFolderFile)
}

// RepositoryFolderFile is the stored file content's metadata (internal
// model). Checksum is the digest bytes (base64 on the wire).
type RepositoryFolderFile struct {
	RepositoryFolderFileID string `json:"RepositoryFolderFileId"`     // stored file id, used to download (RepositoryFolderFileId)
	Name                   string `json:"Name"`                       // file name (Name)
	Version                int    `json:"Version"`                    // version (Version)
	Description            string `json:"Description"`                // description (Description)
	Valid                  bool   `json:"Valid"`                      // validity flag (Valid)
	Uploaded               *Time  `json:"Uploaded,omitempty"`         // upload time (Uploaded)
	FileModifiedDate       *Time  `json:"FileModifiedDate,omitempty"` // the file's modification date (FileModifiedDate)
	Checksum               []byte `json:"Checksum"`                   // digest bytes (Checksum, base64 on the wire)
	FileVersion            string `json:"FileVersion"`                // file version (FileVersion)
	FileSize               int64  `json:"FileSize"`                   // size in bytes (FileSize)
}

// Entity is a file or folder of a package as SWI4/SWI5 exchange it.
// The SDK reads Type as EntityFolder = 0 and EntityFile = 1 (as does the
// emulator).
type Entity struct {
	ID                     string `json:"id,omitempty"`                     // entity uuid (id)
	Type                   int    `json:"type"`                             // folder or file, see EntityFolder (type)
	ParentID               string `json:"parentId,omitempty"`               // parent folder uuid (parentId)
	Name                   string `json:"name"`                             // display name (name)
	FileVersion            string `json:"fileVersion,omitempty"`            // file version (fileVersion)
	RepositoryVersion      int    `json:"repositoryVersion,omitempty"`      // repository version (repositoryVersion)
	FileSize               int64  `json:"fileSize,omitempty"`               // size in bytes (fileSize)
	LastModifiedDate       *Time  `json:"lastModifiedDate,omitempty"`       // last modification (lastModifiedDate)
	UploadedDate           *Time  `json:"uploadedDate,omitempty"`           // upload time, files only (uploadedDate)
	Attributes             int    `json:"attributes,omitempty"`             // file attribute bits as an int; the SDK maps no names (attributes)
	RepositoryFolderFileID string `json:"repositoryFolderFileId,omitempty"` // stored file id, used to download (repositoryFolderFileId)
	Valid                  bool   `json:"valid,omitempty"`                  // upload validity (valid)
	Information            string `json:"information,omitempty"`            // information text (information)
}

// Entity types: the SDK's reading, which the emulator follows.
const (
	EntityFolder = 0
	EntityFile   = 1
)
