package report

import (
	"strconv"
	"unicode/utf8"
)

// writer appends compact JSON in the server's style. first tracks whether
// the object being written still has no member (no comma needed).
type writer struct {
	buf   []byte
	first bool
}

func (w *writer) key(k string) {
	if !w.first {
		w.buf = append(w.buf, ',')
	}
	w.first = false
	w.buf = append(w.buf, '"')
	w.buf = append(w.buf, k...)
	w.buf = append(w.buf, '"', ':')
}

func (w *writer) null() { w.buf = append(w.buf, "null"...) }

const hexDigits = "0123456789abcdef"

// appendJSONString escapes like Newtonsoft.Json's default: '"', '\\' and
// control characters (short forms for \b \f \n \r \t, lower-case \u00xx
// otherwise) plus U+0085, U+2028 and U+2029; '<', '>', '&', '\” and all
// other characters are written raw. Invalid UTF-8 bytes pass through
// unchanged so a parsed document re-serialises as read.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' && c < 0x80 {
			i++
			continue
		}
		if c >= 0x80 {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == 0x85 || r == 0x2028 || r == 0x2029 {
				b = append(b, s[start:i]...)
				b = append(b, '\\', 'u', hexDigits[r>>12&0xF], hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF])
				i += size
				start = i
				continue
			}
			i += size
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"':
			b = append(b, '\\', '"')
		case '\\':
			b = append(b, '\\', '\\')
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		case '\b':
			b = append(b, '\\', 'b')
		case '\f':
			b = append(b, '\\', 'f')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		i++
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func (w *writer) str(s Str) {
	if s.st == Null {
		w.null()
		return
	}
	w.buf = appendJSONString(w.buf, s.v)
}

func (w *writer) num(n Num) {
	switch {
	case n.st == Null:
		w.null()
	case n.raw != "":
		w.buf = append(w.buf, n.raw...)
	default:
		w.buf = appendDotNetFloat(w.buf, n.f)
	}
}

func (w *writer) int(n Int) {
	switch {
	case n.st == Null:
		w.null()
	case n.raw != "":
		w.buf = append(w.buf, n.raw...)
	default:
		w.buf = strconv.AppendInt(w.buf, n.i, 10)
	}
}

func (w *writer) bool(v Bool) {
	switch {
	case v.st == Null:
		w.null()
	case v.v:
		w.buf = append(w.buf, "true"...)
	default:
		w.buf = append(w.buf, "false"...)
	}
}

func (w *writer) time(t Time, utc bool) {
	switch {
	case t.st == Null:
		w.null()
	case t.raw != "" || t.bad:
		w.buf = appendJSONString(w.buf, t.raw)
	default:
		w.buf = append(w.buf, '"')
		w.buf = appendDateTime(w.buf, t.t, utc)
		w.buf = append(w.buf, '"')
	}
}
