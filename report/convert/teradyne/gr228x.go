package teradyne

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"path"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// GR228xName is the GR228x converter's name.
const GR228xName = "teradyne-gr228x"

// GR228x parameter names (Source.Params), as the WATS client's converter
// calls them.
const (
	// ParamPartNumberRegEx finds the part number in the board program's file
	// name ({FileName}, the default) or full path ({Path}); the group named
	// PartNumber (else the first group) is taken. Default
	// "{FileName}(?<PartNumber>[^_]+)_?": the text before the first "_".
	ParamPartNumberRegEx = "partNumberRegEx"
	// ParamSocketNumberRegEx finds a panel position line; the number of the
	// first group that matched is the test socket index (default
	// "TOP_OF_LOOP-(?:(A)|(B)|(C)|(D)|(E)|(F)|(G)|(H))" → 1…8).
	ParamSocketNumberRegEx = "socketNumberRegEx"
	// ParamOperationTypeCode is the test operation (default 10).
	ParamOperationTypeCode = "operationTypeCode"
	// ParamOperator, ParamStationName, ParamSequenceVersion fill what the log
	// does not name (defaults "sysoper", Source.Defaults.Station.Name, "").
	ParamOperator        = "operator"
	ParamStationName     = "stationName"
	ParamSequenceVersion = "sequenceVersion"
)

const (
	defaultPartNumberRegEx   = `{FileName}(?<PartNumber>[^_]+)_?`
	defaultSocketNumberRegEx = `TOP_OF_LOOP-(?:(A)|(B)|(C)|(D)|(E)|(F)|(G)|(H))`
)

// GR228x converts Teradyne GR228x ICT datalogs. Values are stateless and
// safe for concurrent use.
type GR228x struct{}

// NewGR228x returns the GR228x datalog converter.
func NewGR228x() *GR228x { return &GR228x{} }

var _ convert.Converter = (*GR228x)(nil)

// Name returns "teradyne-gr228x".
func (*GR228x) Name() string { return GR228xName }

// Patterns returns the datalog extensions.
func (*GR228x) Patterns() []string { return []string{"*.LOG", "*.log"} }

var reProgram = regexp.MustCompile(`^[^\[\s]*\.obc\[\d{1,2}-[A-Za-z]{3}-\d{2}`)
var reBoard = regexp.MustCompile(`^@\d{1,2}-[A-Za-z]{3}-\d{2}\s+\d{1,2}:\d{2}:\d{2}\s+SN\s`)

// Sniff is Likely when the first non-blank line is a board program line
// ("<path>.obc[DD-MON-YY …") or a board start ("@DD-MON-YY hh:mm:ss SN …"),
// No otherwise.
func (*GR228x) Sniff(head []byte) convert.Confidence {
	if len(head) > convert.SniffSize {
		head = head[:convert.SniffSize]
	}
	head = bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	for len(head) > 0 {
		line := head
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		if reProgram.Match(line) || reBoard.Match(line) {
			return convert.Likely
		}
		return convert.No
	}
	return convert.No
}

// grOptions are the resolved parameters of one conversion.
type grOptions struct {
	pnRe, socketRe *regexp.Regexp
	pnOnPath       bool
	code           int
	operator       string
	station        report.Station
	seqVersion     string
	rev, defaultPN string
	zone           *time.Location
	defaultSN      string
}

func grOptionsFor(ctx context.Context, src *convert.Source) (*grOptions, error) {
	d := src.Defaults
	p := src.Params
	o := &grOptions{
		operator:   p.Get(ParamOperator, firstNonEmpty(d.Operator, "sysoper")),
		station:    d.Station,
		seqVersion: p.Get(ParamSequenceVersion, d.SequenceVersion),
		rev:        firstNonEmpty(d.Revision, "1"),
		defaultPN:  d.PartNumber,
		zone:       d.Zone(),
		defaultSN:  d.SerialNumber,
	}
	if s := p.Get(ParamStationName, ""); s != "" {
		o.station.Name = s
	}
	var err error
	if o.code, err = processCode(ctx, src, GR228xName, ParamOperationTypeCode, 10); err != nil {
		return nil, err
	}
	pn := p.Get(ParamPartNumberRegEx, defaultPartNumberRegEx)
	switch {
	case strings.HasPrefix(pn, "{FileName}"):
		pn = pn[len("{FileName}"):]
	case strings.HasPrefix(pn, "{Path}"):
		pn, o.pnOnPath = pn[len("{Path}"):], true
	}
	if o.pnRe, err = regexp.Compile(pn); err != nil {
		return nil, fmt.Errorf("%s: parameter %s: %w", GR228xName, ParamPartNumberRegEx, err)
	}
	if o.socketRe, err = regexp.Compile(p.Get(ParamSocketNumberRegEx, defaultSocketNumberRegEx)); err != nil {
		return nil, fmt.Errorf("%s: parameter %s: %w", GR228xName, ParamSocketNumberRegEx, err)
	}
	return o, nil
}

