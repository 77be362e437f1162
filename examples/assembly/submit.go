package main

import (
	"context"
	"errors"

	"github.com/watsgo/sdk/wats"
)

// submitPassingReport sends a minimal passing UUT report for the box.
//
// TODO(production): switch to client.Report once the report service
// (SubmitJSON) is merged; until then the demo cannot submit.
func submitPassingReport(ctx context.Context, c *wats.Client, sn string, s settings) error {
	return errors.New("report submission is not available in this build of the SDK")
}
