package report

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// maxDepth bounds object/array nesting so hostile input cannot exhaust the
// stack; real reports nest fewer than 20 levels.
const maxDepth = 1000

// decoder is a small JSON scanner over the whole document held as one
// string: unescaped strings and number literals become substrings of it, so
// parsing allocates little beyond the model itself. Errors are sticky: after
// the first one every read is a no-op and the caller checks d.err once.
type decoder struct {
	src   string
	pos   int
	err   error
	path  []pathSeg
	key   string
	depth int
	// keys holds the member names of every object being read, innermost
	// last; keyStart[i] is where the i-th open object's names begin. They
	// catch duplicate names, which a lossless model cannot keep (one value
	// would silently win).
	keys     []string
	keyStart []int
}

type pathSeg struct {
	key string
	idx int // -1 for keys
}

func (d *decoder) push(k string)   { d.path = append(d.path, pathSeg{key: k, idx: -1}) }
func (d *decoder) pushIdx(i int)   { d.path = append(d.path, pathSeg{idx: i}) }
func (d *decoder) pop()            { d.path = d.path[:len(d.path)-1] }
func (d *decoder) pathStr() string { return joinPath(d.path) }

func joinPath(p []pathSeg) string {
	var b strings.Builder
	for _, s := range p {
		if s.idx >= 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(s.idx))
			b.WriteByte(']')
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.key)
	}
	if b.Len() == 0 {
		return "$"
	}
	return b.String()
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%s (offset %d): %s", d.pathStr(), d.pos, fmt.Sprintf(format, args...))
	}
}

func (d *decoder) ws() {
	for d.pos < len(d.src) {
		switch d.src[d.pos] {
		case ' ', '\t', '\n', '\r':
			d.pos++
		default:
			return
		}
	}
}

// peek returns the next non-space byte, 0 at the end.
func (d *decoder) peek() byte {
	d.ws()
	if d.pos >= len(d.src) {
		return 0
	}
	return d.src[d.pos]
}

// describeAt names what stands at offset i, for error messages.
func (d *decoder) describeAt(i int) string {
	if i >= len(d.src) {
		return "end of input"
	}
	return describe(d.src[i])
}

func describe(c byte) string {
	switch {
	case c == 0:
		return "a NUL byte"
	case c == '"':
		return "string"
	case c == '{':
		return "object"
	case c == '[':
		return "array"
	case c == 'n':
		return "null"
	case c == 't' || c == 'f':
		return "boolean"
	case c == '-' || (c >= '0' && c <= '9'):
		return "number"
	}
	return fmt.Sprintf("%q", c)
}

// literal consumes an exact keyword.
func (d *decoder) literal(word string) bool {
	if strings.HasPrefix(d.src[d.pos:], word) {
		d.pos += len(word)
		return true
	}
	d.fail("invalid literal")
	return false
}

// null consumes a JSON null if one is next.
func (d *decoder) null() bool {
	if d.err != nil {
		return false
	}
	if d.peek() == 'n' {
		return d.literal("null")
	}
	return false
}

// str reads a JSON string and returns its decoded value.
func (d *decoder) str() string {
	if d.err != nil {
		return ""
	}
	if c := d.peek(); c != '"' {
		d.fail("expected string, got %s", d.describeAt(d.pos))
		return ""
	}
	start := d.pos + 1
	i := start
	for i < len(d.src) {
		c := d.src[i]
		if c == '"' {
			d.pos = i + 1
			return d.src[start:i]
		}
		if c == '\\' {
			return d.strEscaped(start)
		}
		if c < 0x20 {
			d.pos = i
			d.fail("control character in string")
			return ""
		}
		i++
	}
	d.pos = i
	d.fail("unterminated string")
	return ""
}

