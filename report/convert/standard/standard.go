// Package standard lists the converters the SDK ships for WATS's standard formats, in
// the order a registry should try them when it sniffs a file: WSJF (WATS JSON), WSXF
// (WATS Standard XML), WRML (the WATS C# client's own XML), ATML (IEEE 1636.1 test
// results as written by NI TestStand) and WSTF (WATS Standard Text Format).
//
// The XML formats are told apart by the root element's namespace and name, so their
// order only matters for files that match none of them.
package standard

import (
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/atml"
	"github.com/watsgo/sdk/report/convert/wsjf"
	"github.com/watsgo/sdk/report/convert/wsxf"
)

// Converters returns a new value of every standard converter, in sniffing order.
func Converters() []convert.Converter {
	return []convert.Converter{
		wsjf.New(),
		wsxf.New(),
		wsxf.NewWRML(),
		atml.New(),
		// WSTF joins here, last: it is the only text format.
	}
}
