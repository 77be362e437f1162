package analytics_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/watsgo/sdk/analytics"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// Dimensions are built from typed parts and rendered in the server's syntax.
func ExampleDimensions() {
	dims := analytics.Dimensions{
		analytics.Asc(analytics.KPIFPY),
		analytics.By(analytics.DimPartNumber),
		analytics.By(analytics.DimPeriod),
		analytics.Show(analytics.KPIUnitCount),
	}
	fmt.Println(dims)
	// Output: fpy asc;partNumber;period;unitCount
}

// Measurement paths join step names with the pilcrow; a named measurement
// of a multiple-numeric step follows two pilcrows.
func ExampleStepPath() {
	p := analytics.StepPath("MainSequence Callback", "Power", "Rails").Measurement("3V3")
	fmt.Println(p)
	fmt.Println(analytics.ParsePath("MainSequence Callback/Power/Rails::3V3") == p)
	// Output:
	// MainSequence Callback¶Power¶Rails¶¶3V3
	// true
}

// Capability from measured values and limits (sample standard deviation).
func ExampleComputeCapability() {
	low, high := 3.2, 3.4
	c, err := analytics.ComputeCapability([]float64{3.29, 3.30, 3.31, 3.30, 3.28, 3.32}, &low, &high)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("n=%d mean=%.3f s=%.4f Cp=%.2f Cpk=%.2f\n", c.N, c.Mean, c.StdDev, c.Cp, c.Cpk)
	// Output: n=6 mean=3.300 s=0.0141 Cp=2.36 Cpk=2.36
}

// Required filter fields are checked before anything is sent.
func ExampleService_TestStepAnalysis() {
	srv := watstest.NewServer()
	defer srv.Close()
	client, _ := wats.New(srv.URL(), srv.Token())

	_, err := client.Analytics.TestStepAnalysis(context.Background(), &analytics.Filter{PartNumber: "PCBA-100"})
	var ve *wats.ValidationError
	if errors.As(err, &ve) {
		for _, f := range ve.Fields {
			fmt.Println(f.Path, f.Rule)
		}
	}
	fmt.Println("requests sent:", len(srv.Requests()))
	// Output:
	// testOperation required
	// requests sent: 0
}

// First-pass yield per day from reports seeded into the emulator.
func ExampleService_FirstPassYield() {
	d1 := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	srv := watstest.NewServer(watstest.WithReports(
		uut(1, "U1", d1.Add(8*time.Hour), true),
		uut(2, "U2", d1.Add(9*time.Hour), false),
		uut(3, "U2", d1.Add(10*time.Hour), true), // retest: not a first pass
		uut(4, "U3", d1.Add(32*time.Hour), true),
	))
	defer srv.Close()
	client, _ := wats.New(srv.URL(), srv.Token())

	points, err := client.Analytics.FirstPassYield(context.Background(), "E2E-1", "ICT", d1, d1.AddDate(0, 0, 2), analytics.GroupDay)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, p := range points {
		fmt.Printf("%s  %d/%d first pass  FPY %.1f%%\n", p.Start.Format("2006-01-02"), p.FirstPass, p.Units, p.FPY)
	}
	// Output:
	// 2026-03-02  1/2 first pass  FPY 50.0%
	// 2026-03-03  1/1 first pass  FPY 100.0%
}