func (d *decoder) strEscaped(start int) string {
	b := make([]byte, 0, 32)
	i := start
	for i < len(d.src) {
		c := d.src[i]
		switch {
		case c == '"':
			d.pos = i + 1
			return string(b)
		case c < 0x20:
			d.pos = i
			d.fail("control character in string")
			return ""
		case c != '\\':
			b = append(b, c)
			i++
			continue
		}
		if i+1 >= len(d.src) {
			break
		}
		e := d.src[i+1]
		i += 2
		switch e {
		case '"', '\\', '/':
			b = append(b, e)
		case 'b':
			b = append(b, '\b')
		case 'f':
			b = append(b, '\f')
		case 'n':
			b = append(b, '\n')
		case 'r':
			b = append(b, '\r')
		case 't':
			b = append(b, '\t')
		case 'u':
			r, ok := hex4(d.src, i)
			if !ok {
				d.pos = i
				d.fail("invalid \\u escape")
				return ""
			}
			i += 4
			if utf16.IsSurrogate(r) {
				if r2, ok := hex4(d.src, i+2); ok && strings.HasPrefix(d.src[i:], `\u`) {
					if dec := utf16.DecodeRune(r, r2); dec != utf8.RuneError {
						i += 6
						b = utf8.AppendRune(b, dec)
						continue
					}
				}
				r = utf8.RuneError
			}
			b = utf8.AppendRune(b, r)
		default:
			d.pos = i - 1
			d.fail("invalid escape")
			return ""
		}
	}
	d.pos = len(d.src)
	d.fail("unterminated string")
	return ""
}

func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[i : i+4]) {
		r <<= 4
		switch {
		case c >= '0' && c <= '9':
			r |= rune(c - '0')
		case c >= 'a' && c <= 'f':
			r |= rune(c - 'a' + 10)
		case c >= 'A' && c <= 'F':
			r |= rune(c - 'A' + 10)
		default:
			return 0, false
		}
	}
	return r, true
}

