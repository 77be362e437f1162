package process_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/process"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestListSendsFlagsAndDecodes(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.FastRetry()})
	ctx := context.Background()
	yes, no := true, false

	all, err := c.Process.List(ctx, nil)
	require.NoError(t, err)
	assert.Empty(t, srv.Requests()[0].Query, "nil options send no flags")
	require.NotEmpty(t, all)
	eol := find(all, 100)
	require.NotNil(t, eol)
	assert.Equal(t, "End of line test", eol.Name)
	assert.True(t, eol.IsTestOperation)
	assert.False(t, eol.IsRepairOperation)
	require.NotNil(t, eol.State)
	assert.True(t, eol.Active())
	assert.Nil(t, find(all, 999), "inactive processes need includeInactiveProcesses")

	repairs, err := c.Process.List(ctx, &process.ListOptions{IncludeRepairOperations: &yes, IncludeTestOperations: &no})
	require.NoError(t, err)
	for _, p := range repairs {
		assert.True(t, p.IsRepairOperation, p.Name)
	}
	last := srv.Requests()[len(srv.Requests())-1]
	assert.Equal(t, url.Values{"includeRepairOperations": {"true"}, "includeTestOperations": {"false"}}, last.QueryValues())
}

func TestModelToleratesUnknownFieldsAndNulls(t *testing.T) {
	var p process.Process
	require.NoError(t, json.Unmarshal([]byte(`{"code":7,"name":"X","description":null,"isWipOperation":true,"futureField":{"a":1},"state":null}`), &p))
	assert.Equal(t, 7, p.Code)
	assert.True(t, p.IsWIPOperation)
	assert.True(t, p.Active(), "no state means active")

	var cfg process.RepairOperationConfig
	require.NoError(t, json.Unmarshal([]byte(`{"Description":"Repair","Categories":[{"GUID":"g1","Description":"Component","Failcodes":[{"GUID":"g2","Description":"Burned"},{"GUID":"g3","Description":"Hidden","Selectable":false}]}]}`), &cfg))
	assert.Equal(t, 1, cfg.UUTRequired)
	assert.Equal(t, 2, cfg.VendorRequired)
	assert.Equal(t, []process.FailCode{{Category: "Component", Code: "Burned", GUID: "g2", CategoryGUID: "g1"}}, cfg.FailCodes())
}

func TestFiftyConcurrentColdLookupsMakeOneRequest(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.FastRetry()})
	// Slow the fetch so every lookup starts while it is in flight.
	srv.Inject(watstest.Fault{Path: "/api/App/Processes", Latency: 200 * time.Millisecond})
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make([]error, 50)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			if i%2 == 0 {
				_, errs[i] = c.Process.ByCode(context.Background(), 100)
			} else {
				_, errs[i] = c.Process.ByName(context.Background(), "repair")
			}
		}(i)
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	assert.Len(t, srv.RequestsTo(http.MethodGet, "/api/App/Processes"), 1)
	st := c.Process.Stats()
	assert.EqualValues(t, 1, st.Fetches)
	assert.EqualValues(t, 50, st.Hits+st.Misses)
}

func TestLookups(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.FastRetry()})
	ctx := context.Background()

	p, err := c.Process.ByName(ctx, "  END OF LINE test ")
	require.NoError(t, err)
	assert.Equal(t, 100, p.Code)

	_, err = c.Process.ByCode(ctx, 4242)
	require.ErrorIs(t, err, wats.ErrNotFound)
	assert.Contains(t, err.Error(), "4242")
	_, err = c.Process.ByName(ctx, "nope")
	require.ErrorIs(t, err, wats.ErrNotFound)

	inactive, err := c.Process.ByCode(ctx, 999)
	require.NoError(t, err, "the cache holds inactive processes too")
	assert.False(t, inactive.Active())

	tests, err := c.Process.TestOperations(ctx)
	require.NoError(t, err)
	assert.Equal(t, []int{10, 50, 90, 100}, codes(tests), "active test operations only")
	repairs, err := c.Process.RepairOperations(ctx)
	require.NoError(t, err)
	assert.Equal(t, []int{500, 510}, codes(repairs))
	wip, err := c.Process.WIPOperations(ctx)
	require.NoError(t, err)
	assert.Equal(t, []int{200, 210}, codes(wip))

	for _, tt := range []struct {
		code           int
		test, isRepair bool
	}{{100, true, false}, {500, false, true}, {200, false, false}, {12345, false, false}} {
		isT, err := c.Process.IsTestOperation(ctx, tt.code)
		require.NoError(t, err)
		isR, err := c.Process.IsRepairOperation(ctx, tt.code)
		require.NoError(t, err)
		assert.Equal(t, tt.test, isT, tt.code)
		assert.Equal(t, tt.isRepair, isR, tt.code)
	}
	dt, err := c.Process.DefaultTestOperation(ctx)
	require.NoError(t, err)
	assert.Equal(t, 100, dt.Code)
	dr, err := c.Process.DefaultRepairOperation(ctx)
	require.NoError(t, err)
	assert.Equal(t, 500, dr.Code)
	assert.Len(t, srv.RequestsTo("", "/api/App/Processes"), 1, "every lookup above came from one fetch")
}

