package wats_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestErrorMapping(t *testing.T) {
	sentinels := []error{wats.ErrBadRequest, wats.ErrUnauthorized, wats.ErrForbidden, wats.ErrNotFound,
		wats.ErrConflict, wats.ErrRateLimited, wats.ErrServer, wats.ErrCircuitOpen, wats.ErrValidation}
	statuses := []struct {
		code int
		want error
	}{
		{400, wats.ErrBadRequest}, {401, wats.ErrUnauthorized}, {403, wats.ErrForbidden},
		{404, wats.ErrNotFound}, {409, wats.ErrConflict}, {429, wats.ErrRateLimited},
		{500, wats.ErrServer}, {502, wats.ErrServer}, {503, wats.ErrServer}, {504, wats.ErrServer},
	}
	bodies := []struct {
		name        string
		fault       watstest.Fault
		wantMessage string
		wantErrors  string
	}{
		{name: "ASP.NET Message", fault: watstest.Fault{Body: `{"Message":"Product 'X' was not found."}`}, wantMessage: "Product 'X' was not found."},
		{name: "camel message", fault: watstest.Fault{Body: `{"message":"bad part number"}`}, wantMessage: "bad part number"},
		{name: "problem details", fault: watstest.Fault{Body: `{"title":"One or more validation errors occurred.","errors":{"pn":["required"]}}`},
			wantMessage: "One or more validation errors occurred.", wantErrors: `{"pn":["required"]}`},
		{name: "plain text", fault: watstest.Fault{Body: "upstream proxy failure", ContentType: "text/plain"}, wantMessage: "upstream proxy failure"},
		{name: "html", fault: watstest.Fault{Body: "<html><body>Bad Gateway</body></html>", ContentType: "text/html"}, wantMessage: "<html><body>Bad Gateway</body></html>"},
		{name: "empty", fault: watstest.Fault{NoBody: true}, wantMessage: ""},
	}
	srv := newServer(t)
	// The limiter is off: it would otherwise slow down after the 429 rows.
	c := newClient(t, srv, wats.WithRetry(0, 0, 0), wats.WithCircuitBreaker(0, 0), wats.WithRateLimit(0, 0))
	for _, st := range statuses {
		for _, b := range bodies {
			t.Run(http.StatusText(st.code)+"/"+b.name, func(t *testing.T) {
				f := b.fault
				f.Status = st.code
				srv.Inject(f)
				_, err := c.Levels(context.Background())
				require.Error(t, err)
				var apiErr *wats.APIError
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, st.code, apiErr.StatusCode)
				assert.Equal(t, http.MethodGet, apiErr.Method)
				assert.Equal(t, "/api/App/Levels", apiErr.Route)
				assert.Equal(t, "wats.Levels", apiErr.Op)
				assert.NotEmpty(t, apiErr.RequestID)
				assert.Equal(t, b.wantMessage, apiErr.Message)
				assert.Equal(t, b.wantErrors, apiErr.Errors)
				assert.Equal(t, strings.TrimSpace(f.Body), strings.TrimSpace(apiErr.Body))
				for _, s := range sentinels {
					assert.Equal(t, s == st.want, errors.Is(err, s), "errors.Is(%v)", s)
				}
				msg := err.Error()
				assert.Contains(t, msg, "wats.Levels: GET /api/App/Levels: ")
				assert.Contains(t, msg, http.StatusText(st.code))
				assert.Contains(t, msg, apiErr.RequestID)
			})
		}
	}
}

func TestErrorBodyIsCapped(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv, wats.WithRetry(0, 0, 0))
	srv.Inject(watstest.Fault{Status: 500, Body: strings.Repeat("x", 100<<10), ContentType: "text/plain"})
	err := c.Ping(context.Background())
	var apiErr *wats.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.LessOrEqual(t, len(apiErr.Body), 4<<10)
	assert.Less(t, len(err.Error()), 1<<10, "the message stays readable")
}

func TestEmulatorErrorBodyShape(t *testing.T) {
	srv := newServer(t)
	c := newClient(t, srv)
	err := c.RawDoForTest(context.Background(), http.MethodGet, "/api/No/Such/Route")
	var apiErr *wats.APIError
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusNotFound, apiErr.StatusCode)
	assert.Contains(t, apiErr.Body, `"Message"`)
	assert.Contains(t, apiErr.Message, "No HTTP resource was found")
}
