package wats

import "github.com/watsgo/sdk/internal/odata"

// Query holds OData options ($filter, $orderby, $expand, $top, $skip) for
// list calls. Every literal placed in a filter through the helpers below is
// escaped: quotes doubled, times with their zone, GUIDs checked.
type Query = odata.Query

// Expr is an OData filter expression; the zero Expr is "no filter".
type Expr = odata.Expr

// Order is one $orderby key.
type Order = odata.Order

// GUID marks a string as an OData GUID literal (rendered lower-case, unquoted).
type GUID = odata.GUID

// Date marks a time as a date-only OData literal (YYYY-MM-DD).
type Date = odata.Date

// Eq renders "field eq v" with v escaped as an OData literal.
func Eq(field string, v any) Expr { return odata.Eq(field, v) }

// Ne renders "field ne v".
func Ne(field string, v any) Expr { return odata.Ne(field, v) }

// Gt renders "field gt v".
func Gt(field string, v any) Expr { return odata.Gt(field, v) }

// Ge renders "field ge v".
func Ge(field string, v any) Expr { return odata.Ge(field, v) }

// Lt renders "field lt v".
func Lt(field string, v any) Expr { return odata.Lt(field, v) }

// Le renders "field le v".
func Le(field string, v any) Expr { return odata.Le(field, v) }

// Contains renders "contains(field,'s')".
func Contains(field, s string) Expr { return odata.Contains(field, s) }

// StartsWith renders "startswith(field,'s')".
func StartsWith(field, s string) Expr { return odata.StartsWith(field, s) }

// EndsWith renders "endswith(field,'s')".
func EndsWith(field, s string) Expr { return odata.EndsWith(field, s) }

// And joins expressions with "and"; zero expressions are skipped.
func And(es ...Expr) Expr { return odata.And(es...) }

// Or joins expressions with "or"; zero expressions are skipped.
func Or(es ...Expr) Expr { return odata.Or(es...) }

// Not negates e.
func Not(e Expr) Expr { return odata.Not(e) }

// In renders an or-chain of equalities; an empty list renders "false".
func In(field string, vs ...any) Expr { return odata.In(field, vs...) }

// Any renders a lambda over a collection, e.g.
// Any("subUnits", "s", Eq("s/partNumber", "PN-1")).
func Any(collection, v string, pred Expr) Expr { return odata.Any(collection, v, pred) }

// Asc is an ascending $orderby key.
func Asc(field string) Order { return odata.Asc(field) }

// Desc is a descending $orderby key.
func Desc(field string) Order { return odata.Desc(field) }

// RawFilter wraps a hand-written filter. Nothing in it is escaped: never
// put user input in it.
func RawFilter(s string) Expr { return odata.Raw(s) }
