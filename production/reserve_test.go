package production_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/wats"
)

func TestReserveAndRelease(t *testing.T) {
	c, srv := apitest.Setup(t, factory()...)
	svc := c.Production
	in := svc.Internal()
	sns, err := in.Reserve(ctx(t), "SN", 3, &production.ReserveOptions{StationName: "ST1", SiteName: "Main"})
	require.NoError(t, err)
	assert.Equal(t, []string{"SN000001", "SN000002", "SN000003"}, sns)
	reqs := srv.Requests()
	last := reqs[len(reqs)-1]
	assert.Equal(t, "/api/internal/Production/GetAndReserveNewSerialNumbers", last.Path)
	assert.Equal(t, http.MethodGet, last.Method, "the documented form takes its arguments in the query of a GET")
	assert.NotEmpty(t, last.Header.Get("Referer"))
	q, _ := url.ParseQuery(last.Query)
	assert.Equal(t, "Reserve", q.Get("requestType"))
	assert.Equal(t, "3", q.Get("batchSize"))
	assert.Equal(t, sns, srv.SerialNumbersReserved("SN"))
	assert.Empty(t, srv.SerialNumbersTaken("SN"), "reserved is not taken")

	// Take skips reserved numbers; Release frees them for the next caller.
	taken, err := svc.Take(ctx(t), "SN", 1, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"SN000004"}, taken)
	require.NoError(t, in.Release(ctx(t), "SN", sns[1:]))
	assert.Equal(t, sns[:1], srv.SerialNumbersReserved("SN"))
	again, err := svc.Take(ctx(t), "SN", 2, nil)
	require.NoError(t, err)
	assert.Equal(t, []string{"SN000002", "SN000003"}, again)
	require.NoError(t, in.Release(ctx(t), "SN", nil), "nothing to release is no call")
}

func TestReserveErrors(t *testing.T) {
	c, _ := apitest.Setup(t, factory()...)
	svc := c.Production
	in := svc.Internal()
	_, err := in.Reserve(ctx(t), "TINY", 3, nil)
	require.NoError(t, err)
	_, err = in.Reserve(ctx(t), "TINY", 1, nil)
	require.ErrorIs(t, err, production.ErrNoFreeSerialNumbers)
	_, err = in.Reserve(ctx(t), "NOPE", 1, nil)
	require.ErrorIs(t, err, wats.ErrBadRequest)
	_, err = in.Reserve(ctx(t), "SN", 0, nil)
	require.ErrorIs(t, err, wats.ErrValidation)
	err = in.Release(ctx(t), "", []string{"x"})
	require.ErrorIs(t, err, wats.ErrValidation)
}
