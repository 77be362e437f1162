package watstest

import (
	"crypto/rand"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"

	"github.com/watsgo/sdk/internal/guid"
)

// The product domain of the emulator: products and revisions (public model,
// camelCase except the revision's "PartNumber"), product groups (the server's
// product selections), vendors, BOMs and the internal box-build relations and
// categories. The store below has plain methods; the HTTP handlers live in
// product_handlers.go and product_internal.go.
//
// Semantics chosen where the server's documents say nothing:
//   - PUT /api/Product upserts by part number; members absent from the body
//     keep their stored value, an empty revisions list deletes nothing, and
//     tags are merged by key (change 3 deletes a key).
//   - An unknown part number or revision answers 404 {"Message": ...}.
//   - POST /api/Product/ProductGroupFilter creates the named group when it
//     does not exist yet.
//   - PUT /api/Product/Vendors adds unknown names; DELETE of a name that is
//     not stored answers 404.

// paSetting is the server's Setting (a key/value tag).
type paSetting struct {
	Key    string  `json:"key"`
	Value  *string `json:"value"`
	Change int     `json:"change"`
}

type paRevision struct {
	RevisionID  string
	ProductID   string
	Revision    string
	Name        string
	Description string
	State       int
	XMLData     string
	PartNumber  string

	bom []paBomItem
}

type paProduct struct {
	ProductID    string
	NonSerial    bool
	PartNumber   string
	Name         string
	Description  string
	State        int
	XMLData      string
	CategoryID   string
	CategoryName string
	Revisions    []*paRevision
}

// paProductIn is a PUT body: pointers tell absent members from zero values.
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
	PartNumber  string      `json:"PartNumber"`
	Tags        []paSetting `json:"tags"`
}

// paGroup is a product group (the server's ProductSelection).
type paGroup struct {
	ID          int
	Name        string
	Owner       string
	Description string
	Type        int
	SyncID      string
	Details     []paGroupDetail
}

type paGroupDetail struct {
	ID         int
	PartNumber string
	Revision   string
	Exclude    bool
	OrderNo    int
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
	// Revision is the component revision from WSBF (not a JSON member).
	Revision string `json:"-"`
}

type paRelation struct {
	ID           string
	Parent       string
	Child        string
	Quantity     int
	RevisionMask string
}

type paCategory struct {
	ID          string
	Name        string
	Description string
}

type productState struct {
	mu           sync.Mutex
	products     map[string]*paProduct // by part number, exact
	order        []string
	groups       []*paGroup
	nextDetailID int
	vendors      []map[string]json.RawMessage // in insertion order; "VendorName" is the key
	relations    map[string]*paRelation       // by id (lower case)
	categories   []paCategory
}

