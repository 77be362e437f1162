package report

import (
	"math"
	"strconv"
	"time"
)

// State is the wire state of one optional property: absent (key missing),
// null (key present with JSON null) or set (key present with a value).
// WSJF distinguishes all three, so the model keeps them apart.
type State uint8

// The three states of an optional property.
const (
	Absent State = iota
	Null
	Set
)

// String names the state.
func (s State) String() string {
	switch s {
	case Null:
		return "null"
	case Set:
		return "set"
	}
	return "absent"
}

// Str is an optional WSJF string property. The zero value is absent.
type Str struct {
	v  string
	st State
}

// StrOf returns a set string property (the empty string is a value, not null).
func StrOf(v string) Str { return Str{v: v, st: Set} }

// NullStr returns a string property written as JSON null.
func NullStr() Str { return Str{st: Null} }

// Value returns the string, or "" when absent or null.
func (s Str) Value() string { return s.v }

// Get returns the string and whether it is set.
func (s Str) Get() (string, bool) { return s.v, s.st == Set }

// State tells absent, null and set apart.
func (s Str) State() State { return s.st }

// IsSet reports whether the property holds a value.
func (s Str) IsSet() bool { return s.st == Set }

// Num is an optional WSJF floating-point property (double or decimal on the
// server). A parsed number keeps its original literal so it re-serialises
// byte for byte; a number created with NumOf is formatted as the server
// formats doubles (500.0, 4.89E-05).
type Num struct {
	raw string
	f   float64
	st  State
}

// NumOf returns a set number property.
func NumOf(f float64) Num { return Num{f: f, st: Set} }

// NullNum returns a number property written as JSON null.
func NullNum() Num { return Num{st: Null} }

// Float returns the value, or 0 when absent or null.
func (n Num) Float() float64 { return n.f }

// Get returns the value and whether it is set.
func (n Num) Get() (float64, bool) { return n.f, n.st == Set }

// State tells absent, null and set apart.
func (n Num) State() State { return n.st }

// IsSet reports whether the property holds a value.
func (n Num) IsSet() bool { return n.st == Set }

// Literal returns the JSON text the property is written as ("null" or ""
// when not set).
func (n Num) Literal() string {
	switch n.st {
	case Null:
		return "null"
	case Set:
		if n.raw != "" {
			return n.raw
		}
		return string(appendDotNetFloat(nil, n.f))
	}
	return ""
}

// Int is an optional WSJF integer property (Int16 or Int32 on the server).
// Parsed literals are kept verbatim; a literal that is not an integer
// (5.5, 1e3) survives parsing and is reported by Validate.
type Int struct {
	raw string
	i   int64
	st  State
	bad bool // literal is not an integer that fits int64
}

// IntOf returns a set integer property.
func IntOf(i int64) Int { return Int{i: i, st: Set} }

// NullInt returns an integer property written as JSON null.
func NullInt() Int { return Int{st: Null} }

// Int64 returns the value, or 0 when absent, null or not an integer.
func (n Int) Int64() int64 { return n.i }

// Get returns the value and whether it is set to an integer.
func (n Int) Get() (int64, bool) { return n.i, n.st == Set && !n.bad }

// State tells absent, null and set apart.
func (n Int) State() State { return n.st }

// IsSet reports whether the property holds a value.
func (n Int) IsSet() bool { return n.st == Set }

// Literal returns the JSON text the property is written as.
func (n Int) Literal() string {
	switch n.st {
	case Null:
		return "null"
	case Set:
		if n.raw != "" {
			return n.raw
		}
		return strconv.FormatInt(n.i, 10)
	}
	return ""
}

// Bool is an optional WSJF boolean property.
type Bool struct {
	v  bool
	st State
}

// BoolOf returns a set boolean property.
func BoolOf(v bool) Bool { return Bool{v: v, st: Set} }

// Value returns the boolean, false when absent or null.
func (b Bool) Value() bool { return b.v }

// State tells absent, null and set apart.
func (b Bool) State() State { return b.st }

// IsSet reports whether the property holds a value.
func (b Bool) IsSet() bool { return b.st == Set }

// Time is an optional WSJF date-time property. A parsed value keeps its
// original text (fraction digits, "Z" versus "+00:00", missing zone) beside
// the parsed instant; a value created with TimeOf is formatted as the server
// does (seven fraction digits at most, trailing zeros trimmed, explicit offset).
type Time struct {
	raw string
	t   time.Time
	st  State
	bad bool // raw text is not a date-time
}

// TimeOf returns a set date-time property.
func TimeOf(t time.Time) Time { return Time{t: t, st: Set} }

// NullTime returns a date-time property written as JSON null.
func NullTime() Time { return Time{st: Null} }

// Time returns the instant, the zero time when absent, null or unparsable.
func (t Time) Time() time.Time { return t.t }

// Get returns the instant and whether it is set to a valid date-time.
func (t Time) Get() (time.Time, bool) { return t.t, t.st == Set && !t.bad }

// Text returns the original text of a parsed value ("" for built values).
func (t Time) Text() string { return t.raw }

// State tells absent, null and set apart.
func (t Time) State() State { return t.st }

// IsSet reports whether the property holds a value.
func (t Time) IsSet() bool { return t.st == Set }

// parseNumLiteral fills a Num from a JSON literal: a number or one of the
// strings the server's serializer writes for non-finite doubles.
func parseNumLiteral(raw string) (Num, bool) {
	n := Num{raw: raw, st: Set}
	switch raw {
	case `"NaN"`:
		n.f = math.NaN()
		return n, true
	case `"Infinity"`:
		n.f = math.Inf(1)
		return n, true
	case `"-Infinity"`:
		n.f = math.Inf(-1)
		return n, true
	}
	if len(raw) > 0 && raw[0] == '"' {
		return n, false
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		// Out-of-range literals (1e999) are valid JSON; keep them as text.
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			n.f = f
			return n, true
		}
		return n, false
	}
	n.f = f
	return n, true
}

func parseIntLiteral(raw string) Int {
	n := Int{raw: raw, st: Set}
	i, err := strconv.ParseInt(raw, 10, 64)
	if err == nil {
		n.i = i
		return n
	}
	f, ferr := strconv.ParseFloat(raw, 64)
	if ferr == nil && f == math.Trunc(f) && math.Abs(f) < 1<<62 {
		n.i = int64(f)
	}
	n.bad = true
	return n
}
