package product_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/product"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func str(s string) *string { return &s }

var widget = product.Product{
	PartNumber: "WIDGET-1", Name: "Widget", Description: "A widget", CategoryName: "Boards",
	Revisions: []product.Revision{{Revision: "A", Name: "first"}, {Revision: "B"}},
	Tags:      []product.Setting{{Key: "family", Value: str("w")}},
}

func TestList(t *testing.T) {
	c, _ := apitest.Setup(t, watstest.WithProducts(widget, product.Product{PartNumber: "GADGET", NonSerial: true, State: product.StateInactive.Ptr()}))
	got, err := c.Product.List(context.Background())
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "WIDGET-1", got[0].PartNumber)
	assert.Equal(t, "Boards", got[0].Category, "PR1 names the category 'category'")
	assert.Empty(t, got[0].Revisions, "the list view has no revisions")
	assert.True(t, got[1].NonSerial)
	require.NotNil(t, got[1].State)
	assert.Equal(t, product.StateInactive, *got[1].State)
}

// TestParameterlessCallsReportAuthErrors gives the calls that take no input
// their error case: a wrong token.
func TestParameterlessCallsReportAuthErrors(t *testing.T) {
	srv := watstest.NewServer()
	defer srv.Close()
	c, err := wats.New(srv.URL(), "wrong-token")
	require.NoError(t, err)
	ctx := context.Background()
	calls := map[string]func() error{
		"List":                func() error { _, err := c.Product.List(ctx); return err },
		"ListVendors":         func() error { _, err := c.Product.ListVendors(ctx); return err },
		"Internal.Categories": func() error { _, err := c.Product.Internal().Categories(ctx); return err },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			apitest.RequireStatus(t, call(), http.StatusUnauthorized, wats.ErrUnauthorized)
		})
	}
}

func TestGet(t *testing.T) {
	c, _ := apitest.Setup(t, watstest.WithProducts(widget))
	p, err := c.Product.Get(context.Background(), "WIDGET-1")
	require.NoError(t, err)
	assert.Equal(t, "A widget", p.Description)
	assert.NotEmpty(t, p.ProductID)
	require.Len(t, p.Revisions, 2)
	assert.NotEmpty(t, p.Revision("A").RevisionID)
	require.Len(t, p.Tags, 1)
	assert.Equal(t, "w", *p.Tags[0].Value)
	assert.Nil(t, p.Revision("Z"))
}

func TestGetErrors(t *testing.T) {
	tests := []struct {
		name, pn, field string
	}{
		{"empty", "", "partNumber"},
		{"blank", "  ", "partNumber"},
		{"collides with Query", "query", "partNumber"},
		{"collides with ProductGroupsByProduct", "productgroupsbyproduct", "partNumber"},
		{"collides with Vendors", "Vendors", "partNumber"},
		{"dot segment", "..", "partNumber"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := apitest.Setup(t)
			_, err := c.Product.Get(context.Background(), tt.pn)
			apitest.RequireValidation(t, err, tt.field)
			apitest.RequireNoRequests(t, srv)
		})
	}
	t.Run("unknown part number is 404", func(t *testing.T) {
		c, _ := apitest.Setup(t)
		_, err := c.Product.Get(context.Background(), "NOPE")
		apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)
	})
}

// TestPartNumberEscaping saves and reads back part numbers that would break
// an unescaped path, and checks what went over the wire.
func TestPartNumberEscaping(t *testing.T) {
	tests := []struct {
		pn, rawPath string
	}{
		{"A/B", "/api/Product/A%2FB"},
		{"PN#1", "/api/Product/PN%231"},
		{"PN 1", "/api/Product/PN%201"},
		{"PN+1", "/api/Product/PN%2B1"},
		{"100%", "/api/Product/100%25"},
		{"a?b=c", "/api/Product/a%3Fb=c"},
		{"Ünï", "/api/Product/%C3%9Cn%C3%AF"},
	}
	for _, tt := range tests {
		t.Run(tt.pn, func(t *testing.T) {
			c, srv := apitest.Setup(t)
			ctx := context.Background()
			_, err := c.Product.Save(ctx, product.Product{PartNumber: tt.pn, Name: "n"})
			require.NoError(t, err)
			srv.ResetRequests()
			got, err := c.Product.Get(ctx, tt.pn)
			require.NoError(t, err)
			assert.Equal(t, tt.pn, got.PartNumber)
			reqs := srv.Requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, tt.rawPath, reqs[0].RawPath)
		})
	}
}

