package watstest

import (
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestQueryHelpersAcceptEitherSpaceEncoding(t *testing.T) {
	for _, target := range []string{"/x?Name=a+b&n=5&f=TRUE", "/x?name=a%20b&N=5&F=true"} {
		r := httptest.NewRequest("GET", target, nil)
		assert.Equal(t, "a b", query(r, "name"), target)
		w := httptest.NewRecorder()
		n, ok := queryInt(w, r, "n", 0)
		assert.True(t, ok)
		assert.Equal(t, 5, n)
		b, ok := queryBool(w, r, "f", false)
		assert.True(t, ok)
		assert.True(t, b)
	}
	r := httptest.NewRequest("GET", "/x?n=five", nil)
	w := httptest.NewRecorder()
	_, ok := queryInt(w, r, "n", 0)
	assert.False(t, ok)
	assert.Equal(t, 400, w.Code)
	assert.Contains(t, w.Body.String(), `"Message"`)
}
