package teradyne

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// SpectrumName is the Spectrum CTRD converter's name.
const SpectrumName = "teradyne-spectrum"

// Spectrum parameter names (Source.Params).
const (
	// ParamPartRevision is the revision the export does not carry (default
	// Source.Defaults.Revision, else "1").
	ParamPartRevision = "partRevision"
)

// Spectrum converts Teradyne Spectrum CTRD export files (the machine-readable
// ASCII "(KEY: value …)" lists). Values are stateless and safe for
// concurrent use.
type Spectrum struct{}

// NewSpectrum returns the Spectrum CTRD converter.
func NewSpectrum() *Spectrum { return &Spectrum{} }

var _ convert.Converter = (*Spectrum)(nil)

// Name returns "teradyne-spectrum".
func (*Spectrum) Name() string { return SpectrumName }

// Patterns returns the extensions CTRD exports are saved with.
func (*Spectrum) Patterns() []string { return []string{"*.txt", "*.TXT", "*.ctrd"} }

// Sniff is Likely when the file starts with a (PROGRAM_NAME: …) list, No
// otherwise.
func (*Spectrum) Sniff(head []byte) convert.Confidence {
	if len(head) > convert.SniffSize {
		head = head[:convert.SniffSize]
	}
	head = bytes.TrimLeft(bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF")), " \t\r\n")
	if bytes.HasPrefix(head, []byte("(PROGRAM_NAME:")) {
		return convert.Likely
	}
	return convert.No
}

// list is one "(KEY: value (sub lists…))" element of a CTRD file.
type list struct {
	key   string
	value string
	kids  []*list
	line  int
}

func (l *list) child(key string) *list {
	for _, k := range l.kids {
		if k.key == key {
			return k
		}
	}
	return nil
}

// find returns the first list called key below l (depth first).
func (l *list) find(key string) *list {
	for _, k := range l.kids {
		if k.key == key {
			return k
		}
		if f := k.find(key); f != nil {
			return f
		}
	}
	return nil
}

const maxListDepth = 64

// parseLists reads the whole file into its top-level lists.
func parseLists(ctx context.Context, src *convert.Source, text string) ([]*list, error) {
	fail := func(line int, format string, args ...any) error {
		return &convert.MalformedError{Converter: SpectrumName, File: src.Name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	var (
		top   []*list
		stack []*list
		val   []*strings.Builder
		line  = 1
	)
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch c {
		case '\n':
			line++
			if line&1023 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
			}
			if len(val) > 0 {
				val[len(val)-1].WriteByte(' ')
			}
		case '(':
			j := strings.IndexByte(text[i+1:], ':')
			k := strings.IndexAny(text[i+1:], "()\n")
			if j < 0 || (k >= 0 && k < j) {
				return nil, fail(line, "list without a KEY:")
			}
			key := strings.TrimSpace(text[i+1 : i+1+j])
			if key == "" || strings.ContainsAny(key, " \t\"") {
				return nil, fail(line, "list key %q is not a keyword", trunc(key, 30))
			}
			if len(stack) >= maxListDepth {
				return nil, fail(line, "lists nested deeper than %d", maxListDepth)
			}
			l := &list{key: key, line: line}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, l)
			} else {
				top = append(top, l)
			}
			stack = append(stack, l)
			val = append(val, &strings.Builder{})
			i += j + 1
		case ')':
			if len(stack) == 0 {
				return nil, fail(line, "unbalanced )")
			}
			l := stack[len(stack)-1]
			l.value = strings.TrimSpace(val[len(val)-1].String())
			stack, val = stack[:len(stack)-1], val[:len(val)-1]
		case '"':
			j := strings.IndexByte(text[i+1:], '"')
			if j < 0 {
				return nil, fail(line, "unterminated string")
			}
			s := text[i+1 : i+1+j]
			line += strings.Count(s, "\n")
			if len(val) > 0 {
				val[len(val)-1].WriteString(s)
			}
			i += j + 1
		default:
			if len(val) > 0 {
				val[len(val)-1].WriteByte(c)
			} else if c != ' ' && c != '\t' && c != '\r' {
				return nil, fail(line, "text outside a list")
			}
		}
	}
	if len(stack) > 0 {
		return nil, fail(stack[len(stack)-1].line, "(%s: is not closed", stack[len(stack)-1].key)
	}
	return top, nil
}

