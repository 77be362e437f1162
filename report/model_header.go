package report

// Header holds the top-level scalar properties of a report, common to UUT
// and UUR.
type Header struct {
	Type              Str  `json:"type" validate:"required,oneof=T R"`                    // "T" UUT/test or "R" UUR/repair (type)
	ID                Str  `json:"id" validate:"required,guid"`                           // report GUID, chosen by the client (id)
	PN                Str  `json:"pn" validate:"required,min=1,max=100,xmlsafe"`          // part number (pn)
	SN                Str  `json:"sn" validate:"required,min=1,max=100,xmlsafe"`          // serial number (sn)
	Rev               Str  `json:"rev" validate:"required,min=1,max=100,xmlsafe"`         // part revision (rev)
	ProductName       Str  `json:"productName" validate:"omitempty,max=100"`              // output-only: product name from the server's product table (productName)
	ProcessCode       Int  `json:"processCode" validate:"required,int16"`                 // UUT: test operation code; UUR: repair operation code (processCode)
	ProcessCodeFormat Str  `json:"processCodeFormat" validate:"omitempty,max=100"`        // display format of ProcessCode (processCodeFormat)
	ProcessName       Str  `json:"processName" validate:"omitempty,max=100"`              // name of the process for ProcessCode; filled by the server (processName)
	Result            Str  `json:"result" validate:"required,oneof=P F E T"`              // report status: P, F, E or T (result)
	MachineName       Str  `json:"machineName" validate:"required,min=1,max=100,xmlsafe"` // station name (machineName)
	Location          Str  `json:"location" validate:"required,min=1,max=100,xmlsafe"`    // station location (location)
	Purpose           Str  `json:"purpose" validate:"required,min=1,max=100,xmlsafe"`     // station purpose (purpose)
	Origin            Str  `json:"origin" validate:"omitempty,max=100"`                   // output-only: submitting identity as seen by the server (origin)
	Start             Time `json:"start" validate:"required,datetime"`                    // start, local time with offset (start)
	StartUTC          Time `json:"startUTC" validate:"omitempty,datetime"`                // the same instant in UTC; the server derives it when omitted (startUTC)
}

// UUTInfo is the uut block of a test report.
type UUTInfo struct {
	meta
	ExecTime               Num       `json:"execTime"`                                          // test duration in seconds (execTime)
	ExecTimeFormat         Str       `json:"execTimeFormat"`                                    // display format of ExecTime (execTimeFormat)
	TestSocketIndex        Int       `json:"testSocketIndex" validate:"omitempty,int16"`        // socket/nest index; -1 conventionally means single socket (testSocketIndex)
	TestSocketIndexFormat  Str       `json:"testSocketIndexFormat"`                             // display format of TestSocketIndex (testSocketIndexFormat)
	BatchSN                Str       `json:"batchSN" validate:"omitempty,max=100,xmlsafe"`      // batch serial number (batchSN)
	Comment                Str       `json:"comment" validate:"omitempty,max=5000,xmlsafe"`     // test comment (comment)
	ErrorCode              Int       `json:"errorCode" validate:"omitempty,int32"`              // report-level error code (errorCode)
	ErrorCodeFormat        Str       `json:"errorCodeFormat"`                                   // display format of ErrorCode (errorCodeFormat)
	ErrorMessage           Str       `json:"errorMessage" validate:"omitempty,xmlsafe"`         // report-level error message (errorMessage)
	FixtureID              Str       `json:"fixtureId" validate:"omitempty,max=100,xmlsafe"`    // fixture id (fixtureId)
	User                   Str       `json:"user" validate:"required,min=1,max=100,xmlsafe"`    // operator (user)
	BatchFailCount         Int       `json:"batchFailCount" validate:"omitempty,int32"`         // batch fail count (batchFailCount)
	BatchFailCountFormat   Str       `json:"batchFailCountFormat"`                              // display format of BatchFailCount (batchFailCountFormat)
	BatchLoopIndex         Int       `json:"batchLoopIndex" validate:"omitempty,int32"`         // batch loop index (batchLoopIndex)
	BatchLoopIndexFormat   Str       `json:"batchLoopIndexFormat"`                              // display format of BatchLoopIndex (batchLoopIndexFormat)
	StepIDCausedUUTFailure Int       `json:"stepIdCausedUUTFailure" validate:"omitempty,int32"` // output-only: id of the step flagged causedUUTFailure (stepIdCausedUUTFailure)
	RefUURs                []*RefUUR `json:"refUURs" validate:"-"`                              // output-only: repair reports referencing this UUT (refUURs)
}

