package watstest_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/product"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// The product domain's scenarios: every method of c.Product and
// c.Product.Internal(), on part numbers of their own (prefix CS-PRD).
func init() {
	registerSuite("product/products", func(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
		p := c.Product
		saved, err := p.Save(ctx, product.Product{PartNumber: "CS-PRD/1 #a", Name: "Suite board", Description: "d",
			Revisions: []product.Revision{{Revision: "A", Name: "first"}}})
		require.NoError(t, err)
		assert.Regexp(t, "^[0-9a-f-]{36}$", saved.ProductID)
		require.Len(t, saved.Revisions, 1)

		got, err := p.Get(ctx, "CS-PRD/1 #a")
		require.NoError(t, err)
		assert.Equal(t, "Suite board", got.Name)
		_, err = p.Get(ctx, "CS-PRD-missing")
		require.ErrorIs(t, err, wats.ErrNotFound)

		list, err := p.List(ctx)
		require.NoError(t, err)
		found := false
		for _, x := range list {
			found = found || x.PartNumber == "CS-PRD/1 #a"
		}
		assert.True(t, found, "List shows the saved product")

		many, err := p.SaveAll(ctx, []product.Product{{PartNumber: "CS-PRD-2"}, {PartNumber: "CS-PRD-3", NonSerial: true}})
		require.NoError(t, err)
		require.Len(t, many, 2)
		assert.True(t, many[1].NonSerial)

		tagged, err := p.SetTags(ctx, "CS-PRD-2", map[string]string{"family": "suite"})
		require.NoError(t, err)
		require.Len(t, tagged.Tags, 1)
		assert.Equal(t, "suite", *tagged.Tags[0].Value)
	})

	registerSuite("product/revisions", func(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
		p := c.Product
		r, err := p.SaveRevision(ctx, product.Revision{PartNumber: "CS-PRD-2", Revision: "1.0", Name: "one"})
		require.NoError(t, err)
		assert.Regexp(t, "^[0-9a-f-]{36}$", r.RevisionID)
		assert.Equal(t, "CS-PRD-2", r.PartNumber)

		revs, err := p.SaveRevisions(ctx, []product.Revision{{PartNumber: "CS-PRD-2", Revision: "2.0"}, {PartNumber: "CS-PRD-3", Revision: "A"}})
		require.NoError(t, err)
		assert.Len(t, revs, 2)

		got, err := p.GetRevision(ctx, "CS-PRD-2", "1.0")
		require.NoError(t, err)
		assert.Equal(t, "one", got.Name)
		_, err = p.GetRevision(ctx, "CS-PRD-2", "9.9")
		require.ErrorIs(t, err, wats.ErrNotFound)

		nr, created, err := p.GetOrCreateRevision(ctx, "CS-PRD-NEW", "A", &product.Revision{Name: "made"})
		require.NoError(t, err)
		assert.True(t, created)
		assert.Equal(t, "made", nr.Name)
		again, created, err := p.GetOrCreateRevision(ctx, "CS-PRD-NEW", "A", nil)
		require.NoError(t, err)
		assert.False(t, created)
		assert.Equal(t, nr.RevisionID, again.RevisionID)
	})

	registerSuite("product/groups and vendors", func(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
		p := c.Product
		require.NoError(t, p.AddGroupFilter(ctx, "CS-PRD group", &product.GroupFilter{PartNumber: "CS-PRD-2"}))
		require.NoError(t, p.AddGroupFilter(ctx, "CS-PRD group", &product.GroupFilter{PartNumber: "CS-PRD-2", Revision: "2.0", Exclude: true}))
		gs, err := p.ListGroupsByProduct(ctx, "CS-PRD-2", "1.0")
		require.NoError(t, err)
		require.Len(t, gs, 1)
		assert.Equal(t, "CS-PRD group", gs[0].Name)
		gs, err = p.ListGroupsByProduct(ctx, "CS-PRD-2", "2.0")
		require.NoError(t, err)
		assert.Empty(t, gs, "the excluded revision is in no group")

		require.NoError(t, p.SaveVendors(ctx, []product.Vendor{{Name: "CS-PRD Acme"}, {Name: "CS-PRD Globex"}}))
		vs, err := p.ListVendors(ctx)
		require.NoError(t, err)
		names := map[string]bool{}
		for _, v := range vs {
			names[v.Name] = true
		}
		assert.True(t, names["CS-PRD Acme"] && names["CS-PRD Globex"])
		require.NoError(t, p.DeleteVendors(ctx, []product.Vendor{{Name: "CS-PRD Acme"}}))
		vs, err = p.ListVendors(ctx)
		require.NoError(t, err)
		for _, v := range vs {
			assert.NotEqual(t, "CS-PRD Acme", v.Name)
		}
	})

	registerSuite("product/BOM", func(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
		p := c.Product
		require.NoError(t, p.SaveBOM(ctx, &product.BOM{PartNumber: "CS-PRD-2", Revision: "1.0", Components: []product.Component{{PartNumber: "R-1K", Quantity: 3, Refs: []string{"R1", "R2", "R3"}}}}))
		items, err := p.Internal().BOM(ctx, "CS-PRD-2", "1.0")
		require.NoError(t, err)
		require.Len(t, items, 1)
		assert.Equal(t, 3, items[0].Quantity)

		doc := `<BOM xmlns="http://wats.virinco.com/schemas/WATS/wsbf" Partnumber="CS-PRD-2" Revision="2.0"><Component Number="C-1" /></BOM>`
		require.NoError(t, p.UploadBOM(ctx, strings.NewReader(doc)))
		items, err = p.Internal().BOM(ctx, "CS-PRD-2", "2.0")
		require.NoError(t, err)
		require.Len(t, items, 1)
		assert.Equal(t, "C-1", items[0].PartNumber)

		require.NoError(t, p.Internal().PutBOM(ctx, "CS-PRD-2", "2.0", []product.BomItem{{PartNumber: "C-2", Quantity: 2}, {PartNumber: "C-3"}}))
		items, err = p.Internal().BOM(ctx, "CS-PRD-2", "2.0")
		require.NoError(t, err)
		require.Len(t, items, 2)
		assert.Equal(t, 1, items[1].Quantity, "the server defaults the quantity to 1")
	})

	registerSuite("product/internal", func(ctx context.Context, t *testing.T, c *wats.Client, _ *watstest.Server) {
		in := c.Product.Internal()
		parent, err := c.Product.GetRevision(ctx, "CS-PRD-2", "1.0")
		require.NoError(t, err)
		child, err := c.Product.GetRevision(ctx, "CS-PRD-3", "A")
		require.NoError(t, err)

		rel, err := in.CreateRelation(ctx, product.NewRelation{ParentRevisionID: parent.RevisionID, ChildRevisionID: child.RevisionID, Quantity: 2, RevisionMask: "A,B"})
		require.NoError(t, err)
		assert.Regexp(t, "^[0-9a-f-]{36}$", rel.ID)
		assert.Equal(t, "CS-PRD-3", rel.ChildPartNumber)

		rel.Quantity = 3
		upd, err := in.UpdateRelation(ctx, *rel)
		require.NoError(t, err)
		assert.Equal(t, 3, upd.Quantity)

		rows, err := in.ProductInfo(ctx, "CS-PRD-2", "1.0")
		require.NoError(t, err)
		require.Len(t, rows, 2)
		assert.Equal(t, 1, rows[1].HLevel)
		tmpl, err := in.Template(ctx, "CS-PRD-2", "1.0")
		require.NoError(t, err)
		require.Len(t, tmpl, 1)
		assert.True(t, tmpl[0].Accepts("B"))

		require.NoError(t, in.DeleteRelation(ctx, rel.ID))
		tmpl, err = in.Template(ctx, "CS-PRD-2", "1.0")
		require.NoError(t, err)
		assert.Empty(t, tmpl)
		err = in.DeleteRelation(ctx, rel.ID)
		require.True(t, errors.Is(err, wats.ErrNotFound))

		raw, err := in.ProductByPN(ctx, "CS-PRD-2")
		require.NoError(t, err)
		assert.Contains(t, string(raw), `"PartNumber":"CS-PRD-2"`)

		require.NoError(t, in.SaveCategories(ctx, []product.Category{{Name: "CS-PRD boards", Description: "suite"}}))
		cats, err := in.Categories(ctx)
		require.NoError(t, err)
		require.NotEmpty(t, cats)
		assert.Equal(t, "CS-PRD boards", cats[len(cats)-1].Name)
	})
}
