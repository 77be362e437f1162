package process

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// checkProcess refuses a process body the server cannot take.
func checkProcess(v *errs.ValidationError, at string, p *InternalProcess, needID bool) {
	if p == nil {
		v.Add(at, "required", "is required")
		return
	}
	if strings.TrimSpace(p.Name) == "" {
		v.Add(at+".Name", "required", "is required")
	}
	if p.Code <= 0 {
		v.Add(at+".Code", "min=1", "must be a positive process code")
	}
	switch {
	case needID && p.ProcessID == "":
		v.Add(at+".ProcessID", "required", "is required (the GUID of an existing process)")
	case p.ProcessID != "" && !guidRE.MatchString(p.ProcessID):
		v.Add(at+".ProcessID", "uuid", "must be a GUID, got "+strconv.Quote(p.ProcessID))
	}
}

// Create adds a process and returns it as stored, with its ProcessID.
// The code must be free. The process cache of Service is not refreshed:
// call Service.Refresh when lookups must see the new process.
//
// WATS API: POST /api/internal/Process/PostProcess
func (in *Internal) Create(ctx context.Context, p *InternalProcess) (*InternalProcess, error) {
	const op = "process.Internal.Create"
	v := &errs.ValidationError{Op: op}
	checkProcess(v, "process", p, false)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out InternalProcess
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: "/api/internal/Process/PostProcess", JSON: p, Result: &out})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Update replaces the process p.ProcessID with p.
//
// WATS API: PUT /api/internal/Process/PutProcess
func (in *Internal) Update(ctx context.Context, p *InternalProcess) error {
	const op = "process.Internal.Update"
	v := &errs.ValidationError{Op: op}
	checkProcess(v, "process", p, true)
	if err := v.OrNil(); err != nil {
		return err
	}
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/internal/Process/PutProcess", JSON: p})
	return err
}

// UpdateBatch replaces several processes in one request, each by its
// ProcessID.
//
// WATS API: PUT /api/internal/Process/Update
func (in *Internal) UpdateBatch(ctx context.Context, ps []InternalProcess) error {
	const op = "process.Internal.UpdateBatch"
	v := &errs.ValidationError{Op: op}
	if len(ps) == 0 {
		v.Add("processes", "min=1", "needs at least one process")
	}
	for i := range ps {
		checkProcess(v, "processes["+strconv.Itoa(i)+"]", &ps[i], true)
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/internal/Process/Update", JSON: ps})
	return err
}

// Delete removes the process with GUID id and returns it as it was (nil
// when the server answers without a body).
//
// WATS API: DELETE /api/internal/Process/DeleteProcess/{id}
func (in *Internal) Delete(ctx context.Context, id string) (*InternalProcess, error) {
	const op = "process.Internal.Delete"
	if err := checkGUID(op, "id", id); err != nil {
		return nil, err
	}
	var out *InternalProcess
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodDelete, Route: "/api/internal/Process/DeleteProcess/{id}",
		PathParams: map[string]string{"id": strings.ToLower(id)}, Result: &out})
	return out, err
}

// UpdateRepairOperation replaces the fail-code tree and form rules of the
// repair process with GUID processID. Fail codes and misc infos without a
// GUID are new; AllowedValues is the server's and is not sent.
//
// WATS API: PUT /api/internal/Process/PutRepairOperation
func (in *Internal) UpdateRepairOperation(ctx context.Context, processID string, cfg *RepairOperationConfig) error {
	const op = "process.Internal.UpdateRepairOperation"
	if err := checkGUID(op, "processId", processID); err != nil {
		return err
	}
	v := &errs.ValidationError{Op: op}
	if cfg == nil {
		v.Add("repairOperation", "required", "is required")
		return v
	}
	checkTree(v, "repairOperation.Categories", cfg.Categories)
	for i, m := range cfg.MiscInfos {
		if m.GUID != "" && !guidRE.MatchString(m.GUID) {
			v.Add("repairOperation.MiscInfos["+strconv.Itoa(i)+"].GUID", "uuid", "must be a GUID or empty")
		}
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	body := *cfg
	body.MiscInfos = make([]RepairMiscInfo, len(cfg.MiscInfos))
	for i, m := range cfg.MiscInfos {
		m.AllowedValues = nil
		body.MiscInfos[i] = m
	}
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/internal/Process/PutRepairOperation",
		Query: url.Values{"processId": {strings.ToLower(processID)}}, JSON: body})
	return err
}

func checkTree(v *errs.ValidationError, at string, cats []RepairCategory) {
	for i, c := range cats {
		here := at + "[" + strconv.Itoa(i) + "]"
		if c.GUID != "" && !guidRE.MatchString(c.GUID) {
			v.Add(here+".GUID", "uuid", "must be a GUID or empty")
		}
		if strings.TrimSpace(c.Description) == "" {
			v.Add(here+".Description", "required", "is required")
		}
		checkTree(v, here+".Failcodes", c.Failcodes)
	}
}
