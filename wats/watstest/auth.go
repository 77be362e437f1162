package watstest

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"strings"
	"sync"
)

// tokenStore keeps the API tokens issued by GET /api/Auth/GetToken, one
// per identifier ("" is the user's own token).
type tokenStore struct {
	mu     sync.Mutex
	issued map[string]string // lower-case identifier → token
}

func newTokenStore() *tokenStore { return &tokenStore{issued: map[string]string{}} }

// issue returns a new token for identifier. Without reset an identifier
// that already has a token is refused (the server shows a token once).
func (s *tokenStore) issue(user, identifier string, reset bool) (string, bool) {
	key := strings.ToLower(identifier)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, exists := s.issued[key]; exists && !reset {
		return "", false
	}
	var secret [16]byte
	_, _ = rand.Read(secret[:])
	tok := base64.StdEncoding.EncodeToString([]byte(user + ":" + hex.EncodeToString(secret[:])))
	s.issued[key] = tok
	return tok, true
}

// tokenUser is the user name of the emulator's own token ("watstest").
func (e *Emulator) tokenUser() string {
	raw, err := base64.StdEncoding.DecodeString(e.token)
	if err != nil {
		return "watstest"
	}
	user, _, _ := strings.Cut(string(raw), ":")
	return user
}

func (e *Emulator) installAuth() {
	e.handle(http.MethodGet, "/api/Auth/GetToken", e.serveGetToken)
	e.handle(http.MethodGet, "/api/Auth/GetToken/{identifier}", e.serveGetToken)
}

// serveGetToken serves both GetToken routes: {"identifier": ..., "token":
// ...}; 409 when the identifier already has a token and reset is not true.
func (e *Emulator) serveGetToken(w http.ResponseWriter, r *http.Request, p Params) {
	reset, ok := queryBool(w, r, "reset", false)
	if !ok {
		return
	}
	id := p.Get("identifier")
	tok, ok := e.app.tokens.issue(e.tokenUser(), id, reset)
	if !ok {
		writeError(w, http.StatusConflict, "A token with identifier '%s' exists already; set reset=true to replace it.", id)
		return
	}
	var ident any
	if id != "" {
		ident = id
	}
	writeJSON(w, http.StatusOK, map[string]any{"identifier": ident, "token": tok})
}
