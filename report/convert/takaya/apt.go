package takaya

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// parseAPT reads an APT-9400 ATD file: "@" header, "* GROUP No.n *" blocks
// of quoted-field rows, and a closing "@" that ends the UUT. A file may
// hold several such blocks (top and bottom side, re-tests).
func parseAPT(ctx context.Context, name string, src *convert.Source, o *options, text string) ([]*board, error) {
	fail := func(line int, format string, args ...any) error {
		return &convert.MalformedError{Converter: name, File: src.Name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	var (
		boards []*board
		cur    *board
		hdr    board
		last   string // the latest * PASS|FAIL * of the block
		ls     = lines{text: text}
		seenAt bool
	)
	closeBoard := func() {
		if cur != nil {
			if last != "" {
				cur.verdict = last
			}
			boards = append(boards, cur)
		}
		cur = nil
	}
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
			if cur != nil && len(cur.groups[0].rows) > 0 {
				closeBoard()
				hdr, last = board{}, ""
			}
		case strings.HasPrefix(t, "* GROUP No."):
			if cur != nil && len(cur.groups[0].rows) > 0 {
				closeBoard()
			}
			if cur == nil {
				b := hdr
				b.line = ls.n
				b.misc = append([][2]string(nil), hdr.misc...)
				cur = &b
				cur.groups = []*group{{}}
			}
		case strings.HasPrefix(t, "* ") && strings.HasSuffix(t, " *"):
			last = verdict(strings.TrimSpace(t[1 : len(t)-1]))
		case strings.HasPrefix(t, "D.T:"):
		case strings.HasPrefix(t, "Model:"):
			aptModel(&hdr, strings.TrimSpace(t[len("Model:"):]), o)
		case strings.HasPrefix(t, "DATE "):
			ts, err := parseTime(strings.TrimSpace(t[len("DATE "):]), o.defaults.Zone(), "02/01/06 15:04:05", "02/01/2006 15:04:05")
			if err != nil {
				return nil, fail(ls.n, "DATE %q is not dd/MM/yy HH:mm:ss", t[5:])
			}
			hdr.start, hdr.hasStart = ts, true
		case strings.HasPrefix(t, "Test ID"):
			hdr.station = valueAfterColon(t)
			if cur != nil {
				cur.station = hdr.station
			}
		case strings.HasPrefix(t, "Serial No."):
			if cur == nil {
				return nil, fail(ls.n, "Serial No. outside a GROUP block")
			}
			aptSerial(cur, valueAfterColon(t), o)
		case len(t) > 7 && t[0] >= '0' && t[0] <= '9' && strings.IndexByte(t, '"') > 0:
			if cur == nil {
				return nil, fail(ls.n, "step row outside a GROUP block")
			}
			rw, ms, drop, err := aptRow(t, o)
			if err != nil {
				return nil, fail(ls.n, "%v", err)
			}
			cur.execTime += ms / 1000
			cur.hasExec = true
			if drop {
				continue
			}
			rw.line = ls.n
			cur.groups[0].rows = append(cur.groups[0].rows, rw)
		default:
			if !seenAt {
				return nil, fail(ls.n, "not a Takaya APT ATD file (no @ header)")
			}
		}
	}
	if cur != nil && len(cur.groups[0].rows) > 0 {
		closeBoard()
	}
	for _, b := range boards {
		if b.verdict == "" {
			b.verdict = report.StatusFailed
		}
		b.execTime = math.Round(b.execTime*1e6) / 1e6
	}
	return boards, nil
}

// aptModel splits "<PN>[T|B][_PANEL|_SINGLE]_<swver>.<swfile>": PN, Rev
// "<swver>.<swfile>", sequence <swfile> version <swver>; a T or B right
// after a digit at the end of the PN names the board side.
func aptModel(b *board, model string, o *options) {
	b.pn, b.rev, b.seqName, b.seqVersion, b.processCode = model, "", "", "", 0
	i := strings.LastIndexByte(model, '_')
	if i <= 0 {
		return
	}
	pn, sw := model[:i], model[i+1:]
	b.rev = sw
	if j := strings.IndexByte(sw, '.'); j >= 0 {
		b.seqVersion, b.seqName = sw[:j], sw[j+1:]
	} else {
		b.seqVersion = sw
	}
	for _, suffix := range []string{"_PANEL", "_SINGLE"} {
		pn = strings.TrimSuffix(pn, suffix)
	}
	if n := len(pn); n >= 2 && pn[n-2] >= '0' && pn[n-2] <= '9' {
		switch pn[n-1] {
		case 'T':
			pn = pn[:n-1]
			b.misc = append(b.misc, [2]string{"Side", "Top"})
			b.processCode = o.processTop
		case 'B':
			pn = pn[:n-1]
			b.misc = append(b.misc, [2]string{"Side", "Bottom"})
			b.processCode = o.processBot
		}
	}
	b.pn = pn
}

