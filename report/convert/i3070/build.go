package i3070

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

func isUTF8(b []byte) bool { return utf8.Valid(b) }

// batch is the @BATCH context of the boards inside it.
type batch struct {
	uutType, uutRev, fixture, processStep, batchID, operator, controller string
	testplan, testplanRev, panelType, panelRev, versionLabel             string
}

type builder struct {
	// last is the most recent top-level @BATCH: a tester that closes the
	// batch record on its own line logs the boards after it.
	last *batch
	ctx  context.Context
	src  *convert.Source
	opt  *options
	out  []*report.Report
}

func (b *builder) fail(r *record, msg string, err error) error {
	return &convert.MalformedError{Converter: Name, File: b.src.Name, Line: r.line, Path: "@" + r.prefix, Msg: msg, Err: err}
}

// top handles a top-level record: a @BATCH with its boards, or a @BTEST
// logged without a batch. Anything else outside a board is ignored.
func (b *builder) top(r *record) error {
	switch r.prefix {
	case "BATCH":
		bt := &batch{
			uutType: r.field(0), uutRev: r.field(1), fixture: r.field(2), processStep: r.field(5),
			batchID: r.field(6), operator: r.field(7), controller: r.field(8), testplan: r.field(9),
			testplanRev: r.field(10), panelType: r.field(11), panelRev: r.field(12), versionLabel: r.field(13),
		}
		b.last = bt
		for _, s := range r.subs {
			if s.prefix == "BTEST" {
				if err := b.board(bt, s); err != nil {
					return err
				}
			}
		}
	case "BTEST":
		if b.last != nil {
			return b.board(b.last, r)
		}
		return b.board(&batch{}, r)
	default:
		b.src.Warnf(fmt.Sprintf("%s:%d: @%s record outside a board ignored", b.src.Name, r.line, r.prefix))
	}
	return nil
}

// boardStatus maps the @BTEST test status to a report result: 0 passed,
// the "failed …" codes failed, runtime errors and the codes Q-STATS calls
// bogus Error, operator aborts Terminated.
func boardStatus(code int) string {
	switch {
	case code == 0:
		return report.StatusPassed
	case code >= 1 && code <= 10, code == 12, code >= 14 && code <= 17:
		return report.StatusFailed
	case code == 13, code == 81, code == 82:
		return report.StatusTerminated
	}
	return report.StatusError
}

// datetime reads YYMMDDHHMMSS in loc (years 70–99 are 19xx).
func datetime(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	if len(s) != 12 {
		return time.Time{}, fmt.Errorf("%q is not YYMMDDHHMMSS", s)
	}
	t, err := time.ParseInLocation("060102150405", s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not YYMMDDHHMMSS", s)
	}
	return t, nil
}

func intField(s string, def int) (int, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return def, nil
	}
	return strconv.Atoi(strings.TrimPrefix(s, "+"))
}

