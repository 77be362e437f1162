package asset

import (
	"bytes"
	"encoding/json"
	"fmt"
	"time"

	"github.com/watsgo/sdk/product"
)

// State is the operational state of an asset (an integer on the wire). It
// is not the alarm state; see AlarmState.
type State int

// Asset states.
const (
	StateUnknown       State = 0
	StateInOperation   State = 1
	StateInTransit     State = 2
	StateInMaintenance State = 3
	StateInCalibration State = 4
	StateInStorage     State = 5
	StateScrapped      State = 6
)

// Ptr returns a pointer to s, for the optional Asset.State field.
func (s State) Ptr() *State { return &s }

func (s State) valid() bool { return s >= StateUnknown && s <= StateScrapped }

var stateNames = [...]string{"Unknown", "InOperation", "InTransit", "InMaintenance", "InCalibration", "InStorage", "Scrapped"}

// String returns the state's name, e.g. "InOperation", or "State(n)".
func (s State) String() string {
	if s.valid() {
		return stateNames[s]
	}
	return fmt.Sprintf("State(%d)", int(s))
}

// AlarmState is the server-computed status of an asset.
type AlarmState int

// Alarm states.
const (
	AlarmOK      AlarmState = 0
	AlarmWarning AlarmState = 1
	AlarmAlarm   AlarmState = 2
)

// String returns "OK", "Warning", "Alarm" or "AlarmState(n)".
func (a AlarmState) String() string {
	switch a {
	case AlarmOK:
		return "OK"
	case AlarmWarning:
		return "Warning"
	case AlarmAlarm:
		return "Alarm"
	}
	return fmt.Sprintf("AlarmState(%d)", int(a))
}

// LogType classifies an asset log entry (the log's "type" member). The
// server's document lists the values 0 to 8 and names 0 to 5; 6 is the
// state change the emulator writes, 7 and 8 have no published meaning.
type LogType int

// Log entry types.
const (
	LogMessage     LogType = 0
	LogRegister    LogType = 1
	LogUpdate      LogType = 2
	LogResetCount  LogType = 3
	LogCalibration LogType = 4
	LogMaintenance LogType = 5
	LogStateChange LogType = 6
)

var logTypeNames = [...]string{"Message", "Register", "Update", "ResetCount", "Calibration", "Maintenance", "StateChange"}

// String returns the type's name, e.g. "Calibration", or "LogType(n)".
func (l LogType) String() string {
	if l >= 0 && int(l) < len(logTypeNames) {
		return logTypeNames[l]
	}
	return fmt.Sprintf("LogType(%d)", int(l))
}

// Interval values with a special meaning (WATS ≥ 25.3): written into
// Type.CalibrationInterval or Type.MaintenanceInterval they make the
// interval unlimited (never due) or external (dates set only through
// UnverifiedService.RecordExternalCalibration / RecordExternalMaintenance).
const (
	IntervalUnlimited float64 = -1
	IntervalExternal  float64 = -2
)

// Setting is a key/value tag; assets share the shape with products.
type Setting = product.Setting

