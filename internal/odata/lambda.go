package odata

import (
	"fmt"
	"strings"
)

// Any renders the lambda "collection/any(v: pred)", e.g.
// Any("subUnits", "s", Eq("s/partNumber", "PSU-9")) gives
// "subUnits/any(s: s/partNumber eq 'PSU-9')". Fields inside pred refer to the
// range variable as "v/field". A zero pred renders "collection/any()", which
// is true when the collection is not empty.
func Any(collection, v string, pred Expr) Expr {
	if pred.err != nil {
		return pred
	}
	if !isIdent(collection) || !isIdent(v) {
		return Expr{err: fmt.Errorf("odata: any: %q and %q must be plain identifiers", collection, v)}
	}
	if pred.IsZero() {
		return Expr{s: collection + "/any()"}
	}
	return Expr{s: collection + "/any(" + v + ": " + pred.s + ")"}
}

// isIdent reports whether s is a plain OData identifier (letters, digits and
// underscores, not starting with a digit). Lambda parts are not literals, so
// they are checked instead of escaped.
func isIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, c := range s {
		switch {
		case c == '_', c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
		case c >= '0' && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}

// Asc is an ascending $orderby key.
func Asc(field string) Order { return Order{Field: field} }

// Desc is a descending $orderby key.
func Desc(field string) Order { return Order{Field: field, Desc: true} }

// Invalid returns an expression that carries err; Query.Values reports it.
// Domain helpers use it to defer a bad argument to the call that sends.
func Invalid(err error) Expr { return Expr{err: err} }

// joinExpand renders $expand names, refusing empty ones.
func joinExpand(names []string) (string, error) {
	for _, n := range names {
		if strings.TrimSpace(n) == "" {
			return "", fmt.Errorf("odata: empty $expand name in %q", names)
		}
	}
	return strings.Join(names, ","), nil
}