// RefUUR is an output-only reference from a UUT to a repair report.
type RefUUR struct {
	meta
	ID    Str  `json:"id"`    // repair report GUID (id)
	Start Time `json:"start"` // repair report start (start)
}

// UURInfo is the uur block of a repair report.
type UURInfo struct {
	meta
	Comment           Str   `json:"comment" validate:"omitempty,max=5000,xmlsafe"`  // repair comment (comment)
	User              Str   `json:"user" validate:"required,min=1,max=100,xmlsafe"` // repair operator (user)
	ProcessCode       Int   `json:"processCode" validate:"required,int16"`          // test operation during which the failure was found (processCode)
	ProcessCodeFormat Str   `json:"processCodeFormat"`                              // display format of ProcessCode (processCodeFormat)
	ProcessName       Str   `json:"processName" validate:"omitempty,max=100"`       // name of that test operation (processName)
	RefUUT            Str   `json:"refUUT" validate:"omitempty,guid"`               // id of the UUT report being repaired; null for stand-alone repairs (refUUT)
	ConfirmDate       Time  `json:"confirmDate" validate:"omitempty,datetime"`      // when the repair was confirmed (confirmDate)
	FinalizeDate      Time  `json:"finalizeDate" validate:"omitempty,datetime"`     // when the repair was finalised (finalizeDate)
	ExecTime          Num   `json:"execTime"`                                       // time spent repairing, in seconds (execTime)
	Parent            Str   `json:"parent" validate:"omitempty,guid"`               // parent repair report id; set on a sub-repair (parent)
	Children          []Str `json:"children" validate:"-"`                          // sub-repair report ids, treated as server-maintained (children)
}

// MiscInfo is one key/value header entry.
type MiscInfo struct {
	meta
	Description   Str `json:"description" validate:"required,min=1,max=100,xmlsafe"` // key / label (description)
	Typedef       Str `json:"typedef"`                                               // type definition; the schema marks it possibly deprecated (typedef)
	Text          Str `json:"text" validate:"omitempty,max=100,xmlsafe"`             // string value (text)
	Numeric       Int `json:"numeric" validate:"omitempty,int16"`                    // legacy numeric value, Int16 range (numeric)
	NumericFormat Str `json:"numericFormat"`                                         // display format of Numeric (numericFormat)
	ID            Str `json:"id" validate:"omitempty,guid"`                          // entry GUID, only meaningful in repair reports (id)
}

// SubUnit is a component of the unit (UUT) or a repaired/replaced part (UUR,
// with idx and failures).
type SubUnit struct {
	meta
	PartType    Str        `json:"partType" validate:"omitempty,max=50,xmlsafe"` // category, e.g. "PCBA" or "Main" (partType)
	PN          Str        `json:"pn" validate:"required,min=1,max=100,xmlsafe"` // part number (pn)
	Rev         Str        `json:"rev" validate:"omitempty,max=100,xmlsafe"`     // revision (rev)
	SN          Str        `json:"sn" validate:"omitempty,max=100,xmlsafe"`      // serial number (sn)
	Idx         Int        `json:"idx" validate:"omitempty,int32"`               // unit index; UUR: 0 is the repaired main unit (idx)
	ParentIdx   Int        `json:"parentIdx" validate:"omitempty,int32"`         // UUR: idx of the parent unit (parentIdx)
	Position    Int        `json:"position" validate:"omitempty,int16"`          // position in the parent (position)
	ReplacedIdx Int        `json:"replacedIdx" validate:"omitempty,int32"`       // UUR: idx link between a removed unit and its replacement; only checked to name an existing idx (replacedIdx)
	Failures    []*Failure `json:"failures" validate:"-"`                        // UUR: failures found on this unit (failures)
}

