// Command quickstart shows the SDK end to end. With WATS_URL and WATS_TOKEN
// set it talks to that server; otherwise it starts the in-memory emulator
// (package watstest) and talks to it, so it runs anywhere:
//
//	go run ./examples/quickstart
//	WATS_URL=https://acme.wats.com WATS_TOKEN=... go run ./examples/quickstart
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"time"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Stdout); err != nil {
		log.Fatal(err)
	}
}

func run(ctx context.Context, w io.Writer) error {
	c, where, cleanup, err := connect()
	if err != nil {
		return err
	}
	defer cleanup()
	fmt.Fprintln(w, "WATS server:", where)

	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if err := c.Ping(ctx); err != nil {
		return fmt.Errorf("cannot reach the server: %w", err)
	}
	version, err := c.ServerVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "server version:", version)

	procs, err := c.Process.Processes(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%d processes:\n", len(procs))
	for _, p := range procs {
		fmt.Fprintf(w, "  %4d  %-22s %s\n", p.Code, p.Name, kinds(p.IsTestOperation, p.IsRepairOperation, p.IsWIPOperation, p.Active()))
	}
	return reportTour(ctx, c, w)
}

// connect uses WATS_URL/WATS_TOKEN when both are set, else an in-process emulator.
func connect() (c *wats.Client, where string, cleanup func(), err error) {
	if os.Getenv(wats.EnvURL) != "" || os.Getenv(wats.EnvToken) != "" {
		c, err = wats.NewFromEnv(wats.WithUserAgent("quickstart"))
		if err != nil {
			return nil, "", nil, err
		}
		return c, c.BaseURL(), func() {}, nil
	}
	srv := watstest.NewServer()
	c, err = wats.New(srv.URL(), srv.Token(), wats.WithStation("QUICKSTART"), wats.WithUserAgent("quickstart"))
	if err != nil {
		srv.Close()
		return nil, "", nil, err
	}
	return c, srv.URL() + " (in-process emulator; set WATS_URL and WATS_TOKEN for a real server)", srv.Close, nil
}

func kinds(test, repair, wip, active bool) string {
	s := ""
	add := func(on bool, name string) {
		if on {
			if s != "" {
				s += ", "
			}
			s += name
		}
	}
	add(test, "test")
	add(repair, "repair")
	add(wip, "wip")
	if !active {
		s += " (inactive)"
	}
	return s
}
