package product

import (
	"bytes"
	"encoding/json"
)

// State is the lifecycle state of a product or revision (integer on the wire).
type State int

// Product states.
const (
	StateInactive State = 0
	StateActive   State = 1
)

// Ptr returns a pointer to s, for the optional State fields.
func (s State) Ptr() *State { return &s }

func (s *State) valid() bool { return s == nil || *s == StateInactive || *s == StateActive }

// ChangeType marks how a tag was edited when it is written back.
type ChangeType int

// Tag change markers. ChangeDelete (3) is the SDK's choice of
// value; pyWATS never sends it.
const (
	ChangeNone   ChangeType = 0
	ChangeAdd    ChangeType = 1
	ChangeUpdate ChangeType = 2
	ChangeDelete ChangeType = 3
)

// Setting is one key/value tag of a product, revision or asset.
type Setting struct {
	// Key is the tag name (required).
	Key string `json:"key"`
	// Value is the tag value; nil means null on the wire.
	Value *string `json:"value,omitempty"`
	// Change marks the edit when writing; the server sends 0 or omits it.
	Change ChangeType `json:"change,omitempty"`
}

// Product is a product identified by its part number .
// List calls fill only PartNumber, Name, Category, NonSerial and State.
type Product struct {
	// PartNumber is the key of the product (required).
	PartNumber string `json:"partNumber"`
	// Name is the display name.
	Name string `json:"name,omitempty"`
	// Description is only filled by Get.
	Description string `json:"description,omitempty"`
	// NonSerial is true for products without serialised units. It is always
	// sent, as pyWATS does, so update a non-serial product starting from Get.
	NonSerial bool `json:"nonSerial"`
	// State is the product state; nil leaves it unchanged on update and
	// lets the server default it (Active) on create.
	State *State `json:"state,omitempty"`
	// ProductID is assigned by the server.
	ProductID string `json:"productId,omitempty"`
	// XMLData is the server-side XML document behind Tags.
	XMLData string `json:"xmlData,omitempty"`
	// CategoryID is the product category's id.
	CategoryID string `json:"productCategoryId,omitempty"`
	// CategoryName is the category name from Get.
	CategoryName string `json:"productCategoryName,omitempty"`
	// Category is the category name as List reports it; it is not sent on
	// save (use CategoryID).
	Category string `json:"category,omitempty"`
	// Revisions is filled by Get; saving an empty list keeps existing revisions.
	Revisions []Revision `json:"revisions,omitempty"`
	// Tags are the product's key/value tags, the server's read-only JSON
	// view of XMLData: they are never sent (SetTags writes XMLData).
	Tags []Setting `json:"tags,omitempty"`
}

// Revision finds the revision named rev in p.Revisions (nil when absent).
func (p *Product) Revision(rev string) *Revision {
	for i := range p.Revisions {
		if p.Revisions[i].Revision == rev {
			return &p.Revisions[i]
		}
	}
	return nil
}

// Revision is one revision of a product .
type Revision struct {
	// Revision is the revision name (required).
	Revision string `json:"revision"`
	// Name is the display name.
	Name string `json:"name,omitempty"`
	// Description describes the revision.
	Description string `json:"description,omitempty"`
	// State is the revision state; nil leaves it unchanged on update and
	// lets the server default it (Active) on create.
	State *State `json:"state,omitempty"`
	// RevisionID is assigned by the server; box-build relations need it.
	RevisionID string `json:"productRevisionId,omitempty"`
	// ProductID is the parent product's id.
	ProductID string `json:"productId,omitempty"`
	// XMLData is the server-side XML document behind Tags.
	XMLData string `json:"xmlData,omitempty"`
	// PartNumber names the parent product; required when saving (wire
	// name "PartNumber", capitalised as the server writes it).
	PartNumber string `json:"PartNumber,omitempty"`
	// Tags are the revision's key/value tags, the read-only JSON view of
	// XMLData: they are never sent.
	Tags []Setting `json:"tags,omitempty"`
}

// Vendor is a supplier record, keyed by its name. Members the server sends
// beyond VendorName are kept in Extra and written back unchanged.
type Vendor struct {
	// Name is the vendor name (wire name "VendorName"; required).
	Name string
	// Extra holds the remaining members by wire name.
	Extra map[string]json.RawMessage
}

// MarshalJSON writes VendorName and every Extra member.
func (v Vendor) MarshalJSON() ([]byte, error) {
	m := make(map[string]any, len(v.Extra)+1)
	for k, raw := range v.Extra {
		m[k] = raw
	}
	m["VendorName"] = v.Name
	return json.Marshal(m)
}

// UnmarshalJSON reads VendorName in any casing and keeps the rest in Extra.
func (v *Vendor) UnmarshalJSON(b []byte) error {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*v = Vendor{}
	for k, raw := range m {
		if equalFold(k, "VendorName") {
			if err := unmarshalString(raw, &v.Name); err != nil {
				return err
			}
			continue
		}
		if v.Extra == nil {
			v.Extra = map[string]json.RawMessage{}
		}
		v.Extra[k] = raw
	}
	return nil
}

// unmarshalString accepts a JSON string, null, or a number/GUID written bare.
func unmarshalString(raw json.RawMessage, dst *string) error {
	t := bytes.TrimSpace(raw)
	if len(t) == 0 || string(t) == "null" {
		return nil
	}
	if t[0] == '"' {
		return json.Unmarshal(t, dst)
	}
	*dst = string(t)
	return nil
}

func equalFold(a, b string) bool { return bytes.EqualFold([]byte(a), []byte(b)) }

// BomItem is one BOM line as the internal BOM endpoints carry it. Decoding
// accepts camelCase and PascalCase names.
type BomItem struct {
	// ItemID is the line's id.
	ItemID string `json:"bomItemId,omitempty"`
	// RevisionID is the owning product revision.
	RevisionID string `json:"productRevisionId,omitempty"`
	// ComponentRef lists reference designators, e.g. "R1".
	ComponentRef string `json:"componentRef,omitempty"`
	// PartNumber is the component part number.
	PartNumber string `json:"partNumber,omitempty"`
	// Description describes the component.
	Description string `json:"description,omitempty"`
	// Quantity is the count per unit (server default 1).
	Quantity int `json:"quantity,omitempty"`
	// Manufacturer names the component maker.
	Manufacturer string `json:"manufacturer,omitempty"`
	// ManufacturerPN is the maker's part number.
	ManufacturerPN string `json:"manufacturerPn,omitempty"`
	// Vendor names the supplier.
	Vendor string `json:"vendor,omitempty"`
	// VendorPN is the supplier's part number.
	VendorPN string `json:"vendorPn,omitempty"`
}

// UnmarshalJSON accepts the alias compRef for componentRef, as pyWATS does.
func (b *BomItem) UnmarshalJSON(data []byte) error {
	type plain BomItem
	var aux struct {
		plain
		CompRef string `json:"compRef"`
	}
	if err := json.Unmarshal(data, &aux); err != nil {
		return err
	}
	*b = BomItem(aux.plain)
	if b.ComponentRef == "" {
		b.ComponentRef = aux.CompRef
	}
	return nil
}
