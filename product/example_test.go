package product_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/watsgo/sdk/product"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// client starts an emulator for the examples; real code calls wats.New
// with the server URL and token.
func exampleClient(opts ...watstest.Option) (*wats.Client, func()) {
	srv := watstest.NewServer(opts...)
	c, err := wats.New(srv.URL(), srv.Token())
	if err != nil {
		log.Fatal(err)
	}
	return c, srv.Close
}

func ExampleService_GetOrCreateRevision() {
	c, done := exampleClient()
	defer done()
	ctx := context.Background()

	rev, created, err := c.Product.GetOrCreateRevision(ctx, "PCBA-100/2", "A", &product.Revision{Description: "first article"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rev.PartNumber, rev.Revision, created)

	_, created, err = c.Product.GetOrCreateRevision(ctx, "PCBA-100/2", "A", nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created again:", created)
	// Output:
	// PCBA-100/2 A true
	// created again: false
}

func ExampleService_Get() {
	c, done := exampleClient(watstest.WithProducts(product.Product{
		PartNumber: "PSU-12V", Name: "Power supply", Revisions: []product.Revision{{Revision: "1"}, {Revision: "2"}},
	}))
	defer done()
	ctx := context.Background()

	p, err := c.Product.Get(ctx, "PSU-12V")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Name, len(p.Revisions))

	_, err = c.Product.Get(ctx, "NO-SUCH-PART")
	fmt.Println(errors.Is(err, wats.ErrNotFound))

	_, err = c.Product.Get(ctx, "")
	fmt.Println(errors.Is(err, wats.ErrValidation))
	// Output:
	// Power supply 2
	// true
	// true
}

func ExampleService_SaveBOM() {
	c, done := exampleClient(watstest.WithProducts(product.Product{PartNumber: "PCBA-7", Revisions: []product.Revision{{Revision: "C"}}}))
	defer done()
	ctx := context.Background()

	err := c.Product.SaveBOM(ctx, &product.BOM{PartNumber: "PCBA-7", Revision: "C", Components: []product.Component{
		{PartNumber: "RES-10K", Quantity: 4, Refs: []string{"R1", "R2", "R3", "R4"}},
		{PartNumber: "MCU-32", Revision: "B"},
	}})
	if err != nil {
		log.Fatal(err)
	}
	items, err := c.Product.Internal().BOM(ctx, "PCBA-7", "C")
	if err != nil {
		log.Fatal(err)
	}
	for _, it := range items {
		fmt.Println(it.PartNumber, it.Quantity)
	}
	// Output:
	// RES-10K 4
	// MCU-32 1
}

func ExampleInternal_CreateRelation() {
	c, done := exampleClient(watstest.WithProducts(
		product.Product{PartNumber: "BOX", Revisions: []product.Revision{{Revision: "1"}}},
		product.Product{PartNumber: "PSU", Revisions: []product.Revision{{Revision: "2"}}},
	))
	defer done()
	ctx := context.Background()

	box, err := c.Product.GetRevision(ctx, "BOX", "1")
	if err != nil {
		log.Fatal(err)
	}
	psu, err := c.Product.GetRevision(ctx, "PSU", "2")
	if err != nil {
		log.Fatal(err)
	}
	if _, err := c.Product.Internal().CreateRelation(ctx, product.NewRelation{
		ParentRevisionID: box.RevisionID, ChildRevisionID: psu.RevisionID, Quantity: 2, RevisionMask: "2,3.%",
	}); err != nil {
		log.Fatal(err)
	}
	tmpl, err := c.Product.Internal().Template(ctx, "BOX", "1")
	if err != nil {
		log.Fatal(err)
	}
	for _, line := range tmpl {
		fmt.Println(line.ChildPartNumber, line.Quantity, line.Accepts("3.1"), line.Accepts("4"))
	}
	// Output:
	// PSU 2 true false
}

// Put a product into a group by a part-number rule, then ask which groups
// one of its revisions belongs to.
func ExampleService_AddGroupFilter() {
	c, done := exampleClient()
	defer done()
	ctx := context.Background()

	if err := c.Product.AddGroupFilter(ctx, "Power", &product.GroupFilter{PartNumber: "PSU-12V"}); err != nil {
		log.Fatal(err)
	}
	if err := c.Product.AddGroupFilter(ctx, "Power", &product.GroupFilter{PartNumber: "PSU-12V", Revision: "0.%", Exclude: true}); err != nil {
		log.Fatal(err)
	}
	for _, rev := range []string{"1", "0.9"} {
		groups, err := c.Product.ListGroupsByProduct(ctx, "PSU-12V", rev)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(rev, len(groups))
	}
	// Output:
	// 1 1
	// 0.9 0
}

func ExampleService_GetRevision() {
	c, done := exampleClient(watstest.WithProducts(product.Product{
		PartNumber: "PSU-12V", Revisions: []product.Revision{{Revision: "2", Name: "rev two"}},
	}))
	defer done()
	r, err := c.Product.GetRevision(context.Background(), "PSU-12V", "2")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.PartNumber, r.Revision, r.Name)
	// Output: PSU-12V 2 rev two
}
