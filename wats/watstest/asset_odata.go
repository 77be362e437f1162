package watstest

import (
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// A small OData evaluator for the asset list endpoints ($filter, $orderby,
// $top, $skip over JSON-shaped rows). It understands what the SDK's builder
// emits: eq ne gt ge lt le, and/or/not, parentheses, contains/startswith/
// endswith, and string, number, bool, null, GUID and date-time literals.
// Field names match case-insensitively. Anything else answers 400, so a
// client sending an expression the emulator cannot judge finds out.

type paExpr interface {
	eval(row map[string]any) (any, error)
}

type paLit struct{ v any }
type paField struct{ name string }
type paBinary struct {
	op   string
	l, r paExpr
}
type paNot struct{ e paExpr }
type paCall struct {
	fn   string
	args []paExpr
}

func (l paLit) eval(map[string]any) (any, error) { return l.v, nil }

func (f paField) eval(row map[string]any) (any, error) {
	if v, ok := row[f.name]; ok {
		return v, nil
	}
	for k, v := range row {
		if strings.EqualFold(k, f.name) {
			return v, nil
		}
	}
	return nil, nil
}

func (n paNot) eval(row map[string]any) (any, error) {
	v, err := n.e.eval(row)
	if err != nil {
		return nil, err
	}
	b, ok := v.(bool)
	if !ok {
		return nil, fmt.Errorf("not: operand is not boolean")
	}
	return !b, nil
}

func (c paCall) eval(row map[string]any) (any, error) {
	if len(c.args) != 2 {
		return nil, fmt.Errorf("%s takes 2 arguments", c.fn)
	}
	a, err := c.args[0].eval(row)
	if err != nil {
		return nil, err
	}
	b, err := c.args[1].eval(row)
	if err != nil {
		return nil, err
	}
	as, _ := a.(string)
	bs, ok := b.(string)
	if !ok {
		return nil, fmt.Errorf("%s: second argument must be a string", c.fn)
	}
	switch c.fn {
	case "contains":
		return strings.Contains(as, bs), nil
	case "startswith":
		return strings.HasPrefix(as, bs), nil
	case "endswith":
		return strings.HasSuffix(as, bs), nil
	}
	return nil, fmt.Errorf("unsupported function %s", c.fn)
}

func (b paBinary) eval(row map[string]any) (any, error) {
	l, err := b.l.eval(row)
	if err != nil {
		return nil, err
	}
	r, err := b.r.eval(row)
	if err != nil {
		return nil, err
	}
	switch b.op {
	case "and", "or":
		lb, ok1 := l.(bool)
		rb, ok2 := r.(bool)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("%s: operands are not boolean", b.op)
		}
		if b.op == "and" {
			return lb && rb, nil
		}
		return lb || rb, nil
	}
	c, comparable := paCompare(l, r)
	switch b.op {
	case "eq":
		return comparable && c == 0, nil
	case "ne":
		return !comparable || c != 0, nil
	}
	if !comparable {
		return false, nil
	}
	switch b.op {
	case "gt":
		return c > 0, nil
	case "ge":
		return c >= 0, nil
	case "lt":
		return c < 0, nil
	case "le":
		return c <= 0, nil
	}
	return nil, fmt.Errorf("unsupported operator %s", b.op)
}

// paCompare orders two JSON-ish values: numbers numerically, strings that
// both parse as date-times chronologically, GUID-like strings
// case-insensitively, other strings ordinally. nil equals only nil.
func paCompare(a, b any) (int, bool) {
	if a == nil || b == nil {
		if a == nil && b == nil {
			return 0, true
		}
		return 0, false
	}
	if af, ok := paNumber(a); ok {
		if bf, ok := paNumber(b); ok {
			switch {
			case af < bf:
				return -1, true
			case af > bf:
				return 1, true
			}
			return 0, true
		}
		return 0, false
	}
	if ab, ok := a.(bool); ok {
		bb, ok := b.(bool)
		if !ok {
			return 0, false
		}
		if ab == bb {
			return 0, true
		}
		if !ab {
			return -1, true
		}
		return 1, true
	}
	as, ok1 := a.(string)
	bs, ok2 := b.(string)
	if !ok1 || !ok2 {
		return 0, false
	}
	if at, ok := paTime(as); ok {
		if bt, ok := paTime(bs); ok {
			return at.Compare(bt), true
		}
	}
	if len(as) == 36 && len(bs) == 36 && strings.Count(as, "-") == 4 && strings.Count(bs, "-") == 4 {
		return strings.Compare(strings.ToLower(as), strings.ToLower(bs)), true
	}
	return strings.Compare(as, bs), true
}

