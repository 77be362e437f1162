package watstest

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/watsgo/sdk/internal/guid"
)

// The report store. Reports are kept generically, as
// decoded JSON (json.Number numbers), so the emulator keeps every field a
// client sends, known to the SDK's model or not. The storedReport shape, put
// and list are a contract other emulator domains (production verification,
// analytics) use; keep them.

// storedReport is one report held by the emulator.
type storedReport struct {
	ID           string // lower-case GUID
	Type         string // "T" (UUT) or "R" (UUR)
	PartNumber   string // "pn"
	SerialNumber string // "sn"
	Revision     string // "rev"
	ProcessCode  int    // "processCode"
	Result       string // "result": "P", "F", "E", "T", ...
	Station      string // "machineName"
	Start        time.Time
	ReceivedAt   time.Time
	// Doc is the whole document decoded generically (map[string]any with
	// json.Number numbers), as the client sent it.
	Doc map[string]any
	// Raw is the body as the client sent it.
	Raw []byte
	// ReceiveCount is how many times this id was received (1 on first put).
	ReceiveCount int
	// Seq is the store's processing order (the header's timeStamp),
	// assigned by put.
	Seq int64
}

// DuplicatePolicy says what the emulator does with a report whose id it
// already holds. The server's documents do not say; the header member
// receiveCount suggests the server counts resubmissions of one id.
type DuplicatePolicy int

const (
	// DuplicateReplace (the default) makes resubmission idempotent: the
	// stored report is replaced in place (no second row), receiveCount goes
	// up, and the same id is answered.
	DuplicateReplace DuplicatePolicy = iota
	// DuplicateReject answers 409 Conflict and keeps the stored report, for
	// testing clients against a server that refuses resubmissions.
	DuplicateReject
)

type reportState struct {
	mu      sync.RWMutex
	byID    map[string]*storedReport
	ordered []*storedReport
	policy  DuplicatePolicy
	wsxf    map[string][]byte // id -> XML as submitted through POST /api/Report/WSXF
	att     attachmentIndex
	seq     int64 // last Seq handed out
	exports exportStore
}

func newReportState() *reportState {
	return &reportState{byID: map[string]*storedReport{}, wsxf: map[string][]byte{}, att: newAttachmentIndex()}
}

// put stores r, replacing a report with the same id in place.
func (s *reportState) put(r *storedReport) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.putLocked(r)
}

func (s *reportState) putLocked(r *storedReport) {
	s.seq++
	r.Seq = s.seq
	s.att.remove(r.ID)
	s.att.index(r)
	if old, ok := s.byID[r.ID]; ok {
		// Swap the pointer (same position) rather than overwrite *old, so a
		// reader holding old from list() never races with the replacement.
		r.ReceiveCount = old.ReceiveCount + 1
		s.byID[r.ID] = r
		for i, o := range s.ordered {
			if o == old {
				s.ordered[i] = r
				break
			}
		}
		return
	}
	if r.ReceiveCount == 0 {
		r.ReceiveCount = 1
	}
	s.byID[r.ID] = r
	s.ordered = append(s.ordered, r)
}

// list returns the stored reports in arrival order. The slice is a copy;
// the reports must be treated as read-only.
func (s *reportState) list() []*storedReport {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return append([]*storedReport(nil), s.ordered...)
}

func (s *reportState) get(id string) *storedReport {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.byID[strings.ToLower(id)]
}

// WithDuplicatePolicy selects how resubmitted report ids are handled
// (default DuplicateReplace).
func WithDuplicatePolicy(p DuplicatePolicy) Option {
	return func(e *Emulator) { e.reports.policy = p }
}

// WithReports seeds the store. Each source is a WSJF document as []byte or
// json.RawMessage, a path to a WSJF file (string), or any value whose JSON
// encoding is a WSJF document (a *report.Report, a map). Seeded reports are
// stored as given, without the submit route's process and fail-code checks
// and without creating products or units, so a fixture can hold history
// the current process table would refuse. A source that cannot be read or
// is not a WSJF report is not stored; [Emulator.SeedErr] reports it.
func WithReports(sources ...any) Option {
	return func(e *Emulator) {
		for i, src := range sources {
			if err := e.reports.seed(e, src); err != nil {
				e.recordSeedError(fmt.Errorf("watstest.WithReports: source %d: %w", i, err))
			}
		}
	}
}

