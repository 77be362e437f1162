package queue_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sync/atomic"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/queue"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// exampleReport builds a small UUT report with a fixed id.
func exampleReport(id string) *report.Report {
	r, err := report.NewUUT("PCB-100", "SN-0001", "A", 10,
		report.WithStation(report.Station{Name: "FCT-01", Location: "Line 2", Purpose: "Production"}),
		report.WithOperator("op1"),
		report.WithID(id),
		report.WithStart(time.Date(2026, 3, 2, 9, 15, 30, 0, time.UTC)))
	if err != nil {
		panic(err)
	}
	if _, err := r.Root.AddNumericStep("3V3 rail", 3.31, "V", report.Lim(report.GELE, 3.2, 3.4)); err != nil {
		panic(err)
	}
	return r
}

// A station submits through the queue: while the server is down the report
// is kept on disk, and the uploader sends it once the server is back.
func ExampleQueue_Submit() {
	dir, _ := os.MkdirTemp("", "wats-queue")
	defer os.RemoveAll(dir)

	// Stands in for client.Report (a *report.Service) here.
	var down atomic.Bool
	down.Store(true)
	sent := make(chan string, 1)
	server := queue.SubmitterFunc(func(ctx context.Context, r *report.Report) (string, error) {
		if down.Load() {
			return "", &wats.APIError{Method: "POST", Route: "/api/Report/WSJF", StatusCode: 503, Message: "maintenance"}
		}
		sent <- r.ID()
		return r.ID(), nil
	})

	q, err := queue.Open(dir, server)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer q.Close()

	rc, err := q.Submit(context.Background(), exampleReport("0b6f6a52-3c1e-4d7a-9f43-6e2f7c1d9a01"))
	if err != nil {
		fmt.Println("not stored, keep the report:", err)
		return
	}
	fmt.Println("state:", rc.State)
	fmt.Println("server error:", errors.Is(rc.Err, wats.ErrServer))

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		_ = q.Run(ctx)
		close(done)
	}()
	down.Store(false)
	q.Wake() // e.g. when the client reports it is online again
	fmt.Println("uploaded:", <-sent)
	cancel()
	<-done
	// Output:
	// state: pending
	// server error: true
	// uploaded: 0b6f6a52-3c1e-4d7a-9f43-6e2f7c1d9a01
}

// A report the server rejects goes to dead letter with the server's
// message; after fixing the cause it is requeued.
func ExampleQueue_RequeueDead() {
	dir, _ := os.MkdirTemp("", "wats-queue")
	defer os.RemoveAll(dir)
	server := queue.SubmitterFunc(func(ctx context.Context, r *report.Report) (string, error) {
		return "", &wats.APIError{Method: "POST", Route: "/api/Report/WSJF", StatusCode: 400, Message: "unknown process code 10"}
	})
	q, err := queue.Open(dir, server)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer q.Close()

	_, err = q.Submit(context.Background(), exampleReport("0b6f6a52-3c1e-4d7a-9f43-6e2f7c1d9a02"))
	fmt.Println("rejected:", errors.Is(err, queue.ErrRejected), errors.Is(err, wats.ErrBadRequest))
	dead, _ := q.Dead()
	fmt.Println("dead letter:", len(dead), dead[0].LastStatus)

	n, _ := q.RequeueDead()
	st, _ := q.Stats()
	fmt.Println("requeued:", n, "pending:", st.Pending, "dead:", st.Dead)
	// Output:
	// rejected: true true
	// dead letter: 1 400
	// requeued: 1 pending: 1 dead: 0
}

// A full queue refuses a report and hands it back; nothing is dropped.
func ExampleWithCapacity() {
	dir, _ := os.MkdirTemp("", "wats-queue")
	defer os.RemoveAll(dir)
	q, err := queue.Open(dir, nil, queue.WithCapacity(1, 0)) // enqueue-only
	if err != nil {
		fmt.Println(err)
		return
	}
	defer q.Close()

	_, err = q.Enqueue(context.Background(), exampleReport("0b6f6a52-3c1e-4d7a-9f43-6e2f7c1d9a03"))
	fmt.Println("first:", err)
	_, err = q.Enqueue(context.Background(), exampleReport("0b6f6a52-3c1e-4d7a-9f43-6e2f7c1d9a04"))
	var refused *queue.RefusedError
	if errors.As(err, &refused) {
		fmt.Println("full:", errors.Is(err, queue.ErrQueueFull), "handed back:", refused.Report.ID())
	}
	// Output:
	// first: <nil>
	// full: true handed back: 0b6f6a52-3c1e-4d7a-9f43-6e2f7c1d9a04
}

// Wire the queue to a client: reports go through client.Report, and the
// client's return to online wakes the uploader. The emulator stands in for
// the server and its fault injection for an outage.
func ExampleOpen() {
	srv := watstest.NewServer()
	defer srv.Close()
	client, err := wats.New(srv.URL(), srv.Token(), wats.WithCircuitBreaker(2, 50*time.Millisecond))
	if err != nil {
		fmt.Println(err)
		return
	}
	wake := make(chan struct{}, 1)
	defer client.OnStatusChange(func(c wats.StatusChange) {
		if c.To == wats.StatusOnline {
			select {
			case wake <- struct{}{}:
			default:
			}
		}
	})()

	dir, _ := os.MkdirTemp("", "wats-queue")
	defer os.RemoveAll(dir)
	q, err := queue.Open(dir, client.Report,
		queue.WithWake(wake),
		queue.WithOnline(func() bool { return client.Status() != wats.StatusOffline }),
		queue.WithBackoff(20*time.Millisecond, 200*time.Millisecond))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer q.Close()
	srv.Inject(watstest.Fault{Method: "POST", Path: "/api/Report/WSJF", Status: 503, Times: 3})
	for i, id := range []string{"0b6f6a52-3c1e-4d7a-9f43-6e2f7c1d9a05", "0b6f6a52-3c1e-4d7a-9f43-6e2f7c1d9a06"} {
		rc, err := q.Submit(context.Background(), exampleReport(id))
		if err != nil {
			fmt.Println("not stored:", err)
			return
		}
		fmt.Println("unit", i, rc.State)
	}

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() {
		_ = q.Run(ctx)
		close(done)
	}()
	for {
		st, _ := q.Stats()
		if st.Pending == 0 && st.Sending == 0 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	<-done
	fmt.Println("on the server:", len(srv.Reports()))
	// Output:
	// unit 0 pending
	// unit 1 pending
	// on the server: 2
}
