package watstest_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/process"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/scim"
	"github.com/watsgo/sdk/wats/system"
	"github.com/watsgo/sdk/wats/watstest"
)

func init() {
	// The process lookups answer from the cache; when it is cold the one
	// fetch runs on a shared goroutine (concurrent lookups collapse into
	// it), so the recorder never sees these methods on the wire. The
	// scenario process/public checks each of them.
	for _, m := range []string{"Processes", "ByCode", "ByName", "TestOperations", "RepairOperations", "WIPOperations",
		"IsTestOperation", "IsRepairOperation", "DefaultTestOperation", "DefaultRepairOperation", "TestOperationCode", "RepairOperationCode"} {
		noRequestMethods["github.com/watsgo/sdk/process.Service."+m] = "answered from the process cache; a cold cache is filled by one shared fetch on its own goroutine"
	}
	registerSuite("app/CommonUserSettings", suiteCommonUserSettings)
	registerSuite("auth/tokens", suiteAuthTokens)
	registerSuite("scim/users", suiteSCIMUsers)
	registerSuite("system/clients-levels-status", suiteSystem)
	registerSuite("process/public", suiteProcessPublic)
	registerSuite("process/internal", suiteProcessInternal)
	registerSuite("process/internal-writes", suiteProcessInternalWrites)
}

func suiteCommonUserSettings(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	s, err := c.GetCommonUserSettings(ctx, "watstest")
	require.NoError(t, err)
	assert.Equal(t, "WATS Test", s.FullName)
	assert.Equal(t, "en-US", s.CultureCode)
	assert.Equal(t, []string{"Administrator"}, s.Roles)
	assert.Empty(t, s.Levels)

	_, err = c.GetCommonUserSettings(ctx, "nobody-at-all")
	require.ErrorIs(t, err, wats.ErrNotFound)
	_, err = c.GetCommonUserSettings(ctx, " ")
	require.ErrorIs(t, err, wats.ErrValidation)
}

func suiteAuthTokens(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	first, err := c.Auth.CreateToken(ctx, nil)
	require.NoError(t, err)
	require.NotEmpty(t, first.Value)
	_, err = c.Auth.CreateToken(ctx, nil)
	require.ErrorIs(t, err, wats.ErrConflict, "a token is shown once; without reset the second request is refused")
	again, err := c.Auth.CreateToken(ctx, &wats.TokenOptions{Reset: true})
	require.NoError(t, err)
	assert.NotEqual(t, first.Value, again.Value)

	st, err := c.Auth.CreateTokenByIdentifier(ctx, "suite station/1", nil)
	require.NoError(t, err)
	assert.NotEmpty(t, st.Value)
	assert.NotEqual(t, again.Value, st.Value)
	_, err = c.Auth.CreateTokenByIdentifier(ctx, "", nil)
	require.ErrorIs(t, err, wats.ErrValidation)
}

func suiteSCIMUsers(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	page, err := c.SCIM.Page(ctx, nil)
	require.NoError(t, err)
	require.GreaterOrEqual(t, page.TotalResults, 2)
	assert.Equal(t, 1, page.StartIndex)
	assert.Len(t, page.Resources, page.ItemsPerPage)

	var names []string
	for u, err := range c.SCIM.All(ctx, &scim.ListOptions{PageSize: 1}) {
		require.NoError(t, err)
		names = append(names, u.UserName)
	}
	assert.Len(t, names, page.TotalResults, "All walks every page")
	assert.Contains(t, names, "watstest")

	one, err := c.SCIM.Page(ctx, &scim.ListOptions{Filter: `userName eq "operator1"`})
	require.NoError(t, err)
	require.Len(t, one.Resources, 1)
	assert.Equal(t, "operator1", one.Resources[0].UserName)

	me, err := c.SCIM.GetByUserName(ctx, "watstest")
	require.NoError(t, err)
	byID, err := c.SCIM.Get(ctx, me.ID)
	require.NoError(t, err)
	assert.Equal(t, me.UserName, byID.UserName)
	require.NotNil(t, byID.Active)
	assert.True(t, *byID.Active)
	assert.False(t, byID.Meta.Created.IsZero())

	created, err := c.SCIM.Create(ctx, &scim.User{UserName: "suite.user", Name: &scim.Name{GivenName: "Sue", FamilyName: "Ite"},
		Emails: []scim.Email{{Value: "sue@example.com", Primary: true}}})
	require.NoError(t, err)
	require.Len(t, created.ID, 36)
	assert.Equal(t, "Sue Ite", created.DisplayName)
	_, err = c.SCIM.Create(ctx, &scim.User{UserName: "suite.user"})
	require.ErrorIs(t, err, wats.ErrConflict)

	patched, err := c.SCIM.Update(ctx, created.ID, scim.NewPatch(scim.Replace(scim.PathLevels, "PCBA;Module"),
		scim.Replace(scim.PathRoles, "Operator"), scim.SetActive(false)))
	require.NoError(t, err)
	require.NotNil(t, patched.Active)
	assert.False(t, *patched.Active)
	settings, err := c.GetCommonUserSettings(ctx, "suite.user")
	require.NoError(t, err)
	assert.Equal(t, []string{"Module", "PCBA"}, settings.Levels)
	assert.Equal(t, []string{"Operator"}, settings.Roles)
	_, err = c.SCIM.Update(ctx, created.ID, scim.NewPatch(scim.Replace(scim.PathRoles, "No such role")))
	require.ErrorIs(t, err, wats.ErrBadRequest)

	require.NoError(t, c.SCIM.Delete(ctx, created.ID))
	_, err = c.SCIM.Get(ctx, created.ID)
	require.ErrorIs(t, err, wats.ErrNotFound)
	require.ErrorIs(t, c.SCIM.Delete(ctx, created.ID), wats.ErrNotFound)

	tok, err := c.SCIM.CreateToken(ctx, &scim.TokenOptions{DurationDays: 30})
	require.NoError(t, err)
	assert.NotEmpty(t, tok.Value)
	assert.Equal(t, 30, tok.DurationDays)
	assert.WithinDuration(t, time.Now().Add(30*24*time.Hour), tok.ExpiresUTC, time.Minute)
}

