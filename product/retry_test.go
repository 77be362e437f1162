package product_test

import (
	"context"
	"io"
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

func TestIdempotentCallsAreRetried(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name, method, path string
		call               func(c *wats.Client) error
	}{
		{"GET product", http.MethodGet, "/api/Product/WIDGET-1", func(c *wats.Client) error {
			_, err := c.Product.Get(ctx, "WIDGET-1")
			return err
		}},
		{"PUT product", http.MethodPut, "/api/Product", func(c *wats.Client) error {
			_, err := c.Product.Save(ctx, product.Product{PartNumber: "WIDGET-1", Name: "again"})
			return err
		}},
		{"PUT WSBF BOM", http.MethodPut, "/api/Product/BOM", func(c *wats.Client) error {
			return c.Product.SaveBOM(ctx, &product.BOM{PartNumber: "WIDGET-1", Revision: "A", Components: []product.Component{{PartNumber: "R1"}}})
		}},
		{"DELETE vendors", http.MethodDelete, "/api/Product/Vendors", func(c *wats.Client) error {
			if err := c.Product.SaveVendors(ctx, []product.Vendor{{Name: "Acme"}}); err != nil {
				return err
			}
			return c.Product.DeleteVendors(ctx, []product.Vendor{{Name: "Acme"}})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, srv := apitest.Setup(t, watstest.WithProducts(widget))
			c := apitest.NewClient(t, srv, apitest.FastRetry())
			apitest.UnavailableOnce(srv, tt.method, tt.path)
			require.NoError(t, tt.call(c))
			n := 0
			for _, r := range srv.Requests() {
				if r.Method == tt.method {
					n++
				}
			}
			assert.Equal(t, 2, n, "one failed attempt and one retry")
		})
	}
}

func TestPostIsNotRetried(t *testing.T) {
	c, srv := apitest.Setup(t, boxBuild())
	ctx := context.Background()
	box, psu := revID(t, c, "BOX", "1"), revID(t, c, "PSU", "1")
	const path = "/api/internal/Product/PostProductRevisionRelation"
	apitest.UnavailableOnce(srv, http.MethodPost, path)
	_, err := c.Product.Internal().CreateRelation(ctx, product.NewRelation{ParentRevisionID: box, ChildRevisionID: psu})
	apitest.RequireStatus(t, err, http.StatusServiceUnavailable, wats.ErrServer)
	assert.Equal(t, 1, apitest.Count(srv, http.MethodPost, path), "a POST is sent once")
	tmpl, err := c.Product.Internal().Template(ctx, "BOX", "1")
	require.NoError(t, err)
	assert.Empty(t, tmpl)
}

// TestStreamedBOMIsNotResent: a WSBF document streamed from a plain reader
// cannot be rewound, so even the idempotent PUT is tried once.
func TestStreamedBOMIsNotResent(t *testing.T) {
	_, srv := apitest.Setup(t, watstest.WithProducts(widget))
	c := apitest.NewClient(t, srv, apitest.FastRetry())
	apitest.UnavailableOnce(srv, http.MethodPut, "/api/Product/BOM")
	doc := io.MultiReader(strings.NewReader(`<BOM xmlns="http://wats.virinco.com/schemas/WATS/wsbf" Partnumber="WIDGET-1" Revision="A">`), strings.NewReader(`</BOM>`))
	err := c.Product.UploadBOM(context.Background(), doc)
	apitest.RequireStatus(t, err, http.StatusServiceUnavailable, wats.ErrServer)
	assert.Equal(t, 1, apitest.Count(srv, http.MethodPut, "/api/Product/BOM"))
}
