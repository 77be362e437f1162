package watstest

import (
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/watsgo/sdk/internal/guid"
)

// The emulator's OData engine: the subset the SDK can generate on flat JSON
// rows (map[string]any with string, float64, bool, time.Time and nil values,
// collections as []map[string]any). Supported: eq ne gt ge lt le, and or
// not, parentheses, contains/startswith/endswith, collection/any(v: ...),
// literals 'string' (with ” for a quote), numbers, true/false/null, GUIDs,
// dates and date-times (with or without zone; zone-less means UTC), and the
// legacy datetime'...' and guid'...' forms. Anything else is a parse error,
// which the routes answer with 400 like a real server. A schema marked open
// switches to the lenient dialect the asset routes have always spoken (see
// odataSchema.open).

// odataSchema lists the properties a filter may name: top-level fields, and
// for each collection the fields of its elements.
type odataSchema struct {
	fields      map[string]bool
	collections map[string]map[string]bool

	// open selects the lenient dialect of routes that declare no property
	// list (the asset routes): any property name is accepted, matched
	// exactly and else case-insensitively, an absent one reading as null;
	// keywords, operators and function names match case-insensitively;
	// bare date-time literals stay text; values that do not compare (null
	// against a value, a string against a number, different kinds) are
	// simply unequal instead of an error, date-time strings compare
	// chronologically and GUID strings case-insensitively; a string
	// function's non-string subject counts as ""; and $top=0 means no
	// limit. Collections are not supported.
	open bool
	// ignoreSkip and ignoreOrderBy mark routes that do not honour $skip
	// (still validated, then ignored) or $orderby (ignored unparsed).
	ignoreSkip, ignoreOrderBy bool
}

// odataFilter is a compiled $filter.
type odataFilter struct{ root odataNode }

// match reports whether row satisfies the filter.
func (f *odataFilter) match(row map[string]any) (bool, error) {
	if f == nil || f.root == nil {
		return true, nil
	}
	v, err := f.root.eval(&odataEnv{row: row})
	if err != nil {
		return false, err
	}
	b, ok := v.(bool)
	if !ok {
		return false, fmt.Errorf("the $filter expression must be boolean, got %T", v)
	}
	return b, nil
}

type odataEnv struct {
	row  map[string]any
	vars map[string]map[string]any
}

type odataNode interface {
	eval(env *odataEnv) (any, error)
}

type tokKind int

const (
	tokEOF tokKind = iota
	tokLParen
	tokRParen
	tokComma
	tokColon
	tokSlash
	tokString
	tokWord // identifier, keyword, number, GUID or date-time
)

type token struct {
	kind tokKind
	text string
	pos  int
}

func tokenize(s string) ([]token, error) {
	var toks []token
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '(':
			toks = append(toks, token{tokLParen, "(", i})
			i++
		case c == ')':
			toks = append(toks, token{tokRParen, ")", i})
			i++
		case c == ',':
			toks = append(toks, token{tokComma, ",", i})
			i++
		case c == ':':
			toks = append(toks, token{tokColon, ":", i})
			i++
		case c == '/':
			toks = append(toks, token{tokSlash, "/", i})
			i++
		case c == '\'':
			var b strings.Builder
			j := i + 1
			closed := false
			for j < len(s) {
				if s[j] == '\'' {
					if j+1 < len(s) && s[j+1] == '\'' {
						b.WriteByte('\'')
						j += 2
						continue
					}
					closed = true
					j++
					break
				}
				b.WriteByte(s[j])
				j++
			}
			if !closed {
				return nil, fmt.Errorf("unterminated string literal at position %d", i)
			}
			toks = append(toks, token{tokString, b.String(), i})
			i = j
		case isWordByte(c, false):
			j := i
			leadDigit := c >= '0' && c <= '9' || c == '-'
			for j < len(s) && isWordByte(s[j], leadDigit) {
				j++
			}
			toks = append(toks, token{tokWord, s[i:j], i})
			i = j
		default:
			return nil, fmt.Errorf("unexpected character %q at position %d", c, i)
		}
	}
	return append(toks, token{tokEOF, "", len(s)}), nil
}

