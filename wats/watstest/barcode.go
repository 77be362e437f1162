package watstest

import (
	"fmt"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// The barcode identifiers of the emulator (/api/BarcodeIdentifiers/...): a
// station scans one code and the server splits it into serial number, part
// number, revision, batch and process.
//
// Semantics chosen where the server's documents say nothing:
//   - pattern is a regular expression (.NET's (?<name>...) groups are
//     accepted); identifiers are tried in ascending order, then id, and the
//     first whose pattern matches the whole code wins;
//   - each text member of an identifier is a template expanded against the
//     match ($1, ${name}); an empty member takes the named group of the same
//     name (serialNumber, partNumber, revision, batchNumber, process), if any;
//   - a code no identifier matches answers 404; PUT with an unknown non-zero
//     id answers 404; DELETE of an unknown id answers 404.

// barcodeIdentifier is the server's BarcodeIdentifier.
type barcodeIdentifier struct {
	ID           int     `json:"id"`
	Pattern      string  `json:"pattern"`
	SerialNumber *string `json:"serialNumber"`
	PartNumber   *string `json:"partNumber"`
	Revision     *string `json:"revision"`
	BatchNumber  *string `json:"batchNumber"`
	Process      *string `json:"process"`
	Order        int     `json:"order"`
	Description  *string `json:"description"`
}

type barcodeStore struct {
	mu     sync.Mutex
	byID   map[int]*barcodeIdentifier
	nextID int
}

func newBarcodeStore() *barcodeStore { return &barcodeStore{byID: map[int]*barcodeIdentifier{}} }

// BarcodeRule seeds a barcode identifier with WithBarcodeIdentifiers. The
// text members are templates over the pattern's match ($1, ${name}).
type BarcodeRule struct {
	Pattern      string // regular expression the whole code must match
	SerialNumber string // template for the serial number
	PartNumber   string // template for the part number
	Revision     string // template for the revision
	BatchNumber  string // template for the batch number
	Process      string // template for the process
	Order        int    // lower is tried first
	Description  string // free text
}

// WithBarcodeIdentifiers seeds barcode identifiers. A rule whose pattern
// does not compile is reported by SeedErr.
func WithBarcodeIdentifiers(rules ...BarcodeRule) Option {
	return func(e *Emulator) {
		for _, r := range rules {
			in := barcodeIdentifier{Pattern: r.Pattern, SerialNumber: nz(r.SerialNumber), PartNumber: nz(r.PartNumber), Revision: nz(r.Revision),
				BatchNumber: nz(r.BatchNumber), Process: nz(r.Process), Order: r.Order, Description: nz(r.Description)}
			if _, err := e.production.barcodes.save(in); err != nil {
				e.recordSeedError(fmt.Errorf("WithBarcodeIdentifiers: %w", err))
			}
		}
	}
}

func compileBarcodePattern(p string) (*regexp.Regexp, error) {
	re, err := regexp.Compile(`^(?:` + strings.ReplaceAll(p, "(?<", "(?P<") + `)$`)
	if err != nil {
		return nil, paBadInput(fmt.Sprintf("pattern '%s' is not a valid regular expression", p))
	}
	return re, nil
}

// save creates (id 0) or replaces an identifier and returns the stored copy.
func (b *barcodeStore) save(in barcodeIdentifier) (barcodeIdentifier, error) {
	if strings.TrimSpace(in.Pattern) == "" {
		return barcodeIdentifier{}, paBadInput("pattern is required")
	}
	if _, err := compileBarcodePattern(in.Pattern); err != nil {
		return barcodeIdentifier{}, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if in.ID == 0 {
		b.nextID++
		in.ID = b.nextID
	} else if _, ok := b.byID[in.ID]; !ok {
		return barcodeIdentifier{}, paNotFound(fmt.Sprintf("Barcode identifier %d was not found.", in.ID))
	}
	stored := in
	b.byID[in.ID] = &stored
	return stored, nil
}

// list returns the identifiers in the order Identify tries them.
func (b *barcodeStore) list() []barcodeIdentifier {
	b.mu.Lock()
	defer b.mu.Unlock()
	out := make([]barcodeIdentifier, 0, len(b.byID))
	for _, x := range b.byID {
		out = append(out, *x)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Order != out[j].Order {
			return out[i].Order < out[j].Order
		}
		return out[i].ID < out[j].ID
	})
	return out
}

func (b *barcodeStore) delete(id int) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, ok := b.byID[id]; !ok {
		return false
	}
	delete(b.byID, id)
	return true
}

// identify reads code with the first matching identifier.
func (b *barcodeStore) identify(code string) (barcodeIdentifier, bool) {
	for _, id := range b.list() {
		re, err := compileBarcodePattern(id.Pattern)
		if err != nil {
			continue
		}
		m := re.FindStringSubmatchIndex(code)
		if m == nil {
			continue
		}
		field := func(tmpl *string, group string) *string {
			t := ""
			if tmpl != nil {
				t = *tmpl
			}
			if t == "" {
				if re.SubexpIndex(group) < 0 {
					return nil
				}
				t = "${" + group + "}"
			}
			return nz(string(re.ExpandString(nil, t, code, m)))
		}
		return barcodeIdentifier{
			ID: id.ID, Pattern: id.Pattern, Order: id.Order, Description: id.Description,
			SerialNumber: field(id.SerialNumber, "serialNumber"), PartNumber: field(id.PartNumber, "partNumber"),
			Revision: field(id.Revision, "revision"), BatchNumber: field(id.BatchNumber, "batchNumber"), Process: field(id.Process, "process"),
		}, true
	}
	return barcodeIdentifier{}, false
}

func (e *Emulator) installBarcodes() {
	b := e.production.barcodes
	e.handle(http.MethodGet, "/api/BarcodeIdentifiers/IdentifyBarcode", b.handleIdentify)
	e.handle(http.MethodGet, "/api/BarcodeIdentifiers/BarcodeIdentifiers", b.handleList)
	e.handle(http.MethodPut, "/api/BarcodeIdentifiers/BarcodeIdentifier", b.handlePut)
	e.handle(http.MethodDelete, "/api/BarcodeIdentifiers/BarcodeIdentifier/{id}", b.handleDelete)
}

func (b *barcodeStore) handleIdentify(w http.ResponseWriter, r *http.Request, _ Params) {
	code := query(r, "code")
	if code == "" {
		writeError(w, http.StatusBadRequest, "The code parameter is required.")
		return
	}
	out, ok := b.identify(code)
	if !ok {
		writeError(w, http.StatusNotFound, "No barcode identifier matches '%s'.", code)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (b *barcodeStore) handleList(w http.ResponseWriter, _ *http.Request, _ Params) {
	writeJSON(w, http.StatusOK, b.list())
}

func (b *barcodeStore) handlePut(w http.ResponseWriter, r *http.Request, _ Params) {
	var in barcodeIdentifier
	if !readJSON(w, r, &in) {
		return
	}
	out, err := b.save(in)
	if err != nil {
		paWriteError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (b *barcodeStore) handleDelete(w http.ResponseWriter, _ *http.Request, p Params) {
	id, err := strconv.Atoi(p.Get("id"))
	if err != nil {
		writeError(w, http.StatusBadRequest, "The value '%s' is not valid for id.", p.Get("id"))
		return
	}
	if !b.delete(id) {
		writeError(w, http.StatusNotFound, "Barcode identifier %d was not found.", id)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
