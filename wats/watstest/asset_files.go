package watstest

import (
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// Asset files: the internal blob routes /api/internal/Blob/Asset...
// GET answers raw bytes (application/octet-stream) unless
// WithAssetFilesAsBase64 is set; DELETE removes the names in its JSON array
// body, or every file when the body is empty.

// WithAssetFilesAsBase64 makes GET /api/internal/Blob/Asset answer
// {"fileName": ..., "content": "<Base64>"} as JSON instead of raw bytes, the
// other answer form clients meet.
func WithAssetFilesAsBase64() Option {
	return func(e *Emulator) {
		e.assets.mu.Lock()
		e.assets.base64Files = true
		e.assets.mu.Unlock()
	}
}

// knownAssetLocked checks that id names a stored asset; it returns its key.
func (s *assetState) knownAssetLocked(id string) (string, error) {
	if id == "" {
		return "", mesBad("assetId is required.")
	}
	g, ok := mesGUID(id)
	if _, known := s.assets[g]; !ok || !known {
		return "", mesNotFound("Asset '%s' was not found.", id)
	}
	return g, nil
}

func (s *assetState) putFile(id, name string, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, err := s.knownAssetLocked(id)
	if err != nil {
		return err
	}
	if name == "" {
		return mesBad("filename is required.")
	}
	if s.files[key] == nil {
		s.files[key] = map[string][]byte{}
	}
	s.files[key][name] = data
	return nil
}

func (s *assetState) file(id, name string) (data []byte, asBase64 bool, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, err := s.knownAssetLocked(id)
	if err != nil {
		return nil, false, err
	}
	data, ok := s.files[key][name]
	if !ok {
		return nil, false, mesNotFound("File '%s' was not found for asset '%s'.", name, id)
	}
	return data, s.base64Files, nil
}

func (s *assetState) fileNames(id string) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, err := s.knownAssetLocked(id)
	if err != nil {
		return nil, err
	}
	names := []string{}
	for n := range s.files[key] {
		names = append(names, n)
	}
	sort.Strings(names)
	return names, nil
}

// deleteFiles removes the named files, or all of them when names is nil.
func (s *assetState) deleteFiles(id string, names []string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	key, err := s.knownAssetLocked(id)
	if err != nil {
		return err
	}
	if names == nil {
		delete(s.files, key)
		return nil
	}
	for _, n := range names {
		delete(s.files[key], n)
	}
	return nil
}

func (e *Emulator) installAssetFiles() {
	e.handle(http.MethodPost, "/api/internal/Blob/Asset", e.assetFileUpload)
	e.handle(http.MethodGet, "/api/internal/Blob/Asset", e.assetFileDownload)
	e.handle(http.MethodGet, "/api/internal/Blob/Asset/List/{assetId}", e.assetFileList)
	e.handle(http.MethodDelete, "/api/internal/Blob/Assets", e.assetFileDelete)
}

// assetFileUpload serves POST /api/internal/Blob/Asset.
func (e *Emulator) assetFileUpload(w http.ResponseWriter, r *http.Request, _ Params) {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "could not read the file: %v", err)
		return
	}
	if err := e.assets.putFile(query(r, "assetId"), query(r, "filename"), data); err != nil {
		mesWriteError(w, err)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// assetFileDownload serves GET /api/internal/Blob/Asset.
func (e *Emulator) assetFileDownload(w http.ResponseWriter, r *http.Request, _ Params) {
	name := query(r, "filename")
	data, asBase64, err := e.assets.file(query(r, "assetId"), name)
	if err != nil {
		mesWriteError(w, err)
		return
	}
	if asBase64 {
		writeJSON(w, http.StatusOK, map[string]string{"fileName": name, "content": base64.StdEncoding.EncodeToString(data)})
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(data)
}

// assetFileList serves GET /api/internal/Blob/Asset/List/{assetId}.
func (e *Emulator) assetFileList(w http.ResponseWriter, r *http.Request, p Params) {
	names, err := e.assets.fileNames(p.Get("assetId"))
	if err != nil {
		mesWriteError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, names)
}

// assetFileDelete serves DELETE /api/internal/Blob/Assets.
func (e *Emulator) assetFileDelete(w http.ResponseWriter, r *http.Request, _ Params) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "could not read the body: %v", err)
		return
	}
	var names []string
	if strings.TrimSpace(string(body)) != "" {
		if err := json.Unmarshal(body, &names); err != nil {
			writeError(w, http.StatusBadRequest, "body must be a JSON array of file names: %v", err)
			return
		}
		if names == nil {
			names = []string{}
		}
	}
	if err := e.assets.deleteFiles(query(r, "assetId"), names); err != nil {
		mesWriteError(w, err)
		return
	}
	w.WriteHeader(http.StatusOK)
}
