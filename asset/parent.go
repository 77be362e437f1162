package asset

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/watsgo/sdk/internal/errs"
)

// SetParent makes child a sub-asset of parent (or a top-level asset when
// parent is the zero Ident) the way pyWATS does: it reads both, sets the
// child's parentAssetId and saves the whole child back.
//
// WATS API: GET /api/Asset/{idOrSerialNumber}
// WATS API: PUT /api/Asset
func (s *Service) SetParent(ctx context.Context, child, parent Ident) (*Asset, error) {
	const op = "asset.SetParent"
	v := &errs.ValidationError{Op: op}
	child.check(v)
	if !parent.IsZero() && parent == child {
		v.Add("parentAssetId", "nefield=assetId", "an asset cannot be its own parent")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	c, err := s.Get(ctx, child)
	if err != nil {
		return nil, fmt.Errorf("%s: child: %w", op, err)
	}
	parentID := ""
	if !parent.IsZero() {
		p, err := s.Get(ctx, parent)
		if err != nil {
			return nil, fmt.Errorf("%s: parent: %w", op, err)
		}
		parentID = p.AssetID
	}
	c.ParentAssetID = parentID
	c.ParentSerialNumber = "" // the id decides; a stale serial must not contradict it
	c.Children = nil          // read-only view; not part of the update
	c.Log = nil
	c.Type = nil
	v = &errs.ValidationError{Op: op}
	validateAsset(v, c)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	// Detaching needs an explicit null: an omitted parentAssetId means
	// "unchanged" to an upsert.
	b, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("%s: encode asset: %w", op, err)
	}
	var wire map[string]json.RawMessage
	if err := json.Unmarshal(b, &wire); err != nil {
		return nil, fmt.Errorf("%s: encode asset: %w", op, err)
	}
	if parentID == "" {
		wire["parentAssetId"] = json.RawMessage("null")
	}
	wire["parentSerialNumber"] = json.RawMessage("null")
	return s.put(ctx, op, wire)
}
