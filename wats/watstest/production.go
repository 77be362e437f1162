package watstest

import (
	"crypto/rand"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// The production (MES) domain of the emulator: units with phases and
// processes, parent/child relations with the box-build checks of the
// Swagger, verification grades derived from the report store, the
// unit-change feed, batches and serial-number types (production_serial.go).
//
// Where the documents do not settle the real server's behaviour the emulator
// picks one and says so: rule violations answer 400 with {"Message": ...},
// unknown units 404; CheckChildUnits, the internal reads and the
// serial-number lookups answer shapes of the emulator's own (the SDK returns
// them raw).

// ProductionUnit seeds a unit with WithProductionUnits.
type ProductionUnit struct {
	SerialNumber string // identity, with PartNumber
	PartNumber   string // product part number
	Revision     string // product revision
	BatchNumber  string // production batch
	// Phase is the unit phase id; 0 means 2 (under production).
	Phase int
	// ProcessName is the process the unit is in.
	ProcessName string
	Location    string // current location
	XMLData     string // key/value store, <Root> XML
	// ParentSerialNumber and ParentPartNumber attach the unit to a parent
	// seeded earlier in the same option or before.
	ParentSerialNumber string
	ParentPartNumber   string // see ParentSerialNumber
}

// BoxBuildLine is one required child of a box build, for WithBoxBuild.
type BoxBuildLine struct {
	PartNumber string // child part number
	// Revision, or RevisionMask ("1.0,2.%"), restricts the child revision;
	// both empty accept any.
	Revision     string
	RevisionMask string // see Revision
	// Quantity is how many children of this line fit; 0 means 1.
	Quantity int
}

type prodUnit struct {
	id          string
	sn, pn, rev string
	batch       string
	phase       int
	processName string
	location    string
	xmlData     string
	serialDate  time.Time
	parent      string   // key of the parent, "" when top level
	children    []string // keys, in attach order
	history     []unitStateEntry
}

type unitStateEntry struct {
	At          time.Time
	Phase       int
	ProcessName string
}

type unitChangeRec struct {
	ID                    int    `json:"id"`
	UnitSerialNumber      string `json:"unitSerialNumber"`
	NewParentSerialNumber string `json:"newParentSerialNumber,omitempty"`
	NewPartNumber         string `json:"newPartNumber,omitempty"`
	NewRevision           string `json:"newRevision,omitempty"`
	NewUnitPhaseID        *int   `json:"newUnitPhaseId,omitempty"`
}

type batchRec struct {
	BatchNumber string `json:"batchNumber"`
	BatchSize   int    `json:"batchSize"`
}

type productionState struct {
	mu         sync.Mutex
	units      map[string]*prodUnit
	changes    []unitChangeRec
	nextChange int
	batches    map[string]*batchRec
	batchOrder []string
	boxBuilds  map[string][]BoxBuildLine // key: boxKey(pn, rev)
	rules      map[string][]int          // lower(pn) -> process codes in order
	sn         *snState
	barcodes   *barcodeStore
	tests      map[string]*workflowTest // key: unitKey, tests started and not ended
}

func newProductionState() *productionState {
	return &productionState{
		units:     map[string]*prodUnit{},
		batches:   map[string]*batchRec{},
		boxBuilds: map[string][]BoxBuildLine{},
		rules:     map[string][]int{},
		sn:        newSNState(),
		barcodes:  newBarcodeStore(),
		tests:     map[string]*workflowTest{},
	}
}

// unitKey identifies a unit; WATS compares serial and part numbers
// case-insensitively.
func unitKey(sn, pn string) string { return strings.ToLower(sn) + "\x00" + strings.ToLower(pn) }

func boxKey(pn, rev string) string { return strings.ToLower(pn) + "\x00" + rev }

func newUnitID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:])
}

