package analytics

import (
	"encoding/json"

	"github.com/watsgo/sdk/internal/wiretime"
	"github.com/watsgo/sdk/report"
)

// Time is a server date-time; it accepts values with or without a zone
// (no zone means UTC).
type Time = wiretime.Time

// TopFailedStep is one row of the top-failed lists. Field names come from
// pyWATS; Extra keeps every other member (real rows
// probably carry the filter fields the internal lists need).
type TopFailedStep struct {
	StepName     string  `json:"stepName"`      // step name (stepName)
	StepPath     string  `json:"stepPath"`      // ¶-separated step path (stepPath)
	StepType     string  `json:"stepType"`      // step type, e.g. NumericLimit (stepType)
	StepGroup    string  `json:"stepGroup"`     // step group (stepGroup)
	PartNumber   string  `json:"partNumber"`    // product part number (partNumber)
	Revision     string  `json:"revision"`      // product revision (revision)
	ProductGroup string  `json:"productGroup"`  // product group name (productGroup)
	FailCount    int     `json:"failCount"`     // failed executions (failCount)
	TotalCount   int     `json:"totalCount"`    // all executions (totalCount)
	FailRate     float64 `json:"failRate"`      // failure rate, percent per pyWATS (failRate)
	FirstFail    *Time   `json:"firstFailDate"` // first failure (firstFailDate)
	LastFail     *Time   `json:"lastFailDate"`  // latest failure (lastFailDate)
	// Extra holds members not modelled above.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the known members and keeps the rest in Extra.
func (s *TopFailedStep) UnmarshalJSON(b []byte) error {
	type plain TopFailedStep
	var p plain
	extra, err := decodeKeepingExtra(b, &p)
	*s = TopFailedStep(p)
	s.Extra = extra
	return err
}

// StepAnalysisRow is one row of TestStepAnalysis. The "Wof" fields are the
// "without failures" variants (the SDK's reading of the name); CpLower and
// CpUpper are doubtful names (internal models say cpl/cpu, also accepted).
type StepAnalysisRow struct {
	StepName                  string   `json:"stepName"`                       // step name (stepName)
	StepPath                  string   `json:"stepPath"`                       // ¶-separated step path (stepPath)
	StepType                  string   `json:"stepType"`                       // step type, e.g. NumericLimit (stepType)
	StepGroup                 string   `json:"stepGroup"`                      // step group (stepGroup)
	StepCount                 int      `json:"stepCount"`                      // executions of the step (stepCount)
	StepPassedCount           int      `json:"stepPassedCount"`                // executions that passed (stepPassedCount)
	StepDoneCount             int      `json:"stepDoneCount"`                  // executions that ended Done (stepDoneCount)
	StepSkippedCount          int      `json:"stepSkippedCount"`               // executions skipped (stepSkippedCount)
	StepFailedCount           int      `json:"stepFailedCount"`                // executions that failed (stepFailedCount)
	StepErrorCount            int      `json:"stepErrorCount"`                 // executions that errored (stepErrorCount)
	StepTerminatedCount       int      `json:"stepTerminatedCount"`            // executions terminated (stepTerminatedCount)
	StepOtherCount            int      `json:"stepOtherCount"`                 // executions with another status (stepOtherCount)
	StepFailedErrorTerminated int      `json:"stepFailedErrorTerminatedCount"` // failed, errored or terminated executions (stepFailedErrorTerminatedCount)
	StepCausedUUTFailed       int      `json:"stepCausedUutFailed"`            // times the step caused the UUT to fail (stepCausedUutFailed)
	StepCausedUUTError        int      `json:"stepCausedUutError"`             // times the step caused a UUT error (stepCausedUutError)
	StepCausedUUTTerminated   int      `json:"stepCausedUutTerminated"`        // times the step caused UUT termination (stepCausedUutTerminated)
	Limit1                    *float64 `json:"limit1"`                         // first (low) limit (limit1)
	Limit2                    *float64 `json:"limit2"`                         // second (high) limit (limit2)
	CompOperator              string   `json:"compOperator"`                   // comparison operator, e.g. GELE (compOperator)
	StepTimeAvg               *float64 `json:"stepTimeAvg"`                    // average step time (stepTimeAvg)
	StepTimeMax               *float64 `json:"stepTimeMax"`                    // longest step time (stepTimeMax)
	StepTimeMin               *float64 `json:"stepTimeMin"`                    // shortest step time (stepTimeMin)
	MeasureName               string   `json:"measureName"`                    // measurement name (measureName)
	MeasureCount              int      `json:"measureCount"`                   // number of measurements (measureCount)
	Min                       *float64 `json:"min"`                            // smallest measured value (min)
	Max                       *float64 `json:"max"`                            // largest measured value (max)
	Avg                       *float64 `json:"avg"`                            // mean measured value (avg)
	Stdev                     *float64 `json:"stdev"`                          // standard deviation (stdev)
	Var                       *float64 `json:"var"`                            // variance (var)
	Cpk                       *float64 `json:"cpk"`                            // process capability index Cpk (cpk)
	Cp                        *float64 `json:"cp"`                             // process capability index Cp (cp)
	CpLower                   *float64 `json:"cpLower"`                        // lower capability index (cpLower, also cpl; name doubtful)
	CpUpper                   *float64 `json:"cpUpper"`                        // upper capability index (cpUpper, also cpu; name doubtful)
	// Extra holds the Wof twins and any member not modelled above.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the known members and keeps the rest in Extra.
func (s *StepAnalysisRow) UnmarshalJSON(b []byte) error {
	type plain StepAnalysisRow
	var p plain
	extra, err := decodeKeepingExtra(b, &p)
	*s = StepAnalysisRow(p)
	s.Extra = extra
	fallback(extra, &s.CpLower, "cpl")
	fallback(extra, &s.CpUpper, "cpu")
	return err
}

// Measurement is one measured value (Measurements items, MeasurementList
// items). Server spellings seen: id (or reportId), limit1/limit2 (or
// limitLow/limitHigh), startUtc (or timestamp); all are accepted.
type Measurement struct {
	ReportID     string   `json:"id"`                    // report id (id, also reportId)
	SerialNumber string   `json:"serialNumber"`          // unit serial number (serialNumber)
	PartNumber   string   `json:"partNumber"`            // product part number (partNumber)
	Revision     string   `json:"revision"`              // product revision (revision)
	StepName     string   `json:"stepName"`              // step name (stepName)
	StepPath     string   `json:"stepPath"`              // ¶-separated step path (stepPath)
	Value        *float64 `json:"value"`                 // measured value (value)
	StringValue  string   `json:"stringValue,omitempty"` // string value, list routes only (stringValue)
	Limit1       *float64 `json:"limit1"`                // low limit (limit1, also limitLow)
	Limit2       *float64 `json:"limit2"`                // high limit (limit2, also limitHigh)
	Unit         string   `json:"unit"`                  // measurement unit (unit)
	Status       string   `json:"status"`                // measurement status (status)
	StationName  string   `json:"stationName,omitempty"` // test station name, list routes only (stationName)
	Start        *Time    `json:"startUtc"`              // report start time (startUtc, also timestamp)
	// Extra holds members not modelled above.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the known members, the alternative spellings, and
// keeps the rest in Extra.
func (m *Measurement) UnmarshalJSON(b []byte) error {
	type plain Measurement
	var p plain
	extra, err := decodeKeepingExtra(b, &p)
	*m = Measurement(p)
	m.Extra = extra
	fallback(extra, &m.ReportID, "reportId")
	fallback(extra, &m.Limit1, "limitLow")
	fallback(extra, &m.Limit2, "limitHigh")
	fallback(extra, &m.Start, "timestamp")
	return err
}

// MeasurementGroup is the measurements of one requested path (Measurements).
type MeasurementGroup struct {
	MeasurementPath string        `json:"measurementPath"` // the requested measurement path (measurementPath)
	Measurements    []Measurement `json:"measurements"`    // the values measured at that path (measurements)
}

// AggregatedMeasurement is the statistics of one measurement path
// (AggregatedMeasurements). The SDK reads the nested answer and also
// accepts a flat one.
type AggregatedMeasurement struct {
	MeasurementPath string   `json:"measurementPath,omitempty"` // measurement path, nested answers only (measurementPath)
	StepName        string   `json:"stepName"`                  // step name (stepName)
	StepPath        string   `json:"stepPath"`                  // ¶-separated step path (stepPath)
	PartNumber      string   `json:"partNumber"`                // product part number (partNumber)
	Revision        string   `json:"revision"`                  // product revision (revision)
	Count           int      `json:"count"`                     // number of values (count)
	Min             *float64 `json:"min"`                       // smallest value (min)
	Max             *float64 `json:"max"`                       // largest value (max)
	Avg             *float64 `json:"avg"`                       // mean value (avg)
	Stdev           *float64 `json:"stdev"`                     // standard deviation (stdev)
	Var             *float64 `json:"var"`                       // variance (var)
	Limit1          *float64 `json:"limit1"`                    // low limit (limit1, also limitLow)
	Limit2          *float64 `json:"limit2"`                    // high limit (limit2, also limitHigh)
	Cpk             *float64 `json:"cpk"`                       // process capability index Cpk (cpk)
	Cp              *float64 `json:"cp"`                        // process capability index Cp (cp)
	CpLower         *float64 `json:"cpLower"`                   // lower capability index (cpLower, also cpl)
	CpUpper         *float64 `json:"cpUpper"`                   // upper capability index (cpUpper, also cpu)
	Unit            string   `json:"unit"`                      // measurement unit (unit)
	// Extra holds members not modelled above.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the known members and keeps the rest in Extra.
func (a *AggregatedMeasurement) UnmarshalJSON(b []byte) error {
	type plain AggregatedMeasurement
	var p plain
	extra, err := decodeKeepingExtra(b, &p)
	*a = AggregatedMeasurement(p)
	a.Extra = extra
	fallback(extra, &a.Limit1, "limitLow")
	fallback(extra, &a.Limit2, "limitHigh")
	fallback(extra, &a.CpLower, "cpl")
	fallback(extra, &a.CpUpper, "cpu")
	return err
}

// OEEResult is the answer of OEEAnalysis (pyWATS' shape;
// percent and minutes per pyWATS).
type OEEResult struct {
	OEE                   *float64 `json:"oee"`                   // overall equipment effectiveness, percent (oee)
	Availability          *float64 `json:"availability"`          // availability, percent (availability)
	Performance           *float64 `json:"performance"`           // performance, percent (performance)
	Quality               *float64 `json:"quality"`               // quality, percent (quality)
	TotalTime             *float64 `json:"totalTime"`             // total time, minutes (totalTime)
	RunTime               *float64 `json:"runTime"`               // run time, minutes (runTime)
	DownTime              *float64 `json:"downTime"`              // down time, minutes (downTime)
	PlannedProductionTime *float64 `json:"plannedProductionTime"` // planned production time, minutes (plannedProductionTime)
	TotalCount            int      `json:"totalCount"`            // units counted (totalCount)
	GoodCount             int      `json:"goodCount"`             // good units (goodCount)
	RejectCount           int      `json:"rejectCount"`           // rejected units (rejectCount)
	IdealCycleTime        *float64 `json:"idealCycleTime"`        // ideal cycle time (idealCycleTime)
	ActualCycleTime       *float64 `json:"actualCycleTime"`       // actual cycle time (actualCycleTime)
	Period                string   `json:"period"`                // period covered (period)
	PartNumber            string   `json:"partNumber"`            // product part number (partNumber)
	StationName           string   `json:"stationName"`           // test station name (stationName)
	// Extra holds members not modelled above.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the known members and keeps the rest in Extra.
func (o *OEEResult) UnmarshalJSON(b []byte) error {
	type plain OEEResult
	var p plain
	extra, err := decodeKeepingExtra(b, &p)
	*o = OEEResult(p)
	o.Extra = extra
	return err
}

// RepairHistoryRecord is one row of RelatedRepairHistory.
type RepairHistoryRecord struct {
	SerialNumber string `json:"serialNumber"` // unit serial number (serialNumber)
	PartNumber   string `json:"partNumber"`   // product part number (partNumber)
	Revision     string `json:"revision"`     // product revision (revision)
	ReportID     string `json:"reportId"`     // report id (reportId)
	RepairDate   *Time  `json:"repairDate"`   // when the repair was made (repairDate)
	FailStepName string `json:"failStepName"` // name of the failed step (failStepName)
	FailStepPath string `json:"failStepPath"` // path of the failed step (failStepPath)
	FailCode     string `json:"failCode"`     // fail code (failCode)
	RepairCode   string `json:"repairCode"`   // repair code (repairCode)
	Symptom      string `json:"symptom"`      // symptom (symptom)
	Cause        string `json:"cause"`        // cause (cause)
	Action       string `json:"action"`       // action taken (action)
	// Extra holds members not modelled above.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the known members and keeps the rest in Extra.
func (r *RepairHistoryRecord) UnmarshalJSON(b []byte) error {
	type plain RepairHistoryRecord
	var p plain
	extra, err := decodeKeepingExtra(b, &p)
	*r = RepairHistoryRecord(p)
	r.Extra = extra
	return err
}

// ReportHeader is the report summary the serial-number history and the
// report lists return: the same type the report service's header query
// returns.
type ReportHeader = report.ReportHeader
