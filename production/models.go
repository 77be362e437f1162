package production

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
)

// Unit is a production unit. Product and
// ProductRevision are the product domain's shapes, kept raw so this package
// does not depend on it.
type Unit struct {
	SerialNumber       string `json:"serialNumber,omitempty"`       // identity, with PartNumber
	PartNumber         string `json:"partNumber,omitempty"`         // product part number
	Revision           string `json:"revision,omitempty"`           // product revision of the unit
	ParentSerialNumber string `json:"parentSerialNumber,omitempty"` // assembly parent; empty at top level
	BatchNumber        string `json:"batchNumber,omitempty"`        // production batch
	// SerialDate is when the serial number was assigned.
	SerialDate      *Time  `json:"serialDate,omitempty"`
	CurrentLocation string `json:"currentLocation,omitempty"` // where the unit is
	// XMLData is the unit's key/value store: <Root> with one element per key
	// carrying a Value attribute.
	XMLData     string `json:"xmlData,omitempty"`
	UnitPhaseID Phase  `json:"unitPhaseId,omitempty"` // current phase
	// UnitPhase is the phase name. Read-only: the server ignores it on input.
	UnitPhase   string      `json:"unitPhase,omitempty"`
	ProcessCode ProcessCode `json:"processCode,omitempty"` // current process
	// Tags is the JSON view of XMLData. Read-only.
	Tags            []Setting       `json:"tags,omitempty"`
	ProductRevision json.RawMessage `json:"productRevision,omitempty"` // product domain's ProductRevision
	Product         json.RawMessage `json:"product,omitempty"`         // product domain's Product
	SubUnits        []Unit          `json:"subUnits,omitempty"`        // children, recursively (GetUnit)
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

// Setting is one key/value tag.
type Setting struct {
	Key   string  `json:"key"`             // tag name
	Value *string `json:"value,omitempty"` // tag value; nil is null
	// Change is 0 none, 1 add, 2 update, 3 delete (the server accepts up to 6).
	Change int `json:"change,omitempty"`
}

// UnitVerification is one process row of a verification grade.
type UnitVerification struct {
	ProcessCode  int    `json:"processCode"`           // test operation code
	ProcessName  string `json:"processName,omitempty"` // test operation name
	ProcessIndex int    `json:"processIndex"`          // position in the verification rule
	// Status is the unit's status in this process; "Unknown" when never run.
	Status         string `json:"status,omitempty"`
	StartUTC       *Time  `json:"startUtc,omitempty"`    // start of the last run; nil when never run
	StationName    string `json:"stationName,omitempty"` // station of the last run
	TotalCount     int    `json:"totalCount"`            // times tested
	NonPassedCount int    `json:"nonPassedCount"`        // times not passed
	RepairCount    int    `json:"repairCount"`           // times repaired
}

// UnitVerificationGrade is the answer of Verify: the unit's
// overall status and one row per process of its verification rule.
type UnitVerificationGrade struct {
	Status                             string             `json:"status,omitempty"`                   // overall unit status
	Grade                              string             `json:"grade,omitempty"`                    // grade text, passed through as sent
	AllProcessesExecutedInCorrectOrder bool               `json:"allProcessesExecutedInCorrectOrder"` // first runs in rule order
	AllProcessesPassedFirstRun         bool               `json:"allProcessesPassedFirstRun"`         // every process passed at once
	AllProcessesPassedAnyRun           bool               `json:"allProcessesPassedAnyRun"`           // every process passed at some run
	AllProcessesPassedLastRun          bool               `json:"allProcessesPassedLastRun"`          // every process passed its latest run
	NoRepairs                          bool               `json:"noRepairs"`                          // the unit was never repaired
	Results                            []UnitVerification `json:"results,omitempty"`                  // one row per process of the rule
}

// UnitChange is one pending record of the unit-change feed.
type UnitChange struct {
	ID                    int    `json:"id"`                              // pass to AckChange
	UnitSerialNumber      string `json:"unitSerialNumber,omitempty"`      // the unit that changed
	NewParentSerialNumber string `json:"newParentSerialNumber,omitempty"` // its new parent, if that changed
	NewPartNumber         string `json:"newPartNumber,omitempty"`         // its new part number, if that changed
	NewRevision           string `json:"newRevision,omitempty"`           // its new revision, if that changed
	NewUnitPhaseID        *Phase `json:"newUnitPhaseId,omitempty"`        // its new phase, if that changed
}

// Identifier tells what kind of numbers a serial-number type holds.
type Identifier int

// Identifier values.
const (
	IdentifierSerialNumber Identifier = 0
	IdentifierMAC          Identifier = 1
	IdentifierIMEI         Identifier = 2
)

// SerialNumberType is a server-defined pool of numbers. Name is
// the key every serial-number call takes as serialNumberType.
type SerialNumberType struct {
	Name        string     `json:"name"`                  // key for every serialNumberType parameter
	Description string     `json:"description,omitempty"` // free text
	Format      string     `json:"format,omitempty"`      // display/format pattern
	RegEx       string     `json:"regEx,omitempty"`       // validation pattern (note the casing)
	Identifier  Identifier `json:"identifier"`            // serial, MAC or IMEI
	// IdentifierName is the server's text for Identifier. Read-only.
	IdentifierName string `json:"identifierName,omitempty"`
}

// ProductionBatch is a production batch. The wire has no id:
// batches are matched by BatchNumber.
type ProductionBatch struct {
	BatchNumber string `json:"batchNumber"` // identity
	BatchSize   int    `json:"batchSize"`   // planned number of units
}

// UnitPhase is one entry of the server's phase list (internal, PascalCase;
// camelCase is accepted too because encoding/json matches names
// case-insensitively).
type UnitPhase struct {
	ID          Phase  `json:"UnitPhaseId"`           // the id SetPhase takes
	Code        string `json:"Code"`                  // machine code, e.g. Under_Production
	Name        string `json:"Name"`                  // display name, e.g. Under production
	Description string `json:"Description,omitempty"` // free text
}

// SerialNumberRange is one address range of a serial-number type (internal).
// As input only Type, StartAddress and EndAddress matter.
type SerialNumberRange struct {
	Type           string     `json:"type"`                     // serial-number type name
	Identifier     Identifier `json:"identifier,omitempty"`     // serial, MAC or IMEI
	IdentifierName string     `json:"identifierName,omitempty"` // read-only text for Identifier
	StartAddress   string     `json:"startAddress"`             // first number of the range
	EndAddress     string     `json:"endAddress"`               // last number of the range
	Total          int64      `json:"total,omitempty"`          // numbers in the range
	Free           int64      `json:"free,omitempty"`           // not taken nor reserved
	Taken          int64      `json:"taken,omitempty"`          // handed out
	Reserved       int64      `json:"reserved,omitempty"`       // set aside, not yet taken
}