// isWordByte: identifiers take letters, digits, '_' and '-' (for GUIDs);
// words starting with a digit or '-' also take '.', ':' and '+' (numbers,
// date-times with offsets).
func isWordByte(c byte, numeric bool) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '_', c == '-':
		return true
	case numeric && (c == '.' || c == ':' || c == '+'):
		return true
	}
	return false
}

type odataParser struct {
	toks   []token
	i      int
	schema *odataSchema
	vars   map[string]string // lambda variable -> collection
}

// parseODataFilter compiles a $filter against schema.
func parseODataFilter(s string, schema *odataSchema) (*odataFilter, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	toks, err := tokenize(s)
	if err != nil {
		return nil, err
	}
	p := &odataParser{toks: toks, schema: schema, vars: map[string]string{}}
	n, err := p.parseOr()
	if err != nil {
		return nil, err
	}
	if t := p.peek(); t.kind != tokEOF {
		return nil, fmt.Errorf("syntax error at position %d: unexpected %q", t.pos, t.text)
	}
	return &odataFilter{root: n}, nil
}

func (p *odataParser) peek() token { return p.toks[p.i] }
func (p *odataParser) next() token { t := p.toks[p.i]; p.i++; return t }

func (p *odataParser) isKeyword(word string) bool {
	t := p.peek()
	return t.kind == tokWord && (t.text == word || p.schema.open && strings.EqualFold(t.text, word))
}

// word is the text of a keyword-position token: lower-cased in the open
// dialect, where keywords are case-insensitive.
func (p *odataParser) word(t token) string {
	if p.schema.open {
		return strings.ToLower(t.text)
	}
	return t.text
}

func (p *odataParser) expect(k tokKind, what string) (token, error) {
	t := p.next()
	if t.kind != k {
		if t.kind == tokEOF {
			return t, fmt.Errorf("syntax error: expected %s at end of expression", what)
		}
		return t, fmt.Errorf("syntax error at position %d: expected %s, found %q", t.pos, what, t.text)
	}
	return t, nil
}

func (p *odataParser) parseOr() (odataNode, error) {
	left, err := p.parseAnd()
	if err != nil {
		return nil, err
	}
	for p.isKeyword("or") {
		p.next()
		right, err := p.parseAnd()
		if err != nil {
			return nil, err
		}
		left = &logicNode{and: false, l: left, r: right}
	}
	return left, nil
}

func (p *odataParser) parseAnd() (odataNode, error) {
	left, err := p.parseUnary()
	if err != nil {
		return nil, err
	}
	for p.isKeyword("and") {
		p.next()
		right, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		left = &logicNode{and: true, l: left, r: right}
	}
	return left, nil
}

func (p *odataParser) parseUnary() (odataNode, error) {
	if p.isKeyword("not") {
		p.next()
		n, err := p.parseUnary()
		if err != nil {
			return nil, err
		}
		return &notNode{n: n}, nil
	}
	left, err := p.parseOperand()
	if err != nil {
		return nil, err
	}
	t := p.peek()
	if t.kind == tokWord {
		switch op := p.word(t); op {
		case "eq", "ne", "gt", "ge", "lt", "le":
			p.next()
			right, err := p.parseOperand()
			if err != nil {
				return nil, err
			}
			return &cmpNode{op: op, l: left, r: right, open: p.schema.open}, nil
		}
	}
	return left, nil
}

func (p *odataParser) parseOperand() (odataNode, error) {
	t := p.next()
	switch t.kind {
	case tokLParen:
		n, err := p.parseOr()
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(tokRParen, "')'"); err != nil {
			return nil, err
		}
		return n, nil
	case tokString:
		return litNode{v: t.text}, nil
	case tokWord:
		return p.parseWord(t)
	case tokEOF:
		return nil, fmt.Errorf("syntax error: expression ends too early")
	}
	return nil, fmt.Errorf("syntax error at position %d: unexpected %q", t.pos, t.text)
}

