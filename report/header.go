package report

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// ReportHeader is one row of the report header query (R1, R2): the summary
// the server keeps for every UUT or UUR report. It carries the spec's model
// name (report.md §3.1) because Header is the WSJF document header of the
// report model. Wire names follow the spec; unknown fields are ignored, so
// newer servers decode fine.
type ReportHeader struct {
	// ID is the report GUID (wire name "uuid").
	ID string `json:"uuid"`
	// SerialNumber is the unit's serial number (wire serialNumber).
	SerialNumber string `json:"serialNumber,omitempty"`
	// PartNumber is the unit's part number (wire partNumber).
	PartNumber string `json:"partNumber,omitempty"`
	// Revision is the unit's part revision (wire revision).
	Revision string `json:"revision,omitempty"`
	// BatchNumber is the batch number (wire batchNumber).
	BatchNumber string `json:"batchNumber,omitempty"`
	// ReportType is "T" (UUT) or "R" (UUR).
	ReportType Type `json:"reportType,omitempty"`
	// StationName is the name of the station the report came from (wire
	// stationName).
	StationName string `json:"stationName,omitempty"`
	// Location is the station location (wire location).
	Location string `json:"location,omitempty"`
	// Purpose is the station purpose, e.g. "Production" (wire purpose).
	Purpose string `json:"purpose,omitempty"`
	// ProcessCode is the test operation for UUT headers and the repair
	// operation for UUR headers.
	ProcessCode int `json:"processCode,omitempty"`
	// ProcessName is the name matching ProcessCode (wire processName).
	ProcessName string `json:"processName,omitempty"`
	// Result is kept as the server sends it: the spec does not settle whether
	// it is a word ("Passed", "Failed") or a code ("P", "F").
	Result string `json:"result,omitempty"`
	// Start is the local start time with its offset. The field is not in
	// pyWATS' model but is the one used in $filter and $orderby.
	Start time.Time `json:"start,omitempty"`
	// StartUTC is the start instant in UTC (wire name "startUtc").
	StartUTC time.Time `json:"startUtc,omitempty"`
	// Operator is the operator name; the wire name "operator" is unverified.
	Operator string `json:"operator,omitempty"`
	// Comment is the report comment (wire comment).
	Comment string `json:"comment,omitempty"`
	// ExecutionTime is the execution time in seconds (wire executionTime, WATS
	// 2022.2 and later).
	ExecutionTime float64 `json:"executionTime,omitempty"`
	// SWFilename is the test software file (wire swFilename, WATS 2022.2 and
	// later).
	SWFilename string `json:"swFilename,omitempty"`
	// SWVersion is the test software version (wire swVersion, WATS 2022.2 and
	// later).
	SWVersion string `json:"swVersion,omitempty"`
	// TestSocketIndex is a pointer because -1 and 0 are both meaningful.
	TestSocketIndex *int `json:"testSocketIndex,omitempty"`
	// FixtureID is the fixture id (wire fixtureId, WATS 2022.2 and later).
	FixtureID string `json:"fixtureId,omitempty"`
	// Run is the run number (wire run, WATS 2022.2 and later).
	Run int `json:"run,omitempty"`
	// PassedInRun is the run in which the unit first passed (wire passedInRun,
	// WATS 2022.2 and later).
	PassedInRun int `json:"passedInRun,omitempty"`
	// ReceiveCount is how many times this report id was received (wire
	// receiveCount, WATS 2022.2 and later).
	ReceiveCount int `json:"receiveCount,omitempty"`
	// ReportSize is the report size in KB (wire reportSize, WATS 2022.2 and
	// later).
	ReportSize int `json:"reportSize,omitempty"`
	// CausedUUTFailure is the name of the step that failed the report (wire
	// causedUutFailure, WATS 2022.2 and later).
	CausedUUTFailure string `json:"causedUutFailure,omitempty"`
	// CausedUUTFailurePath is the path of that step (wire causedUutFailurePath,
	// WATS 2022.2 and later).
	CausedUUTFailurePath string `json:"causedUutFailurePath,omitempty"`
	// ErrorCode is the report's error code (wire errorCode, WATS 2022.2 and
	// later).
	ErrorCode int `json:"errorCode,omitempty"`
	// ErrorMessage is the report's error message (wire errorMessage, WATS 2022.2
	// and later).
	ErrorMessage string `json:"errorMessage,omitempty"`
	// ReferencedUUT is, on a UUR header, the id of the repaired UUT report.
	ReferencedUUT string `json:"referencedUut,omitempty"`
	// TestOperation is the legacy name of ProcessName on UUT headers.
	TestOperation string `json:"testOperation,omitempty"`
	// RootNodeType is the server's rootNodeType; the spec gives no meaning
	// beyond the name.
	RootNodeType string `json:"rootNodeType,omitempty"`

	// SubUnits is filled with $expand=subUnits (UUT).
	SubUnits []HeaderSubUnit `json:"subUnits,omitempty"`
	// UURSubUnits is filled with $expand=uurSubUnits (UUR).
	UURSubUnits []HeaderSubUnit `json:"uurSubUnits,omitempty"`
	// MiscInfo is filled with $expand=miscInfo.
	MiscInfo []HeaderMiscInfo `json:"miscInfo,omitempty"`
	// Assets is filled with $expand=assets.
	Assets []HeaderAsset `json:"assets,omitempty"`
	// Attachments is filled with $expand=attachments. Its shape is
	// unverified (probably AttachmentMetadata), so it is kept raw.
	Attachments json.RawMessage `json:"attachments,omitempty"`
	// UURMiscInfo, UURAssets and UURAttachments are the UUR expansions;
	// their shapes are unverified and kept raw.
	UURMiscInfo    json.RawMessage `json:"uurMiscInfo,omitempty"`
	UURAssets      json.RawMessage `json:"uurAssets,omitempty"`      // filled with $expand=uurAssets
	UURAttachments json.RawMessage `json:"uurAttachments,omitempty"` // filled with $expand=uurAttachments
}

