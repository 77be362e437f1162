package watstest

import (
	"net/http"
	"strings"

	"github.com/watsgo/sdk/internal/guid"
)

// The internal product routes (/api/internal/Product/...): JSON BOM,
// revision hierarchy, box-build relations and categories. Their members are
// PascalCase, as the server's internal models are.

type paRelationOut struct {
	ID           string            `json:"ProductRevisionRelationId"`
	Parent       string            `json:"ParentProductRevisionId"`
	Child        string            `json:"ProductRevisionId"`
	Quantity     int               `json:"Quantity"`
	RevisionMask *string           `json:"RevisionMask"`
	ChildRev     *paMesRevisionRef `json:"ChildProductRevision"`
}

// paMesRevisionRef is the part of the internal ProductRevision a relation
// answer carries for its child.
type paMesRevisionRef struct {
	RevisionID string           `json:"ProductRevisionId"`
	ProductID  string           `json:"ProductId"`
	Revision   string           `json:"Revision"`
	Name       *string          `json:"Name"`
	State      int              `json:"State"`
	Product    *paMesProductRef `json:"Product"`
}

type paMesProductRef struct {
	ProductID  string  `json:"ProductId"`
	PartNumber string  `json:"PartNumber"`
	Name       *string `json:"Name"`
	NonSerial  bool    `json:"NonSerial"`
	State      int     `json:"State"`
}

type paCategoryIO struct {
	ID          *string `json:"ProductCategoryId"`
	Name        string  `json:"Name"`
	Description *string `json:"Description"`
}

type paRelationIn struct {
	ID           string `json:"ProductRevisionRelationId"`
	Parent       string `json:"ParentProductRevisionId"`
	Child        string `json:"ProductRevisionId"`
	Quantity     int    `json:"Quantity"`
	RevisionMask string `json:"RevisionMask"`
}

func (s *productState) relationOut(rel *paRelation) paRelationOut {
	o := paRelationOut{ID: rel.ID, Parent: rel.Parent, Child: rel.Child, Quantity: rel.Quantity, RevisionMask: nz(rel.RevisionMask)}
	if p, r := s.revisionByID(rel.Child); r != nil {
		o.ChildRev = &paMesRevisionRef{RevisionID: r.RevisionID, ProductID: p.ProductID, Revision: r.Revision, Name: nz(r.Name), State: r.State,
			Product: &paMesProductRef{ProductID: p.ProductID, PartNumber: p.PartNumber, Name: nz(p.Name), NonSerial: p.NonSerial, State: p.State}}
	}
	return o
}

func (e *Emulator) installProductInternal() {
	s := e.products
	e.handle(http.MethodGet, "/api/internal/Product/Bom", s.locked(s.handleGetBOM))
	e.handle(http.MethodPut, "/api/internal/Product/BOM", s.locked(s.handlePutBOMJSON))
	e.handle(http.MethodGet, "/api/internal/Product/GetProductInfo", s.locked(s.handleProductInfo))
	e.handle(http.MethodGet, "/api/internal/Product/GetProductByPN", s.locked(s.handleProductByPN))
	e.handle(http.MethodPost, "/api/internal/Product/PostProductRevisionRelation", s.locked(s.handlePostRelation))
	e.handle(http.MethodPut, "/api/internal/Product/PutProductRevisionRelation", s.locked(s.handlePutRelation))
	e.handle(http.MethodDelete, "/api/internal/Product/DeleteProductRevisionRelation", s.locked(s.handleDeleteRelation))
	e.handle(http.MethodGet, "/api/internal/Product/GetProductCategories", s.locked(s.handleCategories))
	e.handle(http.MethodPut, "/api/internal/Product/PutProductCategories", s.locked(s.handlePutCategories))
}

func (s *productState) handleGetBOM(w http.ResponseWriter, r *http.Request, _ Params) {
	_, rev, err := s.findRevision(query(r, "partNumber"), query(r, "revision"))
	if err != nil {
		paWriteError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, append([]paBomItem{}, rev.bom...))
}

func (s *productState) handlePutBOMJSON(w http.ResponseWriter, r *http.Request, _ Params) {
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
		if !guid.Valid(items[i].ItemID) {
			items[i].ItemID = prodAssetGUID()
		}
		if items[i].Quantity == 0 {
			items[i].Quantity = 1
		}
		items[i].RevisionID = rev.RevisionID
	}
	rev.bom = items
	writeJSON(w, http.StatusOK, items)
}

type paInfoRow struct {
	HLevel       int     `json:"hlevel"`
	RelationID   *string `json:"ProductRevisionRelationId"`
	Parent       *string `json:"ParentProductRevisionId"`
	RevisionID   string  `json:"ProductRevisionId"`
	Quantity     int     `json:"Quantity"`
	RevisionMask *string `json:"RevisionMask"`
	PartNumber   string  `json:"PartNumber"`
	Revision     string  `json:"Revision"`
}

