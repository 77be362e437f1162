package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// The checks read JSON straight from the bytes, validating while they scan,
// instead of decoding into a tree first: a decoded WSJF report is tens of
// thousands of allocations, which would cost more than the emulator's own
// work on the request.

// jelem is one step of the JSON path being scanned: a member name (raw
// bytes of the input, unescaped only when a violation names it) or an
// array index.
type jelem struct {
	name    []byte
	escaped bool
	index   int
	isIndex bool
}

// where renders the current path, e.g. "body.tags[0].value"; only called
// for a violation.
func (sc *scanner) where() string {
	var b strings.Builder
	b.WriteString(sc.root)
	for _, e := range sc.path {
		if e.isIndex {
			b.WriteString("[" + strconv.Itoa(e.index) + "]")
			continue
		}
		b.WriteByte('.')
		b.WriteString(unescape(e.name, e.escaped))
	}
	return b.String()
}

func unescape(raw []byte, escaped bool) string {
	if !escaped {
		return string(raw)
	}
	var out string
	q := make([]byte, 0, len(raw)+2)
	q = append(append(append(q, '"'), raw...), '"')
	if json.Unmarshal(q, &out) != nil {
		return string(raw)
	}
	return out
}

// syntaxError stops a scan at malformed JSON.
type syntaxError struct {
	msg string
	off int
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%s at offset %d", e.msg, e.off) }

// scanner validates one JSON text against a schema.
type scanner struct {
	v    *validator
	b    []byte
	pos  int
	err  *syntaxError
	root string
	path []jelem
}

// check scans the whole of b as one JSON value under schema s. It returns a
// syntax error if b is not one JSON text.
func (v *validator) check(root string, s *Schema, b []byte) error {
	sc := &scanner{v: v, b: b, root: root, path: make([]jelem, 0, 16)}
	sc.value(s)
	if sc.err == nil {
		sc.ws()
		if sc.pos < len(sc.b) {
			sc.fail("data after the JSON value")
		}
	}
	if sc.err != nil {
		return sc.err
	}
	return nil
}

func (sc *scanner) fail(msg string) {
	if sc.err == nil {
		sc.err = &syntaxError{msg: msg, off: sc.pos}
	}
}

func (sc *scanner) ws() {
	for sc.pos < len(sc.b) {
		switch sc.b[sc.pos] {
		case ' ', '\t', '\n', '\r':
			sc.pos++
		default:
			return
		}
	}
}

func (sc *scanner) peek() byte {
	sc.ws()
	if sc.pos >= len(sc.b) {
		sc.fail("unexpected end of JSON")
		return 0
	}
	return sc.b[sc.pos]
}

// resolve follows $ref; nil means anything goes.
func (sc *scanner) resolve(s *Schema) *Schema {
	for depth := 0; s != nil && s.Ref != ""; depth++ {
		if depth > 64 {
			return nil
		}
		s = sc.v.doc.Definitions[s.Ref]
	}
	return s
}

// value scans one value and checks it against s.
func (sc *scanner) value(s *Schema) {
	if sc.err != nil {
		return
	}
	s = sc.resolve(s)
	c := sc.peek()
	if sc.err != nil {
		return
	}
	switch c {
	case '{':
		sc.object(s)
	case '[':
		sc.array(s)
	case '"':
		raw, escaped, ok := sc.str()
		if ok && s != nil && !isBare(s) && !(s.Type == "string" && s.Format == "" && len(s.Enum) == 0) {
			sc.stringValue(s, unescape(raw, escaped))
		}
	case 't', 'f', 'n':
		word := sc.literal()
		if sc.err != nil || word == "null" || s == nil {
			return // no member is documented as required or non-nullable
		}
		if s.Type != "boolean" && !isBare(s) {
			sc.v.add(sc.where(), "must be %s, not a boolean", wantText(s))
		}
	default:
		num := sc.number()
		if sc.err != nil || s == nil {
			return
		}
		sc.numberValue(s, num)
	}
}

// numberOK is the allocation-free fast path of numberFormat for a literal
// the scanner has already found well-formed.
func numberOK(typ, format string, num []byte) bool {
	if typ == "number" {
		return bytes.IndexAny(num, "eE") < 0 && len(num) < 300 // no overflow possible
	}
	if bytes.IndexAny(num, ".eE") >= 0 {
		return false
	}
	digits := num
	if len(digits) > 0 && digits[0] == '-' {
		digits = digits[1:]
	}
	limit := 9 // int32: every 9-digit value fits
	if format == "int64" {
		limit = 18
	}
	return len(digits) <= limit
}

func isBare(s *Schema) bool {
	return s.Type == "" || (s.Type == "object" && len(s.Properties) == 0 && s.AdditionalProperties == nil)
}

func wantText(s *Schema) string {
	switch s.Type {
	case "object":
		return "an object"
	case "array":
		return "an array"
	case "string":
		return "a string"
	case "boolean":
		return "true or false"
	}
	return "a JSON number (" + s.Type + ")"
}

func (sc *scanner) object(s *Schema) {
	sc.pos++ // '{'
	if s != nil && !isBare(s) && s.Type != "object" {
		sc.v.add(sc.where(), "must be %s, not an object", wantText(s))
		s = nil
	}
	if s != nil && isBare(s) {
		s = nil
	}
	if sc.peek() == '}' {
		sc.pos++
		return
	}
	for sc.err == nil {
		if sc.peek() != '"' {
			sc.fail("object key expected")
			return
		}
		key, escaped, ok := sc.str()
		if !ok {
			return
		}
		if sc.peek() != ':' {
			sc.fail("':' expected")
			return
		}
		sc.pos++
		sc.member(s, key, escaped)
		switch sc.peek() {
		case ',':
			sc.pos++
		case '}':
			sc.pos++
			return
		default:
			sc.fail("',' or '}' expected")
			return
		}
	}
}

// member checks one member of an object of schema s (nil: not checked).
func (sc *scanner) member(s *Schema, raw []byte, escaped bool) {
	if s == nil {
		sc.value(nil)
		return
	}
	sc.path = append(sc.path, jelem{name: raw, escaped: escaped})
	sc.memberValue(s, raw, escaped)
	sc.path = sc.path[:len(sc.path)-1]
}

// memberValue checks the value of member raw, whose path is pushed.
func (sc *scanner) memberValue(s *Schema, raw []byte, escaped bool) {
	if len(s.Properties) == 0 {
		sc.value(s.AdditionalProperties)
		return
	}
	v := sc.v
	var ps *Schema
	if !escaped {
		ps = s.Properties[string(raw)] // no allocation for the lookup
	}
	exact := ps != nil
	if !exact {
		ps = s.Properties[s.lower[strings.ToLower(unescape(raw, escaped))]]
	}
	switch {
	case ps == nil:
		if v.dir == inAnswer || !v.lenient {
			v.add(sc.where(), "is not a member of the documented schema")
		}
		sc.value(nil)
		return
	case !exact && v.dir == inAnswer:
		key := unescape(raw, escaped)
		if name := s.lower[strings.ToLower(key)]; name != key {
			v.add(sc.where(), "the server spells this member %q", name)
		}
	}
	if ps.ReadOnly && v.dir == inRequest {
		if !v.lenient {
			v.add(sc.where(), "is read-only: the server ignores it in requests")
		}
		sc.value(nil)
		return
	}
	sc.value(ps)
}

func (sc *scanner) array(s *Schema) {
	sc.pos++ // '['
	var items *Schema
	check := s != nil && !isBare(s)
	if check && s.Type != "array" {
		sc.v.add(sc.where(), "must be %s, not an array", wantText(s))
		check = false
	}
	if check {
		items = s.Items
	}
	if sc.peek() == ']' {
		sc.pos++
		return
	}
	for i := 0; sc.err == nil; i++ {
		if check && items != nil {
			sc.path = append(sc.path, jelem{index: i, isIndex: true})
			sc.value(items)
			sc.path = sc.path[:len(sc.path)-1]
		} else {
			sc.value(nil)
		}
		switch sc.peek() {
		case ',':
			sc.pos++
		case ']':
			sc.pos++
			return
		default:
			sc.fail("',' or ']' expected")
			return
		}
	}
}

func (sc *scanner) stringValue(s *Schema, str string) {
	v := sc.v
	switch s.Type {
	case "string":
		if msg := v.stringFormat(s.Format, str); msg != "" {
			v.add(sc.where(), "%s", msg)
			return
		}
		if len(s.Enum) > 0 && !inEnum(s.Enum, str) {
			v.add(sc.where(), "%q is not one of the documented values %v", str, s.Enum)
		}
	case "integer", "number":
		if v.dir == inRequest && v.lenient {
			sc.numberValue(s, []byte(str)) // Json.NET converts numeric strings
			return
		}
		v.add(sc.where(), "must be a JSON number (%s), not the string %q", s.Type, truncate(str))
	default:
		v.add(sc.where(), "must be %s, not the string %q", wantText(s), truncate(str))
	}
}

func (sc *scanner) numberValue(s *Schema, num []byte) {
	v := sc.v
	if isBare(s) {
		return
	}
	if s.Type != "integer" && s.Type != "number" {
		v.add(sc.where(), "must be %s, not the number %s", wantText(s), num)
		return
	}
	if !numberOK(s.Type, s.Format, num) {
		if msg := numberFormat(s.Type, s.Format, string(num)); msg != "" {
			v.add(sc.where(), "%s", msg)
			return
		}
	}
	if len(s.Enum) > 0 && !inEnum(s.Enum, string(num)) && !(v.lenient && v.dir == inRequest) {
		v.add(sc.where(), "%s is not one of the documented values %v", num, s.Enum)
	}
}

// str scans a JSON string and returns its raw content (between the
// quotes) and whether it holds escapes.
func (sc *scanner) str() (raw []byte, escaped, ok bool) {
	start := sc.pos + 1
	for i := start; i < len(sc.b); i++ {
		switch c := sc.b[i]; {
		case c == '"':
			sc.pos = i + 1
			raw = sc.b[start:i]
			if escaped && !json.Valid(sc.b[start-1:i+1]) {
				sc.pos = start
				sc.fail("invalid string escape")
				return nil, false, false
			}
			return raw, escaped, true
		case c == '\\':
			escaped = true
			i++
		case c < 0x20:
			sc.pos = i
			sc.fail("control character in string")
			return nil, false, false
		}
	}
	sc.pos = len(sc.b)
	sc.fail("unterminated string")
	return nil, false, false
}

func (sc *scanner) literal() string {
	for _, w := range []string{"true", "false", "null"} {
		if bytes.HasPrefix(sc.b[sc.pos:], []byte(w)) {
			sc.pos += len(w)
			return w
		}
	}
	sc.fail("invalid literal")
	return ""
}

// number scans a JSON number literal (RFC 8259 grammar).
func (sc *scanner) number() []byte {
	b, i := sc.b, sc.pos
	if i < len(b) && b[i] == '-' {
		i++
	}
	digits := func() int {
		n := 0
		for i < len(b) && b[i] >= '0' && b[i] <= '9' {
			i++
			n++
		}
		return n
	}
	switch {
	case i < len(b) && b[i] == '0':
		i++
	case digits() == 0:
		sc.fail("invalid character")
		return nil
	}
	if i < len(b) && b[i] == '.' {
		i++
		if digits() == 0 {
			sc.fail("digit expected after '.'")
			return nil
		}
	}
	if i < len(b) && (b[i] == 'e' || b[i] == 'E') {
		i++
		if i < len(b) && (b[i] == '+' || b[i] == '-') {
			i++
		}
		if digits() == 0 {
			sc.fail("digit expected in exponent")
			return nil
		}
	}
	num := b[sc.pos:i]
	sc.pos = i
	return num
}