// WithProductionUnits seeds units. A unit naming a parent is attached to it;
// the parent must be seeded first (SeedErr reports one that is not).
func WithProductionUnits(units ...ProductionUnit) Option {
	return func(e *Emulator) {
		ps := e.production
		ps.mu.Lock()
		defer ps.mu.Unlock()
		for _, u := range units {
			pu := ps.upsertLocked(e.now(), u.SerialNumber, u.PartNumber)
			pu.rev, pu.batch, pu.processName, pu.location, pu.xmlData = u.Revision, u.BatchNumber, u.ProcessName, u.Location, u.XMLData
			if u.Phase != 0 {
				pu.phase = u.Phase
			}
			if u.ParentSerialNumber != "" {
				pk := unitKey(u.ParentSerialNumber, u.ParentPartNumber)
				if p, ok := ps.units[pk]; ok {
					pu.parent = pk
					p.children = append(p.children, unitKey(pu.sn, pu.pn))
				} else {
					e.recordSeedError(fmt.Errorf("WithProductionUnits: parent %s/%s of %s is not seeded", u.ParentSerialNumber, u.ParentPartNumber, u.SerialNumber))
				}
			}
		}
	}
}

// WithBoxBuild declares the box build of a product revision: the children
// AddChildUnit accepts without override and CheckChildUnits expects. The
// product domain owns real templates; this keeps production testable alone.
func WithBoxBuild(partNumber, revision string, lines ...BoxBuildLine) Option {
	return func(e *Emulator) {
		e.production.mu.Lock()
		e.production.boxBuilds[boxKey(partNumber, revision)] = append([]BoxBuildLine(nil), lines...)
		e.production.mu.Unlock()
	}
}

// WithVerificationRule sets the processes (codes, in order) a part number's
// units are graded against. Without a rule a unit is graded against the
// processes its UUT reports ran, in order of first run.
func WithVerificationRule(partNumber string, processCodes ...int) Option {
	return func(e *Emulator) {
		e.production.mu.Lock()
		e.production.rules[strings.ToLower(partNumber)] = append([]int(nil), processCodes...)
		e.production.mu.Unlock()
	}
}

// ProductionUnitInfo is the emulator's view of a unit, for test assertions.
type ProductionUnitInfo struct {
	ProductionUnit
	Children []string // child serial numbers
}

// ProductionUnit returns a unit as the emulator holds it.
func (e *Emulator) ProductionUnit(serialNumber, partNumber string) (ProductionUnitInfo, bool) {
	ps := e.production
	ps.mu.Lock()
	defer ps.mu.Unlock()
	u, ok := ps.units[unitKey(serialNumber, partNumber)]
	if !ok {
		return ProductionUnitInfo{}, false
	}
	out := ProductionUnitInfo{ProductionUnit: ProductionUnit{
		SerialNumber: u.sn, PartNumber: u.pn, Revision: u.rev, BatchNumber: u.batch, Phase: u.phase,
		ProcessName: u.processName, Location: u.location, XMLData: u.xmlData,
	}}
	if p, ok := ps.units[u.parent]; ok {
		out.ParentSerialNumber, out.ParentPartNumber = p.sn, p.pn
	}
	for _, k := range u.children {
		out.Children = append(out.Children, ps.units[k].sn)
	}
	return out, true
}

// upsertLocked returns the unit, creating it under production when absent.
func (ps *productionState) upsertLocked(now time.Time, sn, pn string) *prodUnit {
	k := unitKey(sn, pn)
	if u, ok := ps.units[k]; ok {
		return u
	}
	u := &prodUnit{id: newUnitID(), sn: sn, pn: pn, phase: 2, serialDate: now.UTC()}
	u.history = append(u.history, unitStateEntry{At: now.UTC(), Phase: u.phase})
	ps.units[k] = u
	return u
}

// findLocked looks a unit up by serial and, when given, part number.
func (ps *productionState) findLocked(sn, pn string) *prodUnit {
	if pn != "" {
		return ps.units[unitKey(sn, pn)]
	}
	var hit *prodUnit
	for _, u := range ps.units {
		if strings.EqualFold(u.sn, sn) && (hit == nil || u.pn < hit.pn) {
			hit = u
		}
	}
	return hit
}

// changeLocked appends a record to the unit-change feed.
func (ps *productionState) changeLocked(c unitChangeRec) {
	ps.nextChange++
	c.ID = ps.nextChange
	ps.changes = append(ps.changes, c)
}

func (ps *productionState) setPhaseLocked(now time.Time, u *prodUnit, phase int) {
	if u.phase == phase {
		return
	}
	u.phase = phase
	u.history = append(u.history, unitStateEntry{At: now.UTC(), Phase: phase, ProcessName: u.processName})
	ph := phase
	ps.changeLocked(unitChangeRec{UnitSerialNumber: u.sn, NewUnitPhaseID: &ph})
}

