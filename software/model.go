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

// Package statuses (spec software §4.1).
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

// File attributes (spec software §4.2).
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
	Key   string `json:"key"`
	Value string `json:"value,omitempty"`
	// Change marks what an update does with the tag: 0 none, 1 add,
	// 2 update, 3 delete.
	Change int `json:"change,omitempty"`
}

// Package is a software package (public model). Server-set fields are
// ignored on create. Note the wire names created/modified (not ...Utc).
type Package struct {
	PackageID       string    `json:"packageId,omitempty"`
	Name            string    `json:"name"`
	InstallOnRoot   bool      `json:"installOnRoot"`
	Version         int       `json:"version,omitempty"`
	Description     string    `json:"description,omitempty"`
	RootDirectory   string    `json:"rootDirectory,omitempty"`
	Tags            []Setting `json:"tags,omitempty"`
	Modified        *Time     `json:"modified,omitempty"`
	ModifiedBy      string    `json:"modifiedBy,omitempty"`
	Status          Status    `json:"status,omitempty"`
	Priority        int       `json:"priority"`
	VirtualFolderID string    `json:"virtualFolderId,omitempty"`
	Created         *Time     `json:"created,omitempty"`
	CreatedBy       string    `json:"createdBy,omitempty"`
	Released        *Time     `json:"released,omitempty"`
	ReleasedBy      string    `json:"releasedBy,omitempty"`
	Revoked         *Time     `json:"revoked,omitempty"`
	RevokedBy       string    `json:"revokedBy,omitempty"`
}

// PackageFile is file metadata from Files. Its PackageFileID is the id
// SetFileAttribute takes. Note "Description" with a capital D on the wire.
type PackageFile struct {
	PackageFileID     string `json:"packageFileId"`
	Name              string `json:"name"`
	PackageFolderName string `json:"packageFolderName,omitempty"`
	Attributes        string `json:"attributes,omitempty"`
	Description       string `json:"Description,omitempty"`
}

// VirtualFolder is a Production Manager folder; the list is flat with
// ParentID links.
type VirtualFolder struct {
	ID          string `json:"id"`
	ParentID    string `json:"parentId,omitempty"`
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
}

// InternalPackage is the PascalCase package model of the internal routes
// (integer Status; Tags as the server's string form).
type InternalPackage struct {
	PackageID             string            `json:"PackageId"`
	Name                  string            `json:"Name"`
	PackageFolder         bool              `json:"PackageFolder"`
	Version               int               `json:"Version"`
	Description           string            `json:"Description"`
	RootDirectory         string            `json:"RootDirectory"`
	Tags                  string            `json:"Tags"`
	Modified              *Time             `json:"Modified,omitempty"`
	ModifiedBy            string            `json:"ModifiedBy"`
	Status                int               `json:"Status"`
	Priority              int               `json:"Priority"`
	VirtualFolderID       string            `json:"VirtualFolderId"`
	VirtualFolder         json.RawMessage   `json:"VirtualFolder,omitempty"`
	PackageFolders        []PackageFolder   `json:"PackageFolders"`
	PackageSiteRelations  []json.RawMessage `json:"PackageSiteRelations,omitempty"`
	IsRestricted          bool              `json:"IsRestricted"`
	Validation            json.RawMessage   `json:"Validation,omitempty"`
	ValidationDescription string            `json:"ValidationDescription"`
	Created               *Time             `json:"Created,omitempty"`
	CreatedBy             string            `json:"CreatedBy"`
	Released              *Time             `json:"Released,omitempty"`
	ReleasedBy            string            `json:"ReleasedBy"`
	Revoked               *Time             `json:"Revoked,omitempty"`
	RevokedBy             string            `json:"RevokedBy"`
}

// PackageFolder is a folder inside a package (internal model); folders nest.
type PackageFolder struct {
	PackageFolderID    string              `json:"PackageFolderId"`
	PackageID          string              `json:"PackageId"`
	ParentFolderID     string              `json:"ParentFolderId"`
	Name               string              `json:"Name"`
	Modified           *Time               `json:"Modified,omitempty"`
	PackageFolders     []PackageFolder     `json:"PackageFolders"`
	PackageFolderFiles []PackageFolderFile `json:"PackageFolderFiles"`
}

// PackageFolderFile places a repository file in a package folder (internal model).
type PackageFolderFile struct {
	PackageFolderFileID    string                `json:"PackageFolderFileId"`
	PackageFolderID        string                `json:"PackageFolderId"`
	RepositoryFolderFileID string                `json:"RepositoryFolderFileId"`
	Attributes             int                   `json:"Attributes"`
	RepositoryFolderFile   *RepositoryFolderFile `json:"RepositoryFolderFile,omitempty"`
}

// RepositoryFolderFile is the stored file content's metadata (internal
// model). Checksum is the digest bytes (base64 on the wire).
type RepositoryFolderFile struct {
	RepositoryFolderFileID string `json:"RepositoryFolderFileId"`
	Name                   string `json:"Name"`
	Version                int    `json:"Version"`
	Description            string `json:"Description"`
	Valid                  bool   `json:"Valid"`
	Uploaded               *Time  `json:"Uploaded,omitempty"`
	FileModifiedDate       *Time  `json:"FileModifiedDate,omitempty"`
	Checksum               []byte `json:"Checksum"`
	FileVersion            string `json:"FileVersion"`
	FileSize               int64  `json:"FileSize"`
}

// Entity is a file or folder of a package as SWI4/SWI5 exchange it.
// Which Type value means folder is unverified; the emulator uses
// EntityFolder = 0 and EntityFile = 1.
type Entity struct {
	ID                     string `json:"id,omitempty"`
	Type                   int    `json:"type"`
	ParentID               string `json:"parentId,omitempty"`
	Name                   string `json:"name"`
	FileVersion            string `json:"fileVersion,omitempty"`
	RepositoryVersion      int    `json:"repositoryVersion,omitempty"`
	FileSize               int64  `json:"fileSize,omitempty"`
	LastModifiedDate       *Time  `json:"lastModifiedDate,omitempty"`
	UploadedDate           *Time  `json:"uploadedDate,omitempty"`
	Attributes             int    `json:"attributes,omitempty"`
	RepositoryFolderFileID string `json:"repositoryFolderFileId,omitempty"`
	Valid                  bool   `json:"valid,omitempty"`
	Information            string `json:"information,omitempty"`
}

// Entity types as the emulator interprets them (unverified on a real server).
const (
	EntityFolder = 0
	EntityFile   = 1
)
