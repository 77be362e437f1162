package watstest

import (
	"strings"
	"time"
)

// Software records and the wire forms the software routes answer with,
// member for member as the server's documents define them: the public
// models Mes.Software.Public.Package, .PackageFile and Mes.Public.
// VirtualFolder (camelCase, status as a name) and the internal
// Mes.Software.Package tree (PascalCase, status as an integer). Unset
// references are null, never "".

// swPackage is one stored package version.
type swPackage struct {
	id, name, description, rootDirectory, virtualFolderID string
	version, priority                                     int
	installOnRoot                                         bool
	tags                                                  []swTag
	status                                                string
	created, modified, released, revoked                  time.Time
	createdBy, modifiedBy, releasedBy, revokedBy          string
	folders                                               []*swFolder
	files                                                 []*swFile
}

// swTag is a Mes.Product.Setting: key, value and change.
type swTag struct {
	Key    string  `json:"key"`
	Value  *string `json:"value"`
	Change int     `json:"change"`
}

type swFolder struct {
	id, parentID, name string
	modified           time.Time
}

type swFile struct {
	id, repoID, folderID, name, attribute string
	data, sum                             []byte
	uploaded                              time.Time
}

// swPackageWire is Mes.Software.Public.Package.
type swPackageWire struct {
	PackageID       string   `json:"packageId"`
	Name            string   `json:"name"`
	InstallOnRoot   bool     `json:"installOnRoot"`
	Version         int      `json:"version"`
	Description     *string  `json:"description"`
	RootDirectory   *string  `json:"rootDirectory"`
	Tags            []swTag  `json:"tags"`
	Modified        *mesTime `json:"modified"`
	ModifiedBy      *string  `json:"modifiedBy"`
	Status          string   `json:"status"`
	Priority        int      `json:"priority"`
	VirtualFolderID *string  `json:"virtualFolderId"`
	Created         *mesTime `json:"created"`
	CreatedBy       *string  `json:"createdBy"`
	Released        *mesTime `json:"released"`
	ReleasedBy      *string  `json:"releasedBy"`
	Revoked         *mesTime `json:"revoked"`
	RevokedBy       *string  `json:"revokedBy"`
}

// swPackageFileWire is Mes.Software.Public.PackageFile.
type swPackageFileWire struct {
	PackageFileID     string  `json:"packageFileId"`
	Name              string  `json:"name"`
	PackageFolderName *string `json:"packageFolderName"`
	Attributes        string  `json:"attributes"`
	Description       *string `json:"Description"`
}

// VirtualFolder seeds a Production Manager folder (see WithVirtualFolders).
// The members are those of the public model the server answers with.
type VirtualFolder struct {
	ID          string `json:"id"`                    // folder uuid (id)
	ParentID    string `json:"parentId,omitempty"`    // parent folder id, empty at the root (parentId)
	Name        string `json:"name"`                  // folder name (name)
	Description string `json:"description,omitempty"` // folder description (description)
}

// swVirtualFolderWire is Mes.Public.VirtualFolder.
type swVirtualFolderWire struct {
	ID          string  `json:"id"`
	ParentID    *string `json:"parentId"`
	Name        string  `json:"name"`
	Description *string `json:"description"`
}

// swInternalPackageWire is Mes.Software.Package, the internal routes' model.
type swInternalPackageWire struct {
	PackageID             string               `json:"PackageId"`
	Name                  string               `json:"Name"`
	PackageFolder         bool                 `json:"PackageFolder"`
	Version               int                  `json:"Version"`
	Description           *string              `json:"Description"`
	RootDirectory         *string              `json:"RootDirectory"`
	Tags                  string               `json:"Tags"`
	Modified              *mesTime             `json:"Modified"`
	ModifiedBy            *string              `json:"ModifiedBy"`
	Status                int                  `json:"Status"`
	Priority              int                  `json:"Priority"`
	VirtualFolderID       *string              `json:"VirtualFolderId"`
	VirtualFolder         *struct{}            `json:"VirtualFolder"`
	PackageFolders        []swFolderWire       `json:"PackageFolders"`
	PackageSiteRelations  []swSiteRelationWire `json:"PackageSiteRelations"`
	IsRestricted          bool                 `json:"IsRestricted"`
	Validation            *string              `json:"Validation"`
	ValidationDescription *string              `json:"ValidationDescription"`
	Created               *mesTime             `json:"Created"`
	CreatedBy             *string              `json:"CreatedBy"`
	Released              *mesTime             `json:"Released"`
	ReleasedBy            *string              `json:"ReleasedBy"`
	Revoked               *mesTime             `json:"Revoked"`
	RevokedBy             *string              `json:"RevokedBy"`
}