func (b *builder) board(bt *batch, r *record) error {
	if err := b.ctx.Err(); err != nil {
		return err
	}
	d := b.src.Defaults
	sn := strings.TrimSpace(r.field(0))
	if sn == "" {
		sn = d.SerialNumber
	}
	if sn == "" {
		return b.fail(r, "board id (serial number) is empty", nil)
	}
	code, err := intField(r.field(1), 0)
	if err != nil {
		return b.fail(r, "test status is not a number", err)
	}
	start, err := datetime(r.field(2), d.Zone())
	if err != nil {
		return b.fail(r, "start datetime", err)
	}
	pn := or(bt.uutType, b.opt.pn)
	rev := or(bt.uutRev, b.opt.rev)
	station := d.Station
	if bt.controller != "" {
		station.Name = bt.controller
	}
	opts := []report.Option{
		report.WithOperator(or(bt.operator, b.opt.operator)),
		report.WithStation(station),
		report.WithStart(start),
		report.WithSequence(or(bt.testplan, b.opt.seqName), "", or(bt.testplanRev, b.opt.seqVersion)),
	}
	if dur := strings.TrimSpace(r.field(3)); dur != "" {
		n, err := intField(dur, 0)
		if err != nil || n < 0 {
			return b.fail(r, fmt.Sprintf("duration %q is not a number of seconds", dur), err)
		}
		opts = append(opts, report.WithExecTime(time.Duration(n)*time.Second))
	} else if end := strings.TrimSpace(r.field(9)); end != "" {
		if e, err := datetime(end, d.Zone()); err == nil && !e.Before(start) {
			opts = append(opts, report.WithExecTime(e.Sub(start)))
		}
	}
	if bt.fixture != "" {
		opts = append(opts, report.WithFixtureID(bt.fixture))
	}
	if bt.batchID != "" {
		opts = append(opts, report.WithBatchSN(bt.batchID))
	}
	var texts []string
	if q := strings.TrimSpace(r.field(10)); q != "" {
		texts = append(texts, q)
	}
	collectRPT(r, &texts)
	if len(texts) > 0 {
		c, _ := convkit.Truncate(strings.Join(texts, "\n"), 5000)
		opts = append(opts, report.WithComment(c))
	}
	rep, err := report.NewUUT(pn, sn, rev, b.opt.process, opts...)
	if err != nil {
		return b.fail(r, "board header refused", err)
	}
	misc := [][2]string{{"Process step", bt.processStep}, {"Version label", bt.versionLabel},
		{"Parent panel type", bt.panelType}, {"Parent panel rev", bt.panelRev},
		{"Board number", r.field(11)}, {"Parent panel id", r.field(12)},
		{"Test status", strconv.Itoa(code)}}
	for _, m := range misc {
		if v := strings.TrimSpace(m[1]); v != "" {
			v, _ = convkit.Truncate(v, 100)
			if err := rep.AddMiscInfo(m[0], v); err != nil {
				return b.fail(r, "misc info refused", err)
			}
		}
	}
	bs := &boardSteps{builder: b, rep: rep}
	for _, s := range r.subs {
		if err := bs.record(s, nil); err != nil {
			return err
		}
	}
	// The board status is the tester's verdict; the root sequence follows it
	// so that WATS sees one story even where step results disagree.
	res := boardStatus(code)
	rep.SetResult(res)
	rep.Root.SetStatus(res)
	b.out = append(b.out, rep)
	return nil
}

func collectRPT(r *record, into *[]string) {
	for _, s := range r.subs {
		if s.prefix == "RPT" {
			if m := strings.TrimSpace(strings.Join(s.fields, "|")); m != "" {
				*into = append(*into, m)
			}
			continue
		}
		collectRPT(s, into)
	}
}

func or(s, def string) string {
	if s = strings.TrimSpace(s); s != "" {
		return s
	}
	return def
}

// boardSteps builds the step tree of one board: a sequence per run of
// records of the same kind (named by the record prefix, as Virinco's
// converter does), one step per test block.
type boardSteps struct {
	*builder
	rep     *report.Report
	seq     *report.Step
	seqKind string
}

// sequence returns the sequence for records of kind, opening a new one
// when the kind changes.
func (bs *boardSteps) sequence(r *record, kind string) (*report.Step, error) {
	if bs.seq != nil && bs.seqKind == kind {
		return bs.seq, nil
	}
	seq, err := bs.rep.Root.AddSequence(kind)
	if err != nil {
		return nil, bs.fail(r, "sequence refused", err)
	}
	bs.seq, bs.seqKind = seq, kind
	return seq, nil
}

// record handles a board subrecord; block is the enclosing @BLOCK, if any.
func (bs *boardSteps) record(r *record, block *record) error {
	if err := bs.ctx.Err(); err != nil {
		return err
	}
	switch {
	case r.prefix == "BLOCK":
		return bs.block(r)
	case isAnalog(r.prefix):
		return bs.analog(r.prefix, []*record{r}, "")
	case r.prefix == "TS", r.prefix == "PF", r.prefix == "D-T", r.prefix == "TJET", r.prefix == "CCHK",
		r.prefix == "PCHK", r.prefix == "BS-CON":
		return bs.digital(r, block)
	}
	// RPT is the comment; RETEST, PRB, INDICT, NETV, ARRAY, D-PLD and the
	// like carry no test result WATS can hold.
	return nil
}

// block turns a @BLOCK into steps: its analog results together (one
// numeric step, or a multiple numeric step when they name subtests), each
// other test record its own step.
func (bs *boardSteps) block(r *record) error {
	var analog []*record
	kind := ""
	for _, s := range r.subs {
		if isAnalog(s.prefix) {
			if kind == "" {
				kind = s.prefix
			}
			analog = append(analog, s)
		}
	}
	if len(analog) > 0 {
		if err := bs.analog(kind, analog, r.field(0)); err != nil {
			return err
		}
	}
	for _, s := range r.subs {
		if !isAnalog(s.prefix) {
			if err := bs.record(s, r); err != nil {
				return err
			}
		}
	}
	return nil
}

func isAnalog(prefix string) bool {
	_, ok := analogUnits[prefix]
	return ok
}

