package report_test

import (
	"bytes"
	"context"
	"fmt"
	"log"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// A prepared WSJF document, as a test station would produce it.
const exampleUUT = `{
  "type": "T", "id": "5f0c2b8e-3d6a-4c1e-9a57-2b1f0e4d7c31",
  "pn": "PCBA-100", "sn": "O'Brien/#1 %", "rev": "B", "processCode": 10, "result": "P",
  "machineName": "FCT-01", "location": "Line 2", "purpose": "Production",
  "start": "2026-03-02T09:15:30.25+01:00",
  "root": {"id": 1, "group": "M", "stepType": "SequenceCall", "name": "MainSequence Callback", "status": "P",
           "seqCall": {"path": "fct.seq", "name": "MainSequence Callback", "version": "1.0"}},
  "uut": {"user": "op1", "execTime": 12.5}
}`

func ExampleService_SubmitJSON() {
	srv := watstest.NewServer()
	defer srv.Close()
	c, err := wats.New(srv.URL(), srv.Token())
	if err != nil {
		log.Fatal(err)
	}
	id, err := c.Report.SubmitJSON(context.Background(), []byte(exampleUUT))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("stored as", id)
	// Output: stored as 5f0c2b8e-3d6a-4c1e-9a57-2b1f0e4d7c31
}

func ExampleService_Headers() {
	srv := watstest.NewServer(watstest.WithReports([]byte(exampleUUT)))
	defer srv.Close()
	c, err := wats.New(srv.URL(), srv.Token())
	if err != nil {
		log.Fatal(err)
	}
	// The quote and the URL-special characters are escaped for you.
	for h, err := range c.Report.Headers(context.Background(), report.BySerialNumber("O'Brien/#1 %")) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(h.PartNumber, h.Revision, h.Result, h.Start.UTC().Format("2006-01-02 15:04"))
	}
	// Output: PCBA-100 B Passed 2026-03-02 08:15
}

func ExampleService_Load() {
	srv := watstest.NewServer(watstest.WithReports([]byte(exampleUUT)))
	defer srv.Close()
	c, err := wats.New(srv.URL(), srv.Token())
	if err != nil {
		log.Fatal(err)
	}
	r, err := c.Report.Load(context.Background(), "5F0C2B8E-3D6A-4C1E-9A57-2B1F0E4D7C31")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Type() == report.TypeUUT, r.PartNumber(), r.SerialNumber())
	// Output: true PCBA-100 O'Brien/#1 %
}

func ExampleService_Collect() {
	srv := watstest.NewServer(watstest.WithReports([]byte(exampleUUT)))
	defer srv.Close()
	c, err := wats.New(srv.URL(), srv.Token())
	if err != nil {
		log.Fatal(err)
	}
	q := report.ByPartNumber("PCBA-100", "B").Where(wats.Eq(report.FieldStationName, "FCT-01"))
	hs, err := c.Report.Collect(context.Background(), q, 10)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(hs), "report(s), filter:", q.Filter)
	// Output: 1 report(s), filter: ((partNumber eq 'PCBA-100') and (revision eq 'B')) and (stationName eq 'FCT-01')
}

func ExampleService_Certificate() {
	srv := watstest.NewServer(watstest.WithReports([]byte(exampleUUT)))
	defer srv.Close()
	c, err := wats.New(srv.URL(), srv.Token())
	if err != nil {
		log.Fatal(err)
	}
	var pdf bytes.Buffer
	d, err := c.Report.Certificate(context.Background(), "5f0c2b8e-3d6a-4c1e-9a57-2b1f0e4d7c31", &pdf)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.ContentType, d.FileName, bytes.HasPrefix(pdf.Bytes(), []byte("%PDF-")))
	// Output:
	// application/pdf certificate-5f0c2b8e-3d6a-4c1e-9a57-2b1f0e4d7c31.pdf true
}
