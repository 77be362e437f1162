package apitest_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/wats"
)

// recorder is a testing.TB that records failures instead of failing.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func TestCheckEndpointDocsAcceptsTheRule(t *testing.T) {
	apitest.CheckEndpointDocs(t, "testdata/good")
	apitest.CheckEndpointDocs(t, "testdata/good", "Service", "Internal", "UnverifiedService")
}

func TestCheckEndpointDocsFlagsEachBreach(t *testing.T) {
	r := &recorder{TB: t}
	apitest.CheckEndpointDocs(r, "testdata/bad")
	require.Len(t, r.errors, 4, "%q", r.errors)
	for i, want := range []string{
		"Service.Get has no",
		"Service.Post has no",
		"Internal.Blob",
		"Service.Both is marked 'No I/O.'",
	} {
		assert.Contains(t, r.errors[i], want)
	}
}

func TestCheckEndpointDocsFailsWithoutEndpointMethods(t *testing.T) {
	r := &recorder{TB: t}
	apitest.CheckEndpointDocs(r, "testdata/good", "Missing")
	require.Len(t, r.errors, 1)
	assert.Contains(t, r.errors[0], "no endpoint methods on [Missing]")
}

func TestRetryHelpersAndCounting(t *testing.T) {
	ctx := context.Background()
	c, srv := apitest.SetupClient(t, []wats.Option{apitest.FastRetry()})
	const path = "/api/App/Processes"

	apitest.UnavailableOnce(srv, http.MethodGet, path)
	require.NoError(t, c.Process.Refresh(ctx))
	assert.Equal(t, 2, apitest.Count(srv, http.MethodGet, path), "one failed attempt, one retry")
	assert.Equal(t, 2, apitest.CountPrefix(srv, http.MethodGet, "/api/App/"))
	assert.Zero(t, apitest.Count(srv, http.MethodPost, path))
	assert.Len(t, apitest.WaitRequests(t, srv, 2), 2)

	once := apitest.NewClient(t, srv, apitest.NoRetry())
	apitest.UnavailableOnce(srv, http.MethodGet, path)
	apitest.RequireStatus(t, once.Process.Refresh(ctx), http.StatusServiceUnavailable, wats.ErrServer)
	assert.Equal(t, 3, apitest.Count(srv, http.MethodGet, path))
}

func TestSetupStartsClean(t *testing.T) {
	c, srv := apitest.Setup(t)
	require.NotNil(t, c)
	apitest.RequireNoRequests(t, srv)
}