func (s *productState) handleProductInfo(w http.ResponseWriter, r *http.Request, _ Params) {
	p, rev, err := s.findRevision(query(r, "partNumber"), query(r, "revision"))
	if err != nil {
		paWriteError(w, err)
		return
	}
	rows := []paInfoRow{{HLevel: 0, RevisionID: rev.RevisionID, Quantity: 1, PartNumber: p.PartNumber, Revision: rev.Revision}}
	seen := map[string]bool{}
	var walk func(parent string, level int)
	walk = func(parent string, level int) {
		if seen[parent] {
			return // a cyclic template must not hang the emulator
		}
		seen[parent] = true
		for _, rel := range s.sortedRelations(parent) {
			row := paInfoRow{HLevel: level, RelationID: nz(rel.ID), Parent: nz(rel.Parent), RevisionID: rel.Child, Quantity: rel.Quantity, RevisionMask: nz(rel.RevisionMask)}
			if cp, cr := s.revisionByID(rel.Child); cr != nil {
				row.PartNumber, row.Revision = cp.PartNumber, cr.Revision
			}
			rows = append(rows, row)
			walk(rel.Child, level+1)
		}
	}
	walk(rev.RevisionID, 1)
	writeJSON(w, http.StatusOK, rows)
}

func (s *productState) handleProductByPN(w http.ResponseWriter, r *http.Request, _ Params) {
	pn := query(r, "PN")
	p, ok := s.products[pn]
	if !ok {
		writeError(w, http.StatusNotFound, "Product '%s' was not found.", pn)
		return
	}
	writeJSON(w, http.StatusOK, paMesProductRef{ProductID: p.ProductID, PartNumber: p.PartNumber, Name: nz(p.Name), NonSerial: p.NonSerial, State: p.State})
}

func (s *productState) handlePostRelation(w http.ResponseWriter, r *http.Request, _ Params) {
	var in paRelationIn
	if !readJSON(w, r, &in) {
		return
	}
	if !guid.Valid(in.Parent) || !guid.Valid(in.Child) {
		writeError(w, http.StatusBadRequest, "ParentProductRevisionId and ProductRevisionId must be GUIDs")
		return
	}
	if strings.EqualFold(in.Parent, in.Child) {
		writeError(w, http.StatusBadRequest, "a revision cannot require itself")
		return
	}
	for _, id := range []string{in.Parent, in.Child} {
		if _, rev := s.revisionByID(id); rev == nil {
			writeError(w, http.StatusNotFound, "Product revision '%s' was not found.", id)
			return
		}
	}
	if in.Quantity <= 0 {
		in.Quantity = 1
	}
	rel := &paRelation{ID: prodAssetGUID(), Parent: strings.ToLower(in.Parent), Child: strings.ToLower(in.Child), Quantity: in.Quantity, RevisionMask: in.RevisionMask}
	s.relations[rel.ID] = rel
	out := []paRelationOut{}
	for _, x := range s.sortedRelations(rel.Parent) {
		out = append(out, s.relationOut(x))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *productState) handlePutRelation(w http.ResponseWriter, r *http.Request, _ Params) {
	var in paRelationIn
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
	rel.RevisionMask = in.RevisionMask
	writeJSON(w, http.StatusOK, s.relationOut(rel))
}

func (s *productState) handleDeleteRelation(w http.ResponseWriter, r *http.Request, _ Params) {
	id := strings.ToLower(query(r, "productRevisionRelationId"))
	if _, ok := s.relations[id]; !ok {
		writeError(w, http.StatusNotFound, "Product revision relation '%s' was not found.", id)
		return
	}
	delete(s.relations, id)
	w.WriteHeader(http.StatusNoContent)
}

func (s *productState) handleCategories(w http.ResponseWriter, _ *http.Request, _ Params) {
	out := make([]paCategoryIO, 0, len(s.categories))
	for _, c := range s.categories {
		id := c.ID
		out = append(out, paCategoryIO{ID: &id, Name: c.Name, Description: nz(c.Description)})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *productState) handlePutCategories(w http.ResponseWriter, r *http.Request, _ Params) {
	var in []paCategoryIO
	if !readJSON(w, r, &in) {
		return
	}
	cats := make([]paCategory, 0, len(in))
	for i, c := range in {
		if strings.TrimSpace(c.Name) == "" {
			writeError(w, http.StatusBadRequest, "[%d].Name is required", i)
			return
		}
		id := prodAssetGUID()
		if c.ID != nil && *c.ID != "" {
			n, ok := guid.Normalize(*c.ID)
			if !ok {
				writeError(w, http.StatusBadRequest, "[%d].ProductCategoryId '%s' is not a GUID", i, *c.ID)
				return
			}
			id = n
		}
		desc := ""
		if c.Description != nil {
			desc = *c.Description
		}
		cats = append(cats, paCategory{ID: id, Name: c.Name, Description: desc})
	}
	s.categories = cats
	w.WriteHeader(http.StatusNoContent)
}
