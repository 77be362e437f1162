package watstest

import (
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"
)

// assetState is the asset domain's store. Its methods lock it themselves;
// the handlers in asset_handlers.go only translate HTTP to these calls.
//
// Semantics chosen where the server's document is silent:
//   - Single-asset calls take id or serialNumber; both given must agree.
//     GET /api/Asset/{assetId|serialNumber} tries the id first, then the
//     serial number.
//   - PUT /api/Asset upserts by assetId, else by serialNumber; creating
//     needs an existing typeId. Absent members keep their stored value.
//   - Count: incrementBy defaults to 1; totalCount sets the total and adds
//     the difference to the running count (the document's rule);
//     incrementChildren counts every descendant too.
//   - Calibration resets the running count. Calibration and maintenance set
//     last = dateTime (default now) and next = last + the type's interval in
//     days (no next date for intervals ≤ 0).
//   - Status: Alarm when a limit is reached or a due date has passed,
//     Warning when a count passes warningThreshold percent of its limit or
//     less than (100-warningThreshold) percent of an interval is left.
//   - Every change is logged (register, update, count, reset, calibration,
//     maintenance, state, message) under the caller's user name.
type assetState struct {
	mu          sync.Mutex
	assets      map[string]*assetRec // by lower-case asset id
	order       []string
	types       map[string]*assetTypeRec // by lower-case type id
	typeOrder   []string
	log         []assetLogRec
	lastLogID   int
	files       map[string]map[string][]byte // asset id → file name → content
	base64Files bool
}

func newAssetState() *assetState {
	return &assetState{assets: map[string]*assetRec{}, types: map[string]*assetTypeRec{}, files: map[string]map[string][]byte{}}
}

// assetEmulatorUser is the log author when a request carries no user name.
const assetEmulatorUser = "watstest"

// assetListCap is how many rows the OData list routes answer without $top.
const assetListCap = 1000

// saveType upserts a type; seeding keeps a given unknown TypeID.
func (s *assetState) saveType(in assetTypeIn, seeding bool) (assetTypeWire, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if strings.TrimSpace(in.TypeName) == "" {
		return assetTypeWire{}, mesBad("typeName is required.")
	}
	rec := assetTypeRec{
		name: in.TypeName, icon: in.Icon, runningCountLimit: in.RunningCountLimit, totalCountLimit: in.TotalCountLimit,
		maintenanceInterval: in.MaintenanceInterval, calibrationInterval: in.CalibrationInterval,
		warningThreshold: in.WarningThreshold, alarmThreshold: in.AlarmThreshold, readOnly: in.IsReadonly,
	}
	if in.TypeID != "" {
		id, ok := mesGUID(in.TypeID)
		if !ok {
			return assetTypeWire{}, mesBad("typeId '%s' is not a GUID.", in.TypeID)
		}
		if t, ok := s.types[id]; ok {
			if t.readOnly {
				return assetTypeWire{}, mesBad("Asset type '%s' is read-only.", t.name)
			}
			rec.id = id
			*t = rec
			return t.wire(), nil
		}
		if !seeding {
			return assetTypeWire{}, mesNotFound("Asset type '%s' was not found.", in.TypeID)
		}
		rec.id = id
	} else {
		rec.id = mesNewGUID()
	}
	s.types[rec.id] = &rec
	s.typeOrder = append(s.typeOrder, rec.id)
	return rec.wire(), nil
}

// listTypes returns every type ordered by name, as the server does.
func (s *assetState) listTypes() []assetTypeWire {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]assetTypeWire, 0, len(s.typeOrder))
	for _, id := range s.typeOrder {
		out = append(out, s.types[id].wire())
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].TypeName < out[j].TypeName })
	return out
}

func (s *assetState) bySerialLocked(sn string) *assetRec {
	for _, id := range s.order {
		if a := s.assets[id]; a.serial == sn {
			return a
		}
	}
	return nil
}

// parentSerialLocked is the serial number of a's parent ("" at the top).
func (s *assetState) parentSerialLocked(a *assetRec) string {
	if p, ok := s.assets[a.parentID]; ok {
		return p.serial
	}
	return ""
}

func (s *assetState) addLogLocked(a *assetRec, typ int, user, comment string, at time.Time) {
	s.addChangeLocked(a, typ, user, "", "", comment, at)
}

func (s *assetState) addChangeLocked(a *assetRec, typ int, user, property, value, comment string, at time.Time) {
	if user == "" {
		user = assetEmulatorUser
	}
	s.lastLogID++
	s.log = append(s.log, assetLogRec{
		id: s.lastLogID, assetID: a.id, serial: a.serial, at: at.UTC(), user: user, typ: typ,
		property: property, value: value, comment: comment,
	})
}

// save upserts an asset and returns the saved asset.
func (s *assetState) save(in assetIn, now time.Time, user string, seeding bool) (assetWire, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.saveLocked(in, now, user, seeding)
	if err != nil {
		return assetWire{}, err
	}
	return s.detailLocked(a), nil
}

