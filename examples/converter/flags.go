package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/watsgo/sdk/report/convert"
)

// config is the parsed command line.
type config struct {
	files    []string
	format   string
	params   convert.Params
	defaults convert.Defaults
	procs    processMap
	watch    string
	queueDir string
	server   string
	token    string
	// postAction is what watch mode does with a converted file.
	postAction convert.PostAction
	// sent, when set, is told the id of every uploaded report (tests).
	sent func(id string)
}

// parseFlags reads the flags for the Defaults, the process map and the mode.
func parseFlags(args []string, stderr io.Writer) (*config, error) {
	cfg := &config{params: convert.Params{}}
	d := &cfg.defaults
	fs := flag.NewFlagSet("converter", flag.ContinueOnError)
	fs.SetOutput(stderr)
	tz := fs.String("tz", "Local", "time zone of times written without an offset (IANA name, UTC or Local)")
	fs.StringVar(&d.Station.Name, "station", "", "station name when the file has none")
	fs.StringVar(&d.Station.Location, "location", "", "station location when the file has none")
	fs.StringVar(&d.Station.Purpose, "purpose", "", "station purpose when the file has none")
	fs.StringVar(&d.Operator, "operator", "", "operator when the file names none")
	fs.StringVar(&d.PartNumber, "pn", "", "part number when the file has none")
	fs.StringVar(&d.Revision, "rev", "", "revision when the file has none")
	fs.StringVar(&d.SerialNumber, "sn", "", "serial number when the file has none")
	fs.IntVar(&d.ProcessCode, "process-code", 0, "test operation code when the file names none")
	fs.IntVar(&d.RepairProcessCode, "repair-code", 500, "repair operation code of repair reports that name none")
	fs.StringVar(&d.SequenceName, "sequence", "", "root sequence name when the file has none")
	fs.StringVar(&d.SequenceVersion, "sequence-version", "", "root sequence version when the file has none")
	procs := fs.String("process", "", `process names and codes, "Name=code,Name=code" (e.g. "SW Debug=10,Repair=500")`)
	fs.StringVar(&cfg.format, "format", "", "converter to use (wsjf, wsxf, wrml, atml, wstf); default: sniff each file")
	fs.Func("param", "converter parameter name=value (repeatable)", func(s string) error {
		k, v, ok := strings.Cut(s, "=")
		if !ok || strings.TrimSpace(k) == "" {
			return fmt.Errorf("want name=value, got %q", s)
		}
		cfg.params[strings.TrimSpace(k)] = v
		return nil
	})
	fs.StringVar(&cfg.watch, "watch", "", "watch this folder and queue every converted report for upload")
	fs.StringVar(&cfg.queueDir, "queue", "", "offline queue folder in watch mode (default: a temporary folder)")
	fs.StringVar(&cfg.server, "server", "", "WATS server URL in watch mode (default: an in-process emulator)")
	fs.StringVar(&cfg.token, "token", "", "API token for -server")
	post := fs.String("post-action", "Move", "watch mode: what to do with a converted file (Delete, Move to Done/, Archive, Keep)")
	err := fs.Parse(args)
	if err != nil {
		return nil, err
	}
	cfg.files = fs.Args()
	if cfg.postAction, err = convert.ParsePostAction(*post); err != nil {
		return nil, err
	}
	loc, err := zone(*tz)
	if err != nil {
		return nil, err
	}
	d.Location = loc
	if cfg.procs, err = parseProcessMap(*procs); err != nil {
		return nil, err
	}
	return cfg, nil
}

func zone(name string) (*time.Location, error) {
	switch name {
	case "", "Local":
		return time.Local, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return nil, fmt.Errorf("-tz: %w", err)
	}
	return loc, nil
}

// processMap resolves process names from the -process flag; the same names serve
// test and repair operations.
type processMap map[string]int

var _ convert.ProcessResolver = processMap(nil)

func parseProcessMap(s string) (processMap, error) {
	m := processMap{}
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		name, code, ok := strings.Cut(part, "=")
		n, err := strconv.Atoi(strings.TrimSpace(code))
		if !ok || strings.TrimSpace(name) == "" || err != nil || n < -32768 || n > 32767 {
			return nil, fmt.Errorf(`-process: want "Name=code", got %q`, part)
		}
		m[strings.TrimSpace(name)] = n
	}
	return m, nil
}

// resolver is the -process map, or nil when the flag named none.
func (c *config) resolver() convert.ProcessResolver {
	if len(c.procs) == 0 {
		return nil
	}
	return c.procs
}

// resolverOr is the -process map, or fallback (the server's own process
// list, in watch mode) when the flag named none.
func (c *config) resolverOr(fallback convert.ProcessResolver) convert.ProcessResolver {
	if r := c.resolver(); r != nil {
		return r
	}
	return fallback
}

// TestOperationCode looks name up in the map.
func (m processMap) TestOperationCode(_ context.Context, name string) (int, error) {
	if n, ok := m[name]; ok {
		return n, nil
	}
	return 0, fmt.Errorf("%w: %q is not in -process", convert.ErrUnknownProcess, name)
}

// RepairOperationCode looks name up in the map.
func (m processMap) RepairOperationCode(ctx context.Context, name string) (int, error) {
	return m.TestOperationCode(ctx, name)
}