func TestSave(t *testing.T) {
	c, _ := apitest.Setup(t, watstest.WithProducts(widget))
	ctx := context.Background()

	created, err := c.Product.Save(ctx, product.Product{PartNumber: "NEW", Name: "New"})
	require.NoError(t, err)
	assert.NotEmpty(t, created.ProductID)
	require.NotNil(t, created.State)
	assert.Equal(t, product.StateActive, *created.State, "a new product defaults to active")

	// Update: absent fields keep their value, [] revisions deletes nothing,
	// tags (read-only on the server) are not sent and xmlData is their store.
	upd, err := c.Product.Save(ctx, product.Product{
		PartNumber: "WIDGET-1", Name: "Widget v2", State: product.StateInactive.Ptr(),
		Tags:    []product.Setting{{Key: "ignored", Value: str("x")}},
		XMLData: `<Root><owner Value="me" /></Root>`,
	})
	require.NoError(t, err)
	assert.Equal(t, "Widget v2", upd.Name)
	assert.Equal(t, "A widget", upd.Description)
	assert.Len(t, upd.Revisions, 2)
	require.Len(t, upd.Tags, 1)
	assert.Equal(t, "owner", upd.Tags[0].Key)
	assert.Equal(t, "me", *upd.Tags[0].Value)
	assert.Equal(t, product.StateInactive, *upd.State)
}

func TestSaveValidation(t *testing.T) {
	bad := product.State(7)
	tests := []struct {
		name  string
		p     product.Product
		field string
	}{
		{"no part number", product.Product{Name: "x"}, "partNumber"},
		{"bad state", product.Product{PartNumber: "P", State: &bad}, "state"},
		{"revision without name", product.Product{PartNumber: "P", Revisions: []product.Revision{{}}}, "revisions[0].revision"},
		{"revision of another product", product.Product{PartNumber: "P", Revisions: []product.Revision{{Revision: "A", PartNumber: "Q"}}}, "revisions[0].partNumber"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, srv := apitest.Setup(t)
			_, err := c.Product.Save(context.Background(), tt.p)
			apitest.RequireValidation(t, err, tt.field)
			apitest.RequireNoRequests(t, srv)
		})
	}
}

func TestSaveAll(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx := context.Background()
	got, err := c.Product.SaveAll(ctx, []product.Product{{PartNumber: "P1"}, {PartNumber: "P2", Name: "two"}})
	require.NoError(t, err)
	require.Len(t, got, 2)
	assert.Equal(t, "two", got[1].Name)
	list, err := c.Product.List(ctx)
	require.NoError(t, err)
	assert.Len(t, list, 2)

	srv.ResetRequests()
	_, err = c.Product.SaveAll(ctx, []product.Product{{PartNumber: "ok"}, {}})
	apitest.RequireValidation(t, err, "[1].partNumber")
	_, err = c.Product.SaveAll(ctx, nil)
	apitest.RequireValidation(t, err, "products")
	apitest.RequireNoRequests(t, srv)
}

func TestSaveSendsListsAndOmitsUnsetState(t *testing.T) {
	c, srv := apitest.Setup(t)
	_, err := c.Product.Save(context.Background(), product.Product{PartNumber: "P"})
	require.NoError(t, err)
	// The emulator answers with what it stored; check the body shape via a
	// second product whose state must stay untouched by an update without state.
	_, err = c.Product.Save(context.Background(), product.Product{PartNumber: "P", State: product.StateInactive.Ptr()})
	require.NoError(t, err)
	got, err := c.Product.Save(context.Background(), product.Product{PartNumber: "P", Name: "renamed"})
	require.NoError(t, err)
	assert.Equal(t, product.StateInactive, *got.State, "an unset state must not be sent as 0 or 1")
	assert.Len(t, srv.Requests(), 3)
}

