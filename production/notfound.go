package production

import (
	"net/http"

	"github.com/watsgo/sdk/internal/errs"
)

// notFound is the error for a 2xx answer with no body where an entity was
// expected: pyWATS reads that as "does not exist", and so do we, matching
// wats.ErrNotFound like a 404 would.
func notFound(op, route, what string) error {
	return &errs.APIError{Op: op, Method: http.MethodGet, Route: route, StatusCode: http.StatusNotFound,
		Message: what + ": server answered with an empty body"}
}