// seed stores one WithReports source.
func (s *reportState) seed(e *Emulator, src any) error {
	raw, err := seedBytes(src)
	if err != nil {
		return err
	}
	r, msg := e.decodeReport(raw)
	if msg != "" {
		return errors.New(msg)
	}
	s.put(r)
	return nil
}

func seedBytes(src any) ([]byte, error) {
	switch v := src.(type) {
	case []byte:
		return v, nil
	case json.RawMessage:
		return v, nil
	case string:
		return os.ReadFile(v)
	}
	return json.Marshal(src)
}

// ReceivedReport is a report as the emulator holds it, for test inspection.
type ReceivedReport struct {
	ID           string    // report id, a lower-case GUID (id)
	Type         string    // "T" or "R"
	PartNumber   string    // "pn"
	SerialNumber string    // "sn"
	Revision     string    // "rev"
	ProcessCode  int       // "processCode"
	Result       string    // "result": "P", "F", "E", "T", ...
	Station      string    // "machineName"
	Start        time.Time // "start"
	ReceivedAt   time.Time // when the emulator received it
	// ReceiveCount is how many times the id was submitted.
	ReceiveCount int
	// Raw is the last body received for this id, byte for byte.
	Raw []byte
}

// Reports returns the stored reports in arrival order (copies).
func (e *Emulator) Reports() []ReceivedReport {
	e.reports.mu.RLock()
	defer e.reports.mu.RUnlock()
	out := make([]ReceivedReport, len(e.reports.ordered))
	for i, r := range e.reports.ordered {
		out[i] = ReceivedReport{
			ID: r.ID, Type: r.Type, PartNumber: r.PartNumber, SerialNumber: r.SerialNumber,
			Revision: r.Revision, ProcessCode: r.ProcessCode, Result: r.Result, Station: r.Station,
			Start: r.Start, ReceivedAt: r.ReceivedAt, ReceiveCount: r.ReceiveCount,
			Raw: append([]byte(nil), r.Raw...),
		}
	}
	return out
}

// decodeReport checks a WSJF body the way the emulator's submit route does
// and builds the stored form. msg is the 400 message when it is refused.
func (e *Emulator) decodeReport(raw []byte) (*storedReport, string) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Sprintf("The report is not a valid WSJF JSON object: %v", err)
	}
	if doc == nil {
		return nil, "The report is not a valid WSJF JSON object: null"
	}
	if dec.More() {
		return nil, "The report is not a valid WSJF JSON object: data after the top-level object"
	}
	var missing []string
	str := func(k string) string {
		s, _ := doc[k].(string)
		return s
	}
	typ := str("type")
	if typ != "T" && typ != "R" {
		return nil, fmt.Sprintf("The report field 'type' must be \"T\" or \"R\", got %v.", jsonText(doc["type"]))
	}
	for _, k := range []string{"pn", "sn", "rev", "result", "machineName", "start"} {
		if str(k) == "" {
			missing = append(missing, k)
		}
	}
	code, ok := doc["processCode"].(json.Number)
	pc, err := strconv.Atoi(string(code))
	if !ok || err != nil {
		missing = append(missing, "processCode")
	}
	switch typ {
	case "T":
		if _, ok := doc["root"].(map[string]any); !ok {
			missing = append(missing, "root")
		}
	case "R":
		if _, ok := doc["uur"].(map[string]any); !ok {
			missing = append(missing, "uur")
		}
	}
	if len(missing) > 0 {
		return nil, fmt.Sprintf("The report is missing required fields or has invalid values: %s.", strings.Join(missing, ", "))
	}
	id := strings.ToLower(str("id"))
	switch {
	case id == "":
		// Like Virinco's converter, assign an id when the client sent none.
		id = newGUID()
		doc["id"] = id
	case !guid.Valid(id):
		return nil, fmt.Sprintf("The report field 'id' must be a GUID, got %q.", str("id"))
	}
	start, ok := parseODataTime(str("start"))
	if !ok {
		return nil, fmt.Sprintf("The report field 'start' is not a date-time: %q.", str("start"))
	}
	return &storedReport{
		ID: id, Type: typ, PartNumber: str("pn"), SerialNumber: str("sn"), Revision: str("rev"),
		ProcessCode: pc, Result: str("result"), Station: str("machineName"), Start: start,
		ReceivedAt: e.now(), Doc: doc, Raw: append([]byte(nil), raw...),
	}, ""
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func newGUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// submitAnswer is the InsertReportResult the submit routes answer: the id
// the client sent (ID), the id the report is stored under (uuid; the same
// here) and the legacy integer Report_ID (the store's processing order).
type submitAnswer struct {
	ID       string `json:"ID"`
	UUID     string `json:"uuid"`
	ReportID int64  `json:"Report_ID"`
}

