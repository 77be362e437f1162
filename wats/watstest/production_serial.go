package watstest

import (
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

// SerialNumberTypeSeed declares a serial-number type and its address range
// for WithSerialNumberType. Addresses are integers rendered by Identifier:
// serial numbers as Prefix plus Digits zero-padded decimal digits, MAC
// addresses as 12 hex digits, IMEIs as 15 decimal digits.
type SerialNumberTypeSeed struct {
	Name        string // type name
	Description string // type description
	// Identifier is 0 serial number, 1 MAC address, 2 IMEI.
	Identifier int
	Prefix     string // text before the digits of a serial number
	// Digits is the width of a serial number's numeric part; 0 means 6.
	Digits int
	// Start and End bound the address range, inclusive.
	Start, End int64
	// Reserved marks the first Reserved addresses reserved (not free, not taken).
	Reserved int
}

// snRecord is a number that is not simply free: taken, reserved, deleted,
// or imported (possibly outside the range).
type snRecord struct {
	ID      string
	Addr    int64 // -1 when the id is not an address of the type
	State   string
	TakenAt time.Time
	RefSN   string
	RefPN   string
	Station string
}

type snType struct {
	seed     SerialNumberTypeSeed
	records  map[string]*snRecord
	cursor   int64    // no free address below it
	imported []string // ids of imported free numbers outside the range, in order
}

type snState struct {
	types map[string]*snType // lower(name)
	order []string
}

func newSNState() *snState { return &snState{types: map[string]*snType{}} }

// WithSerialNumberType adds a serial-number type with its address range.
func WithSerialNumberType(t SerialNumberTypeSeed) Option {
	return func(e *Emulator) { e.AddSerialNumberType(t) }
}

// AddSerialNumberType adds (or replaces) a serial-number type on a running
// emulator, as an administrator would on the server.
func (e *Emulator) AddSerialNumberType(t SerialNumberTypeSeed) {
	if t.Digits == 0 {
		t.Digits = 6
	}
	st := &snType{seed: t, records: map[string]*snRecord{}, cursor: t.Start}
	for i := 0; i < t.Reserved && t.Start+int64(i) <= t.End; i++ {
		id := st.render(t.Start + int64(i))
		st.records[id] = &snRecord{ID: id, Addr: t.Start + int64(i), State: "Reserved"}
	}
	ps := e.production
	ps.mu.Lock()
	defer ps.mu.Unlock()
	k := strings.ToLower(t.Name)
	if _, ok := ps.sn.types[k]; !ok {
		ps.sn.order = append(ps.sn.order, k)
	}
	ps.sn.types[k] = st
}

// SerialNumbersTaken returns the taken numbers of a type, in address order
// (imported ones last), for test assertions.
func (e *Emulator) SerialNumbersTaken(serialNumberType string) []string {
	return e.serialNumbersIn(serialNumberType, "Taken")
}

// SerialNumbersReserved returns the reserved numbers of a type, in address
// order, for test assertions.
func (e *Emulator) SerialNumbersReserved(serialNumberType string) []string {
	return e.serialNumbersIn(serialNumberType, "Reserved")
}

func (e *Emulator) serialNumbersIn(serialNumberType, state string) []string {
	ps := e.production
	ps.mu.Lock()
	defer ps.mu.Unlock()
	st := ps.sn.types[strings.ToLower(serialNumberType)]
	if st == nil {
		return nil
	}
	var out []string
	for _, r := range st.sorted() {
		if r.State == state {
			out = append(out, r.ID)
		}
	}
	return out
}

func (t *snType) identifierName() string {
	switch t.seed.Identifier {
	case 1:
		return "MAC address"
	case 2:
		return "IMEI"
	}
	return "Serial number"
}

func (t *snType) render(a int64) string {
	switch t.seed.Identifier {
	case 1:
		return fmt.Sprintf("%012X", a)
	case 2:
		return fmt.Sprintf("%015d", a)
	}
	return fmt.Sprintf("%s%0*d", t.seed.Prefix, t.seed.Digits, a)
}

// parse turns a number back into its address.
func (t *snType) parse(s string) (int64, bool) {
	var n int64
	var err error
	switch t.seed.Identifier {
	case 1:
		var u uint64
		u, err = strconv.ParseUint(strings.NewReplacer(":", "", "-", "").Replace(s), 16, 48)
		n = int64(u)
	case 2:
		n, err = strconv.ParseInt(s, 10, 64)
	default:
		if len(s) < len(t.seed.Prefix) || !strings.EqualFold(s[:len(t.seed.Prefix)], t.seed.Prefix) {
			return 0, false
		}
		n, err = strconv.ParseInt(s[len(t.seed.Prefix):], 10, 64)
	}
	return n, err == nil
}

func (t *snType) regEx() string {
	switch t.seed.Identifier {
	case 1:
		return "^[0-9A-F]{12}$"
	case 2:
		return `^\d{15}$`
	}
	return "^" + regexp.QuoteMeta(t.seed.Prefix) + `\d{` + strconv.Itoa(t.seed.Digits) + "}$"
}

func (t *snType) format() string {
	if t.seed.Identifier == 0 {
		return t.seed.Prefix + strings.Repeat("#", t.seed.Digits)
	}
	return ""
}

func (t *snType) free(a int64) bool { _, used := t.records[t.render(a)]; return !used }

// take marks up to n free numbers with state ("Taken" or "Reserved"). With
// inSequence only a gap-free run of n addresses is accepted (nil when there
// is none).
func (t *snType) take(n int, inSequence bool, state string, at time.Time, refSN, refPN, station string) []*snRecord {
	var addrs []int64
	if inSequence {
		run := int64(0)
		for a := t.cursor; a <= t.seed.End; a++ {
			if !t.free(a) {
				run = 0
				continue
			}
			run++
			if run == int64(n) {
				for b := a - run + 1; b <= a; b++ {
					addrs = append(addrs, b)
				}
				break
			}
		}
		if len(addrs) == 0 {
			return nil
		}
	} else {
		a := t.cursor
		for ; a <= t.seed.End && len(addrs) < n; a++ {
			if t.free(a) {
				addrs = append(addrs, a)
			}
		}
		t.cursor = a
	}
	out := make([]*snRecord, 0, n)
	for _, a := range addrs {
		r := &snRecord{ID: t.render(a), Addr: a, State: state, TakenAt: at, RefSN: refSN, RefPN: refPN, Station: station}
		t.records[r.ID] = r
		out = append(out, r)
	}
	for !inSequence && len(out) < n && len(t.imported) > 0 {
		r := t.records[t.imported[0]]
		t.imported = t.imported[1:]
		r.State, r.TakenAt, r.RefSN, r.RefPN, r.Station = state, at, refSN, refPN, station
		out = append(out, r)
	}
	return out
}

// sorted returns the records in address order, imported ones last.
func (t *snType) sorted() []*snRecord {
	out := make([]*snRecord, 0, len(t.records))
	for _, r := range t.records {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if (a.Addr < 0) != (b.Addr < 0) {
			return b.Addr < 0
		}
		if a.Addr != b.Addr {
			return a.Addr < b.Addr
		}
		return a.ID < b.ID
	})
	return out
}

