package watstest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// SystemClient seeds one client (test station or server) of the system
// manager.
type SystemClient struct {
	// ID is the clientId (required, at least 1, unique).
	ID int
	// Name is the registered name (required, unique ignoring case).
	Name string
	// DisplayName, Location and Purpose are the changeable descriptions.
	DisplayName, Location, Purpose string
	// Type is the client type: 1 local server, 2 master server, 5 client,
	// 6 web client; 0 means 5.
	Type int
	// LevelID is the clientGroupId, the level the client is placed in.
	LevelID int
	// Identifier is the client's MAC address, the key of the log route.
	Identifier string
	// Version is the client software version.
	Version string
	// LogText is the client's most recent log ("" for none).
	LogText string
}

// DefaultClients returns the clients the emulator starts with: two
// stations on the PCBA level, each with a log.
func DefaultClients() []SystemClient {
	return []SystemClient{
		{ID: 1, Name: "LINE1-EOL", DisplayName: "Line 1 end of line", Location: "Hall A", Purpose: "Final test", Type: 5, LevelID: 1,
			Identifier: "00-15-5D-01-02-03", Version: "6.1.20", LogText: "Client started.\nConnected to server."},
		{ID: 2, Name: "LINE1-ICT", DisplayName: "Line 1 in-circuit", Location: "Hall A", Purpose: "ICT", Type: 5, LevelID: 1,
			Identifier: "00-15-5D-01-02-04", Version: "6.1.20", LogText: "Client started."},
	}
}

// WithSystemClients replaces the seeded system-manager clients. Clients
// without id or name, with a repeated id, name or identifier, or placed on
// an unknown level are refused (see SeedErr) and the previous ones stay.
func WithSystemClients(cs ...SystemClient) Option {
	return func(e *Emulator) {
		for _, c := range cs {
			if c.LevelID != 0 && !e.app.levelExists(c.LevelID) {
				e.recordSeedError(fmt.Errorf("WithSystemClients: client %q: level %d is not seeded", c.Name, c.LevelID))
				return
			}
		}
		e.recordSeedError(e.app.system.seed(cs))
	}
}

// systemStore keeps the system manager's clients.
type systemStore struct {
	mu      sync.RWMutex
	clients []SystemClient
	logAt   time.Time
}

func newSystemStore() *systemStore { return &systemStore{logAt: seedEpoch} }

func (s *systemStore) seed(cs []SystemClient) error {
	ids, names := make([]int, len(cs)), make([]string, len(cs))
	seenName, seenIdent := map[string]bool{}, map[string]bool{}
	out := make([]SystemClient, len(cs))
	for i, c := range cs {
		ids[i], names[i] = c.ID, c.Name
		if c.Type == 0 {
			c.Type = 5
		}
		n, id := strings.ToLower(c.Name), strings.ToLower(c.Identifier)
		if seenName[n] || (id != "" && seenIdent[id]) {
			return fmt.Errorf("WithSystemClients: client %q: name or identifier is seeded twice", c.Name)
		}
		seenName[n], seenIdent[id] = true, true
		out[i] = c
	}
	if err := checkNamedIDs("WithSystemClients: client", ids, names); err != nil {
		return err
	}
	s.mu.Lock()
	s.clients = out
	s.mu.Unlock()
	return nil
}

func (s *systemStore) list() []SystemClient {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]SystemClient(nil), s.clients...)
}

// find returns the first client for which match is true.
func (s *systemStore) find(match func(SystemClient) bool) (SystemClient, bool) {
	for _, c := range s.list() {
		if match(c) {
			return c, true
		}
	}
	return SystemClient{}, false
}

// update changes the changeable members of client id.
func (s *systemStore) update(id int, change func(*SystemClient)) (SystemClient, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.clients {
		if s.clients[i].ID == id {
			change(&s.clients[i])
			return s.clients[i], true
		}
	}
	return SystemClient{}, false
}

// clientDto renders c with the documented ClientDto members plus the
// list's own (identifier, version).
func clientDto(c SystemClient) map[string]any {
	return map[string]any{
		"clientId": c.ID, "name": c.Name, "displayName": c.DisplayName, "location": c.Location, "purpose": c.Purpose,
		"type": c.Type, "clientGroupId": c.LevelID, "identifier": c.Identifier, "version": c.Version,
	}
}

func (e *Emulator) installSystem() {
	e.handle(http.MethodGet, "/api/SystemManager/Clients", e.serveSystemClients)
	e.handle(http.MethodGet, "/api/SystemManager/Client", e.serveSystemClient)
	e.handle(http.MethodPut, "/api/SystemManager/Client", e.serveSystemClientPut)
	e.handle(http.MethodGet, "/api/SystemManager/ClientLog/{identifier}", e.serveSystemClientLog)
	e.handle(http.MethodGet, "/api/SystemManager/Level", e.serveSystemLevelGet)
	e.handle(http.MethodPost, "/api/SystemManager/Level", e.serveSystemLevelPost)
	e.handle(http.MethodGet, "/api/SystemStatus", e.serveSystemStatus)
}

// serveSystemClients serves GET /api/SystemManager/Clients.
func (e *Emulator) serveSystemClients(w http.ResponseWriter, _ *http.Request, _ Params) {
	cs := e.app.system.list()
	out := make([]map[string]any, 0, len(cs))
	for _, c := range cs {
		out = append(out, clientDto(c))
	}
	writeJSON(w, http.StatusOK, out)
}

