package odata_test

import (
	"fmt"
	"time"

	"github.com/watsgo/sdk/internal/odata"
)

func ExampleQuery_Values() {
	q := odata.Query{
		Filter: odata.And(
			odata.Eq("serialNumber", "O'Brien/#1 %"),
			odata.Ge("start", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)),
			odata.Any("subUnits", "s", odata.Eq("s/partNumber", "PSU-9")),
		),
		OrderBy: []odata.Order{odata.Desc("start")},
		Top:     50,
	}
	v, err := q.Values()
	if err != nil {
		panic(err)
	}
	fmt.Println(v.Get("$filter"))
	fmt.Println(v.Get("$orderby"), v.Get("$top"))
	// Output:
	// (serialNumber eq 'O''Brien/#1 %') and (start ge 2026-01-01T00:00:00Z) and (subUnits/any(s: s/partNumber eq 'PSU-9'))
	// start desc 50
}
