package wats

import "github.com/watsgo/sdk/internal/odata"

// Query holds OData options ($filter, $orderby, $expand, $top, $skip) for
// list calls. Every literal placed in a filter through the helpers below is
// escaped.
type Query = odata.Query

// Expr is an OData filter expression.
type Expr = odata.Expr

// Order is one $orderby key.
type Order = odata.Order

// GUID marks a string as an OData GUID literal.
type GUID = odata.GUID

// Filter helpers; see package documentation for examples.
var (
	Eq         = odata.Eq
	Ne         = odata.Ne
	Gt         = odata.Gt
	Ge         = odata.Ge
	Lt         = odata.Lt
	Le         = odata.Le
	Contains   = odata.Contains
	StartsWith = odata.StartsWith
	EndsWith   = odata.EndsWith
	And        = odata.And
	Or         = odata.Or
	Not        = odata.Not
	In         = odata.In
	RawFilter  = odata.Raw
)
