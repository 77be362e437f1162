package watstest

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// ServerVersion is the version the emulator reports on GET /api/App/Version.
const ServerVersion = "24.1.0"

// AppLevel seeds one production level (GET /api/App/Levels).
type AppLevel struct {
	// ID is sent as levelId.
	ID int
	// Name is sent as levelName.
	Name string
	// ParentID is the id of the level above (0 for a top level); the
	// system manager's level-by-hierarchy routes walk it.
	ParentID int
}

// AppProductGroup seeds one product group of GET /api/App/ProductGroups.
type AppProductGroup struct {
	// ID is sent as productGroupId.
	ID int
	// Name is sent as productGroupName.
	Name string
}

// WithLevels replaces the seeded production levels. Levels without a
// name, with an id below 1 or with a repeated id are refused (see
// SeedError) and the previous levels stay.
func WithLevels(ls ...AppLevel) Option {
	return func(e *Emulator) { e.recordSeedError(e.app.setLevels(ls)) }
}

// WithAppProductGroups replaces the product groups listed by the App
// route. Groups are checked like levels (see WithLevels).
func WithAppProductGroups(gs ...AppProductGroup) Option {
	return func(e *Emulator) { e.recordSeedError(e.app.setGroups(gs)) }
}

// appState is the App controller's store (levels, product groups) and
// holds the stores of the user, token and system-manager routes.
type appState struct {
	mu     sync.RWMutex
	levels []AppLevel
	groups []AppProductGroup

	users  *userStore
	tokens *tokenStore
	system *systemStore
}

func newAppState() *appState {
	return &appState{
		levels: []AppLevel{{ID: 1, Name: "PCBA"}, {ID: 2, Name: "Module"}, {ID: 3, Name: "System"}},
		groups: []AppProductGroup{{1, "Power supplies"}, {2, "Controllers"}, {3, "Sensors"}},
		users:  newUserStore(),
		tokens: newTokenStore(),
		system: newSystemStore(),
	}
}

// checkNamedIDs refuses empty names, ids below 1 and repeated ids.
func checkNamedIDs(what string, ids []int, names []string) error {
	seen := map[int]bool{}
	for i, id := range ids {
		if id < 1 || strings.TrimSpace(names[i]) == "" {
			return fmt.Errorf("%s %d %q: needs an id of at least 1 and a name", what, id, names[i])
		}
		if seen[id] {
			return fmt.Errorf("%s id %d is seeded twice", what, id)
		}
		seen[id] = true
	}
	return nil
}

func (s *appState) setLevels(ls []AppLevel) error {
	ids, names := make([]int, len(ls)), make([]string, len(ls))
	for i, l := range ls {
		ids[i], names[i] = l.ID, l.Name
	}
	if err := checkNamedIDs("WithLevels: level", ids, names); err != nil {
		return err
	}
	for _, l := range ls {
		if l.ParentID != 0 && !containsInt(ids, l.ParentID) {
			return fmt.Errorf("WithLevels: level %d %q: parent %d is not seeded", l.ID, l.Name, l.ParentID)
		}
	}
	s.mu.Lock()
	s.levels = append([]AppLevel(nil), ls...)
	s.mu.Unlock()
	return nil
}

func (s *appState) setGroups(gs []AppProductGroup) error {
	ids, names := make([]int, len(gs)), make([]string, len(gs))
	for i, g := range gs {
		ids[i], names[i] = g.ID, g.Name
	}
	if err := checkNamedIDs("WithAppProductGroups: product group", ids, names); err != nil {
		return err
	}
	s.mu.Lock()
	s.groups = append([]AppProductGroup(nil), gs...)
	s.mu.Unlock()
	return nil
}

func (s *appState) listLevels() []AppLevel {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]AppLevel(nil), s.levels...)
}

func (s *appState) listGroups() []AppProductGroup {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]AppProductGroup(nil), s.groups...)
}

func containsInt(list []int, v int) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}

// childLevel finds the level called name under parent (0: top), ignoring case.
func childLevel(levels []AppLevel, parent int, name string) (AppLevel, bool) {
	for _, l := range levels {
		if l.ParentID == parent && strings.EqualFold(l.Name, strings.TrimSpace(name)) {
			return l, true
		}
	}
	return AppLevel{}, false
}

