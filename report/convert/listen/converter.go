package listen

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// Name is the converter's name in logs, sidecars and errors.
const Name = "listen"

// Parameter names (Source.Params), as Virinco's converter calls them.
const (
	// ParamPartRevision is the revision of every report (default "1.0").
	ParamPartRevision = "partRevision"
	// ParamPartNumber is the part number of rows without a lot number
	// (default "PN").
	ParamPartNumber = "partNumber"
	// ParamOperationTypeCode is the test operation: a code, or a name resolved
	// through Source.Processes (default 10).
	ParamOperationTypeCode = "operationTypeCode"
	// ParamOperator is the operator when the file has no Operator column
	// (default "oper").
	ParamOperator = "operator"
	// ParamSequenceName is the root sequence's name (default "SoundCheckSeq").
	ParamSequenceName = "sequenceName"
	// ParamSequenceVersion is the root sequence's version (default "1.0.0").
	ParamSequenceVersion = "sequenceVersion"
	// ParamCultureCode fixes how dates and decimals are read: "en-US" (and
	// other en- codes but en-GB) month first with a decimal point; any other
	// code (de-DE, nb-NO, en-GB…) day first with a decimal comma. Empty, the
	// default, tells them from each row: AM/PM or "/" month first, "-" or
	// "." day first; a comma without a point is a decimal comma.
	ParamCultureCode = "cultureCode"
)

const (
	defaultRevision    = "1.0"
	defaultPartNumber  = "PN"
	defaultProcessCode = 10
	defaultOperator    = "oper"
	defaultSeqName     = "SoundCheckSeq"
	defaultSeqVersion  = "1.0.0"

	maxFile = 128 << 20
)

// Converter converts SoundCheck AutoSave text files. The zero value is
// ready to use and safe for concurrent use.
type Converter struct{}

// New returns a SoundCheck converter.
func New() *Converter { return &Converter{} }

var _ convert.Converter = (*Converter)(nil)

// Name returns "listen".
func (*Converter) Name() string { return Name }

// Patterns returns "*.txt".
func (*Converter) Patterns() []string { return []string{"*.txt", "*.TXT"} }

// Sniff is Certain when the first line is a SoundCheck header (Serial #:,
// Time: and Lot #: columns), Likely when it starts with "Serial #:" only.
func (*Converter) Sniff(head []byte) convert.Confidence {
	if len(head) > convert.SniffSize {
		head = head[:convert.SniffSize]
	}
	head = convkit.DecodeText(head)
	first := head
	if i := bytes.IndexByte(head, '\n'); i >= 0 {
		first = head[:i]
	}
	if !bytes.HasPrefix(first, []byte("Serial #:\t")) {
		return convert.No
	}
	if bytes.Contains(first, []byte("\tTime:")) && bytes.Contains(first, []byte("\tLot #:")) {
		return convert.Certain
	}
	return convert.Likely
}

type options struct {
	pn, rev, seqName, seqVersion, operator string
	process                                int
	culture                                culture
}

// culture says how dates and decimals are read.
type culture int

const (
	cultureAuto culture = iota
	cultureUS
	cultureEU
)

func optionsFor(ctx context.Context, src *convert.Source) (*options, error) {
	d := src.Defaults
	o := &options{
		pn:         convkit.Text(src, ParamPartNumber, d.PartNumber, defaultPartNumber),
		rev:        convkit.Text(src, ParamPartRevision, d.Revision, defaultRevision),
		seqName:    convkit.Text(src, ParamSequenceName, d.SequenceName, defaultSeqName),
		seqVersion: convkit.Text(src, ParamSequenceVersion, d.SequenceVersion, defaultSeqVersion),
		operator:   convkit.Text(src, ParamOperator, d.Operator, defaultOperator),
	}
	switch c := strings.ToLower(strings.TrimSpace(src.Params.Get(ParamCultureCode, ""))); {
	case c == "":
	case c == "en-gb":
		o.culture = cultureEU
	case strings.HasPrefix(c, "en"), c == "invariant":
		o.culture = cultureUS
	default:
		o.culture = cultureEU
	}
	var err error
	if o.process, err = convkit.ProcessCode(ctx, src, ParamOperationTypeCode, defaultProcessCode); err != nil {
		return nil, err
	}
	return o, nil
}

// layout is where a header row puts its columns.
type layout struct {
	sn, op, time, lot int // op -1 without an Operator column
	curve             bool
	name              string // curve name
	xLog, yLog        bool
	xUnit, yUnit      string
	line              int
}