// number reads a JSON number literal following the JSON grammar.
func (d *decoder) number() string {
	if d.err != nil {
		return ""
	}
	d.ws()
	s, start := d.src, d.pos
	i := start
	if i < len(s) && s[i] == '-' {
		i++
	}
	switch {
	case i < len(s) && s[i] == '0':
		i++
	case i < len(s) && s[i] >= '1' && s[i] <= '9':
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
	default:
		d.fail("expected number, got %s", d.describeAt(start))
		return ""
	}
	if i < len(s) && s[i] == '.' {
		i++
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == j {
			d.pos = i
			d.fail("invalid number")
			return ""
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		j := i
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i == j {
			d.pos = i
			d.fail("invalid number")
			return ""
		}
	}
	d.pos = i
	return s[start:i]
}

func (d *decoder) peekAt(i int) byte {
	if i >= len(d.src) {
		return 0
	}
	return d.src[i]
}

// beginObject consumes '{'.
func (d *decoder) beginObject() bool { return d.begin('{', "object") }

// beginArray consumes '['.
func (d *decoder) beginArray() bool { return d.begin('[', "array") }

// begin consumes the opening bracket of an object or array.
func (d *decoder) begin(open byte, what string) bool {
	if d.err != nil {
		return false
	}
	if c := d.peek(); c != open {
		d.fail("expected %s, got %s", what, d.describeAt(d.pos))
		return false
	}
	d.depth++
	if d.depth > maxDepth {
		d.fail("nesting deeper than %d", maxDepth)
		return false
	}
	d.pos++
	if open == '{' {
		d.keyStart = append(d.keyStart, len(d.keys))
	}
	return true
}

// nextKey advances to the next member of an object and stores its key in
// d.key; it returns false at the closing '}' or on error. first tells the
// call apart from later ones (no comma before the first member).
func (d *decoder) nextKey(first bool) bool {
	if !d.next(first, '}', "expected ',' or '}' in object, got %s") {
		return false
	}
	d.key = d.str()
	if d.err != nil {
		return false
	}
	for _, k := range d.keys[d.keyStart[len(d.keyStart)-1]:] {
		if k == d.key {
			d.fail("duplicate key %q in object", d.key)
			return false
		}
	}
	d.keys = append(d.keys, d.key)
	if d.peek() != ':' {
		d.fail("expected ':' after key %q", d.key)
		return false
	}
	d.pos++
	return true
}

// nextElem reports whether another array element follows.
func (d *decoder) nextElem(first bool) bool {
	return d.next(first, ']', "expected ',' or ']' in array, got %s")
}

// next reports whether another member follows before the closing bracket
// end, consuming the comma between members (none before the first).
func (d *decoder) next(first bool, end byte, badSep string) bool {
	if d.err != nil {
		return false
	}
	c := d.peek()
	if c == end {
		d.pos++
		d.depth--
		if end == '}' {
			top := len(d.keyStart) - 1
			d.keys = d.keys[:d.keyStart[top]]
			d.keyStart = d.keyStart[:top]
		}
		return false
	}
	if !first {
		if c != ',' {
			d.fail(badSep, d.describeAt(d.pos))
			return false
		}
		d.pos++
	}
	return true
}

// raw skips one value of any type and returns its exact text.
func (d *decoder) raw() string {
	if d.err != nil {
		return ""
	}
	start := d.peekPos()
	d.skip()
	return d.src[start:d.pos]
}

func (d *decoder) peekPos() int { d.ws(); return d.pos }

func (d *decoder) skip() {
	switch c := d.peek(); c {
	case '{':
		if !d.beginObject() {
			return
		}
		for first := true; d.nextKey(first); first = false {
			d.skip()
		}
	case '[':
		if !d.beginArray() {
			return
		}
		for first := true; d.nextElem(first); first = false {
			d.skip()
		}
	case '"':
		d.str()
	case 't':
		d.literal("true")
	case 'f':
		d.literal("false")
	case 'n':
		d.literal("null")
	default:
		d.number()
	}
}

// Typed readers used by the field tables.

func (d *decoder) readStr() Str {
	if d.null() {
		return Str{st: Null}
	}
	v := d.str()
	return Str{v: v, st: Set}
}

func (d *decoder) readNum() Num {
	if d.null() {
		return Num{st: Null}
	}
	var raw string
	if d.peek() == '"' {
		start := d.pos
		d.str()
		raw = d.src[start:d.pos]
	} else {
		raw = d.number()
	}
	if d.err != nil {
		return Num{}
	}
	n, ok := parseNumLiteral(raw)
	if !ok {
		d.fail("expected number, got %s", raw)
	}
	return n
}

func (d *decoder) readInt() Int {
	if d.null() {
		return Int{st: Null}
	}
	raw := d.number()
	if d.err != nil {
		return Int{}
	}
	return parseIntLiteral(raw)
}

func (d *decoder) readBool() Bool {
	if d.err != nil {
		return Bool{}
	}
	switch c := d.peek(); c {
	case 'n':
		d.literal("null")
		return Bool{st: Null}
	case 't':
		d.literal("true")
		return Bool{v: true, st: Set}
	case 'f':
		d.literal("false")
		return Bool{st: Set}
	default:
		d.fail("expected boolean, got %s", d.describeAt(d.pos))
		return Bool{}
	}
}

func (d *decoder) readTime() Time {
	if d.null() {
		return Time{st: Null}
	}
	s := d.str()
	t, ok := parseDateTime(s)
	return Time{raw: s, t: t, st: Set, bad: !ok}
}

// end checks that nothing but white space follows the document. It looks at
// the position, not at peek, because peek's 0 for "end of input" is also a
// NUL byte in the input (found by FuzzWSJFRoundTrip: "{}\x00").
func (d *decoder) end() {
	if d.err != nil {
		return
	}
	d.ws()
	if d.pos < len(d.src) {
		d.fail("unexpected data after the document")
	}
}
