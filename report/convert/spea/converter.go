package spea

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// Name is the converter's name in logs, sidecars and errors.
const Name = "spea"

// Parameter names (Source.Params), as the WATS client's SPEA converter calls them.
const (
	// ParamPartNumber is the part number (the log names none); default
	// Source.Defaults.PartNumber, else "PN1".
	ParamPartNumber = "partNumber"
	// ParamPartRevision is the revision; default Source.Defaults.Revision, else "1".
	ParamPartRevision = "partRevision"
	// ParamOperationTypeCode is the test operation: a code or a process name
	// (default Source.Defaults.ProcessCode, else 10).
	ParamOperationTypeCode = "operationTypeCode"
	// ParamOperator is the operator when START names none (default "sysoper").
	ParamOperator = "operator"
	// ParamStationName is the station (default Source.Defaults.Station.Name).
	ParamStationName = "stationName"
	// ParamSequenceName and ParamSequenceVersion fill the root sequence when
	// START leaves them empty (defaults "SeqName", "0.0.0").
	ParamSequenceName    = "sequenceName"
	ParamSequenceVersion = "sequenceVersion"
)

// Converter converts SPEA 3030 result logs. The zero value is ready to use
// and safe for concurrent use.
type Converter struct{}

// New returns a SPEA 3030 converter.
func New() *Converter { return &Converter{} }

var _ convert.Converter = (*Converter)(nil)

// Name returns "spea".
func (*Converter) Name() string { return Name }

// Patterns returns the extensions SPEA logs are saved with.
func (*Converter) Patterns() []string { return []string{"*.csv", "*.CSV", "*.txt"} }

// Sniff is Likely when the first non-blank line is a FORMAT or START record
// and a START record and an ANL, FUNC or END record follow in the head; No
// otherwise.
func (*Converter) Sniff(head []byte) convert.Confidence {
	if len(head) > convert.SniffSize {
		head = head[:convert.SniffSize]
	}
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \r\n\t")
	if !bytes.HasPrefix(head, []byte("FORMAT;")) && !bytes.HasPrefix(head, []byte("START;")) {
		return convert.No
	}
	if !bytes.HasPrefix(head, []byte("START;")) && !bytes.Contains(head, []byte("\nSTART;")) {
		return convert.No
	}
	for _, rec := range []string{"\nANL;", "\nFUNC;", "\nEND;"} {
		if bytes.Contains(head, []byte(rec)) {
			return convert.Likely
		}
	}
	return convert.Maybe
}

// options are the resolved parameters of one conversion.
type options struct {
	pn, rev, operator, seqName, seqVersion string
	code                                   int
	station                                report.Station
	zone                                   *time.Location
}

func optionsFor(ctx context.Context, src *convert.Source) (*options, error) {
	d := src.Defaults
	p := src.Params
	o := &options{
		pn:         p.Get(ParamPartNumber, firstNonEmpty(d.PartNumber, "PN1")),
		rev:        p.Get(ParamPartRevision, firstNonEmpty(d.Revision, "1")),
		operator:   p.Get(ParamOperator, firstNonEmpty(d.Operator, "sysoper")),
		seqName:    p.Get(ParamSequenceName, firstNonEmpty(d.SequenceName, "SeqName")),
		seqVersion: p.Get(ParamSequenceVersion, firstNonEmpty(d.SequenceVersion, "0.0.0")),
		station:    d.Station,
		zone:       d.Zone(),
		code:       10,
	}
	if d.ProcessCode != 0 {
		o.code = d.ProcessCode
	}
	if s := p.Get(ParamStationName, ""); s != "" {
		o.station.Name = s
	}
	if v := strings.TrimSpace(p.Get(ParamOperationTypeCode, "")); v != "" {
		if n, err := strconv.Atoi(v); err == nil {
			o.code = n
		} else {
			n, err := 0, fmt.Errorf("no process resolver")
			if src.Processes != nil {
				n, err = src.Processes.TestOperationCode(ctx, v)
			}
			if err != nil {
				return nil, fmt.Errorf("%s: parameter %s: process %q: %w: %v", Name, ParamOperationTypeCode, v, convert.ErrUnknownProcess, err)
			}
			o.code = n
		}
	}
	return o, nil
}

