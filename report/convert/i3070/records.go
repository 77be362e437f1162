package i3070

import (
	"bytes"
	"fmt"
	"strconv"

	"github.com/watsgo/sdk/report/convert"
)

// record is one brace-delimited log record with its fields and subrecords.
type record struct {
	prefix string // without the @ ("BTEST", "A-RES")
	fields []string
	subs   []*record
	line   int
}

// field returns the i-th field (0-based) or "".
func (r *record) field(i int) string {
	if i < len(r.fields) {
		return r.fields[i]
	}
	return ""
}

// scanner splits a log data file into records, following the log record
// syntax: "{@PREFIX" then fields introduced by "|" (normal), "\" (a list,
// whose first item is the count) or "~n|" (a literal of exactly n bytes),
// a line feed or "{" ending the fields, subrecords, and "}". ASCII 4
// (truncation) ends the current record.
type scanner struct {
	b    []byte
	i    int
	line int
	file string
}

func (s *scanner) fail(line int, msg string) error {
	return &convert.MalformedError{Converter: Name, File: s.file, Line: line, Msg: msg}
}

// top reads the top-level records.
func (s *scanner) top() ([]*record, error) {
	s.line = 1
	var out []*record
	for {
		s.space()
		if s.i >= len(s.b) {
			return out, nil
		}
		switch c := s.b[s.i]; c {
		case '{':
			r, err := s.record(0)
			if err != nil {
				return nil, err
			}
			if r != nil {
				out = append(out, r)
			}
		case 4: // a truncation mark between records ends nothing
			s.i++
		default:
			return nil, s.fail(s.line, fmt.Sprintf("unexpected %q outside a log record", rune(c)))
		}
	}
}

func (s *scanner) space() {
	for s.i < len(s.b) {
		switch s.b[s.i] {
		case '\n':
			s.line++
		case ' ', '\t', '\r', '\f', 0:
		default:
			return
		}
		s.i++
	}
}

const maxDepth = 64

// record reads one record starting at "{".
func (s *scanner) record(depth int) (*record, error) {
	if depth > maxDepth {
		return nil, s.fail(s.line, "log records nested too deeply")
	}
	start := s.line
	s.i++ // {
	if s.i >= len(s.b) || s.b[s.i] != '@' {
		return nil, s.fail(start, "record does not start with {@")
	}
	s.i++
	j := s.i
	for j < len(s.b) && isPrefixByte(s.b[j]) {
		j++
	}
	if j == s.i {
		return nil, s.fail(start, "record has no prefix")
	}
	r := &record{prefix: string(s.b[s.i:j]), line: start}
	s.i = j
	if err := s.fields(r); err != nil {
		return nil, err
	}
	for {
		s.space()
		if s.i >= len(s.b) {
			return nil, s.fail(start, fmt.Sprintf("@%s record is not closed before the end of the file", r.prefix))
		}
		switch s.b[s.i] {
		case '}':
			s.i++
			return r, nil
		case 4:
			s.i++
			return r, nil
		case '{':
			sub, err := s.record(depth + 1)
			if err != nil {
				return nil, err
			}
			r.subs = append(r.subs, sub)
		default:
			return nil, s.fail(s.line, fmt.Sprintf("unexpected %q in @%s record after its fields", rune(s.b[s.i]), r.prefix))
		}
	}
}

func isPrefixByte(c byte) bool {
	return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// fields reads the fields after the prefix up to a line feed, "{" or "}".
func (s *scanner) fields(r *record) error {
	for s.i < len(s.b) {
		switch c := s.b[s.i]; c {
		case '|', '\\':
			s.i++
			j := s.i
			for j < len(s.b) && !bytes.ContainsRune([]byte("|\\~{}\n\x04"), rune(s.b[j])) {
				j++
			}
			r.fields = append(r.fields, string(bytes.TrimRight(s.b[s.i:j], "\r")))
			s.i = j
		case '~':
			j := s.i + 1
			for j < len(s.b) && s.b[j] >= '0' && s.b[j] <= '9' {
				j++
			}
			n, err := strconv.Atoi(string(s.b[s.i+1 : j]))
			if err != nil || j >= len(s.b) || s.b[j] != '|' || n > len(s.b)-j-1 {
				return s.fail(s.line, fmt.Sprintf("@%s: literal field without a valid ~length|", r.prefix))
			}
			lit := s.b[j+1 : j+1+n]
			s.line += bytes.Count(lit, []byte{'\n'})
			r.fields = append(r.fields, string(lit))
			s.i = j + 1 + n
		case '\r':
			s.i++
		default:
			// "\n", "{", "}", ASCII 4 or text after a literal: the fields end.
			if c != '\n' && c != '{' && c != '}' && c != 4 {
				return s.fail(s.line, fmt.Sprintf("@%s: unexpected %q between fields", r.prefix, rune(c)))
			}
			return nil
		}
	}
	return nil
}
