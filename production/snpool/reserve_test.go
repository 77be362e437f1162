package snpool_test

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/production/snpool"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func TestReservationsAreGivenBack(t *testing.T) {
	srv := watstest.NewServer(watstest.WithSerialNumberType(watstest.SerialNumberTypeSeed{Name: "SN", Prefix: "SN", Digits: 4, Start: 1, End: 100}))
	defer srv.Close()
	c, err := wats.New(srv.URL(), srv.Token())
	require.NoError(t, err)
	p, err := snpool.Open(t.TempDir(), "SN", snpool.FromReservations(c.Production, &production.ReserveOptions{StationName: "ST1"}),
		snpool.WithBatchSize(10), snpool.WithLowWater(0))
	require.NoError(t, err)
	defer p.Close()

	for i := 0; i < 3; i++ {
		_, err := p.Next(bg())
		require.NoError(t, err)
	}
	assert.Len(t, srv.SerialNumbersReserved("SN"), 10)
	back, err := p.Release(bg())
	require.NoError(t, err)
	assert.Len(t, back, 7)
	assert.Equal(t, []string{"SN0001", "SN0002", "SN0003"}, srv.SerialNumbersReserved("SN"), "only the handed-out ones stay reserved")
	assert.Zero(t, p.Available())
}

type failingReleaser struct{ counter }

func (f *failingReleaser) Release(context.Context, string, []string) error {
	return errors.New("server down")
}

func TestReleaseFailureStillEmptiesThePool(t *testing.T) {
	p := open(t, t.TempDir(), &failingReleaser{}, snpool.WithBatchSize(4), snpool.WithLowWater(0))
	_, err := p.Next(bg())
	require.NoError(t, err)
	back, err := p.Release(bg())
	require.Error(t, err)
	assert.Contains(t, err.Error(), "could not be given back")
	assert.Len(t, back, 3, "the caller gets the numbers to report")
	assert.Zero(t, p.Available(), "and they are never handed out again")

	plain := open(t, t.TempDir(), &counter{}, snpool.WithBatchSize(2), snpool.WithLowWater(0))
	_, err = plain.Next(bg())
	require.NoError(t, err)
	back, err = plain.Release(bg())
	require.NoError(t, err)
	assert.Equal(t, []string{"SN-2"}, back, "without a Releaser, Release is Drain")
}
