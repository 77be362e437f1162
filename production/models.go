package production

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Unit is a production unit (spec production §3.1). Product and
// ProductRevision are the product domain's shapes, kept raw so this package
// does not depend on it.
type Unit struct {
	SerialNumber       string `json:"serialNumber,omitempty"`
	PartNumber         string `json:"partNumber,omitempty"`
	Revision           string `json:"revision,omitempty"`
	ParentSerialNumber string `json:"parentSerialNumber,omitempty"`
	BatchNumber        string `json:"batchNumber,omitempty"`
	// SerialDate is when the serial number was assigned.
	SerialDate      *Time  `json:"serialDate,omitempty"`
	CurrentLocation string `json:"currentLocation,omitempty"`
	// XMLData is the unit's key/value store: <Root> with one element per key
	// carrying a Value attribute.
	XMLData     string `json:"xmlData,omitempty"`
	UnitPhaseID Phase  `json:"unitPhaseId,omitempty"`
	// UnitPhase is the phase name. Read-only: the server ignores it on input.
	UnitPhase   string      `json:"unitPhase,omitempty"`
	ProcessCode ProcessCode `json:"processCode,omitempty"`
	// Tags is the JSON view of XMLData. Read-only.
	Tags            []Setting       `json:"tags,omitempty"`
	ProductRevision json.RawMessage `json:"productRevision,omitempty"`
	Product         json.RawMessage `json:"product,omitempty"`
	SubUnits        []Unit          `json:"subUnits,omitempty"`
}

// ProcessCode is a unit's process code. The Swagger declares it a string,
// pyWATS an integer; it decodes from either and encodes as a string.
type ProcessCode string

// UnmarshalJSON accepts a JSON string, number or null.
func (c *ProcessCode) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		*c = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return fmt.Errorf("production: processCode: %w", err)
		}
		*c = ProcessCode(s)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("production: processCode: %w", err)
		}
		*c = ProcessCode(n.String())
	}
	return nil
}

// Int returns the code as an integer, if it is one.
func (c ProcessCode) Int() (int, bool) {
	n, err := strconv.Atoi(string(c))
	return n, err == nil
}

// Setting is one key/value tag (spec production §3.2).
type Setting struct {
	Key   string  `json:"key"`
	Value *string `json:"value,omitempty"`
	// Change is 0 none, 1 add, 2 update, 3 delete (the server accepts up to 6).
	Change int `json:"change,omitempty"`
}

// UnitVerification is one process row of a verification grade (spec §3.3).
type UnitVerification struct {
	ProcessCode  int    `json:"processCode"`
	ProcessName  string `json:"processName,omitempty"`
	ProcessIndex int    `json:"processIndex"`
	// Status is the unit's status in this process; "Unknown" when never run.
	Status         string `json:"status,omitempty"`
	StartUTC       *Time  `json:"startUtc,omitempty"`
	StationName    string `json:"stationName,omitempty"`
	TotalCount     int    `json:"totalCount"`
	NonPassedCount int    `json:"nonPassedCount"`
	RepairCount    int    `json:"repairCount"`
}

// UnitVerificationGrade is the answer of Verify (spec §3.4): the unit's
// overall status and one row per process of its verification rule.
type UnitVerificationGrade struct {
	Status                             string             `json:"status,omitempty"`
	Grade                              string             `json:"grade,omitempty"`
	AllProcessesExecutedInCorrectOrder bool               `json:"allProcessesExecutedInCorrectOrder"`
	AllProcessesPassedFirstRun         bool               `json:"allProcessesPassedFirstRun"`
	AllProcessesPassedAnyRun           bool               `json:"allProcessesPassedAnyRun"`
	AllProcessesPassedLastRun          bool               `json:"allProcessesPassedLastRun"`
	NoRepairs                          bool               `json:"noRepairs"`
	Results                            []UnitVerification `json:"results,omitempty"`
}

// UnitChange is one pending record of the unit-change feed (spec §3.5).
type UnitChange struct {
	ID                    int    `json:"id"`
	UnitSerialNumber      string `json:"unitSerialNumber,omitempty"`
	NewParentSerialNumber string `json:"newParentSerialNumber,omitempty"`
	NewPartNumber         string `json:"newPartNumber,omitempty"`
	NewRevision           string `json:"newRevision,omitempty"`
	NewUnitPhaseID        *Phase `json:"newUnitPhaseId,omitempty"`
}

// Identifier tells what kind of numbers a serial-number type holds.
type Identifier int

// Identifier values (spec §3.6).
const (
	IdentifierSerialNumber Identifier = 0
	IdentifierMAC          Identifier = 1
	IdentifierIMEI         Identifier = 2
)

// SerialNumberType is a server-defined pool of numbers (spec §3.6). Name is
// the key every serial-number call takes as serialNumberType.
type SerialNumberType struct {
	Name        string     `json:"name"`
	Description string     `json:"description,omitempty"`
	Format      string     `json:"format,omitempty"`
	RegEx       string     `json:"regEx,omitempty"`
	Identifier  Identifier `json:"identifier"`
	// IdentifierName is the server's text for Identifier. Read-only.
	IdentifierName string `json:"identifierName,omitempty"`
}

// ProductionBatch is a production batch (spec §3.7). The wire has no id:
// batches are matched by BatchNumber.
type ProductionBatch struct {
	BatchNumber string `json:"batchNumber"`
	BatchSize   int    `json:"batchSize"`
}

// UnitPhase is one entry of the server's phase list (internal, PascalCase;
// camelCase is accepted too because encoding/json matches names
// case-insensitively).
type UnitPhase struct {
	ID          Phase  `json:"UnitPhaseId"`
	Code        string `json:"Code"`
	Name        string `json:"Name"`
	Description string `json:"Description,omitempty"`
}

// SerialNumberRange is one address range of a serial-number type (internal,
// spec §3.11). As input only Type, StartAddress and EndAddress matter.
type SerialNumberRange struct {
	Type           string     `json:"type"`
	Identifier     Identifier `json:"identifier,omitempty"`
	IdentifierName string     `json:"identifierName,omitempty"`
	StartAddress   string     `json:"startAddress"`
	EndAddress     string     `json:"endAddress"`
	Total          int64      `json:"total,omitempty"`
	Free           int64      `json:"free,omitempty"`
	Taken          int64      `json:"taken,omitempty"`
	Reserved       int64      `json:"reserved,omitempty"`
}