// serveSystemClient serves GET /api/SystemManager/Client?name=|identifier=.
func (e *Emulator) serveSystemClient(w http.ResponseWriter, r *http.Request, _ Params) {
	name, ident := query(r, "name"), query(r, "identifier")
	if name == "" && ident == "" {
		writeError(w, http.StatusBadRequest, "Specify name or identifier.")
		return
	}
	c, ok := e.app.system.find(func(c SystemClient) bool {
		return (name == "" || strings.EqualFold(c.Name, name)) && (ident == "" || strings.EqualFold(c.Identifier, ident))
	})
	if !ok {
		writeError(w, http.StatusNotFound, "Client '%s%s' was not found.", name, ident)
		return
	}
	writeJSON(w, http.StatusOK, clientDto(c))
}

// clientDtoBody is the documented PUT body.
type clientDtoBody struct {
	ClientID      int     `json:"clientId"`
	Name          *string `json:"name"`
	DisplayName   *string `json:"displayName"`
	Location      *string `json:"location"`
	Purpose       *string `json:"purpose"`
	Type          *int    `json:"type"`
	ClientGroupID *int    `json:"clientGroupId"`
}

// serveSystemClientPut serves PUT /api/SystemManager/Client: changes
// displayName, location, purpose and clientGroupId of an existing client
// (name and type stay); answers the updated client.
func (e *Emulator) serveSystemClientPut(w http.ResponseWriter, r *http.Request, _ Params) {
	if _, ok := queryBool(w, r, "moveWithHistory", false); !ok {
		return
	}
	var b clientDtoBody
	if !readJSON(w, r, &b) {
		return
	}
	if b.ClientID <= 0 {
		writeError(w, http.StatusBadRequest, "clientId of an existing client is required.")
		return
	}
	if b.ClientGroupID != nil && *b.ClientGroupID != 0 && !e.app.levelExists(*b.ClientGroupID) {
		writeError(w, http.StatusBadRequest, "Level %d does not exist.", *b.ClientGroupID)
		return
	}
	c, ok := e.app.system.update(b.ClientID, func(c *SystemClient) {
		set := func(dst *string, v *string) {
			if v != nil {
				*dst = *v
			}
		}
		set(&c.DisplayName, b.DisplayName)
		set(&c.Location, b.Location)
		set(&c.Purpose, b.Purpose)
		if b.ClientGroupID != nil && *b.ClientGroupID != 0 {
			c.LevelID = *b.ClientGroupID
		}
	})
	if !ok {
		writeError(w, http.StatusNotFound, "Client %d was not found.", b.ClientID)
		return
	}
	writeJSON(w, http.StatusOK, clientDto(c))
}

// serveSystemClientLog serves GET /api/SystemManager/ClientLog/{identifier}
// with the members of the server's client-log model.
func (e *Emulator) serveSystemClientLog(w http.ResponseWriter, _ *http.Request, p Params) {
	c, ok := e.app.system.find(func(c SystemClient) bool { return strings.EqualFold(c.Identifier, p.Get("identifier")) })
	if !ok || c.LogText == "" {
		writeError(w, http.StatusNotFound, "No client log for '%s'.", p.Get("identifier"))
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"clientLogId": c.ID, "clientId": c.ID, "logDate": wireTime(e.app.system.logAt),
		"userName": e.tokenUser(), "text": c.LogText})
}

// hierarchyQuery reads the repeated hierarchy parameter, matched ignoring case.
func hierarchyQuery(r *http.Request) []string {
	var out []string
	for k, vs := range r.URL.Query() {
		if strings.EqualFold(k, "hierarchy") {
			out = append(out, vs...)
		}
	}
	return out
}

// serveSystemLevelGet serves GET /api/SystemManager/Level: the leaf
// level's id, or null when the hierarchy is missing.
func (e *Emulator) serveSystemLevelGet(w http.ResponseWriter, r *http.Request, _ Params) {
	names := hierarchyQuery(r)
	if len(names) == 0 {
		writeError(w, http.StatusBadRequest, "The hierarchy field is required.")
		return
	}
	l, ok := e.app.levelByHierarchy(names)
	if !ok {
		writeJSON(w, http.StatusOK, json.RawMessage("null"))
		return
	}
	writeJSON(w, http.StatusOK, l.ID)
}

// serveSystemLevelPost serves POST /api/SystemManager/Level: creates the
// missing levels and answers the leaf level's id.
func (e *Emulator) serveSystemLevelPost(w http.ResponseWriter, r *http.Request, _ Params) {
	var names []string
	if !readJSON(w, r, &names) {
		return
	}
	if len(names) == 0 {
		writeError(w, http.StatusBadRequest, "The hierarchy field is required.")
		return
	}
	for _, n := range names {
		if strings.TrimSpace(n) == "" {
			writeError(w, http.StatusBadRequest, "Level names must not be empty.")
			return
		}
	}
	writeJSON(w, http.StatusOK, e.app.createHierarchy(names).ID)
}

// serveSystemStatus serves GET /api/SystemStatus: a map of texts.
func (e *Emulator) serveSystemStatus(w http.ResponseWriter, _ *http.Request, _ Params) {
	writeJSON(w, http.StatusOK, map[string]string{
		"version": ServerVersion, "database": "Online", "serverTimeUtc": wireTime(e.now()),
		"clients": fmt.Sprint(len(e.app.system.list())), "users": fmt.Sprint(len(e.app.users.list())),
	})
}
