package process

import (
	"context"
	"net/http"
	"net/url"
	"strconv"

	"github.com/watsgo/sdk/internal/transport"
)

// ListOptions selects which processes List asks for. Each nil flag is left
// out of the query, leaving the default to the server.
type ListOptions struct {
	// IncludeTestOperations is sent as includeTestOperations.
	IncludeTestOperations *bool
	// IncludeRepairOperations is sent as includeRepairOperations.
	IncludeRepairOperations *bool
	// IncludeWIPOperations is sent as includeWipOperations.
	IncludeWIPOperations *bool
	// IncludeInactiveProcesses is sent as includeInactiveProcesses.
	IncludeInactiveProcesses *bool
}

// All returns ListOptions that ask for every kind of process, inactive ones
// included; this is what the cache loads.
func All() *ListOptions {
	t := true
	return &ListOptions{IncludeTestOperations: &t, IncludeRepairOperations: &t, IncludeWIPOperations: &t, IncludeInactiveProcesses: &t}
}

func (o *ListOptions) values() url.Values {
	if o == nil {
		return nil
	}
	q := url.Values{}
	set := func(name string, v *bool) {
		if v != nil {
			q.Set(name, strconv.FormatBool(*v))
		}
	}
	set("includeTestOperations", o.IncludeTestOperations)
	set("includeRepairOperations", o.IncludeRepairOperations)
	set("includeWipOperations", o.IncludeWIPOperations)
	set("includeInactiveProcesses", o.IncludeInactiveProcesses)
	return q
}

// List fetches the process list from the server, bypassing the cache; opts
// may be nil (no flags sent).
//
// WATS API: GET /api/App/Processes
func (s *Service) List(ctx context.Context, opts *ListOptions) ([]Process, error) {
	var out []Process
	_, err := s.t.Do(ctx, &transport.Request{
		Op:     "process.List",
		Method: http.MethodGet,
		Route:  "/api/App/Processes",
		Query:  opts.values(),
		Result: &out,
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}