// Asset is a piece of test equipment tracked by serial number. Lists
// (List, All) carry the flat members only; Get, Save and SubAssets also
// carry ClientID, Tags, Children, Type and Log where the server fills them.
type Asset struct {
	// SerialNumber is the business key (required).
	SerialNumber string `json:"serialNumber"`
	// TypeID names the asset type; required to create an asset.
	TypeID string `json:"typeId,omitempty"`
	// AssetID is assigned by the server.
	AssetID string `json:"assetId,omitempty"`
	// ParentAssetID is the parent's AssetID for sub-assets.
	ParentAssetID string `json:"parentAssetId,omitempty"`
	// ParentSerialNumber names the parent by serial number instead.
	ParentSerialNumber string `json:"parentSerialNumber,omitempty"`
	// Name is the display name.
	Name string `json:"assetName,omitempty"`
	// PartNumber of the asset itself.
	PartNumber string `json:"partNumber,omitempty"`
	// Revision of the asset itself.
	Revision string `json:"revision,omitempty"`
	// ClientID is the only PascalCase field on the wire.
	ClientID int `json:"ClientId,omitempty"`
	// State is the operational state; nil leaves it unchanged on update and
	// lets the server default it (in operation) on create.
	State *State `json:"state,omitempty"`
	// Description describes the asset.
	Description string `json:"description,omitempty"`
	// Location is where the asset is.
	Location string `json:"location,omitempty"`
	// FirstSeenDate is when the server first saw the asset.
	FirstSeenDate *time.Time `json:"firstSeenDate,omitempty"`
	// LastSeenDate is when the asset was last used or updated.
	LastSeenDate *time.Time `json:"lastSeenDate,omitempty"`
	// LastMaintenanceDate is when maintenance was last done.
	LastMaintenanceDate *time.Time `json:"lastMaintenanceDate,omitempty"`
	// NextMaintenanceDate is when maintenance is next due.
	NextMaintenanceDate *time.Time `json:"nextMaintenanceDate,omitempty"`
	// LastCalibrationDate is when calibration was last done.
	LastCalibrationDate *time.Time `json:"lastCalibrationDate,omitempty"`
	// NextCalibrationDate is when calibration is next due.
	NextCalibrationDate *time.Time `json:"nextCalibrationDate,omitempty"`
	// TotalCount is the lifetime usage count.
	TotalCount int `json:"totalCount,omitempty"`
	// RunningCount is the usage since the last reset or calibration.
	RunningCount int `json:"runningCount,omitempty"`
	// Tags are key/value tags.
	Tags []Setting `json:"tags,omitempty"`
	// Children are nested sub-assets when the server includes them.
	Children []Asset `json:"assetChildren,omitempty"`
	// Type is the expanded asset type when the server includes it.
	Type *Type `json:"assetType,omitempty"`
	// Log holds log entries when the server includes them.
	Log []LogEntry `json:"assetLog,omitempty"`
	// XMLData is the asset's free XML data as list answers carry it. It is
	// read only: the save body has no such member, so Save never sends it.
	XMLData string `json:"-"`
}

