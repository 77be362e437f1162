package watstest

import "net/http"

// SKELETON: /api/App routes; the foundation issue completes them.

// ServerVersion is the version the emulator reports on GET /api/App/Version.
const ServerVersion = "24.1.0"

func (e *Emulator) installApp() {
	e.handle(http.MethodGet, "/api/App/Version", func(w http.ResponseWriter, r *http.Request, _ Params) {
		writeJSON(w, http.StatusOK, ServerVersion)
	})
}