// Convert reads a CTRD export and returns its board's report. Bad input is
// a *convert.MalformedError naming the line; no partial result is returned.
func (*Spectrum) Convert(ctx context.Context, src *convert.Source) ([]*report.Report, error) {
	if src == nil || src.Reader == nil {
		return nil, &convert.MalformedError{Converter: SpectrumName, Msg: "no input"}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	code, err := processCode(ctx, src, SpectrumName, ParamOperationTypeCode, 30)
	if err != nil {
		return nil, err
	}
	text, err := readText(src, SpectrumName)
	if err != nil {
		return nil, err
	}
	top, err := parseLists(ctx, src, text)
	if err != nil {
		return nil, err
	}
	c := &ctrd{ctx: ctx, src: src, code: code}
	r, err := c.board(top)
	if err != nil {
		return nil, err
	}
	return []*report.Report{r}, nil
}

// ctrd is one conversion in progress.
type ctrd struct {
	ctx  context.Context
	src  *convert.Source
	code int
}

func (c *ctrd) failf(line int, format string, args ...any) error {
	return &convert.MalformedError{Converter: SpectrumName, File: c.src.Name, Line: line, Msg: fmt.Sprintf(format, args...)}
}

// ctrdTimes are the TIME layouts: the testers write four-digit years and
// seconds, the format document two-digit years without seconds.
var ctrdTimes = []string{"01/02/2006 15:04:05", "01/02/2006 15:04", "01/02/06 15:04:05", "01/02/06 15:04"}

func (c *ctrd) when(l *list) (time.Time, error) {
	v := strings.Join(strings.Fields(l.value), " ")
	for _, layout := range ctrdTimes {
		if t, err := time.ParseInLocation(layout, v, c.src.Defaults.Zone()); err == nil {
			return t, nil
		}
	}
	return time.Time{}, c.failf(l.line, "TIME %q is not MM/dd/yyyy HH:mm[:ss]", l.value)
}

// board maps the top-level lists: header and user lines into the report
// header, sections into sequences, steps into steps.
func (c *ctrd) board(top []*list) (*report.Report, error) {
	d := c.src.Defaults
	var pn, sn, operator, order, customer, status string
	var first, last time.Time
	hasTime := false
	for _, l := range top {
		switch l.key {
		case "PROGRAM_NAME":
			if pn != "" && l.value != pn {
				return nil, c.failf(l.line, "a second PROGRAM_NAME %q: one board per export is known", l.value)
			}
			pn = l.value
		case "STEP":
			if tl := l.child("TIME"); tl != nil {
				t, err := c.when(tl)
				if err != nil {
					return nil, err
				}
				if !hasTime {
					first, hasTime = t, true
				}
				last = t
			}
		case "USER":
			k, v, _ := strings.Cut(l.value, ":")
			v = strings.TrimSpace(v)
			switch strings.ToLower(strings.TrimSpace(k)) {
			case "serialnumber":
				sn = v
			case "customerserialnumber":
				customer = v
			case "ordernumber":
				order = v
			case "operator":
				operator = v
			case "status":
				status = v
			}
		}
	}
	pn, sn = firstNonEmpty(pn, d.PartNumber), firstNonEmpty(sn, d.SerialNumber)
	switch {
	case pn == "":
		return nil, c.failf(0, "no PROGRAM_NAME (part number)")
	case sn == "":
		return nil, c.failf(0, "no USER Serialnumber")
	case !hasTime:
		return nil, c.failf(0, "no STEP with a TIME (start time)")
	}
	opts := []report.Option{
		report.WithStation(d.Station),
		report.WithOperator(trunc(firstNonEmpty(operator, d.Operator, "sysoper"), 100)),
		report.WithStart(first),
		report.WithExecTime(last.Sub(first)),
		report.WithSequence(trunc(firstNonEmpty(d.SequenceName, pn), 100), "", trunc(d.SequenceVersion, 30)),
	}
	rev := c.src.Params.Get(ParamPartRevision, firstNonEmpty(d.Revision, "1"))
	r, err := report.NewUUT(trunc(pn, 100), trunc(sn, 100), trunc(rev, 100), c.code, opts...)
	if err != nil {
		return nil, c.failf(0, "header: %v", err)
	}
	for _, m := range [][2]string{{"File", path.Base(strings.ReplaceAll(c.src.Name, `\`, "/"))}, {"OrderNumber", order}, {"CustomerSN", customer}} {
		if m[1] == "" || m[1] == "." {
			continue
		}
		if err := r.AddMiscInfo(m[0], trunc(m[1], 100)); err != nil {
			c.src.Warnf(fmt.Sprintf("%s: %s: misc info %s dropped: %v", SpectrumName, c.src.Name, m[0], err))
		}
	}
	section := r.Root
	n := 0
	for _, l := range top {
		switch l.key {
		case "SECTION_NAME":
			if section, err = r.Root.AddSequence(trunc(firstNonEmpty(l.value, "Section"), 100)); err != nil {
				return nil, c.failf(l.line, "section: %v", err)
			}
		case "STEP":
			if n++; n&255 == 0 {
				if err := c.ctx.Err(); err != nil {
					return nil, err
				}
			}
			if err := c.step(section, l); err != nil {
				return nil, err
			}
		}
	}
	switch s := strings.ToUpper(status); {
	case strings.Contains(s, "PASS"):
		r.Root.SetStatus(report.StatusPassed)
	case strings.Contains(s, "FAIL"):
		r.Root.SetStatus(report.StatusFailed)
	case s != "":
		r.Root.SetStatus(report.StatusError)
	}
	return r, nil
}

// step adds one STEP: a single page directly, several pages as a sequence
// named by SNAME.
func (c *ctrd) step(parent *report.Step, l *list) error {
	var pages []*list
	for _, k := range l.kids {
		if k.key == "PAGE" {
			pages = append(pages, k)
		}
	}
	sname := firstNonEmpty(childValue(l, "SNAME"), "Step")
	desc := childValue(l, "DESC")
	switch len(pages) {
	case 0:
		st := pageStatus(childValue(l, "STAT"))
		opts := []report.StepOption{report.StepStatus(st)}
		if desc != "" {
			opts = append(opts, report.StepReportText(desc))
		}
		if _, err := parent.AddActionStep(trunc(sname, 100), opts...); err != nil {
			return c.failf(l.line, "step: %v", err)
		}
		return nil
	case 1:
		return c.page(parent, pages[0], desc)
	}
	opts := []report.StepOption{}
	if desc != "" {
		opts = append(opts, report.StepReportText(desc))
	}
	seq, err := parent.AddSequence(trunc(sname, 100), opts...)
	if err != nil {
		return c.failf(l.line, "step: %v", err)
	}
	for _, p := range pages {
		if err := c.page(seq, p, ""); err != nil {
			return err
		}
	}
	return nil
}

func childValue(l *list, key string) string {
	if k := l.child(key); k != nil {
		return k.value
	}
	return ""
}

func pageStatus(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	switch {
	case strings.HasPrefix(s, "PASS"):
		return report.StatusPassed
	case strings.HasPrefix(s, "FAIL"):
		return report.StatusFailed
	}
	return report.StatusDone
}

// scales are the CTRD SCALE letters.
var scales = map[string]float64{"": 1, "p": 1e-12, "n": 1e-9, "u": 1e-6, "m": 1e-3, "K": 1e3, "k": 1e3, "M": 1e6, "G": 1e9}

// quantity reads a (VAL:)(SCALE:)(UNIT:) list.
func (c *ctrd) quantity(l *list) (v, factor float64, scale, unit string, err error) {
	vl := l.child("VAL")
	if vl == nil {
		return 0, 0, "", "", c.failf(l.line, "%s without VAL", l.key)
	}
	v, perr := strconv.ParseFloat(strings.TrimSpace(vl.value), 64)
	if perr != nil {
		return 0, 0, "", "", c.failf(vl.line, "%s VAL %q is not a number", l.key, vl.value)
	}
	scale = strings.TrimSpace(childValue(l, "SCALE"))
	factor, ok := scales[scale]
	if !ok {
		return 0, 0, "", "", c.failf(l.line, "%s SCALE %q is unknown", l.key, scale)
	}
	return v, factor, scale, strings.TrimSpace(childValue(l, "UNIT")), nil
}

// page adds one PAGE: a numeric test when it has a measured value, an
// action step otherwise.
func (c *ctrd) page(parent *report.Step, p *list, desc string) error {
	name := trunc(firstNonEmpty(childValue(p, "PAGE_NAME"), "Page"), 100)
	opts := []report.StepOption{report.StepStatus(pageStatus(childValue(p, "STAT")))}
	if typ := childValue(p, "TYPE"); typ != "" {
		opts = append(opts, report.StepType(trunc(typ, 100)))
	}
	if txt := strings.TrimSpace(strings.Join(strings.Fields(desc+" "+childValue(p, "COMMENT")), " ")); txt != "" {
		opts = append(opts, report.StepReportText(txt))
	}
	mv := p.find("MEASVAL")
	if mv == nil {
		if _, err := parent.AddActionStep(name, opts...); err != nil {
			return c.failf(p.line, "page: %v", err)
		}
		return nil
	}
	v, fv, scale, unit, err := c.quantity(mv)
	if err != nil {
		return err
	}
	lim := convkit.Limits{Op: report.LOG}
	var lo, hi float64
	lol, hil := p.find("LOLIM"), p.find("HILIM")
	if lol != nil {
		x, f, _, _, err := c.quantity(lol)
		if err != nil {
			return err
		}
		lo = round(x * f / fv)
	}
	if hil != nil {
		x, f, _, _, err := c.quantity(hil)
		if err != nil {
			return err
		}
		hi = round(x * f / fv)
	}
	switch {
	case lol != nil && hil != nil:
		lim = convkit.Limits{Op: report.GELE, Low: lo, High: hi}
	case lol != nil:
		lim = convkit.Limits{Op: report.GE, Low: lo}
	case hil != nil:
		lim = convkit.Limits{Op: report.LE, Low: hi}
	}
	if math.IsNaN(v) {
		v = math.NaN()
	}
	if _, err := convkit.NumericStep(parent, name, v, trunc(scale+unit, 50), lim, opts...); err != nil {
		return c.failf(p.line, "page: %v", err)
	}
	return nil
}
