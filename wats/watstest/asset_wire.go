package watstest

import (
	"encoding/json"
	"time"
)

// Asset records and the wire forms the asset routes answer with. The
// members are those of the server's own API document: the OData list
// models (Mes.Asset.OData.Asset, .AssetType, .AssetLog) for GET /api/Asset,
// /api/Asset/Types and /api/Asset/Log, and the public model
// (Mes.Asset.Asset) for single-asset answers. Unset references are null,
// never "".

// assetRec is one stored asset.
type assetRec struct {
	id, serial, typeID, parentID              string
	name, partNumber, revision                string
	description, location, xmlData            string
	clientID, state, totalCount, runningCount int
	firstSeen, lastSeen                       time.Time
	lastMaintenance, nextMaintenance          time.Time
	lastCalibration, nextCalibration          time.Time
	tags                                      []assetTag
}

// assetTypeRec is one stored asset type.
type assetTypeRec struct {
	id, name, icon                           string
	runningCountLimit, totalCountLimit       int
	maintenanceInterval, calibrationInterval float64
	warningThreshold, alarmThreshold         float64
	readOnly                                 bool
}

// assetLogRec is one stored log entry.
type assetLogRec struct {
	id                       int
	assetID, serial          string
	at                       time.Time
	user                     string
	typ                      int
	property, value, comment string
}

// Asset log types (the document names 0 to 5; 6 is the emulator's state change).
const (
	assetLogMessage     = 0
	assetLogRegister    = 1
	assetLogUpdate      = 2
	assetLogResetCount  = 3
	assetLogCalibration = 4
	assetLogMaintenance = 5
	assetLogStateChange = 6
)

// assetTag is a Mes.Product.Setting: key, value and change.
type assetTag struct {
	Key    string  `json:"key"`
	Value  *string `json:"value"`
	Change int     `json:"change"`
}

// assetListWire is Mes.Asset.OData.Asset, a row of GET /api/Asset.
type assetListWire struct {
	AssetID             string   `json:"assetId"`
	ParentAssetID       *string  `json:"parentAssetId"`
	AssetName           *string  `json:"assetName"`
	SerialNumber        string   `json:"serialNumber"`
	ParentSerialNumber  *string  `json:"parentSerialNumber"`
	PartNumber          *string  `json:"partNumber"`
	Revision            *string  `json:"revision"`
	TypeID              string   `json:"typeId"`
	State               int      `json:"state"`
	Description         *string  `json:"description"`
	Location            *string  `json:"location"`
	FirstSeenDate       *mesTime `json:"firstSeenDate"`
	LastSeenDate        *mesTime `json:"lastSeenDate"`
	LastMaintenanceDate *mesTime `json:"lastMaintenanceDate"`
	NextMaintenanceDate *mesTime `json:"nextMaintenanceDate"`
	LastCalibrationDate *mesTime `json:"lastCalibrationDate"`
	NextCalibrationDate *mesTime `json:"nextCalibrationDate"`
	TotalCount          int      `json:"totalCount"`
	RunningCount        int      `json:"runningCount"`
	XMLData             *string  `json:"xmlData"`
}

// assetWire is Mes.Asset.Asset, the single-asset answer.
type assetWire struct {
	AssetID             string         `json:"assetId"`
	ParentAssetID       *string        `json:"parentAssetId"`
	SerialNumber        string         `json:"serialNumber"`
	ParentSerialNumber  *string        `json:"parentSerialNumber"`
	AssetName           *string        `json:"assetName"`
	PartNumber          *string        `json:"partNumber"`
	Revision            *string        `json:"revision"`
	TypeID              string         `json:"typeId"`
	ClientID            int            `json:"ClientId"`
	State               int            `json:"state"`
	Description         *string        `json:"description"`
	Location            *string        `json:"location"`
	FirstSeenDate       *mesTime       `json:"firstSeenDate"`
	LastSeenDate        *mesTime       `json:"lastSeenDate"`
	LastMaintenanceDate *mesTime       `json:"lastMaintenanceDate"`
	NextMaintenanceDate *mesTime       `json:"nextMaintenanceDate"`
	LastCalibrationDate *mesTime       `json:"lastCalibrationDate"`
	NextCalibrationDate *mesTime       `json:"nextCalibrationDate"`
	TotalCount          int            `json:"totalCount"`
	RunningCount        int            `json:"runningCount"`
	Tags                []assetTag     `json:"tags"`
	AssetChildren       []assetWire    `json:"assetChildren"`
	AssetType           *assetTypeWire `json:"assetType"`
	AssetLog            []assetLogWire `json:"assetLog"`
}

