package product_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// setup starts an emulator with opts and a client talking to it.
func setup(t *testing.T, opts ...watstest.Option) (*wats.Client, *watstest.Server) {
	t.Helper()
	srv := watstest.NewServer(opts...)
	t.Cleanup(srv.Close)
	c, err := wats.New(srv.URL(), srv.Token())
	require.NoError(t, err)
	return c, srv
}

// requireNoRequests asserts that validation stopped the call before the wire.
func requireNoRequests(t *testing.T, srv *watstest.Server) {
	t.Helper()
	require.Empty(t, srv.Requests(), "validation must refuse the call before any request")
}

// requireValidation asserts err is a *wats.ValidationError naming field.
func requireValidation(t *testing.T, err error, field string) {
	t.Helper()
	require.ErrorIs(t, err, wats.ErrValidation)
	var ve *wats.ValidationError
	require.ErrorAs(t, err, &ve)
	var paths []string
	for _, f := range ve.Fields {
		paths = append(paths, f.Path)
	}
	require.Contains(t, paths, field, "validation error %v", err)
}

// requireStatus asserts err is an *wats.APIError with the given status.
func requireStatus(t *testing.T, err error, status int, sentinel error) {
	t.Helper()
	require.ErrorIs(t, err, sentinel)
	var ae *wats.APIError
	require.ErrorAs(t, err, &ae)
	require.Equal(t, status, ae.StatusCode)
	require.NotEmpty(t, ae.Message, "the emulator's error body must be parsed")
}

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }
