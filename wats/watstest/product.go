package watstest

import (
	"crypto/rand"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"mime"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// The product domain of the emulator (spec product.md PR1–PR13, PI1–PI14).
// Semantics chosen where the spec says "unverified":
//   - PUT /api/Product upserts by part number; fields absent from the body
//     keep their stored value, an empty revisions list deletes nothing, and
//     tags are merged by key (change 3 deletes a key).
//   - GET of an unknown part number answers 404 {"Message": ...}.
//   - A part number equal to a sibling literal (Query, Groups, Vendors) is
//     routed to that sibling, as literal routes win on the real server.
//   - PI5 answers the parent's full relation list (an array).
//   - Group membership is not part of any public model; seed it with
//     WithProductGroup.

// wire shapes, written from the spec independently of package product so
// that a wrong wire name in the SDK shows up as a failing test.

type paSetting struct {
	Key    string  `json:"key"`
	Value  *string `json:"value"`
	Change int     `json:"change,omitempty"`
}

type paRevision struct {
	Revision    string      `json:"revision"`
	Name        string      `json:"name,omitempty"`
	Description string      `json:"description,omitempty"`
	State       int         `json:"state"`
	RevisionID  string      `json:"productRevisionId"`
	ProductID   string      `json:"productId"`
	XMLData     string      `json:"xmlData,omitempty"`
	PartNumber  string      `json:"partNumber"`
	Tags        []paSetting `json:"tags"`

	bom []paBomItem
}

type paProduct struct {
	PartNumber   string        `json:"partNumber"`
	Name         string        `json:"name,omitempty"`
	Description  string        `json:"description,omitempty"`
	NonSerial    bool          `json:"nonSerial"`
	State        int           `json:"state"`
	ProductID    string        `json:"productId"`
	XMLData      string        `json:"xmlData,omitempty"`
	CategoryID   string        `json:"productCategoryId,omitempty"`
	CategoryName string        `json:"productCategoryName,omitempty"`
	Revisions    []*paRevision `json:"revisions"`
	Tags         []paSetting   `json:"tags"`
}

// paProductIn is a PUT body: pointers tell absent fields from zero values.
type paProductIn struct {
	PartNumber   string         `json:"partNumber"`
	Name         *string        `json:"name"`
	Description  *string        `json:"description"`
	NonSerial    *bool          `json:"nonSerial"`
	State        *int           `json:"state"`
	ProductID    *string        `json:"productId"`
	XMLData      *string        `json:"xmlData"`
	CategoryID   *string        `json:"productCategoryId"`
	CategoryName *string        `json:"productCategoryName"`
	Revisions    []paRevisionIn `json:"revisions"`
	Tags         []paSetting    `json:"tags"`
}

type paRevisionIn struct {
	Revision    string      `json:"revision"`
	Name        *string     `json:"name"`
	Description *string     `json:"description"`
	State       *int        `json:"state"`
	ProductID   *string     `json:"productId"`
	XMLData     *string     `json:"xmlData"`
	PartNumber  string      `json:"partNumber"`
	Tags        []paSetting `json:"tags"`
}

type paGroup struct {
	ID      int    `json:"productGroupId"`
	Name    string `json:"productGroupName"`
	members map[string]bool
}

type paBomItem struct {
	ItemID         string `json:"bomItemId"`
	RevisionID     string `json:"productRevisionId"`
	ComponentRef   string `json:"componentRef,omitempty"`
	PartNumber     string `json:"partNumber"`
	Description    string `json:"description,omitempty"`
	Quantity       int    `json:"quantity"`
	Manufacturer   string `json:"manufacturer,omitempty"`
	ManufacturerPN string `json:"manufacturerPn,omitempty"`
	Vendor         string `json:"vendor,omitempty"`
	VendorPN       string `json:"vendorPn,omitempty"`
	// Revision is the component revision from WSBF (not a §4.5 field).
	Revision string `json:"-"`
}

type paRelation struct {
	ID           string `json:"ProductRevisionRelationId"`
	Parent       string `json:"ParentProductRevisionId"`
	Child        string `json:"ProductRevisionId"`
	Quantity     int    `json:"Quantity"`
	ItemNumber   string `json:"ItemNumber,omitempty"`
	RevisionMask string `json:"RevisionMask,omitempty"`
	ChildPN      string `json:"ChildPartNumber,omitempty"`
	ChildRev     string `json:"ChildRevision,omitempty"`
}

type productState struct {
	mu         sync.Mutex
	products   map[string]*paProduct // by part number, exact
	order      []string
	groups     []*paGroup
	vendors    map[string]map[string]json.RawMessage // by vendorId
	vendorIDs  []string
	relations  map[string]*paRelation // by id (lower case)
	categories []map[string]any
}

func newProductState() *productState {
	return &productState{
		products:  map[string]*paProduct{},
		vendors:   map[string]map[string]json.RawMessage{},
		relations: map[string]*paRelation{},
	}
}

// prodAssetGUID returns a random lower-case GUID for emulator-assigned ids.
func prodAssetGUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// WithProducts seeds products given in their wire form (anything that
// marshals to the spec's Product JSON, e.g. product.Product), applied as if
// PUT /api/Product had been called for each.
func WithProducts(products ...any) Option {
	return func(e *Emulator) {
		for _, p := range products {
			b, err := json.Marshal(p)
			var in paProductIn
			if err == nil {
				err = json.Unmarshal(b, &in)
			}
			if err == nil {
				e.products.mu.Lock()
				_, err = e.products.upsert(&in)
				e.products.mu.Unlock()
			}
			if err != nil {
				e.paSeedError(fmt.Errorf("WithProducts: %w", err))
			}
		}
	}
}

// WithProductGroup seeds a product group containing the given part numbers
// (membership is what GetGroupsForProduct reports).
func WithProductGroup(name string, partNumbers ...string) Option {
	return func(e *Emulator) {
		s := e.products
		s.mu.Lock()
		defer s.mu.Unlock()
		g := &paGroup{ID: len(s.groups) + 1, Name: name, members: map[string]bool{}}
		for _, pn := range partNumbers {
			g.members[pn] = true
		}
		s.groups = append(s.groups, g)
	}
}

// paSeedError reports a seed that the emulator refuses. Seeds are test
// set-up, so a bad one panics with the reason instead of being ignored.
func (e *Emulator) paSeedError(err error) {
	panic("watstest: " + err.Error())
}

// paBadInput is a 400 the handlers turn into an error body.
type paBadInput string

func (e paBadInput) Error() string { return string(e) }

// upsert applies a PUT /api/Product body. Caller holds s.mu.
func (s *productState) upsert(in *paProductIn) (*paProduct, error) {
	if strings.TrimSpace(in.PartNumber) == "" {
		return nil, paBadInput("partNumber is required")
	}
	if in.State != nil && *in.State != 0 && *in.State != 1 {
		return nil, paBadInput(fmt.Sprintf("state %d is not a valid ProductState", *in.State))
	}
	p, ok := s.products[in.PartNumber]
	if !ok {
		p = &paProduct{PartNumber: in.PartNumber, State: 1, ProductID: prodAssetGUID(), Revisions: []*paRevision{}, Tags: []paSetting{}}
		s.products[in.PartNumber] = p
		s.order = append(s.order, in.PartNumber)
	}
	paSetStr(&p.Name, in.Name)
	paSetStr(&p.Description, in.Description)
	paSetStr(&p.XMLData, in.XMLData)
	paSetStr(&p.CategoryID, in.CategoryID)
	paSetStr(&p.CategoryName, in.CategoryName)
	if in.NonSerial != nil {
		p.NonSerial = *in.NonSerial
	}
	if in.State != nil {
		p.State = *in.State
	}
	p.Tags = paMergeTags(p.Tags, in.Tags)
	for i := range in.Revisions {
		in.Revisions[i].PartNumber = p.PartNumber
		if _, err := s.upsertRevision(&in.Revisions[i]); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// upsertRevision applies a PUT /api/Product/Revision body. Caller holds s.mu.
func (s *productState) upsertRevision(in *paRevisionIn) (*paRevision, error) {
	if strings.TrimSpace(in.Revision) == "" {
		return nil, paBadInput("revision is required")
	}
	if in.State != nil && *in.State != 0 && *in.State != 1 {
		return nil, paBadInput(fmt.Sprintf("state %d is not a valid ProductState", *in.State))
	}
	var p *paProduct
	if in.PartNumber != "" {
		p = s.products[in.PartNumber]
	} else if in.ProductID != nil {
		for _, c := range s.products {
			if strings.EqualFold(c.ProductID, *in.ProductID) {
				p = c
			}
		}
	} else {
		return nil, paBadInput("partNumber is required")
	}
	if p == nil {
		return nil, paNotFound(fmt.Sprintf("Product '%s' was not found.", in.PartNumber))
	}
	var r *paRevision
	for _, c := range p.Revisions {
		if c.Revision == in.Revision {
			r = c
		}
	}
	if r == nil {
		r = &paRevision{Revision: in.Revision, State: 1, RevisionID: prodAssetGUID(), ProductID: p.ProductID, PartNumber: p.PartNumber, Tags: []paSetting{}}
		p.Revisions = append(p.Revisions, r)
	}
	paSetStr(&r.Name, in.Name)
	paSetStr(&r.Description, in.Description)
	paSetStr(&r.XMLData, in.XMLData)
	if in.State != nil {
		r.State = *in.State
	}
	r.Tags = paMergeTags(r.Tags, in.Tags)
	return r, nil
}

// paNotFound is a 404 the handlers turn into an error body.
type paNotFound string

func (e paNotFound) Error() string { return string(e) }

// paWriteError maps paBadInput to 400, paNotFound to 404, else 500.
func paWriteError(w http.ResponseWriter, err error) {
	switch err.(type) {
	case paBadInput:
		writeError(w, http.StatusBadRequest, "%s", err.Error())
	case paNotFound:
		writeError(w, http.StatusNotFound, "%s", err.Error())
	default:
		writeError(w, http.StatusInternalServerError, "%s", err.Error())
	}
}

func paSetStr(dst *string, v *string) {
	if v != nil {
		*dst = *v
	}
}

// paMergeTags applies tag edits: change 3 deletes the key, anything else sets it.
func paMergeTags(have, edits []paSetting) []paSetting {
	out := append([]paSetting{}, have...)
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
			out = append(out, paSetting{Key: e.Key, Value: e.Value})
		}
	}
	return out
}

func (p *paProduct) revision(rev string) *paRevision {
	for _, r := range p.Revisions {
		if r.Revision == rev {
			return r
		}
	}
	return nil
}

// findRevision looks a revision up by part number and name. Caller holds s.mu.
func (s *productState) findRevision(pn, rev string) (*paProduct, *paRevision, error) {
	if pn == "" {
		return nil, nil, paBadInput("partNumber is required")
	}
	if rev == "" {
		return nil, nil, paBadInput("revision is required")
	}
	p, ok := s.products[pn]
	if !ok {
		return nil, nil, paNotFound(fmt.Sprintf("Product '%s' was not found.", pn))
	}
	r := p.revision(rev)
	if r == nil {
		return nil, nil, paNotFound(fmt.Sprintf("Product '%s' has no revision '%s'.", pn, rev))
	}
	return p, r, nil
}

// revisionByID finds a revision by id. Caller holds s.mu.
func (s *productState) revisionByID(id string) (*paProduct, *paRevision) {
	for _, p := range s.products {
		for _, r := range p.Revisions {
			if strings.EqualFold(r.RevisionID, id) {
				return p, r
			}
		}
	}
	return nil, nil
}

// paCopyJSON deep-copies v through JSON so answers never alias the store.
func paCopyJSON(v any) json.RawMessage {
	b, _ := json.Marshal(v)
	return b
}

func (e *Emulator) installProduct() {
	s := e.products
	lock := func(h HandlerFunc) HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request, p Params) {
			s.mu.Lock()
			defer s.mu.Unlock()
			h(w, r, p)
		}
	}

	// PR1
	e.handle(http.MethodGet, "/api/Product/Query", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		type light struct {
			PartNumber string `json:"partNumber"`
			Name       string `json:"name,omitempty"`
			Category   string `json:"category,omitempty"`
			NonSerial  bool   `json:"nonSerial"`
			State      int    `json:"state"`
		}
		out := make([]light, 0, len(s.order))
		for _, pn := range s.order {
			p := s.products[pn]
			out = append(out, light{p.PartNumber, p.Name, p.CategoryName, p.NonSerial, p.State})
		}
		writeJSON(w, http.StatusOK, out)
	}))
	// PR2
	e.handle(http.MethodGet, "/api/Product/{partNumber}", lock(func(w http.ResponseWriter, r *http.Request, p Params) {
		prod, ok := s.products[p.Get("partNumber")]
		if !ok {
			writeError(w, http.StatusNotFound, "Product '%s' was not found.", p.Get("partNumber"))
			return
		}
		writeJSON(w, http.StatusOK, paCopyJSON(prod))
	}))
	// PR3
	e.handle(http.MethodPut, "/api/Product", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		var in paProductIn
		if !readJSON(w, r, &in) {
			return
		}
		p, err := s.upsert(&in)
		if err != nil {
			paWriteError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, paCopyJSON(p))
	}))
	// PR4
	e.handle(http.MethodPut, "/api/Product/Products", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		var in []paProductIn
		if !readJSON(w, r, &in) {
			return
		}
		out := make([]json.RawMessage, 0, len(in))
		for i := range in {
			p, err := s.upsert(&in[i])
			if err != nil {
				writeError(w, http.StatusBadRequest, "products[%d]: %s", i, err.Error())
				return
			}
			out = append(out, paCopyJSON(p))
		}
		writeJSON(w, http.StatusOK, out)
	}))
	// PR5
	e.handle(http.MethodGet, "/api/Product", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		_, rev, err := s.findRevision(query(r, "partNumber"), query(r, "revision"))
		if err != nil {
			paWriteError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, paCopyJSON(rev))
	}))
	// PR6
	e.handle(http.MethodPut, "/api/Product/Revision", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		var in paRevisionIn
		if !readJSON(w, r, &in) {
			return
		}
		rev, err := s.upsertRevision(&in)
		if err != nil {
			paWriteError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, paCopyJSON(rev))
	}))
	// PR7
	e.handle(http.MethodPut, "/api/Product/Revisions", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		var in []paRevisionIn
		if !readJSON(w, r, &in) {
			return
		}
		out := make([]json.RawMessage, 0, len(in))
		for i := range in {
			rev, err := s.upsertRevision(&in[i])
			if err != nil {
				paWriteError(w, fmt.Errorf("revisions[%d]: %w", i, err))
				return
			}
			out = append(out, paCopyJSON(rev))
		}
		writeJSON(w, http.StatusOK, out)
	}))
	// PR8
	e.handle(http.MethodGet, "/api/Product/Groups", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		writeJSON(w, http.StatusOK, append([]*paGroup{}, s.groups...))
	}))
	// PR9
	e.handle(http.MethodPut, "/api/Product/Group", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		var in paGroup
		if !readJSON(w, r, &in) {
			return
		}
		if strings.TrimSpace(in.Name) == "" {
			writeError(w, http.StatusBadRequest, "productGroupName is required")
			return
		}
		if in.ID != 0 {
			for _, g := range s.groups {
				if g.ID == in.ID {
					g.Name = in.Name
					writeJSON(w, http.StatusOK, g)
					return
				}
			}
			writeError(w, http.StatusNotFound, "Product group %d was not found.", in.ID)
			return
		}
		g := &paGroup{ID: len(s.groups) + 1, Name: in.Name, members: map[string]bool{}}
		s.groups = append(s.groups, g)
		writeJSON(w, http.StatusOK, g)
	}))
	// PR10
	e.handle(http.MethodPut, "/api/Product/BOM", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if mt != "application/xml" && mt != "text/xml" {
			writeError(w, http.StatusUnsupportedMediaType, "The request entity's media type '%s' is not supported for this resource.", mt)
			return
		}
		doc, err := paParseWSBF(r.Body)
		if err != nil {
			writeError(w, http.StatusBadRequest, "invalid WSBF document: %v", err)
			return
		}
		_, rev, err := s.findRevision(doc.PartNumber, doc.Revision)
		if err != nil {
			// The product is named in the body, so an unknown one is a bad request.
			writeError(w, http.StatusBadRequest, "%s", err.Error())
			return
		}
		rev.bom = rev.bom[:0]
		for _, c := range doc.Components {
			q := 1
			if c.Qty != "" {
				if q, err = strconv.Atoi(strings.TrimSpace(c.Qty)); err != nil || q < 0 {
					writeError(w, http.StatusBadRequest, "component '%s': Qty '%s' is not a non-negative integer", c.Number, c.Qty)
					return
				}
			}
			rev.bom = append(rev.bom, paBomItem{
				ItemID: prodAssetGUID(), RevisionID: rev.RevisionID, ComponentRef: strings.ReplaceAll(c.Ref, ";", ","),
				PartNumber: c.Number, Description: c.Desc, Quantity: q, Revision: c.Rev,
			})
		}
		w.WriteHeader(http.StatusOK)
	}))
	// PR11
	e.handle(http.MethodGet, "/api/Product/Vendors", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		out := make([]map[string]json.RawMessage, 0, len(s.vendorIDs))
		for _, id := range s.vendorIDs {
			out = append(out, s.vendors[id])
		}
		writeJSON(w, http.StatusOK, out)
	}))
	// PR12
	e.handle(http.MethodPut, "/api/Product/Vendors", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		var in map[string]json.RawMessage
		if !readJSON(w, r, &in) {
			return
		}
		var name, id string
		_ = json.Unmarshal(in["name"], &name)
		_ = json.Unmarshal(in["vendorId"], &id)
		if strings.TrimSpace(name) == "" {
			writeError(w, http.StatusBadRequest, "name is required")
			return
		}
		if id == "" {
			id = prodAssetGUID()
			in["vendorId"] = paCopyJSON(id)
			s.vendorIDs = append(s.vendorIDs, id)
		} else if _, ok := s.vendors[id]; !ok {
			writeError(w, http.StatusNotFound, "Vendor '%s' was not found.", id)
			return
		}
		s.vendors[id] = in
		writeJSON(w, http.StatusOK, in)
	}))
	// PR13
	e.handle(http.MethodDelete, "/api/Product/Vendors/{vendorId}", lock(func(w http.ResponseWriter, r *http.Request, p Params) {
		id := p.Get("vendorId")
		if _, ok := s.vendors[id]; !ok {
			writeError(w, http.StatusNotFound, "Vendor '%s' was not found.", id)
			return
		}
		delete(s.vendors, id)
		for i, v := range s.vendorIDs {
			if v == id {
				s.vendorIDs = append(s.vendorIDs[:i], s.vendorIDs[i+1:]...)
				break
			}
		}
		w.WriteHeader(http.StatusOK)
	}))

	e.installProductInternal(lock)
}

