package takaya

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// atdCols are the 0-based positions of the classic ATD columns used.
type atdCols struct {
	step, parts, comment, hpin, netH, lpin, netL, judge              int
	refChar, refUnit, t1Char, t1Unit, t2Char, t2Unit, tolP, tolM, fn int
}

// defaultATDCols is the layout of every known firmware; a column-header
// row overrides it.
var defaultATDCols = atdCols{step: 1, parts: 2, comment: 5, hpin: 7, netH: 8, lpin: 9, netL: 10, judge: 15,
	refChar: 18, refUnit: 19, t1Char: 22, t1Unit: 23, t2Char: 26, t2Unit: 27, tolP: 33, tolM: 34, fn: 55}

// atdColsOf maps a "Group_No.<TAB>Step_number…" header row; repeated names
// (Net_name, Unit) are taken in order.
func atdColsOf(line string) atdCols {
	c := atdCols{step: -1, parts: -1, comment: -1, hpin: -1, netH: -1, lpin: -1, netL: -1, judge: -1,
		refChar: -1, refUnit: -1, t1Char: -1, t1Unit: -1, t2Char: -1, t2Unit: -1, tolP: -1, tolM: -1, fn: -1}
	nets := 0
	for i, f := range strings.Split(line, "\t") {
		switch strings.TrimSpace(f) {
		case "Step_number":
			c.step = i
		case "Parts":
			c.parts = i
		case "Comment":
			c.comment = i
		case "H-pin":
			c.hpin = i
		case "L-pin":
			c.lpin = i
		case "Net_name":
			switch nets {
			case 0:
				c.netH = i
			case 1:
				c.netL = i
			}
			nets++
		case "Judgement":
			c.judge = i
		case "Ref._Value_(Char)":
			c.refChar, c.refUnit = i, i+1
		case "Test_Value_1_(Char)":
			c.t1Char, c.t1Unit = i, i+1
		case "Test_Value_2_(Char)":
			c.t2Char, c.t2Unit = i, i+1
		case "Tolerance_(+)%":
			c.tolP = i
		case "Tolerance_(-)%":
			c.tolM = i
		case "Function":
			c.fn = i
		}
	}
	return c
}

// atdHeaderFields are the header facts each board of a block copies.
type atdHeader struct {
	pn, station, operator string
	sn, verdict           string // the legacy layout's header serial and result
	date                  string // DATE as written; its order depends on the layout
	dateLine              int
	exec                  float64
	hasExec               bool
}

// start reads DATE: d/M/yyyy (or d/M/yy) in the current layout, yy/MM/dd in
// the legacy one (2014 firmware, "Step_number" first).
func (h *atdHeader) start(zone *time.Location, legacy bool) (time.Time, bool, error) {
	if h.date == "" {
		return time.Time{}, false, nil
	}
	layouts := []string{"2/1/2006 15:04:05", "2/1/06 15:04:05"}
	if legacy {
		layouts = []string{"06/01/02 15:04:05", "2006/01/02 15:04:05"}
	}
	t, err := parseTime(h.date, zone, layouts...)
	return t, err == nil, err
}

// parseATD reads a classic ATD file: "@" header blocks, then one
// "* GROUP No.n *" block per board (a panel gives several UUTs).
func parseATD(ctx context.Context, name string, src *convert.Source, o *options, text string) ([]*board, error) {
	fail := func(line int, format string, args ...any) error {
		return &convert.MalformedError{Converter: name, File: src.Name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	var (
		boards []*board
		cur    *board
		g      *group
		h      atdHeader
		cols   = defaultATDCols
		ls     = lines{text: text}
		seenAt bool
		buf    []string
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
		case t == "":
		case t == "@":
			seenAt = true
			cur, g = nil, nil
		case strings.HasPrefix(t, "* GROUP No."):
			start, hasStart, err := h.start(o.defaults.Zone(), false)
			if err != nil {
				return nil, fail(h.dateLine, "DATE %q is not d/M/yyyy HH:mm:ss", h.date)
			}
			cur = &board{line: ls.n, pn: h.pn, station: h.station, operator: h.operator, start: start, hasStart: hasStart,
				execTime: h.exec, hasExec: h.hasExec}
			g = &group{}
			cur.groups = []*group{g}
			boards = append(boards, cur)
		case strings.HasPrefix(t, "* ") && strings.HasSuffix(t, " *"):
			v := strings.TrimSpace(t[1 : len(t)-1])
			if cur != nil {
				cur.verdict = verdict(v)
			} else {
				h.verdict = verdict(v)
			}
		case strings.HasPrefix(t, "D.T:"):
		case strings.HasPrefix(t, "Model:"):
			h.pn = strings.TrimSpace(t[len("Model:"):])
		case strings.HasPrefix(t, "DATE "):
			h.date, h.dateLine = strings.TrimSpace(t[len("DATE "):]), ls.n
		case strings.HasPrefix(t, "Test time:"):
			v := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(t[len("Test time:"):]), "s"))
			f, ok := number(v)
			if !ok || f < 0 {
				return nil, fail(ls.n, "Test time %q is not a number of seconds", v)
			}
			h.exec, h.hasExec = f, true
		case strings.HasPrefix(t, "Test ID"):
			h.station = valueAfterColon(t)
		case strings.HasPrefix(t, "User name"):
			h.operator = valueAfterColon(t)
		case strings.HasPrefix(t, "Serial No."):
			if cur == nil {
				h.sn = valueAfterColon(t)
			} else {
				cur.sn = valueAfterColon(t)
			}
		case strings.HasPrefix(line, "Group_No.\t"):
			cols = atdColsOf(line)
		case strings.HasPrefix(line, "Step_number\t"):
			// The legacy layout: one board described by the header block.
			cols = atdColsOf(line)
			if cur == nil {
				start, hasStart, err := h.start(o.defaults.Zone(), true)
				if err != nil {
					return nil, fail(h.dateLine, "DATE %q is not yy/MM/dd HH:mm:ss", h.date)
				}
				cur = &board{line: ls.n, pn: h.pn, sn: h.sn, station: h.station, operator: h.operator, start: start, hasStart: hasStart,
					execTime: h.exec, hasExec: h.hasExec, verdict: h.verdict}
				g = &group{}
				cur.groups = []*group{g}
				boards = append(boards, cur)
			}
		case t[0] >= '0' && t[0] <= '9' && strings.IndexByte(line, '\t') > 0:
			if g == nil {
				return nil, fail(ls.n, "step row outside a GROUP block")
			}
			rw, err := atdRow(line, cols, o, &buf)
			if err != nil {
				return nil, fail(ls.n, "%v", err)
			}
			rw.line = ls.n
			g.rows = append(g.rows, rw)
		default:
			if !seenAt {
				return nil, fail(ls.n, "not a Takaya ATD file (no @ header)")
			}
			// other tester notes carry nothing the report uses
		}
	}
	for _, b := range boards {
		if b.verdict == "" {
			b.verdict = report.StatusFailed
		}
	}
	return boards, nil
}

