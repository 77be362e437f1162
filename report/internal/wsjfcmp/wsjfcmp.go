// Package wsjfcmp compares two WSJF (or any JSON) documents semantically and
// names the JSON path of the first difference. Tests of the report model and
// of the report service share it.
//
// Two documents are equal when they have the same keys at every level (key
// order is ignored), the same null/absent state, strings equal byte for
// byte, numbers equal as values (500 equals 500.0 equals 5E+2), and
// date-time strings equal as instants with the same UTC offset ("Z" equals
// "+00:00"; fraction digits may differ in trailing zeros).
package wsjfcmp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"sort"
	"time"
)

// Diff compares a and b. It returns ok true when they are equal; otherwise
// path names the first difference (e.g. "root.steps[3].numericMeas[0].lowLimit",
// "$" for the document itself) with a short reason after a colon. Invalid
// JSON in either input is a difference at "$".
func Diff(a, b []byte) (path string, ok bool) {
	va, err := decode(a)
	if err != nil {
		return "$: first document: " + err.Error(), false
	}
	vb, err := decode(b)
	if err != nil {
		return "$: second document: " + err.Error(), false
	}
	return diff("", va, vb)
}

// Equal reports whether a and b are semantically equal.
func Equal(a, b []byte) bool {
	_, ok := Diff(a, b)
	return ok
}

func decode(data []byte) (any, error) {
	d := json.NewDecoder(bytes.NewReader(data))
	d.UseNumber()
	var v any
	if err := d.Decode(&v); err != nil {
		return nil, err
	}
	if d.More() {
		return nil, fmt.Errorf("data after the document")
	}
	return v, nil
}

func where(path string) string {
	if path == "" {
		return "$"
	}
	return path
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func diff(path string, a, b any) (string, bool) {
	switch x := a.(type) {
	case map[string]any:
		y, ok := b.(map[string]any)
		if !ok {
			return where(path) + ": object vs " + kind(b), false
		}
		keys := make([]string, 0, len(x)+len(y))
		for k := range x {
			keys = append(keys, k)
		}
		for k := range y {
			if _, dup := x[k]; !dup {
				keys = append(keys, k)
			}
		}
		sort.Strings(keys)
		for _, k := range keys {
			va, inA := x[k]
			vb, inB := y[k]
			switch {
			case !inA:
				return join(path, k) + ": absent in first, present in second", false
			case !inB:
				return join(path, k) + ": present in first, absent in second", false
			}
			if p, ok := diff(join(path, k), va, vb); !ok {
				return p, false
			}
		}
		return "", true
	case []any:
		y, ok := b.([]any)
		if !ok {
			return where(path) + ": array vs " + kind(b), false
		}
		for i := 0; i < len(x) && i < len(y); i++ {
			if p, ok := diff(fmt.Sprintf("%s[%d]", path, i), x[i], y[i]); !ok {
				return p, false
			}
		}
		if len(x) != len(y) {
			return fmt.Sprintf("%s: %d elements vs %d", where(path), len(x), len(y)), false
		}
		return "", true
	case json.Number:
		y, ok := b.(json.Number)
		if !ok {
			return where(path) + ": number vs " + kind(b), false
		}
		if !numEqual(x, y) {
			return fmt.Sprintf("%s: %s vs %s", where(path), x, y), false
		}
		return "", true
	case string:
		y, ok := b.(string)
		if !ok {
			return where(path) + ": string vs " + kind(b), false
		}
		if x == y || timeEqual(x, y) {
			return "", true
		}
		return fmt.Sprintf("%s: %q vs %q", where(path), clip(x), clip(y)), false
	case nil:
		if b != nil {
			return where(path) + ": null vs " + kind(b), false
		}
		return "", true
	case bool:
		y, ok := b.(bool)
		if !ok || x != y {
			return fmt.Sprintf("%s: %v vs %v", where(path), x, b), false
		}
		return "", true
	}
	return where(path) + ": unexpected value", false
}

func kind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "object"
	case []any:
		return "array"
	case json.Number:
		return "number"
	case string:
		return "string"
	case bool:
		return "boolean"
	case nil:
		return "null"
	}
	return "unknown"
}

func clip(s string) string {
	if len(s) > 60 {
		return s[:60] + "…"
	}
	return s
}

// numEqual compares exactly, as arbitrary-precision decimals, so values
// beyond float64 range or precision are still told apart correctly.
func numEqual(a, b json.Number) bool {
	if a == b {
		return true
	}
	fa, _, errA := big.ParseFloat(string(a), 10, 200, big.ToNearestEven)
	fb, _, errB := big.ParseFloat(string(b), 10, 200, big.ToNearestEven)
	if errA != nil || errB != nil {
		return false
	}
	return fa.Cmp(fb) == 0
}

// timeEqual reports whether two strings are date-times of the same instant
// with the same offset. Both must look like ISO 8601 date-times.
func timeEqual(a, b string) bool {
	ta, offA, okA := parseTime(a)
	tb, offB, okB := parseTime(b)
	return okA && okB && ta.Equal(tb) && offA == offB
}

func parseTime(s string) (time.Time, int, bool) {
	if len(s) < 19 || s[4] != '-' || s[10] != 'T' {
		return time.Time{}, 0, false
	}
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999"} {
		if t, err := time.Parse(layout, s); err == nil {
			_, off := t.Zone()
			return t, off, true
		}
	}
	return time.Time{}, 0, false
}