type paWSBF struct {
	XMLName    xml.Name `xml:"BOM"`
	PartNumber string   `xml:"Partnumber,attr"`
	Revision   string   `xml:"Revision,attr"`
	Desc       string   `xml:"Desc,attr"`
	Components []struct {
		Number string `xml:"Number,attr"`
		Rev    string `xml:"Rev,attr"`
		Qty    string `xml:"Qty,attr"`
		Desc   string `xml:"Desc,attr"`
		Ref    string `xml:"Ref,attr"`
	} `xml:"Component"`
}

func paParseWSBF(r io.Reader) (*paWSBF, error) {
	var doc paWSBF
	if err := xml.NewDecoder(r).Decode(&doc); err != nil {
		return nil, err
	}
	if doc.XMLName.Space != "http://wats.virinco.com/schemas/WATS/wsbf" {
		return nil, fmt.Errorf("root element must be BOM in namespace http://wats.virinco.com/schemas/WATS/wsbf, got %q", doc.XMLName.Space)
	}
	if doc.PartNumber == "" || doc.Revision == "" {
		return nil, fmt.Errorf("attributes Partnumber and Revision are required")
	}
	for i, c := range doc.Components {
		if c.Number == "" {
			return nil, fmt.Errorf("Component[%d]: attribute Number is required", i)
		}
	}
	return &doc, nil
}

