package watstest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The asset domain of the emulator (spec asset.md AS1–AS19, AI1–AI4).
// Semantics chosen where the spec says "unverified":
//   - Single-asset calls take id or serialNumber; both given must agree.
//     GET /api/Asset/{idOrSerialNumber} tries the id first, then the serial.
//   - PUT /api/Asset upserts by assetId, else by serialNumber; creating
//     needs an existing typeId. Absent fields keep their stored value.
//   - Count: incrementBy defaults to 1 (0 when totalCount is given);
//     totalCount sets the total explicitly; incrementChildren counts every
//     descendant too.
//   - Calibration resets the running count. Calibration and maintenance set
//     last = dateTime (default now) and next = last + the type's interval in
//     days (no next date for intervals ≤ 0). The External variants set both
//     dates as given and refuse toDate before fromDate.
//   - Status: Alarm when a limit is reached or a due date has passed,
//     Warning when a count passes warningThreshold percent of its limit or
//     less than (100-warningThreshold) percent of an interval is left.
//   - SubAssets: level 0 = all descendants, n = down to depth n.
//   - Every change is logged (register, update, count, reset, calibration,
//     maintenance, state, message).
//   - Files: AI2 answers raw bytes (application/octet-stream) unless
//     WithAssetFilesAsBase64 is set; AI4 deletes the names in its JSON array
//     body, or every file when the body is empty.

type paAsset struct {
	AssetID            string      `json:"assetId"`
	SerialNumber       string      `json:"serialNumber"`
	TypeID             string      `json:"typeId"`
	ParentAssetID      string      `json:"parentAssetId,omitempty"`
	ParentSerialNumber string      `json:"parentSerialNumber,omitempty"`
	AssetName          string      `json:"assetName,omitempty"`
	PartNumber         string      `json:"partNumber,omitempty"`
	Revision           string      `json:"revision,omitempty"`
	ClientID           int         `json:"ClientId,omitempty"`
	State              int         `json:"state"`
	Description        string      `json:"description,omitempty"`
	Location           string      `json:"location,omitempty"`
	FirstSeenDate      *time.Time  `json:"firstSeenDate,omitempty"`
	LastSeenDate       *time.Time  `json:"lastSeenDate,omitempty"`
	LastMaintenance    *time.Time  `json:"lastMaintenanceDate,omitempty"`
	NextMaintenance    *time.Time  `json:"nextMaintenanceDate,omitempty"`
	LastCalibration    *time.Time  `json:"lastCalibrationDate,omitempty"`
	NextCalibration    *time.Time  `json:"nextCalibrationDate,omitempty"`
	TotalCount         int         `json:"totalCount"`
	RunningCount       int         `json:"runningCount"`
	Tags               []paSetting `json:"tags"`
}

// paAssetIn is a PUT /api/Asset body; pointers tell absent from zero.
type paAssetIn struct {
	AssetID            string      `json:"assetId"`
	SerialNumber       string      `json:"serialNumber"`
	TypeID             *string     `json:"typeId"`
	ParentAssetID      paOptString `json:"parentAssetId"`
	ParentSerialNumber paOptString `json:"parentSerialNumber"`
	AssetName          *string     `json:"assetName"`
	PartNumber         *string     `json:"partNumber"`
	Revision           *string     `json:"revision"`
	ClientID           *int        `json:"ClientId"`
	State              *int        `json:"state"`
	Description        *string     `json:"description"`
	Location           *string     `json:"location"`
	LastMaintenance    *time.Time  `json:"lastMaintenanceDate"`
	NextMaintenance    *time.Time  `json:"nextMaintenanceDate"`
	LastCalibration    *time.Time  `json:"lastCalibrationDate"`
	NextCalibration    *time.Time  `json:"nextCalibrationDate"`
	TotalCount         *int        `json:"totalCount"`
	RunningCount       *int        `json:"runningCount"`
	Tags               []paSetting `json:"tags"`
}

