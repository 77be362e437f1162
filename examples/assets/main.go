// Command assets shows the asset workflow of a test station: register the
// test fixture as an asset, record one use after each test run, and warn
// when calibration is due.
//
// With WATS_URL and WATS_TOKEN set it talks to that server; without them it
// starts the in-memory emulator from package watstest, so it runs anywhere:
//
//	go run ./examples/assets
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"github.com/watsgo/sdk/asset"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// Fixture describes the fixture this station tests with.
type Fixture struct {
	// SerialNumber is the fixture's serial number, its asset key.
	SerialNumber string
	// TypeName names the asset type, created on first use.
	TypeName string
	// CalibrationDays is the type's calibration interval when it is created.
	CalibrationDays float64
	// RunLimit is the type's running-count limit when it is created.
	RunLimit int
}

// warnWithin is how early a coming calibration is reported.
const warnWithin = 14 * 24 * time.Hour

func main() {
	c, closeFn, err := connect()
	if err != nil {
		log.Fatal(err)
	}
	defer closeFn()
	fx := Fixture{SerialNumber: "FIXTURE-0042", TypeName: "ICT fixture", CalibrationDays: 90, RunLimit: 5}
	if err := run(context.Background(), c, fx, 6, time.Now(), os.Stdout); err != nil {
		log.Fatal(err)
	}
}

// connect uses WATS_URL/WATS_TOKEN when set, else a local emulator.
func connect() (*wats.Client, func(), error) {
	if os.Getenv(wats.EnvURL) != "" {
		c, err := wats.NewFromEnv()
		return c, func() {}, err
	}
	srv := watstest.NewServer()
	c, err := wats.New(srv.URL(), srv.Token())
	return c, srv.Close, err
}

// run registers the fixture, records runs test runs, and reports what is due.
func run(ctx context.Context, c *wats.Client, fx Fixture, runs int, now time.Time, out io.Writer) error {
	a, err := register(ctx, c, fx)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "fixture %s registered (running count %d)\n", a.SerialNumber, a.RunningCount)

	id := asset.BySerial(fx.SerialNumber)
	for i := 1; i <= runs; i++ {
		// ... the UUT test runs here ...
		if err := c.Asset.IncrementCount(ctx, id, nil); err != nil {
			return fmt.Errorf("record run %d: %w", i, err)
		}
		if err := warnIfDue(ctx, c, id, now, out); err != nil {
			return err
		}
	}
	return nil
}

// register returns the fixture's asset, creating its type and the asset
// itself on first use.
func register(ctx context.Context, c *wats.Client, fx Fixture) (*asset.Asset, error) {
	a, err := c.Asset.Get(ctx, asset.BySerial(fx.SerialNumber))
	if err == nil {
		return a, nil
	}
	if !errors.Is(err, wats.ErrNotFound) {
		return nil, err
	}
	types, err := c.Asset.ListTypes(ctx, wats.Query{Filter: wats.Eq("typeName", fx.TypeName)})
	if err != nil {
		return nil, err
	}
	var typeID string
	if len(types) > 0 {
		typeID = types[0].TypeID
	} else {
		t, err := c.Asset.SaveType(ctx, asset.Type{Name: fx.TypeName, CalibrationInterval: fx.CalibrationDays, RunningCountLimit: fx.RunLimit, WarningThreshold: 80, AlarmThreshold: 100})
		if err != nil {
			return nil, err
		}
		typeID = t.TypeID
	}
	return c.Asset.Save(ctx, asset.Asset{SerialNumber: fx.SerialNumber, TypeID: typeID, Name: fx.TypeName})
}

// warnIfDue prints a warning when calibration is due within warnWithin or
// the running count reached the type's limit.
func warnIfDue(ctx context.Context, c *wats.Client, id asset.Ident, now time.Time, out io.Writer) error {
	a, due, err := c.Asset.DueDates(ctx, id)
	if err != nil {
		return err
	}
	if !due.CalibrationDue(now, warnWithin) {
		return nil
	}
	switch {
	case due.RunningCountLeft != nil && *due.RunningCountLeft <= 0:
		fmt.Fprintf(out, "WARNING: %s used %d times since calibration; calibrate before the next run\n", a.SerialNumber, a.RunningCount)
	case due.Calibration != nil:
		fmt.Fprintf(out, "WARNING: %s calibration due %s\n", a.SerialNumber, due.Calibration.Format("2006-01-02"))
	}
	return nil
}