func (s *assetState) saveLocked(in assetIn, now time.Time, user string, seeding bool) (*assetRec, error) {
	if strings.TrimSpace(in.SerialNumber) == "" {
		return nil, mesBad("serialNumber is required.")
	}
	if in.State != nil && (*in.State < 0 || *in.State > 6) {
		return nil, mesBad("state %d is not a valid AssetState.", *in.State)
	}
	var a *assetRec
	id := ""
	if in.AssetID != "" {
		var ok bool
		if id, ok = mesGUID(in.AssetID); !ok {
			return nil, mesBad("assetId '%s' is not a GUID.", in.AssetID)
		}
		a = s.assets[id]
		if a == nil && !seeding {
			return nil, mesNotFound("Asset '%s' was not found.", in.AssetID)
		}
	} else {
		a = s.bySerialLocked(in.SerialNumber)
	}
	if other := s.bySerialLocked(in.SerialNumber); other != nil && a != nil && other != a {
		return nil, mesConflict("Serial number '%s' is already used by asset '%s'.", in.SerialNumber, other.id)
	}
	created := a == nil
	if created {
		if in.TypeID == nil || *in.TypeID == "" {
			return nil, mesBad("typeId is required to create an asset.")
		}
		if id == "" {
			id = mesNewGUID()
		}
		first := now.UTC()
		if seeding && in.FirstSeenDate != nil {
			first = in.FirstSeenDate.UTC()
		}
		a = &assetRec{id: id, state: 1, firstSeen: first}
	}
	typeID := a.typeID
	if in.TypeID != nil && *in.TypeID != "" {
		t, ok := mesGUID(*in.TypeID)
		if _, known := s.types[t]; !ok || !known {
			return nil, mesBad("Asset type '%s' does not exist.", *in.TypeID)
		}
		typeID = t
	}
	parentID, parentSet, err := s.parentOfLocked(in, a)
	if err != nil {
		return nil, err // refused before any change, so a refused save leaves no trace
	}
	oldState := a.state
	a.serial, a.typeID = in.SerialNumber, typeID
	if parentSet {
		a.parentID = parentID
	}
	for _, f := range []struct {
		dst *string
		src *string
	}{{&a.name, in.AssetName}, {&a.partNumber, in.PartNumber}, {&a.revision, in.Revision},
		{&a.description, in.Description}, {&a.location, in.Location}, {&a.xmlData, in.XMLData}} {
		if f.src != nil {
			*f.dst = *f.src
		}
	}
	if in.ClientID != nil {
		a.clientID = *in.ClientID
	}
	if in.State != nil {
		a.state = *in.State
	}
	for _, d := range []struct {
		dst *time.Time
		src *time.Time
	}{{&a.lastMaintenance, in.LastMaintenance}, {&a.nextMaintenance, in.NextMaintenance},
		{&a.lastCalibration, in.LastCalibration}, {&a.nextCalibration, in.NextCalibration}} {
		if d.src != nil {
			*d.dst = d.src.UTC()
		}
	}
	if in.TotalCount != nil {
		a.totalCount = *in.TotalCount
	}
	if in.RunningCount != nil {
		a.runningCount = *in.RunningCount
	}
	a.tags = assetMergeTags(a.tags, in.Tags)
	if created {
		s.assets[a.id] = a
		s.order = append(s.order, a.id)
		s.addLogLocked(a, assetLogRegister, user, "Asset registered", now)
		return a, nil
	}
	s.addLogLocked(a, assetLogUpdate, user, "Asset updated", now)
	if oldState != a.state {
		s.addChangeLocked(a, assetLogStateChange, user, "state", fmt.Sprint(a.state), fmt.Sprintf("State changed from %d to %d", oldState, a.state), now)
	}
	return a, nil
}

// parentOfLocked resolves the parent a PUT body names; set is false when
// the body leaves the parent unchanged.
func (s *assetState) parentOfLocked(in assetIn, a *assetRec) (id string, set bool, err error) {
	switch {
	case in.ParentAssetID.set && in.ParentAssetID.v != "":
		g, ok := mesGUID(in.ParentAssetID.v)
		if _, known := s.assets[g]; !ok || !known {
			return "", false, mesBad("Parent asset '%s' does not exist.", in.ParentAssetID.v)
		}
		id = g
	case in.ParentSerialNumber.set && in.ParentSerialNumber.v != "":
		p := s.bySerialLocked(in.ParentSerialNumber.v)
		if p == nil {
			return "", false, mesBad("Parent asset '%s' does not exist.", in.ParentSerialNumber.v)
		}
		id = p.id
	case in.ParentAssetID.set || in.ParentSerialNumber.set:
		return "", true, nil // explicit null or "": detach
	default:
		return "", false, nil
	}
	for p := id; p != ""; p = s.assets[p].parentID {
		if p == a.id {
			return "", false, mesBad("The parent relation would form a cycle.")
		}
	}
	return id, true, nil
}