func TestRevisionsEndpoints(t *testing.T) {
	c, srv := apitest.Setup(t, watstest.WithProducts(widget))
	ctx := context.Background()

	r, err := c.Product.GetRevision(ctx, "WIDGET-1", "A")
	require.NoError(t, err)
	assert.Equal(t, "first", r.Name)
	assert.Equal(t, "WIDGET-1", r.PartNumber)

	_, err = c.Product.GetRevision(ctx, "WIDGET-1", "Z")
	require.ErrorIs(t, err, wats.ErrNotFound)

	_, err = c.Product.GetRevision(ctx, "NOPE", "A")
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)

	saved, err := c.Product.SaveRevision(ctx, product.Revision{PartNumber: "WIDGET-1", Revision: "C", Description: "third"})
	require.NoError(t, err)
	assert.NotEmpty(t, saved.RevisionID)
	_, err = c.Product.SaveRevision(ctx, product.Revision{PartNumber: "NOPE", Revision: "A"})
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)

	many, err := c.Product.SaveRevisions(ctx, []product.Revision{{PartNumber: "WIDGET-1", Revision: "D"}, {PartNumber: "WIDGET-1", Revision: "A", Name: "renamed"}})
	require.NoError(t, err)
	require.Len(t, many, 2)
	p, err := c.Product.Get(ctx, "WIDGET-1")
	require.NoError(t, err)
	assert.Len(t, p.Revisions, 4)
	assert.Equal(t, "renamed", p.Revision("A").Name)

	srv.ResetRequests()
	_, err = c.Product.SaveRevision(ctx, product.Revision{Revision: "A"})
	apitest.RequireValidation(t, err, "partNumber")
	_, err = c.Product.SaveRevisions(ctx, []product.Revision{{PartNumber: "X"}})
	apitest.RequireValidation(t, err, "[0].revision")
	_, err = c.Product.GetRevision(ctx, "", "A")
	apitest.RequireValidation(t, err, "partNumber")
	_, err = c.Product.GetRevision(ctx, "P", "")
	apitest.RequireValidation(t, err, "revision")
	_, err = c.Product.GetRevision(ctx, "P", "..")
	apitest.RequireValidation(t, err, "revision")
	apitest.RequireNoRequests(t, srv)
}

func TestGetOrCreateRevision(t *testing.T) {
	c, srv := apitest.Setup(t, watstest.WithProducts(widget))
	ctx := context.Background()

	r, created, err := c.Product.GetOrCreateRevision(ctx, "WIDGET-1", "A", nil)
	require.NoError(t, err)
	assert.False(t, created)
	assert.Equal(t, "first", r.Name)

	r, created, err = c.Product.GetOrCreateRevision(ctx, "WIDGET-1", "NEW", &product.Revision{Name: "from template"})
	require.NoError(t, err)
	assert.True(t, created)
	assert.Equal(t, "from template", r.Name)

	r, created, err = c.Product.GetOrCreateRevision(ctx, "BRAND/NEW", "1.0", nil)
	require.NoError(t, err)
	assert.True(t, created)
	assert.Equal(t, "1.0", r.Revision)
	p, err := c.Product.Get(ctx, "BRAND/NEW")
	require.NoError(t, err)
	assert.NotNil(t, p.Revision("1.0"))

	srv.ResetRequests()
	_, _, err = c.Product.GetOrCreateRevision(ctx, "", "A", nil)
	apitest.RequireValidation(t, err, "partNumber")
	_, _, err = c.Product.GetOrCreateRevision(ctx, "X", " ", nil)
	apitest.RequireValidation(t, err, "revision")
	apitest.RequireNoRequests(t, srv)
}