// Convert reads a GR228x datalog and returns one report per board (from its
// "@… SN" line to its result event line). Bad input is a
// *convert.MalformedError naming the line; no partial result is returned.
func (*GR228x) Convert(ctx context.Context, src *convert.Source) ([]*report.Report, error) {
	if src == nil || src.Reader == nil {
		return nil, &convert.MalformedError{Converter: GR228xName, Msg: "no input"}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	o, err := grOptionsFor(ctx, src)
	if err != nil {
		return nil, err
	}
	text, err := readText(src, GR228xName)
	if err != nil {
		return nil, err
	}
	p := &grParser{ctx: ctx, src: src, o: o}
	return p.run(text)
}

// grParser converts the lines of one datalog.
type grParser struct {
	ctx     context.Context
	src     *convert.Source
	o       *grOptions
	line    int
	program string // board program path
	pn      string // from the program file name
	b       *grBoard
	out     []*report.Report
	// socket is a panel position seen before its board's start line
	socket    int
	hasSocket bool
	seen      bool // a program or board line was read
}

// grBoard is the board being read.
type grBoard struct {
	line                 int
	sn                   string
	start                time.Time
	pn, rev, seqName     string
	seqVersion, operator string
	station              string
	socket               int
	hasSocket            bool
	steps                []grStep
}

// grStep is one parsed line of a board: a measurement or a general failure.
type grStep struct {
	line     int
	failure  string // failure step name; "" for measurements
	group    string // first letter of the reference
	name     string
	status   string
	hasValue bool
	value    float64
	unit     string
	lim      convkit.Limits
	pass     bool
	text     string
	errMsg   string
}

func (p *grParser) failf(format string, args ...any) error {
	return &convert.MalformedError{Converter: GR228xName, File: p.src.Name, Line: p.line, Msg: fmt.Sprintf(format, args...)}
}

func (p *grParser) run(text string) ([]*report.Report, error) {
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
		if err := p.lineOf(strings.TrimRight(line, "\r")); err != nil {
			return nil, err
		}
	}
	if p.b != nil {
		p.line = p.b.line
		return nil, p.failf("board SN %s has no result event line", p.b.sn)
	}
	if len(p.out) == 0 {
		return nil, &convert.MalformedError{Converter: GR228xName, File: p.src.Name, Msg: "no board (@… SN …) in the datalog"}
	}
	return p.out, nil
}

const grTime = "02-Jan-06 15:04:05"

// grWhen reads "DD-MON-YY  HH:MM:SS" (months in English, any case).
func (p *grParser) grWhen(s string) (time.Time, error) {
	return time.ParseInLocation(grTime, strings.Join(strings.Fields(s), " "), p.o.zone)
}

// events maps a result event line's first character to the UUT status.
var events = map[byte]string{
	'"': report.StatusPassed, '/': report.StatusFailed, '?': report.StatusTerminated, '!': report.StatusTerminated,
	'&': report.StatusError, '*': report.StatusError, ']': report.StatusTerminated,
}

var failures = map[byte]string{
	'S': "SHORTS test, failed", 'O': "OPENS test, failed", 'B': "BUSTEST, failure caused by bus",
	'C': "SCRATCHPROBING connection failure", 'F': "CONTACT fixture failure",
}

