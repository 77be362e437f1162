package report

// Header holds the top-level scalar properties of a report (spec §2, rows
// 1–16), common to UUT and UUR.
type Header struct {
	Type              Str  `json:"type" validate:"required,oneof=T R"`
	ID                Str  `json:"id" validate:"required,guid"`
	PN                Str  `json:"pn" validate:"required,min=1,max=100,xmlsafe"`
	SN                Str  `json:"sn" validate:"required,min=1,max=100,xmlsafe"`
	Rev               Str  `json:"rev" validate:"required,min=1,max=100,xmlsafe"`
	ProductName       Str  `json:"productName" validate:"omitempty,max=100"`
	ProcessCode       Int  `json:"processCode" validate:"required,int16"`
	ProcessCodeFormat Str  `json:"processCodeFormat" validate:"omitempty,max=100"`
	ProcessName       Str  `json:"processName" validate:"omitempty,max=100"`
	Result            Str  `json:"result" validate:"required,oneof=P F E T"`
	MachineName       Str  `json:"machineName" validate:"required,min=1,max=100,xmlsafe"`
	Location          Str  `json:"location" validate:"required,min=1,max=100,xmlsafe"`
	Purpose           Str  `json:"purpose" validate:"required,min=1,max=100,xmlsafe"`
	Origin            Str  `json:"origin" validate:"omitempty,max=100"`
	Start             Time `json:"start" validate:"required,datetime"`
	StartUTC          Time `json:"startUTC" validate:"omitempty,datetime"`
}

// UUTInfo is the uut block of a test report (spec §3).
type UUTInfo struct {
	meta
	ExecTime               Num       `json:"execTime"`
	ExecTimeFormat         Str       `json:"execTimeFormat"`
	TestSocketIndex        Int       `json:"testSocketIndex" validate:"omitempty,int16"`
	TestSocketIndexFormat  Str       `json:"testSocketIndexFormat"`
	BatchSN                Str       `json:"batchSN" validate:"omitempty,max=100,xmlsafe"`
	Comment                Str       `json:"comment" validate:"omitempty,max=5000,xmlsafe"`
	ErrorCode              Int       `json:"errorCode" validate:"omitempty,int32"`
	ErrorCodeFormat        Str       `json:"errorCodeFormat"`
	ErrorMessage           Str       `json:"errorMessage" validate:"omitempty,xmlsafe"`
	FixtureID              Str       `json:"fixtureId" validate:"omitempty,max=100,xmlsafe"`
	User                   Str       `json:"user" validate:"required,min=1,max=100,xmlsafe"`
	BatchFailCount         Int       `json:"batchFailCount" validate:"omitempty,int32"`
	BatchFailCountFormat   Str       `json:"batchFailCountFormat"`
	BatchLoopIndex         Int       `json:"batchLoopIndex" validate:"omitempty,int32"`
	BatchLoopIndexFormat   Str       `json:"batchLoopIndexFormat"`
	StepIDCausedUUTFailure Int       `json:"stepIdCausedUUTFailure" validate:"omitempty,int32"`
	RefUURs                []*RefUUR `json:"refUURs" validate:"-"`
}

// RefUUR is an output-only reference from a UUT to a repair report.
type RefUUR struct {
	meta
	ID    Str  `json:"id"`
	Start Time `json:"start"`
}

// UURInfo is the uur block of a repair report (spec §4).
type UURInfo struct {
	meta
	Comment           Str   `json:"comment" validate:"omitempty,max=5000,xmlsafe"`
	User              Str   `json:"user" validate:"required,min=1,max=100,xmlsafe"`
	ProcessCode       Int   `json:"processCode" validate:"required,int16"`
	ProcessCodeFormat Str   `json:"processCodeFormat"`
	ProcessName       Str   `json:"processName" validate:"omitempty,max=100"`
	RefUUT            Str   `json:"refUUT" validate:"omitempty,guid"`
	ConfirmDate       Time  `json:"confirmDate" validate:"omitempty,datetime"`
	FinalizeDate      Time  `json:"finalizeDate" validate:"omitempty,datetime"`
	ExecTime          Num   `json:"execTime"`
	Parent            Str   `json:"parent" validate:"omitempty,guid"`
	Children          []Str `json:"children" validate:"-"`
}

