package errs_test

import (
	"errors"
	"fmt"

	"github.com/watsgo/sdk/internal/errs"
)

func ExampleValidationError() {
	ve := &errs.ValidationError{Op: "report.Submit"}
	ve.Add("pn", "required", "must not be empty")
	ve.Add("root.steps[3].numericMeas[0].lowLimit", "ltefield", "must not exceed highLimit")
	err := ve.OrNil()
	fmt.Println(errors.Is(err, errs.ErrValidation))
	fmt.Println(err)
	// Output:
	// true
	// report.Submit: invalid input: pn: must not be empty; root.steps[3].numericMeas[0].lowLimit: must not exceed highLimit
}

func ExampleAPIError() {
	var err error = &errs.APIError{Op: "product.Get", Method: "GET", Route: "/api/Product/{partNumber}",
		StatusCode: 404, Message: "Product 'X-1' was not found.", RequestID: "3f1c"}
	fmt.Println(errors.Is(err, errs.ErrNotFound))
	fmt.Println(err)
	// Output:
	// true
	// product.Get: GET /api/Product/{partNumber}: 404 Not Found: Product 'X-1' was not found. (request id 3f1c)
}
