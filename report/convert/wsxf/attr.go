package wsxf

import (
	"encoding/base64"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

// conv carries what one conversion needs: the source, the format flavour and the
// converter name for errors.
type conv struct {
	src  *convert.Source
	name string // converter name ("wsxf", "wrml")
	wrml bool
	flat *flatIndex // WRML step links of the report being converted
}

// fail returns a *convert.MalformedError locating e.
func (c *conv) fail(e *elem, format string, args ...any) error {
	me := &convert.MalformedError{Converter: c.name, File: c.src.Name, Msg: fmt.Sprintf(format, args...)}
	if e != nil {
		me.Path, me.Line = e.path(), e.line
	}
	return me
}

// failAttr locates a bad attribute value.
func (c *conv) failAttr(e *elem, attr, format string, args ...any) error {
	me := c.fail(e, format, args...).(*convert.MalformedError)
	me.Path += "/@" + attr
	return me
}

// str returns a string attribute: absent stays absent, present is kept verbatim.
func str(e *elem, name string) report.Str {
	if v, ok := e.attr(name); ok {
		return report.StrOf(v)
	}
	return report.Str{}
}

// optStr returns a string attribute, absent when missing or empty (M-E).
func optStr(e *elem, name string) report.Str {
	if v, ok := e.attr(name); ok && v != "" {
		return report.StrOf(v)
	}
	return report.Str{}
}

// nullStr returns a string attribute, null when missing or empty; the server writes
// empty optional strings as null.
func nullStr(e *elem, name string) report.Str {
	if v, ok := e.attr(name); ok && v != "" {
		return report.StrOf(v)
	}
	return report.NullStr()
}

// trimmed returns the attribute with surrounding white space removed.
func trimmed(e *elem, name string) string {
	v, _ := e.attr(name)
	return strings.TrimSpace(v)
}

// integer reads an integer attribute within [lo, hi]; absent or empty is unset.
func (c *conv) integer(e *elem, name string, lo, hi int64) (report.Int, error) {
	v, ok := e.attr(name)
	v = strings.TrimSpace(v)
	if !ok || v == "" {
		return report.Int{}, nil
	}
	i, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		// XmlSerializer writes integral doubles; accept "3.0" but not "3.5".
		f, ferr := strconv.ParseFloat(v, 64)
		if ferr != nil || f != math.Trunc(f) || math.IsInf(f, 0) {
			return report.Int{}, c.failAttr(e, name, "%q is not an integer", v)
		}
		i = int64(f)
	}
	if i < lo || i > hi {
		return report.Int{}, c.failAttr(e, name, "%d is outside %d…%d", i, lo, hi)
	}
	return report.IntOf(i), nil
}

func (c *conv) int16(e *elem, name string) (report.Int, error) {
	return c.integer(e, name, math.MinInt16, math.MaxInt16)
}

func (c *conv) int32(e *elem, name string) (report.Int, error) {
	return c.integer(e, name, math.MinInt32, math.MaxInt32)
}

// number reads a floating-point attribute (invariant culture; NaN and ±INF kept);
// absent or empty is unset.
func (c *conv) number(e *elem, name string) (report.Num, error) {
	v, ok := e.attr(name)
	v = strings.TrimSpace(v)
	if !ok || v == "" {
		return report.Num{}, nil
	}
	f, err := parseNumber(v)
	if err != nil {
		return report.Num{}, c.failAttr(e, name, "%q is not a number", v)
	}
	return report.NumOf(f), nil
}

// parseNumber reads an xs:double: decimal or exponent notation, NaN, INF, -INF. Go's
// hexadecimal and underscore forms are refused.
func parseNumber(v string) (float64, error) {
	for i := 0; i < len(v); i++ {
		if c := v[i]; c == '_' || c == 'x' || c == 'X' || c == 'p' || c == 'P' {
			return 0, strconv.ErrSyntax
		}
	}
	return strconv.ParseFloat(v, 64)
}

// boolean reads an xs:boolean attribute; absent or empty is unset.
func (c *conv) boolean(e *elem, name string) (report.Bool, error) {
	v, ok := e.attr(name)
	v = strings.TrimSpace(v)
	if !ok || v == "" {
		return report.Bool{}, nil
	}
	switch v {
	case "true", "1", "True", "TRUE":
		return report.BoolOf(true), nil
	case "false", "0", "False", "FALSE":
		return report.BoolOf(false), nil
	}
	return report.Bool{}, c.failAttr(e, name, "%q is not a boolean", v)
}

// statusCode maps the M-S status words to WSJF codes.
func statusCode(word string) (string, bool) {
	switch strings.TrimSpace(word) {
	case "Passed":
		return report.StatusPassed, true
	case "Failed":
		return report.StatusFailed, true
	case "Done":
		return "D", true
	case "Skipped":
		return "S", true
	case "Error":
		return "E", true
	case "Terminated":
		return "T", true
	case "Unknown":
		return "U", true
	}
	return "", false
}

// status reads a Status-like attribute restricted to the codes in allowed; absent
// leaves the status to Finalize.
func (c *conv) status(e *elem, name, allowed string) (report.Str, error) {
	v, ok := e.attr(name)
	if !ok || strings.TrimSpace(v) == "" {
		return report.Str{}, nil
	}
	code, known := statusCode(v)
	if !known || !strings.Contains(allowed, code) {
		return report.Str{}, c.failAttr(e, name, "status %q is not allowed here", v)
	}
	return report.StrOf(code), nil
}

// group maps Setup/Main/Cleanup; absent is Main (the C# default).
func (c *conv) group(e *elem) (report.Str, error) {
	v, _ := e.attr("Group")
	switch strings.TrimSpace(v) {
	case "", "Main":
		return report.StrOf(report.GroupMain), nil
	case "Setup":
		return report.StrOf(report.GroupSetup), nil
	case "Cleanup":
		return report.StrOf(report.GroupCleanup), nil
	}
	return report.Str{}, c.failAttr(e, "Group", "group %q is not Setup, Main or Cleanup", v)
}

// base64Text normalises base64 element text (line breaks and spaces removed, padding
// checked) to the padded standard form WSJF requires.
func (c *conv) base64Text(e *elem, text []byte) (string, int, error) {
	clean := make([]byte, 0, len(text))
	for _, b := range text {
		if b != ' ' && b != '\t' && b != '\r' && b != '\n' {
			clean = append(clean, b)
		}
	}
	raw := make([]byte, base64.StdEncoding.DecodedLen(len(clean)))
	n, err := base64.StdEncoding.Decode(raw, clean)
	if err != nil {
		return "", 0, c.fail(e, "content is not base64: %v", err)
	}
	return string(clean), n, nil
}

// lowerGUID checks a GUID attribute and lower-cases it (M-I); braces are removed.
func (c *conv) lowerGUID(e *elem, name string) (report.Str, error) {
	v, ok := e.attr(name)
	v = strings.TrimSpace(v)
	if !ok || v == "" {
		return report.Str{}, nil
	}
	g := strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(v, "{"), "}"))
	if !isGUID(g) {
		return report.Str{}, c.failAttr(e, name, "%q is not a GUID", v)
	}
	return report.StrOf(g), nil
}

func isGUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return false
			}
		default:
			c := s[i]
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
				return false
			}
		}
	}
	return true
}
