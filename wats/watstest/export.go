package watstest

import (
	"archive/zip"
	"bytes"

	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Certificate exports (POST /api/Export/Certificate, GET /api/Export/List,
// GET /api/Export/{fileName}). The server builds an export in the
// background and mails a link; the emulator builds it at once, so the file
// is listed and downloadable as soon as the queue call has answered. The
// document gives the queue and list answers no shape; the emulator answers
// {"fileName": ..., "reportCount": n} and {"exports": [{"fileName",
// "createdUtc", "size", "reportCount"}]}.

type exportFile struct {
	FileName string // with extension, e.g. "Certificates-1.zip"
	Created  time.Time
	Reports  int
	Data     []byte
}

type exportStore struct {
	mu    sync.Mutex
	files []*exportFile
}

func (s *exportStore) add(f *exportFile) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f.FileName = fmt.Sprintf("Certificates-%d.zip", len(s.files)+1)
	s.files = append(s.files, f)
}

func (s *exportStore) list() []*exportFile {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*exportFile(nil), s.files...)
}

// find matches name with or without its extension, case-insensitively.
func (s *exportStore) find(name string) *exportFile {
	for _, f := range s.list() {
		if strings.EqualFold(f.FileName, name) || strings.EqualFold(strings.TrimSuffix(f.FileName, ".zip"), name) {
			return f
		}
	}
	return nil
}

func (e *Emulator) installExport() {
	e.handle(http.MethodPost, "/api/Export/Certificate", e.queueCertificateExport)
	e.handle(http.MethodGet, "/api/Export/List", e.listExports)
	e.handle(http.MethodGet, "/api/Export/{fileName}", e.getExportFile)
}

// publicWatsFilter is the body of the certificate export.
type publicWatsFilter struct {
	SerialNumber    string     `json:"serialNumber"`
	PartNumber      string     `json:"partNumber"`
	Revision        string     `json:"revision"`
	BatchNumber     string     `json:"batchNumber"`
	StationName     string     `json:"stationName"`
	TestOperation   string     `json:"testOperation"`
	Status          string     `json:"status"`
	MiscDescription string     `json:"miscDescription"`
	MiscValue       string     `json:"miscValue"`
	SWFilename      string     `json:"swFilename"`
	SWVersion       string     `json:"swVersion"`
	DateFrom        *time.Time `json:"dateFrom"`
	DateTo          *time.Time `json:"dateTo"`
	MaxCount        int        `json:"maxCount"`
	Dimensions      string     `json:"dimensions"`
}

var exportDimensionNames = setOf("stationData", "miscInfo", "subUnitInfo", "asset", "batchNumber",
	"executionTime", "testSocketIndex", "operator", "errorCode", "errorMessage", "fixtureId",
	"testOperation", "reportStatus", "comment", "swFilename", "swVersion", "stepStatus", "stepTime",
	"measurement", "units", "compOperator", "lowLimit", "highLimit", "viewStepHierarchy",
	"signCertificate", "xyGraph", "pageNumbers")

var numericFormats = setOf("default", "integer", "decimal", "scientific", "general", "hexadecimal", "binary")

// checkDimensions answers 400 for an unknown dimension name.
func checkDimensions(w http.ResponseWriter, list string) bool {
	for _, d := range strings.Split(list, ";") {
		if d = strings.TrimSpace(d); d != "" && !exportDimensionNames[d] {
			writeError(w, http.StatusBadRequest, "The dimension '%s' is not supported.", d)
			return false
		}
	}
	return true
}

// requiredBool reads a required boolean query parameter, answering 400
// when it is absent or malformed.
func requiredBool(w http.ResponseWriter, r *http.Request, name string) (bool, bool) {
	s, ok := queryLookup(r, name)
	if !ok || s == "" {
		writeError(w, http.StatusBadRequest, "The %s parameter is required.", name)
		return false, false
	}
	b, err := strconv.ParseBool(s)
	if err != nil {
		writeError(w, http.StatusBadRequest, "The value '%s' is not valid for %s.", s, name)
		return false, false
	}
	return b, true
}

