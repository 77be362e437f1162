package klippel

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// Name is the converter's name in logs, sidecars and errors.
const Name = "klippel"

// Parameter names (Source.Params), as Virinco's converter calls them.
const (
	// ParamPartNumber is the part number of every report (default
	// "PartNumber1"); the log does not carry one.
	ParamPartNumber = "partNumber"
	// ParamPartRevision is the revision (default "1.0").
	ParamPartRevision = "partRevision"
	// ParamSequenceName is the root sequence's name (default
	// "SequenceName1").
	ParamSequenceName = "sequenceName"
	// ParamSequenceVersion is the root sequence's version (default "1.0.0").
	ParamSequenceVersion = "sequenceVersion"
	// ParamOperationTypeCode is the test operation: a code, or a name resolved
	// through Source.Processes (default 10).
	ParamOperationTypeCode = "operationTypeCode"
	// ParamOperator is the operator when Cfg_UserName is empty (default
	// "oper").
	ParamOperator = "operator"
)

const (
	defaultPartNumber  = "PartNumber1"
	defaultRevision    = "1.0"
	defaultSeqName     = "SequenceName1"
	defaultSeqVersion  = "1.0.0"
	defaultProcessCode = 10
	defaultOperator    = "oper"

	maxFile = 64 << 20
)

// Converter converts Klippel QC DUT logs. The zero value is ready to use and
// safe for concurrent use.
type Converter struct{}

// New returns a Klippel converter.
func New() *Converter { return &Converter{} }

var _ convert.Converter = (*Converter)(nil)

// Name returns "klippel".
func (*Converter) Name() string { return Name }

// Patterns returns the header file names Klippel QC writes ("DUT <serial>
// <date> UTC+hhmm.txt"); the result files in the companion folder do not
// match.
func (*Converter) Patterns() []string { return []string{"DUT *.txt"} }

// Sniff is Certain when the head holds the Cfg_SerialNumber and
// Ctrl_OverallVerdict or Cfg_DutStartTime keys at the start of a line,
// Likely with one of them, No otherwise.
func (*Converter) Sniff(head []byte) convert.Confidence {
	if len(head) > convert.SniffSize {
		head = head[:convert.SniffSize]
	}
	head = convkit.DecodeText(head)
	n := 0
	for _, key := range []string{"Cfg_SerialNumber=", "Cfg_DutStartTime=", "Ctrl_OverallVerdict="} {
		if bytes.HasPrefix(head, []byte(key)) || bytes.Contains(head, []byte("\n"+key)) {
			n++
		}
	}
	switch {
	case n >= 2:
		return convert.Certain
	case n == 1:
		return convert.Likely
	}
	return convert.No
}

// header is the key=value file.
type header struct {
	values map[string]string
	lines  map[string]int
}

func (h *header) get(k string) string { return h.values[k] }

func readHeader(src *convert.Source, r io.Reader) (*header, error) {
	h := &header{values: map[string]string{}, lines: map[string]int{}}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), maxFile)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if line == 1 {
			s = strings.TrimPrefix(s, "\uFEFF")
		}
		if strings.TrimSpace(s) == "" || strings.HasPrefix(strings.TrimSpace(s), "//") {
			continue
		}
		k, v, ok := strings.Cut(s, "=")
		if !ok {
			return nil, &convert.MalformedError{Converter: Name, File: src.Name, Line: line, Msg: "line is neither a comment nor key=value"}
		}
		k = strings.TrimSpace(k)
		if _, dup := h.values[k]; dup {
			src.Warnf(fmt.Sprintf("%s:%d: %s given again; the last value wins", src.Name, line, k))
		}
		h.values[k], h.lines[k] = strings.TrimSpace(v), line
	}
	if err := sc.Err(); err != nil {
		return nil, &convert.MalformedError{Converter: Name, File: src.Name, Line: line + 1, Msg: "read", Err: err}
	}
	return h, nil
}