// Failure is a UUR failure found on a sub-unit.
type Failure struct {
	meta
	ArtNumber      Str           `json:"artNumber" validate:"omitempty,max=100,xmlsafe"`      // part number of the failed component (artNumber)
	ArtRev         Str           `json:"artRev" validate:"omitempty,max=100,xmlsafe"`         // component revision (artRev)
	ArtVendor      Str           `json:"artVendor" validate:"omitempty,max=100,xmlsafe"`      // component vendor (artVendor)
	ArtDescription Str           `json:"artDescription" validate:"omitempty,max=100,xmlsafe"` // component description (artDescription)
	Category       Str           `json:"category" validate:"required,min=1,max=100,xmlsafe"`  // fail-code category of the repair type (category)
	Code           Str           `json:"code" validate:"required,min=1,max=100,xmlsafe"`      // fail code under Category (code)
	Comment        Str           `json:"comment" validate:"omitempty,max=1000,xmlsafe"`       // free-text comment (comment)
	ComRef         Str           `json:"comRef" validate:"omitempty,max=50,xmlsafe"`          // component reference designator, e.g. "U1" (comRef)
	FuncBlock      Str           `json:"funcBlock" validate:"omitempty,max=100,xmlsafe"`      // functional block of the component (funcBlock)
	RefStepID      Int           `json:"refStepId" validate:"omitempty,int32"`                // id of the UUT step that revealed the failure; 0 = not linked in the C# client (refStepId)
	RefStepName    Str           `json:"refStepName"`                                         // output-only: name of that step (refStepName)
	Attachments    []*BinaryData `json:"attachments" validate:"-"`                            // files for this failure (attachments)
}

// Asset is an asset used by the test.
type Asset struct {
	meta
	AssetSN          Str `json:"assetSN" validate:"required,min=1,max=100,xmlsafe"` // asset serial number as registered in WATS (assetSN)
	UsageCount       Int `json:"usageCount" validate:"required,int32"`              // how much this test used the asset, usually 1 (usageCount)
	UsageCountFormat Str `json:"usageCountFormat"`                                  // display format of UsageCount (usageCountFormat)
}

// AssetStats is output-only asset usage data the server adds on read.
type AssetStats struct {
	meta
	AssetSN                       Str  `json:"assetSN"`                       // asset serial number (assetSN)
	RunningCount                  Int  `json:"runningCount"`                  // uses since the last calibration (runningCount)
	RunningCountExceeded          Int  `json:"runningCountExceeded"`          // uses beyond the limit since calibration, a count (runningCountExceeded)
	TotalCount                    Int  `json:"totalCount"`                    // lifetime uses (totalCount)
	TotalCountExceeded            Int  `json:"totalCountExceeded"`            // uses beyond the lifetime limit (totalCountExceeded)
	DaysSinceCalibration          Num  `json:"daysSinceCalibration"`          // days since the last calibration (daysSinceCalibration)
	IsDaysSinceCalibrationUnknown Bool `json:"isDaysSinceCalibrationUnknown"` // true when never calibrated (isDaysSinceCalibrationUnknown)
	CalibrationDaysOverdue        Num  `json:"calibrationDaysOverdue"`        // days the calibration is overdue (calibrationDaysOverdue)
	DaysSinceMaintenance          Num  `json:"daysSinceMaintenance"`          // days since the last maintenance (daysSinceMaintenance)
	IsDaysSinceMaintenanceUnknown Bool `json:"isDaysSinceMaintenanceUnknown"` // true when the maintenance age is unknown (isDaysSinceMaintenanceUnknown)
	MaintenanceDaysOverdue        Num  `json:"maintenanceDaysOverdue"`        // days the maintenance is overdue (maintenanceDaysOverdue)
	Message                       Str  `json:"message"`                       // message from the stats calculation (message)
}

// BinaryData is a file: report-level binaryData (UUR) or a failure's
// attachments.
type BinaryData struct {
	meta
	ContentType Str `json:"contentType" validate:"required,min=1,max=100"`  // MIME type (contentType)
	Data        Str `json:"data" validate:"required,base64wsjf"`            // file bytes, padded standard base64 (data)
	Name        Str `json:"name" validate:"required,min=1,max=256,xmlsafe"` // file name / label (name)
	ID          Str `json:"id" validate:"omitempty,guid"`                   // output-only: server id of the stored file (id)
}
