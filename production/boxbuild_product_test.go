package production_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/product"
	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/wats"
)

// productTemplates adapts the product domain's box-build template read to
// production.TemplateSource: the adapter a user writes (six lines).
func productTemplates(p *product.Service) production.TemplateFunc {
	return func(ctx context.Context, pn, rev string) ([]production.TemplateLine, error) {
		rels, err := p.Internal().Template(ctx, pn, rev)
		lines := make([]production.TemplateLine, 0, len(rels))
		for _, r := range rels {
			lines = append(lines, production.TemplateLine{PartNumber: r.ChildPartNumber, Revision: r.ChildRevision, RevisionMask: r.RevisionMask, Quantity: r.Quantity})
		}
		return lines, err
	}
}

// TestVerifyBoxBuildAgainstProductTemplate reads the template from the
// product domain: products, revisions and relations created through the
// product service, units and children through this one.
func TestVerifyBoxBuildAgainstProductTemplate(t *testing.T) {
	c, _ := apitest.Setup(t, factory()...)
	revs := map[string]*product.Revision{}
	for _, pr := range [][2]string{{"BOX", "A"}, {"PSU", "2.1"}, {"CPU", "1.0"}} {
		_, err := c.Product.Save(ctx(t), product.Product{PartNumber: pr[0]})
		require.NoError(t, err)
		r, err := c.Product.SaveRevision(ctx(t), product.Revision{PartNumber: pr[0], Revision: pr[1]})
		require.NoError(t, err)
		require.NotEmpty(t, r.RevisionID)
		revs[pr[0]] = r
	}
	for _, rel := range []product.NewRelation{
		{ParentRevisionID: revs["BOX"].RevisionID, ChildRevisionID: revs["PSU"].RevisionID, Quantity: 1, RevisionMask: "2.%"},
		{ParentRevisionID: revs["BOX"].RevisionID, ChildRevisionID: revs["CPU"].RevisionID, Quantity: 1},
	} {
		_, err := c.Product.Internal().CreateRelation(ctx(t), rel)
		require.NoError(t, err)
	}
	tmpl := productTemplates(c.Product)

	res, err := c.Production.VerifyBoxBuild(ctx(t), tmpl, "BOX-1", "BOX")
	require.NoError(t, err)
	require.Len(t, res.Template, 2)
	assert.Len(t, res.Problems, 2, "both children missing")

	for _, ch := range [][2]string{{"PSU-1", "PSU"}, {"CPU-1", "CPU"}} {
		require.NoError(t, c.Production.AddChild(ctx(t), ref(ch[0], ch[1]), nil))
	}
	res, err = c.Production.VerifyBoxBuild(ctx(t), tmpl, "BOX-1", "BOX")
	require.NoError(t, err)
	assert.True(t, res.OK(), "%+v", res.Problems)

	_, err = c.Production.VerifyBoxBuild(ctx(t), tmpl, "FAN-1", "FAN")
	require.ErrorIs(t, err, wats.ErrNotFound, "FAN has no product: the template read fails and says so")
}
