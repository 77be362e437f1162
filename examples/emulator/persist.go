package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"

	"github.com/watsgo/sdk/wats/watstest"
)

// reportStore keeps every report the emulator accepted in a directory, so
// a restarted emulator serves them again ("server gone and back").
//
// It works at the HTTP layer: a submit the emulator answers with a 2xx is
// written to DIR (wsjf-<id>.json or wsxf-<id>.xml, replacing an earlier
// submit of the same id) before the answer goes out, with the file synced
// to disk; at start every file is submitted again to the fresh emulator.
type reportStore struct {
	dir   string
	token string
	next  http.Handler
}

// persisted are the submit routes whose bodies are kept, by lower-cased path.
var persisted = map[string]string{
	"/api/report/wsjf": "wsjf-%s.json",
	"/api/report/wsxf": "wsxf-%s.xml",
}

var safeID = regexp.MustCompile(`^[0-9A-Za-z-]{1,64}$`)

// ServeHTTP passes the request on and keeps the body of an accepted submit.
func (s *reportStore) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	pattern, ok := persisted[strings.TrimSuffix(strings.ToLower(r.URL.Path), "/")]
	if r.Method != http.MethodPost || !ok {
		s.next.ServeHTTP(w, r)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := httptest.NewRecorder()
	s.next.ServeHTTP(rec, r)
	if rec.Code >= 200 && rec.Code < 300 {
		var ans struct{ ID string }
		if json.Unmarshal(rec.Body.Bytes(), &ans) == nil && safeID.MatchString(ans.ID) {
			if err := writeDurably(filepath.Join(s.dir, fmt.Sprintf(pattern, strings.ToLower(ans.ID))), body); err != nil {
				http.Error(w, "emulator could not persist the report: "+err.Error(), http.StatusInternalServerError)
				return
			}
		}
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}

// restore submits every kept report to emu again and forgets those
// requests, so the log starts empty. It returns how many it restored.
func (s *reportStore) restore(emu *watstest.Emulator) (int, error) {
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return 0, err
	}
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return 0, err
	}
	var names []string
	for _, e := range entries {
		n := e.Name()
		if !e.IsDir() && (strings.HasPrefix(n, "wsjf-") && strings.HasSuffix(n, ".json") || strings.HasPrefix(n, "wsxf-") && strings.HasSuffix(n, ".xml")) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	for _, n := range names {
		body, err := os.ReadFile(filepath.Join(s.dir, n))
		if err != nil {
			return 0, err
		}
		route, ct := "/api/Report/WSJF", "application/json"
		if strings.HasPrefix(n, "wsxf-") {
			route, ct = "/api/Report/WSXF", "application/xml"
		}
		req := httptest.NewRequest(http.MethodPost, route, bytes.NewReader(body))
		req.Header.Set("Authorization", "Basic "+s.token)
		req.Header.Set("Content-Type", ct)
		rec := httptest.NewRecorder()
		emu.ServeHTTP(rec, req)
		if rec.Code < 200 || rec.Code > 299 {
			return 0, fmt.Errorf("-data: %s was refused on restore: %d %s", n, rec.Code, strings.TrimSpace(rec.Body.String()))
		}
	}
	emu.ResetRequests()
	return len(names), nil
}

// writeDurably replaces path with data: a synced temporary file renamed
// over it, then the directory synced, so a crash leaves the old or the new
// file, never half of one.
func writeDurably(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if d, err := os.Open(filepath.Dir(path)); err == nil {
		_ = d.Sync() // not supported everywhere; the rename is what matters
		d.Close()
	}
	return nil
}
