package main

import (
	"context"
	"log"
	"os"
	"time"

	"github.com/watsgo/sdk/asset"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// Example runs the station workflow against the emulator: six test runs on
// a fixture whose type allows five runs between calibrations, then a
// calibration that is about to expire.
func Example() {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	srv := watstest.NewServer(watstest.WithClock(func() time.Time { return now }))
	defer srv.Close()
	c, err := wats.New(srv.URL(), srv.Token())
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	fx := Fixture{SerialNumber: "FIXTURE-0042", TypeName: "ICT fixture", CalibrationDays: 90, RunLimit: 5}
	if err := run(ctx, c, fx, 6, now, os.Stdout); err != nil {
		log.Fatal(err)
	}

	// Calibrated 80 days ago: the 90-day interval ends within two weeks.
	id := asset.BySerial(fx.SerialNumber)
	if err := c.Asset.RecordCalibration(ctx, id, &asset.EventOptions{At: now.AddDate(0, 0, -80)}); err != nil {
		log.Fatal(err)
	}
	if err := run(ctx, c, fx, 1, now, os.Stdout); err != nil {
		log.Fatal(err)
	}
	// Output:
	// fixture FIXTURE-0042 registered (running count 0)
	// WARNING: FIXTURE-0042 used 5 times since calibration; calibrate before the next run
	// WARNING: FIXTURE-0042 used 6 times since calibration; calibrate before the next run
	// fixture FIXTURE-0042 registered (running count 0)
	// WARNING: FIXTURE-0042 calibration due 2026-03-11
}
