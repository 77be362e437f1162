package analytics

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// Internal calls the server's internal, unstable analytics routes
// (/api/internal/UnitFlow, /api/internal/App, /api/internal/Trigger).
// They are not part of the public WATS API and may change with any server
// release. Unlike pyWATS, every non-2xx answer is returned as an error.
// Answers whose shape the server does not document are returned raw.
type Internal struct {
	t transport.Doer
}

func (in *Internal) post(ctx context.Context, op, route string, q url.Values, f *Filter, out any) error {
	v := &errs.ValidationError{Op: op}
	wire := f.prepared(v)
	if err := v.OrNil(); err != nil {
		return err
	}
	return query(ctx, in.t, op, route, q, wire, out)
}

// UnitFlowResult is the unit-flow graph, in pyWATS' shape:
// nodes are operations, links the moves of units between them.
type UnitFlowResult struct {
	Nodes      []UnitFlowNode  `json:"nodes"`           // operations of the flow (nodes)
	Links      []UnitFlowLink  `json:"links"`           // moves of units between operations (links)
	Units      json.RawMessage `json:"units,omitempty"` // units in the flow, raw (units)
	TotalUnits int             `json:"totalUnits"`      // total number of units (totalUnits)
}

// UnitFlowNode is one operation of the unit flow.
type UnitFlowNode struct {
	ID          json.RawMessage `json:"id"`           // node id, a string or a number (id)
	Name        string          `json:"name"`         // node name (name)
	ProcessCode int             `json:"processCode"`  // test operation (process) code (processCode)
	ProcessName string          `json:"processName"`  // test operation (process) name (processName)
	UnitCount   int             `json:"unitCount"`    // units through the node (unitCount)
	PassCount   int             `json:"passCount"`    // units that passed (passCount)
	FailCount   int             `json:"failCount"`    // units that failed (failCount)
	Yield       *float64        `json:"yieldPercent"` // yield in percent (yieldPercent, also yield)
	// Extra holds members not modelled above.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the known members and keeps the rest in Extra.
func (n *UnitFlowNode) UnmarshalJSON(b []byte) error {
	type plain UnitFlowNode
	var p plain
	extra, err := decodeKeepingExtra(b, &p)
	*n = UnitFlowNode(p)
	n.Extra = extra
	fallback(extra, &n.Yield, "yield")
	return err
}

// UnitFlowLink is a move of units from one operation to the next.
type UnitFlowLink struct {
	SourceID  json.RawMessage `json:"sourceId"`   // id of the source node (sourceId)
	TargetID  json.RawMessage `json:"targetId"`   // id of the target node (targetId)
	Source    string          `json:"sourceName"` // name of the source node (sourceName)
	Target    string          `json:"targetName"` // name of the target node (targetName)
	UnitCount int             `json:"unitCount"`  // units that moved along the link (unitCount)
	// Extra holds members not modelled above.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the known members and keeps the rest in Extra.
func (l *UnitFlowLink) UnmarshalJSON(b []byte) error {
	type plain UnitFlowLink
	var p plain
	extra, err := decodeKeepingExtra(b, &p)
	*l = UnitFlowLink(p)
	l.Extra = extra
	if l.SourceID == nil {
		l.SourceID = extra["source"]
	}
	if l.TargetID == nil {
		l.TargetID = extra["target"]
	}
	return err
}

// UnitFlow returns the flow of units through operations for the filter.
//
// WATS API: POST /api/internal/UnitFlow
func (in *Internal) UnitFlow(ctx context.Context, f *Filter) (*UnitFlowResult, error) {
	var out UnitFlowResult
	if err := in.post(ctx, "analytics.Internal.UnitFlow", "/api/internal/UnitFlow", nil, f, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

func (in *Internal) flowGet(ctx context.Context, op, route, filter string) (json.RawMessage, error) {
	if strings.TrimSpace(filter) == "" {
		return nil, errs.Invalid(op, "filter", "is required by the server (its content is unverified; the emulator accepts a JSON filter)")
	}
	var out json.RawMessage
	return out, get(ctx, in.t, op, route, url.Values{"filter": {filter}}, &out)
}

// UnitFlowLinks returns the links of a unit flow, raw. filter is passed
// through as given; a serialised Filter is the expected content.
//
// WATS API: GET /api/internal/UnitFlow/Links
func (in *Internal) UnitFlowLinks(ctx context.Context, filter string) (json.RawMessage, error) {
	return in.flowGet(ctx, "analytics.Internal.UnitFlowLinks", "/api/internal/UnitFlow/Links", filter)
}

// UnitFlowNodes returns the nodes of a unit flow, raw.
//
// WATS API: GET /api/internal/UnitFlow/Nodes
func (in *Internal) UnitFlowNodes(ctx context.Context, filter string) (json.RawMessage, error) {
	return in.flowGet(ctx, "analytics.Internal.UnitFlowNodes", "/api/internal/UnitFlow/Nodes", filter)
}

// UnitFlowUnits returns the units of a unit flow, raw.
//
// WATS API: GET /api/internal/UnitFlow/Units
func (in *Internal) UnitFlowUnits(ctx context.Context, filter string) (json.RawMessage, error) {
	return in.flowGet(ctx, "analytics.Internal.UnitFlowUnits", "/api/internal/UnitFlow/Units", filter)
}

// FilterJSON serialises f as the filter string UnitFlowLinks, UnitFlowNodes
// and UnitFlowUnits take.
func FilterJSON(f *Filter) (string, error) {
	v := &errs.ValidationError{Op: "analytics.FilterJSON"}
	wire := f.prepared(v)
	if err := v.OrNil(); err != nil {
		return "", err
	}
	b, err := json.Marshal(wire)
	return string(b), err
}

// UnitFlowSerialNumbers returns the serial numbers of units by their
// integer unit ids, raw.
//
// WATS API: POST /api/internal/UnitFlow/SN
func (in *Internal) UnitFlowSerialNumbers(ctx context.Context, unitIDs []int) (json.RawMessage, error) {
	const op = "analytics.Internal.UnitFlowSerialNumbers"
	if len(unitIDs) == 0 {
		return nil, errs.Invalid(op, "unitIds", "at least one unit id is required")
	}
	var out json.RawMessage
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: "/api/internal/UnitFlow/SN", JSON: unitIDs, Result: &out, Idempotent: transport.Bool(true)})
	return out, err
}

// UnitFlowSplitBy returns the unit flow split by the filter's grouping, raw.
//
// WATS API: POST /api/internal/UnitFlow/SplitBy
func (in *Internal) UnitFlowSplitBy(ctx context.Context, f *Filter) (json.RawMessage, error) {
	var out json.RawMessage
	return out, in.post(ctx, "analytics.Internal.UnitFlowSplitBy", "/api/internal/UnitFlow/SplitBy", nil, f, &out)
}

// UnitRef is the unit element of UnitFlowUnitOrder (the internal Spec's
// UnitFlow.UnitFlowUnit).
type UnitRef struct {
	Source          int      `json:"source"`                    // source node id (source)
	Target          int      `json:"target"`                    // target node id (target)
	UnitID          int      `json:"unitId"`                    // unit id (unitId)
	IsOld           bool     `json:"isOld"`                     // flag isOld, passed through (isOld)
	IsLast          bool     `json:"isLast"`                    // flag isLast, passed through (isLast)
	IsLastPassed    bool     `json:"isLastPassed"`              // flag isLastPassed, passed through (isLastPassed)
	HasPassed       bool     `json:"hasPassed"`                 // whether the unit has passed (hasPassed)
	HasFailed       bool     `json:"hasFailed"`                 // whether the unit has failed (hasFailed)
	HasRetest       bool     `json:"hasRetest"`                 // whether the unit was retested (hasRetest)
	Orders          []int    `json:"orders,omitempty"`          // order numbers, passed through (orders)
	ResultHistories []string `json:"resultHistories,omitempty"` // result history strings, passed through (resultHistories)
}

// UnitFlowUnitOrder sends the order of units through the flow, raw answer.
//
// WATS API: POST /api/internal/UnitFlow/UnitOrder
func (in *Internal) UnitFlowUnitOrder(ctx context.Context, units []UnitRef) (json.RawMessage, error) {
	const op = "analytics.Internal.UnitFlowUnitOrder"
	if len(units) == 0 {
		return nil, errs.Invalid(op, "units", "at least one unit is required")
	}
	var out json.RawMessage
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: "/api/internal/UnitFlow/UnitOrder", JSON: units, Result: &out, Idempotent: transport.Bool(true)})
	return out, err
}