func TestGroups(t *testing.T) {
	c, srv := apitest.Setup(t, watstest.WithProductGroup("Power", "PSU"))
	ctx := context.Background()
	require.NoError(t, c.Product.AddGroupFilter(ctx, "Boards", &product.GroupFilter{PartNumber: "PCBA"}))
	require.NoError(t, c.Product.AddGroupFilter(ctx, "Boards", &product.GroupFilter{PartNumber: "PSU", Revision: "2.%"}))
	require.NoError(t, c.Product.AddGroupFilter(ctx, "Power", &product.GroupFilter{PartNumber: "PSU", Revision: "1.0", Exclude: true}))

	tests := []struct {
		name, pn, rev string
		want          []string
	}{
		{"every revision", "PCBA", "", []string{"Boards"}},
		{"any revision of a product in two groups", "PSU", "", []string{"Power", "Boards"}},
		{"wildcard revision rule", "PSU", "2.1", []string{"Power", "Boards"}},
		{"excluded revision", "PSU", "1.0", nil},
		{"not in any group", "BOX", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			gs, err := c.Product.ListGroupsByProduct(ctx, tt.pn, tt.rev)
			require.NoError(t, err)
			var names []string
			for _, g := range gs {
				names = append(names, g.Name)
				assert.Positive(t, g.ID)
			}
			assert.Equal(t, tt.want, names)
		})
	}
	reqs := srv.RequestsTo(http.MethodPost, "/api/Product/ProductGroupFilter")
	require.NotEmpty(t, reqs)
	q, err := url.ParseQuery(reqs[0].Query)
	require.NoError(t, err)
	assert.Equal(t, "Boards", q.Get("productGroup"))
	assert.Equal(t, "false", q.Get("exclude"))

	srv.ResetRequests()
	_, err = c.Product.ListGroupsByProduct(ctx, "", "")
	apitest.RequireValidation(t, err, "partNumber")
	apitest.RequireValidation(t, c.Product.AddGroupFilter(ctx, "", &product.GroupFilter{PartNumber: "P"}), "productGroup")
	apitest.RequireValidation(t, c.Product.AddGroupFilter(ctx, "G", nil), "partNumber")
	apitest.RequireValidation(t, c.Product.AddGroupFilter(ctx, "G", &product.GroupFilter{}), "partNumber")
	apitest.RequireNoRequests(t, srv)
}

func TestVendors(t *testing.T) {
	c, srv := apitest.Setup(t)
	ctx := context.Background()
	require.NoError(t, c.Product.SaveVendors(ctx, []product.Vendor{{Name: "Acme"}, {Name: "Globex"}}))
	list, err := c.Product.ListVendors(ctx)
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, "Acme", list[0].Name)
	assert.Len(t, srv.RequestsTo(http.MethodPut, "/api/Product/Vendors"), 1, "one PUT carries every vendor")

	require.NoError(t, c.Product.DeleteVendors(ctx, []product.Vendor{{Name: "Acme"}}))
	list, err = c.Product.ListVendors(ctx)
	require.NoError(t, err)
	require.Len(t, list, 1)
	assert.Equal(t, "Globex", list[0].Name)
	err = c.Product.DeleteVendors(ctx, []product.Vendor{{Name: "Acme"}})
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)

	srv.ResetRequests()
	apitest.RequireValidation(t, c.Product.SaveVendors(ctx, []product.Vendor{{}}), "vendors[0].VendorName")
	apitest.RequireValidation(t, c.Product.SaveVendors(ctx, nil), "vendors")
	apitest.RequireValidation(t, c.Product.DeleteVendors(ctx, nil), "vendors")
	apitest.RequireNoRequests(t, srv)
}

func TestVendorKeepsUnknownMembers(t *testing.T) {
	var v product.Vendor
	require.NoError(t, json.Unmarshal([]byte(`{"vendorName":"Acme","email":"a@acme.test"}`), &v))
	assert.Equal(t, "Acme", v.Name, "the name is read in any casing")
	assert.JSONEq(t, `"a@acme.test"`, string(v.Extra["email"]))
	b, err := json.Marshal(v)
	require.NoError(t, err)
	assert.JSONEq(t, `{"VendorName":"Acme","email":"a@acme.test"}`, string(b), "unknown members survive the round trip")
}

