package product

import (
	"context"
	"sort"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
)

// SetTags sets key/value tags on a product the way the server expects
// (spec product.md §5): it reads the product, marks new keys ChangeAdd and
// changed values ChangeUpdate, and saves the whole product back. Tags not
// named keep their value; an unchanged product is not saved again.
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
		if strings.TrimSpace(k) == "" {
			v.Add("tags[].key", "required", "tag key is empty")
		}
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	p, err := s.Get(ctx, partNumber)
	if err != nil {
		return nil, err
	}
	if !applyTags(&p.Tags, tags) {
		return p, nil
	}
	return s.Save(ctx, *p)
}

// applyTags edits tags in place with change markers and reports whether
// anything changed. Keys are applied in sorted order for a stable body.
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
				t.Value, t.Change = &val, ChangeUpdate
				changed = true
			}
		}
		if !found {
			*have = append(*have, Setting{Key: k, Value: &val, Change: ChangeAdd})
			changed = true
		}
	}
	return changed
}