// dotnetTime writes t in UTC the way a .NET server does: at most seven
// fractional digits (100 ns ticks), none when zero.
func dotnetTime(t time.Time) string {
	return t.UTC().Truncate(100 * time.Nanosecond).Format("2006-01-02T15:04:05.9999999Z")
}

// ensureUnit makes sure a unit exists (as a submitted report does on the
// real server), under production when new; a non-empty revision is stored.
// It takes the store's lock.
func (ps *productionState) ensureUnit(now time.Time, sn, pn, rev string) {
	ps.mu.Lock()
	defer ps.mu.Unlock()
	u := ps.upsertLocked(now, sn, pn)
	if rev != "" {
		u.rev = rev
	}
}

// phaseDef is one entry of the phase list (GetUnitPhases).
type phaseDef struct {
	UnitPhaseID int    `json:"UnitPhaseId"`
	Code        string `json:"Code"`
	Name        string `json:"Name"`
	Description string `json:"Description"`
}

var unitPhases = []phaseDef{
	{1, "Unknown", "Unknown", "Phase not known"},
	{2, "Under_Production", "Under production", "Unit is being produced"},
	{4, "Production_Repair", "Production repair", "Unit is in production repair"},
	{8, "Service_Repair", "Service repair", "Unit is in service repair (RMA)"},
	{16, "Finalized", "Finalized", "Unit is finished"},
	{32, "Scrapped", "Scrapped", "Unit is scrapped"},
	{64, "Extended_Test", "Extended test", "Unit is in extended test"},
	{128, "Customization", "Customization", "Unit is being customized"},
	{256, "Repaired", "Repaired", "Unit was repaired"},
	{512, "Missing", "Missing", "Unit is missing"},
	{1024, "In_Storage", "In storage", "Unit is in storage"},
	{2048, "Shipped", "Shipped", "Unit is shipped"},
	{4098, "Under_Production_Queued", "Under production - queued", "Queued for production"},
	{4100, "Production_Repair_Queued", "Waiting for production repair", "Queued for production repair"},
	{4104, "Service_Repair_Queued", "Waiting for service repair", "Queued for service repair"},
}

func phaseName(id int) string {
	for _, p := range unitPhases {
		if p.UnitPhaseID == id {
			return p.Name
		}
	}
	return ""
}

// publicUnit is the public (camelCase) unit shape of PD1/PD2.
type publicUnit struct {
	SerialNumber       string           `json:"serialNumber"`
	PartNumber         string           `json:"partNumber"`
	Revision           string           `json:"revision,omitempty"`
	ParentSerialNumber string           `json:"parentSerialNumber,omitempty"`
	BatchNumber        string           `json:"batchNumber,omitempty"`
	SerialDate         string           `json:"serialDate,omitempty"`
	CurrentLocation    string           `json:"currentLocation,omitempty"`
	XMLData            string           `json:"xmlData,omitempty"`
	UnitPhaseID        int              `json:"unitPhaseId,omitempty"`
	UnitPhase          string           `json:"unitPhase,omitempty"`
	ProcessCode        any              `json:"processCode,omitempty"`
	Product            map[string]any   `json:"product,omitempty"`
	ProductRevision    map[string]any   `json:"productRevision,omitempty"`
	SubUnits           []publicUnit     `json:"subUnits,omitempty"`
	Tags               []map[string]any `json:"tags,omitempty"`
}

func (ps *productionState) publicLocked(u *prodUnit, depth int) publicUnit {
	out := publicUnit{
		SerialNumber: u.sn, PartNumber: u.pn, Revision: u.rev, BatchNumber: u.batch,
		SerialDate: dotnetTime(u.serialDate), CurrentLocation: u.location, XMLData: u.xmlData,
		UnitPhaseID: u.phase, UnitPhase: phaseName(u.phase),
		Product:         map[string]any{"partNumber": u.pn},
		ProductRevision: map[string]any{"PartNumber": u.pn, "revision": u.rev},
	}
	if u.processName != "" {
		out.ProcessCode = u.processName
	}
	if p, ok := ps.units[u.parent]; ok {
		out.ParentSerialNumber = p.sn
	}
	if depth < 32 {
		for _, k := range u.children {
			out.SubUnits = append(out.SubUnits, ps.publicLocked(ps.units[k], depth+1))
		}
	}
	return out
}

