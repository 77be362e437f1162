package process

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// Internal calls WATS' internal process routes (/api/internal/Process/...).
// Virinco does not document them and may change them without notice; the
// transport adds the Referer header they require. Nothing here is cached.
type Internal struct {
	t transport.Doer
}

var guidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

func checkGUID(op, field, v string) error {
	if !guidRE.MatchString(v) {
		return errs.Invalid(op, field, "must be a GUID like 0f8fad5b-d9cb-469f-a165-70867728950e, got "+strconv.Quote(v))
	}
	return nil
}

// Processes lists the processes with their GUIDs (PascalCase model).
//
// WATS API: GET /api/internal/Process/GetProcesses
func (in *Internal) Processes(ctx context.Context) ([]InternalProcess, error) {
	var out []InternalProcess
	_, err := in.t.Do(ctx, &transport.Request{Op: "process.Internal.Processes", Method: http.MethodGet,
		Route: "/api/internal/Process/GetProcesses", Result: &out})
	return out, err
}

// Process returns one process by its GUID. An empty answer body
// (as some servers give for an unknown id) is an error matching
// wats.ErrNotFound, like a 404.
//
// WATS API: GET /api/internal/Process/GetProcess/{id}
func (in *Internal) Process(ctx context.Context, id string) (InternalProcess, error) {
	const op = "process.Internal.Process"
	if err := checkGUID(op, "id", id); err != nil {
		return InternalProcess{}, err
	}
	var out *InternalProcess
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet,
		Route: "/api/internal/Process/GetProcess/{id}", PathParams: map[string]string{"id": id}, Result: &out})
	if err != nil {
		return InternalProcess{}, err
	}
	if out == nil {
		return InternalProcess{}, &errs.APIError{Op: op, Method: http.MethodGet, Route: "/api/internal/Process/GetProcess/{id}",
			StatusCode: http.StatusNotFound, Message: "empty answer for process " + id}
	}
	return *out, nil
}

// RepairOperation is one entry of RepairOperations.
type RepairOperation struct {
	// Code is the repair process code.
	Code int
	// Config holds its fail-code tree and form rules.
	Config RepairOperationConfig
}

// RepairOperations returns the configuration of every repair operation,
// sorted by code. The server answers an object keyed by code; entries
// whose key is not an integer or whose value does not parse are skipped.
//
// WATS API: GET /api/internal/Process/GetRepairOperations
func (in *Internal) RepairOperations(ctx context.Context) ([]RepairOperation, error) {
	var raw map[string]json.RawMessage
	_, err := in.t.Do(ctx, &transport.Request{Op: "process.Internal.RepairOperations", Method: http.MethodGet,
		Route: "/api/internal/Process/GetRepairOperations", Result: &raw})
	if err != nil {
		return nil, err
	}
	out := make([]RepairOperation, 0, len(raw))
	for k, v := range raw {
		code, err := strconv.Atoi(k)
		if err != nil {
			continue
		}
		var cfg RepairOperationConfig
		if json.Unmarshal(v, &cfg) != nil {
			continue
		}
		out = append(out, RepairOperation{Code: code, Config: cfg})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out, nil
}

// RepairOperationOptions narrows RepairOperation.
type RepairOperationOptions struct {
	// ProcessCode, when non-nil, narrows the answer to one code.
	ProcessCode *int
}

// RepairOperation returns the repair configuration of the process with GUID
// id, raw (the SDK does not type it); it is expected to be one
// RepairOperationConfig, which json.Unmarshal into that type reads. opts may be nil.
//
// WATS API: GET /api/internal/Process/GetRepairOperation/{id}
func (in *Internal) RepairOperation(ctx context.Context, id string, opts *RepairOperationOptions) (json.RawMessage, error) {
	const op = "process.Internal.RepairOperation"
	if err := checkGUID(op, "id", id); err != nil {
		return nil, err
	}
	var q url.Values
	if opts != nil && opts.ProcessCode != nil {
		q = url.Values{"processCode": {strconv.Itoa(*opts.ProcessCode)}}
	}
	var out json.RawMessage
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet,
		Route: "/api/internal/Process/GetRepairOperation/{id}", PathParams: map[string]string{"id": id}, Query: q, Result: &out})
	return out, err
}
