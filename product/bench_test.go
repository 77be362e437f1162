package product_test

import (
	"fmt"
	"io"
	"testing"

	"github.com/watsgo/sdk/product"
)

// BenchmarkBOMWriteTo renders a 1000-line WSBF document.
func BenchmarkBOMWriteTo(b *testing.B) {
	bom := &product.BOM{PartNumber: "PCBA-1", Revision: "A"}
	for i := 0; i < 1000; i++ {
		bom.Components = append(bom.Components, product.Component{PartNumber: fmt.Sprintf("R-%d", i), Quantity: 2, Refs: []string{"R1", "R2"}})
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := bom.WriteTo(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
