package asset_test

import (
	"bytes"
	"context"
	"fmt"
	"log"
	"time"

	"github.com/watsgo/sdk/asset"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// exampleClient starts an emulator whose clock reads 2026-03-01 12:00 UTC;
// real code calls wats.New with the server URL and token.
func exampleClient(opts ...watstest.Option) (*wats.Client, func()) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	srv := watstest.NewServer(append([]watstest.Option{watstest.WithClock(func() time.Time { return now })}, opts...)...)
	c, err := wats.New(srv.URL(), srv.Token())
	if err != nil {
		log.Fatal(err)
	}
	return c, srv.Close
}

func ExampleService_IncrementCount() {
	c, done := exampleClient()
	defer done()
	ctx := context.Background()

	ty, err := c.Asset.SaveType(ctx, asset.Type{Name: "Bed of nails", RunningCountLimit: 10000})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := c.Asset.Save(ctx, asset.Asset{SerialNumber: "BON-17", TypeID: ty.TypeID}); err != nil {
		log.Fatal(err)
	}
	fixture := asset.BySerial("BON-17")
	for i := 0; i < 3; i++ { // one count per test run
		if err := c.Asset.IncrementCount(ctx, fixture, nil); err != nil {
			log.Fatal(err)
		}
	}
	st, err := c.Asset.Status(ctx, fixture, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(st.RunningCount, st.TotalCount, st.AlarmState == asset.AlarmOK)
	// Output: 3 3 true
}

func ExampleService_All() {
	var seeds []any
	for i := 1; i <= 7; i++ {
		seeds = append(seeds, asset.Asset{SerialNumber: fmt.Sprintf("DMM-%d", i), TypeID: "6a1c2f4e-0000-4000-8000-000000000001"})
	}
	c, done := exampleClient(
		watstest.WithAssetTypes(asset.Type{TypeID: "6a1c2f4e-0000-4000-8000-000000000001", Name: "Multimeter"}),
		watstest.WithAssets(seeds...),
	)
	defer done()

	n := 0
	q := wats.Query{Filter: wats.StartsWith("serialNumber", "DMM-"), Top: 3} // pages of 3
	for a, err := range c.Asset.All(context.Background(), q) {
		if err != nil {
			log.Fatal(err)
		}
		n++
		_ = a
	}
	fmt.Println(n, "multimeters")
	// Output: 7 multimeters
}

func ExampleService_DueDates() {
	c, done := exampleClient(
		watstest.WithAssetTypes(asset.Type{TypeID: "6a1c2f4e-0000-4000-8000-000000000002", Name: "Scope", CalibrationInterval: 365}),
		watstest.WithAssets(asset.Asset{SerialNumber: "SCOPE-1", TypeID: "6a1c2f4e-0000-4000-8000-000000000002"}),
	)
	defer done()
	ctx := context.Background()

	calibrated := time.Date(2025, 3, 20, 0, 0, 0, 0, time.UTC)
	if err := c.Asset.RecordCalibration(ctx, asset.BySerial("SCOPE-1"), &asset.EventOptions{At: calibrated}); err != nil {
		log.Fatal(err)
	}
	_, due, err := c.Asset.DueDates(ctx, asset.BySerial("SCOPE-1"))
	if err != nil {
		log.Fatal(err)
	}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	fmt.Println(due.Calibration.Format("2006-01-02"), due.CalibrationDue(now, 30*24*time.Hour))
	// Output: 2026-03-20 true
}

func ExampleInternal_UploadFile() {
	c, done := exampleClient(
		watstest.WithAssetTypes(asset.Type{TypeID: "6a1c2f4e-0000-4000-8000-000000000003", Name: "Fixture"}),
		watstest.WithAssets(asset.Asset{AssetID: "6a1c2f4e-0000-4000-8000-0000000000aa", SerialNumber: "FX-9", TypeID: "6a1c2f4e-0000-4000-8000-000000000003"}),
	)
	defer done()
	ctx := context.Background()
	files := c.Asset.Internal()
	const id = "6a1c2f4e-0000-4000-8000-0000000000aa"

	if err := files.UploadFile(ctx, id, "certificate.txt", bytes.NewReader([]byte("calibrated OK"))); err != nil {
		log.Fatal(err)
	}
	names, err := files.ListFiles(ctx, id)
	if err != nil {
		log.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := files.DownloadFile(ctx, id, "certificate.txt", &buf); err != nil {
		log.Fatal(err)
	}
	fmt.Println(names, buf.String())
	// Output: [certificate.txt] calibrated OK
}