// ListFilters are the XML step and sequence filters the internal list
// routes require; "<filters></filters>" (the default) selects everything.
// The SDK passes the XML through unchecked.
type ListFilters struct {
	StepFilters     string // XML step filter (query stepFilters)
	SequenceFilters string // XML sequence filter (query sequenceFilters)
}

func (l ListFilters) values() url.Values {
	if l.StepFilters == "" {
		l.StepFilters = "<filters></filters>"
	}
	if l.SequenceFilters == "" {
		l.SequenceFilters = "<filters></filters>"
	}
	return url.Values{"stepFilters": {l.StepFilters}, "sequenceFilters": {l.SequenceFilters}}
}

// MeasurementList returns individual measurements for the filter.
//
// WATS API: POST /api/internal/App/MeasurementList
func (in *Internal) MeasurementList(ctx context.Context, f *Filter, l ListFilters) ([]Measurement, error) {
	var out []Measurement
	return out, in.post(ctx, "analytics.Internal.MeasurementList", "/api/internal/App/MeasurementList", l.values(), f, &out)
}

// MeasurementListRecent is MeasurementList over the last o.Days days.
//
// WATS API: GET /api/internal/App/MeasurementList
func (in *Internal) MeasurementListRecent(ctx context.Context, o RecentOptions, l ListFilters) ([]Measurement, error) {
	var out []Measurement
	return out, in.recentList(ctx, "analytics.Internal.MeasurementListRecent", "/api/internal/App/MeasurementList", o, l, &out)
}

