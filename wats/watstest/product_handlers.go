package watstest

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
)

// Answer shapes: the members of the server's documented models, with null
// for an empty string or GUID as a .NET server writes it.

type paSettingOut struct {
	Key    string  `json:"key"`
	Value  *string `json:"value"`
	Change int     `json:"change"`
}

type paRevisionOut struct {
	RevisionID  *string        `json:"productRevisionId"`
	ProductID   *string        `json:"productId"`
	Revision    string         `json:"revision"`
	Name        *string        `json:"name"`
	Description *string        `json:"description"`
	State       int            `json:"state"`
	XMLData     *string        `json:"xmlData"`
	PartNumber  string         `json:"PartNumber"`
	Tags        []paSettingOut `json:"tags"`
}

type paProductOut struct {
	ProductID    *string         `json:"productId"`
	NonSerial    bool            `json:"nonSerial"`
	PartNumber   string          `json:"partNumber"`
	Name         *string         `json:"name"`
	Description  *string         `json:"description"`
	State        int             `json:"state"`
	XMLData      *string         `json:"xmlData"`
	CategoryID   *string         `json:"productCategoryId"`
	CategoryName *string         `json:"productCategoryName"`
	Revisions    []paRevisionOut `json:"revisions"`
	Tags         []paSettingOut  `json:"tags"`
}

// paProductView is the list view of GET /api/Product/Query.
type paProductView struct {
	PartNumber string  `json:"partNumber"`
	Name       *string `json:"name"`
	Category   *string `json:"category"`
	NonSerial  bool    `json:"nonSerial"`
	State      int     `json:"state"`
}

type paGroupOut struct {
	ID          int             `json:"id"`
	Name        string          `json:"name"`
	Owner       *string         `json:"owner"`
	Description *string         `json:"description"`
	Type        int             `json:"type"`
	SyncID      *string         `json:"syncId"`
	Details     []paGroupDetOut `json:"details"`
}

type paGroupDetOut struct {
	ID         int     `json:"id"`
	GroupID    int     `json:"productSelectionId"`
	PartNumber string  `json:"partNumber"`
	Revision   *string `json:"revision"`
	ProdSel    int     `json:"prodSel"`
	Exclude    bool    `json:"exclude"`
	OrderNo    int     `json:"orderNo"`
}

// nz is nil for an empty string, as .NET writes a null reference.
func nz(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

func paSettingsOut(tags []paSetting) []paSettingOut {
	out := make([]paSettingOut, 0, len(tags))
	for _, t := range tags {
		var v *string
		if t.Value != nil {
			x := *t.Value
			v = &x
		}
		out = append(out, paSettingOut{Key: t.Key, Value: v})
	}
	return out
}

func (r *paRevision) out() paRevisionOut {
	return paRevisionOut{
		RevisionID: nz(r.RevisionID), ProductID: nz(r.ProductID), Revision: r.Revision, Name: nz(r.Name),
		Description: nz(r.Description), State: r.State, XMLData: nz(r.XMLData), PartNumber: r.PartNumber,
		Tags: paSettingsOut(paTagsFromXML(r.XMLData)),
	}
}

func (p *paProduct) out() paProductOut {
	o := paProductOut{
		ProductID: nz(p.ProductID), NonSerial: p.NonSerial, PartNumber: p.PartNumber, Name: nz(p.Name),
		Description: nz(p.Description), State: p.State, XMLData: nz(p.XMLData), CategoryID: nz(p.CategoryID),
		CategoryName: nz(p.CategoryName), Revisions: make([]paRevisionOut, 0, len(p.Revisions)), Tags: paSettingsOut(paTagsFromXML(p.XMLData)),
	}
	for _, r := range p.Revisions {
		o.Revisions = append(o.Revisions, r.out())
	}
	return o
}

func (g *paGroup) out() paGroupOut {
	o := paGroupOut{ID: g.ID, Name: g.Name, Owner: nz(g.Owner), Description: nz(g.Description), Type: g.Type, SyncID: nz(g.SyncID), Details: []paGroupDetOut{}}
	for _, d := range g.Details {
		o.Details = append(o.Details, paGroupDetOut{ID: d.ID, GroupID: g.ID, PartNumber: d.PartNumber, Revision: nz(d.Revision), Exclude: d.Exclude, OrderNo: d.OrderNo})
	}
	return o
}

// locked wraps a handler of the product store in its lock.
func (s *productState) locked(h HandlerFunc) HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request, p Params) {
		s.mu.Lock()
		defer s.mu.Unlock()
		h(w, r, p)
	}
}

