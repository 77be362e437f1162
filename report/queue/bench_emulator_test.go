package queue_test

import (
	"testing"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/queue"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// BenchmarkDrainEmulator1000 drains 1 000 queued 20-step reports through
// the real client (report.Service) to the emulator over loopback; one op is
// the whole drain. The client's rate limiter is off: its default (500 per
// minute) would otherwise set the pace, not the queue.
func BenchmarkDrainEmulator1000(b *testing.B) {
	const n = 1000
	srv := watstest.NewServer()
	defer srv.Close()
	client, err := wats.New(srv.URL(), srv.Token(), wats.WithRateLimit(0, 0))
	if err != nil {
		b.Fatal(err)
	}
	queue.BenchDrain(b, n, client.Report, func() *report.Report { return emulatorReport(b, newGUID(b), 20) })
	if got := len(srv.Reports()); got != n*b.N {
		b.Fatalf("emulator holds %d reports, want %d", got, n*b.N)
	}
}
