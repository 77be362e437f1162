package watstest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// AdminPrefix is where AdminHandler serves, outside the WATS API's /api.
const AdminPrefix = "/_watstest/"

// AdminHandler returns the emulator's control API over HTTP, for test code
// that is not written in Go. It serves under AdminPrefix and accepts the
// same "Authorization: Basic <token>" as the emulated API:
//
//	GET    /_watstest/            the list of these endpoints
//	POST   /_watstest/faults      inject a fault: a Fault as JSON, or an array
//	                              of them (Latency as "250ms" or nanoseconds)
//	DELETE /_watstest/faults      clear faults and release hanging requests
//	GET    /_watstest/requests    the request log (LoggedRequest as JSON)
//	DELETE /_watstest/requests    forget the request log
//	GET    /_watstest/contract    the contract check's figures (ContractStats)
//
// Admin requests are neither logged nor checked against the contract, and
// injected faults never apply to them.
func (e *Emulator) AdminHandler() http.Handler {
	return http.HandlerFunc(e.serveAdmin)
}

var adminEndpoints = []string{
	"GET " + AdminPrefix,
	"POST " + AdminPrefix + "faults",
	"DELETE " + AdminPrefix + "faults",
	"GET " + AdminPrefix + "requests",
	"DELETE " + AdminPrefix + "requests",
	"GET " + AdminPrefix + "contract",
}

func (e *Emulator) serveAdmin(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Basic "+e.token {
		writeError(w, http.StatusUnauthorized, "Authorization has been denied for this request.")
		return
	}
	lower := strings.ToLower(r.URL.Path)
	if !strings.HasPrefix(lower+"/", AdminPrefix) {
		writeError(w, http.StatusNotFound, "no admin endpoint %s; see GET %s", r.URL.Path, AdminPrefix)
		return
	}
	what := strings.Trim(strings.TrimPrefix(lower+"/", AdminPrefix), "/")
	switch r.Method + " " + what {
	case "GET ":
		writeJSON(w, http.StatusOK, map[string]any{"endpoints": adminEndpoints})
	case "POST faults":
		faults, err := readAdminFaults(r.Body)
		if err != nil {
			writeError(w, http.StatusBadRequest, "fault: %v", err)
			return
		}
		for _, f := range faults {
			e.Inject(f)
		}
		w.WriteHeader(http.StatusNoContent)
	case "DELETE faults":
		e.ClearFaults()
		w.WriteHeader(http.StatusNoContent)
	case "GET requests":
		reqs := e.Requests()
		if reqs == nil {
			reqs = []LoggedRequest{}
		}
		writeJSON(w, http.StatusOK, reqs)
	case "DELETE requests":
		e.ResetRequests()
		w.WriteHeader(http.StatusNoContent)
	case "GET contract":
		st := e.ContractStats()
		writeJSON(w, http.StatusOK, adminStats{ContractStats: st, Mode: st.Mode.String()})
	default:
		for _, ep := range adminEndpoints {
			if strings.HasSuffix(strings.ToLower(ep), " "+strings.TrimSuffix(AdminPrefix+what, "/")) {
				writeError(w, http.StatusMethodNotAllowed, "%s %s is not an admin endpoint; see GET %s", r.Method, r.URL.Path, AdminPrefix)
				return
			}
		}
		writeError(w, http.StatusNotFound, "no admin endpoint %s %s; see GET %s", r.Method, r.URL.Path, AdminPrefix)
	}
}

// adminStats shows the mode by name.
type adminStats struct {
	ContractStats
	Mode string
}

// adminFault is a Fault whose Latency may be written as a duration text.
type adminFault struct {
	Fault
	Latency json.RawMessage
}

func readAdminFaults(body io.Reader) ([]Fault, error) {
	b, err := io.ReadAll(body)
	if err != nil {
		return nil, err
	}
	var list []adminFault
	if t := strings.TrimSpace(string(b)); strings.HasPrefix(t, "[") {
		err = strictUnmarshal(b, &list)
	} else {
		var one adminFault
		err = strictUnmarshal(b, &one)
		list = []adminFault{one}
	}
	if err != nil {
		return nil, err
	}
	out := make([]Fault, len(list))
	for i, af := range list {
		f := af.Fault
		if len(af.Latency) > 0 && string(af.Latency) != "null" {
			var text string
			var ns int64
			switch {
			case json.Unmarshal(af.Latency, &text) == nil:
				d, err := time.ParseDuration(text)
				if err != nil {
					return nil, fmt.Errorf("Latency: %v", err)
				}
				f.Latency = d
			case json.Unmarshal(af.Latency, &ns) == nil:
				f.Latency = time.Duration(ns)
			default:
				return nil, fmt.Errorf("Latency must be a duration text such as \"250ms\" or nanoseconds")
			}
		}
		out[i] = f
	}
	return out, nil
}

// strictUnmarshal refuses unknown members, so a misspelt fault field is an
// error rather than a fault that matches everything.
func strictUnmarshal(b []byte, v any) error {
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}