func (e *Emulator) installProduct() {
	s := e.products
	e.handle(http.MethodGet, "/api/Product/Query", s.locked(s.handleQuery))
	e.handle(http.MethodGet, "/api/Product/{partNumber}", s.locked(s.handleGet))
	e.handle(http.MethodGet, "/api/Product/{partNumber}/{revision}", s.locked(s.handleGetRevision))
	e.handle(http.MethodPut, "/api/Product", s.locked(s.handlePut))
	e.handle(http.MethodPut, "/api/Products", s.locked(s.handlePutMany))
	e.handle(http.MethodPut, "/api/Product/Revision", s.locked(s.handlePutRevision))
	e.handle(http.MethodPut, "/api/Products/Revisions", s.locked(s.handlePutRevisions))
	e.handle(http.MethodPut, "/api/Product/BOM", s.locked(s.handlePutWSBF))
	e.handle(http.MethodGet, "/api/Product/ProductGroupsByProduct", s.locked(s.handleGroupsByProduct))
	e.handle(http.MethodPost, "/api/Product/ProductGroupFilter", s.locked(s.handleGroupFilter))
	e.handle(http.MethodGet, "/api/Product/Vendors", s.locked(s.handleVendors))
	e.handle(http.MethodPut, "/api/Product/Vendors", s.locked(s.handlePutVendors))
	e.handle(http.MethodDelete, "/api/Product/Vendors", s.locked(s.handleDeleteVendors))
	e.installProductInternal()
}

