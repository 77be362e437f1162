package scim_test

import (
	"context"
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/scim"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestMethodsNameTheirEndpoint(t *testing.T) {
	apitest.CheckEndpointDocs(t, ".")
}

func TestBadInputIsRefusedBeforeAnyRequest(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx := context.Background()
	s := c.SCIM
	const id = "0f8fad5b-d9cb-469f-a165-70867728950e"
	for _, tc := range []struct {
		name  string
		call  func() error
		field string
	}{
		{"get bad id", func() error { _, err := s.Get(ctx, "42"); return err }, "id"},
		{"by empty name", func() error { _, err := s.GetByUserName(ctx, " "); return err }, "userName"},
		{"create nil", func() error { _, err := s.Create(ctx, nil); return err }, "user"},
		{"create without name", func() error { _, err := s.Create(ctx, &scim.User{}); return err }, "userName"},
		{"create with id", func() error { _, err := s.Create(ctx, &scim.User{UserName: "x", ID: id}); return err }, "id"},
		{"update bad id", func() error { _, err := s.Update(ctx, "", scim.NewPatch(scim.SetActive(true))); return err }, "id"},
		{"update nil patch", func() error { _, err := s.Update(ctx, id, nil); return err }, "Operations"},
		{"update add", func() error {
			_, err := s.Update(ctx, id, scim.NewPatch(scim.Operation{Op: "add", Path: scim.PathEmail, Value: "a@b"}))
			return err
		}, "Operations[0].op"},
		{"update unknown path", func() error { _, err := s.Update(ctx, id, scim.NewPatch(scim.Replace("userName", "x"))); return err }, "Operations[0].path"},
		{"active as text", func() error {
			_, err := s.Update(ctx, id, scim.NewPatch(scim.Operation{Op: scim.OpReplace, Path: scim.PathActive, Value: "false"}))
			return err
		}, "Operations[0].value"},
		{"roles as bool", func() error {
			_, err := s.Update(ctx, id, scim.NewPatch(scim.Operation{Op: scim.OpReplace, Path: scim.PathRoles, Value: true}))
			return err
		}, "Operations[0].value"},
		{"delete bad id", func() error { return s.Delete(ctx, "user-1") }, "id"},
		{"negative duration", func() error { _, err := s.CreateToken(ctx, &scim.TokenOptions{DurationDays: -1}); return err }, "duration"},
		{"negative start", func() error { _, err := s.Page(ctx, &scim.ListOptions{StartIndex: -1}); return err }, "startIndex"},
		{"negative count", func() error {
			for _, err := range s.All(ctx, &scim.ListOptions{PageSize: -1}) {
				return err
			}
			return nil
		}, "count"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			apitest.RequireValidation(t, tc.call(), tc.field)
		})
	}
	apitest.RequireNoRequests(t, srv)
}

func TestUserNameTravelsEscapedInThePath(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx := context.Background()
	created, err := c.SCIM.Create(ctx, &scim.User{UserName: "ann b/2", DisplayName: "Ann B"})
	require.NoError(t, err)
	got, err := c.SCIM.GetByUserName(ctx, "ann b/2")
	require.NoError(t, err)
	assert.Equal(t, created.ID, got.ID)
	last := srv.Requests()[len(srv.Requests())-1]
	assert.Equal(t, "/api/SCIM/v2/Users/userName=ann%20b%2F2", last.RawPath)

	_, err = c.SCIM.GetByUserName(ctx, "nobody")
	require.ErrorIs(t, err, wats.ErrNotFound)
}