// swSiteRelationWire is Mes.Software.PackageSiteRelation (the emulator has no sites).
type swSiteRelationWire struct {
	PackageSiteRelationID string    `json:"PackageSiteRelationId"`
	SiteCode              string    `json:"SiteCode"`
	PackageID             string    `json:"PackageId"`
	Package               *struct{} `json:"Package"`
}

// swFolderWire is Mes.Software.PackageFolder.
type swFolderWire struct {
	PackageFolderID    string             `json:"PackageFolderId"`
	PackageID          string             `json:"PackageId"`
	ParentFolderID     *string            `json:"ParentFolderId"`
	Name               string             `json:"Name"`
	Modified           *mesTime           `json:"Modified"`
	Parent             *swFolderWire      `json:"Parent"`
	PackageFolders     []swFolderWire     `json:"PackageFolders"`
	PackageFolderFiles []swFolderFileWire `json:"PackageFolderFiles"`
}

// swFolderFileWire is Mes.Software.PackageFolderFile.
type swFolderFileWire struct {
	PackageFolderFileID    string          `json:"PackageFolderFileId"`
	PackageFolderID        string          `json:"PackageFolderId"`
	RepositoryFolderFileID string          `json:"RepositoryFolderFileId"`
	Attributes             int             `json:"Attributes"`
	RepositoryFolderFile   *swRepoFileWire `json:"RepositoryFolderFile"`
}

// swRepoFileWire is Mes.Software.RepositoryFolderFile; Checksum is bytes
// (base64 on the wire).
type swRepoFileWire struct {
	RepositoryFolderFileID string   `json:"RepositoryFolderFileId"`
	Name                   string   `json:"Name"`
	Version                int      `json:"Version"`
	Description            *string  `json:"Description"`
	Valid                  bool     `json:"Valid"`
	Uploaded               *mesTime `json:"Uploaded"`
	FileModifiedDate       *mesTime `json:"FileModifiedDate"`
	Checksum               []byte   `json:"Checksum"`
	FileVersion            *string  `json:"FileVersion"`
	FileSize               int64    `json:"FileSize"`
}

// swEntityWire is Mes.SoftwareEntity, one file or folder of a package
// (type 0 folder, 1 file: the emulator's reading).
type swEntityWire struct {
	ID                     string   `json:"id"`
	Type                   int      `json:"type"`
	ParentID               *string  `json:"parentId"`
	Name                   string   `json:"name"`
	FileVersion            *string  `json:"fileVersion"`
	RepositoryVersion      int      `json:"repositoryVersion"`
	FileSize               int64    `json:"fileSize"`
	LastModifiedDate       *mesTime `json:"lastModifiedDate"`
	UploadedDate           *mesTime `json:"uploadedDate"`
	Attributes             int      `json:"attributes"`
	RepositoryFolderFileID *string  `json:"repositoryFolderFileId"`
	Valid                  bool     `json:"valid"`
	Information            *string  `json:"information"`
}

const (
	swEntityFolder = 0
	swEntityFile   = 1
)