// HeaderSubUnit is one element of the subUnits / uurSubUnits expansion.
type HeaderSubUnit struct {
	SerialNumber string `json:"serialNumber,omitempty"` // serial number (serialNumber)
	PartNumber   string `json:"partNumber,omitempty"`   // part number (partNumber)
	Revision     string `json:"revision,omitempty"`     // revision (revision)
	PartType     string `json:"partType,omitempty"`     // part type (partType)
}

// HeaderMiscInfo is one element of the miscInfo expansion.
type HeaderMiscInfo struct {
	Description string `json:"description,omitempty"` // misc-info key (description)
	Value       string `json:"value,omitempty"`       // misc-info value (value)
}

// HeaderAsset is one element of the assets expansion.
type HeaderAsset struct {
	SerialNumber           string  `json:"serialNumber,omitempty"`           // asset serial number (serialNumber)
	RunningCount           int     `json:"runningCount,omitempty"`           // running use count (runningCount)
	TotalCount             int     `json:"totalCount,omitempty"`             // total use count (totalCount)
	DaysSinceCalibration   float64 `json:"daysSinceCalibration,omitempty"`   // days since the last calibration (daysSinceCalibration)
	CalibrationDaysOverdue float64 `json:"calibrationDaysOverdue,omitempty"` // days the calibration is overdue (calibrationDaysOverdue)
}

// AttachmentMetadata describes a stored attachment as the server lists it
// (spec report.md §3.5, where it appears is unverified).
type AttachmentMetadata struct {
	AttachmentID int64  `json:"attachmentId"`          // attachment id (attachmentId)
	FileName     string `json:"fileName,omitempty"`    // file name (fileName)
	MimeType     string `json:"mimeType,omitempty"`    // MIME type (mimeType)
	Size         int64  `json:"size,omitempty"`        // size in bytes (size)
	Description  string `json:"description,omitempty"` // description (description)
}

// UnmarshalJSON decodes a header, accepting date-times with or without a
// zone (a zone-less value is read as UTC) because the spec does not pin the
// server's format down.
func (h *ReportHeader) UnmarshalJSON(data []byte) error {
	type plain ReportHeader
	aux := struct {
		*plain
		Start    flexTime `json:"start"`
		StartUTC flexTime `json:"startUtc"`
	}{plain: (*plain)(h)}
	if err := json.Unmarshal(data, &aux); err != nil {
		return fmt.Errorf("report: decode header: %w", err)
	}
	h.Start = time.Time(aux.Start)
	h.StartUTC = time.Time(aux.StartUTC)
	return nil
}

// MarshalJSON encodes a header with its wire names, leaving out zero times.
func (h ReportHeader) MarshalJSON() ([]byte, error) {
	type plain ReportHeader
	aux := struct {
		plain
		Start    *time.Time `json:"start,omitempty"`
		StartUTC *time.Time `json:"startUtc,omitempty"`
	}{plain: plain(h)}
	if !h.Start.IsZero() {
		aux.Start = &h.Start
	}
	if !h.StartUTC.IsZero() {
		aux.StartUTC = &h.StartUTC
	}
	return json.Marshal(aux)
}

// flexTime decodes the date-time spellings seen from WATS servers.
type flexTime time.Time

var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05.999999999",
	"2006-01-02 15:04:05.999999999Z07:00",
	"2006-01-02 15:04:05.999999999",
	"2006-01-02",
}

func (t *flexTime) UnmarshalJSON(data []byte) error {
	s := strings.TrimSpace(string(data))
	if s == "null" || s == `""` {
		return nil
	}
	var str string
	if err := json.Unmarshal(data, &str); err != nil {
		return fmt.Errorf("date-time %s is not a string", s)
	}
	for _, layout := range timeLayouts {
		if v, err := time.Parse(layout, str); err == nil {
			*t = flexTime(v)
			return nil
		}
	}
	return fmt.Errorf("date-time %q has an unknown format", str)
}