func (e *Emulator) queueCertificateExport(w http.ResponseWriter, r *http.Request, _ Params) {
	headerOnly, ok := requiredBool(w, r, "headerDataOnly")
	if !ok {
		return
	}
	individual, ok := requiredBool(w, r, "asIndividualFiles")
	if !ok {
		return
	}
	if !checkDimensions(w, query(r, "dimensions")) {
		return
	}
	if nf := query(r, "numericFormat"); nf != "" && !numericFormats[strings.ToLower(nf)] {
		writeError(w, http.StatusBadRequest, "The numeric format '%s' is not supported.", nf)
		return
	}
	if em := query(r, "email"); em != "" && !strings.Contains(em, "@") {
		writeError(w, http.StatusBadRequest, "The value '%s' is not a valid e-mail address.", em)
		return
	}
	var f publicWatsFilter
	if !readJSON(w, r, &f) || !checkDimensions(w, f.Dimensions) {
		return
	}
	var picked []*storedReport
	for _, rep := range e.reports.list() {
		if rep.Type == "T" && e.exportMatches(&f, rep) {
			picked = append(picked, rep)
			if f.MaxCount > 0 && len(picked) == f.MaxCount {
				break
			}
		}
	}
	data, err := certificateZip(picked, individual, headerOnly)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "could not build the export: %v", err)
		return
	}
	file := &exportFile{Created: e.now().UTC(), Reports: len(picked), Data: data}
	e.reports.exports.add(file)
	writeJSON(w, http.StatusOK, map[string]any{"fileName": file.FileName, "reportCount": file.Reports})
}

// exportMatches applies the filter members the emulator knows; text
// members compare case-insensitively and exactly.
func (e *Emulator) exportMatches(f *publicWatsFilter, rep *storedReport) bool {
	eq := func(want, have string) bool { return want == "" || strings.EqualFold(want, have) }
	batch, _ := strField(mapField(rep.Doc, "uut"), "batchSN").(string)
	op, _ := e.processNameOf(rep.ProcessCode).(string)
	if !eq(f.SerialNumber, rep.SerialNumber) || !eq(f.PartNumber, rep.PartNumber) || !eq(f.Revision, rep.Revision) ||
		!eq(f.BatchNumber, batch) || !eq(f.StationName, rep.Station) || !eq(f.TestOperation, op) {
		return false
	}
	if f.Status != "" && !strings.EqualFold(f.Status, rep.Result) && !strings.EqualFold(f.Status, resultWord(rep.Result)) {
		return false
	}
	if f.DateFrom != nil && rep.Start.Before(*f.DateFrom) || f.DateTo != nil && !rep.Start.Before(*f.DateTo) {
		return false
	}
	if f.MiscDescription == "" && f.MiscValue == "" {
		return true
	}
	for _, mi := range objects(rep.Doc["miscInfos"]) {
		d, _ := mi["description"].(string)
		v, _ := miscText(mi).(string)
		if eq(f.MiscDescription, d) && (f.MiscValue == "" || f.MiscValue == v) {
			return true
		}
	}
	return false
}

func mapField(m map[string]any, k string) map[string]any {
	v, _ := m[k].(map[string]any)
	return v
}

// certificateZip packs the certificates of reps: one PDF per report, or one
// PDF listing them all.
func certificateZip(reps []*storedReport, individual, headerOnly bool) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	put := func(name string, data []byte) error {
		f, err := zw.Create(name)
		if err == nil {
			_, err = f.Write(data)
		}
		return err
	}
	if individual {
		for _, rep := range reps {
			if err := put("certificate-"+rep.ID+".pdf", certificatePDF(rep)); err != nil {
				return nil, err
			}
		}
	} else {
		lines := []string{"watstest certificates", fmt.Sprintf("%d reports, header data only: %t", len(reps), headerOnly)}
		for _, rep := range reps {
			lines = append(lines, fmt.Sprintf("%s %s/%s %s", rep.ID, rep.PartNumber, rep.SerialNumber, resultWord(rep.Result)))
		}
		if err := put("certificates.pdf", minimalPDF(lines)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (e *Emulator) listExports(w http.ResponseWriter, r *http.Request, _ Params) {
	rows := []map[string]any{}
	for _, f := range e.reports.exports.list() {
		rows = append(rows, map[string]any{"fileName": f.FileName, "createdUtc": netTime(f.Created), "size": len(f.Data), "reportCount": f.Reports})
	}
	writeJSON(w, http.StatusOK, map[string]any{"exports": rows})
}

func (e *Emulator) getExportFile(w http.ResponseWriter, r *http.Request, p Params) {
	f := e.reports.exports.find(p.Get("fileName"))
	if f == nil {
		writeError(w, http.StatusNotFound, "The export '%s' was not found.", p.Get("fileName"))
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": f.FileName}))
	w.Header().Set("Content-Length", strconv.Itoa(len(f.Data)))
	_, _ = w.Write(f.Data)
}