func (p *grParser) lineOf(line string) error {
	t := strings.TrimSpace(line)
	if t == "" {
		return nil
	}
	b := p.b
	switch {
	case strings.HasPrefix(t, "@"):
		if b != nil {
			return p.failf("board SN %s starts before the result event of board SN %s", t, b.sn)
		}
		i := strings.Index(t, " SN ")
		if i < 0 {
			return p.failf("board start %q has no SN", t)
		}
		start, err := p.grWhen(t[1:i])
		if err != nil {
			return p.failf("board start time %q is not DD-MON-YY HH:MM:SS", t[1:i])
		}
		sn := strings.TrimSpace(t[i+4:])
		p.b = &grBoard{line: p.line, sn: sn, start: start, pn: p.pn, rev: p.o.rev, seqName: p.program,
			seqVersion: p.o.seqVersion, operator: p.o.operator, socket: p.socket, hasSocket: p.hasSocket}
		p.hasSocket, p.seen = false, true
		return nil
	case b == nil:
		if i := strings.IndexByte(t, '['); i > 0 && strings.Contains(strings.ToLower(t[:i]), ".obc") {
			p.program = t[:i]
			p.pn = p.partNumber(p.program)
			p.seen = true
			return nil
		}
		if !p.seen {
			return p.failf("not a GR228x datalog: the first line is no board program or board start: %q", trunc(t, 60))
		}
		if n, ok := p.socketOf(t); ok {
			p.socket, p.hasSocket = n, true
			return nil
		}
		if _, ok := events[t[0]]; !ok {
			// A result event outside a board (the "]" after the last board)
			// tells nothing; other lines between boards are tester notes.
			p.src.Warnf(fmt.Sprintf("%s: %s:%d: line outside a board ignored", GR228xName, p.src.Name, p.line))
		}
		return nil
	}
	if st, ok := events[t[0]]; ok && len(t) > 1 && t[1] >= '0' && t[1] <= '9' {
		end, err := p.grWhen(t[1:])
		if err != nil {
			return p.failf("result time %q is not DD-MON-YY HH:MM:SS", t[1:])
		}
		return p.finish(st, end)
	}
	if strings.HasPrefix(t, "WATS_") {
		return p.override(t)
	}
	if n, ok := p.socketOf(t); ok {
		b.socket, b.hasSocket = n, true
		return nil
	}
	if k := len(b.steps) - 1; k >= 0 && b.steps[k].failure != "" && strings.HasSuffix(b.steps[k].text, "+") && isNodeList(t) {
		// a node list continued from the failure line before
		b.steps[k].text = strings.TrimSpace(strings.TrimSuffix(b.steps[k].text, "+")) + " " + t
		return nil
	}
	if t[0] == '(' && len(t) > 1 {
		name, ok := failures[t[1]]
		if !ok {
			return p.failf("unknown failure record %q", trunc(t, 20))
		}
		nodes := strings.TrimSpace(t[2:])
		b.steps = append(b.steps, grStep{line: p.line, failure: name, name: name, status: report.StatusFailed, text: nodes})
		return nil
	}
	st, keep, err := measurement(t)
	if err != nil {
		return p.failf("%v", err)
	}
	if keep {
		st.line = p.line
		b.steps = append(b.steps, st)
	}
	return nil
}

// socketOf matches a panel position line: the number of the first group
// that matched (TOP_OF_LOOP-C → 3).
func (p *grParser) socketOf(t string) (int, bool) {
	m := p.o.socketRe.FindStringSubmatch(t)
	for i := 1; i < len(m); i++ {
		if m[i] != "" {
			return i, true
		}
	}
	return 0, false
}

// isNodeList reports whether t holds only node numbers, commas and a final "+".
func isNodeList(t string) bool {
	for i := 0; i < len(t); i++ {
		if c := t[i]; !(c >= '0' && c <= '9' || c == ',' || c == ' ' || c == '+') {
			return false
		}
	}
	return true
}

