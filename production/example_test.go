package production_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// Build a box from two finalized child units and check it against the box
// build; the server refuses a child that is not in the box build.
func Example() {
	srv := watstest.NewServer(
		watstest.WithProductionUnits(
			watstest.ProductionUnit{SerialNumber: "PSU-7", PartNumber: "PSU", Revision: "2.1", Phase: 16},
			watstest.ProductionUnit{SerialNumber: "CPU-3", PartNumber: "CPU", Revision: "1.0", Phase: 16},
			watstest.ProductionUnit{SerialNumber: "FAN-1", PartNumber: "FAN", Revision: "1", Phase: 16},
		),
		watstest.WithBoxBuild("BOX", "A", watstest.BoxBuildLine{PartNumber: "PSU", RevisionMask: "2.%"}, watstest.BoxBuildLine{PartNumber: "CPU"}),
	)
	defer srv.Close()
	client, err := wats.New(srv.URL(), srv.Token())
	if err != nil {
		panic(err)
	}
	ctx := context.Background()

	if _, err := client.Production.SaveUnits(ctx, []production.Unit{{SerialNumber: "BOX-100", PartNumber: "BOX", Revision: "A"}}); err != nil {
		panic(err)
	}
	for _, child := range [][2]string{{"PSU-7", "PSU"}, {"CPU-3", "CPU"}} {
		ref := production.ChildRef{ParentSerialNumber: "BOX-100", ParentPartNumber: "BOX", ChildSerialNumber: child[0], ChildPartNumber: child[1]}
		if err := client.Production.AddChild(ctx, ref, nil); err != nil {
			panic(err)
		}
	}
	box, err := client.Production.GetUnit(ctx, "BOX-100", "BOX")
	if err != nil {
		panic(err)
	}
	fmt.Println(box.SerialNumber, "holds", len(box.SubUnits), "units")

	err = client.Production.AddChild(ctx, production.ChildRef{ParentSerialNumber: "BOX-100", ParentPartNumber: "BOX", ChildSerialNumber: "FAN-1", ChildPartNumber: "FAN"}, nil)
	fmt.Println("fan refused:", errors.Is(err, wats.ErrBadRequest))
	// Output:
	// BOX-100 holds 2 units
	// fan refused: true
}

func ExampleService_Take() {
	srv := watstest.NewServer(watstest.WithSerialNumberType(watstest.SerialNumberTypeSeed{Name: "Board", Prefix: "BRD", Digits: 5, Start: 1, End: 99999}))
	defer srv.Close()
	client, _ := wats.New(srv.URL(), srv.Token())

	sns, err := client.Production.Take(context.Background(), "Board", 3, &production.TakeOptions{RefPN: "BOX", StationName: "Line1"})
	if err != nil {
		panic(err)
	}
	fmt.Println(sns)
	// Output: [BRD00001 BRD00002 BRD00003]
}