// assetTypeWire is Mes.Asset.AssetType (and its OData twin).
type assetTypeWire struct {
	TypeID              string  `json:"typeId"`
	TypeName            string  `json:"typeName"`
	RunningCountLimit   int     `json:"runningCountLimit"`
	TotalCountLimit     int     `json:"totalCountLimit"`
	MaintenanceInterval float64 `json:"maintenanceInterval"`
	CalibrationInterval float64 `json:"calibrationInterval"`
	WarningThreshold    float64 `json:"warningThreshold"`
	AlarmThreshold      float64 `json:"alarmThreshold"`
	IsReadonly          bool    `json:"isReadonly"`
	Icon                *string `json:"icon"`
}

// assetLogWire is Mes.Asset.AssetLog (and its OData twin).
type assetLogWire struct {
	LogID        int      `json:"logId"`
	AssetID      string   `json:"assetId"`
	SerialNumber string   `json:"serialNumber"`
	Date         *mesTime `json:"date"`
	User         *string  `json:"user"`
	Type         int      `json:"type"`
	Property     *string  `json:"property"`
	Value        *string  `json:"value"`
	Comment      *string  `json:"comment"`
}

// assetStatusWire is the answer of GET /api/Asset/Status, which the
// document leaves untyped: the members pyWATS reads plus the due dates and
// a message.
type assetStatusWire struct {
	AssetID             string   `json:"assetId"`
	SerialNumber        string   `json:"serialNumber"`
	AlarmState          int      `json:"alarmState"`
	Message             string   `json:"message"`
	RunningCount        int      `json:"runningCount"`
	TotalCount          int      `json:"totalCount"`
	NextCalibrationDate *mesTime `json:"nextCalibrationDate"`
	NextMaintenanceDate *mesTime `json:"nextMaintenanceDate"`
}

// assetIn is a PUT /api/Asset body; pointers tell absent from zero.
type assetIn struct {
	AssetID            string       `json:"assetId"`
	SerialNumber       string       `json:"serialNumber"`
	TypeID             *string      `json:"typeId"`
	ParentAssetID      assetOptText `json:"parentAssetId"`
	ParentSerialNumber assetOptText `json:"parentSerialNumber"`
	AssetName          *string      `json:"assetName"`
	PartNumber         *string      `json:"partNumber"`
	Revision           *string      `json:"revision"`
	ClientID           *int         `json:"ClientId"`
	State              *int         `json:"state"`
	Description        *string      `json:"description"`
	Location           *string      `json:"location"`
	XMLData            *string      `json:"xmlData"`
	FirstSeenDate      *time.Time   `json:"firstSeenDate"`
	LastMaintenance    *time.Time   `json:"lastMaintenanceDate"`
	NextMaintenance    *time.Time   `json:"nextMaintenanceDate"`
	LastCalibration    *time.Time   `json:"lastCalibrationDate"`
	NextCalibration    *time.Time   `json:"nextCalibrationDate"`
	TotalCount         *int         `json:"totalCount"`
	RunningCount       *int         `json:"runningCount"`
	Tags               []assetTag   `json:"tags"`
}

// assetOptText tells an absent member (unchanged) from null or "" (cleared).
type assetOptText struct {
	set bool
	v   string
}

// UnmarshalJSON is called for null too, which marks the member as given.
func (o *assetOptText) UnmarshalJSON(b []byte) error {
	o.set = true
	if string(b) == "null" {
		o.v = ""
		return nil
	}
	return json.Unmarshal(b, &o.v)
}