// Convert reads one AutoSave file and returns a report per serial number
// run (a new report whenever the serial number changes).
func (*Converter) Convert(ctx context.Context, src *convert.Source) ([]*report.Report, error) {
	if src == nil || src.Reader == nil {
		return nil, &convert.MalformedError{Converter: Name, Msg: "no input"}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	opt, err := optionsFor(ctx, src)
	if err != nil {
		return nil, err
	}
	p := &parser{ctx: ctx, src: src, opt: opt}
	raw, err := io.ReadAll(io.LimitReader(src.Reader, maxFile))
	if err != nil {
		return nil, &convert.MalformedError{Converter: Name, File: src.Name, Msg: "read", Err: err}
	}
	sc := bufio.NewScanner(bytes.NewReader(convkit.DecodeText(raw)))
	sc.Buffer(make([]byte, 256<<10), maxFile)
	for sc.Scan() {
		p.line++
		if err := p.row(sc.Text()); err != nil {
			return nil, err
		}
	}
	if err := sc.Err(); err != nil {
		return nil, &convert.MalformedError{Converter: Name, File: src.Name, Line: p.line + 1, Msg: "read", Err: err}
	}
	if err := p.flushCurve(); err != nil {
		return nil, err
	}
	if len(p.out) == 0 {
		return nil, &convert.MalformedError{Converter: Name, File: src.Name, Line: p.line, Msg: "no data row"}
	}
	for _, u := range p.out {
		u.finish()
	}
	reps := make([]*report.Report, len(p.out))
	for i, u := range p.out {
		reps[i] = u.rep
	}
	return reps, nil
}

type uut struct {
	sn    string
	rep   *report.Report
	worst string
}

func (u *uut) finish() {
	if u.worst != "" {
		u.rep.SetResult(u.worst)
		u.rep.Root.SetStatus(u.worst)
	}
}

type parser struct {
	ctx    context.Context
	src    *convert.Source
	opt    *options
	line   int
	lay    *layout
	cur    *uut
	out    []*uut
	curves int
	// a curve's x row waiting for its y row
	xRow  []string
	xLine int
}

func (p *parser) fail(msg string, err error) error {
	return &convert.MalformedError{Converter: Name, File: p.src.Name, Line: p.line, Msg: msg, Err: err}
}

func trimCells(cells []string) []string {
	for i := range cells {
		cells[i] = strings.TrimSpace(cells[i])
	}
	return cells
}

func (p *parser) row(text string) error {
	if p.line%256 == 0 {
		if err := p.ctx.Err(); err != nil {
			return err
		}
	}
	if p.line == 1 {
		text = strings.TrimPrefix(text, "\uFEFF")
	}
	text = strings.TrimRight(text, "\r")
	if strings.TrimSpace(text) == "" {
		return nil
	}
	cells := trimCells(strings.Split(text, "\t"))
	if cells[0] == "Serial #:" {
		if err := p.flushCurve(); err != nil {
			return err
		}
		return p.header(cells)
	}
	if p.lay == nil {
		return p.fail("data row before the first \"Serial #:\" header row", nil)
	}
	need := max(p.lay.lot+2, p.lay.time+1, p.lay.op+1)
	if len(cells) < need {
		return p.fail(fmt.Sprintf("row has %d columns, the header needs at least %d", len(cells), need), nil)
	}
	u, err := p.unit(cells)
	if err != nil {
		return err
	}
	if p.lay.curve {
		if p.xRow == nil {
			p.xRow, p.xLine = cells, p.line
			return nil
		}
		x := p.xRow
		p.xRow = nil
		return p.addCurve(u, x, cells)
	}
	return p.result(u, cells)
}

func (p *parser) header(cells []string) error {
	l := &layout{sn: 0, op: -1, time: -1, lot: -1, line: p.line}
	for i, c := range cells {
		// The first column of each name counts.
		switch strings.ToLower(c) {
		case "operator:":
			if l.op < 0 {
				l.op = i
			}
		case "time:":
			if l.time < 0 {
				l.time = i
			}
		case "lot #:":
			if l.lot < 0 {
				l.lot = i
			}
		}
	}
	if l.time < 0 || l.lot < 0 || l.lot+1 >= len(cells) {
		return p.fail("header row lacks the Time: or Lot #: column", nil)
	}
	next := cells[l.lot+1]
	if !strings.EqualFold(next, "Name") {
		l.curve = true
		l.name = next
		at := func(i int) string {
			if l.lot+i < len(cells) {
				return cells[l.lot+i]
			}
			return ""
		}
		l.xLog = strings.HasSuffix(strings.ToLower(at(7)), " log")
		l.yLog = strings.HasSuffix(strings.ToLower(at(8)), " log")
		l.xUnit, l.yUnit = at(11), at(12)
	}
	p.lay = l
	p.curves = 0
	return nil
}

// flushCurve refuses an x row left without its y row.
func (p *parser) flushCurve() error {
	if p.xRow != nil {
		return &convert.MalformedError{Converter: Name, File: p.src.Name, Line: p.xLine, Msg: "curve x row without its y row"}
	}
	return nil
}

// unit returns the report for the row's serial number, starting a new one
// when it changes.
func (p *parser) unit(cells []string) (*uut, error) {
	sn := cells[p.lay.sn]
	if p.cur != nil && p.cur.sn == sn {
		return p.cur, nil
	}
	if sn == "" {
		return nil, p.fail("empty serial number", nil)
	}
	t, err := p.time(cells[p.lay.time])
	if err != nil {
		return nil, p.fail(fmt.Sprintf("time %q", cells[p.lay.time]), err)
	}
	operator := p.opt.operator
	if p.lay.op >= 0 && cells[p.lay.op] != "" {
		operator = cells[p.lay.op]
	}
	pn := cells[p.lay.lot]
	if pn == "" {
		pn = p.opt.pn
	}
	rep, err := report.NewUUT(placeholder(pn), placeholder(sn), p.opt.rev, p.opt.process,
		report.WithOperator(operator), report.WithStation(p.src.Defaults.Station), report.WithStart(t),
		report.WithSequence(p.opt.seqName, "", p.opt.seqVersion))
	if err != nil {
		return nil, p.fail("header refused", err)
	}
	// SoundCheck users type "S/N 13" and "P/N #12345"; WATS stores them, its
	// searches treat "/" as a delimiter (Validate warns). Keep them as typed.
	if strings.ContainsAny(sn+pn, searchChars) {
		p.src.Warnf(fmt.Sprintf("%s:%d: serial %q or part number %q holds a character WATS searches treat as a wildcard", p.src.Name, p.line, sn, pn))
		rep.Header.SN, rep.Header.PN = report.StrOf(sn), report.StrOf(pn)
	}
	p.cur = &uut{sn: sn, rep: rep}
	p.out = append(p.out, p.cur)
	return p.cur, nil
}

var timeLayouts = struct{ us, eu []string }{
	us: []string{"1/2/2006 3:04:05 PM", "1/2/2006 15:04:05", "1/2/2006 3:04 PM", "1-2-2006 3:04:05 PM", "1/2/2006"},
	eu: []string{"2-1-2006 15:04:05", "2.1.2006 15:04:05", "2/1/2006 15:04:05", "2-1-2006 15:04", "2.1.2006 15:04", "2-1-2006 3:04:05 PM"},
}

// searchChars are the characters the report builder refuses in serial and
// part numbers.
const searchChars = `*%?[]^!/\`

// placeholder stands in for an identifier with search characters while
// the report is built: the characters are masked, so the builder still
// checks everything else (length, characters invalid in XML).
func placeholder(s string) string {
	return strings.Map(func(r rune) rune {
		if strings.ContainsRune(searchChars, r) {
			return '_'
		}
		return r
	}, s)
}

func (p *parser) time(s string) (time.Time, error) {
	loc := p.src.Defaults.Zone()
	s = strings.Join(strings.Fields(s), " ")
	order := p.opt.culture
	if order == cultureAuto {
		upper := strings.ToUpper(s)
		switch {
		case strings.HasSuffix(upper, "AM"), strings.HasSuffix(upper, "PM"), strings.Contains(s, "/"):
			order = cultureUS
		default:
			order = cultureEU
		}
	}
	list := timeLayouts.eu
	if order == cultureUS {
		list = timeLayouts.us
	}
	for _, l := range list {
		if t, err := time.ParseInLocation(l, strings.ToUpper(s), loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("not a SoundCheck date and time")
}

// number reads a value with a decimal point, or a decimal comma where the
// culture (or the value itself) says so.
func (p *parser) number(s string) (float64, error) {
	s = strings.TrimSpace(s)
	comma := p.opt.culture == cultureEU || p.opt.culture == cultureAuto && strings.Contains(s, ",") && !strings.Contains(s, ".")
	if comma {
		s = strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
	}
	return strconv.ParseFloat(s, 64)
}

func statusOf(s string) (string, bool) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "PASS", "PASSED":
		return report.StatusPassed, true
	case "FAIL", "FAILED":
		return report.StatusFailed, true
	}
	return "", false
}

// result adds a Results row: name, value, unit, PASS/FAIL, tolerance kind,
// limits ("max/min" when the tolerance is Max/Min).
func (p *parser) result(u *uut, cells []string) error {
	at := func(i int) string {
		if p.lay.lot+i < len(cells) {
			return cells[p.lay.lot+i]
		}
		return ""
	}
	name, valText, unit, res, tol, limits := at(1), at(2), at(3), at(4), at(5), at(6)
	v, err := p.number(valText)
	if err != nil {
		return p.fail(fmt.Sprintf("value %q of %q is not a number", valText, name), err)
	}
	lim := convkit.Limits{Op: report.LOG}
	if a, b, ok := strings.Cut(limits, "/"); ok {
		fa, errA := p.number(a)
		fb, errB := p.number(b)
		if errA == nil && errB == nil {
			lo, hi := math.Min(fa, fb), math.Max(fa, fb)
			lim = convkit.Limits{Op: report.GELE, Low: lo, High: hi}
		}
	}
	var opts []report.StepOption
	st, ok := statusOf(res)
	if ok {
		opts = append(opts, report.StepStatus(st))
		u.worse(st)
	} else if res != "" {
		p.src.Warnf(fmt.Sprintf("%s:%d: result %q unknown; computed from the limits", p.src.Name, p.line, res))
	}
	if tol != "" || limits != "" {
		opts = append(opts, report.StepReportText(strings.TrimSpace(tol+": "+limits)))
	}
	if _, err := convkit.NumericStep(u.rep.Root, convkit.Name(p.src, name, "result"), v, unit, lim, opts...); err != nil {
		return p.fail("result refused", err)
	}
	return nil
}

func (u *uut) worse(st string) {
	if u.worst == "" || st == report.StatusFailed {
		u.worst = st
	}
}

// addCurve adds a chart step from an x row and a y row.
func (p *parser) addCurve(u *uut, xs, ys []string) error {
	p.curves++
	name := p.lay.name
	if p.curves > 1 {
		// A data block without its own header row has no name of its own
		// (Virinco reuses the previous one, typically a limit curve's).
		n := 1
		for _, st := range u.rep.Root.Steps {
			if st.Chart != nil {
				n++
			}
		}
		name = fmt.Sprintf("Curve %d", n)
		p.src.Warnf(fmt.Sprintf("%s:%d: curve without a header row named %q", p.src.Name, p.xLine, name))
	}
	if name == "" {
		name = "Curve"
	}
	x, err := p.values(xs, p.xLine)
	if err != nil {
		return err
	}
	y, err := p.values(ys, p.line)
	if err != nil {
		return err
	}
	if len(x) != len(y) {
		p.src.Warnf(fmt.Sprintf("%s:%d: curve %q has %d x and %d y values; the extra ones are dropped", p.src.Name, p.line, name, len(x), len(y)))
		n := min(len(x), len(y))
		x, y = x[:n], y[:n]
	}
	if len(x) > 10000 {
		p.src.Warnf(fmt.Sprintf("%s:%d: curve %q cut to 10000 points", p.src.Name, p.line, name))
		x, y = x[:10000], y[:10000]
	}
	typ := "Line"
	switch {
	case p.lay.xLog && p.lay.yLog:
		typ = "LineLogXY"
	case p.lay.xLog:
		typ = "LineLogX"
	case p.lay.yLog:
		typ = "LineLogY"
	}
	xu, _ := convkit.Truncate(p.lay.xUnit, 50)
	yu, _ := convkit.Truncate(p.lay.yUnit, 50)
	label, _ := convkit.Truncate(name, 100)
	step, err := u.rep.Root.AddChartStep(convkit.Name(p.src, name, "Curve"),
		report.ChartSpec{Type: typ, Label: label, XUnit: xu, YUnit: yu}, report.StepStatus(report.StatusDone))
	if err != nil {
		return p.fail("curve refused", err)
	}
	if len(x) == 0 {
		return p.fail(fmt.Sprintf("curve %q has no values", name), nil)
	}
	if err := step.AddSeries(label, x, y); err != nil {
		return p.fail("curve refused", err)
	}
	return nil
}

func (p *parser) values(cells []string, line int) ([]float64, error) {
	data := cells[p.lay.lot+1:]
	for len(data) > 0 && data[len(data)-1] == "" {
		data = data[:len(data)-1]
	}
	out := make([]float64, 0, len(data))
	for _, c := range data {
		f, err := p.number(c)
		if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
			if err == nil {
				err = fmt.Errorf("not finite")
			}
			return nil, &convert.MalformedError{Converter: Name, File: p.src.Name, Line: line, Msg: fmt.Sprintf("curve value %q is not a number", c), Err: err}
		}
		out = append(out, f)
	}
	return out, nil
}