// aptSerial reads "<batch>-<serial> (<op1>[ - <op2>])".
func aptSerial(b *board, v string, o *options) {
	var ops []string
	if i := strings.IndexByte(v, '('); i >= 0 {
		inner := strings.TrimSuffix(strings.TrimSpace(v[i+1:]), ")")
		for _, p := range strings.SplitN(inner, "-", 2) {
			if p = strings.TrimSpace(p); p != "" {
				ops = append(ops, p)
			}
		}
		v = strings.TrimSpace(v[:i])
	}
	if i := strings.IndexByte(v, '-'); i >= 0 {
		b.batch, b.sn = strings.TrimSpace(v[:i]), strings.TrimSpace(v[i+1:])
	} else {
		b.sn = v
	}
	switch {
	case o.opFromStatn && len(ops) > 0:
		if b.station == "" {
			b.station = ops[0]
		}
		if len(ops) > 1 {
			b.operator = ops[1]
		}
	case len(ops) > 0:
		b.operator = ops[0]
		if len(ops) > 1 {
			b.misc = append(b.misc, [2]string{"Operator 2", ops[1]})
		}
	}
}

// tokens splits an APT row into bare words and quoted fields.
type token struct {
	s      string
	quoted bool
}

func tokenize(t string) ([]token, error) {
	var out []token
	for i := 0; i < len(t); {
		switch c := t[i]; {
		case c == ' ' || c == '\t':
			i++
		case c == '"':
			j := strings.IndexByte(t[i+1:], '"')
			if j < 0 {
				return nil, fmt.Errorf("unterminated quoted field at column %d", i+1)
			}
			out = append(out, token{s: t[i+1 : i+1+j], quoted: true})
			i += j + 2
		default:
			j := i
			for j < len(t) && t[j] != ' ' && t[j] != '\t' && t[j] != '"' {
				j++
			}
			out = append(out, token{s: t[i:j]})
			i = j
		}
	}
	return out, nil
}

// valueUnit reads "10.00 KO", " 9.65 KO", "10KO", "100NF" into a number and
// a normalised unit (O→OHM, KO→KOHM, MO→MOHM, others upper-case).
func valueUnit(s string) (float64, string, bool) {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == '-' || s[i] == '+' || (s[i] == 'E' || s[i] == 'e') && i > 0 && i+1 < len(s) && (s[i+1] >= '0' && s[i+1] <= '9' || s[i+1] == '-' || s[i+1] == '+')) {
		i++
	}
	f, ok := number(s[:i])
	if !ok {
		return 0, "", false
	}
	u := strings.ToUpper(strings.TrimSpace(s[i:]))
	switch u {
	case "O":
		u = "OHM"
	case "KO":
		u = "KOHM"
	case "MO":
		u = "MOHM"
	}
	return f, u, true
}

var judgements = map[string]bool{"PASS": true, "FAIL": true, "OPEN": true, "SHORT": true, "NG": true}