// Convert reads a SPEA log and returns one report per START…END run.
// Bad input is a *convert.MalformedError naming the line; no partial result
// is returned.
func (*Converter) Convert(ctx context.Context, src *convert.Source) ([]*report.Report, error) {
	if src == nil || src.Reader == nil {
		return nil, &convert.MalformedError{Converter: Name, Msg: "no input"}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	o, err := optionsFor(ctx, src)
	if err != nil {
		return nil, err
	}
	n := src.Size
	if n < 0 || n > 1<<30 {
		n = 0
	}
	buf := bytes.NewBuffer(make([]byte, 0, n+512))
	if _, err := buf.ReadFrom(src.Reader); err != nil && err != io.EOF {
		return nil, fmt.Errorf("%s: %s: read: %w", Name, src.Name, err)
	}
	raw := bytes.TrimPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF"))
	var text string
	if utf8.Valid(raw) {
		text = string(raw)
	} else {
		text = string(convkit.AppendCP1252(make([]byte, 0, len(raw)+len(raw)/8), raw))
	}
	p := &parser{ctx: ctx, src: src, o: o}
	return p.run(text)
}

// parser converts the records of one file.
type parser struct {
	ctx  context.Context
	src  *convert.Source
	o    *options
	line int
	out  []*report.Report
	run_ *run
	f    []string
	// dayFirst is FORMAT;ddmm: dates are dd/MM/yyyy
	dayFirst bool
}

// run is one START…END block.
type run struct {
	r       *report.Report
	start   time.Time
	sn      string
	seq     *report.Step
	seqName string
	line    int
}

func (p *parser) failf(format string, args ...any) error {
	return &convert.MalformedError{Converter: Name, File: p.src.Name, Line: p.line, Msg: fmt.Sprintf(format, args...)}
}

func (p *parser) run(text string) ([]*report.Report, error) {
	for len(text) > 0 {
		var line string
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			line, text = text[:i], text[i+1:]
		} else {
			line, text = text, ""
		}
		p.line++
		if p.line&1023 == 0 {
			if err := p.ctx.Err(); err != nil {
				return nil, err
			}
		}
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		p.f = splitInto(p.f, line, ';')
		if err := p.record(p.f); err != nil {
			return nil, err
		}
	}
	if p.run_ != nil {
		p.line = p.run_.line
		return nil, p.failf("START without END (the file ends inside a test run)")
	}
	if len(p.out) == 0 {
		return nil, &convert.MalformedError{Converter: Name, File: p.src.Name, Msg: "no START…END test run in the file"}
	}
	return p.out, nil
}

func (p *parser) record(f []string) error {
	u := p.run_
	switch f[0] {
	case "FORMAT", "LOT", "BOARDRESULT":
		// FORMAT names the date order (mmdd or ddmm), LOT is empty,
		// BOARDRESULT repeats END.
		if f[0] == "FORMAT" && len(f) > 1 {
			switch strings.ToLower(strings.TrimSpace(f[1])) {
			case "mmdd", "":
				p.dayFirst = false
			case "ddmm":
				p.dayFirst = true
			default:
				return p.failf("FORMAT %q: the date order is not mmdd or ddmm", f[1])
			}
		}
	case "START":
		if u != nil {
			return p.failf("START inside a test run (no END since line %d)", u.line)
		}
		return p.startRun(f)
	case "SN":
		if u == nil {
			return p.failf("SN outside a test run")
		}
		if len(f) < 2 || strings.TrimSpace(f[1]) == "" {
			return p.failf("SN record without a serial number")
		}
		u.sn = strings.TrimSpace(f[1])
	case "ANL", "FUNC":
		if u == nil {
			return p.failf("%s outside a test run", f[0])
		}
		return p.test(u, f)
	case "END":
		if u == nil {
			return p.failf("END without START")
		}
		return p.endRun(u, f)
	default:
		if u == nil && len(p.out) == 0 {
			return p.failf("not a SPEA log (record %q)", f[0])
		}
		p.src.Warnf(fmt.Sprintf("%s: %s:%d: record %q ignored", Name, p.src.Name, p.line, f[0]))
	}
	return nil
}

