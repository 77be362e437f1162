package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/standard"
)

// oneShot converts every named file and writes each report as one WSJF line to
// stdout. A file that fails is reported on stderr and the others still convert; the
// error returned then counts the failures.
func oneShot(ctx context.Context, cfg *config, stdout, stderr io.Writer) error {
	reg, err := standard.NewRegistry()
	if err != nil {
		return err
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	failed := 0
	for _, path := range cfg.files {
		reps, name, err := convertFile(ctx, reg, cfg, path, func(msg string) { fmt.Fprintf(stderr, "warning: %s\n", msg) })
		if err != nil {
			failed++
			if msg := err.Error(); strings.Contains(msg, path) {
				fmt.Fprintln(stderr, msg) // converter errors name the file already
			} else {
				fmt.Fprintf(stderr, "%s: %s\n", path, msg)
			}
			continue
		}
		fmt.Fprintf(stderr, "%s: %s, %d report(s)\n", path, name, len(reps))
		for _, r := range reps {
			for _, w := range r.Warnings() {
				fmt.Fprintf(stderr, "%s: warning: %s\n", path, w.String())
			}
			if _, err := r.WriteTo(out); err != nil {
				return err
			}
			if err := out.WriteByte('\n'); err != nil {
				return err
			}
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d file(s) failed", failed, len(cfg.files))
	}
	return nil
}

// convertFile picks the converter (the -format one, or the most confident sniffer)
// and converts path through the registry, which finalizes and validates every report
// and gives a report without an id one derived from the file (the same on every
// run). It returns no report when any fails.
func convertFile(ctx context.Context, reg *convert.Registry, cfg *config, path string, warn func(string)) ([]*report.Report, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", err
	}
	conv, err := pick(reg, cfg.format, f)
	f.Close()
	if err != nil {
		return nil, "", err
	}
	reps, err := reg.ConvertFile(ctx, path, &convert.ConvertOptions{Converter: conv.Name(), Params: cfg.params,
		Defaults: cfg.defaults, Processes: cfg.resolver(), Warn: warn})
	return reps, conv.Name(), err
}

// pick returns the converter called format, or the standard converter most sure
// about the file's head.
func pick(reg *convert.Registry, format string, r io.Reader) (convert.Converter, error) {
	if format != "" {
		if c, ok := reg.Lookup(format); ok {
			return c, nil
		}
		return nil, fmt.Errorf("-format: no converter called %q", format)
	}
	head := make([]byte, convert.SniffSize)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	c, _ := reg.Sniff(head[:n])
	if c == nil {
		return nil, convert.ErrUnknownFormat
	}
	return c, nil
}
