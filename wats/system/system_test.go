package system_test

import (
	"context"
	"encoding/json"
	"net/url"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/system"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestMethodsNameTheirEndpoint(t *testing.T) {
	apitest.CheckEndpointDocs(t, ".")
}

func TestBadInputIsRefusedBeforeAnyRequest(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx := context.Background()
	s := c.System
	for _, tc := range []struct {
		name  string
		call  func() error
		field string
	}{
		{"client without name", func() error { _, err := s.GetClient(ctx, ""); return err }, "name"},
		{"client without identifier", func() error { _, err := s.GetClientByIdentifier(ctx, " "); return err }, "identifier"},
		{"update nil", func() error { _, err := s.UpdateClient(ctx, nil, nil); return err }, "client"},
		{"update without id", func() error { _, err := s.UpdateClient(ctx, &system.Client{Name: "X"}, nil); return err }, "clientId"},
		{"log without identifier", func() error { _, err := s.GetClientLog(ctx, ""); return err }, "identifier"},
		{"no hierarchy", func() error { _, err := s.GetLevel(ctx, nil); return err }, "hierarchy"},
		{"empty level name", func() error { _, err := s.CreateLevel(ctx, []string{"Site", " "}); return err }, "hierarchy[1]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			apitest.RequireValidation(t, tc.call(), tc.field)
		})
	}
	apitest.RequireNoRequests(t, srv)
}

func TestLevelsByHierarchy(t *testing.T) {
	c, srv := apitest.Setup(t, watstest.WithLevels(
		watstest.AppLevel{ID: 1, Name: "Norway"}, watstest.AppLevel{ID: 2, Name: "Oslo", ParentID: 1}, watstest.AppLevel{ID: 3, Name: "Sweden"}))
	require.NoError(t, srv.SeedErr())
	ctx := context.Background()
	for _, tc := range []struct {
		path []string
		want int
		err  error
	}{
		{[]string{"Norway"}, 1, nil},
		{[]string{"norway", "OSLO"}, 2, nil},
		{[]string{"Oslo"}, 0, wats.ErrNotFound},
		{[]string{"Sweden", "Oslo"}, 0, wats.ErrNotFound},
	} {
		got, err := c.System.GetLevel(ctx, tc.path)
		if tc.err != nil {
			require.ErrorIs(t, err, tc.err, "%v", tc.path)
			continue
		}
		require.NoError(t, err, "%v", tc.path)
		assert.Equal(t, tc.want, got, "%v", tc.path)
	}
	q, _ := url.ParseQuery(srv.Requests()[1].Query)
	assert.Equal(t, []string{"norway", "OSLO"}, q["hierarchy"], "one hierarchy parameter per level")

	id, err := c.System.CreateLevel(ctx, []string{"Norway", "Oslo", "Line 2"})
	require.NoError(t, err)
	assert.Equal(t, 4, id)
	again, err := c.System.CreateLevel(ctx, []string{"Norway", "Oslo", "Line 2"})
	require.NoError(t, err)
	assert.Equal(t, id, again, "existing levels are not created twice")
	levels, err := c.Levels(ctx)
	require.NoError(t, err)
	assert.Len(t, levels, 4)
}

func TestClients(t *testing.T) {
	c, srv := apitest.Setup(t, watstest.WithSystemClients(
		watstest.SystemClient{ID: 7, Name: "ST-7", Identifier: "AA-BB", LevelID: 1, LogText: "hello"},
		watstest.SystemClient{ID: 8, Name: "ST-8", Type: 6}))
	require.NoError(t, srv.SeedErr())
	ctx := context.Background()
	list, err := c.System.ListClients(ctx)
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, system.TypeClient, list[0].Type, "type 0 is seeded as a client")
	assert.Equal(t, system.TypeWebClient, list[1].Type)
	assert.Equal(t, "WebClient", list[1].Type.String())
	assert.Equal(t, "ClientType(3)", system.ClientType(3).String())

	got, err := c.System.GetClientByIdentifier(ctx, "aa-bb")
	require.NoError(t, err)
	assert.Equal(t, 7, got.ClientID)
	_, err = c.System.GetClientLog(ctx, "CC-DD")
	require.ErrorIs(t, err, wats.ErrNotFound)
	log, err := c.System.GetClientLog(ctx, "AA-BB")
	require.NoError(t, err)
	assert.Equal(t, "hello", log.Text)
	assert.Equal(t, 7, log.ClientID)

	_, err = c.System.UpdateClient(ctx, &system.Client{ClientID: 7, ClientGroupID: 99}, nil)
	require.ErrorIs(t, err, wats.ErrBadRequest, "an unknown level is refused")
}

func TestUpdateSendsOnlyTheDocumentedMembers(t *testing.T) {
	b, err := json.Marshal(system.Client{ClientID: 1, Name: "n", Extra: map[string]json.RawMessage{"version": []byte(`"6.1"`)}})
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	assert.Equal(t, []string{"clientGroupId", "clientId", "displayName", "location", "name", "purpose", "type"}, keys)
}

func TestSeedErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		opt  watstest.Option
	}{
		{"client twice", watstest.WithSystemClients(watstest.SystemClient{ID: 1, Name: "A"}, watstest.SystemClient{ID: 2, Name: "a"})},
		{"client on unknown level", watstest.WithSystemClients(watstest.SystemClient{ID: 1, Name: "A", LevelID: 42})},
		{"level without parent", watstest.WithLevels(watstest.AppLevel{ID: 1, Name: "L", ParentID: 5})},
		{"level id 0", watstest.WithLevels(watstest.AppLevel{Name: "L"})},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := watstest.NewServer(tc.opt)
			t.Cleanup(srv.Close)
			c := apitest.NewClient(t, srv)
			require.Error(t, srv.SeedErr())
			list, err := c.System.ListClients(context.Background())
			require.NoError(t, err)
			assert.Len(t, list, 2, "the default clients stay")
		})
	}
}

func TestClientLogAcceptsText(t *testing.T) {
	var l system.ClientLog
	require.NoError(t, json.Unmarshal([]byte(`"line 1"`), &l))
	assert.Equal(t, "line 1", l.Text)
	require.NoError(t, json.Unmarshal([]byte(`{"clientLogId":3,"logDate":"2026-01-01T10:00:00","text":"x","extra":1}`), &l))
	assert.Equal(t, 3, l.ClientLogID)
	assert.Equal(t, 10, l.LogDate.Hour())
	assert.Contains(t, l.Extra, "extra")
}