func suiteSystem(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	clients, err := c.System.ListClients(ctx)
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(clients), 2)
	eol, err := c.System.GetClient(ctx, "LINE1-EOL")
	require.NoError(t, err)
	assert.Equal(t, system.TypeClient, eol.Type)
	assert.Contains(t, eol.Extra, "identifier")
	var mac string
	require.NoError(t, appJSONString(eol.Extra["identifier"], &mac))
	same, err := c.System.GetClientByIdentifier(ctx, mac)
	require.NoError(t, err)
	assert.Equal(t, eol.ClientID, same.ClientID)
	_, err = c.System.GetClient(ctx, "NO-SUCH-STATION")
	require.ErrorIs(t, err, wats.ErrNotFound)

	level, err := c.System.CreateLevel(ctx, []string{"Suite site", "Line 9"})
	require.NoError(t, err)
	require.Positive(t, level)
	got, err := c.System.GetLevel(ctx, []string{"Suite site", "Line 9"})
	require.NoError(t, err)
	assert.Equal(t, level, got)
	_, err = c.System.GetLevel(ctx, []string{"Suite site", "Line 10"})
	require.ErrorIs(t, err, wats.ErrNotFound)
	_, err = c.System.GetLevel(ctx, nil)
	require.ErrorIs(t, err, wats.ErrValidation)

	upd := *eol
	upd.DisplayName, upd.ClientGroupID = "Suite EOL", level
	out, err := c.System.UpdateClient(ctx, &upd, &system.UpdateClientOptions{MoveWithHistory: appPtr(true)})
	require.NoError(t, err)
	require.NotNil(t, out)
	assert.Equal(t, "Suite EOL", out.DisplayName)
	assert.Equal(t, level, out.ClientGroupID)
	assert.Equal(t, eol.Name, out.Name, "the name does not change")
	_, err = c.System.UpdateClient(ctx, &system.Client{ClientID: 9999}, nil)
	require.ErrorIs(t, err, wats.ErrNotFound)

	log, err := c.System.GetClientLog(ctx, mac)
	require.NoError(t, err)
	assert.Contains(t, log.Text, "Client started")
	assert.False(t, log.LogDate.IsZero())

	status, err := c.System.GetStatus(ctx)
	require.NoError(t, err)
	assert.Equal(t, watstest.ServerVersion, status["version"])
}

func suiteProcessPublic(ctx context.Context, t *testing.T, c *wats.Client, srv *watstest.Server) {
	p := c.Process
	before := len(srv.RequestsTo(http.MethodGet, "/api/App/Processes"))
	list, err := p.List(ctx, &process.ListOptions{IncludeRepairOperations: appPtr(true)})
	require.NoError(t, err)
	for _, x := range list {
		assert.True(t, x.IsRepairOperation, x.Name)
	}
	require.NoError(t, p.Refresh(ctx))
	all, err := p.Processes(ctx)
	require.NoError(t, err)
	assert.NotEmpty(t, all)
	eol, err := p.ByCode(ctx, 100)
	require.NoError(t, err)
	assert.Equal(t, "End of line test", eol.Name)
	rep, err := p.ByName(ctx, "REPAIR")
	require.NoError(t, err)
	assert.Equal(t, 500, rep.Code)
	for _, tc := range []struct {
		name string
		get  func(context.Context) ([]process.Process, error)
		kind func(process.Process) bool
	}{
		{"test", p.TestOperations, func(x process.Process) bool { return x.IsTestOperation }},
		{"repair", p.RepairOperations, func(x process.Process) bool { return x.IsRepairOperation }},
		{"wip", p.WIPOperations, func(x process.Process) bool { return x.IsWIPOperation }},
	} {
		got, err := tc.get(ctx)
		require.NoError(t, err, tc.name)
		require.NotEmpty(t, got, tc.name)
		for _, x := range got {
			assert.True(t, tc.kind(x) && x.Active(), tc.name+" "+x.Name)
		}
	}
	isTest, err := p.IsTestOperation(ctx, 100)
	require.NoError(t, err)
	assert.True(t, isTest)
	isRepair, err := p.IsRepairOperation(ctx, 100)
	require.NoError(t, err)
	assert.False(t, isRepair)
	dt, err := p.DefaultTestOperation(ctx)
	require.NoError(t, err)
	assert.Equal(t, 100, dt.Code)
	dr, err := p.DefaultRepairOperation(ctx)
	require.NoError(t, err)
	assert.Equal(t, 500, dr.Code)
	assert.Len(t, srv.RequestsTo(http.MethodGet, "/api/App/Processes"), before+2, "List and Refresh fetch; lookups use the cache")
}