// UnmarshalJSON accepts the server's date-times with "Z", with an offset or
// without a zone (read as UTC).
func (a *Asset) UnmarshalJSON(b []byte) error {
	type plain Asset
	var aux struct {
		plain
		FirstSeenDate       *wireTime `json:"firstSeenDate"`
		LastSeenDate        *wireTime `json:"lastSeenDate"`
		LastMaintenanceDate *wireTime `json:"lastMaintenanceDate"`
		NextMaintenanceDate *wireTime `json:"nextMaintenanceDate"`
		LastCalibrationDate *wireTime `json:"lastCalibrationDate"`
		NextCalibrationDate *wireTime `json:"nextCalibrationDate"`
		XMLData             *string   `json:"xmlData"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*a = Asset(aux.plain)
	if aux.XMLData != nil {
		a.XMLData = *aux.XMLData
	}
	a.FirstSeenDate = aux.FirstSeenDate.ptr()
	a.LastSeenDate = aux.LastSeenDate.ptr()
	a.LastMaintenanceDate = aux.LastMaintenanceDate.ptr()
	a.NextMaintenanceDate = aux.NextMaintenanceDate.ptr()
	a.LastCalibrationDate = aux.LastCalibrationDate.ptr()
	a.NextCalibrationDate = aux.NextCalibrationDate.ptr()
	return nil
}

// MarshalJSON writes the date-times as a .NET server reads them: UTC with at
// most seven fractional digits.
func (a Asset) MarshalJSON() ([]byte, error) {
	type plain Asset
	return json.Marshal(struct {
		plain
		FirstSeenDate       *sendTime `json:"firstSeenDate,omitempty"`
		LastSeenDate        *sendTime `json:"lastSeenDate,omitempty"`
		LastMaintenanceDate *sendTime `json:"lastMaintenanceDate,omitempty"`
		NextMaintenanceDate *sendTime `json:"nextMaintenanceDate,omitempty"`
		LastCalibrationDate *sendTime `json:"lastCalibrationDate,omitempty"`
		NextCalibrationDate *sendTime `json:"nextCalibrationDate,omitempty"`
	}{
		plain(a), sendTimeOf(a.FirstSeenDate), sendTimeOf(a.LastSeenDate), sendTimeOf(a.LastMaintenanceDate),
		sendTimeOf(a.NextMaintenanceDate), sendTimeOf(a.LastCalibrationDate), sendTimeOf(a.NextCalibrationDate),
	})
}

// sendTime is a date-time in a request body, written with wireDateLayout.
type sendTime time.Time

// MarshalJSON writes t in UTC with at most seven fractional digits.
func (t sendTime) MarshalJSON() ([]byte, error) {
	return []byte(`"` + wireDate(time.Time(t)) + `"`), nil
}

func sendTimeOf(t *time.Time) *sendTime {
	if t == nil {
		return nil
	}
	s := sendTime(*t)
	return &s
}

// Type is an asset type: limits and intervals shared by its assets.
type Type struct {
	// Name is the type name (required).
	Name string `json:"typeName"`
	// TypeID is assigned by the server; set it to update a type.
	TypeID string `json:"typeId,omitempty"`
	// RunningCountLimit is the usage allowed before calibration or reset is due.
	RunningCountLimit int `json:"runningCountLimit,omitempty"`
	// TotalCountLimit is the lifetime usage limit.
	TotalCountLimit int `json:"totalCountLimit,omitempty"`
	// MaintenanceInterval is in days (see IntervalUnlimited, IntervalExternal).
	MaintenanceInterval float64 `json:"maintenanceInterval,omitempty"`
	// CalibrationInterval is in days (see IntervalUnlimited, IntervalExternal).
	CalibrationInterval float64 `json:"calibrationInterval,omitempty"`
	// WarningThreshold is the percent of a limit at which status becomes Warning.
	WarningThreshold float64 `json:"warningThreshold,omitempty"`
	// AlarmThreshold is the percent of a limit at which status becomes Alarm.
	AlarmThreshold float64 `json:"alarmThreshold,omitempty"`
	// ReadOnly marks built-in types.
	ReadOnly bool `json:"isReadonly,omitempty"`
	// Icon is an icon identifier.
	Icon string `json:"icon,omitempty"`
}

// LogEntry is one line of the asset log.
type LogEntry struct {
	// LogID identifies the entry.
	LogID int `json:"logId"`
	// AssetID names the asset by id.
	AssetID string `json:"assetId,omitempty"`
	// SerialNumber names the asset by serial number.
	SerialNumber string `json:"serialNumber,omitempty"`
	// Date is when the change happened.
	Date time.Time `json:"date"`
	// User is who made the change.
	User string `json:"user,omitempty"`
	// Type classifies the entry.
	Type LogType `json:"type"`
	// Property names the asset property an update entry changed.
	Property string `json:"property,omitempty"`
	// Value is the property's new value for an update entry.
	Value string `json:"value,omitempty"`
	// Comment is the entry text.
	Comment string `json:"comment,omitempty"`
}

// UnmarshalJSON accepts the server's date-time forms (see Asset.UnmarshalJSON).
func (l *LogEntry) UnmarshalJSON(b []byte) error {
	type plain LogEntry
	var aux struct {
		plain
		Date *wireTime `json:"date"`
	}
	if err := json.Unmarshal(b, &aux); err != nil {
		return err
	}
	*l = LogEntry(aux.plain)
	if t := aux.Date.ptr(); t != nil {
		l.Date = *t
	}
	return nil
}

// Message is a free-text entry for an asset's log (the body of PostMessage).
type Message struct {
	// Content is the message text (required).
	Content string `json:"content"`
}

// Status is the server-computed status of an asset. The server's document
// gives the answer no shape; AlarmState, RunningCount and TotalCount are
// the members pyWATS reads, Message the translated text the document's
// translate parameter refers to, and the whole object is kept in Raw.
type Status struct {
	// AlarmState is OK, Warning or Alarm.
	AlarmState AlarmState `json:"alarmState"`
	// RunningCount is the usage since the last reset or calibration.
	RunningCount int `json:"runningCount"`
	// TotalCount is the lifetime usage.
	TotalCount int `json:"totalCount"`
	// Message explains the status, translated unless StatusOptions.NoTranslate.
	Message string `json:"message,omitempty"`
	// Raw is the full answer, for members not modelled here.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the whole answer in Raw.
func (s *Status) UnmarshalJSON(b []byte) error {
	type plain Status
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*s = Status(p)
	s.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// wireTime reads the date-time forms the server writes; a missing zone means UTC.
type wireTime time.Time

var wireLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.9999999", "2006-01-02T15:04:05", "2006-01-02"}

// UnmarshalJSON accepts null, "" and the layouts in wireLayouts.
func (w *wireTime) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if string(b) == "null" || string(b) == `""` {
		*w = wireTime{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("asset: date-time must be a JSON string, got %s", b)
	}
	for _, l := range wireLayouts {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			*w = wireTime(t)
			return nil
		}
	}
	return fmt.Errorf("asset: cannot parse %q as a date-time", s)
}

func (w *wireTime) ptr() *time.Time {
	if w == nil || time.Time(*w).IsZero() {
		return nil
	}
	t := time.Time(*w)
	return &t
}