func (s *productState) handleQuery(w http.ResponseWriter, _ *http.Request, _ Params) {
	out := make([]paProductView, 0, len(s.order))
	for _, pn := range s.order {
		p := s.products[pn]
		out = append(out, paProductView{PartNumber: p.PartNumber, Name: nz(p.Name), Category: nz(p.CategoryName), NonSerial: p.NonSerial, State: p.State})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *productState) handleGet(w http.ResponseWriter, _ *http.Request, p Params) {
	prod, ok := s.products[p.Get("partNumber")]
	if !ok {
		writeError(w, http.StatusNotFound, "Product '%s' was not found.", p.Get("partNumber"))
		return
	}
	writeJSON(w, http.StatusOK, prod.out())
}

func (s *productState) handleGetRevision(w http.ResponseWriter, _ *http.Request, p Params) {
	_, rev, err := s.findRevision(p.Get("partNumber"), p.Get("revision"))
	if err != nil {
		paWriteError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, rev.out())
}

func (s *productState) handlePut(w http.ResponseWriter, r *http.Request, _ Params) {
	var in paProductIn
	if !readJSON(w, r, &in) {
		return
	}
	p, err := s.upsert(&in)
	if err != nil {
		paWriteError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, p.out())
}

func (s *productState) handlePutMany(w http.ResponseWriter, r *http.Request, _ Params) {
	var in []paProductIn
	if !readJSON(w, r, &in) {
		return
	}
	out := make([]paProductOut, 0, len(in))
	for i := range in {
		p, err := s.upsert(&in[i])
		if err != nil {
			paWriteError(w, fmt.Errorf("products[%d]: %w", i, err))
			return
		}
		out = append(out, p.out())
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *productState) handlePutRevision(w http.ResponseWriter, r *http.Request, _ Params) {
	var in paRevisionIn
	if !readJSON(w, r, &in) {
		return
	}
	rev, err := s.upsertRevision(&in)
	if err != nil {
		paWriteError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, rev.out())
}

func (s *productState) handlePutRevisions(w http.ResponseWriter, r *http.Request, _ Params) {
	var in []paRevisionIn
	if !readJSON(w, r, &in) {
		return
	}
	out := make([]paRevisionOut, 0, len(in))
	for i := range in {
		rev, err := s.upsertRevision(&in[i])
		if err != nil {
			paWriteError(w, fmt.Errorf("productRevisions[%d]: %w", i, err))
			return
		}
		out = append(out, rev.out())
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *productState) handleGroupsByProduct(w http.ResponseWriter, r *http.Request, _ Params) {
	pn, rev := query(r, "partNumber"), query(r, "revision")
	if strings.TrimSpace(pn) == "" {
		writeError(w, http.StatusBadRequest, "The partNumber parameter is required.")
		return
	}
	out := []paGroupOut{}
	for _, g := range s.groups {
		if g.matches(pn, rev) {
			out = append(out, g.out())
		}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *productState) handleGroupFilter(w http.ResponseWriter, r *http.Request, _ Params) {
	group, pn, rev := query(r, "productGroup"), query(r, "partNumber"), query(r, "revision")
	exclude, ok := queryBool(w, r, "exclude", false)
	if !ok {
		return
	}
	if strings.TrimSpace(group) == "" || strings.TrimSpace(pn) == "" {
		writeError(w, http.StatusBadRequest, "The productGroup and partNumber parameters are required.")
		return
	}
	writeJSON(w, http.StatusOK, s.addGroupFilter(group, pn, rev, exclude).out())
}

func (s *productState) handleVendors(w http.ResponseWriter, _ *http.Request, _ Params) {
	writeJSON(w, http.StatusOK, append([]map[string]json.RawMessage{}, s.vendors...))
}

func readVendors(w http.ResponseWriter, r *http.Request) ([]map[string]json.RawMessage, bool) {
	var in []map[string]json.RawMessage
	if !readJSON(w, r, &in) {
		return nil, false
	}
	for i, v := range in {
		if strings.TrimSpace(paVendorName(v)) == "" {
			writeError(w, http.StatusBadRequest, "vendors[%d]: VendorName is required.", i)
			return nil, false
		}
	}
	return in, true
}

func (s *productState) handlePutVendors(w http.ResponseWriter, r *http.Request, _ Params) {
	in, ok := readVendors(w, r)
	if !ok {
		return
	}
	for _, v := range in {
		if i := s.vendorIndex(paVendorName(v)); i >= 0 {
			s.vendors[i] = v
		} else {
			s.vendors = append(s.vendors, v)
		}
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *productState) handleDeleteVendors(w http.ResponseWriter, r *http.Request, _ Params) {
	in, ok := readVendors(w, r)
	if !ok {
		return
	}
	for _, v := range in {
		if s.vendorIndex(paVendorName(v)) < 0 {
			writeError(w, http.StatusNotFound, "Vendor '%s' was not found.", paVendorName(v))
			return
		}
	}
	for _, v := range in {
		i := s.vendorIndex(paVendorName(v))
		s.vendors = append(s.vendors[:i], s.vendors[i+1:]...)
	}
	w.WriteHeader(http.StatusNoContent)
}

func (s *productState) handlePutWSBF(w http.ResponseWriter, r *http.Request, _ Params) {
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
	items := make([]paBomItem, 0, len(doc.Components))
	for _, c := range doc.Components {
		q := 1
		if c.Qty != "" {
			if q, err = strconv.Atoi(strings.TrimSpace(c.Qty)); err != nil || q < 0 {
				writeError(w, http.StatusBadRequest, "component '%s': Qty '%s' is not a non-negative integer", c.Number, c.Qty)
				return
			}
		}
		items = append(items, paBomItem{
			ItemID: prodAssetGUID(), RevisionID: rev.RevisionID, ComponentRef: strings.ReplaceAll(c.Ref, ";", ","),
			PartNumber: c.Number, Description: c.Desc, Quantity: q, Revision: c.Rev,
		})
	}
	rev.bom = items
	w.WriteHeader(http.StatusNoContent)
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
