package watstest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/contract"
)

// send makes one request to e and returns status and body.
func send(t *testing.T, e *Emulator, method, target, body string) (int, string) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rd)
	req.Header.Set("Authorization", "Basic "+e.Token())
	req.Header.Set("Referer", "http://watstest/") // internal routes want one
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec.Code, rec.Body.String()
}

func TestContractRequestSide(t *testing.T) {
	tests := []struct {
		name, method, target, body string
		strict, lenient, off       int
		msg                        string
	}{
		{"documented", "GET", "/api/App/Version", "", 200, 200, 200, ""},
		{"unknown route", "GET", "/api/App/Nope", "", 404, 404, 404, "No HTTP resource"},
		{"wrong verb", "DELETE", "/api/App/Version", "", 405, 405, 405, "does not support http method 'DELETE'"},
		{"undeclared query", "GET", "/api/App/Version?x=1", "", 400, 200, 200, "App_Version (GET /api/App/Version): query.x: is not a documented parameter"},
		{"wrong type", "GET", "/api/App/Processes?includeTestOperations=yes", "", 400, 400, 400, "query.includeTestOperations"},
		{"body where none", "GET", "/api/App/Levels", `{"a":1}`, 400, 200, 200, "takes no body"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, mc := range []struct {
				mode ContractMode
				want int
			}{{Strict, tc.strict}, {Lenient, tc.lenient}, {Off, tc.off}} {
				code, body := send(t, NewHandler(WithContract(mc.mode)), tc.method, tc.target, tc.body)
				assert.Equal(t, mc.want, code, "%s: %s", mc.mode, body)
				if mc.want >= 400 && mc.mode == Strict {
					assert.Contains(t, body, tc.msg)
				}
			}
		})
	}
}

// An answer that breaks the documented schema is recorded and replaced by a
// 500 in Strict mode; a documented operation without a handler answers 501.
func TestContractAnswerSide(t *testing.T) {
	e := NewHandler(WithContract(Strict))
	// A documented route nobody emulates, answered with a number where the
	// document says every member is a string.
	e.handle("GET", "/api/internal/Distribution/MissingFiles", func(w http.ResponseWriter, r *http.Request, p Params) {
		writeJSON(w, http.StatusOK, map[string]any{"ok": "yes", "count": 3})
	})
	code, body := send(t, e, "GET", "/api/internal/Distribution/MissingFiles", "")
	assert.Equal(t, http.StatusInternalServerError, code)
	assert.Contains(t, body, "watstest: answer of Distribution_GetMissingFiles breaks the server's documented schema: answer.count: must be a string")

	st := e.ContractStats()
	require.Len(t, st.AnswerViolations, 1)
	assert.Equal(t, "answer.count", st.AnswerViolations[0].Where)
	assert.Equal(t, 1, st.Operations["GET /api/internal/Distribution/MissingFiles"])

	code, body = send(t, e, "GET", "/api/internal/Jobs/GetArchiveFilters", "")
	assert.Equal(t, http.StatusNotImplemented, code)
	assert.Contains(t, body, "is documented but not emulated")
	assert.Equal(t, []string{"GET /api/internal/Jobs/GetArchiveFilters"}, e.ContractStats().NotEmulated)

	lenient := NewHandler(WithContract(Lenient))
	lenient.handle("GET", "/api/internal/Distribution/MissingFiles", func(w http.ResponseWriter, r *http.Request, p Params) {
		writeJSON(w, http.StatusOK, map[string]any{"count": 3})
	})
	code, _ = send(t, lenient, "GET", "/api/internal/Distribution/MissingFiles", "")
	assert.Equal(t, http.StatusOK, code, "Lenient does not check answers")
}

func TestContractStatsCount(t *testing.T) {
	e := NewHandler(WithContract(Strict))
	send(t, e, "GET", "/api/App/Version", "")
	send(t, e, "GET", "/api/app/version/", "")
	send(t, e, "GET", "/api/App/Version?x=1", "")
	send(t, e, "GET", "/api/Nope", "")
	st := e.ContractStats()
	assert.Equal(t, Strict, st.Mode)
	assert.Equal(t, 3, st.Exchanges)
	assert.Equal(t, 3, st.Operations["GET /api/App/Version"])
	assert.Len(t, st.Refused, 1)
	assert.Equal(t, []string{"GET /api/Nope -> 404"}, st.RouteErrors)
	b, err := json.Marshal(st)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"Exchanges":3`)
}

func TestContractModeFromEnv(t *testing.T) {
	t.Setenv(EnvContract, "STRICT")
	assert.Equal(t, Strict, NewHandler().ContractMode())
	t.Setenv(EnvContract, "off")
	assert.Equal(t, Off, NewHandler().ContractMode())
	t.Setenv(EnvContract, "")
	assert.Equal(t, defaultContractMode, NewHandler().ContractMode())
	assert.Equal(t, Lenient, NewHandler(WithContract(Lenient)).ContractMode(), "the option wins")
	t.Setenv(EnvContract, "loose")
	assert.Panics(t, func() { NewHandler() })
	_, err := ParseContractMode("loose")
	assert.Error(t, err)
}

// requireEveryPublicOpEmulated turns the list of public operations without
// an emulated route from a report into a failure.
const requireEveryPublicOpEmulated = true

// TestPublicOperationsEmulated lists the public operations the emulator has
// no route for (they answer 501).
func TestPublicOperationsEmulated(t *testing.T) {
	missing := NewHandler().unemulated(false)
	total := 0
	for _, op := range DocumentedOperations() {
		if !op.Internal {
			total++
		}
	}
	t.Logf("public operations emulated: %d/%d", total-len(missing), total)
	if len(missing) > 0 {
		msg := "public operations without an emulated route:\n  " + strings.Join(missing, "\n  ")
		if requireEveryPublicOpEmulated {
			t.Error(msg)
		} else {
			t.Log(msg)
		}
	}
}

// A route neither document lists is refused unless registered as an Extra
// route (what a domain file does, from an init function, for a route an
// SDK Unverified() service keeps).
func init() {
	contract.RegisterExtra("GET", "/api/WatstestProbe/{name}", "Probe_Extra", "test of the Extra mechanism; no server has this route")
}

func TestContractExtraRoute(t *testing.T) {
	e := NewHandler(WithContract(Strict))
	e.handle("GET", "/api/WatstestProbe/{name}", func(w http.ResponseWriter, r *http.Request, p Params) {
		writeJSON(w, http.StatusOK, map[string]any{"anything": p.Get("name")})
	})
	code, body := send(t, e, "GET", "/api/watstestprobe/x?whatever=1", "")
	assert.Equal(t, http.StatusOK, code, body)
	assert.Equal(t, 1, e.ContractStats().Operations["GET /api/WatstestProbe/{name}"])
	code, _ = send(t, e, "POST", "/api/WatstestProbe/x", "")
	assert.Equal(t, http.StatusMethodNotAllowed, code)
}