// MiscInfo is one key/value header entry (spec §5).
type MiscInfo struct {
	meta
	Description   Str `json:"description" validate:"required,min=1,max=100,xmlsafe"`
	Typedef       Str `json:"typedef"`
	Text          Str `json:"text" validate:"omitempty,max=100,xmlsafe"`
	Numeric       Int `json:"numeric" validate:"omitempty,int16"`
	NumericFormat Str `json:"numericFormat"`
	ID            Str `json:"id" validate:"omitempty,guid"`
}

// SubUnit is a component of the unit (UUT) or a repaired/replaced part (UUR,
// with idx and failures) (spec §6).
type SubUnit struct {
	meta
	PartType    Str        `json:"partType" validate:"omitempty,max=50,xmlsafe"`
	PN          Str        `json:"pn" validate:"required,min=1,max=100,xmlsafe"`
	Rev         Str        `json:"rev" validate:"omitempty,max=100,xmlsafe"`
	SN          Str        `json:"sn" validate:"omitempty,max=100,xmlsafe"`
	Idx         Int        `json:"idx" validate:"omitempty,int32"`
	ParentIdx   Int        `json:"parentIdx" validate:"omitempty,int32"`
	Position    Int        `json:"position" validate:"omitempty,int16"`
	ReplacedIdx Int        `json:"replacedIdx" validate:"omitempty,int32"`
	Failures    []*Failure `json:"failures" validate:"-"`
}

// Failure is a UUR failure found on a sub-unit (spec §17.4).
type Failure struct {
	meta
	ArtNumber      Str           `json:"artNumber" validate:"omitempty,max=100,xmlsafe"`
	ArtRev         Str           `json:"artRev" validate:"omitempty,max=100,xmlsafe"`
	ArtVendor      Str           `json:"artVendor" validate:"omitempty,max=100,xmlsafe"`
	ArtDescription Str           `json:"artDescription" validate:"omitempty,max=100,xmlsafe"`
	Category       Str           `json:"category" validate:"required,min=1,max=100,xmlsafe"`
	Code           Str           `json:"code" validate:"required,min=1,max=100,xmlsafe"`
	Comment        Str           `json:"comment" validate:"omitempty,max=1000,xmlsafe"`
	ComRef         Str           `json:"comRef" validate:"omitempty,max=50,xmlsafe"`
	FuncBlock      Str           `json:"funcBlock" validate:"omitempty,max=100,xmlsafe"`
	RefStepID      Int           `json:"refStepId" validate:"omitempty,int32"`
	RefStepName    Str           `json:"refStepName"`
	Attachments    []*BinaryData `json:"attachments" validate:"-"`
}

// Asset is an asset used by the test (spec §7.1).
type Asset struct {
	meta
	AssetSN          Str `json:"assetSN" validate:"required,min=1,max=100,xmlsafe"`
	UsageCount       Int `json:"usageCount" validate:"required,int32"`
	UsageCountFormat Str `json:"usageCountFormat"`
}

// AssetStats is output-only asset usage data the server adds on read (spec §7.2).
type AssetStats struct {
	meta
	AssetSN                       Str  `json:"assetSN"`
	RunningCount                  Int  `json:"runningCount"`
	RunningCountExceeded          Int  `json:"runningCountExceeded"`
	TotalCount                    Int  `json:"totalCount"`
	TotalCountExceeded            Int  `json:"totalCountExceeded"`
	DaysSinceCalibration          Num  `json:"daysSinceCalibration"`
	IsDaysSinceCalibrationUnknown Bool `json:"isDaysSinceCalibrationUnknown"`
	CalibrationDaysOverdue        Num  `json:"calibrationDaysOverdue"`
	DaysSinceMaintenance          Num  `json:"daysSinceMaintenance"`
	IsDaysSinceMaintenanceUnknown Bool `json:"isDaysSinceMaintenanceUnknown"`
	MaintenanceDaysOverdue        Num  `json:"maintenanceDaysOverdue"`
	Message                       Str  `json:"message"`
}

// BinaryData is a file: report-level binaryData (UUR) or a failure's
// attachments (spec §8.1, §8.2).
type BinaryData struct {
	meta
	ContentType Str `json:"contentType" validate:"required,min=1,max=100"`
	Data        Str `json:"data" validate:"required,base64wsjf"`
	Name        Str `json:"name" validate:"required,min=1,max=256,xmlsafe"`
	ID          Str `json:"id" validate:"omitempty,guid"`
}