func (e *Emulator) installProduction() {
	e.installProductionUnits()
	e.installProductionAssembly()
	e.installProductionSerial()
	e.installProductionInternal()
	e.installBarcodes()
	e.installWorkflow()
}

func (e *Emulator) installProductionUnits() {
	e.handle(http.MethodGet, "/api/Production/Unit/{serialNumber}/{partNumber}", e.handleGetProductionUnit)

	e.handle(http.MethodPut, "/api/Production/Units", e.handlePutProductionUnits)

	e.handle(http.MethodGet, "/api/Production/UnitVerification", e.handleGetProductionUnitVerification)

	e.handle(http.MethodPut, "/api/Production/SetUnitPhase", e.handlePutProductionSetUnitPhase)

	e.handle(http.MethodPut, "/api/Production/SetUnitProcess", e.handlePutProductionSetUnitProcess)

	e.handle(http.MethodGet, "/api/Production/Units/Changes", e.handleGetProductionUnitsChanges)

	e.handle(http.MethodDelete, "/api/Production/Units/Changes/{id}", e.handleDeleteProductionUnitsChanges)

	e.handle(http.MethodPut, "/api/Production/Batches", e.handlePutProductionBatches)
}

func (ps *productionState) putBatchLocked(b batchRec) {
	k := strings.ToLower(b.BatchNumber)
	if _, ok := ps.batches[k]; !ok {
		ps.batchOrder = append(ps.batchOrder, k)
	}
	bb := b
	ps.batches[k] = &bb
}

// ProductionBatch returns the planned size of a stored batch, for test
// assertions; ok is false when no batch has that number.
func (e *Emulator) ProductionBatch(batchNumber string) (size int, ok bool) {
	ps := e.production
	ps.mu.Lock()
	defer ps.mu.Unlock()
	b, ok := ps.batches[strings.ToLower(batchNumber)]
	if !ok {
		return 0, false
	}
	return b.BatchSize, true
}

func (e *Emulator) handleGetProductionUnit(w http.ResponseWriter, r *http.Request, p Params) {
	ps := e.production
	ps.mu.Lock()
	defer ps.mu.Unlock()
	u := ps.units[unitKey(p.Get("serialNumber"), p.Get("partNumber"))]
	if u == nil {
		writeError(w, http.StatusNotFound, "Unit %s with part number %s was not found.", p.Get("serialNumber"), p.Get("partNumber"))
		return
	}
	writeJSON(w, http.StatusOK, ps.publicLocked(u, 0))
}

