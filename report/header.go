package report

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// ReportHeader is one row of the report header query: the summary the server
// keeps for every UUT or UUR report. It carries the server's model name
// because Header is the WSJF document header of the report model. Members
// the server adds later are ignored when decoding.
type ReportHeader struct {
	// ID is the report GUID (wire name "uuid").
	ID string `json:"uuid"`
	// SerialNumber is the unit's serial number (serialNumber).
	SerialNumber string `json:"serialNumber,omitempty"`
	// PartNumber is the unit's part number (partNumber).
	PartNumber string `json:"partNumber,omitempty"`
	// ReportType is TypeUUT ("T") or TypeUUR ("R") (reportType).
	ReportType Type `json:"reportType,omitempty"`
	// Start is the start time with the station's offset (start).
	Start time.Time `json:"start,omitempty"`
	// Revision is the unit's part revision (revision).
	Revision string `json:"revision,omitempty"`
	// Result is kept as the server writes it, a word such as "Passed" or
	// "Failed" (result).
	Result string `json:"result,omitempty"`
	// BatchNumber is the batch number (batchNumber).
	BatchNumber string `json:"batchNumber,omitempty"`
	// UserName is the operator who ran the test or repair (userName).
	UserName string `json:"userName,omitempty"`
	// StationName is the station the report came from (stationName).
	StationName string `json:"stationName,omitempty"`
	// Location is the station location (location).
	Location string `json:"location,omitempty"`
	// Purpose is the station purpose, e.g. "Production" (purpose).
	Purpose string `json:"purpose,omitempty"`
	// MeasuresDeleted tells that the report's measurements were purged
	// (measuresDeleted).
	MeasuresDeleted bool `json:"measuresDeleted,omitempty"`
	// TimeStamp is the server's processing-order counter (timeStamp).
	TimeStamp int64 `json:"timeStamp,omitempty"`
	// ProcessCode is the test operation of a UUT and the repair operation
	// of a UUR (processCode).
	ProcessCode int `json:"processCode,omitempty"`
	// ProcessName is the name matching ProcessCode (processName).
	ProcessName string `json:"processName,omitempty"`
	// Comment is the report comment (comment).
	Comment string `json:"comment,omitempty"`
	// ExecutionTime is the execution time in seconds (executionTime).
	ExecutionTime float64 `json:"executionTime,omitempty"`
	// SWFilename is the test software file (swFilename).
	SWFilename string `json:"swFilename,omitempty"`
	// SWVersion is the test software version (swVersion).
	SWVersion string `json:"swVersion,omitempty"`
	// TestSocketIndex is a pointer because -1 and 0 are both meaningful
	// (testSocketIndex).
	TestSocketIndex *int `json:"testSocketIndex,omitempty"`
	// FixtureID is the fixture id (fixtureId).
	FixtureID string `json:"fixtureId,omitempty"`
	// ErrorCode is the report's error code (errorCode).
	ErrorCode int `json:"errorCode,omitempty"`
	// ErrorMessage is the report's error message (errorMessage).
	ErrorMessage string `json:"errorMessage,omitempty"`
	// Run is the run number (run).
	Run int `json:"run,omitempty"`
	// ReceiveCount is how many times this report id was received
	// (receiveCount).
	ReceiveCount int `json:"receiveCount,omitempty"`
	// ReportSize is the report size in KB (reportSize).
	ReportSize int `json:"reportSize,omitempty"`
	// CausedUUTFailure is the name of the step that failed the report
	// (causedUutFailure).
	CausedUUTFailure string `json:"causedUutFailure,omitempty"`
	// CausedUUTFailurePath is the path of that step (causedUutFailurePath).
	CausedUUTFailurePath string `json:"causedUutFailurePath,omitempty"`
	// PassedInRun is the run in which the unit first passed (passedInRun).
	PassedInRun int `json:"passedInRun,omitempty"`
	// ReferencedUUT is, on a UUR header, the id of the repaired UUT report
	// (referencedUut).
	ReferencedUUT string `json:"referencedUut,omitempty"`

	// SubUnits is filled with $expand=subUnits (UUT).
	SubUnits []HeaderSubUnit `json:"subUnits,omitempty"`
	// MiscInfo is filled with $expand=miscInfo (UUT).
	MiscInfo []HeaderMiscInfo `json:"miscInfo,omitempty"`
	// Assets is filled with $expand=assets (UUT).
	Assets []HeaderAsset `json:"assets,omitempty"`
	// Attachments is filled with $expand=attachments (UUT): one entry per
	// step that carries an attachment.
	Attachments []HeaderAttachment `json:"attachments,omitempty"`
	// UURSubUnits is filled with $expand=uurSubUnits (UUR); PartType is
	// always empty there.
	UURSubUnits []HeaderSubUnit `json:"uurSubUnits,omitempty"`
	// UURMiscInfo is filled with $expand=uurMiscInfo (UUR).
	UURMiscInfo []HeaderMiscInfo `json:"uurMiscInfo,omitempty"`
	// UURAttachments is filled with $expand=uurAttachments (UUR).
	UURAttachments []HeaderUURAttachment `json:"uurAttachments,omitempty"`
}

