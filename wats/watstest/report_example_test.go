package watstest_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

func ExampleWithReports() {
	doc := []byte(`{"type":"R","id":"8362baa8-6f02-4d29-8e7f-8b7b2f30f03d","pn":"PCBA-100","sn":"SN1","rev":"A",
	  "processCode":500,"result":"P","machineName":"Repair","start":"2026-04-18T00:58:43Z",
	  "uur":{"user":"tech","processCode":10}}`)
	srv := watstest.NewServer(watstest.WithReports(doc))
	defer srv.Close()
	for _, r := range srv.Reports() {
		fmt.Println(r.Type, r.SerialNumber, r.ReceiveCount)
	}
	// Output: R SN1 1
}

func ExampleWithDuplicatePolicy() {
	srv := watstest.NewServer(watstest.WithDuplicatePolicy(watstest.DuplicateReject))
	defer srv.Close()
	c, err := wats.New(srv.URL(), srv.Token())
	if err != nil {
		log.Fatal(err)
	}
	doc := []byte(`{"type":"T","id":"5f0c2b8e-3d6a-4c1e-9a57-2b1f0e4d7c31","pn":"P","sn":"S","rev":"A",
	  "processCode":10,"result":"P","machineName":"FCT","start":"2026-03-02T09:15:30Z",
	  "root":{"id":1,"stepType":"SequenceCall","status":"P"}}`)
	ctx := context.Background()
	_, err = c.Report.SubmitJSON(ctx, doc)
	fmt.Println("first:", err)
	_, err = c.Report.SubmitJSON(ctx, doc)
	fmt.Println("second conflict:", errors.Is(err, wats.ErrConflict))
	// Output:
	// first: <nil>
	// second conflict: true
}
