package production_test

import (
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/internal/apitest"
	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func barcodeRules() watstest.Option {
	return watstest.WithBarcodeIdentifiers(
		watstest.BarcodeRule{Pattern: `(?<partNumber>[A-Z]+)-(?<revision>\d+\.\d+)-(?<serialNumber>\d+)`, Order: 2},
		watstest.BarcodeRule{Pattern: `SN:([^;]+);PN:([^;]+)(?:;B:(.*))?`, SerialNumber: "$1", PartNumber: "$2", BatchNumber: "$3", Process: "Final test", Order: 1},
	)
}

func TestIdentifyBarcode(t *testing.T) {
	c, srv := apitest.Setup(t, barcodeRules())
	require.NoError(t, srv.SeedErr())
	tests := []struct {
		name, code string
		want       production.BarcodeIdentifier
	}{
		{"named groups", "PSU-2.1-000042", production.BarcodeIdentifier{SerialNumber: "000042", PartNumber: "PSU", Revision: "2.1"}},
		{"templates and fixed process", "SN:A/1 #2;PN:BOX;B:LOT 7", production.BarcodeIdentifier{SerialNumber: "A/1 #2", PartNumber: "BOX", BatchNumber: "LOT 7", Process: "Final test"}},
		{"optional group absent", "SN:X;PN:Y", production.BarcodeIdentifier{SerialNumber: "X", PartNumber: "Y", Process: "Final test"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := c.Production.Barcodes().Identify(ctx(t), tt.code)
			require.NoError(t, err)
			assert.Equal(t, tt.want.SerialNumber, got.SerialNumber)
			assert.Equal(t, tt.want.PartNumber, got.PartNumber)
			assert.Equal(t, tt.want.Revision, got.Revision)
			assert.Equal(t, tt.want.BatchNumber, got.BatchNumber)
			assert.Equal(t, tt.want.Process, got.Process)
			q, err := url.ParseQuery(lastQuery(t, srv))
			require.NoError(t, err)
			assert.Equal(t, tt.code, q.Get("code"), "the code travels escaped in the query")
		})
	}
	_, err := c.Production.Barcodes().Identify(ctx(t), "nothing matches")
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)

	srv.ResetRequests()
	_, err = c.Production.Barcodes().Identify(ctx(t), " ")
	apitest.RequireValidation(t, err, "code")
	apitest.RequireNoRequests(t, srv)
}

func TestBarcodeIdentifiersCRUD(t *testing.T) {
	c, srv := apitest.Setup(t)
	b := c.Production.Barcodes()
	saved, err := b.Save(ctx(t), &production.BarcodeIdentifier{Pattern: `(\d+)`, SerialNumber: "$1", PartNumber: "FIXED", Order: 5, Description: "digits"})
	require.NoError(t, err)
	assert.Positive(t, saved.ID)
	second, err := b.Save(ctx(t), &production.BarcodeIdentifier{Pattern: `X(\d+)`, SerialNumber: "$1", Order: 1})
	require.NoError(t, err)

	list, err := b.List(ctx(t))
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, second.ID, list[0].ID, "listed in the order Identify tries them")

	saved.PartNumber = "CHANGED"
	upd, err := b.Save(ctx(t), saved)
	require.NoError(t, err)
	assert.Equal(t, saved.ID, upd.ID)
	got, err := b.Identify(ctx(t), "123")
	require.NoError(t, err)
	assert.Equal(t, "CHANGED", got.PartNumber)

	require.NoError(t, b.Delete(ctx(t), saved.ID))
	apitest.RequireStatus(t, b.Delete(ctx(t), saved.ID), http.StatusNotFound, wats.ErrNotFound)
	_, err = b.Save(ctx(t), &production.BarcodeIdentifier{ID: 999, Pattern: "x"})
	apitest.RequireStatus(t, err, http.StatusNotFound, wats.ErrNotFound)
	list, err = b.List(ctx(t))
	require.NoError(t, err)
	assert.Len(t, list, 1)

	srv.ResetRequests()
	tests := []struct {
		name  string
		call  func() error
		field string
	}{
		{"nil identifier", func() error { _, err := b.Save(ctx(t), nil); return err }, "barcodeIdentifier"},
		{"empty pattern", func() error { _, err := b.Save(ctx(t), &production.BarcodeIdentifier{}); return err }, "pattern"},
		{"bad pattern", func() error {
			_, err := b.Save(ctx(t), &production.BarcodeIdentifier{Pattern: "(unclosed"})
			return err
		}, "pattern"},
		{"negative id", func() error {
			_, err := b.Save(ctx(t), &production.BarcodeIdentifier{ID: -1, Pattern: "x"})
			return err
		}, "id"},
		{"delete id 0", func() error { return b.Delete(ctx(t), 0) }, "id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { apitest.RequireValidation(t, tt.call(), tt.field) })
	}
	apitest.RequireNoRequests(t, srv)
}

func TestBadBarcodeSeedIsReported(t *testing.T) {
	e := watstest.NewHandler(watstest.WithBarcodeIdentifiers(watstest.BarcodeRule{Pattern: "(bad"}))
	require.Error(t, e.SeedErr())
	assert.Contains(t, e.SeedErr().Error(), "WithBarcodeIdentifiers")
}
