package xjtag

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// convertRun parses and builds one run; file names the archive member.
func convertRun(ctx context.Context, src *convert.Source, opt *options, file string, r io.Reader, info *logInfo) (*report.Report, error) {
	rn, err := parseRun(file, r)
	if err != nil {
		return nil, err
	}
	bad := func(path, msg string, err error) error {
		return &convert.MalformedError{Converter: Name, File: file, Path: path, Msg: msg, Err: err}
	}
	start, _, err := convkit.ParseISO(rn.datetime, time.UTC)
	if err != nil {
		return nil, bad("/testrun/@datetime", fmt.Sprintf("start time %q", rn.datetime), err)
	}
	sn := rn.info["serial"]
	if sn == "" {
		sn = src.Defaults.SerialNumber
	}
	if sn == "" {
		return nil, bad("/testrun/testruninfo/serial", "run names no serial number", nil)
	}
	operator := rn.info["user"]
	if operator == "" {
		operator = opt.operator
	}
	station := src.Defaults.Station
	if name := rn.info["xjlink-name"]; name != "" {
		station.Name = name
	}
	opts := []report.Option{
		report.WithOperator(operator),
		report.WithStation(station),
		report.WithStart(start),
		report.WithSequence(opt.seqName, "", opt.seqVersion),
	}
	if c := rn.info["project-description"]; c != "" {
		c, _ = convkit.Truncate(c, 5000)
		opts = append(opts, report.WithComment(c))
	}
	if ms, ok := rn.info["time-taken"]; ok && ms != "" {
		d, err := millis(ms)
		if err != nil {
			return nil, bad("/testrun/testruninfo/time-taken", fmt.Sprintf("%q is not a time in milliseconds", ms), err)
		}
		opts = append(opts, report.WithExecTime(d))
	}
	rep, err := report.NewUUT(opt.pn, sn, opt.rev, opt.process, opts...)
	if err != nil {
		return nil, bad("/testrun/testruninfo", "header refused", err)
	}
	for _, mi := range []struct{ key, label string }{{"xjlink-serial", "XJLink serial"}, {"xjtag-version", "XJTAG version"}} {
		if v := rn.info[mi.key]; v != "" {
			v, _ = convkit.Truncate(v, 100)
			if err := rep.AddMiscInfo(mi.label, v); err != nil {
				return nil, bad("/testrun/testruninfo/"+mi.key, "misc info refused", err)
			}
		}
	}
	if info != nil && info.project != "" {
		p, cut := convkit.Truncate(info.project, 100)
		if cut {
			src.Warnf(fmt.Sprintf("%s: project path cut to 100 characters", file))
		}
		if err := rep.AddMiscInfo("Project path", p); err != nil {
			return nil, bad("/LogFileInfo/ProjectPath", "misc info refused", err)
		}
	}
	b := &builder{ctx: ctx, src: src, file: file}
	if err := b.add(rep.Root, rn.items); err != nil {
		return nil, err
	}
	if res, ok := runResult(rn.info["result"]); ok {
		rep.SetResult(res)
	} else if v := rn.info["result"]; v != "" {
		src.Warnf(fmt.Sprintf("%s: run result %q unknown; computed from the steps", file, v))
	}
	return rep, nil
}

func millis(s string) (time.Duration, error) {
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || f < 0 || f > 1e12 {
		if err == nil {
			err = fmt.Errorf("out of range")
		}
		return 0, err
	}
	return time.Duration(f * float64(time.Millisecond)), nil
}

// runResult maps testruninfo/result to a report result.
func runResult(v string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "passed", "pass":
		return report.StatusPassed, true
	case "failed", "fail":
		return report.StatusFailed, true
	case "error":
		return report.StatusError, true
	case "terminated", "aborted", "cancelled", "canceled":
		return report.StatusTerminated, true
	}
	return "", false
}

// stepStatus maps a testfunction result to a step status.
func stepStatus(v string) (string, bool) {
	if s, ok := runResult(v); ok {
		return s, true
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "skipped", "notrun", "not run":
		return report.StatusSkipped, true
	case "done":
		return report.StatusDone, true
	}
	return "", false
}

type builder struct {
	ctx  context.Context
	src  *convert.Source
	file string
}

func (b *builder) add(parent *report.Step, items []*node) error {
	for _, it := range items {
		if err := b.ctx.Err(); err != nil {
			return err
		}
		name := convkit.Name(b.src, it.name, "(unnamed)")
		if it.group {
			seq, err := parent.AddSequence(name)
			if err != nil {
				return &convert.MalformedError{Converter: Name, File: b.file, Path: it.path, Msg: "test group refused", Err: err}
			}
			if err := b.add(seq, it.children); err != nil {
				return err
			}
			continue
		}
		if err := b.function(parent, name, it); err != nil {
			return err
		}
	}
	return nil
}

func (b *builder) function(parent *report.Step, name string, f *node) error {
	var opts []report.StepOption
	status, known := stepStatus(f.result)
	if known {
		opts = append(opts, report.StepStatus(status))
	} else {
		b.src.Warnf(fmt.Sprintf("%s: %s: result %q unknown", b.file, f.path, f.result))
	}
	if f.timeMs != "" {
		d, err := millis(f.timeMs)
		if err != nil {
			return &convert.MalformedError{Converter: Name, File: b.file, Path: f.path + "/time-taken", Msg: fmt.Sprintf("%q is not a time in milliseconds", f.timeMs), Err: err}
		}
		opts = append(opts, report.StepTime(d))
	}
	if text := reportText(f); text != "" {
		opts = append(opts, report.StepReportText(text))
	}
	var err error
	if status == report.StatusSkipped {
		// A skipped test has no result to carry; WATS refuses measurements on it.
		_, err = parent.AddActionStep(name, append(opts, report.StepType("ET_PFT"))...)
	} else {
		_, err = parent.AddPassFailStep(name, status == report.StatusPassed, opts...)
	}
	if err != nil {
		return &convert.MalformedError{Converter: Name, File: b.file, Path: f.path, Msg: "test function refused", Err: err}
	}
	return nil
}

// reportText is the function's plain-text output with the indentation
// XJTAG adds removed; without plain-text, its text-output fragments joined.
func reportText(f *node) string {
	raw := f.plain
	if strings.TrimSpace(raw) == "" {
		raw = strings.Join(f.texts, "")
	}
	var b strings.Builder
	for _, line := range strings.Split(raw, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(line)
	}
	if f.conntest != "" && !strings.EqualFold(f.conntest, "No errors") {
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("Connection test errors: " + f.conntest)
	}
	return xmlSafe(b.String())
}

// xmlSafe drops characters WATS refuses in text (C0 controls other than
// tab and newline).
func xmlSafe(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF {
			return -1
		}
		return r
	}, s)
}
