package production_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/wats/watstest"
)

// factory is the seed most tests share: a box build BOX rev A that takes
// one PSU of revision 2.x and one CPU of revision 1.0, finalized children
// that fit (and some that do not), and three serial-number types.
func factory() []watstest.Option {
	return []watstest.Option{
		watstest.WithProductionUnits(
			watstest.ProductionUnit{SerialNumber: "BOX-1", PartNumber: "BOX", Revision: "A", Phase: 2, BatchNumber: "B1"},
			watstest.ProductionUnit{SerialNumber: "PSU-1", PartNumber: "PSU", Revision: "2.1", Phase: 16},
			watstest.ProductionUnit{SerialNumber: "PSU-2", PartNumber: "PSU", Revision: "1.9", Phase: 16},
			watstest.ProductionUnit{SerialNumber: "PSU-RAW", PartNumber: "PSU", Revision: "2.0", Phase: 2},
			watstest.ProductionUnit{SerialNumber: "CPU-1", PartNumber: "CPU", Revision: "1.0", Phase: 16},
			watstest.ProductionUnit{SerialNumber: "FAN-1", PartNumber: "FAN", Revision: "1", Phase: 16},
		),
		watstest.WithBoxBuild("BOX", "A",
			watstest.BoxBuildLine{PartNumber: "PSU", RevisionMask: "2.%"},
			watstest.BoxBuildLine{PartNumber: "CPU", Revision: "1.0"},
		),
		watstest.WithSerialNumberType(watstest.SerialNumberTypeSeed{Name: "SN", Description: "unit serials", Prefix: "SN", Digits: 6, Start: 1, End: 1000}),
		watstest.WithSerialNumberType(watstest.SerialNumberTypeSeed{Name: "MAC", Identifier: 1, Start: 0x001122000000, End: 0x0011220000FF, Reserved: 4}),
		watstest.WithSerialNumberType(watstest.SerialNumberTypeSeed{Name: "TINY", Prefix: "T", Digits: 2, Start: 1, End: 3}),
	}
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return c
}

// lastQuery returns the query string of the last request the emulator saw.
func lastQuery(t *testing.T, srv *watstest.Server) string {
	t.Helper()
	reqs := srv.Requests()
	require.NotEmpty(t, reqs)
	return reqs[len(reqs)-1].Query
}
