package watstest_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/wats/watstest"
)

func adminDo(t *testing.T, h http.Handler, token, method, path, body string) (int, string) {
	t.Helper()
	req := httptest.NewRequest(method, path, strings.NewReader(body))
	req.Header.Set("Authorization", "Basic "+token)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	b, _ := io.ReadAll(rec.Body)
	return rec.Code, string(b)
}

// The admin API injects and clears faults, and reads the request log and
// the contract figures, all behind the emulator's token.
func TestAdminHandler(t *testing.T) {
	e := watstest.NewHandler(watstest.WithContract(watstest.Strict))
	admin := e.AdminHandler()
	tok := e.Token()

	code, _ := adminDo(t, admin, "wrong", "GET", "/_watstest/", "")
	assert.Equal(t, http.StatusUnauthorized, code)
	code, body := adminDo(t, admin, tok, "GET", "/_watstest/", "")
	assert.Equal(t, http.StatusOK, code)
	assert.Contains(t, body, "POST /_watstest/faults")

	code, body = adminDo(t, admin, tok, "POST", "/_watstest/faults", `{"Path":"/api/App","Status":503,"RetryAfter":"1","Latency":"1ms","Times":2}`)
	require.Equal(t, http.StatusNoContent, code, body)
	for i := 0; i < 2; i++ {
		code, _ = adminDo(t, e, tok, "GET", "/api/App/Version", "")
		assert.Equal(t, http.StatusServiceUnavailable, code)
	}
	code, _ = adminDo(t, e, tok, "GET", "/api/App/Version", "")
	assert.Equal(t, http.StatusOK, code, "Times is honoured")

	code, _ = adminDo(t, admin, tok, "POST", "/_watstest/faults", `[{"Status":500,"Times":-1}]`)
	require.Equal(t, http.StatusNoContent, code)
	code, _ = adminDo(t, e, tok, "GET", "/api/App/Version", "")
	assert.Equal(t, http.StatusInternalServerError, code)
	code, _ = adminDo(t, admin, tok, "DELETE", "/_watstest/faults", "")
	assert.Equal(t, http.StatusNoContent, code)
	code, _ = adminDo(t, e, tok, "GET", "/api/App/Version", "")
	assert.Equal(t, http.StatusOK, code, "cleared")

	code, body = adminDo(t, admin, tok, "POST", "/_watstest/faults", `{"Stauts":500}`)
	assert.Equal(t, http.StatusBadRequest, code, "a misspelt field is refused")
	assert.Contains(t, body, "Stauts")
	code, _ = adminDo(t, admin, tok, "POST", "/_watstest/faults", `{"Latency":"soon"}`)
	assert.Equal(t, http.StatusBadRequest, code)

	code, body = adminDo(t, admin, tok, "GET", "/_watstest/requests", "")
	require.Equal(t, http.StatusOK, code)
	var reqs []watstest.LoggedRequest
	require.NoError(t, json.Unmarshal([]byte(body), &reqs))
	require.Len(t, reqs, 5)
	assert.Equal(t, "/api/App/Version", reqs[0].Path)
	assert.Empty(t, reqs[0].Header.Get("Authorization"))
	assert.GreaterOrEqual(t, reqs[0].Duration, time.Millisecond, "the injected latency")

	adminDo(t, e, tok, "GET", "/api/App/Version?bogus=1", "")
	code, body = adminDo(t, admin, tok, "GET", "/_watstest/contract", "")
	require.Equal(t, http.StatusOK, code)
	var st struct {
		Mode      string
		Exchanges int
		Refused   []watstest.ContractViolation
	}
	require.NoError(t, json.Unmarshal([]byte(body), &st))
	assert.Equal(t, "strict", st.Mode)
	assert.Equal(t, 3, st.Exchanges, "faulted requests never reach the check")
	require.Len(t, st.Refused, 1)
	assert.Equal(t, "query.bogus", st.Refused[0].Where)

	code, _ = adminDo(t, admin, tok, "DELETE", "/_watstest/requests", "")
	assert.Equal(t, http.StatusNoContent, code)
	assert.Empty(t, e.Requests())
	code, _ = adminDo(t, admin, tok, "PUT", "/_watstest/requests", "")
	assert.Equal(t, http.StatusMethodNotAllowed, code)
	code, _ = adminDo(t, admin, tok, "GET", "/_watstest/nothing", "")
	assert.Equal(t, http.StatusNotFound, code)
}