func (e *Emulator) installProductInternal(lock func(HandlerFunc) HandlerFunc) {
	s := e.products

	// PI1
	e.handle(http.MethodGet, "/api/internal/Product/Bom", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		_, rev, err := s.findRevision(query(r, "partNumber"), query(r, "revision"))
		if err != nil {
			paWriteError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, append([]paBomItem{}, rev.bom...))
	}))
	// PI2
	e.handle(http.MethodPut, "/api/internal/Product/BOM", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		if f := query(r, "format"); !strings.EqualFold(f, "json") {
			writeError(w, http.StatusBadRequest, "format must be 'json', got '%s'", f)
			return
		}
		_, rev, err := s.findRevision(query(r, "partNumber"), query(r, "revision"))
		if err != nil {
			paWriteError(w, err)
			return
		}
		var items []paBomItem
		if !readJSON(w, r, &items) {
			return
		}
		for i := range items {
			if items[i].PartNumber == "" {
				writeError(w, http.StatusBadRequest, "[%d].partNumber is required", i)
				return
			}
			if items[i].ItemID == "" {
				items[i].ItemID = prodAssetGUID()
			}
			if items[i].Quantity == 0 {
				items[i].Quantity = 1
			}
			items[i].RevisionID = rev.RevisionID
		}
		rev.bom = items
		writeJSON(w, http.StatusOK, items)
	}))
	// PI3
	e.handle(http.MethodGet, "/api/internal/Product/GetProductInfo", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		p, rev, err := s.findRevision(query(r, "partNumber"), query(r, "revision"))
		if err != nil {
			paWriteError(w, err)
			return
		}
		type row struct {
			HLevel       int     `json:"hlevel"`
			RelationID   *string `json:"ProductRevisionRelationId"`
			Parent       *string `json:"ParentProductRevisionId"`
			RevisionID   string  `json:"ProductRevisionId"`
			Quantity     int     `json:"Quantity"`
			RevisionMask *string `json:"RevisionMask"`
			PartNumber   string  `json:"PartNumber"`
			Revision     string  `json:"Revision"`
		}
		rows := []row{{HLevel: 0, RevisionID: rev.RevisionID, Quantity: 1, PartNumber: p.PartNumber, Revision: rev.Revision}}
		var walk func(parent string, level int, seen map[string]bool)
		walk = func(parent string, level int, seen map[string]bool) {
			if seen[parent] {
				return // a cyclic template must not hang the emulator
			}
			seen[parent] = true
			for _, rel := range s.sortedRelations(parent) {
				cp, cr := s.revisionByID(rel.Child)
				rw := row{HLevel: level, RelationID: &rel.ID, Parent: &rel.Parent, RevisionID: rel.Child, Quantity: rel.Quantity}
				if rel.RevisionMask != "" {
					rw.RevisionMask = &rel.RevisionMask
				}
				if cr != nil {
					rw.PartNumber, rw.Revision = cp.PartNumber, cr.Revision
				}
				rows = append(rows, rw)
				walk(rel.Child, level+1, seen)
			}
		}
		walk(rev.RevisionID, 1, map[string]bool{})
		writeJSON(w, http.StatusOK, rows)
	}))
	// PI4
	e.handle(http.MethodGet, "/api/internal/Product/GetProductByPN", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		pn := query(r, "PN")
		p, ok := s.products[pn]
		if !ok {
			writeError(w, http.StatusNotFound, "Product '%s' was not found.", pn)
			return
		}
		writeJSON(w, http.StatusOK, paCopyJSON(p))
	}))
	// PI5
	e.handle(http.MethodPost, "/api/internal/Product/PostProductRevisionRelation", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		var in paRelation
		if !readJSON(w, r, &in) {
			return
		}
		if in.Parent == "" || in.Child == "" {
			writeError(w, http.StatusBadRequest, "ParentProductRevisionId and ProductRevisionId are required")
			return
		}
		if strings.EqualFold(in.Parent, in.Child) {
			writeError(w, http.StatusBadRequest, "a revision cannot require itself")
			return
		}
		if _, pr := s.revisionByID(in.Parent); pr == nil {
			writeError(w, http.StatusNotFound, "Product revision '%s' was not found.", in.Parent)
			return
		}
		cp, cr := s.revisionByID(in.Child)
		if cr == nil {
			writeError(w, http.StatusNotFound, "Product revision '%s' was not found.", in.Child)
			return
		}
		if in.Quantity <= 0 {
			in.Quantity = 1
		}
		in.ID = prodAssetGUID()
		in.Parent, in.Child = strings.ToLower(in.Parent), strings.ToLower(in.Child)
		in.ChildPN, in.ChildRev = cp.PartNumber, cr.Revision
		rel := in
		s.relations[rel.ID] = &rel
		out := []paRelation{}
		for _, x := range s.sortedRelations(rel.Parent) {
			out = append(out, *x)
		}
		writeJSON(w, http.StatusOK, out)
	}))
	// PI6
	e.handle(http.MethodPut, "/api/internal/Product/PutProductRevisionRelation", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		var in paRelation
		if !readJSON(w, r, &in) {
			return
		}
		rel, ok := s.relations[strings.ToLower(in.ID)]
		if !ok {
			writeError(w, http.StatusNotFound, "Product revision relation '%s' was not found.", in.ID)
			return
		}
		if in.Quantity > 0 {
			rel.Quantity = in.Quantity
		}
		rel.ItemNumber, rel.RevisionMask = in.ItemNumber, in.RevisionMask
		writeJSON(w, http.StatusOK, rel)
	}))
	// PI7
	e.handle(http.MethodDelete, "/api/internal/Product/DeleteProductRevisionRelation", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		id := strings.ToLower(query(r, "productRevisionRelationId"))
		if _, ok := s.relations[id]; !ok {
			writeError(w, http.StatusNotFound, "Product revision relation '%s' was not found.", id)
			return
		}
		delete(s.relations, id)
		w.WriteHeader(http.StatusOK)
	}))
	// PI8
	e.handle(http.MethodGet, "/api/internal/Product/GetGroupsForProduct", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		pn := query(r, "partNumber")
		if _, ok := s.products[pn]; !ok {
			writeError(w, http.StatusNotFound, "Product '%s' was not found.", pn)
			return
		}
		out := []*paGroup{}
		for _, g := range s.groups {
			if g.members[pn] {
				out = append(out, g)
			}
		}
		writeJSON(w, http.StatusOK, out)
	}))
	// PI9
	e.handle(http.MethodGet, "/api/internal/Product/GetProductCategories", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		writeJSON(w, http.StatusOK, append([]map[string]any{}, s.categories...))
	}))
	// PI10
	e.handle(http.MethodPut, "/api/internal/Product/PutProductCategories", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		var in []map[string]any
		if !readJSON(w, r, &in) {
			return
		}
		for i, c := range in {
			if name, _ := c["name"].(string); name == "" {
				if name, _ = c["Name"].(string); name == "" {
					writeError(w, http.StatusBadRequest, "[%d].name is required", i)
					return
				}
			}
			if c["categoryId"] == nil && c["CategoryId"] == nil {
				c["categoryId"] = prodAssetGUID()
			}
		}
		s.categories = in
		writeJSON(w, http.StatusOK, in)
	}))
	// PI11–PI14: the tag list is the same data PR2 shows as "tags".
	tagsOut := func(t []paSetting) []map[string]any {
		out := make([]map[string]any, 0, len(t))
		for _, x := range t {
			out = append(out, map[string]any{"key": x.Key, "value": x.Value})
		}
		return out
	}
	readTags := func(w http.ResponseWriter, r *http.Request) ([]paSetting, bool) {
		var in []paSetting
		if !readJSON(w, r, &in) {
			return nil, false
		}
		for i, t := range in {
			if t.Key == "" {
				writeError(w, http.StatusBadRequest, "[%d].key is required", i)
				return nil, false
			}
			in[i].Change = 0
		}
		return in, true
	}
	productFor := func(w http.ResponseWriter, r *http.Request) *paProduct {
		pn := query(r, "partNumber")
		p, ok := s.products[pn]
		if !ok {
			writeError(w, http.StatusNotFound, "Product '%s' was not found.", pn)
			return nil
		}
		return p
	}
	e.handle(http.MethodGet, "/api/internal/Product/GetProductTags", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		if p := productFor(w, r); p != nil {
			writeJSON(w, http.StatusOK, tagsOut(p.Tags))
		}
	}))
	e.handle(http.MethodPut, "/api/internal/Product/PutProductTags", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		p := productFor(w, r)
		if p == nil {
			return
		}
		if tags, ok := readTags(w, r); ok {
			p.Tags = tags
			writeJSON(w, http.StatusOK, tagsOut(p.Tags))
		}
	}))
	e.handle(http.MethodGet, "/api/internal/Product/GetRevisionTags", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		_, rev, err := s.findRevision(query(r, "partNumber"), query(r, "revision"))
		if err != nil {
			paWriteError(w, err)
			return
		}
		writeJSON(w, http.StatusOK, tagsOut(rev.Tags))
	}))
	e.handle(http.MethodPut, "/api/internal/Product/PutRevisionTags", lock(func(w http.ResponseWriter, r *http.Request, _ Params) {
		_, rev, err := s.findRevision(query(r, "partNumber"), query(r, "revision"))
		if err != nil {
			paWriteError(w, err)
			return
		}
		if tags, ok := readTags(w, r); ok {
			rev.Tags = tags
			writeJSON(w, http.StatusOK, tagsOut(rev.Tags))
		}
	}))
}

// sortedRelations returns the relations of a parent revision ordered by
// item number then id, so answers are deterministic. Caller holds s.mu.
func (s *productState) sortedRelations(parent string) []*paRelation {
	var out []*paRelation
	for _, rel := range s.relations {
		if strings.EqualFold(rel.Parent, parent) {
			out = append(out, rel)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].ItemNumber != out[j].ItemNumber {
			return out[i].ItemNumber < out[j].ItemNumber
		}
		return out[i].ID < out[j].ID
	})
	return out
}
