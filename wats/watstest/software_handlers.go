package watstest

import (
	"archive/zip"
	"bytes"
	"io"
	"mime"
	"net/http"
	"path"
	"strings"
)

// The public software routes: each handler reads the request, calls one
// softwareState method and writes the answer in the document's schema.
// Operations the document answers with no schema (void actions) answer
// 204 No Content, as ASP.NET does.

func (e *Emulator) installSoftware() {
	e.handle(http.MethodGet, "/api/Software/Packages", e.swList)
	e.handle(http.MethodGet, "/api/Software/Package/{id}", e.swGet)
	e.handle(http.MethodGet, "/api/Software/PackageByName", e.swGetByName)
	e.handle(http.MethodGet, "/api/Software/PackagesByTag", e.swListByTag)
	e.handle(http.MethodPost, "/api/Software/Package", e.swCreate)
	e.handle(http.MethodPut, "/api/Software/Package/{id}", e.swUpdate)
	e.handle(http.MethodDelete, "/api/Software/Package/{id}", e.swDelete)
	e.handle(http.MethodDelete, "/api/Software/PackageByName", e.swDeleteByName)
	e.handle(http.MethodPost, "/api/Software/PackageStatus/{id}", e.swSetStatus)
	e.handle(http.MethodGet, "/api/Software/PackageFiles/{id}", e.swFiles)
	e.handle(http.MethodPost, "/api/Software/Package/UploadZip/{id}", e.swUploadZip)
	e.handle(http.MethodPost, "/api/Software/Package/FileAttribute/{id}", e.swSetFileAttribute)
	e.handle(http.MethodGet, "/api/Software/VirtualFolders", e.swVirtualFolders)
	e.installSoftwareInternal()
}

