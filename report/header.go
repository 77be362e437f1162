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
	ID           string `json:"uuid"`
	SerialNumber string `json:"serialNumber,omitempty"`
	PartNumber   string `json:"partNumber,omitempty"`
	Revision     string `json:"revision,omitempty"`
	BatchNumber  string `json:"batchNumber,omitempty"`
	// ReportType is "T" (UUT) or "R" (UUR).
	ReportType  Type   `json:"reportType,omitempty"`
	StationName string `json:"stationName,omitempty"`
	Location    string `json:"location,omitempty"`
	Purpose     string `json:"purpose,omitempty"`
	// ProcessCode is the test operation for UUT headers and the repair
	// operation for UUR headers.
	ProcessCode int    `json:"processCode,omitempty"`
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
	Operator      string  `json:"operator,omitempty"`
	Comment       string  `json:"comment,omitempty"`
	ExecutionTime float64 `json:"executionTime,omitempty"`
	SWFilename    string  `json:"swFilename,omitempty"`
	SWVersion     string  `json:"swVersion,omitempty"`
	// TestSocketIndex is a pointer because -1 and 0 are both meaningful.
	TestSocketIndex      *int   `json:"testSocketIndex,omitempty"`
	FixtureID            string `json:"fixtureId,omitempty"`
	Run                  int    `json:"run,omitempty"`
	PassedInRun          int    `json:"passedInRun,omitempty"`
	ReceiveCount         int    `json:"receiveCount,omitempty"`
	ReportSize           int    `json:"reportSize,omitempty"`
	CausedUUTFailure     string `json:"causedUutFailure,omitempty"`
	CausedUUTFailurePath string `json:"causedUutFailurePath,omitempty"`
	ErrorCode            int    `json:"errorCode,omitempty"`
	ErrorMessage         string `json:"errorMessage,omitempty"`
	// ReferencedUUT is, on a UUR header, the id of the repaired UUT report.
	ReferencedUUT string `json:"referencedUut,omitempty"`
	// TestOperation is the legacy name of ProcessName on UUT headers.
	TestOperation string `json:"testOperation,omitempty"`
	RootNodeType  string `json:"rootNodeType,omitempty"`

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
	UURAssets      json.RawMessage `json:"uurAssets,omitempty"`
	UURAttachments json.RawMessage `json:"uurAttachments,omitempty"`
}

// HeaderSubUnit is one element of the subUnits / uurSubUnits expansion.
type HeaderSubUnit struct {
	SerialNumber string `json:"serialNumber,omitempty"`
	PartNumber   string `json:"partNumber,omitempty"`
	Revision     string `json:"revision,omitempty"`
	PartType     string `json:"partType,omitempty"`
}

// HeaderMiscInfo is one element of the miscInfo expansion.
type HeaderMiscInfo struct {
	Description string `json:"description,omitempty"`
	Value       string `json:"value,omitempty"`
}

// HeaderAsset is one element of the assets expansion.
type HeaderAsset struct {
	SerialNumber           string  `json:"serialNumber,omitempty"`
	RunningCount           int     `json:"runningCount,omitempty"`
	TotalCount             int     `json:"totalCount,omitempty"`
	DaysSinceCalibration   float64 `json:"daysSinceCalibration,omitempty"`
	CalibrationDaysOverdue float64 `json:"calibrationDaysOverdue,omitempty"`
}

// AttachmentMetadata describes a stored attachment as the server lists it
// (spec report.md §3.5, where it appears is unverified).
type AttachmentMetadata struct {
	AttachmentID int64  `json:"attachmentId"`
	FileName     string `json:"fileName,omitempty"`
	MimeType     string `json:"mimeType,omitempty"`
	Size         int64  `json:"size,omitempty"`
	Description  string `json:"description,omitempty"`
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
