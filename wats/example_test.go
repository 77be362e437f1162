package wats_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func Example() {
	srv := watstest.NewServer()
	defer srv.Close()

	c, err := wats.New(srv.URL(), srv.Token(), wats.WithStation("LINE1-EOL"))
	if err != nil {
		fmt.Println(err)
		return
	}
	ctx := context.Background()
	version, err := c.ServerVersion(ctx)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("server", version)

	eol, err := c.Process.ByName(ctx, "end of line test")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(eol.Code, eol.Name, eol.IsTestOperation)
	// Output:
	// server 24.1.0
	// 100 End of line test true
}

func ExampleAPIError() {
	srv := watstest.NewServer()
	defer srv.Close()
	srv.Inject(watstest.Fault{Status: http.StatusForbidden, Body: `{"Message":"Missing permission: Edit Total count"}`})

	c, _ := wats.New(srv.URL(), srv.Token())
	_, err := c.Levels(context.Background())

	var apiErr *wats.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Message)
	}
	fmt.Println(errors.Is(err, wats.ErrForbidden))
	// Output:
	// 403 Missing permission: Edit Total count
	// true
}

func ExampleClient_OnStatusChange() {
	srv := watstest.NewServer()
	defer srv.Close()
	c, _ := wats.New(srv.URL(), srv.Token(), wats.WithRetry(0, 0, 0), wats.WithCircuitBreaker(2, 30*time.Second))
	stop := c.OnStatusChange(func(ch wats.StatusChange) { fmt.Println(ch.From, "->", ch.To) })
	defer stop()

	srv.FailNext(2, http.StatusServiceUnavailable)
	ctx := context.Background()
	_ = c.Ping(ctx)
	_ = c.Ping(ctx) // second failure opens the breaker
	_, err := c.Levels(ctx)
	fmt.Println(errors.Is(err, wats.ErrCircuitOpen))
	_ = c.Ping(ctx) // Ping probes anyway and succeeds
	fmt.Println(c.Status())
	// Output:
	// online -> offline
	// true
	// offline -> probing
	// probing -> online
	// online
}

func ExampleBasicToken() {
	fmt.Println(wats.BasicToken("watstest", "secret"))
	// Output: d2F0c3Rlc3Q6c2VjcmV0
}

func ExampleWithMiddleware() {
	srv := watstest.NewServer()
	defer srv.Close()
	srv.FailNext(1, http.StatusBadGateway)

	// A metrics hook: it sees every attempt, retries included, labelled by
	// route template.
	observe := func(ctx context.Context, a *wats.AttemptInfo, next func(context.Context) wats.AttemptResult) wats.AttemptResult {
		res := next(ctx)
		fmt.Println(a.Method, a.Route, "attempt", a.Attempt, "status", res.StatusCode)
		return res
	}
	c, _ := wats.New(srv.URL(), srv.Token(), wats.WithMiddleware(observe), wats.WithRetry(3, time.Millisecond, 10*time.Millisecond))
	_, _ = c.Levels(context.Background())
	// Output:
	// GET /api/App/Levels attempt 1 status 502
	// GET /api/App/Levels attempt 2 status 200
}