// swAnswer writes v, or the error.
func swAnswer(w http.ResponseWriter, v any, err error) {
	if err != nil {
		mesWriteError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// swVoid answers a void action: 204, or the error.
func swVoid(w http.ResponseWriter, err error) {
	if err != nil {
		mesWriteError(w, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}

// swList serves GET /api/Software/Packages (a list, although the document
// names one Package).
func (e *Emulator) swList(w http.ResponseWriter, r *http.Request, _ Params) {
	writeJSON(w, http.StatusOK, e.software.list())
}

// swGet serves GET /api/Software/Package/{id}.
func (e *Emulator) swGet(w http.ResponseWriter, r *http.Request, p Params) {
	out, err := e.software.get(p.Get("id"))
	swAnswer(w, out, err)
}

// swGetByName serves GET /api/Software/PackageByName.
func (e *Emulator) swGetByName(w http.ResponseWriter, r *http.Request, _ Params) {
	version, ok := queryInt(w, r, "version", 0)
	if !ok {
		return
	}
	out, err := e.software.byName(query(r, "name"), query(r, "status"), version)
	swAnswer(w, out, err)
}

// swListByTag serves GET /api/Software/PackagesByTag (a list, although
// the document names one Package).
func (e *Emulator) swListByTag(w http.ResponseWriter, r *http.Request, _ Params) {
	out, err := e.software.byTag(query(r, "tag"), query(r, "status"))
	swAnswer(w, out, err)
}

// swCreate serves POST /api/Software/Package.
func (e *Emulator) swCreate(w http.ResponseWriter, r *http.Request, _ Params) {
	var in swPackageIn
	if !readJSON(w, r, &in) {
		return
	}
	out, err := e.software.create(in, e.now(), mesCaller(r))
	swAnswer(w, out, err)
}

// swUpdate serves PUT /api/Software/Package/{id}, a void action.
func (e *Emulator) swUpdate(w http.ResponseWriter, r *http.Request, p Params) {
	var in swPackageIn
	if !readJSON(w, r, &in) {
		return
	}
	swVoid(w, e.software.update(p.Get("id"), in, e.now(), mesCaller(r)))
}

// swDelete serves DELETE /api/Software/Package/{id}.
func (e *Emulator) swDelete(w http.ResponseWriter, r *http.Request, p Params) {
	swVoid(w, e.software.remove(p.Get("id")))
}

// swDeleteByName serves DELETE /api/Software/PackageByName.
func (e *Emulator) swDeleteByName(w http.ResponseWriter, r *http.Request, _ Params) {
	version, ok := queryInt(w, r, "version", 0)
	if !ok {
		return
	}
	swVoid(w, e.software.removeByName(query(r, "name"), version))
}

// swSetStatus serves POST /api/Software/PackageStatus/{id}.
func (e *Emulator) swSetStatus(w http.ResponseWriter, r *http.Request, p Params) {
	out, err := e.software.changeStatus(p.Get("id"), query(r, "status"), e.now(), mesCaller(r))
	swAnswer(w, out, err)
}

// swFiles serves GET /api/Software/PackageFiles/{id}.
func (e *Emulator) swFiles(w http.ResponseWriter, r *http.Request, p Params) {
	out, err := e.software.packageFiles(p.Get("id"))
	swAnswer(w, out, err)
}

// swSetFileAttribute serves POST /api/Software/Package/FileAttribute/{id}, a void action.
func (e *Emulator) swSetFileAttribute(w http.ResponseWriter, r *http.Request, p Params) {
	swVoid(w, e.software.setAttribute(p.Get("id"), query(r, "attribute")))
}

// swVirtualFolders serves GET /api/Software/VirtualFolders.
func (e *Emulator) swVirtualFolders(w http.ResponseWriter, r *http.Request, _ Params) {
	writeJSON(w, http.StatusOK, e.software.virtualFolders())
}

// swUploadZip serves POST /api/Software/Package/UploadZip/{id}, a void
// action. As the document requires, the zip comes as multipart/form-data
// in a part of content type application/zip, and has no file at its root.
func (e *Emulator) swUploadZip(w http.ResponseWriter, r *http.Request, p Params) {
	clean, ok := queryBool(w, r, "cleanInstall", false)
	if !ok {
		return
	}
	data, err := swReadZipPart(r)
	if err != nil {
		mesWriteError(w, err)
		return
	}
	entries, err := swZipEntries(data)
	if err != nil {
		mesWriteError(w, err)
		return
	}
	swVoid(w, e.software.addFiles(p.Get("id"), entries, clean, e.now(), mesCaller(r)))
}

// swReadZipPart returns the content of the first application/zip part.
func swReadZipPart(r *http.Request) ([]byte, error) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return nil, mesBad("The zip must be sent as multipart/form-data.")
	}
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, mesBad("Cannot read the multipart body: %v", err)
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return nil, mesBad("The upload carries no part of content type application/zip.")
		}
		if err != nil {
			return nil, mesBad("Cannot read the multipart body: %v", err)
		}
		if ct, _, _ := mime.ParseMediaType(part.Header.Get("Content-Type")); ct != "application/zip" {
			continue
		}
		data, err := io.ReadAll(part)
		if err != nil {
			return nil, mesBad("Cannot read the zip part: %v", err)
		}
		return data, nil
	}
}

// swZipEntries reads the files of a zip; a file at the zip's root is refused.
func swZipEntries(data []byte) ([]swZipEntry, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, mesBad("The upload is not a valid zip file: %v", err)
	}
	var entries []swZipEntry
	for _, f := range zr.File {
		if strings.HasSuffix(f.Name, "/") {
			continue
		}
		name := strings.TrimPrefix(path.Clean("/"+f.Name), "/")
		dir, base := path.Split(name)
		if dir == "" {
			return nil, mesBad("The zip must not contain files at its root ('%s'); put every file in a folder.", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, mesBad("Cannot read '%s' from the zip: %v", f.Name, err)
		}
		content, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, mesBad("Cannot read '%s' from the zip: %v", f.Name, err)
		}
		entries = append(entries, swZipEntry{dir: strings.TrimSuffix(dir, "/"), name: base, data: content})
	}
	return entries, nil
}
