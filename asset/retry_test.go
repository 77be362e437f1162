package asset_test

import (
	"bytes"
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/asset"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// unavailableOnce fails the next request to method+path with 503.
func unavailableOnce(srv *watstest.Server, method, path string) {
	srv.Inject(watstest.Fault{Method: method, Path: path, Status: http.StatusServiceUnavailable, RetryAfter: "0"})
}

func count(srv *watstest.Server, method, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

func TestIdempotentCallsAreRetried(t *testing.T) {
	_, srv := setup(t, fixtures()...)
	c := fastRetry(t, srv)
	ctx := context.Background()
	fix := asset.BySerial("FIX-1")

	unavailableOnce(srv, http.MethodGet, "/api/Asset/FIX-1")
	_, err := c.Asset.Get(ctx, fix)
	require.NoError(t, err)
	assert.Equal(t, 2, count(srv, http.MethodGet, "/api/Asset/FIX-1"))

	// The failed attempt never reached the handler, so the count grows once.
	unavailableOnce(srv, http.MethodPut, "/api/Asset/Count")
	require.NoError(t, c.Asset.IncrementCount(ctx, fix, nil))
	assert.Equal(t, 2, count(srv, http.MethodPut, "/api/Asset/Count"))
	assert.Equal(t, 1, get(t, c, "FIX-1").RunningCount)

	unavailableOnce(srv, http.MethodDelete, "/api/Asset")
	require.NoError(t, c.Asset.Delete(ctx, asset.BySerial("FIX-2")))
	assert.Equal(t, 2, count(srv, http.MethodDelete, "/api/Asset"))
}

func TestPostsAreNotRetried(t *testing.T) {
	c, srv := setup(t, fixtures()...)
	ctx := context.Background()
	fix := asset.BySerial("FIX-1")
	id := get(t, c, "FIX-1").AssetID
	require.NoError(t, c.Asset.SetRunningCount(ctx, fix, 7))

	tests := []struct {
		path string
		call func() error
	}{
		{"/api/Asset/ResetRunningCount", func() error { return c.Asset.ResetRunningCount(ctx, fix, "") }},
		{"/api/Asset/Calibration", func() error { return c.Asset.RecordCalibration(ctx, fix, nil) }},
		{"/api/Asset/Maintenance", func() error { return c.Asset.RecordMaintenance(ctx, fix, nil) }},
		{"/api/Asset/Message", func() error { return c.Asset.PostMessage(ctx, asset.Message{AssetID: id, Comment: "x"}) }},
		{"/api/internal/Blob/Asset", func() error {
			return c.Asset.Internal().UploadFile(ctx, id, "a.txt", bytes.NewReader([]byte("x")))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			unavailableOnce(srv, http.MethodPost, tt.path)
			requireStatus(t, tt.call(), http.StatusServiceUnavailable, wats.ErrServer)
			assert.Equal(t, 1, count(srv, http.MethodPost, tt.path), "a POST is sent once")
			// A success between the failures keeps a circuit breaker closed.
			_, err := c.Asset.Get(ctx, fix)
			require.NoError(t, err)
		})
	}
	a := get(t, c, "FIX-1")
	assert.Equal(t, 7, a.RunningCount, "neither the reset nor the calibration happened")
	assert.Nil(t, a.LastCalibrationDate)
}

// fastRetry is a client on srv whose retries wait at most a few milliseconds.
func fastRetry(t *testing.T, srv *watstest.Server) *wats.Client {
	t.Helper()
	c, err := wats.New(srv.URL(), srv.Token(), wats.WithRetry(3, time.Millisecond, 5*time.Millisecond))
	require.NoError(t, err)
	return c
}