func suiteProcessInternal(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	in := c.Process.Internal()
	list, err := in.Processes(ctx)
	require.NoError(t, err)
	var repairID string
	for _, p := range list {
		require.Len(t, p.ProcessID, 36, p.Name)
		if p.Code == 500 {
			repairID = p.ProcessID
		}
	}
	require.NotEmpty(t, repairID)
	one, err := in.Process(ctx, repairID)
	require.NoError(t, err)
	assert.Equal(t, 500, one.Code)
	assert.True(t, one.IsRepairOperation)

	ops, err := in.RepairOperations(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, ops)
	assert.Equal(t, 500, ops[0].Code)
	assert.NotEmpty(t, ops[0].Config.FailCodes())

	raw, err := in.RepairOperation(ctx, repairID, &process.RepairOperationOptions{ProcessCode: appPtr(500)})
	require.NoError(t, err)
	assert.Contains(t, string(raw), "Burned Component")
	_, err = in.Process(ctx, "not-a-guid")
	require.ErrorIs(t, err, wats.ErrValidation)
}

// appPtr returns a pointer to v.
func appPtr[T any](v T) *T { return &v }

// appJSONString decodes a JSON string member.
func appJSONString(raw json.RawMessage, dst *string) error { return json.Unmarshal(raw, dst) }

func suiteProcessInternalWrites(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
	in := c.Process.Internal()
	created, err := in.Create(ctx, &process.InternalProcess{Code: 7701, Name: "Suite rework", IsRepairOperation: true, State: appPtr(1)})
	require.NoError(t, err)
	require.Len(t, created.ProcessID, 36)
	_, err = in.Create(ctx, &process.InternalProcess{Code: 7701, Name: "Twice"})
	require.ErrorIs(t, err, wats.ErrConflict)

	created.Name = "Suite rework renamed"
	require.NoError(t, in.Update(ctx, created))
	second, err := in.Create(ctx, &process.InternalProcess{Code: 7702, Name: "Suite audit", IsWIPOperation: true})
	require.NoError(t, err)
	second.Description = "audited"
	created.Description = "reworked"
	require.NoError(t, in.UpdateBatch(ctx, []process.InternalProcess{*created, *second}))
	require.NoError(t, c.Process.Refresh(ctx))
	got, err := c.Process.ByCode(ctx, 7701)
	require.NoError(t, err)
	assert.Equal(t, "Suite rework renamed", got.Name)
	assert.Equal(t, "reworked", got.Description)

	cfg := &process.RepairOperationConfig{Description: "Suite rework", UUTRequired: 1, BOMRequired: 2, VendorRequired: 2,
		Categories: []process.RepairCategory{{Description: "Cosmetic", Selectable: true, Status: 1,
			Failcodes: []process.RepairCategory{{Description: "Scratch", Selectable: true, Status: 1}}}},
		MiscInfos: []process.RepairMiscInfo{{Description: "Rework station", Status: 1, AllowedValues: []string{"not sent"}}}}
	require.NoError(t, in.UpdateRepairOperation(ctx, created.ProcessID, cfg))
	raw, err := in.RepairOperation(ctx, created.ProcessID, nil)
	require.NoError(t, err)
	var stored process.RepairOperationConfig
	require.NoError(t, json.Unmarshal(raw, &stored))
	require.Len(t, stored.FailCodes(), 1)
	assert.Equal(t, "Scratch", stored.FailCodes()[0].Code)
	assert.Len(t, stored.FailCodes()[0].GUID, 36, "the server gives new fail codes a GUID")
	require.NoError(t, in.UpdateRepairOperation(ctx, created.ProcessID, cfg), "AllowedValues is never sent")
	err = in.UpdateRepairOperation(ctx, second.ProcessID, cfg)
	require.ErrorIs(t, err, wats.ErrNotFound, "only repair processes have a repair configuration")

	for _, p := range []*process.InternalProcess{created, second} {
		gone, err := in.Delete(ctx, p.ProcessID)
		require.NoError(t, err)
		require.NotNil(t, gone)
		assert.Equal(t, p.Code, gone.Code)
		_, err = in.Process(ctx, p.ProcessID)
		require.ErrorIs(t, err, wats.ErrNotFound)
	}
	_, err = in.Delete(ctx, created.ProcessID)
	require.ErrorIs(t, err, wats.ErrNotFound)
	require.NoError(t, c.Process.Refresh(ctx))
}
