package product_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/product"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func boxBuild() watstest.Option {
	return watstest.WithProducts(
		product.Product{PartNumber: "BOX", Revisions: []product.Revision{{Revision: "1"}}},
		product.Product{PartNumber: "PCBA", Revisions: []product.Revision{{Revision: "A"}, {Revision: "B"}}},
		product.Product{PartNumber: "PSU", Revisions: []product.Revision{{Revision: "1"}}},
	)
}

func revID(t *testing.T, c *wats.Client, pn, rev string) string {
	t.Helper()
	r, err := c.Product.GetRevision(context.Background(), pn, rev)
	require.NoError(t, err)
	require.NotEmpty(t, r.RevisionID)
	return r.RevisionID
}

func TestInternalSendsReferer(t *testing.T) {
	c, srv := apitest.Setup(t, boxBuild())
	_, err := c.Product.Internal().ProductInfo(context.Background(), "BOX", "1")
	require.NoError(t, err)
	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	assert.NotEmpty(t, reqs[0].Header.Get("Referer"))
}

func TestBoxBuildTemplate(t *testing.T) {
	c, srv := apitest.Setup(t, boxBuild())
	ctx := context.Background()
	in := c.Product.Internal()
	box, pcba, psu := revID(t, c, "BOX", "1"), revID(t, c, "PCBA", "A"), revID(t, c, "PSU", "1")

	rel, err := in.CreateRelation(ctx, product.NewRelation{ParentRevisionID: strings.ToUpper(box), ChildRevisionID: pcba, RevisionMask: "A,B%"})
	require.NoError(t, err)
	require.NotEmpty(t, rel.ID)
	assert.Equal(t, 1, rel.Quantity, "quantity defaults to 1")
	_, err = in.CreateRelation(ctx, product.NewRelation{ParentRevisionID: box, ChildRevisionID: psu, Quantity: 2})
	require.NoError(t, err)

	rows, err := in.ProductInfo(ctx, "BOX", "1")
	require.NoError(t, err)
	require.Len(t, rows, 3)
	assert.Equal(t, 0, rows[0].HLevel)
	assert.Equal(t, "BOX", rows[0].PartNumber)

	tmpl, err := in.Template(ctx, "BOX", "1")
	require.NoError(t, err)
	require.Len(t, tmpl, 2)
	byPN := map[string]product.Relation{}
	for _, r := range tmpl {
		byPN[r.ChildPartNumber] = r
	}
	assert.Equal(t, 2, byPN["PSU"].Quantity)
	assert.True(t, byPN["PCBA"].Accepts("B7"))
	assert.False(t, byPN["PCBA"].Accepts("C"))

	upd := byPN["PSU"]
	upd.Quantity = 3
	got, err := in.UpdateRelation(ctx, upd)
	require.NoError(t, err)
	assert.Equal(t, 3, got.Quantity)

	require.NoError(t, in.DeleteRelation(ctx, byPN["PCBA"].ID))
	tmpl, err = in.Template(ctx, "BOX", "1")
	require.NoError(t, err)
	require.Len(t, tmpl, 1)
	assert.Equal(t, "PSU", tmpl[0].ChildPartNumber)

	// Server-side errors.
	_, err = in.CreateRelation(ctx, product.NewRelation{ParentRevisionID: box, ChildRevisionID: "00000000-0000-0000-0000-000000000001"})
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)
	err = in.DeleteRelation(ctx, byPN["PCBA"].ID)
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)
	_, err = in.UpdateRelation(ctx, product.Relation{ID: "00000000-0000-0000-0000-000000000002", ParentRevisionID: box, ChildRevisionID: psu})
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)
	_, err = in.ProductInfo(ctx, "BOX", "9")
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)

	// Validation before I/O.
	srv.ResetRequests()
	_, err = in.CreateRelation(ctx, product.NewRelation{ChildRevisionID: psu})
	apitest.RequireValidation(t, err, "ParentProductRevisionId")
	_, err = in.CreateRelation(ctx, product.NewRelation{ParentRevisionID: box, ChildRevisionID: box})
	apitest.RequireValidation(t, err, "ProductRevisionId")
	_, err = in.CreateRelation(ctx, product.NewRelation{ParentRevisionID: box, ChildRevisionID: psu, Quantity: -1})
	apitest.RequireValidation(t, err, "Quantity")
	_, err = in.UpdateRelation(ctx, product.Relation{ParentRevisionID: box, ChildRevisionID: psu})
	apitest.RequireValidation(t, err, "ProductRevisionRelationId")
	apitest.RequireValidation(t, in.DeleteRelation(ctx, " "), "productRevisionRelationId")
	_, err = in.ProductInfo(ctx, "", "1")
	apitest.RequireValidation(t, err, "partNumber")
	apitest.RequireNoRequests(t, srv)
}