func ExampleService_Export() {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	srv := watstest.NewServer(
		watstest.WithClock(func() time.Time { return at }),
		watstest.WithSerialNumberType(watstest.SerialNumberTypeSeed{Name: "Board", Prefix: "BRD", Digits: 5, Start: 1, End: 99999}))
	defer srv.Close()
	client, _ := wats.New(srv.URL(), srv.Token())
	ctx := context.Background()
	if _, err := client.Production.Take(ctx, "Board", 2, &production.TakeOptions{RefSN: "BOX-1"}); err != nil {
		panic(err)
	}

	// The file is streamed to the writer, never held in memory.
	if _, err := client.Production.Export(ctx, "Board", production.ExportOptions{Format: production.FormatCSV}, os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// id,state,takenUtc,refSN,refPN,stationName
	// BRD00001,Taken,2026-03-01T12:00:00Z,BOX-1,,
	// BRD00002,Taken,2026-03-01T12:00:00Z,BOX-1,,
}

func ExampleService_VerifyBoxBuild() {
	srv := watstest.NewServer(watstest.WithProductionUnits(
		watstest.ProductionUnit{SerialNumber: "BOX-1", PartNumber: "BOX", Revision: "A"},
		watstest.ProductionUnit{SerialNumber: "PSU-1", PartNumber: "PSU", Revision: "1.0", Phase: 16, ParentSerialNumber: "BOX-1", ParentPartNumber: "BOX"},
	))
	defer srv.Close()
	client, _ := wats.New(srv.URL(), srv.Token())

	// The template would come from the product domain; any function will do.
	templates := production.TemplateFunc(func(ctx context.Context, pn, rev string) ([]production.TemplateLine, error) {
		return []production.TemplateLine{{PartNumber: "PSU", RevisionMask: "2.%"}, {PartNumber: "CPU"}}, nil
	})
	res, err := client.Production.VerifyBoxBuild(context.Background(), templates, "BOX-1", "BOX")
	if err != nil {
		panic(err)
	}
	fmt.Println("complete:", res.OK())
	for _, p := range res.Problems {
		fmt.Println(p.Kind, p.PartNumber)
	}
	// Output:
	// complete: false
	// wrong-revision PSU
	// missing PSU
	// missing CPU
}

func ExampleService_Verify() {
	srv := watstest.NewServer(
		watstest.WithProductionUnits(watstest.ProductionUnit{SerialNumber: "BOX-1", PartNumber: "BOX", Revision: "A"}),
		watstest.WithVerificationRule("BOX", 10))
	defer srv.Close()
	client, _ := wats.New(srv.URL(), srv.Token())
	ctx := context.Background()

	g, err := client.Production.Verify(ctx, "BOX-1", "BOX")
	if err != nil {
		panic(err)
	}
	fmt.Println("before:", g.Status)

	r, err := client.Report.NewUUT("BOX", "BOX-1", "A", 10,
		report.WithStation(report.Station{Name: "ST1", Location: "Line 1", Purpose: "Production"}), report.WithOperator("op"))
	if err != nil {
		panic(err)
	}
	if _, err := r.Root.AddPassFailStep("Function test", true); err != nil {
		panic(err)
	}
	if _, err := client.Report.Submit(ctx, r); err != nil {
		panic(err)
	}

	// Never cached: the report submitted a moment ago is in the answer.
	g, err = client.Production.Verify(ctx, "BOX-1", "BOX")
	if err != nil {
		panic(err)
	}
	fmt.Println("after:", g.Status, g.Grade)
	// Output:
	// before: Unknown
	// after: Passed A
}

func ExamplePhaseByName() {
	srv := watstest.NewServer()
	defer srv.Close()
	client, _ := wats.New(srv.URL(), srv.Token())

	phases, err := client.Production.Internal().Phases(context.Background())
	if err != nil {
		panic(err)
	}
	id, ok := production.PhaseByName(phases, "finalized")
	fmt.Println(int(id), id, ok)
	// Output: 16 Finalized true
}

// A station scans one label and learns the unit, product and batch from it,
// then announces the test to the workflow and reports its end.
func ExampleBarcodeService_Identify() {
	srv := watstest.NewServer(watstest.WithBarcodeIdentifiers(watstest.BarcodeRule{
		Pattern:      `(?<partNumber>[A-Z]+)-(?<serialNumber>\d{6})/(?<batchNumber>L\d+)`,
		SerialNumber: "${partNumber}${serialNumber}",
	}))
	defer srv.Close()
	client, _ := wats.New(srv.URL(), srv.Token())
	ctx := context.Background()

	id, err := client.Production.Barcodes().Identify(ctx, "PSU-000042/L7")
	if err != nil {
		panic(err)
	}
	fmt.Println(id.SerialNumber, id.PartNumber, id.BatchNumber)

	wf := client.Production.Workflow()
	if _, err := wf.StartTest(ctx, id.SerialNumber, id.PartNumber, &production.TestOptions{StationName: "Line1"}); err != nil {
		panic(err)
	}
	if _, err := wf.EndTest(ctx, id.SerialNumber, id.PartNumber, true, &production.TestOptions{StationName: "Line1"}); err != nil {
		panic(err)
	}
	fmt.Println("tested")
	// Output:
	// PSU000042 PSU L7
	// tested
}