func TestPagingAndLimit(t *testing.T) {
	users := []watstest.User{{UserName: "u1"}, {UserName: "u2"}, {UserName: "u3"}, {UserName: "u4"}, {UserName: "u5"}}
	c, srv := apitest.Setup(t, watstest.WithUsers(users...))
	require.NoError(t, srv.SeedErr())
	ctx := context.Background()
	for _, tc := range []struct {
		name     string
		opts     *scim.ListOptions
		want     []string
		requests int
	}{
		{"every page", &scim.ListOptions{PageSize: 2}, []string{"u1", "u2", "u3", "u4", "u5"}, 3},
		{"limit", &scim.ListOptions{PageSize: 2, Limit: 3}, []string{"u1", "u2", "u3"}, 2},
		{"from the fourth", &scim.ListOptions{StartIndex: 4}, []string{"u4", "u5"}, 1},
		{"filter", &scim.ListOptions{Filter: `userName eq "u3"`}, []string{"u3"}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv.ResetRequests()
			var got []string
			for u, err := range c.SCIM.All(ctx, tc.opts) {
				require.NoError(t, err)
				got = append(got, u.UserName)
			}
			assert.Equal(t, tc.want, got)
			assert.Len(t, srv.Requests(), tc.requests)
		})
	}
	page, err := c.SCIM.Page(ctx, &scim.ListOptions{StartIndex: 2, PageSize: 2})
	require.NoError(t, err)
	assert.Equal(t, 5, page.TotalResults)
	assert.Equal(t, 2, page.StartIndex)
	assert.Equal(t, 2, page.ItemsPerPage)
	q, _ := url.ParseQuery(srv.Requests()[len(srv.Requests())-1].Query)
	assert.Equal(t, url.Values{"startIndex": {"2"}, "count": {"2"}}, q)

	_, err = c.SCIM.Page(ctx, &scim.ListOptions{Filter: "userName co x"})
	require.ErrorIs(t, err, wats.ErrBadRequest)
}

func TestSeedErrors(t *testing.T) {
	for _, tc := range []struct {
		name  string
		users []watstest.User
	}{
		{"no name", []watstest.User{{}}},
		{"twice", []watstest.User{{UserName: "a"}, {UserName: "A"}}},
		{"bad id", []watstest.User{{UserName: "a", ID: "7"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := watstest.NewServer(watstest.WithUsers(tc.users...))
			t.Cleanup(srv.Close)
			c := apitest.NewClient(t, srv)
			require.Error(t, srv.SeedErr())
			_, err := c.SCIM.GetByUserName(context.Background(), "watstest")
			require.NoError(t, err, "the default users stay")
		})
	}
}

func TestModelsKeepWhatTheyDoNotName(t *testing.T) {
	var u scim.User
	in := `{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","userName":"ann","active":true,
		"urn:wats:roles":["Operator"],"meta":{"resourceType":"User","created":"2025-01-02T03:04:05.1234567"}}`
	require.NoError(t, json.Unmarshal([]byte(in), &u))
	assert.Equal(t, time.Date(2025, 1, 2, 3, 4, 5, 123456700, time.UTC), u.Meta.Created, "no zone means UTC")
	assert.JSONEq(t, `["Operator"]`, string(u.Extra["urn:wats:roles"]))
	out, err := json.Marshal(u)
	require.NoError(t, err)
	assert.JSONEq(t, `{"id":"0f8fad5b-d9cb-469f-a165-70867728950e","userName":"ann","active":true,"urn:wats:roles":["Operator"],
		"meta":{"resourceType":"User","created":"2025-01-02T03:04:05.1234567Z"}}`, string(out))

	for _, tc := range []struct {
		in      string
		value   string
		days    int
		expires time.Time
	}{
		{`"abc"`, "abc", 0, time.Time{}},
		{`{"token":"t1","expiresUtc":"2026-01-01T00:00:00Z","durationDays":9}`, "t1", 9, time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)},
		{`{"token":"t2","expires":"2026-02-01T00:00:00","duration":5}`, "t2", 5, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)},
	} {
		var tok scim.Token
		require.NoError(t, json.Unmarshal([]byte(tc.in), &tok), tc.in)
		assert.Equal(t, tc.value, tok.Value, tc.in)
		assert.Equal(t, tc.days, tok.DurationDays, tc.in)
		assert.True(t, tc.expires.Equal(tok.ExpiresUTC), tc.in)
	}
}
