package watstest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/transport"
)

// TestPathParamsRoundTrip sends awkward values through the SDK transport to
// a route of the emulator and checks the handler receives them unchanged.
func TestPathParamsRoundTrip(t *testing.T) {
	e := NewHandler(WithContract(Off)) // the route is none of the server's
	e.handle(http.MethodGet, "/api/Echo/{value}/tail", func(w http.ResponseWriter, r *http.Request, p Params) {
		writeJSON(w, http.StatusOK, p.Get("value"))
	})
	ts := httptest.NewServer(e)
	defer ts.Close()
	c := transport.New(transport.Config{BaseURL: ts.URL, Token: e.Token(), UserAgent: "test"})

	for _, v := range []string{"SN/001", "a#b", "what?x=1&y", "100%", "with space", "a+b", "ÆØÅ-øre", "日本語", "%2F", "..", "a;b=c"} {
		var got string
		_, err := c.Do(context.Background(), &transport.Request{Op: "echo", Method: http.MethodGet,
			Route: "/api/Echo/{value}/tail", PathParams: map[string]string{"value": v}, Result: &got})
		require.NoError(t, err, v)
		assert.Equal(t, v, got)
	}
}

func TestRouterPrefersLiteralSegments(t *testing.T) {
	rt := &router{}
	var hit string
	rt.add("GET", "/api/Product/{partNumber}", func(http.ResponseWriter, *http.Request, Params) { hit = "param" })
	rt.add("GET", "/api/Product/Groups", func(http.ResponseWriter, *http.Request, Params) { hit = "literal" })
	h, _, _ := rt.match("GET", "/api/product/groups")
	h(nil, nil, nil)
	assert.Equal(t, "literal", hit)
	h, p, _ := rt.match("GET", "/api/Product/PN-1")
	h(nil, nil, nil)
	assert.Equal(t, "param", hit)
	assert.Equal(t, "PN-1", p.Get("partNumber"))
	h, _, seen := rt.match("POST", "/api/Product/PN-1")
	assert.Nil(t, h)
	assert.True(t, seen, "known path, other verb: 405")
}
