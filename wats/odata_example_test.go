package wats_test

import (
	"fmt"

	"github.com/watsgo/sdk/wats"
)

// Filters are built from typed parts; every literal is escaped, so a serial
// number with quotes, slashes and percent signs is safe.
func ExampleQuery() {
	q := wats.Query{
		Filter: wats.And(
			wats.Eq("serialNumber", "O'Brien/#1 %"),
			wats.Any("subUnits", "s", wats.StartsWith("s/partNumber", "PSU")),
		),
		OrderBy: []wats.Order{wats.Desc("start")},
		Top:     50,
	}
	v, err := q.Values()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(v.Get("$filter"))
	fmt.Println(v.Get("$orderby"), v.Get("$top"))
	// Output:
	// (serialNumber eq 'O''Brien/#1 %') and (subUnits/any(s: startswith(s/partNumber,'PSU')))
	// start desc 50
}
