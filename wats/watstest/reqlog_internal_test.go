package watstest

import (
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestRequestLogIsBounded(t *testing.T) {
	e := NewHandler(WithRequestLogLimit(100))
	for i := 0; i < 1000; i++ {
		w := httptest.NewRecorder()
		e.ServeHTTP(w, httptest.NewRequest("GET", "/api/App/Version", nil))
	}
	reqs := e.Requests()
	assert.LessOrEqual(t, len(reqs), 200, "the log keeps at most twice its limit")
	assert.GreaterOrEqual(t, len(reqs), 100, "and at least its limit")
	for _, r := range reqs {
		assert.NotZero(t, r.Status, "finished requests still get their outcome after a trim")
	}
}
