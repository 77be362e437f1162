package product

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// Internal calls the server's internal product routes (/api/internal/Product/...).
// They are unstable server routes used by the WATS web frontend: offered
// for BOM reads, box-build templates and categories, but they may change
// with any server release.
// The transport sends the Referer header they require.
type Internal struct {
	t transport.Doer
}

// ProductInfoRow is one row of a revision's hierarchy:
// HLevel 0 is the requested revision, higher levels are required sub-units.
type ProductInfoRow struct {
	// HLevel is the hierarchy depth (wire name "hlevel").
	HLevel int `json:"hlevel"`
	// RelationID identifies the relation on child rows.
	RelationID string `json:"ProductRevisionRelationId,omitempty"`
	// ParentRevisionID is the parent revision.
	ParentRevisionID string `json:"ParentProductRevisionId,omitempty"`
	// RevisionID is the child revision (the row's own revision at level 0).
	RevisionID string `json:"ProductRevisionId,omitempty"`
	// Quantity is the required count.
	Quantity int `json:"Quantity,omitempty"`
	// RevisionMask lists accepted child revisions.
	RevisionMask string `json:"RevisionMask,omitempty"`
	// PartNumber is the child part number.
	PartNumber string `json:"PartNumber,omitempty"`
	// Revision is the child revision name.
	Revision string `json:"Revision,omitempty"`
}

// NewRelation adds a required sub-unit to a box-build revision (PascalCase on the wire).
type NewRelation struct {
	// ParentRevisionID is the box-build (parent) revision id (required).
	ParentRevisionID string `json:"ParentProductRevisionId"`
	// ChildRevisionID is the sub-unit revision id (required); the wire name
	// ProductRevisionId does not say "child".
	ChildRevisionID string `json:"ProductRevisionId"`
	// Quantity is the required count; 0 sends the default 1.
	Quantity int `json:"Quantity"`
	// RevisionMask lists accepted child revisions, "%" suffix as wildcard.
	RevisionMask string `json:"RevisionMask,omitempty"`
}

// Relation is one line of a box-build template.
type Relation struct {
	// ID is the relation id, assigned by the server.
	ID string
	// ParentRevisionID is the box-build revision.
	ParentRevisionID string
	// ChildRevisionID is the required sub-unit revision.
	ChildRevisionID string
	// Quantity is the required count.
	Quantity int
	// RevisionMask lists accepted child revisions, "%" suffix as wildcard.
	RevisionMask string
	// ChildPartNumber is read from the answer's child revision when the
	// server includes it; never sent.
	ChildPartNumber string
	// ChildRevision is read from the answer's child revision when the
	// server includes it; never sent.
	ChildRevision string
}

// relationWire is the server's ProductRevisionRelation, PascalCase.
type relationWire struct {
	ID           string `json:"ProductRevisionRelationId,omitempty"`
	Parent       string `json:"ParentProductRevisionId"`
	Child        string `json:"ProductRevisionId"`
	Quantity     int    `json:"Quantity"`
	RevisionMask string `json:"RevisionMask,omitempty"`
	ChildRev     *struct {
		Revision string `json:"Revision"`
		Product  *struct {
			PartNumber string `json:"PartNumber"`
		} `json:"Product"`
	} `json:"ChildProductRevision,omitempty"`
}

// MarshalJSON writes the relation members the server reads.
func (r Relation) MarshalJSON() ([]byte, error) {
	return json.Marshal(relationWire{ID: r.ID, Parent: r.ParentRevisionID, Child: r.ChildRevisionID, Quantity: r.Quantity, RevisionMask: r.RevisionMask})
}

// UnmarshalJSON reads the relation and, when present, the child revision's
// name and part number.
func (r *Relation) UnmarshalJSON(b []byte) error {
	var w relationWire
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*r = Relation{ID: w.ID, ParentRevisionID: w.Parent, ChildRevisionID: w.Child, Quantity: w.Quantity, RevisionMask: w.RevisionMask}
	if w.ChildRev != nil {
		r.ChildRevision = w.ChildRev.Revision
		if w.ChildRev.Product != nil {
			r.ChildPartNumber = w.ChildRev.Product.PartNumber
		}
	}
	return nil
}

// Accepts reports whether childRevision satisfies the relation's mask: with
// no mask the revision must equal ChildRevision; otherwise it must equal a
// mask entry or start with an entry's text before a trailing "%". This is
// the SDK's client-side reading of the mask.
func (r Relation) Accepts(childRevision string) bool {
	if strings.TrimSpace(r.RevisionMask) == "" {
		return r.ChildRevision != "" && childRevision == r.ChildRevision
	}
	for _, m := range strings.Split(r.RevisionMask, ",") {
		m = strings.TrimSpace(m)
		if p, ok := strings.CutSuffix(m, "%"); ok {
			if strings.HasPrefix(childRevision, p) {
				return true
			}
		} else if m == childRevision {
			return true
		}
	}
	return false
}