// assetMergeTags applies tag edits: change 3 deletes the key, anything else sets it.
func assetMergeTags(have, edits []assetTag) []assetTag {
	out := append([]assetTag{}, have...)
	for _, e := range edits {
		idx := -1
		for i := range out {
			if out[i].Key == e.Key {
				idx = i
			}
		}
		switch {
		case e.Change == 3 && idx >= 0:
			out = append(out[:idx], out[idx+1:]...)
		case e.Change == 3:
		case idx >= 0:
			out[idx].Value = e.Value
		default:
			out = append(out, assetTag{Key: e.Key, Value: e.Value})
		}
	}
	return out
}

// detailLocked is the single-asset answer: the asset with its type and
// direct children.
func (s *assetState) detailLocked(a *assetRec) assetWire {
	w := a.wire(s.parentSerialLocked(a))
	for _, c := range s.childrenLocked(a.id) {
		w.AssetChildren = append(w.AssetChildren, c.wire(a.serial))
	}
	if t, ok := s.types[a.typeID]; ok {
		tw := t.wire()
		w.AssetType = &tw
	}
	return w
}

// get returns the asset whose id, else serial number, is key.
func (s *assetState) get(key string) (assetWire, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var a *assetRec
	if g, ok := mesGUID(key); ok {
		a = s.assets[g]
	}
	if a == nil {
		a = s.bySerialLocked(key)
	}
	if a == nil {
		return assetWire{}, mesNotFound("Asset '%s' was not found.", key)
	}
	return s.detailLocked(a), nil
}

// list returns every asset as list rows, ordered by asset id as the server does.
func (s *assetState) list() []assetListWire {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]assetListWire, 0, len(s.order))
	for _, id := range s.order {
		a := s.assets[id]
		out = append(out, a.listWire(s.parentSerialLocked(a)))
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].AssetID < out[j].AssetID })
	return out
}

// resolveLocked finds the asset named by an id and/or serialNumber parameter.
func (s *assetState) resolveLocked(id, sn string) (*assetRec, error) {
	if id == "" && sn == "" {
		return nil, mesBad("Either id or serialNumber must be given.")
	}
	var a *assetRec
	if id != "" {
		if g, ok := mesGUID(id); ok {
			a = s.assets[g]
		}
		if a != nil && sn != "" && a.serial != sn {
			return nil, mesBad("id '%s' and serialNumber '%s' name different assets.", id, sn)
		}
	} else {
		a = s.bySerialLocked(sn)
	}
	if a == nil {
		return nil, mesNotFound("Asset '%s' was not found.", id+sn)
	}
	return a, nil
}

// update runs change on the asset id/sn name, under the lock.
func (s *assetState) update(id, sn string, change func(a *assetRec) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.resolveLocked(id, sn)
	if err != nil {
		return err
	}
	return change(a)
}

// remove deletes an asset with its log and files; its children become
// top-level assets.
func (s *assetState) remove(id, sn string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.resolveLocked(id, sn)
	if err != nil {
		return err
	}
	for _, c := range s.childrenLocked(a.id) {
		c.parentID = ""
	}
	delete(s.assets, a.id)
	delete(s.files, a.id)
	for i, k := range s.order {
		if k == a.id {
			s.order = append(s.order[:i], s.order[i+1:]...)
			break
		}
	}
	kept := s.log[:0]
	for _, l := range s.log {
		if l.assetID != a.id {
			kept = append(kept, l)
		}
	}
	s.log = kept
	return nil
}

// childrenLocked returns the direct children of id in creation order.
func (s *assetState) childrenLocked(id string) []*assetRec {
	var out []*assetRec
	for _, cid := range s.order {
		if c := s.assets[cid]; c.parentID == id {
			out = append(out, c)
		}
	}
	return out
}

// descendantsLocked returns children down to depth levels (0 = unlimited).
func (s *assetState) descendantsLocked(id string, levels int) []*assetRec {
	var out []*assetRec
	var walk func(id string, depth int)
	walk = func(id string, depth int) {
		for _, c := range s.childrenLocked(id) {
			out = append(out, c)
			if levels == 0 || depth < levels {
				walk(c.id, depth+1)
			}
		}
	}
	walk(id, 1)
	return out
}

// subAssets returns the descendants of the asset id/sn name.
func (s *assetState) subAssets(id, sn string, level int) ([]assetWire, error) {
	if level < 0 {
		return nil, mesBad("level must not be negative.")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a, err := s.resolveLocked(id, sn)
	if err != nil {
		return nil, err
	}
	out := []assetWire{}
	for _, c := range s.descendantsLocked(a.id, level) {
		out = append(out, c.wire(s.parentSerialLocked(c)))
	}
	return out, nil
}

// logRows returns the log newest first, as the server orders it.
func (s *assetState) logRows() []assetLogWire {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]assetLogWire, 0, len(s.log))
	for i := len(s.log) - 1; i >= 0; i-- {
		out = append(out, s.log[i].wire())
	}
	sort.SliceStable(out, func(i, j int) bool {
		return time.Time(*out[i].Date).After(time.Time(*out[j].Date))
	})
	return out
}
