package scim_test

import (
	"context"
	"fmt"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/scim"
	"github.com/watsgo/sdk/wats/watstest"
)

func Example() {
	srv := watstest.NewServer()
	defer srv.Close()
	c, _ := wats.New(srv.URL(), srv.Token())
	ctx := context.Background()

	u, _ := c.SCIM.Create(ctx, &scim.User{UserName: "ann", Name: &scim.Name{GivenName: "Ann", FamilyName: "Lee"}})
	fmt.Println(u.DisplayName)

	// Restrict Ann to two levels and deactivate her.
	u, _ = c.SCIM.Update(ctx, u.ID, scim.NewPatch(scim.Replace(scim.PathLevels, "PCBA;Module"), scim.SetActive(false)))
	fmt.Println(*u.Active)

	for user, err := range c.SCIM.All(ctx, nil) {
		if err != nil {
			break
		}
		fmt.Println(user.UserName)
	}
	// Output:
	// Ann Lee
	// false
	// watstest
	// operator1
	// ann
}
