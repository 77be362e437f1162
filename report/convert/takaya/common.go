package takaya

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

// readText reads the whole file as UTF-8: a BOM is dropped, and text that is
// not valid UTF-8 is read as Windows-1252 (the testers' code page).
func readText(src *convert.Source, name string) (string, error) {
	n := src.Size
	if n < 0 || n > 1<<30 {
		n = 0
	}
	buf := bytes.NewBuffer(make([]byte, 0, n+512))
	if _, err := buf.ReadFrom(src.Reader); err != nil && err != io.EOF {
		return "", fmt.Errorf("%s: %s: read: %w", name, src.Name, err)
	}
	b := bytes.TrimPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF"))
	if utf8.Valid(b) {
		return string(b), nil
	}
	return string(convkit.AppendCP1252(make([]byte, 0, len(b)+len(b)/8), b)), nil
}

// lines walks text line by line (1-based numbers), without the line ends.
type lines struct {
	text string
	pos  int
	n    int
}

func (l *lines) next() (string, bool) {
	if l.pos >= len(l.text) {
		return "", false
	}
	rest := l.text[l.pos:]
	i := strings.IndexByte(rest, '\n')
	var line string
	if i < 0 {
		line, l.pos = rest, len(l.text)
	} else {
		line, l.pos = rest[:i], l.pos+i+1
	}
	l.n++
	return strings.TrimSuffix(line, "\r"), true
}

// row is one test row of any of the three layouts, ready to become a step.
type row struct {
	line       int
	name       string
	group      string // component-type sequence ("R", "POWER_SHORTS")
	status     string // step status from the tester's judgement
	skipped    bool   // a jump: no test
	hasTest    bool   // numeric reference: a numeric limit test
	value      float64
	unit       string
	lim        convkit.Limits
	reportText string
	// iterations of a repeated measurement (APT94xx): values before the final one
	iterations []float64
}

// board is one UUT: header facts and its rows, in one or more groups.
type board struct {
	line                int
	sn, pn, rev         string
	seqName, seqVersion string
	batch               string
	station, operator   string
	start               time.Time
	hasStart            bool
	execTime            float64
	hasExec             bool
	processCode         int
	verdict             string // P or F, the tester's result
	misc                [][2]string
	groups              []*group
}

// group is one board group (ATDX: "Group n" sequence; other layouts: the root).
type group struct {
	name    string // "" = the root sequence
	verdict string // "" = computed
	rows    []*row
}

// options are the resolved parameters of one conversion.
type options struct {
	groupByType  bool
	unitPref     string
	processCode  int
	processTop   int
	processBot   int
	station      report.Station
	operator     string
	opFromStatn  bool
	seqName      string
	seqVersion   string
	defaults     convert.Defaults
	hasStationPr bool
}

