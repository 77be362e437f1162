package process_test

import (
	"context"
	"fmt"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func Example() {
	srv := watstest.NewServer()
	defer srv.Close()
	c, _ := wats.New(srv.URL(), srv.Token())
	ctx := context.Background()

	// The first lookup loads the process list; the rest are answered from memory.
	p, _ := c.Process.ByCode(ctx, 90)
	fmt.Println(p.Name)
	ok, _ := c.Process.IsRepairOperation(ctx, 500)
	fmt.Println(ok)
	def, _ := c.Process.DefaultTestOperation(ctx)
	fmt.Println(def.Code, def.Name)
	fmt.Println(c.Process.Stats().Fetches, "fetch")
	// Output:
	// Burn In test
	// true
	// 100 End of line test
	// 1 fetch
}

func ExampleInternal_RepairOperations() {
	srv := watstest.NewServer()
	defer srv.Close()
	c, _ := wats.New(srv.URL(), srv.Token())

	ops, _ := c.Process.Internal().RepairOperations(context.Background())
	for _, fc := range ops[0].Config.FailCodes()[:2] {
		fmt.Printf("%d %s / %s\n", ops[0].Code, fc.Category, fc.Code)
	}
	// Output:
	// 500 Component / Burned Component
	// 500 Component / Missing Component
}
