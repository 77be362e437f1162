package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/wats"
)

// reportTour builds a UUT report with the common step kinds, submits it,
// finds it again by serial number, loads it back and prints its step tree.
func reportTour(ctx context.Context, c *wats.Client, w io.Writer) error {
	sn := "QS-" + time.Now().UTC().Format("20060102-150405.000")
	// c.Report.NewUUT names the client's station (wats.WithStation or
	// WATS_STATION) as machineName; location and purpose are ours to give.
	r, err := c.Report.NewUUT("QS-PCBA-100", sn, "A", 10,
		report.WithStation(report.Station{Location: "Quickstart", Purpose: "Development"}),
		report.WithOperator("quickstart"),
		report.WithExecTime(2500*time.Millisecond),
	)
	if err != nil {
		return err
	}
	if err := buildTourSteps(r.Root); err != nil {
		return err
	}

	id, err := c.Report.Submit(ctx, r)
	if err != nil {
		return fmt.Errorf("submit: %w", err)
	}
	fmt.Fprintf(w, "submitted UUT %s (serial %s)\n", id, sn)

	h, err := findHeader(ctx, c, sn)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "found by serial number: %s %s rev %s, result %s, station %s\n",
		h.ID, h.PartNumber, h.Revision, h.Result, h.StationName)

	loaded, err := c.Report.Load(ctx, h.ID)
	if err != nil {
		return fmt.Errorf("load: %w", err)
	}
	fmt.Fprintf(w, "loaded report %s, result %s, steps:\n", loaded.ID(), loaded.Result())
	printStep(w, loaded.Root, 1)
	return nil
}

// buildTourSteps adds a sequence with numeric and multi-numeric steps, then
// string, pass/fail and chart steps to root.
func buildTourSteps(root *report.Step) error {
	rails, err := root.AddSequence("Power rails")
	if err != nil {
		return err
	}
	if _, err := rails.AddNumericStep("3V3 rail", 3.31, "V", report.Lim(report.GELE, 3.2, 3.4)); err != nil {
		return err
	}
	currents, err := rails.AddMultiNumericStep("Currents")
	if err != nil {
		return err
	}
	if err := errors.Join(
		currents.AddNumericMeasurement("I_3V3", 0.42, "A", report.Lim(report.LE, 0.5)),
		currents.AddNumericMeasurement("I_5V", 0.88, "A", report.Lim(report.LOG)),
	); err != nil {
		return err
	}
	if _, err := root.AddStringStep("Firmware version", "v1.2.0", report.IgnoreCase, "V1.2.0"); err != nil {
		return err
	}
	if _, err := root.AddPassFailStep("Self test", true); err != nil {
		return err
	}
	ripple, err := root.AddChartStep("Ripple", report.ChartSpec{
		Label: "5V ripple", XLabel: "Time", XUnit: "ms", YLabel: "Ripple", YUnit: "mV",
	})
	if err != nil {
		return err
	}
	return errors.Join(
		ripple.AddSeries("5V ripple", []float64{0, 1, 2, 3}, []float64{11.5, 12, 11.8, 12}),
		ripple.AddNumericMeasurement("Peak", 12, "mV", report.Lim(report.LE, 20)),
	)
}

// findHeader queries the report by serial number. A real server indexes a
// new report after a short delay, so it asks again for up to 15 seconds.
func findHeader(ctx context.Context, c *wats.Client, sn string) (report.ReportHeader, error) {
	deadline := time.Now().Add(15 * time.Second)
	for {
		hs, err := c.Report.Collect(ctx, report.BySerialNumber(sn), 1)
		if err != nil {
			return report.ReportHeader{}, fmt.Errorf("query by serial number: %w", err)
		}
		if len(hs) > 0 {
			return hs[0], nil
		}
		if time.Now().After(deadline) {
			return report.ReportHeader{}, fmt.Errorf("report with serial %s did not show up in the header query", sn)
		}
		select {
		case <-ctx.Done():
			return report.ReportHeader{}, ctx.Err()
		case <-time.After(time.Second):
		}
	}
}

// printStep prints s and its children, one line each, indented by depth:
// name, kind (from the content block, not stepType), status and, for
// measurements, the values with their units.
func printStep(w io.Writer, s *report.Step, depth int) {
	if s == nil {
		return
	}
	kind := s.Kind().String()
	if s.Chart != nil {
		kind += "+chart"
	}
	line := fmt.Sprintf("%s%-*s %-14s %-7s%s", strings.Repeat("  ", depth), 28-2*depth, s.Name.Value(),
		kind, statusWord(s.Status.Value()), measurements(s))
	fmt.Fprintln(w, strings.TrimRight(line, " "))
	for _, c := range s.Steps {
		printStep(w, c, depth+1)
	}
}

// measurements summarises a step's numeric and string values.
func measurements(s *report.Step) string {
	var parts []string
	for _, m := range s.NumericMeas {
		parts = append(parts, strings.TrimSpace(fmt.Sprintf("%s %g %s", m.Name.Value(), m.Value.Float(), m.Unit.Value())))
	}
	for _, m := range s.StringMeas {
		parts = append(parts, fmt.Sprintf("%q", m.Value.Value()))
	}
	if len(parts) == 0 {
		return ""
	}
	return "  " + strings.Join(parts, ", ")
}

func statusWord(code string) string {
	switch code {
	case "P":
		return "passed"
	case "F":
		return "failed"
	case "D":
		return "done"
	case "S":
		return "skipped"
	case "E":
		return "error"
	case "T":
		return "terminated"
	}
	return code
}