func paNumber(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	}
	return 0, false
}

func paTime(s string) (time.Time, bool) {
	if len(s) < 10 || s[4] != '-' {
		return time.Time{}, false
	}
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.9999999", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// paParser is a recursive-descent parser over OData filter text.
type paParser struct {
	s   string
	pos int
}

func paParseFilter(s string) (paExpr, error) {
	p := &paParser{s: s}
	e, err := p.or()
	if err != nil {
		return nil, err
	}
	p.space()
	if p.pos != len(p.s) {
		return nil, fmt.Errorf("unexpected text at %d: %q", p.pos, p.s[p.pos:])
	}
	return e, nil
}

func (p *paParser) space() {
	for p.pos < len(p.s) && p.s[p.pos] == ' ' {
		p.pos++
	}
}

// keyword consumes kw when it follows as a whole word.
func (p *paParser) keyword(kw string) bool {
	p.space()
	end := p.pos + len(kw)
	if end > len(p.s) || !strings.EqualFold(p.s[p.pos:end], kw) {
		return false
	}
	if end < len(p.s) && p.s[end] != ' ' && p.s[end] != '(' {
		return false
	}
	p.pos = end
	return true
}

func (p *paParser) or() (paExpr, error) {
	l, err := p.and()
	if err != nil {
		return nil, err
	}
	for p.keyword("or") {
		r, err := p.and()
		if err != nil {
			return nil, err
		}
		l = paBinary{"or", l, r}
	}
	return l, nil
}

func (p *paParser) and() (paExpr, error) {
	l, err := p.unary()
	if err != nil {
		return nil, err
	}
	for p.keyword("and") {
		r, err := p.unary()
		if err != nil {
			return nil, err
		}
		l = paBinary{"and", l, r}
	}
	return l, nil
}

func (p *paParser) unary() (paExpr, error) {
	if p.keyword("not") {
		e, err := p.unary()
		if err != nil {
			return nil, err
		}
		return paNot{e}, nil
	}
	return p.comparison()
}

func (p *paParser) comparison() (paExpr, error) {
	l, err := p.primary()
	if err != nil {
		return nil, err
	}
	for _, op := range []string{"eq", "ne", "gt", "ge", "lt", "le"} {
		if p.keyword(op) {
			r, err := p.primary()
			if err != nil {
				return nil, err
			}
			return paBinary{op, l, r}, nil
		}
	}
	return l, nil
}

func (p *paParser) primary() (paExpr, error) {
	p.space()
	if p.pos >= len(p.s) {
		return nil, fmt.Errorf("unexpected end of filter")
	}
	c := p.s[p.pos]
	switch {
	case c == '(':
		p.pos++
		e, err := p.or()
		if err != nil {
			return nil, err
		}
		p.space()
		if p.pos >= len(p.s) || p.s[p.pos] != ')' {
			return nil, fmt.Errorf("missing ) at %d", p.pos)
		}
		p.pos++
		return e, nil
	case c == '\'':
		var b strings.Builder
		p.pos++
		for {
			if p.pos >= len(p.s) {
				return nil, fmt.Errorf("unterminated string literal")
			}
			if p.s[p.pos] == '\'' {
				if p.pos+1 < len(p.s) && p.s[p.pos+1] == '\'' {
					b.WriteByte('\'')
					p.pos += 2
					continue
				}
				p.pos++
				return paLit{b.String()}, nil
			}
			b.WriteByte(p.s[p.pos])
			p.pos++
		}
	}
	start := p.pos
	for p.pos < len(p.s) && !strings.ContainsRune(" (),", rune(p.s[p.pos])) {
		p.pos++
	}
	tok := p.s[start:p.pos]
	if tok == "" {
		return nil, fmt.Errorf("unexpected %q at %d", string(c), start)
	}
	p.space()
	if p.pos < len(p.s) && p.s[p.pos] == '(' {
		fn := strings.ToLower(tok)
		if fn != "contains" && fn != "startswith" && fn != "endswith" {
			return nil, fmt.Errorf("unsupported function %q", tok)
		}
		p.pos++
		var args []paExpr
		for {
			a, err := p.primary()
			if err != nil {
				return nil, err
			}
			args = append(args, a)
			p.space()
			if p.pos < len(p.s) && p.s[p.pos] == ',' {
				p.pos++
				continue
			}
			if p.pos < len(p.s) && p.s[p.pos] == ')' {
				p.pos++
				return paCall{fn, args}, nil
			}
			return nil, fmt.Errorf("bad argument list for %s", fn)
		}
	}
	switch strings.ToLower(tok) {
	case "true":
		return paLit{true}, nil
	case "false":
		return paLit{false}, nil
	case "null":
		return paLit{nil}, nil
	}
	if f, err := strconv.ParseFloat(tok, 64); err == nil && !math.IsInf(f, 0) {
		return paLit{f}, nil
	}
	if _, ok := paTime(tok); ok {
		return paLit{tok}, nil
	}
	if len(tok) == 36 && strings.Count(tok, "-") == 4 {
		return paLit{tok}, nil // GUID literal
	}
	for _, r := range tok {
		if !(r == '_' || r == '/' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return nil, fmt.Errorf("unexpected token %q", tok)
		}
	}
	return paField{tok}, nil
}

// paNeedsRows reports whether the request filters or orders, which needs
// the generic row form; plain paging can slice the typed list directly.
func paNeedsRows(r *http.Request) bool {
	return query(r, "$filter") != "" || query(r, "$orderby") != ""
}

// paPageBounds returns the [lo, hi) slice bounds of $skip/$top over n rows,
// answering 400 itself and reporting false on a bad option.
func paPageBounds(w http.ResponseWriter, r *http.Request, n int, allowSkip bool) (int, int, bool) {
	skip, ok := queryInt(w, r, "$skip", 0)
	if !ok {
		return 0, 0, false
	}
	top, ok := queryInt(w, r, "$top", 0)
	if !ok {
		return 0, 0, false
	}
	if skip < 0 || top < 0 {
		writeError(w, http.StatusBadRequest, "The query specified in the URI is not valid. $top and $skip must not be negative")
		return 0, 0, false
	}
	lo := 0
	if allowSkip {
		lo = min(skip, n)
	}
	hi := n
	if top > 0 {
		hi = min(lo+top, n)
	}
	return lo, hi, true
}

// paApplyOData filters, orders and pages rows per the request's OData
// options. allowSkip and allowOrder say which options the endpoint honours.
// It answers 400 itself and reports false on a bad option.
func paApplyOData(w http.ResponseWriter, r *http.Request, rows []map[string]any, allowSkip, allowOrder bool) ([]map[string]any, bool) {
	if f := query(r, "$filter"); f != "" {
		expr, err := paParseFilter(f)
		if err != nil {
			writeError(w, http.StatusBadRequest, "The query specified in the URI is not valid. %v", err)
			return nil, false
		}
		kept := rows[:0:0]
		for _, row := range rows {
			v, err := expr.eval(row)
			if err != nil {
				writeError(w, http.StatusBadRequest, "The query specified in the URI is not valid. %v", err)
				return nil, false
			}
			if b, _ := v.(bool); b {
				kept = append(kept, row)
			}
		}
		rows = kept
	}
	if o := query(r, "$orderby"); o != "" && allowOrder {
		type key struct {
			field string
			desc  bool
		}
		var keys []key
		for _, part := range strings.Split(o, ",") {
			f := strings.Fields(part)
			if len(f) == 0 || len(f) > 2 || (len(f) == 2 && !strings.EqualFold(f[1], "desc") && !strings.EqualFold(f[1], "asc")) {
				writeError(w, http.StatusBadRequest, "The query specified in the URI is not valid. bad $orderby %q", o)
				return nil, false
			}
			keys = append(keys, key{f[0], len(f) == 2 && strings.EqualFold(f[1], "desc")})
		}
		sort.SliceStable(rows, func(i, j int) bool {
			for _, k := range keys {
				a, _ := paField{k.field}.eval(rows[i])
				b, _ := paField{k.field}.eval(rows[j])
				c, _ := paCompare(a, b)
				if c != 0 {
					return (c < 0) != k.desc
				}
			}
			return false
		})
	}
	lo, hi, ok := paPageBounds(w, r, len(rows), allowSkip)
	if !ok {
		return nil, false
	}
	return rows[lo:hi], true
}
