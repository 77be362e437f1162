package asset_test

import (
	"bytes"
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/asset"
	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/wats"
)

func TestIdempotentCallsAreRetried(t *testing.T) {
	_, srv := apitest.Setup(t, fixtures()...)
	c := apitest.NewClient(t, srv, apitest.FastRetry())
	ctx := context.Background()
	fix := asset.BySerial("FIX-1")

	apitest.UnavailableOnce(srv, http.MethodGet, "/api/Asset/FIX-1")
	_, err := c.Asset.Get(ctx, fix)
	require.NoError(t, err)
	assert.Equal(t, 2, apitest.Count(srv, http.MethodGet, "/api/Asset/FIX-1"))

	// The failed attempt never reached the handler, so the count grows once.
	apitest.UnavailableOnce(srv, http.MethodPut, "/api/Asset/Count")
	require.NoError(t, c.Asset.IncrementCount(ctx, fix, nil))
	assert.Equal(t, 2, apitest.Count(srv, http.MethodPut, "/api/Asset/Count"))
	assert.Equal(t, 1, get(t, c, "FIX-1").RunningCount)

	apitest.UnavailableOnce(srv, http.MethodDelete, "/api/Asset")
	require.NoError(t, c.Asset.Delete(ctx, asset.BySerial("FIX-2")))
	assert.Equal(t, 2, apitest.Count(srv, http.MethodDelete, "/api/Asset"))
}

func TestPostsAreNotRetried(t *testing.T) {
	c, srv := apitest.Setup(t, fixtures()...)
	ctx := context.Background()
	fix := asset.BySerial("FIX-1")
	id := get(t, c, "FIX-1").AssetID
	require.NoError(t, c.Asset.Unverified().SetRunningCount(ctx, fix, 7))

	tests := []struct {
		path string
		call func() error
	}{
		{"/api/Asset/ResetRunningCount", func() error { return c.Asset.ResetRunningCount(ctx, fix, "") }},
		{"/api/Asset/Calibration", func() error { return c.Asset.RecordCalibration(ctx, fix, nil) }},
		{"/api/Asset/Maintenance", func() error { return c.Asset.RecordMaintenance(ctx, fix, nil) }},
		{"/api/Asset/Message", func() error { return c.Asset.PostMessage(ctx, asset.ByID(id), &asset.Message{Content: "x"}, nil) }},
		{"/api/internal/Blob/Asset", func() error {
			return c.Asset.Internal().UploadFile(ctx, id, "a.txt", bytes.NewReader([]byte("x")))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			apitest.UnavailableOnce(srv, http.MethodPost, tt.path)
			apitest.RequireStatus(t, tt.call(), http.StatusServiceUnavailable, wats.ErrServer)
			assert.Equal(t, 1, apitest.Count(srv, http.MethodPost, tt.path), "a POST is sent once")
			// A success between the failures keeps a circuit breaker closed.
			_, err := c.Asset.Get(ctx, fix)
			require.NoError(t, err)
		})
	}
	a := get(t, c, "FIX-1")
	assert.Equal(t, 7, a.RunningCount, "neither the reset nor the calibration happened")
	assert.Nil(t, a.LastCalibrationDate)
}