// StepStatusItem is one row of the step-status lists, in pyWATS' shape.
type StepStatusItem struct {
	StepName     string `json:"stepName"`     // step name (stepName)
	StepPath     string `json:"stepPath"`     // ¶-separated step path (stepPath)
	StepType     string `json:"stepType"`     // step type, e.g. NumericLimit (stepType)
	PartNumber   string `json:"partNumber"`   // product part number (partNumber)
	Revision     string `json:"revision"`     // product revision (revision)
	PassCount    int    `json:"passCount"`    // passed executions (passCount)
	FailCount    int    `json:"failCount"`    // failed executions (failCount)
	TotalCount   int    `json:"totalCount"`   // all executions (totalCount)
	Status       string `json:"status"`       // step status (status)
	SerialNumber string `json:"serialNumber"` // unit serial number (serialNumber)
	ReportID     string `json:"id"`           // report id (id, also reportId)
	// Extra holds members not modelled above.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the known members and keeps the rest in Extra.
func (s *StepStatusItem) UnmarshalJSON(b []byte) error {
	type plain StepStatusItem
	var p plain
	extra, err := decodeKeepingExtra(b, &p)
	*s = StepStatusItem(p)
	s.Extra = extra
	fallback(extra, &s.ReportID, "reportId")
	return err
}

// StepStatusList returns step pass/fail counts for the filter.
//
// WATS API: POST /api/internal/App/StepStatusList
func (in *Internal) StepStatusList(ctx context.Context, f *Filter, l ListFilters) ([]StepStatusItem, error) {
	var out []StepStatusItem
	return out, in.post(ctx, "analytics.Internal.StepStatusList", "/api/internal/App/StepStatusList", l.values(), f, &out)
}

// StepStatusListRecent is StepStatusList over the last o.Days days.
//
// WATS API: GET /api/internal/App/StepStatusList
func (in *Internal) StepStatusListRecent(ctx context.Context, o RecentOptions, l ListFilters) ([]StepStatusItem, error) {
	var out []StepStatusItem
	return out, in.recentList(ctx, "analytics.Internal.StepStatusListRecent", "/api/internal/App/StepStatusList", o, l, &out)
}

func (in *Internal) recentList(ctx context.Context, op, route string, o RecentOptions, l ListFilters, out any) error {
	v := &errs.ValidationError{Op: op}
	q := o.values(v)
	if err := v.OrNil(); err != nil {
		return err
	}
	for k, vs := range l.values() {
		q[k] = vs
	}
	return get(ctx, in.t, op, route, q, out)
}

// TopFailed is the internal variant of Service.TopFailed.
//
// WATS API: POST /api/internal/App/TopFailed
func (in *Internal) TopFailed(ctx context.Context, f *Filter) ([]TopFailedStep, error) {
	var out []TopFailedStep
	return out, in.post(ctx, "analytics.Internal.TopFailed", "/api/internal/App/TopFailed", nil, f, &out)
}

// TopFailedRecent is the internal variant of Service.TopFailedRecent.
//
// WATS API: GET /api/internal/App/TopFailed
func (in *Internal) TopFailedRecent(ctx context.Context, o TopFailedOptions) ([]TopFailedStep, error) {
	const op = "analytics.Internal.TopFailedRecent"
	v := &errs.ValidationError{Op: op}
	q := o.values(v)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out []TopFailedStep
	return out, get(ctx, in.t, op, "/api/internal/App/TopFailed", q, &out)
}

// AlarmType is the kind of an alarm log entry.
type AlarmType int

// Alarm types (their use as includeTypes is inferred).
const (
	AlarmReport       AlarmType = 1
	AlarmYield        AlarmType = 2
	AlarmSerialNumber AlarmType = 3
	AlarmMeasurement  AlarmType = 4
	AlarmAsset        AlarmType = 5
)

// AlarmOptions narrow AlarmLogs.
type AlarmOptions struct {
	IncludeCalculationString bool // ask for the calculation string (query includeCalculationString)
	// Types limits the result to these alarm types (all when empty).
	Types []AlarmType
}

// AlarmLog is one alarm or notification log entry. Type-specific members
// (yield figures, measurement statistics, asset state with all-lowercase
// keys) stay in Extra.
type AlarmLog struct {
	LogID              int       `json:"logId"`              // log entry id (logId)
	Name               string    `json:"name"`               // alarm name (name)
	LogDate            *Time     `json:"logDate"`            // when the entry was logged (logDate)
	TriggerID          int       `json:"triggerId"`          // id of the trigger that fired (triggerId)
	Type               AlarmType `json:"type"`               // alarm kind (type)
	State              string    `json:"state"`              // alarm state, e.g. "C" (state)
	CalculationsString string    `json:"calculationsString"` // the calculation behind the alarm (calculationsString)
	PartNumber         string    `json:"partNumber"`         // product part number (partNumber)
	ProductName        string    `json:"productName"`        // product name (productName)
	ProcessCode        string    `json:"processCode"`        // test operation (process) code, as text (processCode)
	ProcessName        string    `json:"processName"`        // test operation (process) name (processName)
	// Extra holds members not modelled above.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the known members and keeps the rest in Extra.
func (a *AlarmLog) UnmarshalJSON(b []byte) error {
	type plain AlarmLog
	var p plain
	extra, err := decodeKeepingExtra(b, &p)
	*a = AlarmLog(p)
	a.Extra = extra
	return err
}

// AlarmLogs returns alarm and notification logs for the filter's level,
// product group, dates and top count.
//
// WATS API: POST /api/internal/Trigger/GetAlarmAndNotificationLogs
func (in *Internal) AlarmLogs(ctx context.Context, f *Filter, o AlarmOptions) ([]AlarmLog, error) {
	const op = "analytics.Internal.AlarmLogs"
	q := url.Values{}
	if o.IncludeCalculationString {
		q.Set("includeCalculationString", "true")
	}
	if len(o.Types) > 0 {
		ids := make([]string, len(o.Types))
		for i, t := range o.Types {
			if t < AlarmReport || t > AlarmAsset {
				return nil, errs.Invalid(op, "includeTypes["+strconv.Itoa(i)+"]", "unknown alarm type "+strconv.Itoa(int(t)))
			}
			ids[i] = strconv.Itoa(int(t))
		}
		q.Set("includeTypes", strings.Join(ids, ";"))
	}
	var out []AlarmLog
	return out, in.post(ctx, op, "/api/internal/Trigger/GetAlarmAndNotificationLogs", q, f, &out)
}

// AggregateOptions narrows the internal aggregated measurements.
type AggregateOptions struct {
	// MeasurementName keeps only the measurements of this name (query
	// measurementName); "" keeps all.
	MeasurementName string
}

func (o *AggregateOptions) apply(q url.Values) url.Values {
	if o != nil && o.MeasurementName != "" {
		q.Set("measurementName", o.MeasurementName)
	}
	return q
}

// AggregatedMeasurements returns statistics (count, min, max, mean,
// deviation, capability) per measurement path of the measurements the
// filter and the XML list filters select; o may be nil. Unlike
// Service.AggregatedMeasurements it needs no paths.
//
// WATS API: POST /api/internal/App/AggregatedMeasurements
func (in *Internal) AggregatedMeasurements(ctx context.Context, f *Filter, l ListFilters, o *AggregateOptions) ([]AggregatedMeasurement, error) {
	var out []AggregatedMeasurement
	return out, in.post(ctx, "analytics.Internal.AggregatedMeasurements", "/api/internal/App/AggregatedMeasurements", o.apply(l.values()), f, &out)
}

// AggregatedMeasurementsRecent is AggregatedMeasurements over the last
// r.Days days; o may be nil.
//
// WATS API: GET /api/internal/App/AggregatedMeasurements
func (in *Internal) AggregatedMeasurementsRecent(ctx context.Context, r RecentOptions, l ListFilters, o *AggregateOptions) ([]AggregatedMeasurement, error) {
	const op = "analytics.Internal.AggregatedMeasurementsRecent"
	v := &errs.ValidationError{Op: op}
	q := r.values(v)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	for k, vs := range l.values() {
		q[k] = vs
	}
	var out []AggregatedMeasurement
	return out, get(ctx, in.t, op, "/api/internal/App/AggregatedMeasurements", o.apply(q), &out)
}
