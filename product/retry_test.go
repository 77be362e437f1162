package product_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/product"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// unavailableOnce fails the next request to method+path with 503.
func unavailableOnce(srv *watstest.Server, method, path string) {
	srv.Inject(watstest.Fault{Method: method, Path: path, Status: http.StatusServiceUnavailable, RetryAfter: "0"})
}

func count(srv *watstest.Server, method, path string) int {
	n := 0
	for _, r := range srv.Requests() {
		if r.Method == method && r.Path == path {
			n++
		}
	}
	return n
}

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
		{"DELETE vendor", http.MethodDelete, "/api/Product/Vendors/v1", func(c *wats.Client) error {
			v, err := c.Product.SaveVendor(ctx, product.Vendor{Name: "Acme"})
			if err != nil {
				return err
			}
			return c.Product.DeleteVendor(ctx, v.VendorID)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, srv := setup(t, watstest.WithProducts(widget))
			c := fastRetry(t, srv)
			path := tt.path
			if tt.method == http.MethodDelete {
				path = "/api/Product/Vendors/"
			}
			unavailableOnce(srv, tt.method, path)
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
	c, srv := setup(t, boxBuild())
	ctx := context.Background()
	box, psu := revID(t, c, "BOX", "1"), revID(t, c, "PSU", "1")
	const path = "/api/internal/Product/PostProductRevisionRelation"
	unavailableOnce(srv, http.MethodPost, path)
	_, err := c.Product.Internal().CreateRelation(ctx, product.NewRelation{ParentRevisionID: box, ChildRevisionID: psu})
	requireStatus(t, err, http.StatusServiceUnavailable, wats.ErrServer)
	assert.Equal(t, 1, count(srv, http.MethodPost, path), "a POST is sent once")
	tmpl, err := c.Product.Internal().Template(ctx, "BOX", "1")
	require.NoError(t, err)
	assert.Empty(t, tmpl)
}

// fastRetry is a client on srv whose retries wait at most a few milliseconds.
func fastRetry(t *testing.T, srv *watstest.Server) *wats.Client {
	t.Helper()
	c, err := wats.New(srv.URL(), srv.Token(), wats.WithRetry(3, time.Millisecond, 5*time.Millisecond))
	require.NoError(t, err)
	return c
}

// TestStreamedBOMIsNotResent: a WSBF document streamed from a plain reader
// cannot be rewound, so even the idempotent PUT is tried once.
func TestStreamedBOMIsNotResent(t *testing.T) {
	_, srv := setup(t, watstest.WithProducts(widget))
	c := fastRetry(t, srv)
	unavailableOnce(srv, http.MethodPut, "/api/Product/BOM")
	doc := io.MultiReader(strings.NewReader(`<BOM xmlns="http://wats.virinco.com/schemas/WATS/wsbf" Partnumber="WIDGET-1" Revision="A">`), strings.NewReader(`</BOM>`))
	err := c.Product.UploadBOM(context.Background(), doc)
	requireStatus(t, err, http.StatusServiceUnavailable, wats.ErrServer)
	assert.Equal(t, 1, count(srv, http.MethodPut, "/api/Product/BOM"))
}
