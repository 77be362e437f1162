package watstest_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// The Client's own methods (App routes the root package serves).
func init() {
	registerSuite("client", func(ctx context.Context, t *testing.T, c *wats.Client, srv *watstest.Server) {
		v, err := c.ServerVersion(ctx)
		require.NoError(t, err)
		assert.Equal(t, watstest.ServerVersion, v)
		require.NoError(t, c.Ping(ctx))
		levels, err := c.Levels(ctx)
		require.NoError(t, err)
		assert.NotEmpty(t, levels)
		groups, err := c.ProductGroups(ctx, nil)
		require.NoError(t, err)
		withFilters, err := c.ProductGroups(ctx, &wats.ProductGroupOptions{IncludeFilters: true})
		require.NoError(t, err)
		assert.Len(t, withFilters, len(groups))
	})
}