// paOptString tells an absent field (unchanged) from null or "" (cleared).
type paOptString struct {
	set bool
	v   string
}

// UnmarshalJSON is called for null too, which marks the field as given.
func (o *paOptString) UnmarshalJSON(b []byte) error {
	o.set = true
	if string(b) == "null" {
		o.v = ""
		return nil
	}
	return json.Unmarshal(b, &o.v)
}

type paAssetType struct {
	TypeID              string  `json:"typeId"`
	TypeName            string  `json:"typeName"`
	RunningCountLimit   int     `json:"runningCountLimit,omitempty"`
	TotalCountLimit     int     `json:"totalCountLimit,omitempty"`
	MaintenanceInterval float64 `json:"maintenanceInterval,omitempty"`
	CalibrationInterval float64 `json:"calibrationInterval,omitempty"`
	WarningThreshold    float64 `json:"warningThreshold,omitempty"`
	AlarmThreshold      float64 `json:"alarmThreshold,omitempty"`
	IsReadonly          bool    `json:"isReadonly"`
	Icon                string  `json:"icon,omitempty"`
}

type paAssetLog struct {
	LogID        int       `json:"logId"`
	AssetID      string    `json:"assetId"`
	SerialNumber string    `json:"serialNumber"`
	Date         time.Time `json:"date"`
	User         string    `json:"user"`
	Type         int       `json:"type"`
	Comment      string    `json:"comment,omitempty"`
}

type assetState struct {
	mu       sync.Mutex
	assets   map[string]*paAsset // by lower-case asset id
	order    []string
	types    map[string]*paAssetType // by lower-case type id
	typeIDs  []string
	log      []paAssetLog
	files    map[string]map[string][]byte // asset id → file name → content
	base64AI bool
}

func newAssetState() *assetState {
	return &assetState{assets: map[string]*paAsset{}, types: map[string]*paAssetType{}, files: map[string]map[string][]byte{}}
}

// paEmulatorUser is the user name the emulator writes into log entries.
const paEmulatorUser = "watstest"

// WithAssetTypes seeds asset types given in their wire form (e.g.
// asset.Type), as if PUT /api/Asset/Types had been called for each. Give
// TypeID to refer to the type from WithAssets.
func WithAssetTypes(types ...any) Option {
	return func(e *Emulator) {
		for _, t := range types {
			var in paAssetType
			err := paRemarshal(t, &in)
			if err == nil {
				e.assets.mu.Lock()
				_, err = e.assets.saveType(in, true)
				e.assets.mu.Unlock()
			}
			if err != nil {
				e.paSeedError(fmt.Errorf("WithAssetTypes: %w", err))
			}
		}
	}
}

// WithAssets seeds assets given in their wire form (e.g. asset.Asset), as
// if PUT /api/Asset had been called for each; an AssetID given is kept.
// FirstSeenDate is the emulator clock at seeding time, so give WithClock first.
func WithAssets(assets ...any) Option {
	return func(e *Emulator) {
		for _, a := range assets {
			var in paAssetIn
			err := paRemarshal(a, &in)
			if err == nil {
				e.assets.mu.Lock()
				_, err = e.assets.save(in, e.now(), true)
				e.assets.mu.Unlock()
			}
			if err != nil {
				e.paSeedError(fmt.Errorf("WithAssets: %w", err))
			}
		}
	}
}

// WithAssetFilesAsBase64 makes GET /api/internal/Blob/Asset answer
// {"content": "<Base64>"} as JSON instead of raw bytes, the other form the
// spec allows.
func WithAssetFilesAsBase64() Option {
	return func(e *Emulator) { e.assets.base64AI = true }
}