// verdict maps the tester's block result; NO-TEST counts as failed.
func verdict(v string) string {
	if strings.EqualFold(v, "PASS") {
		return report.StatusPassed
	}
	return report.StatusFailed
}

func valueAfterColon(t string) string {
	if i := strings.IndexByte(t, ':'); i >= 0 {
		return strings.TrimSpace(t[i+1:])
	}
	return ""
}

func parseTime(s string, loc *time.Location, layouts ...string) (time.Time, error) {
	s = strings.Join(strings.Fields(s), " ")
	var err error
	for _, l := range layouts {
		var t time.Time
		if t, err = time.ParseInLocation(l, s, loc); err == nil {
			return t, nil
		}
	}
	return time.Time{}, err
}

func field(f []string, i int) string {
	if i < 0 || i >= len(f) {
		return ""
	}
	return strings.TrimSpace(f[i])
}

// atdRow maps one tab row of a classic ATD file.
func atdRow(line string, c atdCols, o *options, buf *[]string) (*row, error) {
	f := splitInto(*buf, line, '\t')
	*buf = f
	if c.judge < 0 || c.parts < 0 {
		return nil, fmt.Errorf("the column header names no Judgement or Parts column")
	}
	if len(f) <= c.judge {
		return nil, fmt.Errorf("step row has %d columns, the judgement is column %d", len(f), c.judge+1)
	}
	parts, comment := field(f, c.parts), field(f, c.comment)
	netH, netL := field(f, c.netH), field(f, c.netL)
	rw := &row{}
	if isDesignator(parts) {
		rw.name = joinName(parts, netH, netL)
		rw.group = componentType(parts)
	} else {
		rw.name = joinName(firstNonEmpty(strings.Trim(parts, "*"), comment), netH, netL)
		rw.group = firstNonEmpty(strings.Trim(parts, "*"), comment)
	}
	judge := field(f, c.judge)
	fn := strings.ToUpper(field(f, c.fn))
	rw.status = report.StatusFailed
	if strings.EqualFold(judge, "PASS") {
		rw.status = report.StatusPassed
	}
	tolP, tolM := field(f, c.tolP), field(f, c.tolM)
	rw.reportText = note("#", field(f, c.step), "", comment, "Tol+:", tolP, "Tol-:", tolM, "H-pin:", field(f, c.hpin), "L-pin:", field(f, c.lpin), "", netH, "", netL)
	if fn == "JP" || strings.EqualFold(judge, "jump") || strings.Trim(judge, ".") == "" || strings.EqualFold(judge, "No Test") {
		rw.skipped = true
		return rw, nil
	}
	ref, hasRef := number(field(f, c.refChar))
	refUnit := strings.ToUpper(field(f, c.refUnit))
	value, measUnit := math.NaN(), ""
	if v, ok := number(field(f, c.t2Char)); ok {
		value, measUnit = v, field(f, c.t2Unit)
	} else if v, ok := number(field(f, c.t1Char)); ok {
		value, measUnit = v, field(f, c.t1Unit)
	}
	measUnit = strings.ToUpper(measUnit)
	if !hasRef {
		return rw, nil
	}
	plus, okP := percent(tolP)
	minus, okM := percent(tolM)
	if !okP || !okM {
		plus, minus = 0.1, 0.1
	}
	rw.value = value
	limitUnit := refUnit
	switch fn {
	case "**", "D":
		rw.lim = tolerance(ref, plus, minus)
	case "SH":
		rw.lim, limitUnit = convkit.Limits{Op: report.LT, Low: 10}, "O"
	case "OP":
		rw.lim, limitUnit = convkit.Limits{Op: report.GT, Low: 100}, "O"
	case "E":
		rw.lim = convkit.Limits{Op: report.LE, Low: ref}
	case "F":
		rw.lim = convkit.Limits{Op: report.GE, Low: ref}
	default:
		return rw, nil
	}
	rw.hasTest = true
	if measUnit == "" {
		measUnit = refUnit
	}
	rescale(rw, measUnit, limitUnit, o.unitPref)
	rw.unit = trunc(rw.unit, 50)
	return rw, nil
}