func TestXMLDataRoundTrip(t *testing.T) {
	tags := []product.Setting{{Key: "a", Value: str(`x<"&'y`)}, {Key: "b.c-d_1"}, {Key: "ü", Value: str("")}}
	doc := product.RenderXMLData(tags)
	got, err := product.ParseXMLData(doc)
	require.NoError(t, err)
	assert.Equal(t, tags, got)
	_, err = product.ParseXMLData("<Root><a")
	require.Error(t, err)
	for key, want := range map[string]bool{"a": true, "_x": true, "a1.b-c": true, "": false, "1a": false, "a b": false, "xmlKey": false, "a<": false} {
		assert.Equal(t, want, product.ValidTagKey(key), key)
	}
}

func TestGetRevisionEscapesPath(t *testing.T) {
	tests := []struct{ pn, rev, want string }{
		{"A/B", "1.0", "/api/Product/A%2FB/1.0"},
		{"P#1", "rev 2", "/api/Product/P%231/rev%202"},
		{"P", "r/1", "/api/Product/P/r%2F1"},
	}
	for _, tt := range tests {
		t.Run(tt.pn+" "+tt.rev, func(t *testing.T) {
			c, srv := apitest.Setup(t, watstest.WithProducts(product.Product{PartNumber: tt.pn, Revisions: []product.Revision{{Revision: tt.rev, Name: "n"}}}))
			r, err := c.Product.GetRevision(context.Background(), tt.pn, tt.rev)
			require.NoError(t, err)
			assert.Equal(t, tt.rev, r.Revision)
			assert.Equal(t, tt.pn, r.PartNumber)
			reqs := srv.Requests()
			require.Len(t, reqs, 1)
			assert.Equal(t, tt.want, reqs[0].RawPath)
		})
	}
}

func TestUploadAndSaveBOM(t *testing.T) {
	c, srv := apitest.Setup(t, watstest.WithProducts(widget))
	ctx := context.Background()

	doc := `<?xml version="1.0"?><BOM xmlns="http://wats.virinco.com/schemas/WATS/wsbf" Partnumber="WIDGET-1" Revision="A">` +
		`<Component Number="R-10K" Qty="2" Ref="R1;R2"/></BOM>`
	require.NoError(t, c.Product.UploadBOM(ctx, strings.NewReader(doc)))
	items, err := c.Product.Internal().BOM(ctx, "WIDGET-1", "A")
	require.NoError(t, err)
	require.Len(t, items, 1)
	assert.Equal(t, "R-10K", items[0].PartNumber)
	assert.Equal(t, 2, items[0].Quantity)

	err = c.Product.SaveBOM(ctx, &product.BOM{PartNumber: "WIDGET-1", Revision: "B", Components: []product.Component{
		{PartNumber: "C-100N", Revision: "3", Quantity: 4, Refs: []string{"C1", "C2"}},
		{PartNumber: "U-MCU"},
	}})
	require.NoError(t, err)
	items, err = c.Product.Internal().BOM(ctx, "WIDGET-1", "B")
	require.NoError(t, err)
	require.Len(t, items, 2)
	assert.Equal(t, 4, items[0].Quantity)
	assert.Equal(t, 1, items[1].Quantity, "the server defaults a missing Qty to 1")
	for _, r := range srv.Requests() {
		if r.Method == http.MethodPut {
			assert.Equal(t, "application/xml", r.Header.Get("Content-Type"))
		}
	}

	err = c.Product.SaveBOM(ctx, &product.BOM{PartNumber: "NOPE", Revision: "A"})
	apitest.RequireStatus(t, err, http.StatusBadRequest, wats.ErrBadRequest)
	err = c.Product.UploadBOM(ctx, strings.NewReader("<notwsbf/>"))
	apitest.RequireStatus(t, err, http.StatusBadRequest, wats.ErrBadRequest)

	srv.ResetRequests()
	apitest.RequireValidation(t, c.Product.UploadBOM(ctx, nil), "body")
	apitest.RequireValidation(t, c.Product.SaveBOM(ctx, &product.BOM{PartNumber: "P"}), "BOM/@Revision")
	apitest.RequireValidation(t, c.Product.SaveBOM(ctx, &product.BOM{Revision: "A"}), "BOM/@Partnumber")
	apitest.RequireValidation(t, c.Product.SaveBOM(ctx, &product.BOM{PartNumber: "P", Revision: "A", Components: []product.Component{{PartNumber: "x", Quantity: -1}}}), "BOM/Component[0]/@Qty")
	apitest.RequireNoRequests(t, srv)
}