// build turns a board into a report.
func build(ctx context.Context, name string, src *convert.Source, o *options, b *board) (*report.Report, error) {
	fail := func(line int, format string, args ...any) error {
		return &convert.MalformedError{Converter: name, File: src.Name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	sn := firstNonEmpty(b.sn, o.defaults.SerialNumber)
	pn := firstNonEmpty(b.pn, o.defaults.PartNumber)
	if sn == "" {
		return nil, fail(b.line, "board without a serial number")
	}
	if pn == "" {
		return nil, fail(b.line, "board without a model (part number)")
	}
	rev := firstNonEmpty(b.rev, o.defaults.Revision, "1")
	st := o.station
	if b.station != "" {
		st.Name = b.station
	}
	st.Name = trunc(st.Name, 100)
	opts := []report.Option{
		report.WithStation(st),
		report.WithOperator(trunc(firstNonEmpty(b.operator, o.operator), 100)),
		report.WithSequence(trunc(firstNonEmpty(b.seqName, o.seqName), 100), "", trunc(firstNonEmpty(b.seqVersion, o.seqVersion), 30)),
	}
	if b.hasStart {
		opts = append(opts, report.WithStart(b.start))
	}
	if b.hasExec {
		opts = append(opts, report.WithExecTime(time.Duration(b.execTime*float64(time.Second))))
	}
	if b.batch != "" {
		opts = append(opts, report.WithBatchSN(trunc(b.batch, 100)))
	}
	code := o.processCode
	if b.processCode != 0 {
		code = b.processCode
	}
	r, err := report.NewUUT(trunc(pn, 100), trunc(sn, 100), trunc(rev, 100), code, opts...)
	if err != nil {
		return nil, fail(b.line, "header: %v", err)
	}
	for _, m := range b.misc {
		if err := r.AddMiscInfo(trunc(m[0], 100), trunc(m[1], 100)); err != nil {
			src.Warnf(fmt.Sprintf("%s: %s: misc info %q dropped: %v", name, src.Name, m[0], err))
		}
	}
	n := 0
	for _, g := range b.groups {
		parent := r.Root
		if g.name != "" {
			if parent, err = r.Root.AddSequence(g.name); err != nil {
				return nil, fail(b.line, "group: %v", err)
			}
		}
		seqs := map[string]*report.Step{}
		for _, rw := range g.rows {
			if n++; n&511 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			into := parent
			if o.groupByType && rw.group != "" {
				if into = seqs[rw.group]; into == nil {
					if into, err = parent.AddSequence(trunc(rw.group, 100)); err != nil {
						return nil, fail(rw.line, "sequence: %v", err)
					}
					seqs[rw.group] = into
				}
			}
			if err := addRow(into, rw, o); err != nil {
				return nil, fail(rw.line, "step: %v", err)
			}
		}
		if g.name != "" && g.verdict != "" {
			parent.SetStatus(g.verdict)
		}
	}
	if b.verdict != "" {
		r.Root.SetStatus(b.verdict)
	}
	return r, nil
}

func addRow(parent *report.Step, rw *row, o *options) error {
	name := trunc(rw.name, 100)
	opts := []report.StepOption{report.StepStatus(rw.status)}
	if rw.reportText != "" {
		opts = append(opts, report.StepReportText(rw.reportText))
	}
	switch {
	case rw.skipped:
		_, err := parent.AddActionStep(name, report.StepStatus(report.StatusSkipped), report.StepType("ET_NLT"))
		return err
	case !rw.hasTest:
		_, err := parent.AddActionStep(name, opts...)
		return err
	case len(rw.iterations) > 0:
		head, err := parent.AddLoop(name)
		if err != nil {
			return err
		}
		for _, v := range rw.iterations {
			st := report.StatusFailed
			if rw.lim.Op.EvalNumeric(v, rw.lim.Low, rw.lim.High) {
				st = report.StatusPassed
			}
			if _, err := convkit.NumericStep(parent, name, v, rw.unit, rw.lim, report.LoopIteration(head), report.StepStatus(st)); err != nil {
				return err
			}
		}
		_, err = convkit.NumericStep(parent, name, rw.value, rw.unit, rw.lim, append(opts, report.LoopIteration(head))...)
		return err
	}
	_, err := convkit.NumericStep(parent, name, rw.value, rw.unit, rw.lim, opts...)
	return err
}

// unitScale splits a Takaya unit ("KO", "uH", "MV", "pF") into its SI factor.
// Capital M is mega only for ohms and hertz (MO, MOHM, MHZ); for every other
// quantity the testers write M for milli (MV, MA, MH), since mega-volts or
// mega-farads do not occur on a board.
func unitScale(unit string) float64 {
	u := strings.TrimSpace(unit)
	if len(u) < 2 {
		return 1
	}
	base := strings.ToUpper(u[1:])
	switch base {
	case "O", "OHM", "V", "A", "F", "H", "HZ", "W", "S":
	default:
		return 1
	}
	switch u[0] {
	case 'p', 'P':
		return 1e-12
	case 'n', 'N':
		return 1e-9
	case 'u', 'U':
		return 1e-6
	case 'm':
		return 1e-3
	case 'M':
		if base == "O" || base == "OHM" || base == "HZ" {
			return 1e6
		}
		return 1e-3
	case 'k', 'K':
		return 1e3
	case 'G':
		return 1e9
	}
	if strings.HasPrefix(u, "µ") {
		return 1e-6
	}
	return 1
}

// rescale brings value and limits into one unit: the measured one
// (UnitCalcPreference=Measures) or the reference's (Limits).
func rescale(rw *row, measUnit, refUnit string, pref string) {
	fm, fr := unitScale(measUnit), unitScale(refUnit)
	if measUnit == "" || refUnit == "" || fm == fr {
		if rw.unit == "" {
			rw.unit = firstNonEmpty(measUnit, refUnit)
		}
		return
	}
	if strings.EqualFold(pref, "Limits") {
		k := fm / fr
		rw.value = round(rw.value * k)
		for i := range rw.iterations {
			rw.iterations[i] = round(rw.iterations[i] * k)
		}
		rw.unit = refUnit
		return
	}
	k := fr / fm
	rw.lim.Low, rw.lim.High = round(rw.lim.Low*k), round(rw.lim.High*k)
	rw.unit = measUnit
}

// round keeps 12 significant digits, so that ref×(1+tol) reads as written.
func round(f float64) float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) || f == 0 {
		return f
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(f, 'g', 12, 64), 64)
	return v
}

// number reads an invariant-culture number; ok is false for placeholders
// ("........", "*", "----------", "") and anything else that is not a number.
func number(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" || s[0] == '.' && strings.Trim(s, ".") == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	return f, true
}

// percent reads "+30%", "-30%", "10.0" as a fraction (0.3, -0.3, 0.1).
func percent(s string) (float64, bool) {
	s = strings.TrimSuffix(strings.TrimSpace(s), "%")
	f, ok := number(s)
	return f / 100, ok
}

// tolerance gives GELE limits around ref: ref×(1+|plus|) and ref×(1−|minus|),
// whatever sign the file writes the minus tolerance with.
func tolerance(ref, plus, minus float64) convkit.Limits {
	lo, hi := ref*(1-math.Abs(minus)), ref*(1+math.Abs(plus))
	if lo > hi {
		lo, hi = hi, lo
	}
	return convkit.Limits{Op: report.GELE, Low: round(lo), High: round(hi)}
}

// componentType is the sequence a part is grouped in: the letters before the
// first digit of a reference designator ("C476" → "C"), or the whole name
// of a part that is no designator ("POWER_SHORTS").
func componentType(part string) string {
	for i := 0; i < len(part); i++ {
		c := part[i]
		if c >= '0' && c <= '9' {
			if i == 0 {
				return part
			}
			return part[:i]
		}
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') {
			return part
		}
	}
	return part
}

// isDesignator reports whether part looks like a reference designator
// (letters, then a digit).
func isDesignator(part string) bool {
	t := componentType(part)
	return t != part && t != ""
}

// splitInto splits s at sep into dst (reused between rows).
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

// note joins label/value pairs ("Tol+:", "30%") into a step's report text,
// leaving out empty values.
func note(pairs ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(pairs); i += 2 {
		v := strings.TrimSpace(pairs[i+1])
		if v == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(pairs[i])
		b.WriteString(v)
	}
	return b.String()
}

func joinName(parts ...string) string {
	var b strings.Builder
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if p == "" || p == "*" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('_')
		}
		b.WriteString(p)
	}
	if b.Len() == 0 {
		return "Step"
	}
	return b.String()
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