func (t *snType) counts() (total, free, taken, reserved int64) {
	total = t.seed.End - t.seed.Start + 1
	for _, r := range t.records {
		switch r.State {
		case "Taken":
			taken++
		case "Reserved":
			reserved++
		case "Deleted":
			if r.Addr >= 0 {
				total--
			}
		case "Free":
			if r.Addr < 0 {
				total++
			}
		}
	}
	free = total - taken - reserved
	return
}

// snFilter selects records for the lookups and the export.
type snFilter struct {
	start, end   int64 // address range; end < start means no range
	from, to     time.Time
	refSN, refPN string
}

func (f snFilter) match(r *snRecord) bool {
	if r.State == "Deleted" {
		return false
	}
	if f.end >= f.start && (r.Addr < f.start || r.Addr > f.end) {
		return false
	}
	if !f.from.IsZero() && (r.TakenAt.IsZero() || r.TakenAt.Before(f.from)) {
		return false
	}
	if !f.to.IsZero() && (r.TakenAt.IsZero() || r.TakenAt.After(f.to)) {
		return false
	}
	if f.refSN != "" && !strings.EqualFold(f.refSN, r.RefSN) {
		return false
	}
	if f.refPN != "" && !strings.EqualFold(f.refPN, r.RefPN) {
		return false
	}
	return true
}

