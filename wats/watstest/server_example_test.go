package watstest_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func ExampleNewServer() {
	srv := watstest.NewServer(watstest.WithProcesses(
		watstest.Process{Code: 100, Name: "End of line test", Test: true},
		watstest.Process{Code: 500, Name: "Repair", Repair: true},
	))
	defer srv.Close()

	c, _ := wats.New(srv.URL(), srv.Token())
	ops, _ := c.Process.RepairOperations(context.Background())
	for _, p := range ops {
		fmt.Println(p.Code, p.Name)
	}
	fmt.Println(len(srv.Requests()), "request")
	// Output:
	// 500 Repair
	// 1 request
}

func ExampleEmulator_Inject() {
	srv := watstest.NewServer()
	defer srv.Close()
	// The next two GETs of the levels route answer 503 with a Retry-After hint.
	srv.Inject(watstest.Fault{Method: http.MethodGet, Path: "/api/App/Levels", Status: http.StatusServiceUnavailable, RetryAfter: "0", Times: 2})

	c, _ := wats.New(srv.URL(), srv.Token(), wats.WithRetry(3, time.Millisecond, 10*time.Millisecond))
	levels, err := c.Levels(context.Background())
	fmt.Println(len(levels), err)
	for _, r := range srv.Requests() {
		fmt.Println(r.Method, r.Path, r.Status)
	}

	srv.FailNext(1, http.StatusNotFound)
	_, err = c.Levels(context.Background())
	fmt.Println(errors.Is(err, wats.ErrNotFound))
	// Output:
	// 3 <nil>
	// GET /api/App/Levels 503
	// GET /api/App/Levels 503
	// GET /api/App/Levels 200
	// true
}