func (p *parser) when(date, clock string) (time.Time, error) {
	layout := "01/02/2006 15:04:05"
	if p.dayFirst {
		layout = "02/01/2006 15:04:05"
	}
	return time.ParseInLocation(layout, strings.TrimSpace(date)+" "+strings.TrimSpace(clock), p.o.zone)
}

// startRun reads START;<program>;<sequence>;<version>;<sequence>;<operator>;MM/DD/YYYY;HH:MM:SS.
func (p *parser) startRun(f []string) error {
	if len(f) < 8 {
		return p.failf("START has %d fields, 8 expected", len(f))
	}
	start, err := p.when(f[6], f[7])
	if err != nil {
		return p.failf("START date %q %q is not MM/dd/yyyy HH:mm:ss", f[6], f[7])
	}
	o := p.o
	r, err := report.NewUUT(trunc(o.pn, 100), "pending", trunc(o.rev, 100), o.code,
		report.WithStation(o.station),
		report.WithOperator(trunc(firstNonEmpty(strings.TrimSpace(f[5]), o.operator), 100)),
		report.WithStart(start),
		report.WithSequence(trunc(firstNonEmpty(strings.TrimSpace(f[2]), o.seqName), 100), "", trunc(firstNonEmpty(strings.TrimSpace(f[3]), o.seqVersion), 30)))
	if err != nil {
		return p.failf("START: %v", err)
	}
	p.run_ = &run{r: r, start: start, line: p.line}
	return nil
}

// test adds one ANL (analog) or FUNC (functional) record:
// ANL;1;<ref>;<n>;<n>;<name>;;<PASS|FAIL(..)>;<meas>;<low>;<high>;<unit>;<probes>;<id>.
func (p *parser) test(u *run, f []string) error {
	if len(f) < 12 {
		return p.failf("%s has %d fields, at least 12 expected", f[0], len(f))
	}
	ref, name, result := strings.TrimSpace(f[2]), strings.TrimSpace(f[5]), strings.TrimSpace(f[7])
	name = trunc(firstNonEmpty(name, ref, f[0]), 100)
	cls := componentClass(ref)
	if f[0] == "FUNC" && cls == "" {
		cls = "FUNC"
	}
	if u.seq == nil || cls != u.seqName {
		seq, err := u.r.Root.AddSequence(trunc(firstNonEmpty(cls, f[0]), 100))
		if err != nil {
			return p.failf("sequence: %v", err)
		}
		u.seq, u.seqName = seq, cls
	}
	status := report.StatusFailed
	if strings.HasPrefix(strings.ToUpper(result), "PASS") {
		status = report.StatusPassed
	}
	meas, mOK, err := p.number(f[8], "measured value")
	if err != nil {
		return err
	}
	low, lOK, err := p.number(f[9], "low limit")
	if err != nil {
		return err
	}
	high, hOK, err := p.number(f[10], "high limit")
	if err != nil {
		return err
	}
	unit := trunc(strings.TrimSpace(f[11]), 50)
	opts := []report.StepOption{report.StepStatus(status)}
	if result != "" && status == report.StatusFailed {
		opts = append(opts, report.StepReportText(result))
	}
	if mOK && lOK && hOK && meas == 0 && low == 0 && high == 0 {
		// A record without any number is a pass/fail check.
		_, err := u.seq.AddPassFailStep(name, status == report.StatusPassed, opts...)
		if err != nil {
			return p.failf("step: %v", err)
		}
		return nil
	}
	if !mOK {
		meas = math.NaN()
	}
	var lim convkit.Limits
	switch {
	case lOK && hOK && high == 0 && low > 0:
		// "at least low": a window up to 0 below its low limit is impossible
		lim = convkit.Limits{Op: report.GE, Low: low}
	case lOK && hOK && low == 0 && high < 0:
		lim = convkit.Limits{Op: report.LE, Low: high}
	case lOK && hOK:
		lim = convkit.Limits{Op: report.GELE, Low: low, High: high}
	case lOK:
		lim = convkit.Limits{Op: report.GE, Low: low}
	case hOK:
		lim = convkit.Limits{Op: report.LE, Low: high}
	default:
		lim = convkit.Limits{Op: report.LOG}
	}
	if _, err := convkit.NumericStep(u.seq, name, meas, unit, lim, opts...); err != nil {
		return p.failf("step: %v", err)
	}
	return nil
}