// startTime reads Cfg_DutStartTime, SciLab getdate() joined by "-":
// year-month-week-dayOfYear-weekday-day-hour-minute-second-ms-utcOffsetMin-epoch.
// A negative offset shows as "--300".
func startTime(s string) (time.Time, error) {
	parts := strings.Split(s, "-")
	var nums []string
	for i := 0; i < len(parts); i++ {
		p := parts[i]
		if p == "" && i+1 < len(parts) {
			i++
			p = "-" + parts[i]
		}
		nums = append(nums, strings.TrimSpace(p))
	}
	if len(nums) < 11 {
		return time.Time{}, fmt.Errorf("%q has %d of the 11 date parts", s, len(nums))
	}
	v := make([]int, 11)
	for i := 0; i < 11; i++ {
		n, err := strconv.Atoi(nums[i])
		if err != nil {
			return time.Time{}, fmt.Errorf("%q: part %d (%q) is not a number", s, i+1, nums[i])
		}
		v[i] = n
	}
	year, month, day, hour, min, sec, ms, off := v[0], v[1], v[5], v[6], v[7], v[8], v[9], v[10]
	if year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || min > 59 ||
		sec > 60 || ms > 999 || off < -24*60 || off > 24*60 || hour < 0 || min < 0 || sec < 0 || ms < 0 {
		return time.Time{}, fmt.Errorf("%q is not a valid date", s)
	}
	zone := time.FixedZone(fmt.Sprintf("UTC%+03d%02d", off/60, abs(off%60)), off*60)
	return time.Date(year, time.Month(month), day, hour, min, sec, ms*int(time.Millisecond), zone), nil
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// verdict maps Ctrl_OverallVerdict: 1 pass, 2 warning (a pass close to a
// limit), 0 fail, -1 void (no result), 3 noise and 4 invalid (no valid
// measurement).
func verdict(v string) (result, word string, ok bool) {
	switch strings.TrimSpace(v) {
	case "1":
		return report.StatusPassed, "Pass", true
	case "2":
		return report.StatusPassed, "Warning", true
	case "0":
		return report.StatusFailed, "Fail", true
	case "-1":
		return report.StatusTerminated, "Void", true
	case "3":
		return report.StatusError, "Noise", true
	case "4":
		return report.StatusError, "Invalid", true
	}
	return "", "", false
}

// Convert reads a DUT header file and the result files of the companion
// folder of the same name, and returns one report.
func (*Converter) Convert(ctx context.Context, src *convert.Source) ([]*report.Report, error) {
	if src == nil || src.Reader == nil {
		return nil, &convert.MalformedError{Converter: Name, Msg: "no input"}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d := src.Defaults
	pn := convkit.Text(src, ParamPartNumber, d.PartNumber, defaultPartNumber)
	rev := convkit.Text(src, ParamPartRevision, d.Revision, defaultRevision)
	seqName := convkit.Text(src, ParamSequenceName, d.SequenceName, defaultSeqName)
	seqVersion := convkit.Text(src, ParamSequenceVersion, d.SequenceVersion, defaultSeqVersion)
	process, err := convkit.ProcessCode(ctx, src, ParamOperationTypeCode, defaultProcessCode)
	if err != nil {
		return nil, err
	}
	raw, err := io.ReadAll(io.LimitReader(src.Reader, maxFile))
	if err != nil {
		return nil, &convert.MalformedError{Converter: Name, File: src.Name, Msg: "read", Err: err}
	}
	h, err := readHeader(src, bytes.NewReader(convkit.DecodeText(raw)))
	if err != nil {
		return nil, err
	}
	bad := func(key, msg string, err error) error {
		return &convert.MalformedError{Converter: Name, File: src.Name, Line: h.lines[key], Path: key, Msg: msg, Err: err}
	}
	sn := h.get("Cfg_SerialNumber")
	if sn == "" {
		sn = d.SerialNumber
	}
	if sn == "" {
		return nil, bad("Cfg_SerialNumber", "no serial number", nil)
	}
	start, err := startTime(h.get("Cfg_DutStartTime"))
	if err != nil {
		return nil, bad("Cfg_DutStartTime", "start time", err)
	}
	result, word, ok := verdict(h.get("Ctrl_OverallVerdict"))
	if !ok {
		return nil, bad("Ctrl_OverallVerdict", fmt.Sprintf("verdict %q is not -1…4", h.get("Ctrl_OverallVerdict")), nil)
	}
	station := d.Station
	if pc := h.get("Cfg_PCName"); pc != "" {
		station.Name = pc
	}
	opts := []report.Option{
		report.WithOperator(or(h.get("Cfg_UserName"), convkit.Text(src, ParamOperator, d.Operator, defaultOperator))),
		report.WithStation(station),
		report.WithStart(start),
		report.WithSequence(seqName, "", seqVersion),
	}
	if e := h.get("Ctrl_ErrorGeneral"); e != "" {
		e, _ = convkit.Truncate(e, 5000)
		opts = append(opts, report.WithComment(e))
		result = report.StatusError
	}
	rep, err := report.NewUUT(pn, sn, rev, process, opts...)
	if err != nil {
		return nil, bad("Cfg_SerialNumber", "header refused", err)
	}
	for _, m := range [][2]string{{"Cfg_LoginMode", h.get("Cfg_LoginMode")}, {"Cfg_Speaker", h.get("Cfg_Speaker")},
		{"FileName", filepath.Base(src.Name)}, {"Verdict", word}} {
		if m[1] == "" {
			continue
		}
		v, _ := convkit.Truncate(m[1], 100)
		if err := rep.AddMiscInfo(m[0], v); err != nil {
			return nil, bad(m[0], "misc info refused", err)
		}
	}
	dir := strings.TrimSuffix(src.Name, filepath.Ext(src.Name))
	if err := addResults(ctx, src, rep, dir, verdictLists(h)); err != nil {
		return nil, err
	}
	rep.SetResult(result)
	rep.Root.SetStatus(result)
	return []*report.Report{rep}, nil
}

func or(s, def string) string {
	if s != "" {
		return s
	}
	return def
}

// verdictLists maps every result name of the Results_* lists to a step
// status.
func verdictLists(h *header) map[string]string {
	out := map[string]string{}
	for _, l := range []struct{ key, status string }{
		{"Results_Pass", report.StatusPassed}, {"Results_Warning", report.StatusPassed},
		{"Results_Fail", report.StatusFailed}, {"Results_Void", report.StatusSkipped},
		{"Results_Noise", report.StatusError}, {"Results_Invalid", report.StatusError},
	} {
		for _, name := range strings.Split(h.get(l.key), "\t") {
			if name = strings.TrimSpace(name); name != "" {
				out[name] = l.status
			}
		}
	}
	return out
}

// addResults reads every "<Task>-<result>.txt" of the companion folder, in
// name order, a sequence per task.
func addResults(ctx context.Context, src *convert.Source, rep *report.Report, dir string, verdicts map[string]string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%w: %s: result folder %q: %w", convert.ErrMissingAttachment, Name, dir, err)
		}
		return fmt.Errorf("%w: %s: result folder %q: %w", convert.ErrMissingAttachment, Name, dir, err)
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() && strings.EqualFold(filepath.Ext(e.Name()), ".txt") {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	var seq *report.Step
	task := ""
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return err
		}
		base := strings.TrimSuffix(name, filepath.Ext(name))
		t := base
		if i := strings.LastIndex(base, "-"); i > 0 {
			t = base[:i]
		}
		if seq == nil || t != task {
			seq, err = rep.Root.AddSequence(convkit.Name(src, t, "Results"))
			if err != nil {
				return &convert.MalformedError{Converter: Name, File: filepath.Join(dir, name), Msg: "sequence refused", Err: err}
			}
			task = t
		}
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return fmt.Errorf("%w: %s: %w", convert.ErrMissingAttachment, Name, err)
		}
		rf := &resultFile{src: src, file: filepath.Join(dir, name), verdicts: verdicts}
		if err := rf.add(seq, convkit.DecodeText(data)); err != nil {
			return err
		}
	}
	return nil
}