// analogUnits are the base units of the analog records (Virinco's table).
var analogUnits = map[string]string{
	"A-RES": "Ohm", "A-JUM": "Ohm", "A-POT": "Ohm", "A-CAP": "F", "A-IND": "H",
	"A-DIO": "V", "A-ZEN": "V", "A-FUS": "A",
	"A-MEA": "", "A-NFE": "", "A-NPN": "", "A-PFE": "", "A-PNP": "", "A-SWI": "",
}

// analogResult is one analog record read.
type analogResult struct {
	name   string
	value  float64
	lim    convkit.Limits
	status string
}

func parseFloat(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, 64)
}

func (bs *boardSteps) readAnalog(r *record) (analogResult, error) {
	code, err := intField(r.field(0), 0)
	if err != nil {
		return analogResult{}, bs.fail(r, fmt.Sprintf("test status %q is not a number", r.field(0)), err)
	}
	v, err := parseFloat(r.field(1))
	if err != nil {
		return analogResult{}, bs.fail(r, fmt.Sprintf("measured value %q is not a number", r.field(1)), err)
	}
	res := analogResult{name: strings.TrimSpace(r.field(2)), value: v, lim: convkit.Limits{Op: report.LOG}, status: testStatus(code)}
	for _, s := range r.subs {
		var hi, lo string
		switch s.prefix {
		case "LIM2": // high, low
			hi, lo = s.field(0), s.field(1)
		case "LIM3": // nominal, high, low
			hi, lo = s.field(1), s.field(2)
		default:
			continue
		}
		h, err1 := strconv.ParseFloat(strings.TrimSpace(hi), 64)
		l, err2 := strconv.ParseFloat(strings.TrimSpace(lo), 64)
		if err1 != nil || err2 != nil {
			return analogResult{}, bs.fail(s, fmt.Sprintf("limits %q, %q are not numbers", hi, lo), nil)
		}
		// Zero is a real limit here: the record states both limits.
		res.lim = convkit.Limits{Op: report.GELE, Low: l, High: h}
	}
	return res, nil
}

// testStatus maps an analog or digital test status: 0 passed, 11 aborted
// by the operator, anything else failed.
func testStatus(code int) string {
	switch code {
	case 0, 20: // 20: shorts learning passed
		return report.StatusPassed
	case 11:
		return report.StatusTerminated
	}
	return report.StatusFailed
}

func (bs *boardSteps) analog(kind string, recs []*record, blockName string) error {
	seq, err := bs.sequence(recs[0], kind)
	if err != nil {
		return err
	}
	results := make([]analogResult, 0, len(recs))
	for _, r := range recs {
		res, err := bs.readAnalog(r)
		if err != nil {
			return err
		}
		results = append(results, res)
	}
	if len(results) == 1 && blockName == "" {
		blockName = results[0].name // a result logged outside a block
	}
	name := convkit.Name(bs.src, blockName, kind)
	if len(results) == 1 && (results[0].name == "" || results[0].name == blockName) {
		res := results[0]
		unit, value, lim := bs.scale(analogUnits[recs[0].prefix], res.value, res.lim)
		if _, err := convkit.NumericStep(seq, name, value, unit, lim, report.StepStatus(res.status)); err != nil {
			return bs.fail(recs[0], "numeric step refused", err)
		}
		return nil
	}
	step, err := seq.AddMultiNumericStep(name)
	if err != nil {
		return bs.fail(recs[0], "multiple numeric step refused", err)
	}
	seen := map[string]int{}
	worst := report.StatusPassed
	for i, res := range results {
		mname := res.name
		if mname == "" {
			mname = recs[i].prefix
		}
		if seen[mname]++; seen[mname] > 1 {
			mname = fmt.Sprintf("%s #%d", mname, seen[mname])
		}
		mname = convkit.Name(bs.src, mname, recs[i].prefix)
		unit, value, lim := bs.scale(analogUnits[recs[i].prefix], res.value, res.lim)
		m, err := convkit.NumericMeasurement(step, mname, value, unit, lim)
		if err != nil {
			return bs.fail(recs[i], "measurement refused", err)
		}
		// A failure the tester saw wins over the limits (it knows guard
		// bands); a pass leaves the status the limits give, since a
		// measurement status equal to the computed one cannot be pinned.
		if res.status != report.StatusPassed {
			m.Status = report.StrOf(measStatus(res.status))
			worst = res.status
		}
	}
	if worst != report.StatusPassed {
		step.SetStatus(worst)
	}
	return nil
}

func measStatus(step string) string {
	if step == report.StatusPassed {
		return report.StatusPassed
	}
	return report.StatusFailed
}

