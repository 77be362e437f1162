package wats_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestAuthAndUserSettingsNameTheirEndpoint(t *testing.T) {
	apitest.CheckEndpointDocs(t, ".", "AuthService")
}

func TestCreateToken(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name  string
		call  func() (*wats.AccessToken, error)
		query url.Values
		err   error
	}{
		{"first", func() (*wats.AccessToken, error) { return c.Auth.CreateToken(ctx, nil) }, url.Values{}, nil},
		{"again without reset", func() (*wats.AccessToken, error) { return c.Auth.CreateToken(ctx, &wats.TokenOptions{}) }, url.Values{}, wats.ErrConflict},
		{"reset", func() (*wats.AccessToken, error) { return c.Auth.CreateToken(ctx, &wats.TokenOptions{Reset: true}) }, url.Values{"reset": {"true"}}, nil},
		{"identifier", func() (*wats.AccessToken, error) { return c.Auth.CreateTokenByIdentifier(ctx, "LINE 1/EOL", nil) }, url.Values{}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tok, err := tc.call()
			last := srv.Requests()[len(srv.Requests())-1]
			q, _ := url.ParseQuery(last.Query)
			assert.Equal(t, tc.query, q)
			if tc.err != nil {
				require.ErrorIs(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			raw, err := base64Decode(tok.Value)
			require.NoError(t, err, "the token is in the Basic form")
			assert.Regexp(t, `^watstest:[0-9a-f]{32}$`, raw)
			assert.NotEmpty(t, tok.Raw)
		})
	}
	assert.Equal(t, "/api/Auth/GetToken/LINE%201%2FEOL", srv.Requests()[3].RawPath)
	_, err := c.Auth.CreateTokenByIdentifier(ctx, " ", nil)
	apitest.RequireValidation(t, err, "identifier")
}

func TestAccessTokenShapes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`"abc"`, "abc"},
		{`{"token":"t1","identifier":null}`, "t1"},
		{`{"Token":"t2"}`, "t2"},
		{`{"other":1}`, ""},
	} {
		var a wats.AccessToken
		require.NoError(t, json.Unmarshal([]byte(tc.in), &a), tc.in)
		assert.Equal(t, tc.want, a.Value, tc.in)
		assert.JSONEq(t, tc.in, string(a.Raw))
	}
	var a wats.AccessToken
	require.Error(t, json.Unmarshal([]byte(`[1]`), &a))
}

func TestGetCommonUserSettings(t *testing.T) {
	c, srv := apitest.Setup(t, watstest.WithUsers(watstest.User{UserName: "Ann", FullName: "Ann Lee", Email: "ann@example.com",
		Roles: []string{"Operator"}, Levels: []string{"PCBA"}, ProductGroups: []string{"Sensors"}, CultureCode: "nb-NO"}))
	require.NoError(t, srv.SeedErr())
	ctx := context.Background()
	got, err := c.GetCommonUserSettings(ctx, "ann")
	require.NoError(t, err)
	assert.Equal(t, &wats.CommonUserSettings{FullName: "Ann Lee", CultureCode: "nb-NO", Email: "ann@example.com",
		Roles: []string{"Operator"}, Levels: []string{"PCBA"}, ProductGroups: []string{"Sensors"}}, got)
	q, _ := url.ParseQuery(srv.Requests()[0].Query)
	assert.Equal(t, url.Values{"UserName": {"ann"}}, q, "the parameter is spelt as the server documents it")

	_, err = c.GetCommonUserSettings(ctx, "watstest")
	require.ErrorIs(t, err, wats.ErrNotFound, "WithUsers replaced the defaults")
	_, err = c.GetCommonUserSettings(ctx, "")
	apitest.RequireValidation(t, err, "UserName")
}

func ExampleAuthService_CreateToken() {
	srv := watstest.NewServer()
	defer srv.Close()
	c, _ := wats.New(srv.URL(), srv.Token())

	tok, err := c.Auth.CreateTokenByIdentifier(context.Background(), "LINE1-EOL", nil)
	fmt.Println(err == nil, tok.Value != "")
	// Output: true true
}

// base64Decode decodes standard Base64 text.
func base64Decode(s string) (string, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	return string(b), err
}