// snJSON is the emulator's element shape for the serial-number lookups
// (a shape of its own; the SDK returns elements raw).
type snJSON struct {
	SerialNumber string `json:"serialNumber"`
	Type         string `json:"type"`
	State        string `json:"state"`
	TakenUTC     string `json:"takenUtc,omitempty"`
	RefSN        string `json:"refSN,omitempty"`
	RefPN        string `json:"refPN,omitempty"`
	StationName  string `json:"stationName,omitempty"`
}

type snXML struct {
	XMLName     xml.Name `xml:"SN"`
	ID          string   `xml:"id,attr"`
	State       string   `xml:"state,attr"`
	TakenUTC    string   `xml:"takenUtc,attr,omitempty"`
	RefSN       string   `xml:"refSN,attr,omitempty"`
	RefPN       string   `xml:"refPN,attr,omitempty"`
	StationName string   `xml:"stationName,attr,omitempty"`
}

func takenText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return dotnetTime(t)
}

// writeSNFile writes records as the WATS serial-number file: XML
// (<SerialNumbers type=".."><SN id=".." .../></SerialNumbers>) or CSV with
// a header line id,state,takenUtc,refSN,refPN,stationName (the emulator's
// choice of CSV layout).
func writeSNFile(w http.ResponseWriter, typ, format string, recs []*snRecord) {
	if format == "CSV" {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.WriteHeader(http.StatusOK)
		cw := csv.NewWriter(w)
		_ = cw.Write([]string{"id", "state", "takenUtc", "refSN", "refPN", "stationName"})
		for _, r := range recs {
			_ = cw.Write([]string{r.ID, r.State, takenText(r.TakenAt), r.RefSN, r.RefPN, r.Station})
		}
		cw.Flush()
		return
	}
	w.Header().Set("Content-Type", "application/xml; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = io.WriteString(w, xml.Header+`<SerialNumbers type="`)
	_ = xml.EscapeText(w, []byte(typ))
	_, _ = io.WriteString(w, `">`)
	enc := xml.NewEncoder(w)
	for _, r := range recs {
		_ = enc.Encode(snXML{ID: r.ID, State: r.State, TakenUTC: takenText(r.TakenAt), RefSN: r.RefSN, RefPN: r.RefPN, StationName: r.Station})
	}
	_ = enc.Flush()
	_, _ = io.WriteString(w, "</SerialNumbers>")
}

// snFormat reads the format parameter: XML or CSV in any case; def when absent.
func snFormat(w http.ResponseWriter, r *http.Request, def string) (string, bool) {
	f := strings.ToUpper(query(r, "format"))
	if f == "" {
		f = def
	}
	if f != "XML" && f != "CSV" {
		writeError(w, http.StatusBadRequest, "The format parameter must be XML or CSV.")
		return "", false
	}
	return f, true
}

// typeLocked finds the type named by the serialNumberType parameter or writes 400.
// typeRangeLocked looks up the request's serialNumberType and reads its
// address and date range (see rangeFilter); ps.mu must be held.
func (ps *productionState) typeRangeLocked(w http.ResponseWriter, r *http.Request, required bool, fromName, toName string) (*snType, snFilter, bool) {
	t := ps.typeLocked(w, query(r, "serialNumberType"))
	if t == nil {
		return nil, snFilter{}, false
	}
	f, ok := rangeFilter(w, r, t, required, fromName, toName)
	return t, f, ok
}

// snTakeArgs reads the count (query parameter countParam), onlyInSequence
// and format of a take or reserve request. Without format the answer is
// XML, as pyWATS (which sends none) expects.
func snTakeArgs(w http.ResponseWriter, r *http.Request, countParam string) (n int, inSeq bool, format string, ok bool) {
	if n, ok = queryInt(w, r, countParam, 0); !ok {
		return
	}
	if inSeq, ok = queryBool(w, r, "onlyInSequence", false); !ok {
		return
	}
	format, ok = snFormat(w, r, "XML")
	return
}

// snTake takes n numbers of the request's serialNumberType into state and
// answers with them as a file in format. seqMsg names the missing sequence
// in the 404 when inSeq asked for one.
func (e *Emulator) snTake(w http.ResponseWriter, r *http.Request, n int, inSeq bool, state, format string, seqMsg bool) {
	ps := e.production
	ps.mu.Lock()
	defer ps.mu.Unlock()
	t := ps.typeLocked(w, query(r, "serialNumberType"))
	if t == nil {
		return
	}
	recs := t.take(n, inSeq, state, e.now().UTC(), query(r, "refSN"), query(r, "refPN"), query(r, "stationName"))
	if len(recs) == 0 {
		if inSeq && seqMsg {
			writeError(w, http.StatusNotFound, "No sequence of %d free serial numbers of type %s.", n, t.seed.Name)
		} else {
			writeError(w, http.StatusNotFound, "No free serial numbers of type %s.", t.seed.Name)
		}
		return
	}
	writeSNFile(w, t.seed.Name, format, recs)
}

// snFormatRequired is snFormat for the routes where format has no default.
func snFormatRequired(w http.ResponseWriter, r *http.Request) (string, bool) {
	if _, present := queryLookup(r, "format"); !present {
		writeError(w, http.StatusBadRequest, "The format parameter is required.")
		return "", false
	}
	return snFormat(w, r, "")
}

func (ps *productionState) typeLocked(w http.ResponseWriter, name string) *snType {
	if name == "" {
		writeError(w, http.StatusBadRequest, "The serialNumberType parameter is required.")
		return nil
	}
	t := ps.sn.types[strings.ToLower(name)]
	if t == nil {
		writeError(w, http.StatusBadRequest, "Serial number type '%s' does not exist.", name)
	}
	return t
}

// snDate parses an optional date-time parameter.
func snDate(w http.ResponseWriter, r *http.Request, name string) (time.Time, bool) {
	s := query(r, name)
	if s == "" {
		return time.Time{}, true
	}
	for _, l := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	writeError(w, http.StatusBadRequest, "The value '%s' is not valid for %s.", s, name)
	return time.Time{}, false
}

// rangeFilter reads startAddress/endAddress (required or not) and a date
// window under the given parameter names into a filter.
func rangeFilter(w http.ResponseWriter, r *http.Request, t *snType, required bool, fromName, toName string) (snFilter, bool) {
	f := snFilter{start: 0, end: -1}
	s, e := query(r, "startAddress"), query(r, "endAddress")
	if required && (s == "" || e == "") {
		writeError(w, http.StatusBadRequest, "The startAddress and endAddress parameters are required.")
		return f, false
	}
	if s != "" || e != "" {
		f.start, f.end = t.seed.Start, t.seed.End
		var ok bool
		if s != "" {
			if f.start, ok = t.parse(s); !ok {
				writeError(w, http.StatusBadRequest, "'%s' is not an address of type %s.", s, t.seed.Name)
				return f, false
			}
		}
		if e != "" {
			if f.end, ok = t.parse(e); !ok {
				writeError(w, http.StatusBadRequest, "'%s' is not an address of type %s.", e, t.seed.Name)
				return f, false
			}
		}
		if f.end < f.start {
			writeError(w, http.StatusBadRequest, "endAddress is before startAddress.")
			return f, false
		}
	}
	var ok bool
	if f.from, ok = snDate(w, r, fromName); !ok {
		return f, false
	}
	if f.to, ok = snDate(w, r, toName); !ok {
		return f, false
	}
	return f, true
}

func (t *snType) list(f snFilter) []*snRecord {
	var out []*snRecord
	for _, r := range t.sorted() {
		if f.match(r) {
			out = append(out, r)
		}
	}
	return out
}

func (t *snType) listJSON(f snFilter) []snJSON {
	out := []snJSON{}
	for _, r := range t.list(f) {
		out = append(out, snJSON{SerialNumber: r.ID, Type: t.seed.Name, State: r.State, TakenUTC: takenText(r.TakenAt), RefSN: r.RefSN, RefPN: r.RefPN, StationName: r.Station})
	}
	return out
}

// readSNFile reads the ids (and optional states) of an uploaded XML or CSV file.
func readSNFile(format string, body io.Reader) ([][2]string, error) {
	var out [][2]string
	if format == "CSV" {
		cr := csv.NewReader(body)
		cr.FieldsPerRecord = -1
		for {
			rec, err := cr.Read()
			if errors.Is(err, io.EOF) {
				return out, nil
			}
			if err != nil {
				return nil, err
			}
			if len(rec) == 0 || strings.TrimSpace(rec[0]) == "" || strings.EqualFold(rec[0], "id") {
				continue
			}
			st := ""
			if len(rec) > 1 {
				st = rec[1]
			}
			out = append(out, [2]string{strings.TrimSpace(rec[0]), st})
		}
	}
	d := xml.NewDecoder(body)
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		if se, ok := tok.(xml.StartElement); ok && strings.EqualFold(se.Name.Local, "SN") {
			var id, st string
			for _, a := range se.Attr {
				switch strings.ToLower(a.Name.Local) {
				case "id":
					id = a.Value
				case "state":
					st = a.Value
				}
			}
			if id != "" {
				out = append(out, [2]string{id, st})
			}
		}
	}
}