// levelByHierarchy walks names from the top; ok is false when a level is missing.
func (s *appState) levelByHierarchy(names []string) (AppLevel, bool) {
	levels := s.listLevels()
	var cur AppLevel
	for _, n := range names {
		next, ok := childLevel(levels, cur.ID, n)
		if !ok {
			return AppLevel{}, false
		}
		cur = next
	}
	return cur, len(names) > 0
}

// createHierarchy adds the missing levels of names and returns the leaf.
func (s *appState) createHierarchy(names []string) AppLevel {
	s.mu.Lock()
	defer s.mu.Unlock()
	var cur AppLevel
	for _, n := range names {
		next, ok := childLevel(s.levels, cur.ID, n)
		if !ok {
			id := 1
			for _, l := range s.levels {
				id = max(id, l.ID+1)
			}
			next = AppLevel{ID: id, Name: strings.TrimSpace(n), ParentID: cur.ID}
			s.levels = append(s.levels, next)
		}
		cur = next
	}
	return cur
}

func (s *appState) levelExists(id int) bool {
	for _, l := range s.listLevels() {
		if l.ID == id {
			return true
		}
	}
	return false
}

// wireTime writes t the way a .NET server does: UTC, "Z", at most seven
// fractional digits (100 ns ticks), trailing zeros dropped.
func wireTime(t time.Time) string {
	return t.UTC().Truncate(100 * time.Nanosecond).Format("2006-01-02T15:04:05.9999999Z")
}

func (e *Emulator) installApp() {
	e.recordSeedError(e.app.users.replace(DefaultUsers(), seedEpoch))
	e.recordSeedError(e.app.system.seed(DefaultClients()))

	e.handle(http.MethodGet, "/api/App/Version", e.serveVersion)
	e.handle(http.MethodGet, "/api/App/Levels", e.serveLevels)
	e.handle(http.MethodGet, "/api/App/ProductGroups", e.serveAppProductGroups)
	e.handle(http.MethodGet, "/api/App/CommonUserSettings", e.serveCommonUserSettings)
	e.installAuth()
	e.installSCIM()
	e.installSystem()
}

// serveVersion serves GET /api/App/Version: a JSON string.
func (e *Emulator) serveVersion(w http.ResponseWriter, _ *http.Request, _ Params) {
	writeJSON(w, http.StatusOK, ServerVersion)
}

// serveLevels serves GET /api/App/Levels.
func (e *Emulator) serveLevels(w http.ResponseWriter, _ *http.Request, _ Params) {
	levels := e.app.listLevels()
	out := make([]map[string]any, 0, len(levels))
	for _, l := range levels {
		out = append(out, map[string]any{"levelId": l.ID, "levelName": l.Name})
	}
	writeJSON(w, http.StatusOK, out)
}

// serveAppProductGroups serves GET /api/App/ProductGroups.
func (e *Emulator) serveAppProductGroups(w http.ResponseWriter, r *http.Request, _ Params) {
	filters, ok := queryBool(w, r, "includeFilters", false)
	if !ok {
		return
	}
	groups := e.app.listGroups()
	out := make([]map[string]any, 0, len(groups))
	for _, g := range groups {
		m := map[string]any{"productGroupId": g.ID, "productGroupName": g.Name}
		if filters {
			// The server documents no filter shape; the emulator sends an
			// empty list under a plausible name.
			m["filters"] = []any{}
		}
		out = append(out, m)
	}
	writeJSON(w, http.StatusOK, out)
}

// serveCommonUserSettings serves GET /api/App/CommonUserSettings: the
// documented CommonUserSettings members of the user named by UserName
// (required), 404 for an unknown user.
func (e *Emulator) serveCommonUserSettings(w http.ResponseWriter, r *http.Request, _ Params) {
	name := query(r, "UserName")
	if strings.TrimSpace(name) == "" {
		writeError(w, http.StatusBadRequest, "The UserName field is required.")
		return
	}
	u, ok := e.app.users.byName(name)
	if !ok {
		writeError(w, http.StatusNotFound, "User '%s' was not found.", name)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"fullName": u.FullName, "cultureCode": u.CultureCode, "email": u.Email,
		"roles": u.Roles, "levels": u.Levels, "productGroups": u.ProductGroups,
	})
}