func (p *odataParser) parseWord(t token) (odataNode, error) {
	switch w := p.word(t); w {
	case "true":
		return litNode{v: true}, nil
	case "false":
		return litNode{v: false}, nil
	case "null":
		return litNode{v: nil}, nil
	case "contains", "startswith", "endswith":
		if p.peek().kind == tokLParen {
			return p.parseStringFunc(w)
		}
	case "datetime", "datetimeoffset", "guid":
		if p.peek().kind == tokString {
			s := p.next().text
			if w == "guid" {
				return litNode{v: strings.ToLower(s)}, nil
			}
			tm, ok := parseODataTime(s)
			if !ok {
				return nil, fmt.Errorf("%q is not a valid date-time literal", s)
			}
			return litNode{v: tm}, nil
		}
	}
	if v, ok := parseBareLiteral(t.text); ok {
		if _, isTime := v.(time.Time); isTime && p.schema.open {
			v = t.text // compared as a date-time string (compareOpen)
		}
		return litNode{v: v}, nil
	}
	if !isIdentifier(t.text) {
		return nil, fmt.Errorf("syntax error at position %d: %q is neither a literal nor a property", t.pos, t.text)
	}
	return p.parsePath(t)
}

func (p *odataParser) parseStringFunc(name string) (odataNode, error) {
	p.next() // (
	a, err := p.parseOperand()
	if err != nil {
		return nil, err
	}
	if _, err := p.expect(tokComma, "','"); err != nil {
		return nil, err
	}
	b, err := p.parseOperand()
	if err != nil {
		return nil, err
	}
	if _, err := p.expect(tokRParen, "')'"); err != nil {
		return nil, err
	}
	return &funcNode{name: name, a: a, b: b, open: p.schema.open}, nil
}

// parsePath reads field, var/field or collection/any(v: expr).
func (p *odataParser) parsePath(first token) (odataNode, error) {
	name := first.text
	if coll, isVar := p.vars[name]; isVar {
		if _, err := p.expect(tokSlash, "'/' after lambda variable"); err != nil {
			return nil, err
		}
		f, err := p.expect(tokWord, "property name")
		if err != nil {
			return nil, err
		}
		if !p.schema.collections[coll][f.text] {
			return nil, fmt.Errorf("could not find a property named '%s' on the elements of '%s'", f.text, coll)
		}
		return &varFieldNode{v: name, field: f.text}, nil
	}
	if p.peek().kind == tokSlash {
		fields, ok := p.schema.collections[name]
		if !ok {
			return nil, fmt.Errorf("'%s' is not a collection property", name)
		}
		_ = fields
		p.next()
		fn, err := p.expect(tokWord, "'any'")
		if err != nil {
			return nil, err
		}
		if fn.text != "any" {
			return nil, fmt.Errorf("unsupported collection function '%s' (only any is supported)", fn.text)
		}
		if _, err := p.expect(tokLParen, "'('"); err != nil {
			return nil, err
		}
		if p.peek().kind == tokRParen {
			p.next()
			return &anyNode{coll: name}, nil
		}
		v, err := p.expect(tokWord, "lambda variable")
		if err != nil {
			return nil, err
		}
		if !isIdentifier(v.text) {
			return nil, fmt.Errorf("invalid lambda variable %q", v.text)
		}
		if _, err := p.expect(tokColon, "':'"); err != nil {
			return nil, err
		}
		p.vars[v.text] = name
		body, err := p.parseOr()
		delete(p.vars, v.text)
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(tokRParen, "')'"); err != nil {
			return nil, err
		}
		return &anyNode{coll: name, v: v.text, body: body}, nil
	}
	if p.schema.open {
		return openFieldNode(name), nil
	}
	if !p.schema.fields[name] {
		return nil, fmt.Errorf("could not find a property named '%s' on type 'ReportHeader'", name)
	}
	return fieldNode(name), nil
}

func isIdentifier(s string) bool {
	for i, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || (i > 0 && unicode.IsDigit(r))) {
			return false
		}
	}
	return s != ""
}