func TestBOMWSBFRoundTrip(t *testing.T) {
	in := &product.BOM{PartNumber: "P&1", Revision: "A<", Description: `"d"`, Components: []product.Component{
		{PartNumber: "C1", Revision: "2", Quantity: 3, Description: "cap", Refs: []string{"C1", "C2"}},
	}}
	var b strings.Builder
	n, err := in.WriteTo(&b)
	require.NoError(t, err)
	assert.Equal(t, int64(b.Len()), n)
	assert.Contains(t, b.String(), `xmlns="http://wats.virinco.com/schemas/WATS/wsbf"`)
	assert.Contains(t, b.String(), `Partnumber="P&amp;1"`)
	assert.Contains(t, b.String(), `Ref="C1;C2"`)
	out, err := product.ParseBOM(strings.NewReader(b.String()))
	require.NoError(t, err)
	assert.Equal(t, in, out)

	_, err = product.ParseBOM(strings.NewReader(`<BOM xmlns="http://wats.virinco.com/schemas/WATS/wsbf" Partnumber="P" Revision="A"><Component Number="x" Qty="two"/></BOM>`))
	require.Error(t, err)
}

func TestSetTags(t *testing.T) {
	c, srv := apitest.Setup(t, watstest.WithProducts(widget))
	ctx := context.Background()
	p, err := c.Product.SetTags(ctx, "WIDGET-1", map[string]string{"family": "w2", "owner": "qa"})
	require.NoError(t, err)
	got := map[string]string{}
	for _, tg := range p.Tags {
		got[tg.Key] = *tg.Value
	}
	assert.Equal(t, map[string]string{"family": "w2", "owner": "qa"}, got)
	assert.Equal(t, `<Root><family Value="w2" /><owner Value="qa" /></Root>`, p.XMLData, "tags are written as xmlData")
	assert.Equal(t, "A widget", p.Description, "the rest of the product is kept")

	srv.ResetRequests()
	_, err = c.Product.SetTags(ctx, "WIDGET-1", map[string]string{"owner": "qa"})
	require.NoError(t, err)
	assert.Len(t, srv.Requests(), 1, "nothing changed: no PUT")

	_, err = c.Product.SetTags(ctx, "NOPE", map[string]string{"a": "b"})
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)
	srv.ResetRequests()
	_, err = c.Product.SetTags(ctx, "WIDGET-1", nil)
	apitest.RequireValidation(t, err, "tags")
	_, err = c.Product.SetTags(ctx, "WIDGET-1", map[string]string{"": "x"})
	apitest.RequireValidation(t, err, "tags[].key")
	_, err = c.Product.SetTags(ctx, "WIDGET-1", map[string]string{"two words": "x"})
	apitest.RequireValidation(t, err, "tags[].key")
	apitest.RequireNoRequests(t, srv)
}

// TestGetEmptyAnswerIsNotFound covers the other not-found form the spec
// allows: 2xx with an empty body.
func TestGetEmptyAnswerIsNotFound(t *testing.T) {
	c, srv := apitest.Setup(t)
	srv.Inject(watstest.Fault{Method: http.MethodGet, Path: "/api/Product/", Status: http.StatusOK, Body: "null"})
	_, err := c.Product.Get(context.Background(), "GHOST")
	require.ErrorIs(t, err, wats.ErrNotFound)
	assert.Contains(t, err.Error(), `"GHOST"`)
}