// partNumber applies the part-number pattern to the program's file name (or path).
func (p *grParser) partNumber(program string) string {
	s := program
	if !p.o.pnOnPath {
		s = path.Base(strings.ReplaceAll(program, `\`, "/"))
	}
	m := p.o.pnRe.FindStringSubmatch(s)
	if m == nil {
		base := path.Base(strings.ReplaceAll(program, `\`, "/"))
		if i := strings.IndexByte(base, '.'); i > 0 {
			return base[:i]
		}
		return base
	}
	if i := p.o.pnRe.SubexpIndex("PartNumber"); i > 0 && m[i] != "" {
		return m[i]
	}
	if len(m) > 1 && m[1] != "" {
		return m[1]
	}
	return m[0]
}

// override applies a WATS_<field>=<value> line written by the test program.
func (p *grParser) override(t string) error {
	i := strings.IndexByte(t, '=')
	if i < 0 {
		return p.failf("%q has no value", t)
	}
	key, v := strings.ToLower(t[len("WATS_"):i]), strings.TrimSpace(t[i+1:])
	b := p.b
	switch key {
	case "partnumber":
		b.pn = v
	case "partrevision":
		b.rev = v
	case "sequencename":
		b.seqName = v
	case "sequenceversion":
		b.seqVersion = v
	case "operator":
		b.operator = v
	case "stationname":
		b.station = v
	default:
		p.src.Warnf(fmt.Sprintf("%s: %s:%d: %s ignored", GR228xName, p.src.Name, p.line, t[:i]))
	}
	return nil
}

// typeNames are the base units and descriptions of the measurement types.
var typeNames = map[string][2]string{
	"R": {"Ohm", "MEAS R"}, "CP": {"F", "MEAS C PARALLEL"}, "CS": {"F", "MEAS C SERIAL"}, "C": {"F", "MEAS C"},
	"L": {"H", "MEAS L"}, "V": {"V", "MEAS V"}, "DC": {"V", "MEAS DC"}, "AC": {"V", "MEAS AC"},
	"I": {"A", "MEAS I"}, "F": {"Hz", "MEAS FREQ"}, "AR": {"", "ARITHMETIC"}, "Z": {"Ohm", "MEAS Z"},
}

// prefixes are the datalog's SI prefixes (M is milli, MEG mega).
var prefixes = []struct {
	s      string
	factor float64
	symbol string
}{{"MEG", 1e6, "M"}, {"P", 1e-12, "p"}, {"N", 1e-9, "n"}, {"U", 1e-6, "u"}, {"M", 1e-3, "m"}, {"K", 1e3, "k"}, {"G", 1e9, "G"}}

// scaled reads "100.20007K", "45.131532MEG", "-500M" into the number as
// written and its prefix.
func scaled(s string) (v float64, factor float64, symbol string, ok bool) {
	s = strings.TrimSpace(s)
	factor = 1
	up := strings.ToUpper(s)
	for _, pr := range prefixes {
		if strings.HasSuffix(up, pr.s) {
			s, factor, symbol = s[:len(s)-len(pr.s)], pr.factor, pr.symbol
			break
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, 1, "", false
	}
	return f, factor, symbol, true
}

// measurement parses "<ref><r><value>(<low>,<high>)<type> [text]". keep is
// false for source settings (IS, VS) without a value, which are no tests.
func measurement(t string) (grStep, bool, error) {
	i := strings.IndexAny(t, "=<>#%")
	if i <= 0 {
		return grStep{}, false, fmt.Errorf("not a measurement line: %q", trunc(t, 60))
	}
	st := grStep{name: t[:i], group: t[:1]}
	rel := t[i]
	rest := t[i+1:]
	valueText, lowText, highText, typ := rest, "", "", ""
	if j := strings.IndexByte(rest, '('); j >= 0 {
		k := strings.IndexByte(rest[j:], ')')
		if k < 0 {
			return grStep{}, false, fmt.Errorf("limits of %s are not closed", st.name)
		}
		valueText = rest[:j]
		lims := rest[j+1 : j+k]
		c := strings.IndexByte(lims, ',')
		if c < 0 {
			return grStep{}, false, fmt.Errorf("limits of %s are not (low,high)", st.name)
		}
		lowText, highText = lims[:c], lims[c+1:]
		tail := strings.TrimSpace(rest[j+k+1:])
		if sp := strings.IndexAny(tail, " \t"); sp >= 0 {
			typ, st.text = tail[:sp], strings.TrimSpace(tail[sp:])
		} else {
			typ = tail
		}
	} else if valueText = strings.TrimSpace(valueText); valueText != "" {
		// "D103_B1=" has nothing; anything else after the sign is report text
		st.text, valueText = valueText, ""
	}
	typ = strings.ToUpper(typ)
	if typ != "" {
		st.name += "(" + typ + ")"
	}
	switch rel {
	case '=':
		st.status, st.pass = report.StatusPassed, true
	case '#':
		st.status, st.pass = report.StatusDone, true
	default:
		st.status = report.StatusFailed
		if d, ok := typeNames[typ]; ok {
			st.errMsg = d[1]
		} else if typ != "" {
			st.errMsg = "MEAS " + typ
		}
	}
	valueText = strings.TrimSpace(valueText)
	if valueText == "" {
		if typ == "IS" || typ == "VS" {
			return grStep{}, false, nil
		}
		return st, true, nil
	}
	v, fv, sym, ok := scaled(valueText)
	if !ok {
		return grStep{}, false, fmt.Errorf("value %q of %s is not a number", valueText, st.name)
	}
	st.hasValue, st.value = true, v
	low, fl, _, okL := scaled(lowText)
	high, fh, _, okH := scaled(highText)
	if strings.TrimSpace(lowText) != "" && !okL || strings.TrimSpace(highText) != "" && !okH {
		return grStep{}, false, fmt.Errorf("limits (%s,%s) of %s are not numbers", lowText, highText, st.name)
	}
	// Limits are expressed in the value's prefix.
	low, high = round(low*fl/fv), round(high*fh/fv)
	switch {
	case okL && okH:
		st.lim = convkit.Limits{Op: report.GELE, Low: low, High: high}
	case okL:
		st.lim = convkit.Limits{Op: report.GE, Low: low}
	case okH:
		st.lim = convkit.Limits{Op: report.LE, Low: high}
	default:
		st.lim = convkit.Limits{Op: report.LOG}
	}
	base := ""
	if d, ok := typeNames[typ]; ok {
		base = d[0]
	}
	if base != "" || sym != "" {
		st.unit = sym + base
	}
	return st, true, nil
}

// round keeps 12 significant digits, so rescaled limits read as written.
func round(f float64) float64 {
	if f == 0 || math.IsNaN(f) || math.IsInf(f, 0) {
		return f
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 12, 64), 64)
	return v
}

// finish builds the board's report at its result event.
func (p *grParser) finish(status string, end time.Time) error {
	b := p.b
	pn := firstNonEmpty(b.pn, p.o.defaultPN)
	sn := firstNonEmpty(b.sn, p.o.defaultSN)
	if pn == "" {
		p.line = b.line
		return p.failf("no part number (no board program line and no default)")
	}
	st := p.o.station
	if b.station != "" {
		st.Name = b.station
	}
	opts := []report.Option{
		report.WithStation(st),
		report.WithOperator(trunc(b.operator, 100)),
		report.WithStart(b.start),
		report.WithSequence(trunc(firstNonEmpty(b.seqName, "SeqName"), 100), trunc(p.program, 500), trunc(b.seqVersion, 30)),
	}
	if d := end.Sub(b.start); d >= 0 {
		opts = append(opts, report.WithExecTime(d))
	}
	if b.hasSocket {
		opts = append(opts, report.WithTestSocket(b.socket))
	}
	r, err := report.NewUUT(trunc(pn, 100), trunc(sn, 100), trunc(b.rev, 100), p.o.code, opts...)
	if err != nil {
		p.line = b.line
		return p.failf("board header: %v", err)
	}
	var seq *report.Step
	letter := ""
	groups := map[string]int{}
	for _, s := range b.steps {
		var parent *report.Step
		if s.failure != "" {
			parent = r.Root
		} else {
			if seq == nil || s.group != letter {
				groups[s.group]++
				if seq, err = r.Root.AddSequence(trunc(s.group+"-Group"+strconv.Itoa(groups[s.group]), 100)); err != nil {
					return p.stepErr(s, err)
				}
				letter = s.group
			}
			parent = seq
		}
		opts := []report.StepOption{report.StepStatus(s.status)}
		if s.text != "" {
			opts = append(opts, report.StepReportText(s.text))
		}
		if s.errMsg != "" {
			opts = append(opts, report.StepError(0, s.errMsg))
		}
		name := trunc(s.name, 100)
		switch {
		case s.failure != "":
			_, err = parent.AddStringStep(name, s.text, report.LOG, "", opts...)
		case s.hasValue:
			_, err = convkit.NumericStep(parent, name, s.value, s.unit, s.lim, opts...)
		default:
			_, err = parent.AddPassFailStep(name, s.pass, opts...)
		}
		if err != nil {
			return p.stepErr(s, err)
		}
	}
	r.Root.SetStatus(status)
	p.out = append(p.out, r)
	p.b = nil
	return nil
}

func (p *grParser) stepErr(s grStep, err error) error {
	p.line = s.line
	return p.failf("step %s: %v", s.name, err)
}
