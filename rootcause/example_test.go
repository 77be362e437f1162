package rootcause_test

import (
	"context"
	"fmt"

	"github.com/watsgo/sdk/rootcause"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// A ticket from creation to archive. The assignee is passed on every change
// because the server never returns it.
func Example() {
	srv := watstest.NewServer()
	defer srv.Close()
	client, _ := wats.New(srv.URL(), srv.Token())
	ctx := context.Background()

	tk, err := client.RootCause.Create(ctx, &rootcause.Ticket{
		Subject:  "Yield drop on ICT",
		Priority: rootcause.PriorityHigh,
		Update:   &rootcause.Update{Content: "FPY fell from 98% to 91%"},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	_, _ = client.RootCause.SetStatus(ctx, tk.TicketID, "watstest", rootcause.StatusInProgress)
	_, _ = client.RootCause.Comment(ctx, tk.TicketID, "watstest", "fixture pins replaced")
	_, _ = client.RootCause.SetStatus(ctx, tk.TicketID, "watstest", rootcause.StatusSolved)
	if _, err := client.RootCause.Archive(ctx, tk.TicketID); err != nil {
		fmt.Println(err)
		return
	}
	got, _ := client.RootCause.Get(ctx, tk.TicketID)
	fmt.Println(got.Subject, "archived:", got.Status == rootcause.StatusArchived)
	for _, h := range got.History {
		if h.UpdateType == rootcause.UpdateContent {
			fmt.Println("comment:", h.Content)
		}
	}
	// Output:
	// Yield drop on ICT archived: true
	// comment: FPY fell from 98% to 91%
	// comment: fixture pins replaced
}

// Update refuses, before sending, the round trip the server would reject.
func ExampleService_Update() {
	srv := watstest.NewServer()
	defer srv.Close()
	client, _ := wats.New(srv.URL(), srv.Token())
	_, err := client.RootCause.Update(context.Background(), &rootcause.Ticket{
		TicketID: "6f1c0e52-3b1a-4c7e-9d2f-0a1b2c3d4e5f", Subject: "x", Status: rootcause.StatusInProgress,
	})
	var ve *wats.ValidationError
	fmt.Println(errorsAs(err, &ve), ve.Fields[0].Path, len(srv.Requests()))
	// Output: true assignee 0
}