// parseBareLiteral reads unquoted numbers, GUIDs, dates and date-times.
func parseBareLiteral(s string) (any, bool) {
	if guid.Valid(s) {
		return strings.ToLower(s), true
	}
	if c := s[0]; c >= '0' && c <= '9' || c == '-' {
		if f, err := strconv.ParseFloat(strings.TrimRight(s, "MmDdFfLl"), 64); err == nil {
			return f, true
		}
		if t, ok := parseODataTime(s); ok {
			return t, true
		}
	}
	return nil, false
}

func parseODataTime(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

type litNode struct{ v any }

func (n litNode) eval(*odataEnv) (any, error) { return n.v, nil }

type fieldNode string

func (n fieldNode) eval(env *odataEnv) (any, error) { return env.row[string(n)], nil }

// openFieldNode is a property of an open schema: matched exactly, else
// case-insensitively; absent reads as null.
type openFieldNode string

func (n openFieldNode) eval(env *odataEnv) (any, error) { return lookupOpen(env.row, string(n)), nil }

func lookupOpen(row map[string]any, name string) any {
	if v, ok := row[name]; ok {
		return v
	}
	for k, v := range row {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return nil
}

type varFieldNode struct{ v, field string }

func (n *varFieldNode) eval(env *odataEnv) (any, error) { return env.vars[n.v][n.field], nil }

type logicNode struct {
	and  bool
	l, r odataNode
}

func (n *logicNode) eval(env *odataEnv) (any, error) {
	l, err := evalBool(n.l, env)
	if err != nil {
		return nil, err
	}
	if n.and && !l || !n.and && l {
		return l, nil
	}
	return evalBool(n.r, env)
}

type notNode struct{ n odataNode }

func (n *notNode) eval(env *odataEnv) (any, error) {
	b, err := evalBool(n.n, env)
	return !b, err
}

func evalBool(n odataNode, env *odataEnv) (bool, error) {
	v, err := n.eval(env)
	if err != nil {
		return false, err
	}
	b, ok := v.(bool)
	if !ok {
		return false, fmt.Errorf("a boolean expression was expected, found %v", v)
	}
	return b, nil
}

type cmpNode struct {
	op   string
	l, r odataNode
	open bool // compare with compareOpen
}

func (n *cmpNode) eval(env *odataEnv) (any, error) {
	l, err := n.l.eval(env)
	if err != nil {
		return nil, err
	}
	r, err := n.r.eval(env)
	if err != nil {
		return nil, err
	}
	var c int
	if n.open {
		var ok bool
		if c, ok = compareOpen(l, r); !ok {
			return n.op == "ne", nil // only ne holds between values that do not compare
		}
	} else {
		if l == nil || r == nil {
			switch n.op {
			case "eq":
				return l == nil && r == nil, nil
			case "ne":
				return !(l == nil && r == nil), nil
			}
			return false, nil // ordering against null is false, as in SQL
		}
		if c, err = compareValues(l, r); err != nil {
			return nil, err
		}
	}
	switch n.op {
	case "eq":
		return c == 0, nil
	case "ne":
		return c != 0, nil
	case "gt":
		return c > 0, nil
	case "ge":
		return c >= 0, nil
	case "lt":
		return c < 0, nil
	}
	return c <= 0, nil
}

// compareValues orders two non-nil values of compatible types. A string
// compared with a number or date-time is converted, as lenient servers do.
func compareValues(a, b any) (int, error) {
	switch x := a.(type) {
	case string:
		switch y := b.(type) {
		case string:
			return strings.Compare(x, y), nil
		case float64:
			if f, err := strconv.ParseFloat(x, 64); err == nil {
				return compareFloat(f, y), nil
			}
		case time.Time:
			if t, ok := parseODataTime(x); ok {
				return t.Compare(y), nil
			}
		}
	case float64:
		switch y := b.(type) {
		case float64:
			return compareFloat(x, y), nil
		case string:
			if f, err := strconv.ParseFloat(y, 64); err == nil {
				return compareFloat(x, f), nil
			}
		}
	case time.Time:
		switch y := b.(type) {
		case time.Time:
			return x.Compare(y), nil
		case string:
			if t, ok := parseODataTime(y); ok {
				return x.Compare(t), nil
			}
		}
	case bool:
		if y, ok := b.(bool); ok {
			switch {
			case x == y:
				return 0, nil
			case !x:
				return -1, nil
			}
			return 1, nil
		}
	}
	return 0, fmt.Errorf("a binary operator with incompatible types was detected: %s and %s", odataTypeName(a), odataTypeName(b))
}

// compareOpen is the open dialect's ordering. ok is false for values that
// do not compare: null against a value, a string against anything but a
// string or date-time, or values of different kinds. Strings that both read
// as date-times compare chronologically, GUIDs case-insensitively, other
// strings ordinally.
func compareOpen(a, b any) (c int, ok bool) {
	if a == nil || b == nil {
		return 0, a == nil && b == nil
	}
	as, aStr := a.(string)
	bs, bStr := b.(string)
	switch {
	case aStr && bStr:
		if at, ok := parseODataTime(as); ok {
			if bt, ok := parseODataTime(bs); ok {
				return at.Compare(bt), true
			}
		}
		if guid.Valid(as) && guid.Valid(bs) {
			return strings.Compare(strings.ToLower(as), strings.ToLower(bs)), true
		}
		return strings.Compare(as, bs), true
	case aStr || bStr:
		_, aTime := a.(time.Time)
		_, bTime := b.(time.Time)
		if !aTime && !bTime {
			return 0, false // no string-to-number conversion in this dialect
		}
	}
	c, err := compareValues(a, b)
	return c, err == nil
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func odataTypeName(v any) string {
	switch v.(type) {
	case string:
		return "Edm.String"
	case float64:
		return "Edm.Double"
	case time.Time:
		return "Edm.DateTimeOffset"
	case bool:
		return "Edm.Boolean"
	}
	return fmt.Sprintf("%T", v)
}

type funcNode struct {
	name string
	a, b odataNode
	open bool // a non-string subject counts as ""
}

func (n *funcNode) eval(env *odataEnv) (any, error) {
	a, err := n.a.eval(env)
	if err != nil {
		return nil, err
	}
	b, err := n.b.eval(env)
	if err != nil {
		return nil, err
	}
	var as, bs string
	if n.open {
		var ok bool
		if bs, ok = b.(string); !ok {
			return nil, fmt.Errorf("%s: second argument must be a string", n.name)
		}
		as, _ = a.(string)
	} else {
		if a == nil || b == nil {
			return false, nil
		}
		var ok1, ok2 bool
		as, ok1 = a.(string)
		bs, ok2 = b.(string)
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("%s takes two strings, got %s and %s", n.name, odataTypeName(a), odataTypeName(b))
		}
	}
	switch n.name {
	case "contains":
		return strings.Contains(as, bs), nil
	case "startswith":
		return strings.HasPrefix(as, bs), nil
	}
	return strings.HasSuffix(as, bs), nil
}

type anyNode struct {
	coll string
	v    string
	body odataNode
}

func (n *anyNode) eval(env *odataEnv) (any, error) {
	items, _ := env.row[n.coll].([]map[string]any)
	if n.body == nil {
		return len(items) > 0, nil
	}
	for _, it := range items {
		vars := map[string]map[string]any{n.v: it}
		for k, v := range env.vars {
			if k != n.v {
				vars[k] = v
			}
		}
		b, err := evalBool(n.body, &odataEnv{row: env.row, vars: vars})
		if err != nil {
			return nil, err
		}
		if b {
			return true, nil
		}
	}
	return false, nil
}

// odataOrder is one parsed $orderby key.
type odataOrder struct {
	field string
	desc  bool
	open  bool // look up and compare as an open schema does
}

// parseODataOrderBy parses "a desc, b asc, c" against schema.
func parseODataOrderBy(s string, schema *odataSchema) ([]odataOrder, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	var out []odataOrder
	for _, part := range strings.Split(s, ",") {
		f := strings.Fields(part)
		if len(f) == 0 || len(f) > 2 {
			return nil, fmt.Errorf("invalid $orderby clause %q", strings.TrimSpace(part))
		}
		if !schema.open && !schema.fields[f[0]] {
			return nil, fmt.Errorf("could not find a property named '%s' on type 'ReportHeader'", f[0])
		}
		o := odataOrder{field: f[0], open: schema.open}
		if len(f) == 2 {
			switch strings.ToLower(f[1]) {
			case "asc":
			case "desc":
				o.desc = true
			default:
				return nil, fmt.Errorf("invalid $orderby direction %q (asc or desc)", f[1])
			}
		}
		out = append(out, o)
	}
	return out, nil
}

// sortRows orders rows by keys, stably (ties keep arrival order); nil sorts
// before any value.
func sortRows(rows []map[string]any, keys []odataOrder) {
	if len(keys) == 0 {
		return
	}
	sort.SliceStable(rows, func(i, j int) bool {
		for _, k := range keys {
			a, b := rows[i][k.field], rows[j][k.field]
			if k.open {
				a, b = lookupOpen(rows[i], k.field), lookupOpen(rows[j], k.field)
			}
			c := 0
			switch {
			case a == nil && b == nil:
			case a == nil:
				c = -1
			case b == nil:
				c = 1
			case k.open:
				c, _ = compareOpen(a, b)
			default:
				c, _ = compareValues(a, b)
			}
			if c != 0 {
				return c < 0 != k.desc
			}
		}
		return false
	})
}

// odataList applies $filter, $orderby, $skip and $top from r to rows, for
// any emulator route that takes OData on flat rows described by schema
// (options the schema marks ignored are skipped). It answers 400 (and
// returns ok false) for a query it cannot parse or evaluate. rows are
// filtered in place and must not be used afterwards.
func odataList(w http.ResponseWriter, r *http.Request, rows []map[string]any, schema *odataSchema) (out []map[string]any, ok bool) {
	bad := func(err error) ([]map[string]any, bool) {
		writeError(w, http.StatusBadRequest, "The query specified in the URI is not valid. %v", err)
		return nil, false
	}
	filter, err := parseODataFilter(query(r, "$filter"), schema)
	if err != nil {
		return bad(err)
	}
	var order []odataOrder
	if !schema.ignoreOrderBy {
		if order, err = parseODataOrderBy(query(r, "$orderby"), schema); err != nil {
			return bad(err)
		}
	}
	top, skip, ok := odataPaging(w, r, schema)
	if !ok {
		return nil, false
	}
	kept := rows[:0]
	for _, row := range rows {
		match, err := filter.match(row)
		if err != nil {
			return bad(err)
		}
		if match {
			kept = append(kept, row)
		}
	}
	sortRows(kept, order)
	return pageOf(kept, top, skip), true
}

// odataNeedsRows reports whether r filters or orders on a route with
// schema. When it does not, the route may skip building rows and page its
// typed list with odataPaging and pageOf.
func odataNeedsRows(r *http.Request, schema *odataSchema) bool {
	return query(r, "$filter") != "" || !schema.ignoreOrderBy && query(r, "$orderby") != ""
}

// odataPaging reads $top and $skip for a route with schema (-1 when absent
// or not honoured), answering 400 (and returning ok false) when one is
// malformed or negative.
func odataPaging(w http.ResponseWriter, r *http.Request, schema *odataSchema) (top, skip int, ok bool) {
	if top, ok = queryNonNegative(w, r, "$top"); !ok {
		return 0, 0, false
	}
	if skip, ok = queryNonNegative(w, r, "$skip"); !ok {
		return 0, 0, false
	}
	if schema.ignoreSkip {
		skip = -1
	}
	if schema.open && top == 0 {
		top = -1
	}
	return top, skip, true
}

// pageOf returns the page of list that skip and top select (negative: not
// set). The result aliases list, so it is nil only when list is.
func pageOf[T any](list []T, top, skip int) []T {
	if skip > 0 {
		list = list[min(skip, len(list)):]
	}
	if top >= 0 && top < len(list) {
		list = list[:top]
	}
	return list
}