// assetTypeIn is a PUT /api/Asset/Types body.
type assetTypeIn struct {
	TypeID              string  `json:"typeId"`
	TypeName            string  `json:"typeName"`
	RunningCountLimit   int     `json:"runningCountLimit"`
	TotalCountLimit     int     `json:"totalCountLimit"`
	MaintenanceInterval float64 `json:"maintenanceInterval"`
	CalibrationInterval float64 `json:"calibrationInterval"`
	WarningThreshold    float64 `json:"warningThreshold"`
	AlarmThreshold      float64 `json:"alarmThreshold"`
	IsReadonly          bool    `json:"isReadonly"`
	Icon                string  `json:"icon"`
}

// assetMessageIn is Mes.Asset.AssetMessage, the POST /api/Asset/Message body.
type assetMessageIn struct {
	Content string `json:"content"`
}

func (a *assetRec) listWire(parentSerial string) assetListWire {
	return assetListWire{
		AssetID: a.id, ParentAssetID: mesStr(a.parentID), AssetName: mesStr(a.name), SerialNumber: a.serial,
		ParentSerialNumber: mesStr(parentSerial), PartNumber: mesStr(a.partNumber), Revision: mesStr(a.revision),
		TypeID: a.typeID, State: a.state, Description: mesStr(a.description), Location: mesStr(a.location),
		FirstSeenDate: mesTimeOf(a.firstSeen), LastSeenDate: mesTimeOf(a.lastSeen),
		LastMaintenanceDate: mesTimeOf(a.lastMaintenance), NextMaintenanceDate: mesTimeOf(a.nextMaintenance),
		LastCalibrationDate: mesTimeOf(a.lastCalibration), NextCalibrationDate: mesTimeOf(a.nextCalibration),
		TotalCount: a.totalCount, RunningCount: a.runningCount, XMLData: mesStr(a.xmlData),
	}
}

func (a *assetRec) wire(parentSerial string) assetWire {
	tags := append([]assetTag{}, a.tags...)
	return assetWire{
		AssetID: a.id, ParentAssetID: mesStr(a.parentID), SerialNumber: a.serial, ParentSerialNumber: mesStr(parentSerial),
		AssetName: mesStr(a.name), PartNumber: mesStr(a.partNumber), Revision: mesStr(a.revision), TypeID: a.typeID,
		ClientID: a.clientID, State: a.state, Description: mesStr(a.description), Location: mesStr(a.location),
		FirstSeenDate: mesTimeOf(a.firstSeen), LastSeenDate: mesTimeOf(a.lastSeen),
		LastMaintenanceDate: mesTimeOf(a.lastMaintenance), NextMaintenanceDate: mesTimeOf(a.nextMaintenance),
		LastCalibrationDate: mesTimeOf(a.lastCalibration), NextCalibrationDate: mesTimeOf(a.nextCalibration),
		TotalCount: a.totalCount, RunningCount: a.runningCount, Tags: tags,
		AssetChildren: []assetWire{}, AssetLog: []assetLogWire{},
	}
}

func (t *assetTypeRec) wire() assetTypeWire {
	return assetTypeWire{
		TypeID: t.id, TypeName: t.name, RunningCountLimit: t.runningCountLimit, TotalCountLimit: t.totalCountLimit,
		MaintenanceInterval: t.maintenanceInterval, CalibrationInterval: t.calibrationInterval,
		WarningThreshold: t.warningThreshold, AlarmThreshold: t.alarmThreshold, IsReadonly: t.readOnly, Icon: mesStr(t.icon),
	}
}

func (l *assetLogRec) wire() assetLogWire {
	return assetLogWire{
		LogID: l.id, AssetID: l.assetID, SerialNumber: l.serial, Date: mesTimeOf(l.at), User: mesStr(l.user),
		Type: l.typ, Property: mesStr(l.property), Value: mesStr(l.value), Comment: mesStr(l.comment),
	}
}
