package report_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// Certificates of one part number: queue the export, then fetch the file.
// (A real server builds it in the background and mails a link when done;
// poll ListExports until the file shows up.)
func ExampleService_QueueCertificateExport() {
	srv := watstest.NewServer(watstest.WithReports([]byte(exampleUUT)))
	defer srv.Close()
	c, err := wats.New(srv.URL(), srv.Token())
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	answer, err := c.Report.QueueCertificateExport(ctx,
		&report.ExportFilter{PartNumber: "PCBA-100"},
		&report.CertificateExportOptions{AsIndividualFiles: true, Dimensions: []string{"measurement", "lowLimit", "highLimit"}})
	if err != nil {
		log.Fatal(err)
	}
	var queued struct {
		FileName string `json:"fileName"`
	}
	if err := json.Unmarshal(answer, &queued); err != nil {
		log.Fatal(err)
	}
	var zipped bytes.Buffer
	d, err := c.Report.DownloadExport(ctx, queued.FileName, &zipped)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.FileName, d.ContentType, d.Size == int64(zipped.Len()))
	// Output: Certificates-1.zip application/zip true
}

// Reports by a misc-info entry, e.g. the firmware a station recorded.
func ExampleService_HeadersByMiscInfo() {
	srv := watstest.NewServer(watstest.WithReports([]byte(exampleUUT)))
	defer srv.Close()
	c, err := wats.New(srv.URL(), srv.Token())
	if err != nil {
		log.Fatal(err)
	}
	doc := []byte(`{"type":"T","id":"6a1d7c2e-0000-4000-8000-000000000001","pn":"PCBA-100","sn":"SN-7","rev":"B",
	  "processCode":10,"result":"F","machineName":"FCT-01","location":"Line 2","purpose":"Production",
	  "start":"2026-03-03T08:00:00Z","uut":{"user":"op1"},
	  "root":{"id":1,"group":"M","stepType":"SequenceCall","name":"Main","status":"F","seqCall":{"path":"fct.seq","name":"Main","version":"1.0"}},
	  "miscInfos":[{"description":"Firmware","text":"2.4.1"}]}`)
	if _, err := c.Report.SubmitJSON(context.Background(), doc); err != nil {
		log.Fatal(err)
	}
	hs, err := c.Report.HeadersByMiscInfo(context.Background(), &report.MiscInfoQuery{Description: "Firmware", Value: "2.4.1"})
	if err != nil {
		log.Fatal(err)
	}
	for _, h := range hs {
		fmt.Println(h.SerialNumber, h.Result, h.MiscData[0].Data)
	}
	// Output: SN-7 Failed 2.4.1
}