// TestCreateRelationSingleObject covers the other answer shape PI5 may have.
func TestCreateRelationSingleObject(t *testing.T) {
	c, srv := apitest.Setup(t)
	srv.Inject(watstest.Fault{Method: http.MethodPost, Path: "/api/internal/Product/PostProductRevisionRelation", Status: http.StatusOK,
		Body: `{"ProductRevisionRelationId":"r1","ParentProductRevisionId":"p","ProductRevisionId":"c","Quantity":1,"SomethingNew":true}`})
	rel, err := c.Product.Internal().CreateRelation(context.Background(), product.NewRelation{ParentRevisionID: "p", ChildRevisionID: "c"})
	require.NoError(t, err)
	assert.Equal(t, "r1", rel.ID)

	srv.Inject(watstest.Fault{Method: http.MethodPost, Path: "/api/internal/Product/PostProductRevisionRelation", Status: http.StatusOK,
		Body: `[{"ProductRevisionRelationId":"r9","ParentProductRevisionId":"x","ProductRevisionId":"y"}]`})
	_, err = c.Product.Internal().CreateRelation(context.Background(), product.NewRelation{ParentRevisionID: "p", ChildRevisionID: "c"})
	require.ErrorContains(t, err, "none of the 1 relations")
}

func TestRelationAccepts(t *testing.T) {
	tests := []struct {
		mask, child, rev string
		want             bool
	}{
		{"", "A", "A", true},
		{"", "A", "B", false},
		{"", "", "A", false},
		{"1.0,2.%", "", "2.3", true},
		{"1.0,2.%", "", "1.0", true},
		{"1.0,2.%", "", "1.1", false},
		{" %", "", "anything", true},
	}
	for _, tt := range tests {
		r := product.Relation{RevisionMask: tt.mask, ChildRevision: tt.child}
		assert.Equal(t, tt.want, r.Accepts(tt.rev), "mask %q child %q rev %q", tt.mask, tt.child, tt.rev)
	}
}

func TestInternalBOM(t *testing.T) {
	c, srv := apitest.Setup(t, boxBuild())
	ctx := context.Background()
	in := c.Product.Internal()
	require.NoError(t, in.PutBOM(ctx, "PCBA", "A", []product.BomItem{{PartNumber: "R1", ComponentRef: "R1", Quantity: 2, Manufacturer: "Yageo", ManufacturerPN: "RC0603"}}))
	items, err := in.BOM(ctx, "PCBA", "A")
	require.NoError(t, err)
	require.Len(t, items, 1)
	assert.Equal(t, "RC0603", items[0].ManufacturerPN)
	assert.NotEmpty(t, items[0].RevisionID)

	err = in.PutBOM(ctx, "PCBA", "Z", nil)
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)
	_, err = in.BOM(ctx, "NOPE", "A")
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)

	srv.ResetRequests()
	apitest.RequireValidation(t, in.PutBOM(ctx, "PCBA", "A", []product.BomItem{{Quantity: -1}}), "[0].quantity")
	apitest.RequireValidation(t, in.PutBOM(ctx, "", "A", nil), "partNumber")
	_, err = in.BOM(ctx, "PCBA", "")
	apitest.RequireValidation(t, err, "revision")
	apitest.RequireNoRequests(t, srv)
}

func TestBomItemDecodesPascalCaseAndCompRef(t *testing.T) {
	var items []product.BomItem
	require.NoError(t, jsonUnmarshal(`[{"BomItemId":"1","PartNumber":"X","Quantity":3,"ManufacturerPn":"M"},{"compRef":"R5","partNumber":"Y"}]`, &items))
	require.Len(t, items, 2)
	assert.Equal(t, "X", items[0].PartNumber)
	assert.Equal(t, 3, items[0].Quantity)
	assert.Equal(t, "M", items[0].ManufacturerPN)
	assert.Equal(t, "R5", items[1].ComponentRef)
}

func TestProductByPN(t *testing.T) {
	c, srv := apitest.Setup(t, boxBuild())
	ctx := context.Background()
	raw, err := c.Product.Internal().ProductByPN(ctx, "PCBA")
	require.NoError(t, err)
	assert.Contains(t, string(raw), `"PartNumber":"PCBA"`)
	_, err = c.Product.Internal().ProductByPN(ctx, "NOPE")
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)
	srv.ResetRequests()
	_, err = c.Product.Internal().ProductByPN(ctx, "")
	apitest.RequireValidation(t, err, "PN")
	apitest.RequireNoRequests(t, srv)
}

func TestCategories(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx := context.Background()
	in := c.Product.Internal()
	require.NoError(t, in.SaveCategories(ctx, []product.Category{{Name: "Boards", Description: "PCBAs"}}))
	cats, err := in.Categories(ctx)
	require.NoError(t, err)
	require.Len(t, cats, 1)
	assert.Equal(t, "Boards", cats[0].Name)
	assert.Regexp(t, "^[0-9a-f-]{36}$", cats[0].ID, "the server assigns a lower-case GUID")

	err = in.SaveCategories(ctx, []product.Category{{ID: "not-a-guid", Name: "x"}})
	apitest.RequireStatus(t, err, http.StatusBadRequest, wats.ErrBadRequest)
	srv.ResetRequests()
	apitest.RequireValidation(t, in.SaveCategories(ctx, []product.Category{{}}), "[0].Name")
	apitest.RequireNoRequests(t, srv)
}