// HeaderSubUnit is one element of the subUnits / uurSubUnits expansion.
type HeaderSubUnit struct {
	SerialNumber string `json:"serialNumber,omitempty"` // serial number (serialNumber)
	PartNumber   string `json:"partNumber,omitempty"`   // part number (partNumber)
	Revision     string `json:"revision,omitempty"`     // revision (revision)
	PartType     string `json:"partType,omitempty"`     // part type, UUT only (partType)
}

// HeaderMiscInfo is one element of the miscInfo / uurMiscInfo expansion.
type HeaderMiscInfo struct {
	Description string `json:"description,omitempty"` // misc-info key (description)
	Value       string `json:"value,omitempty"`       // misc-info value (value)
}

// HeaderAsset is one element of the assets expansion: an asset used by the
// test and its counters at the time.
type HeaderAsset struct {
	SerialNumber           string  `json:"serialNumber,omitempty"`           // asset serial number (serialNumber)
	RunningCount           int     `json:"runningCount,omitempty"`           // running use count (runningCount)
	RunningCountExceeded   int     `json:"runningCountExceeded,omitempty"`   // uses over the running limit (runningCountExceeded)
	TotalCount             int     `json:"totalCount,omitempty"`             // total use count (totalCount)
	TotalCountExceeded     int     `json:"totalCountExceeded,omitempty"`     // uses over the total limit (totalCountExceeded)
	DaysSinceMaintenance   float64 `json:"daysSinceMaintenance,omitempty"`   // days since the last maintenance (daysSinceMaintenance)
	MaintenanceDaysOverdue float64 `json:"maintenanceDaysOverdue,omitempty"` // days the maintenance is overdue (maintenanceDaysOverdue)
	DaysSinceCalibration   float64 `json:"daysSinceCalibration,omitempty"`   // days since the last calibration (daysSinceCalibration)
	CalibrationDaysOverdue float64 `json:"calibrationDaysOverdue,omitempty"` // days the calibration is overdue (calibrationDaysOverdue)
}

// HeaderAttachment is one element of the attachments expansion of a UUT
// header. Pass StepID to [Service.Attachment] as [AttachmentRef.StepID].
type HeaderAttachment struct {
	StepID   int    `json:"stepId"`             // id of the step carrying the attachment (stepId)
	FileName string `json:"filename,omitempty"` // file name (filename, all lower case)
}

// HeaderUURAttachment is one element of the uurAttachments expansion of a
// UUR header. Pass ID to [Service.Attachment] as [AttachmentRef.AttachmentID].
type HeaderUURAttachment struct {
	ID       string `json:"id"`                 // attachment GUID (id)
	FileName string `json:"filename,omitempty"` // file name (filename, all lower case)
}

// UnmarshalJSON decodes a header, accepting date-times with or without a
// zone (a zone-less value is read as UTC), as ASP.NET servers write both.
func (h *ReportHeader) UnmarshalJSON(data []byte) error {
	type plain ReportHeader
	aux := struct {
		*plain
		Start flexTime `json:"start"`
	}{plain: (*plain)(h)}
	if err := json.Unmarshal(data, &aux); err != nil {
		return fmt.Errorf("report: decode header: %w", err)
	}
	h.Start = time.Time(aux.Start)
	return nil
}

// MarshalJSON encodes a header with its wire names, leaving out a zero start.
func (h ReportHeader) MarshalJSON() ([]byte, error) {
	type plain ReportHeader
	aux := struct {
		plain
		Start *time.Time `json:"start,omitempty"`
	}{plain: plain(h)}
	if !h.Start.IsZero() {
		aux.Start = &h.Start
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
