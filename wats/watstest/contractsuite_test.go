package watstest_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// suiteCase is one scenario of TestContractSuite: it drives SDK service methods
// against the shared emulator. Each domain registers its scenarios from its own
// contractsuite_<domain>_test.go file in an init function, creating the data it
// needs under names of its own (scenarios share one emulator and run in order).
type suiteCase struct {
	name string
	run  func(ctx context.Context, t *testing.T, c *wats.Client, srv *watstest.Server)
}

var suiteCases []suiteCase

// registerSuite adds a scenario to TestContractSuite.
func registerSuite(name string, run func(ctx context.Context, t *testing.T, c *wats.Client, srv *watstest.Server)) {
	suiteCases = append(suiteCases, suiteCase{name: name, run: run})
}

// TestContractSuite runs every registered scenario against one emulator, so the
// traffic of the whole SDK surface is seen by one contract check.
func TestContractSuite(t *testing.T) {
	srv := watstest.NewServer()
	t.Cleanup(srv.Close)
	c, err := wats.New(srv.URL(), srv.Token(), wats.WithRateLimit(0, 0))
	require.NoError(t, err)
	ctx := context.Background()
	for _, sc := range suiteCases {
		t.Run(sc.name, func(t *testing.T) { sc.run(ctx, t, c, srv) })
	}
}