// importLocked adds uploaded numbers: taken ones are recorded taken, free
// ones inside the range stay free, free ones outside it join the pool.
func (t *snType) importLocked(rows [][2]string, at time.Time) int {
	n := 0
	for _, row := range rows {
		id, state := row[0], row[1]
		addr, ok := t.parse(id)
		if ok {
			id = t.render(addr)
		}
		if !ok || addr < t.seed.Start || addr > t.seed.End {
			addr = -1
		}
		if _, exists := t.records[id]; exists {
			continue
		}
		switch {
		case strings.EqualFold(state, "Taken"):
			t.records[id] = &snRecord{ID: id, Addr: addr, State: "Taken", TakenAt: at}
		case addr < 0:
			t.records[id] = &snRecord{ID: id, Addr: -1, State: "Free"}
			t.imported = append(t.imported, id)
		}
		n++
	}
	return n
}

func (e *Emulator) installProductionSerial() {
	ps := e.production
	e.handle(http.MethodGet, "/api/Production/SerialNumbers/Types", e.handleGetProductionSerialNumbersTypes)

	e.handle(http.MethodPost, "/api/Production/SerialNumbers/Take", e.handlePostProductionSerialNumbersTake)

	// The WATS client's pool refill (internal): requestType Take or Reserve,
	// batchSize numbers, answered like Take. Reserved numbers can be freed
	// again with PUT .../SerialNumbers/Free.
	e.handle(http.MethodGet, "/api/internal/Production/GetAndReserveNewSerialNumbers", e.handleReserve)
	// The POST form carries the same arguments as one JSON object in the
	// body (the document declares no query parameters for it).
	e.handle(http.MethodPost, "/api/internal/Production/GetAndReserveNewSerialNumbers", e.handlePostInternalProductionGetAndReserveNewSerialNumbers)

	lookup := func() HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request, _ Params) {
			ps.mu.Lock()
			defer ps.mu.Unlock()
			t, f, ok := ps.typeRangeLocked(w, r, true, "startDate", "endDate")
			if !ok {
				return
			}
			writeJSON(w, http.StatusOK, t.listJSON(f))
		}
	}
	e.handle(http.MethodGet, "/api/Production/SerialNumbers/ByRange", lookup())
	e.handle(http.MethodGet, "/api/internal/Production/SerialNumbers", lookup())

	e.handle(http.MethodGet, "/api/Production/SerialNumbers/ByReference", e.handleGetProductionSerialNumbersByReference)

	e.handle(http.MethodGet, "/api/Production/SerialNumbers", e.handleGetProductionSerialNumbers)

	e.handle(http.MethodPut, "/api/Production/SerialNumbers", e.handlePutProductionSerialNumbers)

	e.handle(http.MethodGet, "/api/internal/Production/SerialNumbers/Count", e.handleGetInternalProductionSerialNumbersCount)

	freeRoute := func(del bool) HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request, _ Params) {
			var in []struct {
				Type         string `json:"type"`
				StartAddress string `json:"startAddress"`
				EndAddress   string `json:"endAddress"`
			}
			if !readJSON(w, r, &in) {
				return
			}
			if len(in) == 0 {
				writeError(w, http.StatusBadRequest, "The body must list at least one range.")
				return
			}
			ps.mu.Lock()
			defer ps.mu.Unlock()
			n := 0
			for _, rg := range in {
				t := ps.typeLocked(w, rg.Type)
				if t == nil {
					return
				}
				s, ok1 := t.parse(rg.StartAddress)
				e, ok2 := t.parse(rg.EndAddress)
				if !ok1 || !ok2 || e < s || e-s > 10_000_000 {
					writeError(w, http.StatusBadRequest, "Range %s..%s is not a valid range of type %s.", rg.StartAddress, rg.EndAddress, t.seed.Name)
					return
				}
				for a := s; a <= e; a++ {
					id := t.render(a)
					rec, used := t.records[id]
					switch {
					case del && !used && a >= t.seed.Start && a <= t.seed.End:
						t.records[id] = &snRecord{ID: id, Addr: a, State: "Deleted"}
						n++
					case !del && used && rec.State == "Reserved":
						delete(t.records, id)
						if a < t.cursor {
							t.cursor = a
						}
						n++
					}
				}
			}
			key := "freed"
			if del {
				key = "deleted"
			}
			writeJSON(w, http.StatusOK, map[string]int{key: n})
		}
	}
	e.handle(http.MethodPut, "/api/internal/Production/SerialNumbers/Free", freeRoute(false))
	e.handle(http.MethodDelete, "/api/internal/Production/SerialNumbers/Free", freeRoute(true))

	stats := func(ranges bool) HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request, _ Params) {
			ps.mu.Lock()
			defer ps.mu.Unlock()
			keys := ps.sn.order
			if name := query(r, "serialNumberType"); name != "" {
				if ps.typeLocked(w, name) == nil {
					return
				}
				keys = []string{strings.ToLower(name)}
			}
			out := []map[string]any{}
			for _, k := range keys {
				t := ps.sn.types[k]
				total, free, taken, reserved := t.counts()
				m := map[string]any{"total": total, "free": free, "taken": taken, "reserved": reserved}
				if ranges {
					m["type"], m["identifier"], m["identifierName"] = t.seed.Name, t.seed.Identifier, t.identifierName()
					m["startAddress"], m["endAddress"] = t.render(t.seed.Start), t.render(t.seed.End)
				} else {
					m["name"] = t.seed.Name
				}
				out = append(out, m)
			}
			if ranges {
				writeJSON(w, http.StatusOK, out)
				return
			}
			writeJSON(w, http.StatusOK, map[string]any{"types": out})
		}
	}
	e.handle(http.MethodGet, "/api/internal/Production/SerialNumbers/Ranges", stats(true))
	e.handle(http.MethodGet, "/api/internal/Production/SerialNumbers/Statistics", stats(false))
}

