package contract

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/internal/guid"
)

// Violation is one way an exchange breaks the documents.
type Violation struct {
	// Op labels the operation, e.g. "Report_HeaderQuery (GET /api/Report/Query/Header)".
	Op string
	// Where is "query.name", "path.name", "body", "body.member[2].x" or
	// "answer...." (a JSON path into the body or answer).
	Where string
	// Message says what is wrong.
	Message string
}

func (v Violation) String() string { return v.Op + ": " + v.Where + ": " + v.Message }

// indexSchemas fills each object schema's lower-case member index, used to
// bind members case-insensitively as Json.NET does.
func indexSchemas(doc *Doc) {
	var walk func(s *Schema)
	walk = func(s *Schema) {
		if s == nil || s.lower != nil {
			return
		}
		s.lower = make(map[string]string, len(s.Properties))
		for n, p := range s.Properties {
			s.lower[strings.ToLower(n)] = n
			walk(p)
		}
		walk(s.Items)
		walk(s.AdditionalProperties)
	}
	for _, s := range doc.Definitions {
		walk(s)
	}
	for _, op := range doc.Operations {
		walk(op.Body)
		walk(op.Response)
		for _, p := range op.Params {
			walk(p.Items)
		}
	}
}

// direction is what a value is checked as: sent by a client, or answered.
type direction int

const (
	inRequest direction = iota
	inAnswer
)

// validator checks JSON against a schema (see check) and collects violations.
type validator struct {
	doc     *Doc
	op      string
	dir     direction
	lenient bool
	out     []Violation
}

func (v *validator) add(where, format string, args ...any) {
	if len(v.out) < maxViolations {
		v.out = append(v.out, Violation{Op: v.op, Where: where, Message: fmt.Sprintf(format, args...)})
	}
}

// maxViolations bounds the list for one exchange, so a large wrong answer
// gives a readable message.
const maxViolations = 20

// stringFormat checks a string against a documented format.
func (v *validator) stringFormat(format, s string) string {
	switch format {
	case "date-time":
		if !validDateTime(s, v.dir == inRequest) {
			return fmt.Sprintf("%q is not a date-time as .NET writes it (ISO 8601, at most 7 fractional digits)", s)
		}
	case "uuid":
		if v.dir == inAnswer {
			if s == "" {
				return `a GUID is never "": the server sends null or the zero GUID`
			}
			if !guid.Valid(s) || s != strings.ToLower(s) {
				return fmt.Sprintf("%q is not a GUID as .NET writes it (8-4-4-4-12 lower-case hex)", s)
			}
			return ""
		}
		if _, ok := guid.Normalize(s); !ok && !(v.lenient && s == "") {
			return fmt.Sprintf("%q is not a GUID", s)
		}
	case "byte":
		if _, err := base64.StdEncoding.DecodeString(s); err != nil {
			return fmt.Sprintf("%q is not base64", truncate(s))
		}
	}
	return ""
}

// numberFormat checks a number's text against type and format.
func numberFormat(typ, format, s string) string {
	if typ == "integer" {
		bits := 32
		if format == "int64" {
			bits = 64
		}
		if _, err := strconv.ParseInt(s, 10, bits); err != nil {
			return fmt.Sprintf("%s is not an integer of format %s", s, orDefault(format, "int32"))
		}
		return ""
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return fmt.Sprintf("%s is not a number", s)
	}
	if format == "float" && math.Abs(f) > math.MaxFloat32 {
		return fmt.Sprintf("%s is out of range for format float", s)
	}
	return ""
}

// validDateTime accepts ISO 8601 date-times as .NET writes them:
// yyyy-MM-ddTHH:mm:ss, optionally .f to .fffffff, optionally Z or ±hh:mm.
// In requests, a date alone and a space for the T are also accepted, as
// .NET's parsers read them.
func validDateTime(s string, request bool) bool {
	if request && len(s) == 10 {
		return validDate(s)
	}
	if len(s) < 19 || !validDate(s[:10]) || !(s[10] == 'T' || (request && s[10] == ' ')) {
		return false
	}
	if !digitsAt(s, 11, 2) || s[13] != ':' || !digitsAt(s, 14, 2) || s[16] != ':' || !digitsAt(s, 17, 2) {
		return false
	}
	rest := s[19:]
	if strings.HasPrefix(rest, ".") {
		n := 1
		for n < len(rest) && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 1 || n-1 > 7 {
			return false
		}
		rest = rest[n:]
	}
	switch {
	case rest == "" || rest == "Z":
		return true
	case len(rest) == 6 && (rest[0] == '+' || rest[0] == '-') && digitsAt(rest, 1, 2) && rest[3] == ':' && digitsAt(rest, 4, 2):
		return true
	}
	return false
}

func validDate(s string) bool {
	return len(s) == 10 && digitsAt(s, 0, 4) && s[4] == '-' && digitsAt(s, 5, 2) && s[7] == '-' && digitsAt(s, 8, 2)
}

func digitsAt(s string, at, n int) bool {
	if at+n > len(s) {
		return false
	}
	for i := at; i < at+n; i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func inEnum(enum []any, text string) bool {
	for _, e := range enum {
		switch ev := e.(type) {
		case string:
			if ev == text {
				return true
			}
		case json.Number:
			if string(ev) == text {
				return true
			}
		case float64:
			if strconv.FormatFloat(ev, 'f', -1, 64) == text {
				return true
			}
		}
	}
	return false
}

func truncate(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
