// Package odata builds OData query options ($filter, $orderby, $expand, $top,
// $skip) with every literal escaped. It is shared by every domain that takes
// OData queries and re-exported from package wats.
package odata

import (
	"fmt"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/watsgo/sdk/internal/guid"
)

// Expr is a rendered boolean filter expression. The zero Expr means "no filter".
type Expr struct {
	s   string
	err error // a literal that could not be rendered; reported by Query.Values
}

// String returns the OData text of the expression.
func (e Expr) String() string { return e.s }

// IsZero reports whether e is the empty expression.
func (e Expr) IsZero() bool { return e.s == "" && e.err == nil }

// Err returns the error of a literal that could not be rendered, if any.
func (e Expr) Err() error { return e.err }

// GUID marks a string to be rendered as an unquoted OData GUID literal.
type GUID string

// Date marks a time to be rendered as a date-only literal (YYYY-MM-DD).
type Date time.Time

// Literal renders v as an OData literal: strings quoted with ' doubled,
// time.Time as RFC 3339 with its zone offset (UTC becomes Z), GUIDs
// lower-case and unquoted, numbers in Go's shortest form, bools lower-case,
// nil as null.
func Literal(v any) (string, error) {
	switch x := v.(type) {
	case nil:
		return "null", nil
	case string:
		return "'" + strings.ReplaceAll(x, "'", "''") + "'", nil
	case GUID:
		g := strings.ToLower(strings.TrimSpace(string(x)))
		if !guid.Valid(g) {
			return "", fmt.Errorf("odata: %q is not a GUID", string(x))
		}
		return g, nil
	case bool:
		return strconv.FormatBool(x), nil
	case int:
		return strconv.Itoa(x), nil
	case int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64:
		return fmt.Sprint(x), nil
	case float32:
		return Literal(float64(x))
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return "", fmt.Errorf("odata: %v is not a finite number", x)
		}
		return strconv.FormatFloat(x, 'f', -1, 64), nil
	case time.Time:
		return x.Format(time.RFC3339Nano), nil
	case Date:
		return time.Time(x).Format("2006-01-02"), nil
	case fmt.Stringer:
		return Literal(x.String())
	}
	return "", fmt.Errorf("odata: unsupported literal type %T", v)
}

func compare(field, op string, v any) Expr {
	lit, err := Literal(v)
	if err != nil {
		return Expr{err: fmt.Errorf("odata: %s %s: %w", field, op, err)}
	}
	return Expr{s: field + " " + op + " " + lit}
}

// Eq renders "field eq v".
func Eq(field string, v any) Expr { return compare(field, "eq", v) }

// Ne renders "field ne v".
func Ne(field string, v any) Expr { return compare(field, "ne", v) }

// Gt renders "field gt v".
func Gt(field string, v any) Expr { return compare(field, "gt", v) }

// Ge renders "field ge v".
func Ge(field string, v any) Expr { return compare(field, "ge", v) }

// Lt renders "field lt v".
func Lt(field string, v any) Expr { return compare(field, "lt", v) }

// Le renders "field le v".
func Le(field string, v any) Expr { return compare(field, "le", v) }

func call(fn, field, s string) Expr {
	lit, _ := Literal(s)
	return Expr{s: fn + "(" + field + "," + lit + ")"}
}

// Contains renders "contains(field,'s')".
func Contains(field, s string) Expr { return call("contains", field, s) }

// StartsWith renders "startswith(field,'s')".
func StartsWith(field, s string) Expr { return call("startswith", field, s) }

// EndsWith renders "endswith(field,'s')".
func EndsWith(field, s string) Expr { return call("endswith", field, s) }

func join(op string, es []Expr) Expr {
	parts := make([]string, 0, len(es))
	for _, e := range es {
		if e.err != nil {
			return e
		}
		if e.IsZero() {
			continue
		}
		parts = append(parts, e.s)
	}
	switch len(parts) {
	case 0:
		return Expr{}
	case 1:
		return Expr{s: parts[0]}
	}
	return Expr{s: "(" + strings.Join(parts, ") "+op+" (") + ")"}
}

// And joins expressions with "and", each parenthesised; zero expressions are skipped.
func And(es ...Expr) Expr { return join("and", es) }

// Or joins expressions with "or", each parenthesised; zero expressions are skipped.
func Or(es ...Expr) Expr { return join("or", es) }

// Not negates e.
func Not(e Expr) Expr {
	if e.IsZero() || e.err != nil {
		return e
	}
	return Expr{s: "not (" + e.s + ")"}
}

// In renders an or-chain of equalities; an empty list renders "false".
func In(field string, vs ...any) Expr {
	if len(vs) == 0 {
		return Expr{s: "false"}
	}
	es := make([]Expr, len(vs))
	for i, v := range vs {
		es[i] = Eq(field, v)
	}
	return Or(es...)
}

// Raw wraps a hand-written expression. Nothing in it is escaped.
func Raw(s string) Expr { return Expr{s: s} }

// Order is one $orderby key.
type Order struct {
	Field string // field name to sort by
	Desc  bool   // append " desc" to sort descending
}

// Query holds the OData options of a list call.
type Query struct {
	Filter  Expr     // $filter expression; zero means unset
	OrderBy []Order  // $orderby keys, in order
	Expand  []string // $expand navigation properties
	// Top is the page size; 0 means unset.
	Top int
	// Skip is the number of rows to skip; 0 means unset.
	Skip int
}

// Values renders the query as URL values with $-prefixed names.
func (q Query) Values() (url.Values, error) {
	v := url.Values{}
	if !q.Filter.IsZero() {
		if q.Filter.err != nil {
			return nil, q.Filter.err
		}
		v.Set("$filter", q.Filter.s)
	}
	if len(q.OrderBy) > 0 {
		parts := make([]string, len(q.OrderBy))
		for i, o := range q.OrderBy {
			if strings.TrimSpace(o.Field) == "" {
				return nil, fmt.Errorf("odata: empty $orderby field at position %d", i)
			}
			parts[i] = o.Field
			if o.Desc {
				parts[i] += " desc"
			}
		}
		v.Set("$orderby", strings.Join(parts, ","))
	}
	if len(q.Expand) > 0 {
		ex, err := joinExpand(q.Expand)
		if err != nil {
			return nil, err
		}
		v.Set("$expand", ex)
	}
	if q.Top < 0 || q.Skip < 0 {
		return nil, fmt.Errorf("odata: $top and $skip must not be negative (top=%d skip=%d)", q.Top, q.Skip)
	}
	if q.Top > 0 {
		v.Set("$top", strconv.Itoa(q.Top))
	}
	if q.Skip > 0 {
		v.Set("$skip", strconv.Itoa(q.Skip))
	}
	return v, nil
}