func paRemarshal(in, out any) error {
	b, err := json.Marshal(in)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// saveType upserts a type. seeding keeps a given unknown TypeID. Caller holds s.mu.
func (s *assetState) saveType(in paAssetType, seeding bool) (*paAssetType, error) {
	if strings.TrimSpace(in.TypeName) == "" {
		return nil, paBadInput("typeName is required")
	}
	if in.TypeID != "" {
		if t, ok := s.types[strings.ToLower(in.TypeID)]; ok {
			if t.IsReadonly {
				return nil, paBadInput(fmt.Sprintf("Asset type '%s' is read-only.", t.TypeName))
			}
			in.TypeID = t.TypeID
			*t = in
			return t, nil
		}
		if !seeding {
			return nil, paNotFound(fmt.Sprintf("Asset type '%s' was not found.", in.TypeID))
		}
	} else {
		in.TypeID = prodAssetGUID()
	}
	t := in
	s.types[strings.ToLower(t.TypeID)] = &t
	s.typeIDs = append(s.typeIDs, strings.ToLower(t.TypeID))
	return &t, nil
}

func (s *assetState) bySerial(sn string) *paAsset {
	for _, id := range s.order {
		if a := s.assets[id]; a.SerialNumber == sn {
			return a
		}
	}
	return nil
}

func (s *assetState) addLog(a *paAsset, typ int, user, comment string, at time.Time) {
	if user == "" {
		user = paEmulatorUser
	}
	s.log = append(s.log, paAssetLog{LogID: len(s.log) + 1, AssetID: a.AssetID, SerialNumber: a.SerialNumber, Date: at, User: user, Type: typ, Comment: comment})
}

// save upserts an asset. Caller holds s.mu.
func (s *assetState) save(in paAssetIn, now time.Time, seeding bool) (*paAsset, error) {
	if strings.TrimSpace(in.SerialNumber) == "" {
		return nil, paBadInput("serialNumber is required")
	}
	if in.State != nil && (*in.State < 0 || *in.State > 6) {
		return nil, paBadInput(fmt.Sprintf("state %d is not a valid AssetState", *in.State))
	}
	var a *paAsset
	if in.AssetID != "" {
		a = s.assets[strings.ToLower(in.AssetID)]
		if a == nil && !seeding {
			return nil, paNotFound(fmt.Sprintf("Asset '%s' was not found.", in.AssetID))
		}
	} else {
		a = s.bySerial(in.SerialNumber)
	}
	if other := s.bySerial(in.SerialNumber); other != nil && a != nil && other != a {
		return nil, paConflict(fmt.Sprintf("Serial number '%s' is already used by asset '%s'.", in.SerialNumber, other.AssetID))
	}
	created := a == nil
	if created {
		if in.TypeID == nil || *in.TypeID == "" {
			return nil, paBadInput("typeId is required to create an asset")
		}
		id := in.AssetID
		if id == "" {
			id = prodAssetGUID()
		}
		t := now
		a = &paAsset{AssetID: strings.ToLower(id), State: 1, FirstSeenDate: &t, Tags: []paSetting{}}
	}
	if in.TypeID != nil && *in.TypeID != "" {
		if _, ok := s.types[strings.ToLower(*in.TypeID)]; !ok {
			return nil, paBadInput(fmt.Sprintf("Asset type '%s' does not exist.", *in.TypeID))
		}
		a.TypeID = strings.ToLower(*in.TypeID)
	}
	// Resolve the parent before changing anything, so a refused save leaves no trace.
	parentID, parentSet := a.ParentAssetID, false
	switch {
	case in.ParentAssetID.set && in.ParentAssetID.v != "":
		parentID, parentSet = strings.ToLower(in.ParentAssetID.v), true
	case in.ParentSerialNumber.set && in.ParentSerialNumber.v != "":
		p := s.bySerial(in.ParentSerialNumber.v)
		if p == nil {
			return nil, paBadInput(fmt.Sprintf("Parent asset '%s' does not exist.", in.ParentSerialNumber.v))
		}
		parentID, parentSet = p.AssetID, true
	case in.ParentAssetID.set || in.ParentSerialNumber.set:
		parentID, parentSet = "", true // explicit null or "": detach
	}
	if parentSet && parentID != "" {
		if _, ok := s.assets[parentID]; !ok {
			return nil, paBadInput(fmt.Sprintf("Parent asset '%s' does not exist.", parentID))
		}
		for p := parentID; p != ""; p = s.assets[p].ParentAssetID {
			if p == a.AssetID {
				return nil, paBadInput("the parent relation would form a cycle")
			}
		}
	}
	oldState := a.State
	a.SerialNumber = in.SerialNumber
	if parentSet {
		a.ParentAssetID = parentID
		a.ParentSerialNumber = ""
		if p, ok := s.assets[parentID]; ok {
			a.ParentSerialNumber = p.SerialNumber
		}
	}
	paSetStr(&a.AssetName, in.AssetName)
	paSetStr(&a.PartNumber, in.PartNumber)
	paSetStr(&a.Revision, in.Revision)
	paSetStr(&a.Description, in.Description)
	paSetStr(&a.Location, in.Location)
	if in.ClientID != nil {
		a.ClientID = *in.ClientID
	}
	if in.State != nil {
		a.State = *in.State
	}
	for _, d := range []struct{ dst, src **time.Time }{
		{&a.LastMaintenance, &in.LastMaintenance}, {&a.NextMaintenance, &in.NextMaintenance},
		{&a.LastCalibration, &in.LastCalibration}, {&a.NextCalibration, &in.NextCalibration},
	} {
		if *d.src != nil {
			t := (*d.src).UTC()
			*d.dst = &t
		}
	}
	if in.TotalCount != nil {
		a.TotalCount = *in.TotalCount
	}
	if in.RunningCount != nil {
		a.RunningCount = *in.RunningCount
	}
	a.Tags = paMergeTags(a.Tags, in.Tags)
	if created {
		s.assets[a.AssetID] = a
		s.order = append(s.order, a.AssetID)
		s.addLog(a, 1, "", "Asset registered", now)
	} else {
		s.addLog(a, 2, "", "Asset updated", now)
	}
	if !created && oldState != a.State {
		s.addLog(a, 6, "", fmt.Sprintf("State changed from %d to %d", oldState, a.State), now)
	}
	return a, nil
}

// paConflict is a 409 the handlers turn into an error body.
type paConflict string

func (e paConflict) Error() string { return string(e) }

// children returns the direct children of id in creation order. Caller holds s.mu.
func (s *assetState) children(id string) []*paAsset {
	var out []*paAsset
	for _, cid := range s.order {
		if c := s.assets[cid]; c.ParentAssetID == id {
			out = append(out, c)
		}
	}
	return out
}

// descendants returns children down to depth levels (0 = unlimited).
func (s *assetState) descendants(id string, levels int) []*paAsset {
	var out []*paAsset
	var walk func(id string, depth int)
	walk = func(id string, depth int) {
		for _, c := range s.children(id) {
			out = append(out, c)
			if levels == 0 || depth < levels {
				walk(c.AssetID, depth+1)
			}
		}
	}
	walk(id, 1)
	return out
}

// resolve finds the asset named by the id / serialNumber query parameters,
// answering 400 or 404 itself when it cannot.
func (s *assetState) resolve(w http.ResponseWriter, r *http.Request) *paAsset {
	id, sn := query(r, "id"), query(r, "serialNumber")
	if id == "" && sn == "" {
		writeError(w, http.StatusBadRequest, "Either id or serialNumber must be given.")
		return nil
	}
	var a *paAsset
	if id != "" {
		a = s.assets[strings.ToLower(id)]
		if a != nil && sn != "" && a.SerialNumber != sn {
			writeError(w, http.StatusBadRequest, "id '%s' and serialNumber '%s' name different assets.", id, sn)
			return nil
		}
	} else {
		a = s.bySerial(sn)
	}
	if a == nil {
		writeError(w, http.StatusNotFound, "Asset '%s' was not found.", id+sn)
		return nil
	}
	return a
}

// paParseTime reads a query-string date-time; a missing zone means UTC.
func paParseTime(s string) (time.Time, bool) {
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.9999999", "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}

func paAddDays(t time.Time, days float64) *time.Time {
	if days <= 0 {
		return nil
	}
	n := t.Add(time.Duration(days * float64(24*time.Hour)))
	return &n
}

// alarm computes AS5's alarmState for a at now.
func (s *assetState) alarm(a *paAsset, now time.Time) int {
	t := s.types[a.TypeID]
	if t == nil {
		return 0
	}
	warn, alarm := t.WarningThreshold, t.AlarmThreshold
	if alarm <= 0 {
		alarm = 100
	}
	if warn <= 0 || warn > alarm {
		warn = alarm
	}
	level := 0
	raise := func(l int) {
		if l > level {
			level = l
		}
	}
	for _, c := range []struct{ count, limit int }{{a.RunningCount, t.RunningCountLimit}, {a.TotalCount, t.TotalCountLimit}} {
		if c.limit <= 0 {
			continue
		}
		pct := 100 * float64(c.count) / float64(c.limit)
		switch {
		case pct >= alarm:
			raise(2)
		case pct >= warn:
			raise(1)
		}
	}
	for _, d := range []struct {
		next     *time.Time
		interval float64
	}{{a.NextCalibration, t.CalibrationInterval}, {a.NextMaintenance, t.MaintenanceInterval}} {
		if d.next == nil || d.interval == -1 {
			continue
		}
		if !now.Before(*d.next) {
			raise(2)
			continue
		}
		if d.interval > 0 {
			left := d.next.Sub(now).Hours() / 24 / d.interval * 100
			if left <= 100-warn {
				raise(1)
			}
		}
	}
	return level
}

func (e *Emulator) installAsset() {
	s := e.assets
	lock := func(h HandlerFunc) HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request, p Params) {
			s.mu.Lock()
			defer s.mu.Unlock()
			h(w, r, p)
		}
	}
	writeErr := func(w http.ResponseWriter, err error) {
		if c, ok := err.(paConflict); ok {
			writeError(w, http.StatusConflict, "%s", string(c))
			return
		}
		paWriteError(w, err)
	}
	rows := func(v any) []map[string]any {
		var out []map[string]any
		_ = paRemarshal(v, &out)
		return out
	}

	// AS1
	e.handle(http.MethodGet, "/api/Asset", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		list := make([]*paAsset, 0, len(s.order))
		for _, id := range s.order {
			list = append(list, s.assets[id])
		}
		if !paNeedsRows(r) {
			if lo, hi, ok := paPageBounds(w, r, len(list), true); ok {
				writeJSON(w, http.StatusOK, list[lo:hi])
			}
			return
		}
		out, ok := paApplyOData(w, r, rows(list), true, true)
		if ok {
			writeJSON(w, http.StatusOK, out)
		}
	}))
	// AS2
	e.handle(http.MethodGet, "/api/Asset/{idOrSerialNumber}", lock(func(w http.ResponseWriter, r *http.Request, p Params) {
		key := p.Get("idOrSerialNumber")
		a := s.assets[strings.ToLower(key)]
		if a == nil {
			a = s.bySerial(key)
		}
		if a == nil {
			writeError(w, http.StatusNotFound, "Asset '%s' was not found.", key)
			return
		}
		out := struct {
			*paAsset
			Children []*paAsset `json:"assetChildren"`
		}{a, s.children(a.AssetID)}
		if out.Children == nil {
			out.Children = []*paAsset{}
		}
		writeJSON(w, http.StatusOK, out)
	}))
	// AS3
	e.handle(http.MethodPut, "/api/Asset", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		var in paAssetIn
		if !readJSON(w, r, &in) {
			return
		}
		a, err := s.save(in, e.now(), false)
		if err != nil {
			writeErr(w, err)
			return
		}
		writeJSON(w, http.StatusOK, a)
	}))
	// AS4
	e.handle(http.MethodDelete, "/api/Asset", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		a := s.resolve(w, r)
		if a == nil {
			return
		}
		for _, c := range s.children(a.AssetID) {
			c.ParentAssetID, c.ParentSerialNumber = "", ""
		}
		delete(s.assets, a.AssetID)
		delete(s.files, a.AssetID)
		for i, id := range s.order {
			if id == a.AssetID {
				s.order = append(s.order[:i], s.order[i+1:]...)
				break
			}
		}
		w.WriteHeader(http.StatusOK)
	}))
	// AS5
	e.handle(http.MethodGet, "/api/Asset/Status", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		if _, ok := queryBool(w, r, "translate", true); !ok {
			return
		}
		a := s.resolve(w, r)
		if a == nil {
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{
			"assetId": a.AssetID, "serialNumber": a.SerialNumber,
			"alarmState": s.alarm(a, e.now()), "runningCount": a.RunningCount, "totalCount": a.TotalCount,
			"nextCalibrationDate": a.NextCalibration, "nextMaintenanceDate": a.NextMaintenance,
		})
	}))
	// AS6
	e.handle(http.MethodPut, "/api/Asset/State", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		st, ok := queryInt(w, r, "state", -1)
		if !ok {
			return
		}
		if st < 0 || st > 6 {
			writeError(w, http.StatusBadRequest, "state must be an AssetState between 0 and 6.")
			return
		}
		a := s.resolve(w, r)
		if a == nil {
			return
		}
		if a.State != st {
			s.addLog(a, 6, "", fmt.Sprintf("State changed from %d to %d", a.State, st), e.now())
			a.State = st
		}
		w.WriteHeader(http.StatusOK)
	}))
	// AS7
	e.handle(http.MethodPut, "/api/Asset/Count", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		_, hasTotal := queryLookup(r, "totalCount")
		def := 1
		if hasTotal {
			def = 0
		}
		inc, ok := queryInt(w, r, "incrementBy", def)
		if !ok {
			return
		}
		total, ok := queryInt(w, r, "totalCount", -1)
		if !ok {
			return
		}
		children, ok := queryBool(w, r, "incrementChildren", false)
		if !ok {
			return
		}
		if inc < 0 || (hasTotal && total < 0) {
			writeError(w, http.StatusBadRequest, "incrementBy and totalCount must not be negative.")
			return
		}
		a := s.resolve(w, r)
		if a == nil {
			return
		}
		now := e.now()
		targets := []*paAsset{a}
		if children {
			targets = append(targets, s.descendants(a.AssetID, 0)...)
		}
		for _, t := range targets {
			t.RunningCount += inc
			if hasTotal && t == a {
				t.TotalCount = total
			} else {
				t.TotalCount += inc
			}
			seen := now
			t.LastSeenDate = &seen
			s.addLog(t, 2, "", fmt.Sprintf("Count incremented by %d", inc), now)
		}
		w.WriteHeader(http.StatusOK)
	}))
	// AS8
	e.handle(http.MethodPost, "/api/Asset/ResetRunningCount", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		a := s.resolve(w, r)
		if a == nil {
			return
		}
		a.RunningCount = 0
		s.addLog(a, 3, "", paJoin("Running count reset", query(r, "comment")), e.now())
		w.WriteHeader(http.StatusOK)
	}))
	// AS9, AS10
	setCount := func(param string, apply func(a *paAsset, n int)) HandlerFunc {
		return lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
			n, ok := queryInt(w, r, param, -1)
			if !ok {
				return
			}
			if n < 0 {
				writeError(w, http.StatusBadRequest, "%s is required and must not be negative.", param)
				return
			}
			a := s.resolve(w, r)
			if a == nil {
				return
			}
			apply(a, n)
			s.addLog(a, 2, "", fmt.Sprintf("%s set to %d", param, n), e.now())
			w.WriteHeader(http.StatusOK)
		})
	}
	e.handle(http.MethodPut, "/api/Asset/SetRunningCount", setCount("runningCount", func(a *paAsset, n int) { a.RunningCount = n }))
	e.handle(http.MethodPut, "/api/Asset/SetTotalCount", setCount("totalCount", func(a *paAsset, n int) { a.TotalCount = n }))
	// AS11–AS14
	event := func(calibration, external bool) HandlerFunc {
		return lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
			var last time.Time
			var next *time.Time
			if external {
				from, ok1 := paParseTime(query(r, "fromDate"))
				to, ok2 := paParseTime(query(r, "toDate"))
				if !ok1 || !ok2 {
					writeError(w, http.StatusBadRequest, "fromDate and toDate are required ISO 8601 date-times.")
					return
				}
				if to.Before(from) {
					writeError(w, http.StatusBadRequest, "toDate must not be before fromDate.")
					return
				}
				last, next = from, &to
			} else {
				last = e.now().UTC()
				if v := query(r, "dateTime"); v != "" {
					t, ok := paParseTime(v)
					if !ok {
						writeError(w, http.StatusBadRequest, "The value '%s' is not valid for dateTime.", v)
						return
					}
					last = t
				}
			}
			a := s.resolve(w, r)
			if a == nil {
				return
			}
			if !external {
				var interval float64
				if t := s.types[a.TypeID]; t != nil {
					interval = t.MaintenanceInterval
					if calibration {
						interval = t.CalibrationInterval
					}
				}
				next = paAddDays(last, interval)
			}
			kind, typ := "Maintenance", 5
			if calibration {
				kind, typ = "Calibration", 4
				a.LastCalibration, a.NextCalibration = &last, next
				a.RunningCount = 0
			} else {
				a.LastMaintenance, a.NextMaintenance = &last, next
			}
			if external {
				kind = "External " + strings.ToLower(kind)
			}
			s.addLog(a, typ, "", paJoin(kind+" recorded", query(r, "comment")), e.now())
			w.WriteHeader(http.StatusOK)
		})
	}
	e.handle(http.MethodPost, "/api/Asset/Calibration", event(true, false))
	e.handle(http.MethodPost, "/api/Asset/Maintenance", event(false, false))
	e.handle(http.MethodPost, "/api/Asset/Calibration/External", event(true, true))
	e.handle(http.MethodPost, "/api/Asset/Maintenance/External", event(false, true))
	// AS15
	e.handle(http.MethodGet, "/api/Asset/Log", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		out, ok := paApplyOData(w, r, rows(s.log), true, true)
		if ok {
			writeJSON(w, http.StatusOK, out)
		}
	}))
	// AS16
	e.handle(http.MethodPost, "/api/Asset/Message", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		var in struct {
			AssetID string `json:"assetId"`
			Comment string `json:"comment"`
			User    string `json:"user"`
		}
		if !readJSON(w, r, &in) {
			return
		}
		if in.AssetID == "" || in.Comment == "" {
			writeError(w, http.StatusBadRequest, "assetId and comment are required.")
			return
		}
		a := s.assets[strings.ToLower(in.AssetID)]
		if a == nil {
			writeError(w, http.StatusNotFound, "Asset '%s' was not found.", in.AssetID)
			return
		}
		s.addLog(a, 0, in.User, in.Comment, e.now())
		w.WriteHeader(http.StatusOK)
	}))
	// AS17
	e.handle(http.MethodGet, "/api/Asset/Types", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		list := make([]*paAssetType, 0, len(s.typeIDs))
		for _, id := range s.typeIDs {
			list = append(list, s.types[id])
		}
		out, ok := paApplyOData(w, r, rows(list), false, false)
		if ok {
			writeJSON(w, http.StatusOK, out)
		}
	}))
	// AS18
	e.handle(http.MethodPut, "/api/Asset/Types", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		var in paAssetType
		if !readJSON(w, r, &in) {
			return
		}
		t, err := s.saveType(in, false)
		if err != nil {
			writeErr(w, err)
			return
		}
		writeJSON(w, http.StatusOK, t)
	}))
	// AS19
	e.handle(http.MethodGet, "/api/Asset/SubAssets", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		level, ok := queryInt(w, r, "level", 0)
		if !ok {
			return
		}
		if level < 0 {
			writeError(w, http.StatusBadRequest, "level must not be negative.")
			return
		}
		a := s.resolve(w, r)
		if a == nil {
			return
		}
		out := s.descendants(a.AssetID, level)
		if out == nil {
			out = []*paAsset{}
		}
		writeJSON(w, http.StatusOK, out)
	}))

	e.installAssetFiles(lock)
}