func TestDefaultsFallBackToFirstListed(t *testing.T) {
	c, _ := apitest.SetupClient(t, []wats.Option{apitest.FastRetry()}, watstest.WithProcesses(
		watstest.Process{Code: 30, Name: "ICT", Test: true},
		watstest.Process{Code: 31, Name: "FCT", Test: true},
		watstest.Process{Code: 600, Name: "Rework", Repair: true},
	))
	dt, err := c.Process.DefaultTestOperation(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 30, dt.Code)
	dr, err := c.Process.DefaultRepairOperation(context.Background())
	require.NoError(t, err)
	assert.Equal(t, 600, dr.Code)

	c2, _ := apitest.SetupClient(t, []wats.Option{apitest.FastRetry()}, watstest.WithProcesses(watstest.Process{Code: 30, Name: "ICT", Test: true}))
	_, err = c2.Process.DefaultRepairOperation(context.Background())
	assert.ErrorIs(t, err, wats.ErrNotFound)
}

func TestValidationBeforeNetwork(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.FastRetry()})
	ctx := context.Background()
	_, err := c.Process.ByName(ctx, " ")
	var ve *wats.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "name", ve.Fields[0].Path)
	_, err = c.Process.Internal().Process(ctx, "not-a-guid")
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "id", ve.Fields[0].Path)
	assert.ErrorIs(t, err, wats.ErrValidation)
	_, err = c.Process.Internal().RepairOperation(ctx, "../../etc", nil)
	require.ErrorIs(t, err, wats.ErrValidation)
	assert.Empty(t, srv.Requests(), "bad input never reaches the wire")
}

func TestRefreshAndInvalidate(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.FastRetry()})
	ctx := context.Background()
	_, err := c.Process.ByCode(ctx, 100)
	require.NoError(t, err)

	require.NoError(t, srv.SetProcesses(watstest.Process{Code: 100, Name: "Final test", Test: true}))
	p, err := c.Process.ByCode(ctx, 100)
	require.NoError(t, err)
	assert.Equal(t, "End of line test", p.Name, "served from the cache")

	require.NoError(t, c.Process.Refresh(ctx))
	p, err = c.Process.ByCode(ctx, 100)
	require.NoError(t, err)
	assert.Equal(t, "Final test", p.Name)

	require.NoError(t, srv.SetProcesses(watstest.Process{Code: 100, Name: "Renamed again", Test: true}))
	c.Process.Invalidate()
	p, err = c.Process.ByCode(ctx, 100)
	require.NoError(t, err)
	assert.Equal(t, "Renamed again", p.Name)
	assert.Len(t, srv.RequestsTo("", "/api/App/Processes"), 3)
}

func TestWaiterCancellationDoesNotFailOthers(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.FastRetry()})
	srv.Inject(watstest.Fault{Path: "/api/App/Processes", Latency: 300 * time.Millisecond})
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	var errA, errB error
	wg.Add(2)
	go func() { defer wg.Done(); _, errA = c.Process.ByCode(ctx, 100) }()
	go func() {
		defer wg.Done()
		time.Sleep(20 * time.Millisecond)
		_, errB = c.Process.ByCode(context.Background(), 100)
	}()
	time.Sleep(50 * time.Millisecond)
	cancel()
	wg.Wait()
	assert.ErrorIs(t, errA, context.Canceled)
	assert.NoError(t, errB, "the shared fetch survives one caller giving up")
	assert.Len(t, srv.RequestsTo("", "/api/App/Processes"), 1)
}

