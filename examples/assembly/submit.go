package main

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/watsgo/sdk/wats"
)

// jsonSubmitter is the report-service call the demo uses; asserting it at
// run time keeps the demo building on SDK builds without the report service.
type jsonSubmitter interface {
	SubmitJSON(ctx context.Context, doc []byte) (string, error)
}

// errNoReportService says this build of the SDK cannot submit reports.
var errNoReportService = errors.New("this SDK build has no report submission (report.Service.SubmitJSON)")

// submitPassingReport sends a small passing UUT report (WSJF) for the box.
func submitPassingReport(ctx context.Context, c *wats.Client, sn string, s settings) error {
	sub, ok := any(c.Report).(jsonSubmitter)
	if !ok {
		return errNoReportService
	}
	now := time.Now().UTC().Format(time.RFC3339Nano)
	doc, err := json.Marshal(map[string]any{
		"type": "T", "pn": s.boxPN, "sn": sn, "rev": s.boxRev, "processCode": s.process, "result": "P",
		"machineName": "assembly-demo", "location": "Line 1", "purpose": "Production", "start": now,
		"uut": map[string]any{"user": "operator", "execTime": 1.0},
		"root": map[string]any{"stepType": "SequenceCall", "name": "MainSequence", "group": "M", "status": "P", "id": 0,
			"start": now, "totTime": 1.0, "seqCall": map[string]any{"path": "assembly.seq", "name": "MainSequence", "version": "1.0.0"}},
	})
	if err != nil {
		return err
	}
	_, err = sub.SubmitJSON(ctx, doc)
	return err
}
