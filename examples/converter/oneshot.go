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
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	failed := 0
	for _, path := range cfg.files {
		reps, name, err := convertFile(ctx, cfg, path, func(msg string) { fmt.Fprintf(stderr, "warning: %s\n", msg) })
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

// convertFile picks the converter (the -format one, or the most confident sniffer),
// converts path and finalizes and validates every report. It returns no report when
// any fails.
func convertFile(ctx context.Context, cfg *config, path string, warn func(string)) ([]*report.Report, string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, "", err
	}
	defer f.Close()
	conv, err := pick(cfg.format, f)
	if err != nil {
		return nil, "", err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, "", err
	}
	st, err := f.Stat()
	if err != nil {
		return nil, "", err
	}
	src := &convert.Source{Name: path, Reader: f, Size: st.Size(), ModTime: st.ModTime(), Params: cfg.params,
		Defaults: cfg.defaults, Processes: cfg.procs, Warn: warn}
	reps, err := conv.Convert(ctx, src)
	if err != nil {
		return nil, conv.Name(), err
	}
	if len(reps) == 0 {
		return nil, conv.Name(), fmt.Errorf("%s: no report in the file", conv.Name())
	}
	for i, r := range reps {
		if err := r.Finalize(); err != nil {
			return nil, conv.Name(), err
		}
		if err := r.Validate(); err != nil {
			return nil, conv.Name(), fmt.Errorf("%s: report %d: %w", conv.Name(), i+1, err)
		}
	}
	return reps, conv.Name(), nil
}

// pick returns the converter called format, or the standard converter most sure
// about the file's head.
func pick(format string, r io.Reader) (convert.Converter, error) {
	all := standard.Converters()
	if format != "" {
		for _, c := range all {
			if c.Name() == format {
				return c, nil
			}
		}
		return nil, fmt.Errorf("-format: no converter called %q", format)
	}
	head := make([]byte, convert.SniffSize)
	n, err := io.ReadFull(r, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	var best convert.Converter
	bestConf := convert.No
	for _, c := range all {
		if conf := c.Sniff(head[:n]); conf > bestConf {
			best, bestConf = c, conf
		}
	}
	if best == nil {
		return nil, convert.ErrUnknownFormat
	}
	return best, nil
}