func TestInternalRoutes(t *testing.T) {
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.FastRetry()})
	ctx := context.Background()
	in := c.Process.Internal()

	list, err := in.Processes(ctx)
	require.NoError(t, err)
	require.NotEmpty(t, list)
	var repair process.InternalProcess
	for _, p := range list {
		if p.Code == 500 {
			repair = p
		}
	}
	require.True(t, repair.IsRepairOperation)
	require.Regexp(t, `^[0-9a-f-]{36}$`, repair.ProcessID)

	one, err := in.Process(ctx, repair.ProcessID)
	require.NoError(t, err)
	assert.Equal(t, "Repair", one.Name)

	_, err = in.Process(ctx, "00000000-0000-0000-0000-000000000000")
	require.ErrorIs(t, err, wats.ErrNotFound)

	ops, err := in.RepairOperations(ctx)
	require.NoError(t, err)
	require.Len(t, ops, 2)
	assert.Equal(t, 500, ops[0].Code)
	fcs := ops[0].Config.FailCodes()
	require.NotEmpty(t, fcs)
	assert.Contains(t, fcs, process.FailCode{Category: "Component", Code: "Burned Component", GUID: fcs[0].GUID, CategoryGUID: fcs[0].CategoryGUID})

	code := 500
	raw, err := in.RepairOperation(ctx, repair.ProcessID, &process.RepairOperationOptions{ProcessCode: &code})
	require.NoError(t, err)
	var cfg process.RepairOperationConfig
	require.NoError(t, json.Unmarshal(raw, &cfg))
	assert.Equal(t, "Repair", cfg.Description)

	for _, r := range srv.RequestsTo("", "/api/internal/") {
		assert.Equal(t, srv.URL(), r.Header.Get("Referer"))
	}
}

func find(ps []process.Process, code int) *process.Process {
	for i := range ps {
		if ps[i].Code == code {
			return &ps[i]
		}
	}
	return nil
}

func codes(ps []process.Process) []int {
	out := []int{}
	for _, p := range ps {
		out = append(out, p.Code)
	}
	return out
}

func BenchmarkCachedLookup(b *testing.B) {
	c, _ := apitest.Setup(b)
	ctx := context.Background()
	_, err := c.Process.ByCode(ctx, 100)
	require.NoError(b, err)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := c.Process.ByName(ctx, "End of line test"); err != nil {
			b.Fatal(err)
		}
	}
}

func TestInternalWritesRefuseBadInput(t *testing.T) {
	c, srv := apitest.Setup(t)
	in := c.Process.Internal()
	ctx := context.Background()
	const id = "0f8fad5b-d9cb-469f-a165-70867728950e"
	for _, tc := range []struct {
		name  string
		call  func() error
		field string
	}{
		{"create nil", func() error { _, err := in.Create(ctx, nil); return err }, "process"},
		{"create without name", func() error { _, err := in.Create(ctx, &process.InternalProcess{Code: 5}); return err }, "process.Name"},
		{"create without code", func() error { _, err := in.Create(ctx, &process.InternalProcess{Name: "x"}); return err }, "process.Code"},
		{"create with bad id", func() error {
			_, err := in.Create(ctx, &process.InternalProcess{Code: 5, Name: "x", ProcessID: "5"})
			return err
		}, "process.ProcessID"},
		{"update without id", func() error { return in.Update(ctx, &process.InternalProcess{Code: 5, Name: "x"}) }, "process.ProcessID"},
		{"batch empty", func() error { return in.UpdateBatch(ctx, nil) }, "processes"},
		{"batch entry", func() error {
			return in.UpdateBatch(ctx, []process.InternalProcess{{Code: 5, Name: "x", ProcessID: id}, {}})
		}, "processes[1].Name"},
		{"delete bad id", func() error { _, err := in.Delete(ctx, "500"); return err }, "id"},
		{"repair bad id", func() error { return in.UpdateRepairOperation(ctx, "x", &process.RepairOperationConfig{}) }, "processId"},
		{"repair nil", func() error { return in.UpdateRepairOperation(ctx, id, nil) }, "repairOperation"},
		{"repair unnamed code", func() error {
			return in.UpdateRepairOperation(ctx, id, &process.RepairOperationConfig{Categories: []process.RepairCategory{{Description: "c",
				Failcodes: []process.RepairCategory{{GUID: "g"}}}}})
		}, "repairOperation.Categories[0].Failcodes[0].GUID"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			apitest.RequireValidation(t, tc.call(), tc.field)
		})
	}
	apitest.RequireNoRequests(t, srv)
}

func TestServiceResolvesProcessNames(t *testing.T) {
	c, _ := apitest.Setup(t)
	ctx := context.Background()
	code, err := c.Process.TestOperationCode(ctx, "sw debug")
	require.NoError(t, err)
	assert.Equal(t, 10, code)
	code, err = c.Process.RepairOperationCode(ctx, "Repair")
	require.NoError(t, err)
	assert.Equal(t, 500, code)
	_, err = c.Process.TestOperationCode(ctx, "Repair")
	assert.ErrorIs(t, err, process.ErrNotTestOperation)
	_, err = c.Process.RepairOperationCode(ctx, "SW Debug")
	assert.ErrorIs(t, err, process.ErrNotRepairOperation)
	_, err = c.Process.TestOperationCode(ctx, "no such process")
	assert.Error(t, err)
}