// Category is a product category (PascalCase on the wire).
type Category struct {
	// ID is the category id (wire name "ProductCategoryId"); empty creates one.
	ID string `json:"ProductCategoryId,omitempty"`
	// Name is the category name (required).
	Name string `json:"Name"`
	// Description describes the category.
	Description string `json:"Description,omitempty"`
}

func pnQuery(op, partNumber, revision string, needRev bool) (url.Values, error) {
	v := &errs.ValidationError{Op: op}
	checkPartNumber(v, "partNumber", partNumber, false)
	if needRev && strings.TrimSpace(revision) == "" {
		v.Add("revision", "required", "revision is empty")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	q := url.Values{"partNumber": {partNumber}}
	if needRev {
		q.Set("revision", revision)
	}
	return q, nil
}

// BOM returns the BOM lines of a revision as JSON.
//
// WATS API: GET /api/internal/Product/Bom
func (in *Internal) BOM(ctx context.Context, partNumber, revision string) ([]BomItem, error) {
	const op = "product.Internal.BOM"
	q, err := pnQuery(op, partNumber, revision, true)
	if err != nil {
		return nil, err
	}
	var out []BomItem
	_, err = in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/internal/Product/Bom", Query: q, Result: &out})
	return out, err
}

// PutBOM replaces the BOM lines of a revision; prefer Service.SaveBOM.
//
// WATS API: PUT /api/internal/Product/BOM
func (in *Internal) PutBOM(ctx context.Context, partNumber, revision string, items []BomItem) error {
	const op = "product.Internal.PutBOM"
	q, err := pnQuery(op, partNumber, revision, true)
	if err != nil {
		return err
	}
	v := &errs.ValidationError{Op: op}
	for i, it := range items {
		if strings.TrimSpace(it.PartNumber) == "" {
			v.Add(fmt.Sprintf("[%d].partNumber", i), "required", "component part number is empty")
		}
		if it.Quantity < 0 {
			v.Add(fmt.Sprintf("[%d].quantity", i), "min=0", fmt.Sprintf("quantity %d is negative", it.Quantity))
		}
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	q.Set("format", "json")
	_, err = in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/internal/Product/BOM", Query: q, JSON: nonNil(items)})
	return err
}

// ProductInfo returns the revision's box-build hierarchy as flat rows.
//
// WATS API: GET /api/internal/Product/GetProductInfo
func (in *Internal) ProductInfo(ctx context.Context, partNumber, revision string) ([]ProductInfoRow, error) {
	const op = "product.Internal.ProductInfo"
	q, err := pnQuery(op, partNumber, revision, true)
	if err != nil {
		return nil, err
	}
	var out []ProductInfoRow
	_, err = in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/internal/Product/GetProductInfo", Query: q, Result: &out})
	return out, err
}

// Template returns the box-build template of a revision: the relation rows
// of ProductInfo below level 0.
//
// WATS API: GET /api/internal/Product/GetProductInfo
func (in *Internal) Template(ctx context.Context, partNumber, revision string) ([]Relation, error) {
	rows, err := in.ProductInfo(ctx, partNumber, revision)
	if err != nil {
		return nil, err
	}
	var out []Relation
	for _, r := range rows {
		if r.HLevel <= 0 || r.RelationID == "" {
			continue
		}
		out = append(out, Relation{
			ID: r.RelationID, ParentRevisionID: r.ParentRevisionID, ChildRevisionID: r.RevisionID,
			Quantity: r.Quantity, RevisionMask: r.RevisionMask, ChildPartNumber: r.PartNumber, ChildRevision: r.Revision,
		})
	}
	return out, nil
}

// ProductByPN returns the product object of the internal lookup; the SDK does
// not type it, so the body is returned raw.
//
// WATS API: GET /api/internal/Product/GetProductByPN
func (in *Internal) ProductByPN(ctx context.Context, partNumber string) (json.RawMessage, error) {
	const op = "product.Internal.ProductByPN"
	v := &errs.ValidationError{Op: op}
	checkPartNumber(v, "PN", partNumber, false)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out json.RawMessage
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/internal/Product/GetProductByPN", Query: url.Values{"PN": {partNumber}}, Result: &out})
	if err == nil && len(out) == 0 {
		return nil, notFound(op, fmt.Sprintf("product %q", partNumber))
	}
	return out, err
}

// CreateRelation adds a sub-unit line to a box-build template and returns
// the created relation, whether the server answers one object or all rows.
// It is a POST and therefore never retried.
//
// WATS API: POST /api/internal/Product/PostProductRevisionRelation
func (in *Internal) CreateRelation(ctx context.Context, nr NewRelation) (*Relation, error) {
	const op = "product.Internal.CreateRelation"
	v := &errs.ValidationError{Op: op}
	if strings.TrimSpace(nr.ParentRevisionID) == "" {
		v.Add("ParentProductRevisionId", "required", "parent revision id is empty")
	}
	if strings.TrimSpace(nr.ChildRevisionID) == "" {
		v.Add("ProductRevisionId", "required", "child revision id is empty")
	}
	if nr.ParentRevisionID != "" && strings.EqualFold(nr.ParentRevisionID, nr.ChildRevisionID) {
		v.Add("ProductRevisionId", "nefield=ParentProductRevisionId", "a revision cannot require itself")
	}
	if nr.Quantity < 0 {
		v.Add("Quantity", "min=0", fmt.Sprintf("quantity %d is negative", nr.Quantity))
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	if nr.Quantity == 0 {
		nr.Quantity = 1
	}
	var raw json.RawMessage
	if _, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: "/api/internal/Product/PostProductRevisionRelation", JSON: nr, Result: &raw}); err != nil {
		return nil, err
	}
	return pickRelation(op, raw, nr.ParentRevisionID, nr.ChildRevisionID)
}

// pickRelation reads PI5's answer: one relation, or an array from which the
// row matching parent and child (GUIDs compared case-insensitively) with an
// id is taken.
func pickRelation(op string, raw json.RawMessage, parent, child string) (*Relation, error) {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || string(t) == "null" {
		return nil, fmt.Errorf("%s: server answered without the created relation", op)
	}
	if t[0] == '{' {
		var r Relation
		if err := json.Unmarshal(t, &r); err != nil {
			return nil, fmt.Errorf("%s: decode response: %w", op, err)
		}
		return &r, nil
	}
	var rows []Relation
	if err := json.Unmarshal(t, &rows); err != nil {
		return nil, fmt.Errorf("%s: decode response: %w", op, err)
	}
	for i := range rows {
		r := &rows[i]
		if r.ID != "" && strings.EqualFold(r.ParentRevisionID, parent) && strings.EqualFold(r.ChildRevisionID, child) {
			return r, nil
		}
	}
	return nil, fmt.Errorf("%s: none of the %d relations returned links %s to %s", op, len(rows), parent, child)
}

// UpdateRelation saves a changed relation identified by its ID.
//
// WATS API: PUT /api/internal/Product/PutProductRevisionRelation
func (in *Internal) UpdateRelation(ctx context.Context, r Relation) (*Relation, error) {
	const op = "product.Internal.UpdateRelation"
	v := &errs.ValidationError{Op: op}
	if strings.TrimSpace(r.ID) == "" {
		v.Add("ProductRevisionRelationId", "required", "relation id is empty")
	}
	if strings.TrimSpace(r.ParentRevisionID) == "" {
		v.Add("ParentProductRevisionId", "required", "parent revision id is empty")
	}
	if strings.TrimSpace(r.ChildRevisionID) == "" {
		v.Add("ProductRevisionId", "required", "child revision id is empty")
	}
	if r.Quantity < 0 {
		v.Add("Quantity", "min=0", fmt.Sprintf("quantity %d is negative", r.Quantity))
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out Relation
	if _, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/internal/Product/PutProductRevisionRelation", JSON: r, Result: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteRelation removes a box-build template line.
//
// WATS API: DELETE /api/internal/Product/DeleteProductRevisionRelation
func (in *Internal) DeleteRelation(ctx context.Context, relationID string) error {
	const op = "product.Internal.DeleteRelation"
	if strings.TrimSpace(relationID) == "" {
		return errs.Invalid(op, "productRevisionRelationId", "relation id is empty")
	}
	_, err := in.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodDelete, Route: "/api/internal/Product/DeleteProductRevisionRelation",
		Query: url.Values{"productRevisionRelationId": {relationID}},
	})
	return err
}

// Categories returns every product category.
//
// WATS API: GET /api/internal/Product/GetProductCategories
func (in *Internal) Categories(ctx context.Context) ([]Category, error) {
	var out []Category
	_, err := in.t.Do(ctx, &transport.Request{Op: "product.Internal.Categories", Method: http.MethodGet, Route: "/api/internal/Product/GetProductCategories", Result: &out})
	return out, err
}

// SaveCategories saves the given categories.
//
// WATS API: PUT /api/internal/Product/PutProductCategories
func (in *Internal) SaveCategories(ctx context.Context, cats []Category) error {
	const op = "product.Internal.SaveCategories"
	v := &errs.ValidationError{Op: op}
	for i, c := range cats {
		if strings.TrimSpace(c.Name) == "" {
			v.Add(fmt.Sprintf("[%d].Name", i), "required", "category name is empty")
		}
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	_, err := in.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/internal/Product/PutProductCategories", JSON: nonNil(cats)})
	return err
}