func newProductState() *productState {
	return &productState{
		products:  map[string]*paProduct{},
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

// paBadInput is a 400 the handlers turn into an error body.
type paBadInput string

func (e paBadInput) Error() string { return string(e) }

// paNotFound is a 404 the handlers turn into an error body.
type paNotFound string

func (e paNotFound) Error() string { return string(e) }

// paWriteError maps paBadInput to 400, paNotFound to 404, else 500.
func paWriteError(w http.ResponseWriter, err error) {
	var bad paBadInput
	var nf paNotFound
	switch {
	case errors.As(err, &bad):
		writeError(w, http.StatusBadRequest, "%s", err.Error())
	case errors.As(err, &nf):
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

func paValidState(st *int) error {
	if st != nil && *st != 0 && *st != 1 {
		return paBadInput(fmt.Sprintf("state %d is not a valid ProductState", *st))
	}
	return nil
}

// upsert applies a PUT /api/Product body. Caller holds s.mu.
func (s *productState) upsert(in *paProductIn) (*paProduct, error) {
	if strings.TrimSpace(in.PartNumber) == "" {
		return nil, paBadInput("partNumber is required")
	}
	if err := paValidState(in.State); err != nil {
		return nil, err
	}
	if in.CategoryID != nil && *in.CategoryID != "" && !guid.Valid(*in.CategoryID) {
		return nil, paBadInput(fmt.Sprintf("productCategoryId '%s' is not a GUID", *in.CategoryID))
	}
	p := s.ensureProductLocked(in.PartNumber)
	paSetStr(&p.Name, in.Name)
	paSetStr(&p.Description, in.Description)
	paSetStr(&p.XMLData, in.XMLData)
	if in.CategoryID != nil {
		p.CategoryID = strings.ToLower(*in.CategoryID)
	}
	paSetStr(&p.CategoryName, in.CategoryName)
	if in.NonSerial != nil {
		p.NonSerial = *in.NonSerial
	}
	if in.State != nil {
		p.State = *in.State
	}
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
	if err := paValidState(in.State); err != nil {
		return nil, err
	}
	var p *paProduct
	switch {
	case in.PartNumber != "":
		p = s.products[in.PartNumber]
	case in.ProductID != nil:
		p = s.productByID(*in.ProductID)
	default:
		return nil, paBadInput("PartNumber is required")
	}
	if p == nil {
		return nil, paNotFound(fmt.Sprintf("Product '%s' was not found.", in.PartNumber))
	}
	r := s.ensureRevisionOf(p, in.Revision)
	paSetStr(&r.Name, in.Name)
	paSetStr(&r.Description, in.Description)
	paSetStr(&r.XMLData, in.XMLData)
	if in.State != nil {
		r.State = *in.State
	}
	return r, nil
}

// ensureProductLocked returns the product, creating an active one with
// only its part number when absent. Caller holds s.mu.
func (s *productState) ensureProductLocked(pn string) *paProduct {
	if p, ok := s.products[pn]; ok {
		return p
	}
	p := &paProduct{PartNumber: pn, State: 1, ProductID: prodAssetGUID()}
	s.products[pn] = p
	s.order = append(s.order, pn)
	return p
}

// ensureRevisionOf returns the revision of p, creating an active one when
// absent. Caller holds s.mu.
func (s *productState) ensureRevisionOf(p *paProduct, rev string) *paRevision {
	if r := p.revision(rev); r != nil {
		return r
	}
	r := &paRevision{Revision: rev, State: 1, RevisionID: prodAssetGUID(), ProductID: p.ProductID, PartNumber: p.PartNumber}
	p.Revisions = append(p.Revisions, r)
	return r
}

// ensureProduct makes sure a product exists (as a submitted report does on
// the real server) and returns its id. It takes the store's lock.
func (s *productState) ensureProduct(pn string) (productID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ensureProductLocked(pn).ProductID
}

// ensureRevision makes sure a product and its revision exist (as a
// submitted report does on the real server) and returns their ids. An empty
// revision only ensures the product. It takes the store's lock.
func (s *productState) ensureRevision(pn, rev string) (productID, revisionID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.ensureProductLocked(pn)
	if rev == "" {
		return p.ProductID, ""
	}
	return p.ProductID, s.ensureRevisionOf(p, rev).RevisionID
}

func (s *productState) productByID(id string) *paProduct {
	for _, pn := range s.order {
		if p := s.products[pn]; strings.EqualFold(p.ProductID, id) {
			return p
		}
	}
	return nil
}

// paTagsFromXML reads the key/values of an xmlData document (<Root> with
// one element per key carrying a Value attribute): the server's tags view.
func paTagsFromXML(doc string) []paSetting {
	out := []paSetting{}
	if strings.TrimSpace(doc) == "" {
		return out
	}
	dec := xml.NewDecoder(strings.NewReader(doc))
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 2 {
				s := paSetting{Key: t.Name.Local}
				for _, a := range t.Attr {
					if a.Name.Local == "Value" {
						v := a.Value
						s.Value = &v
					}
				}
				out = append(out, s)
			}
		case xml.EndElement:
			depth--
		}
	}
}

// paTagsToXML renders seed tags as an xmlData document.
func paTagsToXML(tags []paSetting) *string {
	var b strings.Builder
	b.WriteString("<Root>")
	for _, t := range tags {
		b.WriteString("<" + t.Key)
		if t.Value != nil {
			b.WriteString(` Value="`)
			_ = xml.EscapeText(&b, []byte(*t.Value))
			b.WriteString(`"`)
		}
		b.WriteString(" />")
	}
	b.WriteString("</Root>")
	s := b.String()
	return &s
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
	for _, pn := range s.order {
		p := s.products[pn]
		for _, r := range p.Revisions {
			if strings.EqualFold(r.RevisionID, id) {
				return p, r
			}
		}
	}
	return nil, nil
}

// groupByName finds a group case-insensitively. Caller holds s.mu.
func (s *productState) groupByName(name string) *paGroup {
	for _, g := range s.groups {
		if strings.EqualFold(g.Name, name) {
			return g
		}
	}
	return nil
}

// addGroupFilter adds a part-number rule to a group, creating the group
// when needed. Caller holds s.mu.
func (s *productState) addGroupFilter(group, pn, rev string, exclude bool) *paGroup {
	g := s.groupByName(group)
	if g == nil {
		g = &paGroup{ID: len(s.groups) + 1, Name: group, SyncID: prodAssetGUID()}
		s.groups = append(s.groups, g)
	}
	s.nextDetailID++
	g.Details = append(g.Details, paGroupDetail{ID: s.nextDetailID, PartNumber: pn, Revision: rev, Exclude: exclude, OrderNo: len(g.Details) + 1})
	return g
}

// matches reports whether a group's rules take in pn/rev: an including rule
// matches and no excluding rule does. A rule's revision may end in "%"; an
// excluding rule for one revision does not exclude a query without revision.
func (g *paGroup) matches(pn, rev string) bool {
	in := false
	for _, d := range g.Details {
		if !strings.EqualFold(d.PartNumber, pn) {
			continue
		}
		if d.Exclude {
			if d.Revision == "" || rev != "" && paRevisionMatch(d.Revision, rev) {
				return false
			}
			continue
		}
		if paRevisionMatch(d.Revision, rev) {
			in = true
		}
	}
	return in
}

func paRevisionMatch(rule, rev string) bool {
	if rule == "" || rev == "" {
		return true
	}
	if p, ok := strings.CutSuffix(rule, "%"); ok {
		return strings.HasPrefix(rev, p)
	}
	return rule == rev
}

// vendorIndex finds a vendor by name (case-insensitive), -1 when absent.
// Caller holds s.mu.
func (s *productState) vendorIndex(name string) int {
	for i, v := range s.vendors {
		if strings.EqualFold(paVendorName(v), name) {
			return i
		}
	}
	return -1
}

func paVendorName(v map[string]json.RawMessage) string {
	for k, raw := range v {
		if strings.EqualFold(k, "VendorName") {
			var n string
			_ = json.Unmarshal(raw, &n)
			return n
		}
	}
	return ""
}

// sortedRelations returns the relations of a parent revision ordered by id,
// so answers are deterministic. Caller holds s.mu.
func (s *productState) sortedRelations(parent string) []*paRelation {
	var out []*paRelation
	for _, rel := range s.relations {
		if strings.EqualFold(rel.Parent, parent) {
			out = append(out, rel)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// WithProducts seeds products given in their wire form (anything that
// marshals to the server's product JSON, e.g. product.Product), applied as
// if PUT /api/Product had been called for each, except that tags given
// without xmlData are stored as xmlData (the server itself ignores tags in
// a request). A product the emulator refuses is reported by SeedErr.
func WithProducts(products ...any) Option {
	return func(e *Emulator) {
		for _, p := range products {
			b, err := json.Marshal(p)
			var in paProductIn
			if err == nil {
				err = json.Unmarshal(b, &in)
			}
			if err == nil {
				if len(in.Tags) > 0 && in.XMLData == nil {
					in.XMLData = paTagsToXML(in.Tags)
				}
				for i := range in.Revisions {
					if r := &in.Revisions[i]; len(r.Tags) > 0 && r.XMLData == nil {
						r.XMLData = paTagsToXML(r.Tags)
					}
				}
				e.products.mu.Lock()
				_, err = e.products.upsert(&in)
				e.products.mu.Unlock()
			}
			if err != nil {
				e.recordSeedError(fmt.Errorf("WithProducts: %w", err))
			}
		}
	}
}

// WithProductGroup seeds a product group that includes the given part
// numbers (every revision).
func WithProductGroup(name string, partNumbers ...string) Option {
	return func(e *Emulator) {
		s := e.products
		s.mu.Lock()
		defer s.mu.Unlock()
		if len(partNumbers) == 0 && s.groupByName(name) == nil {
			s.groups = append(s.groups, &paGroup{ID: len(s.groups) + 1, Name: name, SyncID: prodAssetGUID()})
		}
		for _, pn := range partNumbers {
			s.addGroupFilter(name, pn, "", false)
		}
	}
}

// paMergeTags applies tag edits: change 3 deletes the key, anything else
// sets it. The asset domain's tags use it.
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

// listGroups returns a copy of the product groups (id, name and rules), for
// other routes that list product groups. It takes the store's lock.
func (s *productState) listGroups() []paGroup {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]paGroup, 0, len(s.groups))
	for _, g := range s.groups {
		c := *g
		c.Details = append([]paGroupDetail(nil), g.Details...)
		out = append(out, c)
	}
	return out
}
