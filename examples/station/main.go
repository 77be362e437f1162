// Command station is a test-station loop that never loses a report: it
// builds UUT reports, submits them through the offline queue, rides out a
// server outage (the emulator's fault injection) and prints queue
// statistics as it goes.
//
// It runs against an in-process emulator, so it needs no server:
//
//	go run ./examples/station
//	go run ./examples/station -reports 30 -queue /var/lib/station/queue
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/queue"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func main() {
	var cfg config
	flag.IntVar(&cfg.reports, "reports", 12, "number of units to test")
	flag.StringVar(&cfg.dir, "queue", "", "queue directory (default: a fresh temporary directory)")
	flag.DurationVar(&cfg.cycle, "cycle", 150*time.Millisecond, "test time per unit")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout, cfg); err != nil {
		fmt.Fprintln(os.Stderr, "station:", err)
		os.Exit(1)
	}
}

// config is what the station loop needs.
type config struct {
	reports int
	dir     string
	cycle   time.Duration
}

// run tests cfg.reports units; the server is down for the middle third.
func run(ctx context.Context, out io.Writer, cfg config) error {
	if cfg.dir == "" {
		dir, err := os.MkdirTemp("", "station-queue")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.dir = dir
	}
	srv := watstest.NewServer()
	defer srv.Close()
	// A short breaker cool-down so the demo's outage ends quickly; the
	// default (5 failures, 30 s) suits a real line.
	client, err := wats.New(srv.URL(), srv.Token(),
		wats.WithStation("STATION-01"),
		wats.WithCircuitBreaker(3, 500*time.Millisecond))
	if err != nil {
		return err
	}

	// The client's online transitions wake the uploader, so the backlog
	// goes out as soon as the server answers again.
	wake := make(chan struct{}, 1)
	stopWatch := client.OnStatusChange(func(c wats.StatusChange) {
		if c.To == wats.StatusOnline {
			select {
			case wake <- struct{}{}:
			default:
			}
		}
	})
	defer stopWatch()

	q, err := queue.Open(cfg.dir, client.Report,
		queue.WithWake(wake),
		queue.WithOnline(func() bool { return client.Status() != wats.StatusOffline }),
		queue.WithBackoff(100*time.Millisecond, time.Second),
		queue.WithAttemptTimeout(2*time.Second),
		queue.WithPollInterval(500*time.Millisecond),
		queue.WithEvents(func(e queue.Event) {
			if e.Kind == queue.EventSent || e.Kind == queue.EventDead {
				fmt.Fprintf(out, "  event: %s %s\n", e.Kind, e.ID[:8])
			}
		}))
	if err != nil {
		return err
	}
	defer q.Close()

	runCtx, stopRun := context.WithCancel(ctx)
	runDone := make(chan error, 1)
	go func() { runDone <- q.Run(runCtx) }()
	defer func() {
		stopRun()
		<-runDone
	}()

	down, up := cfg.reports/3, 2*cfg.reports/3
	for i := 0; i < cfg.reports; i++ {
		switch i {
		case down:
			fmt.Fprintln(out, "-- server goes down (503 on every report upload)")
			srv.Inject(watstest.Fault{Method: "POST", Path: "/api/Report", Status: 503, Times: -1})
		case up:
			fmt.Fprintln(out, "-- server is back")
			srv.ClearFaults()
			q.Wake()
		}
		r, err := testUnit(i)
		if err != nil {
			return err
		}
		rc, err := q.Submit(ctx, r)
		var refused *queue.RefusedError
		switch {
		case errors.As(err, &refused):
			// Not stored: a real station would keep the report (here: stop).
			return fmt.Errorf("unit %d: %w", i, err)
		case err != nil:
			fmt.Fprintf(out, "unit %2d: %s, rejected: %v\n", i, rc.State, err)
		case rc.Err != nil:
			fmt.Fprintf(out, "unit %2d: %s (%v)\n", i, rc.State, short(rc.Err))
		default:
			fmt.Fprintf(out, "unit %2d: %s\n", i, rc.State)
		}
		printStats(out, q)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(cfg.cycle):
		}
	}

	fmt.Fprintln(out, "-- waiting for the backlog to drain")
	deadline := time.Now().Add(30 * time.Second)
	for {
		st, err := q.Stats()
		if err != nil {
			return err
		}
		if st.Pending == 0 && st.Sending == 0 {
			break
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("backlog did not drain: %s", st)
		}
		time.Sleep(50 * time.Millisecond)
	}
	printStats(out, q)
	fmt.Fprintf(out, "server holds %d of %d reports\n", len(srv.Reports()), cfg.reports)
	return nil
}

func printStats(out io.Writer, q *queue.Queue) {
	st, err := q.Stats()
	if err != nil {
		fmt.Fprintln(out, "  stats:", err)
		return
	}
	fmt.Fprintf(out, "  queue: pending=%d sending=%d dead=%d sent=%d failed=%d oldest=%s\n",
		st.Pending, st.Sending, st.Dead, st.Sent, st.Failed, st.OldestPending.Round(time.Millisecond))
}

// short keeps the first line of an error for the console.
func short(err error) string {
	s := err.Error()
	if len(s) > 90 {
		s = s[:90] + "..."
	}
	return s
}

// testUnit stands in for the test sequence: it "measures" one unit and
// returns its UUT report. Submit finalises it, which assigns the report id.
func testUnit(i int) (*report.Report, error) {
	r, err := report.NewUUT("PCB-100", fmt.Sprintf("SN-%05d", i), "A", 10,
		report.WithStation(report.Station{Name: "STATION-01", Location: "Line 3", Purpose: "Production"}),
		report.WithOperator("operator"))
	if err != nil {
		return nil, err
	}
	if _, err := r.Root.AddNumericStep("3V3 rail", 3.29+float64(i%5)/100, "V", report.Lim(report.GELE, 3.2, 3.4)); err != nil {
		return nil, err
	}
	return r, nil
}
