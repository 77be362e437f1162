package takaya

import (
	"context"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// atdxCols are the 0-based positions of the ATDX columns used.
type atdxCols struct {
	order, parts, comment, ref, refUnit, fn, tolP, tolM, t1, t1Unit, t2, t2Unit, judge, hpin, netH, lpin, netL int
}

var defaultATDXCols = atdxCols{order: 0, parts: 3, comment: 6, ref: 9, refUnit: 10, fn: 11, tolP: 12, tolM: 14,
	t1: 16, t1Unit: 17, t2: 18, t2Unit: 19, judge: 20, hpin: 21, netH: 22, lpin: 23, netL: 24}

// atdxColsOf maps an "Order;Aux;…" header row; a Unit column belongs to
// the value column before it.
func atdxColsOf(line string) atdxCols {
	c := defaultATDXCols
	prev := ""
	for i, f := range strings.Split(line, ";") {
		f = strings.TrimSpace(f)
		switch {
		case f == "Order":
			c.order = i
		case f == "Parts":
			c.parts = i
		case f == "Comment":
			c.comment = i
		case f == "Reference":
			c.ref = i
		case f == "Func":
			c.fn = i
		case f == "+%":
			c.tolP = i
		case f == "-%":
			c.tolM = i
		case strings.HasSuffix(f, "(Test1)"):
			c.t1 = i
		case strings.HasSuffix(f, "(Test2)"):
			c.t2 = i
		case f == "Judge":
			c.judge = i
		case f == "H-pin":
			c.hpin = i
		case f == "Netname-H-pin":
			c.netH = i
		case f == "L-pin":
			c.lpin = i
		case f == "Netname-L-pin":
			c.netL = i
		case f == "Unit":
			switch {
			case prev == "Reference":
				c.refUnit = i
			case strings.HasSuffix(prev, "(Test1)"):
				c.t1Unit = i
			case strings.HasSuffix(prev, "(Test2)"):
				c.t2Unit = i
			}
		}
		if f != "Unit" {
			prev = f
		}
	}
	return c
}

// parseATDX reads an ATDX file: main-header and group-header blocks; a
// group numbered no higher than the one before starts a new attempt (a
// re-test of the same board), which becomes its own report. The main header
// in front of a group belongs to that group's attempt.
func parseATDX(ctx context.Context, name string, src *convert.Source, o *options, text string) ([]*board, error) {
	fail := func(line int, format string, args ...any) error {
		return &convert.MalformedError{Converter: name, File: src.Name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	var (
		boards  []*board
		cur     *board
		g       *group
		hdr     board // the latest main header
		lastNo  = 0
		cols    = defaultATDXCols
		ls      = lines{text: text}
		started bool
		buf     []string
	)
	for {
		line, ok := ls.next()
		if !ok {
			break
		}
		if ls.n&1023 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		t := strings.TrimSpace(line)
		switch {
		case t == "" || strings.Trim(t, "-") == "":
		case strings.HasPrefix(t, "#") && strings.Contains(t, `"Main header"`):
			started = true
			hdr = board{line: ls.n}
		case strings.HasPrefix(t, "#") && strings.Contains(t, `"Group header"`):
			started = true
		case !started:
			return nil, fail(ls.n, "not an ATDX file (no main header)")
		case strings.HasPrefix(t, "Tester ID"):
			hdr.station = valueAfterColon(t)
		case strings.HasPrefix(t, "Model"):
			model := valueAfterColon(t)
			hdr.misc = nil
			if i := strings.IndexByte(model, ' '); i >= 0 {
				hdr.misc = [][2]string{{"barcode_suffix", strings.TrimSpace(model[i+1:])}}
				model = model[:i]
			}
			hdr.pn = model
		case strings.HasPrefix(t, "Serial number"):
			hdr.sn = valueAfterColon(t)
		case strings.HasPrefix(t, "Test Date"):
			ts, err := parseTime(valueAfterColon(t), o.defaults.Zone(), "02/01/2006 15:04:05", "2/1/2006 15:04:05")
			if err != nil {
				return nil, fail(ls.n, "Test Date %q is not dd/MM/yyyy HH:mm:ss", valueAfterColon(t))
			}
			hdr.start, hdr.hasStart = ts, true
		case strings.HasPrefix(t, "Group No."):
			no, side, v, err := groupLine(t)
			if err != nil {
				return nil, fail(ls.n, "%v", err)
			}
			if cur == nil || no <= lastNo {
				b := hdr
				b.line = ls.n
				b.misc = append([][2]string(nil), hdr.misc...)
				cur = &b
				boards = append(boards, cur)
			}
			lastNo = no
			g = &group{name: "Group " + strconv.Itoa(no), verdict: v}
			cur.groups = append(cur.groups, g)
			if side != "" && len(cur.groups) == 1 {
				cur.misc = append(cur.misc, [2]string{"Side", side})
			}
		case strings.HasPrefix(t, "Order;"):
			cols = atdxColsOf(t)
		case t[0] >= '0' && t[0] <= '9' && strings.IndexByte(t, ';') > 0:
			if g == nil {
				return nil, fail(ls.n, "step row before any Group No. line")
			}
			rw, err := atdxRow(t, cols, o, &buf)
			if err != nil {
				return nil, fail(ls.n, "%v", err)
			}
			rw.line = ls.n
			g.rows = append(g.rows, rw)
		default:
			// other header notes carry nothing the report uses
		}
	}
	for _, b := range boards {
		// The attempt's result is its worst group verdict.
		b.verdict = report.StatusPassed
		for _, g := range b.groups {
			if g.verdict != report.StatusPassed {
				b.verdict = report.StatusFailed
			}
		}
	}
	return boards, nil
}

// groupLine reads "Group No.: 1 Side: A FAIL".
func groupLine(t string) (no int, side, v string, err error) {
	f := strings.Fields(strings.ReplaceAll(t[len("Group No."):], ":", " "))
	if len(f) == 0 {
		return 0, "", "", fmt.Errorf("group line %q has no number", t)
	}
	if no, err = strconv.Atoi(f[0]); err != nil || no < 0 {
		return 0, "", "", fmt.Errorf("group number %q is not a number", f[0])
	}
	v = report.StatusFailed
	for i := 1; i < len(f); i++ {
		switch {
		case strings.EqualFold(f[i], "Side") && i+1 < len(f):
			side = f[i+1]
			i++
		case strings.EqualFold(f[i], "PASS"):
			v = report.StatusPassed
		}
	}
	return no, side, v, nil
}

// atdxRow maps one semicolon row of an ATDX file.
func atdxRow(line string, c atdxCols, o *options, buf *[]string) (*row, error) {
	f := splitInto(*buf, line, ';')
	*buf = f
	if len(f) <= c.judge {
		return nil, fmt.Errorf("step row has %d fields, the judgement is field %d", len(f), c.judge+1)
	}
	parts, comment := field(f, c.parts), field(f, c.comment)
	netH, netL := field(f, c.netH), field(f, c.netL)
	rw := &row{}
	if isDesignator(parts) {
		rw.name = joinName(parts, netH, netL)
	} else {
		rw.name = joinName(comment, netH, netL)
	}
	rw.group = componentType(firstNonEmpty(parts, comment))
	judge := strings.ToUpper(field(f, c.judge))
	fn := strings.ToUpper(field(f, c.fn))
	tolP, tolM := field(f, c.tolP), field(f, c.tolM)
	rw.reportText = note("#", field(f, c.order), "", comment, "Tol+:", tolP, "Tol-:", tolM, "H-pin:", field(f, c.hpin), "L-pin:", field(f, c.lpin), "", netH, "", netL)
	switch judge {
	case "PASS":
		rw.status = report.StatusPassed
	case "SKIP":
		rw.skipped = true
		return rw, nil
	case "UNTESTED":
		// The tester did not measure: no verdict, not a failure. WATS refuses
		// a skipped step with a measurement, so the step is Done.
		rw.status = report.StatusDone
	default: // FAIL, UPPER, LOWER, OPEN, SHORT, UNMEASURED…
		rw.status = report.StatusFailed
	}
	if fn == "JP" {
		rw.skipped = true
		return rw, nil
	}
	ref, hasRef := number(field(f, c.ref))
	if !hasRef {
		return rw, nil
	}
	refUnit := field(f, c.refUnit)
	value, measUnit := math.NaN(), ""
	if v, ok := number(field(f, c.t2)); ok {
		value, measUnit = v, field(f, c.t2Unit)
		if v1, ok := number(field(f, c.t1)); ok {
			rw.reportText += " Test1:" + strconv.FormatFloat(v1, 'g', -1, 64) + field(f, c.t1Unit)
		}
	} else if v, ok := number(field(f, c.t1)); ok {
		value, measUnit = v, field(f, c.t1Unit)
	}
	rw.value = value
	switch fn {
	case "EQ":
		plus, okP := percent(tolP)
		minus, okM := percent(tolM)
		if okP && okM {
			rw.lim = tolerance(ref, plus, minus)
		} else {
			rw.lim = convkit.Limits{Op: report.EQ, Low: ref}
		}
	case "SH":
		rw.lim = convkit.Limits{Op: report.LT, Low: ref}
	case "OP":
		rw.lim = convkit.Limits{Op: report.GT, Low: ref}
	case "LE":
		rw.lim = convkit.Limits{Op: report.LE, Low: ref}
	case "GE":
		rw.lim = convkit.Limits{Op: report.GE, Low: ref}
	default:
		return rw, nil
	}
	rw.hasTest = true
	if measUnit == "" {
		measUnit = refUnit
	}
	rescale(rw, measUnit, refUnit, o.unitPref)
	rw.unit = trunc(rw.unit, 50)
	return rw, nil
}
