package main

import (
	"context"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/wats"
)

// submitPassingReport builds and submits a passing UUT report for the box:
// one pass/fail step, the result rolled up from it.
func submitPassingReport(ctx context.Context, c *wats.Client, sn string, s settings) (string, error) {
	r, err := c.Report.NewUUT(s.boxPN, sn, s.boxRev, s.process,
		report.WithStation(report.Station{Name: "assembly-demo", Location: "Line 1", Purpose: "Production"}),
		report.WithOperator("operator"))
	if err != nil {
		return "", err
	}
	if _, err := r.Root.AddPassFailStep("Assembly complete", true); err != nil {
		return "", err
	}
	return c.Report.Submit(ctx, r)
}
