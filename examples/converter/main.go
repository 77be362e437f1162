// Command converter turns test-equipment files into WATS reports with the SDK's
// standard converters (WSJF, WSXF, WRML, ATML, WSTF).
//
// One-shot mode converts the named files and writes every resulting report to
// stdout as one compact WSJF document per line; the converter chosen and any
// warnings go to stderr. No server is needed, so a station engineer can check a
// converter on a file, and a script can consume the output:
//
//	go run ./examples/converter -tz Europe/Oslo -station ST1 -location Lab -purpose Test \
//	    -operator op -process "SW Debug=10,Repair=500" report.xml
//
// Watch mode (-watch DIR) converts every file dropped into DIR and hands the reports
// to the offline queue, which uploads them to the server (by default an in-process
// emulator, so the example runs anywhere).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	if errors.Is(err, flag.ErrHelp) {
		os.Exit(2)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "converter:", err)
		os.Exit(1)
	}
}

// run parses the command line and runs one-shot or watch mode.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	if cfg.watch != "" {
		return watch(ctx, cfg, stdout, stderr)
	}
	if len(cfg.files) == 0 {
		return errors.New("name files to convert, or -watch a folder")
	}
	return oneShot(ctx, cfg, stdout, stderr)
}
