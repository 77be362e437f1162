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
// pyWATS and are unverified; Extra keeps every other member (real rows
// probably carry the filter fields the internal lists need).
type TopFailedStep struct {
	StepName     string  `json:"stepName"`
	StepPath     string  `json:"stepPath"`
	StepType     string  `json:"stepType"`
	StepGroup    string  `json:"stepGroup"`
	PartNumber   string  `json:"partNumber"`
	Revision     string  `json:"revision"`
	ProductGroup string  `json:"productGroup"`
	FailCount    int     `json:"failCount"`
	TotalCount   int     `json:"totalCount"`
	FailRate     float64 `json:"failRate"`
	FirstFail    *Time   `json:"firstFailDate"`
	LastFail     *Time   `json:"lastFailDate"`
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
// "without failures" variants (interpretation unverified); CpLower and
// CpUpper are doubtful names (internal models say cpl/cpu, also accepted).
type StepAnalysisRow struct {
	StepName                  string   `json:"stepName"`
	StepPath                  string   `json:"stepPath"`
	StepType                  string   `json:"stepType"`
	StepGroup                 string   `json:"stepGroup"`
	StepCount                 int      `json:"stepCount"`
	StepPassedCount           int      `json:"stepPassedCount"`
	StepDoneCount             int      `json:"stepDoneCount"`
	StepSkippedCount          int      `json:"stepSkippedCount"`
	StepFailedCount           int      `json:"stepFailedCount"`
	StepErrorCount            int      `json:"stepErrorCount"`
	StepTerminatedCount       int      `json:"stepTerminatedCount"`
	StepOtherCount            int      `json:"stepOtherCount"`
	StepFailedErrorTerminated int      `json:"stepFailedErrorTerminatedCount"`
	StepCausedUUTFailed       int      `json:"stepCausedUutFailed"`
	StepCausedUUTError        int      `json:"stepCausedUutError"`
	StepCausedUUTTerminated   int      `json:"stepCausedUutTerminated"`
	Limit1                    *float64 `json:"limit1"`
	Limit2                    *float64 `json:"limit2"`
	CompOperator              string   `json:"compOperator"`
	StepTimeAvg               *float64 `json:"stepTimeAvg"`
	StepTimeMax               *float64 `json:"stepTimeMax"`
	StepTimeMin               *float64 `json:"stepTimeMin"`
	MeasureName               string   `json:"measureName"`
	MeasureCount              int      `json:"measureCount"`
	Min                       *float64 `json:"min"`
	Max                       *float64 `json:"max"`
	Avg                       *float64 `json:"avg"`
	Stdev                     *float64 `json:"stdev"`
	Var                       *float64 `json:"var"`
	Cpk                       *float64 `json:"cpk"`
	Cp                        *float64 `json:"cp"`
	CpLower                   *float64 `json:"cpLower"`
	CpUpper                   *float64 `json:"cpUpper"`
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

// Measurement is one measured value (AN15 items, ANI8/ANI9 list items).
// Server spellings seen: id (or reportId), limit1/limit2 (or
// limitLow/limitHigh), startUtc (or timestamp); all are accepted.
type Measurement struct {
	ReportID     string   `json:"id"`
	SerialNumber string   `json:"serialNumber"`
	PartNumber   string   `json:"partNumber"`
	Revision     string   `json:"revision"`
	StepName     string   `json:"stepName"`
	StepPath     string   `json:"stepPath"`
	Value        *float64 `json:"value"`
	StringValue  string   `json:"stringValue,omitempty"`
	Limit1       *float64 `json:"limit1"`
	Limit2       *float64 `json:"limit2"`
	Unit         string   `json:"unit"`
	Status       string   `json:"status"`
	StationName  string   `json:"stationName,omitempty"`
	Start        *Time    `json:"startUtc"`
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

// MeasurementGroup is the measurements of one requested path (AN15).
type MeasurementGroup struct {
	MeasurementPath string        `json:"measurementPath"`
	Measurements    []Measurement `json:"measurements"`
}

// AggregatedMeasurement is the statistics of one measurement path (AN16;
// shape unverified, nested and flat answers are both accepted).
type AggregatedMeasurement struct {
	MeasurementPath string   `json:"measurementPath,omitempty"`
	StepName        string   `json:"stepName"`
	StepPath        string   `json:"stepPath"`
	PartNumber      string   `json:"partNumber"`
	Revision        string   `json:"revision"`
	Count           int      `json:"count"`
	Min             *float64 `json:"min"`
	Max             *float64 `json:"max"`
	Avg             *float64 `json:"avg"`
	Stdev           *float64 `json:"stdev"`
	Var             *float64 `json:"var"`
	Limit1          *float64 `json:"limit1"`
	Limit2          *float64 `json:"limit2"`
	Cpk             *float64 `json:"cpk"`
	Cp              *float64 `json:"cp"`
	CpLower         *float64 `json:"cpLower"`
	CpUpper         *float64 `json:"cpUpper"`
	Unit            string   `json:"unit"`
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

// OEEResult is the answer of OEEAnalysis (whole shape unverified; percent
// and minutes per pyWATS).
type OEEResult struct {
	OEE                   *float64 `json:"oee"`
	Availability          *float64 `json:"availability"`
	Performance           *float64 `json:"performance"`
	Quality               *float64 `json:"quality"`
	TotalTime             *float64 `json:"totalTime"`
	RunTime               *float64 `json:"runTime"`
	DownTime              *float64 `json:"downTime"`
	PlannedProductionTime *float64 `json:"plannedProductionTime"`
	TotalCount            int      `json:"totalCount"`
	GoodCount             int      `json:"goodCount"`
	RejectCount           int      `json:"rejectCount"`
	IdealCycleTime        *float64 `json:"idealCycleTime"`
	ActualCycleTime       *float64 `json:"actualCycleTime"`
	Period                string   `json:"period"`
	PartNumber            string   `json:"partNumber"`
	StationName           string   `json:"stationName"`
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
	SerialNumber string `json:"serialNumber"`
	PartNumber   string `json:"partNumber"`
	Revision     string `json:"revision"`
	ReportID     string `json:"reportId"`
	RepairDate   *Time  `json:"repairDate"`
	FailStepName string `json:"failStepName"`
	FailStepPath string `json:"failStepPath"`
	FailCode     string `json:"failCode"`
	RepairCode   string `json:"repairCode"`
	Symptom      string `json:"symptom"`
	Cause        string `json:"cause"`
	Action       string `json:"action"`
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
// returns (spec report.md §3.1).
type ReportHeader = report.ReportHeader