// aptRow maps one quoted-field row. drop is true for a jump marker without a
// reference value (a zone label), which is no test step. ms is the row's
// measuring time.
func aptRow(t string, o *options) (rw *row, ms float64, drop bool, err error) {
	toks, err := tokenize(t)
	if err != nil {
		return nil, 0, false, err
	}
	var q []string
	for _, k := range toks {
		if k.quoted {
			q = append(q, k.s)
		}
	}
	if len(q) < 4 {
		return nil, 0, false, fmt.Errorf("step row has %d quoted fields, at least 4 expected", len(q))
	}
	parts, nominal, comment := strings.TrimSpace(q[0]), strings.TrimSpace(q[1]), strings.TrimSpace(q[2])
	// measurement fields up to the judgement (at most three)
	var meas []string
	j := 3
	for ; j < len(q) && len(meas) < 3; j++ {
		s := strings.TrimSpace(q[j])
		if judgements[strings.ToUpper(s)] || s == "......" {
			break
		}
		meas = append(meas, s)
	}
	judge := ""
	if j < len(q) {
		judge = strings.ToUpper(strings.TrimSpace(q[j]))
	}
	fn := ""
	var plus, minus float64
	var hasTol int
	for _, k := range toks {
		s := strings.TrimSpace(k.s)
		if !k.quoted && strings.HasSuffix(s, "%") {
			if v, ok := percent(s); ok {
				if hasTol == 0 {
					plus = v
				} else {
					minus = v
				}
				hasTol++
			}
		}
		if k.quoted && strings.HasSuffix(s, " ms") {
			if v, ok := number(strings.TrimSuffix(s, " ms")); ok {
				ms = v
			}
		}
	}
	// the function code: the last short quoted field after the judgement
	for i := len(q) - 1; i > j; i-- {
		s := strings.TrimSpace(q[i])
		if len(s) <= 2 && s != "" && !strings.HasPrefix(s, "(") {
			fn = strings.ToUpper(s)
			break
		}
	}
	rw = &row{}
	if parts != "" && parts != "*" {
		rw.name = joinName(parts, comment)
	} else {
		rw.name = joinName(comment, nominal)
	}
	rw.group = componentType(firstNonEmpty(strings.Trim(parts, "*"), comment))
	rw.reportText = strings.Join(strings.Fields(fmt.Sprintf("#%s %s %s Judgement:%s Func:%s", toks[0].s, nominal, comment, judge, fn)), " ")
	rw.status = report.StatusFailed
	if judge == "PASS" {
		rw.status = report.StatusPassed
	}
	var vals []float64
	var units []string
	for _, m := range meas {
		if v, u, ok := valueUnit(m); ok {
			vals, units = append(vals, v), append(units, u)
		} else {
			vals, units = append(vals, math.NaN()), append(units, "")
		}
	}
	hasRef := len(vals) > 0 && !math.IsNaN(vals[0])
	if judge == "......" || judge == "" || fn == "JP" {
		if !hasRef {
			return nil, ms, true, nil
		}
		rw.skipped = true
		return rw, ms, false, nil
	}
	if !hasRef {
		return rw, ms, false, nil
	}
	ref, refUnit := vals[0], units[0]
	rw.value, rw.unit = ref, refUnit
	measUnit := refUnit
	switch {
	case len(vals) >= 3 && !math.IsNaN(vals[2]):
		// A repeated measurement: the second field is the first reading, the
		// third the final one the tester judged; the limits follow the
		// nominal value.
		rw.value, measUnit = vals[2], units[2]
		if !math.IsNaN(vals[1]) {
			rw.iterations = []float64{vals[1]}
		}
		if nv, nu, ok := valueUnit(nominal); ok && nu != "" && unitBase(nu) == unitBase(refUnit) {
			ref, refUnit = nv, nu
		}
	case len(vals) >= 2 && !math.IsNaN(vals[1]):
		rw.value, measUnit = vals[1], units[1]
	}
	if hasTol < 2 {
		plus, minus = 0.1, 0.1
	}
	limitUnit := refUnit
	switch fn {
	case "SH":
		rw.lim, limitUnit = convkit.Limits{Op: report.LT, Low: 10}, "OHM"
	case "OP":
		rw.lim, limitUnit = convkit.Limits{Op: report.GT, Low: 100}, "OHM"
	case "E":
		rw.lim = convkit.Limits{Op: report.LE, Low: ref}
	case "F":
		rw.lim = convkit.Limits{Op: report.GE, Low: ref}
	default: // "**", "D" and unknown functions: a tolerance window
		rw.lim = tolerance(ref, plus, minus)
	}
	rw.hasTest = true
	if measUnit == "" {
		measUnit = refUnit
	}
	rescale(rw, measUnit, limitUnit, o.unitPref)
	rw.unit = trunc(rw.unit, 50)
	return rw, ms, false, nil
}

// unitBase is a unit without its SI prefix ("KOHM" → "OHM").
func unitBase(u string) string {
	if unitScale(u) != 1 && len(u) > 1 {
		return strings.ToUpper(u[1:])
	}
	return strings.ToUpper(u)
}
