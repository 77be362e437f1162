package transport_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/watsgo/sdk/internal/transport"
	"github.com/watsgo/sdk/wats/watstest"
)

func ExampleBuildPath() {
	p, _ := transport.BuildPath("/api/Production/Unit/{serialNumber}/{partNumber}",
		map[string]string{"serialNumber": "SN 01/A#2", "partNumber": "PN+ÆØ"})
	fmt.Println(p)
	// Output: /api/Production/Unit/SN%2001%2FA%232/PN%2B%C3%86%C3%98
}

func ExampleClient_Do() {
	srv := watstest.NewServer()
	defer srv.Close()
	c := transport.New(transport.Config{BaseURL: srv.URL(), Token: srv.Token(), UserAgent: "example",
		Retry: transport.DefaultRetry()})

	var levels []struct {
		LevelID   int    `json:"levelId"`
		LevelName string `json:"levelName"`
	}
	_, err := c.Do(context.Background(), &transport.Request{
		Op: "example.Levels", Method: http.MethodGet, Route: "/api/App/Levels", Result: &levels,
	})
	fmt.Println(err, levels[0].LevelName)
	// Output: <nil> PCBA
}