func (e *Emulator) installReport() {
	e.handle(http.MethodPost, "/api/Report/WSJF", e.submitWSJF)
	e.handle(http.MethodPost, "/api/Report/WSXF", e.submitWSXF)
	e.handle(http.MethodGet, "/api/Report/Wsjf/{id}", e.loadWSJF)
	e.handle(http.MethodGet, "/api/Report/Wsxf/{id}", e.loadWSXF)
	e.handle(http.MethodGet, "/api/Report/Query/Header", e.queryHeaders)
	e.handle(http.MethodGet, "/api/Report/Query/HeaderByMiscInfo", e.queryHeadersByMiscInfo)
	e.handle(http.MethodGet, "/api/Report/Attachment", e.getAttachment)
	e.handle(http.MethodGet, "/api/Report/Attachments/{id}", e.getAttachmentsZip)
	e.handle(http.MethodGet, "/api/Report/Certificate/{id}", e.getCertificate)
	e.installExport()
}

// maxReportBody caps a submitted report, as a real server caps requests.
const maxReportBody = 64 << 20

// submitWSJF serves POST /api/Report/WSJF: the body must be a WSJF report
// whose process fits its type (test operation for a UUT, repair operation
// for a UUR) and whose UUR fail codes are in the repair operation's tree.
// A stored report creates its product, revision and unit when missing.
func (e *Emulator) submitWSJF(w http.ResponseWriter, r *http.Request, _ Params) {
	raw, err := readBody(r, maxReportBody)
	if err != nil {
		writeError(w, http.StatusBadRequest, "could not read the report: %v", err)
		return
	}
	rep, msg := e.decodeReport(raw)
	if msg == "" {
		msg = e.checkReportProcess(rep)
	}
	if msg != "" {
		writeError(w, http.StatusBadRequest, "%s", msg)
		return
	}
	if err := e.reports.submit(rep); err != nil {
		writeError(w, http.StatusConflict, "%s", err.Error())
		return
	}
	e.applyReportEffects(rep)
	writeJSON(w, http.StatusOK, submitAnswer{ID: rep.ID, UUID: rep.ID, ReportID: rep.Seq})
}

// submit stores rep under the duplicate policy.
func (s *reportState) submit(rep *storedReport) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.byID[rep.ID]; dup && s.policy == DuplicateReject {
		return fmt.Errorf("A report with id %s already exists.", rep.ID)
	}
	s.putLocked(rep)
	return nil
}

func readBody(r *http.Request, limit int64) ([]byte, error) {
	var buf bytes.Buffer
	if r.ContentLength > 0 && r.ContentLength <= limit {
		buf.Grow(int(r.ContentLength))
	}
	n, err := buf.ReadFrom(http.MaxBytesReader(nil, r.Body, limit))
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fmt.Errorf("the body is empty")
	}
	return buf.Bytes(), nil
}