func (e *Emulator) handleGetProductionSerialNumbersTypes(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	ps.mu.Lock()
	defer ps.mu.Unlock()
	out := []map[string]any{}
	for _, k := range ps.sn.order {
		t := ps.sn.types[k]
		out = append(out, map[string]any{"name": t.seed.Name, "description": t.seed.Description, "format": t.format(),
			"regEx": t.regEx(), "identifier": t.seed.Identifier, "identifierName": t.identifierName()})
	}
	writeJSON(w, http.StatusOK, out)
}

func (e *Emulator) handlePostProductionSerialNumbersTake(w http.ResponseWriter, r *http.Request, _ Params) {
	n, inSeq, format, ok := snTakeArgs(w, r, "quantity")
	if !ok {
		return
	}
	if n <= 0 {
		writeError(w, http.StatusBadRequest, "quantity must be greater than 0.")
		return
	}
	e.snTake(w, r, n, inSeq, "Taken", format, true)
}

func (e *Emulator) handlePostInternalProductionGetAndReserveNewSerialNumbers(w http.ResponseWriter, r *http.Request, p Params) {
	var content map[string]any
	if !readJSON(w, r, &content) {
		return
	}
	q := url.Values{}
	for k, v := range content {
		q.Set(k, fmt.Sprint(v))
	}
	r.URL.RawQuery = q.Encode()
	e.handleReserve(w, r, p)
}

