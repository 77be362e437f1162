// Command yield submits a day of synthetic ICT production to an in-memory
// WATS emulator and prints the first-pass yield per hour and the five steps
// that failed most, as small text charts.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"math/rand"
	"strings"
	"time"

	"github.com/watsgo/sdk/analytics"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// steps are the ICT steps with their chance to fail on a unit's first run.
var steps = []struct {
	name  string
	fails float64
}{
	{"Shorts", 0.010}, {"Opens", 0.015}, {"Resistors", 0.020}, {"Capacitors", 0.012},
	{"Diodes", 0.006}, {"Voltage 3V3", 0.030}, {"Voltage 5V", 0.008}, {"Boundary Scan", 0.004},
}

const partNumber = "PCBA-100"

func main() {
	if err := run(); err != nil {
		log.Fatal(err)
	}
}

func run() error {
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	srv := watstest.NewServer(watstest.WithClock(func() time.Time { return day.AddDate(0, 0, 1) }))
	defer srv.Close()
	// A day of production is ~800 submits: lift the default rate limit.
	client, err := wats.New(srv.URL(), srv.Token(), wats.WithRateLimit(0, 0))
	if err != nil {
		return err
	}
	ctx := context.Background()

	n, err := produce(ctx, client, day)
	if err != nil {
		return err
	}
	fmt.Printf("submitted %d ICT reports for %s on %s\n\n", n, partNumber, day.Format("2006-01-02"))

	points, err := client.Analytics.FirstPassYield(ctx, partNumber, "ICT", day, day.Add(24*time.Hour-time.Second), analytics.GroupHour)
	if err != nil {
		return err
	}
	fmt.Println("First-pass yield per hour (bar spans 50–100 %)")
	for _, p := range points {
		fmt.Printf("  %s  %5.1f%% %s %2d of %d units\n", p.Start.Format("15:04"), p.FPY, bar(p.FPY-50, 50, 25), p.FirstPass, p.Units)
	}

	top, err := client.Analytics.TopFailedSteps(ctx, partNumber, "ICT", day, day.Add(24*time.Hour), 5)
	if err != nil {
		return err
	}
	fmt.Println("\nTop five failing steps")
	max := 1
	if len(top) > 0 {
		max = top[0].FailCount
	}
	for _, s := range top {
		fmt.Printf("  %-14s %3d %s %.1f%% of runs\n", s.StepName, s.FailCount, bar(float64(s.FailCount), float64(max), 30), s.FailRate)
	}
	return nil
}

// produce submits one day: 30 units an hour, a retest after each failure.
func produce(ctx context.Context, client *wats.Client, day time.Time) (int, error) {
	rnd := rand.New(rand.NewSource(7))
	count := 0
	for hour := 0; hour < 24; hour++ {
		// The night shift (00–06) runs a worn fixture: failures triple.
		worn := 1.0
		if hour < 6 {
			worn = 3
		}
		for u := 0; u < 30; u++ {
			sn := fmt.Sprintf("SN%02d%03d", hour, u)
			at := day.Add(time.Duration(hour)*time.Hour + time.Duration(u)*2*time.Minute)
			failed := ""
			for _, s := range steps {
				if rnd.Float64() < s.fails*worn {
					failed = s.name
					break
				}
			}
			if err := submit(ctx, client, sn, at, failed, count); err != nil {
				return count, err
			}
			count++
			if failed != "" {
				if err := submit(ctx, client, sn, at.Add(time.Minute), "", count); err != nil {
					return count, err
				}
				count++
			}
		}
	}
	return count, nil
}

func submit(ctx context.Context, client *wats.Client, sn string, at time.Time, failed string, n int) error {
	status := func(fail bool) string {
		if fail {
			return "F"
		}
		return "P"
	}
	var children []any
	for i, s := range steps {
		children = append(children, map[string]any{"id": i + 1, "group": "M", "stepType": "ET_PFT", "name": s.name,
			"status": status(s.name == failed), "causedUUTFailure": s.name == failed,
			"booleanMeas": []any{map[string]any{"name": nil, "status": status(s.name == failed)}}})
	}
	doc := map[string]any{
		"type": "T", "id": fmt.Sprintf("00000000-0000-4000-8000-%012d", n+1), "pn": partNumber, "sn": sn, "rev": "A",
		"processCode": 10, "processName": "ICT", "result": status(failed != ""), "machineName": "ICT-1",
		"location": "Oslo", "purpose": "Production", "start": at.Format(time.RFC3339),
		"root": map[string]any{"id": 0, "group": "M", "stepType": "SequenceCall", "name": "MainSequence Callback",
			"status": status(failed != ""), "causedUUTFailure": false, "seqCall": map[string]any{}, "steps": children},
		"uut": map[string]any{"user": "operator", "execTime": 45.0},
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	_, err = client.Report.SubmitJSON(ctx, raw)
	return err
}

// bar draws value out of max as a bar of width characters.
func bar(value, max float64, width int) string {
	if value < 0 {
		value = 0
	}
	n := int(value / max * float64(width))
	if n > width {
		n = width
	}
	return strings.Repeat("█", n) + strings.Repeat("·", width-n)
}