func (e *Emulator) handlePutProductionUnits(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	var in []struct {
		SerialNumber    string `json:"serialNumber"`
		PartNumber      string `json:"partNumber"`
		Revision        string `json:"revision"`
		BatchNumber     string `json:"batchNumber"`
		SerialDate      string `json:"serialDate"`
		CurrentLocation string `json:"currentLocation"`
		XMLData         string `json:"xmlData"`
		UnitPhaseID     int    `json:"unitPhaseId"`
	}
	if !readJSON(w, r, &in) {
		return
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	now := e.now()
	var bad []string
	var out []publicUnit
	for i, v := range in {
		if strings.TrimSpace(v.SerialNumber) == "" || strings.TrimSpace(v.PartNumber) == "" {
			bad = append(bad, fmt.Sprintf("unit %d: serialNumber and partNumber are required", i))
			continue
		}
		_, existed := ps.units[unitKey(v.SerialNumber, v.PartNumber)]
		u := ps.upsertLocked(now, v.SerialNumber, v.PartNumber)
		if existed && v.Revision != "" && v.Revision != u.rev {
			ps.changeLocked(unitChangeRec{UnitSerialNumber: u.sn, NewRevision: v.Revision})
		}
		if v.Revision != "" {
			u.rev = v.Revision
		}
		if v.BatchNumber != "" {
			u.batch = v.BatchNumber
		}
		if v.CurrentLocation != "" {
			u.location = v.CurrentLocation
		}
		if v.XMLData != "" {
			u.xmlData = v.XMLData
		}
		if t, err := time.Parse(time.RFC3339Nano, v.SerialDate); err == nil {
			u.serialDate = t.UTC()
		}
		if v.UnitPhaseID > 0 {
			ps.setPhaseLocked(now, u, v.UnitPhaseID)
		}
		out = append(out, ps.publicLocked(u, 0))
	}
	if len(bad) > 0 {
		writeJSON(w, http.StatusOK, map[string]any{"errorCount": len(bad), "errors": bad})
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (e *Emulator) handleGetProductionUnitVerification(w http.ResponseWriter, r *http.Request, _ Params) {
	sn := query(r, "serialNumber")
	if sn == "" {
		writeError(w, http.StatusBadRequest, "The serialNumber parameter is required.")
		return
	}
	g, ok := e.gradeUnit(sn, query(r, "partNumber"))
	if !ok {
		writeError(w, http.StatusNotFound, "Unit %s was not found.", sn)
		return
	}
	writeJSON(w, http.StatusOK, g)
}

func (e *Emulator) handlePutProductionSetUnitPhase(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	sn, pn := query(r, "serialNumber"), query(r, "partNumber")
	phase, ok := queryInt(w, r, "phase", 0)
	if !ok {
		return
	}
	if sn == "" || pn == "" || phase <= 0 {
		writeError(w, http.StatusBadRequest, "serialNumber, partNumber and phase are required.")
		return
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	u := ps.units[unitKey(sn, pn)]
	if u == nil {
		writeError(w, http.StatusNotFound, "Unit %s with part number %s was not found.", sn, pn)
		return
	}
	ps.setPhaseLocked(e.now(), u, phase)
	writeJSON(w, http.StatusOK, true)
}

func (e *Emulator) handlePutProductionSetUnitProcess(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	sn, pn, name := query(r, "serialNumber"), query(r, "partNumber"), query(r, "processName")
	if sn == "" || pn == "" || name == "" {
		writeError(w, http.StatusBadRequest, "serialNumber, partNumber and processName are required.")
		return
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	u := ps.units[unitKey(sn, pn)]
	if u == nil {
		writeError(w, http.StatusNotFound, "Unit %s with part number %s was not found.", sn, pn)
		return
	}
	u.processName = name
	u.history = append(u.history, unitStateEntry{At: e.now().UTC(), Phase: u.phase, ProcessName: name})
	writeJSON(w, http.StatusOK, true)
}

func (e *Emulator) handleGetProductionUnitsChanges(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	if _, present := queryLookup(r, "maxCount"); !present {
		writeError(w, http.StatusBadRequest, "The maxCount parameter is required.")
		return
	}
	n, ok := queryInt(w, r, "maxCount", 0)
	if !ok {
		return
	}
	if n <= 0 {
		writeError(w, http.StatusBadRequest, "maxCount must be greater than 0.")
		return
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	out := ps.changes
	if len(out) > n {
		out = out[:n]
	}
	writeJSON(w, http.StatusOK, append([]unitChangeRec{}, out...))
}

func (e *Emulator) handleDeleteProductionUnitsChanges(w http.ResponseWriter, r *http.Request, p Params) {
	ps := e.production
	var id int
	if _, err := fmt.Sscan(p.Get("id"), &id); err != nil {
		writeError(w, http.StatusBadRequest, "The value '%s' is not valid for id.", p.Get("id"))
		return
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	for i, c := range ps.changes {
		if c.ID == id {
			ps.changes = append(ps.changes[:i:i], ps.changes[i+1:]...)
			w.WriteHeader(http.StatusOK)
			return
		}
	}
	writeError(w, http.StatusNotFound, "Unit change %d was not found.", id)
}

func (e *Emulator) handlePutProductionBatches(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	var in []batchRec
	if !readJSON(w, r, &in) {
		return
	}
	for i, b := range in {
		if strings.TrimSpace(b.BatchNumber) == "" {
			writeError(w, http.StatusBadRequest, "Batch %d: batchNumber is required.", i)
			return
		}
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	for _, b := range in {
		ps.putBatchLocked(b)
	}
	writeJSON(w, http.StatusOK, in)
}