func paJoin(what, comment string) string {
	if comment == "" {
		return what
	}
	return what + ": " + comment
}

func (e *Emulator) installAssetFiles(lock func(HandlerFunc) HandlerFunc) {
	s := e.assets
	assetFor := func(w http.ResponseWriter, id string) bool {
		if id == "" {
			writeError(w, http.StatusBadRequest, "assetId is required.")
			return false
		}
		if _, ok := s.assets[strings.ToLower(id)]; !ok {
			writeError(w, http.StatusNotFound, "Asset '%s' was not found.", id)
			return false
		}
		return true
	}
	// AI1
	e.handle(http.MethodPost, "/api/internal/Blob/Asset", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		id, name := query(r, "assetId"), query(r, "filename")
		if !assetFor(w, id) {
			return
		}
		if name == "" {
			writeError(w, http.StatusBadRequest, "filename is required.")
			return
		}
		data, err := io.ReadAll(r.Body)
		if err != nil {
			writeError(w, http.StatusBadRequest, "could not read the file: %v", err)
			return
		}
		key := strings.ToLower(id)
		if s.files[key] == nil {
			s.files[key] = map[string][]byte{}
		}
		s.files[key][name] = data
		w.WriteHeader(http.StatusOK)
	}))
	// AI2
	e.handle(http.MethodGet, "/api/internal/Blob/Asset", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		id, name := query(r, "assetId"), query(r, "filename")
		if !assetFor(w, id) {
			return
		}
		data, ok := s.files[strings.ToLower(id)][name]
		if !ok {
			writeError(w, http.StatusNotFound, "File '%s' was not found for asset '%s'.", name, id)
			return
		}
		if s.base64AI {
			writeJSON(w, http.StatusOK, map[string]string{"fileName": name, "content": base64.StdEncoding.EncodeToString(data)})
			return
		}
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Header().Set("Content-Length", strconv.Itoa(len(data)))
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(data)
	}))
	// AI3
	e.handle(http.MethodGet, "/api/internal/Blob/Asset/List/{assetId}", lock(func(w http.ResponseWriter, r *http.Request, p Params) {
		id := p.Get("assetId")
		if !assetFor(w, id) {
			return
		}
		names := []string{}
		for n := range s.files[strings.ToLower(id)] {
			names = append(names, n)
		}
		sort.Strings(names)
		writeJSON(w, http.StatusOK, names)
	}))
	// AI4
	e.handle(http.MethodDelete, "/api/internal/Blob/Assets", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		id := query(r, "assetId")
		if !assetFor(w, id) {
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			writeError(w, http.StatusBadRequest, "could not read the body: %v", err)
			return
		}
		key := strings.ToLower(id)
		if strings.TrimSpace(string(body)) == "" {
			delete(s.files, key)
			w.WriteHeader(http.StatusOK)
			return
		}
		var names []string
		if err := json.Unmarshal(body, &names); err != nil {
			writeError(w, http.StatusBadRequest, "body must be a JSON array of file names: %v", err)
			return
		}
		for _, n := range names {
			delete(s.files[key], n)
		}
		w.WriteHeader(http.StatusOK)
	}))
}