// number reads a %e number; "-NAN"/"NAN" are NaN, "Automatic" (a range the
// tester chose itself) and "" are absent.
func (p *parser) number(s, what string) (float64, bool, error) {
	s = strings.TrimSpace(s)
	switch strings.ToUpper(s) {
	case "", "AUTOMATIC":
		return 0, false, nil
	case "NAN", "-NAN", "+NAN":
		return math.NaN(), true, nil
	case "INF", "+INF":
		return math.Inf(1), true, nil
	case "-INF":
		return math.Inf(-1), true, nil
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false, p.failf("%s %q is not a number", what, s)
	}
	return v, true, nil
}

// endRun reads END;<PASS|FAIL>;MM/DD/YYYY;HH:MM:SS and completes the report.
func (p *parser) endRun(u *run, f []string) error {
	if len(f) < 4 {
		return p.failf("END has %d fields, 4 expected", len(f))
	}
	end, err := p.when(f[2], f[3])
	if err != nil {
		return p.failf("END date %q %q is not MM/dd/yyyy HH:mm:ss", f[2], f[3])
	}
	var st string
	switch strings.ToUpper(strings.TrimSpace(f[1])) {
	case "PASS", "PASSED":
		st = report.StatusPassed
	case "FAIL", "FAILED":
		st = report.StatusFailed
	case "ERROR":
		st = report.StatusError
	case "ABORT", "ABORTED", "TERMINATED":
		st = report.StatusTerminated
	default:
		return p.failf("END result %q is not PASS or FAIL", f[1])
	}
	sn := firstNonEmpty(u.sn, p.src.Defaults.SerialNumber)
	if sn == "" {
		p.line = u.line
		return p.failf("test run without an SN record")
	}
	r := u.r
	r.Header.SN = report.StrOf(trunc(sn, 100))
	if d := end.Sub(u.start); d >= 0 {
		r.UUT.ExecTime = report.NumOf(d.Seconds())
	} else {
		p.src.Warnf(fmt.Sprintf("%s: %s:%d: END before START; no execution time", Name, p.src.Name, p.line))
	}
	r.Root.SetStatus(st)
	p.out = append(p.out, r)
	p.run_ = nil
	return nil
}

// classes names the sequence of a component class (the letters a step
// reference starts with); other letters name their own sequence.
var classes = map[string]string{
	"R": "Resistors", "RP": "Resistors", "RS": "Resistors",
	"C": "Capacitors", "CS": "Capacitors", "CP": "Capacitors", "DSC": "Capacitors",
	"L": "Inductors", "D": "Diodes", "DZ": "ZenerDiodes", "Q": "Transistors",
	"CON": "Connectors", "SHO": "Short", "TC": "Thermocouple", "PTC": "PTC",
	"F": "Fuses", "J": "Jumpers", "T": "Transformers", "ISO": "Isolators", "U": "ICs",
}

func componentClass(ref string) string {
	i := 0
	for i < len(ref) && (ref[i] >= 'A' && ref[i] <= 'Z' || ref[i] >= 'a' && ref[i] <= 'z') {
		i++
	}
	letters := ref[:i]
	if c, ok := classes[letters]; ok {
		return c
	}
	return letters
}

func splitInto(dst []string, s string, sep byte) []string {
	dst = dst[:0]
	for {
		i := strings.IndexByte(s, sep)
		if i < 0 {
			return append(dst, s)
		}
		dst = append(dst, s[:i])
		s = s[i+1:]
	}
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func trunc(s string, max int) string {
	s, _ = convkit.Truncate(s, max)
	return s
}