// digital turns a shorts, pins, digital, TestJet, connect-check, polarity
// or boundary-scan record into a step with its counts as measurements.
func (bs *boardSteps) digital(r *record, block *record) error {
	type count struct {
		name  string
		field int
	}
	var statusField, nameField int
	var counts []count
	switch r.prefix {
	case "TS": // status|shorts|opens|phantoms|designator
		statusField, nameField = 0, 4
		counts = []count{{"Shorts count", 1}, {"Opens count", 2}, {"Phantoms count", 3}}
	case "PF": // designator|status|total pins
		statusField, nameField = 1, 0
		counts = []count{{"Total pins", 2}}
	case "D-T": // status|substatus|failing vector|pin count|designator
		statusField, nameField = 0, 4
		counts = []count{{"Test substatus", 1}, {"Failing vector number", 2}, {"Pin count", 3}}
	case "TJET", "CCHK": // status|pin count|designator
		statusField, nameField = 0, 2
		counts = []count{{"Pin count", 1}}
	case "PCHK": // status|designator
		statusField, nameField = 0, 1
	case "BS-CON": // designator|status|shorts|opens
		statusField, nameField = 1, 0
		counts = []count{{"Shorts count", 2}, {"Opens count", 3}}
	}
	code, err := intField(r.field(statusField), 0)
	if err != nil {
		return bs.fail(r, fmt.Sprintf("test status %q is not a number", r.field(statusField)), err)
	}
	status := testStatus(code)
	name := strings.TrimSpace(r.field(nameField))
	if name == "" && block != nil {
		name = strings.TrimSpace(block.field(0))
	}
	name = convkit.Name(bs.src, name, r.prefix)
	seq, err := bs.sequence(r, r.prefix)
	if err != nil {
		return err
	}
	var opts []report.StepOption
	opts = append(opts, report.StepStatus(status))
	if text := detail(r); text != "" {
		opts = append(opts, report.StepReportText(text))
	}
	if len(counts) == 0 {
		if _, err := seq.AddPassFailStep(name, status == report.StatusPassed, opts...); err != nil {
			return bs.fail(r, "pass/fail step refused", err)
		}
		return nil
	}
	step, err := seq.AddMultiNumericStep(name, opts...)
	if err != nil {
		return bs.fail(r, "step refused", err)
	}
	for _, c := range counts {
		n, err := intField(r.field(c.field), 0)
		if err != nil {
			return bs.fail(r, fmt.Sprintf("%s %q is not a number", strings.ToLower(c.name), r.field(c.field)), err)
		}
		m, err := convkit.NumericMeasurement(step, c.name, float64(n), "", convkit.Limits{Op: report.LOG})
		if err != nil {
			return bs.fail(r, "measurement refused", err)
		}
		m.Status = report.StrOf(report.StatusPassed)
	}
	return nil
}

// detail renders the subrecords of a failing test (shorted and open
// nodes, failing pins) as report text, one line per subrecord.
func detail(r *record) string {
	var lines []string
	var walk func(rs []*record, indent string)
	walk = func(rs []*record, indent string) {
		for _, s := range rs {
			if s.prefix == "RPT" {
				continue
			}
			lines = append(lines, indent+s.prefix+" "+strings.Join(s.fields, " "))
			walk(s.subs, indent+"  ")
		}
	}
	walk(r.subs, "")
	return strings.Join(lines, "\n")
}

// scale applies numberFormatMode=prefix: value and limits divided by the
// engineering prefix of the largest limit (of the value without limits).
func (bs *boardSteps) scale(unit string, value float64, lim convkit.Limits) (string, float64, convkit.Limits) {
	if !bs.opt.prefix || unit == "" {
		return unit, value, lim
	}
	ref := math.Abs(value)
	if lim.Op == report.GELE {
		ref = math.Max(math.Abs(lim.Low), math.Abs(lim.High))
	}
	if ref == 0 || math.IsNaN(ref) || math.IsInf(ref, 0) {
		return unit, value, lim
	}
	exp := int(math.Floor(math.Log10(ref)/3)) * 3
	if exp < -12 {
		exp = -12
	}
	if exp > 9 {
		exp = 9
	}
	p := prefixes[exp]
	if exp == 0 {
		return unit, value, lim
	}
	f := math.Pow10(exp)
	lim.Low, lim.High = lim.Low/f, lim.High/f
	return p + unit, value / f, lim
}

var prefixes = map[int]string{-12: "p", -9: "n", -6: "µ", -3: "m", 0: "", 3: "k", 6: "M", 9: "G"}
