package product

import (
	"context"
	"fmt"
	"sort"

	"github.com/watsgo/sdk/internal/errs"
)

// SetTags sets key/value tags on a product: it reads the product, changes
// the named keys in its XMLData (the server's store behind the read-only
// Tags) and saves the product back. Keys not named keep their value; an
// unchanged product is not saved again.
//
// WATS API: GET /api/Product/{partNumber}
// WATS API: PUT /api/Product
func (s *Service) SetTags(ctx context.Context, partNumber string, tags map[string]string) (*Product, error) {
	const op = "product.SetTags"
	v := &errs.ValidationError{Op: op}
	checkPartNumber(v, "partNumber", partNumber, true)
	if len(tags) == 0 {
		v.Add("tags", "min=1", "no tags given")
	}
	for k := range tags {
		if !ValidTagKey(k) {
			v.Add("tags[].key", "xmlname", fmt.Sprintf("tag key %q is not an XML element name", k))
		}
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	p, err := s.Get(ctx, partNumber)
	if err != nil {
		return nil, err
	}
	have, err := ParseXMLData(p.XMLData)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	if p.XMLData == "" {
		have = append(have, p.Tags...)
	}
	if !applyTags(&have, tags) {
		return p, nil
	}
	p.XMLData = RenderXMLData(have)
	return s.Save(ctx, *p)
}

// applyTags edits tags in place and reports whether anything changed. Keys
// are applied in sorted order for a stable document.
func applyTags(have *[]Setting, want map[string]string) bool {
	keys := make([]string, 0, len(want))
	for k := range want {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	changed := false
	for _, k := range keys {
		val := want[k]
		found := false
		for i := range *have {
			t := &(*have)[i]
			if t.Key != k {
				continue
			}
			found = true
			if t.Value == nil || *t.Value != val {
				t.Value = &val
				changed = true
			}
		}
		if !found {
			*have = append(*have, Setting{Key: k, Value: &val})
			changed = true
		}
	}
	return changed
}
