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
	  "processCode":10,"result":"P","machineName":"FCT","location":"Line 1","purpose":"Production",
	  "start":"2026-03-02T09:15:30Z","uut":{"user":"op1"},
	  "root":{"id":1,"group":"M","stepType":"SequenceCall","name":"Main","status":"P",
	    "seqCall":{"path":"main.seq","name":"Main","version":"1.0"}}}`)
	ctx := context.Background()
	_, err = c.Report.SubmitJSON(ctx, doc)
	fmt.Println("first:", err)
	_, err = c.Report.SubmitJSON(ctx, doc)
	fmt.Println("second conflict:", errors.Is(err, wats.ErrConflict))
	// Output:
	// first: <nil>
	// second conflict: true
}
