package system_test

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

	// Place a station on a level, creating the level first.
	line, _ := c.System.CreateLevel(ctx, []string{"Oslo", "Line 3"})
	st, _ := c.System.GetClient(ctx, "LINE1-EOL")
	st.ClientGroupID = line
	st, _ = c.System.UpdateClient(ctx, st, nil)
	fmt.Println(st.Name, st.ClientGroupID == line)

	status, _ := c.System.GetStatus(ctx)
	fmt.Println(status["version"])
	// Output:
	// LINE1-EOL true
	// 24.1.0
}
