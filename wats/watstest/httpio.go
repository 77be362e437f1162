package watstest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// errorBody is the error shape the emulator answers with: ASP.NET Web API's
// classic {"Message": "..."}, the shape the SDK reads first.
type errorBody struct {
	Message string `json:"Message"`
}

// WriteJSON writes v as a JSON answer with the given status.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	if v != nil {
		_ = json.NewEncoder(w).Encode(v)
	}
}

// writeError answers status with the emulator's error body.
func writeError(w http.ResponseWriter, status int, format string, args ...any) {
	writeJSON(w, status, errorBody{Message: fmt.Sprintf(format, args...)})
}

// readJSON decodes the request body into v, answering 400 on failure.
// It reports whether decoding succeeded.
func readJSON(w http.ResponseWriter, r *http.Request, v any) bool {
	data, err := io.ReadAll(r.Body)
	if err != nil {
		writeError(w, http.StatusBadRequest, "could not read request body: %v", err)
		return false
	}
	if err := json.Unmarshal(data, v); err != nil {
		writeError(w, http.StatusBadRequest, "request body is not valid JSON: %v", err)
		return false
	}
	return true
}

// query returns the query parameter name, matched case-insensitively as
// ASP.NET model binding does ("" when absent).
func query(r *http.Request, name string) string {
	v, _ := queryLookup(r, name)
	return v
}

// queryLookup is query that also reports presence.
func queryLookup(r *http.Request, name string) (string, bool) {
	q := r.URL.Query()
	if vs, ok := q[name]; ok && len(vs) > 0 {
		return vs[0], true
	}
	for k, vs := range q {
		if strings.EqualFold(k, name) && len(vs) > 0 {
			return vs[0], true
		}
	}
	return "", false
}

// queryInt parses an integer query parameter; def when absent. ok is false
// (and a 400 written) when present but malformed.
func queryInt(w http.ResponseWriter, r *http.Request, name string, def int) (int, bool) {
	s, present := queryLookup(r, name)
	if !present || s == "" {
		return def, true
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		writeError(w, http.StatusBadRequest, "The value '%s' is not valid for %s.", s, name)
		return 0, false
	}
	return n, true
}

// queryBool parses a boolean query parameter; def when absent.
func queryBool(w http.ResponseWriter, r *http.Request, name string, def bool) (bool, bool) {
	s, present := queryLookup(r, name)
	if !present || s == "" {
		return def, true
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		writeError(w, http.StatusBadRequest, "The value '%s' is not valid for %s.", s, name)
		return false, false
	}
	return b, true
}
