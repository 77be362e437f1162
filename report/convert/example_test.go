package convert_test

import (
	"context"
	"log"
	"log/slog"
	"os"
	"os/signal"

	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/queue"
	"github.com/watsgo/sdk/wats"
)

// A station service: every file TestStand writes into C:\TestReports is converted
// and durably queued; the queue uploads in the background.
func ExampleNewWatcher() {
	client, err := wats.New("https://wats.example.com", os.Getenv("WATS_TOKEN"))
	if err != nil {
		log.Fatal(err)
	}
	q, err := queue.Open(`C:\ProgramData\watsgo\queue`, client.Report)
	if err != nil {
		log.Fatal(err)
	}
	defer q.Close()

	var atmlConverter convert.Converter // e.g. from report/convert/atml
	reg, err := convert.NewRegistry(atmlConverter)
	if err != nil {
		log.Fatal(err)
	}
	w, err := convert.NewWatcher(reg, convert.QueueSink(q), &convert.WatcherOptions{
		Folders: []convert.Folder{{
			Path:          `C:\TestReports`,
			Converter:     "atml",
			PostAction:    convert.Archive,
			ConversionLog: true,
		}},
		Logger:  slog.Default(),
		Metrics: &convert.Counters{},
	})
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	go func() { _ = q.Run(ctx) }()
	if err := w.Run(ctx); err != nil { // returns after a graceful shutdown
		log.Fatal(err)
	}
}

// Converting one file without a watcher.
func ExampleRegistry_ConvertFile() {
	var wsxfConverter convert.Converter // e.g. from report/convert/wsxf
	reg, err := convert.NewRegistry(wsxfConverter)
	if err != nil {
		log.Fatal(err)
	}
	reports, err := reg.ConvertFile(context.Background(), "run.xml", &convert.ConvertOptions{
		Defaults: convert.Defaults{Operator: "station", ProcessCode: 10},
	})
	if err != nil {
		log.Fatal(err) // errors.Is(err, convert.ErrValidation), convert.ErrUnknownFormat, ...
	}
	log.Printf("%d reports, first id %s", len(reports), reports[0].ID())
}
