package snpool_test

import (
	"context"
	"fmt"
	"os"

	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/production/snpool"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func Example() {
	srv := watstest.NewServer(watstest.WithSerialNumberType(watstest.SerialNumberTypeSeed{Name: "Board", Prefix: "BRD", Digits: 5, Start: 1, End: 99999}))
	defer srv.Close()
	client, _ := wats.New(srv.URL(), srv.Token())
	dir, _ := os.MkdirTemp("", "snpool-example")
	defer os.RemoveAll(dir)

	pool, err := snpool.Open(dir, "Board", snpool.FromService(client.Production, &production.TakeOptions{StationName: "Line1"}),
		snpool.WithBatchSize(50), snpool.WithLowWater(10))
	if err != nil {
		panic(err)
	}
	defer pool.Close()

	for i := 0; i < 3; i++ {
		sn, err := pool.Next(context.Background()) // no network while the pool holds numbers
		if err != nil {
			panic(err)
		}
		fmt.Println(sn)
	}
	// Output:
	// BRD00001
	// BRD00002
	// BRD00003
}

// Reserve instead of take, as the C# client does, and give the unused
// numbers back when the station shuts down.
func ExampleFromReservations() {
	srv := watstest.NewServer(watstest.WithSerialNumberType(watstest.SerialNumberTypeSeed{Name: "Board", Prefix: "BRD", Digits: 5, Start: 1, End: 99999}))
	defer srv.Close()
	client, _ := wats.New(srv.URL(), srv.Token())
	dir, _ := os.MkdirTemp("", "snpool-example")
	defer os.RemoveAll(dir)

	pool, err := snpool.Open(dir, "Board", snpool.FromReservations(client.Production, &production.ReserveOptions{StationName: "Line1"}),
		snpool.WithBatchSize(20), snpool.WithLowWater(0))
	if err != nil {
		panic(err)
	}
	defer pool.Close()

	sn, _ := pool.Next(context.Background())
	fmt.Println("used", sn)
	back, err := pool.Release(context.Background())
	if err != nil {
		panic(err)
	}
	fmt.Println("gave back", len(back))
	// Output:
	// used BRD00001
	// gave back 19
}