func (e *Emulator) handleGetProductionSerialNumbersByReference(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	ps.mu.Lock()
	defer ps.mu.Unlock()
	t, f, ok := ps.typeRangeLocked(w, r, false, "startDate", "endDate")
	if !ok {
		return
	}
	f.refSN, f.refPN = query(r, "refSN"), query(r, "refPN")
	if f.refSN == "" && f.refPN == "" {
		writeError(w, http.StatusBadRequest, "refSN or refPN is required.")
		return
	}
	writeJSON(w, http.StatusOK, t.listJSON(f))
}

func (e *Emulator) handleGetProductionSerialNumbers(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	format, ok := snFormatRequired(w, r)
	if !ok {
		return
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	t, f, ok := ps.typeRangeLocked(w, r, false, "startDate", "endDate")
	if !ok {
		return
	}
	writeSNFile(w, t.seed.Name, format, t.list(f))
}

func (e *Emulator) handlePutProductionSerialNumbers(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	format, ok := snFormatRequired(w, r)
	if !ok {
		return
	}
	file, _, err := r.FormFile("file")
	if err != nil {
		writeError(w, http.StatusBadRequest, "Expected a multipart/form-data upload with a file part named 'file': %v", err)
		return
	}
	defer file.Close()
	rows, err := readSNFile(format, file)
	if err != nil {
		writeError(w, http.StatusBadRequest, "The uploaded %s file could not be read: %v", format, err)
		return
	}
	if len(rows) == 0 {
		writeError(w, http.StatusBadRequest, "The uploaded file holds no serial numbers.")
		return
	}
	ps.mu.Lock()
	defer ps.mu.Unlock()
	t := ps.typeLocked(w, query(r, "serialNumberType"))
	if t == nil {
		return
	}
	writeJSON(w, http.StatusOK, map[string]int{"imported": t.importLocked(rows, e.now().UTC())})
}

func (e *Emulator) handleGetInternalProductionSerialNumbersCount(w http.ResponseWriter, r *http.Request, _ Params) {
	ps := e.production
	ps.mu.Lock()
	defer ps.mu.Unlock()
	t, f, ok := ps.typeRangeLocked(w, r, false, "fromDate", "toDate")
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, len(t.list(f)))
}

// handleReserve is the WATS client's pool refill (internal): requestType
// Take or Reserve, batchSize numbers, answered like Take.
func (e *Emulator) handleReserve(w http.ResponseWriter, r *http.Request, _ Params) {
	n, inSeq, format, ok := snTakeArgs(w, r, "batchSize")
	if !ok {
		return
	}
	state := map[string]string{"take": "Taken", "reserve": "Reserved"}[strings.ToLower(query(r, "requestType"))]
	if state == "" || n <= 0 {
		writeError(w, http.StatusBadRequest, "requestType (Take or Reserve) and a batchSize above 0 are required.")
		return
	}
	e.snTake(w, r, n, inSeq, state, format, false)
}
