package watstest

import (
	"net/http"
	"sync"
)

// ServerVersion is the version the emulator reports on GET /api/App/Version.
const ServerVersion = "24.1.0"

// AppLevel seeds one production level (GET /api/App/Levels).
type AppLevel struct {
	// ID is sent as levelId.
	ID int
	// Name is sent as levelName.
	Name string
}

// AppProductGroup seeds one product group of GET /api/App/ProductGroups.
type AppProductGroup struct {
	// ID is sent as productGroupId.
	ID int
	// Name is sent as productGroupName.
	Name string
}

// WithLevels replaces the seeded production levels.
func WithLevels(ls ...AppLevel) Option {
	return func(e *Emulator) {
		e.app.mu.Lock()
		e.app.levels = append([]AppLevel(nil), ls...)
		e.app.mu.Unlock()
	}
}

// WithAppProductGroups replaces the product groups listed by the App route.
func WithAppProductGroups(gs ...AppProductGroup) Option {
	return func(e *Emulator) {
		e.app.mu.Lock()
		e.app.groups = append([]AppProductGroup(nil), gs...)
		e.app.mu.Unlock()
	}
}

type appState struct {
	mu     sync.RWMutex
	levels []AppLevel
	groups []AppProductGroup
}

func newAppState() *appState {
	return &appState{
		levels: []AppLevel{{1, "PCBA"}, {2, "Module"}, {3, "System"}},
		groups: []AppProductGroup{{1, "Power supplies"}, {2, "Controllers"}, {3, "Sensors"}},
	}
}

func (e *Emulator) installApp() {
	e.handle(http.MethodGet, "/api/App/Version", func(w http.ResponseWriter, r *http.Request, _ Params) {
		writeJSON(w, http.StatusOK, ServerVersion)
	})
	e.handle(http.MethodGet, "/api/App/Levels", func(w http.ResponseWriter, r *http.Request, _ Params) {
		e.app.mu.RLock()
		out := make([]map[string]any, 0, len(e.app.levels))
		for _, l := range e.app.levels {
			out = append(out, map[string]any{"levelId": l.ID, "levelName": l.Name})
		}
		e.app.mu.RUnlock()
		writeJSON(w, http.StatusOK, out)
	})
	e.handle(http.MethodGet, "/api/App/ProductGroups", func(w http.ResponseWriter, r *http.Request, _ Params) {
		filters, ok := queryBool(w, r, "includeFilters", false)
		if !ok {
			return
		}
		e.app.mu.RLock()
		out := make([]map[string]any, 0, len(e.app.groups))
		for _, g := range e.app.groups {
			m := map[string]any{"productGroupId": g.ID, "productGroupName": g.Name}
			if filters {
				// The real filter shape is unverified; the emulator sends an
				// empty list under a plausible name.
				m["filters"] = []any{}
			}
			out = append(out, m)
		}
		e.app.mu.RUnlock()
		writeJSON(w, http.StatusOK, out)
	})
}