func (p *swPackage) wire() swPackageWire {
	tags := append([]swTag{}, p.tags...)
	return swPackageWire{
		PackageID: p.id, Name: p.name, InstallOnRoot: p.installOnRoot, Version: p.version,
		Description: mesStr(p.description), RootDirectory: mesStr(p.rootDirectory), Tags: tags,
		Modified: mesTimeOf(p.modified), ModifiedBy: mesStr(p.modifiedBy), Status: p.status, Priority: p.priority,
		VirtualFolderID: mesStr(p.virtualFolderID), Created: mesTimeOf(p.created), CreatedBy: mesStr(p.createdBy),
		Released: mesTimeOf(p.released), ReleasedBy: mesStr(p.releasedBy), Revoked: mesTimeOf(p.revoked), RevokedBy: mesStr(p.revokedBy),
	}
}

// tagsXML is the <PackageInfo> form the internal model carries its tags in.
func (p *swPackage) tagsXML() string {
	var b strings.Builder
	b.WriteString("<PackageInfo>")
	for _, t := range p.tags {
		v := ""
		if t.Value != nil {
			v = *t.Value
		}
		b.WriteString("<" + t.Key + ">" + v + "</" + t.Key + ">")
	}
	b.WriteString("</PackageInfo>")
	return b.String()
}

func (p *swPackage) internalWire() swInternalPackageWire {
	return swInternalPackageWire{
		PackageID: p.id, Name: p.name, Version: p.version, Description: mesStr(p.description),
		RootDirectory: mesStr(p.rootDirectory), Tags: p.tagsXML(), Modified: mesTimeOf(p.modified), ModifiedBy: mesStr(p.modifiedBy),
		Status: swStatusInt(p.status), Priority: p.priority, VirtualFolderID: mesStr(p.virtualFolderID),
		PackageFolders: p.folderTree(""), PackageSiteRelations: []swSiteRelationWire{},
		Created: mesTimeOf(p.created), CreatedBy: mesStr(p.createdBy), Released: mesTimeOf(p.released),
		ReleasedBy: mesStr(p.releasedBy), Revoked: mesTimeOf(p.revoked), RevokedBy: mesStr(p.revokedBy),
	}
}

// folderTree renders the folders under parent ("" for the top) with their files.
func (p *swPackage) folderTree(parent string) []swFolderWire {
	out := []swFolderWire{}
	for _, f := range p.folders {
		if f.parentID != parent {
			continue
		}
		files := []swFolderFileWire{}
		for _, x := range p.files {
			if x.folderID == f.id {
				repo := x.repoWire()
				files = append(files, swFolderFileWire{
					PackageFolderFileID: x.id, PackageFolderID: f.id, RepositoryFolderFileID: x.repoID,
					Attributes: swAttrInt(x.attribute), RepositoryFolderFile: &repo,
				})
			}
		}
		out = append(out, swFolderWire{
			PackageFolderID: f.id, PackageID: p.id, ParentFolderID: mesStr(f.parentID), Name: f.name,
			Modified: mesTimeOf(f.modified), PackageFolders: p.folderTree(f.id), PackageFolderFiles: files,
		})
	}
	return out
}

func (x *swFile) repoWire() swRepoFileWire {
	return swRepoFileWire{
		RepositoryFolderFileID: x.repoID, Name: x.name, Version: 1, Valid: true,
		Uploaded: mesTimeOf(x.uploaded), FileModifiedDate: mesTimeOf(x.uploaded), Checksum: x.sum, FileSize: int64(len(x.data)),
	}
}

func (f *swFolder) entityWire() swEntityWire {
	return swEntityWire{ID: f.id, Type: swEntityFolder, ParentID: mesStr(f.parentID), Name: f.name, LastModifiedDate: mesTimeOf(f.modified)}
}

func (x *swFile) entityWire() swEntityWire {
	return swEntityWire{
		ID: x.id, Type: swEntityFile, ParentID: mesStr(x.folderID), Name: x.name, RepositoryVersion: 1, FileSize: int64(len(x.data)),
		LastModifiedDate: mesTimeOf(x.uploaded), UploadedDate: mesTimeOf(x.uploaded), Attributes: swAttrInt(x.attribute),
		RepositoryFolderFileID: mesStr(x.repoID), Valid: true,
	}
}
