package wats

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"github.com/watsgo/sdk/internal/transport"
)

// Level is a production level (e.g. "PCBA", "Module").
type Level struct {
	// LevelID identifies the level.
	LevelID int `json:"levelId"`
	// LevelName is the display name.
	LevelName string `json:"levelName"`
}

// ProductGroup is a product group as listed by the App routes.
type ProductGroup struct {
	// ProductGroupID identifies the group.
	ProductGroupID int `json:"productGroupId"`
	// ProductGroupName is the display name.
	ProductGroupName string `json:"productGroupName"`
	// Raw is the whole JSON object as received. With IncludeFilters the
	// server adds filter definitions; the server documents no shape for them,
	// so the SDK keeps them here rather than typing them.
	Raw json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the known fields and keeps the whole object in Raw.
func (g *ProductGroup) UnmarshalJSON(b []byte) error {
	type plain ProductGroup
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	*g = ProductGroup(p)
	g.Raw = append(json.RawMessage(nil), b...)
	return nil
}

// ProductGroupOptions narrows ProductGroups.
type ProductGroupOptions struct {
	// IncludeFilters asks the server to add each group's filter definitions.
	IncludeFilters bool
}

// ServerVersion returns the server's version text, e.g. "24.1.0". The
// answer is accepted as a JSON string or as plain text (the shape is
// undocumented beyond "a string").
//
// WATS API: GET /api/App/Version
func (c *Client) ServerVersion(ctx context.Context) (string, error) {
	return c.serverVersion(ctx, "wats.ServerVersion", false)
}

// Levels lists the production levels.
//
// WATS API: GET /api/App/Levels
func (c *Client) Levels(ctx context.Context) ([]Level, error) {
	var out []Level
	_, err := c.t.Do(ctx, &transport.Request{Op: "wats.Levels", Method: http.MethodGet, Route: "/api/App/Levels", Result: &out})
	return out, err
}

// ProductGroups lists the product groups; opts may be nil.
//
// WATS API: GET /api/App/ProductGroups
func (c *Client) ProductGroups(ctx context.Context, opts *ProductGroupOptions) ([]ProductGroup, error) {
	var q url.Values
	if opts != nil && opts.IncludeFilters {
		q = url.Values{"includeFilters": {strconv.FormatBool(true)}}
	}
	var out []ProductGroup
	_, err := c.t.Do(ctx, &transport.Request{Op: "wats.ProductGroups", Method: http.MethodGet, Route: "/api/App/ProductGroups", Query: q, Result: &out})
	return out, err
}

// rawBody collects a small answer whose shape is not pinned down.
type rawBody struct{ bytes.Buffer }

// version reads a JSON string, or else the trimmed text.
func (r *rawBody) version() string {
	t := bytes.TrimSpace(r.Bytes())
	var s string
	if len(t) > 0 && t[0] == '"' && json.Unmarshal(t, &s) == nil {
		return s
	}
	return string(t)
}
