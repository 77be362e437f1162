package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/standard"
	"github.com/watsgo/sdk/report/queue"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// watch converts every file dropped into cfg.watch and hands the reports to the
// offline queue, which uploads them to cfg.server (default: an in-process emulator).
func watch(ctx context.Context, cfg *config, stdout, stderr io.Writer) error {
	url, token := cfg.server, cfg.token
	if url == "" {
		srv := watstest.NewServer()
		defer srv.Close()
		url, token = srv.URL(), srv.Token()
		fmt.Fprintf(stdout, "emulator at %s\n", url)
	}
	client, err := wats.New(url, token)
	if err != nil {
		return err
	}
	return serve(ctx, cfg, client, stdout, stderr)
}

// serve runs the watcher and the queue's uploader until ctx ends. Every file event
// and every upload is printed to stdout.
func serve(ctx context.Context, cfg *config, client *wats.Client, stdout, stderr io.Writer) error {
	var mu sync.Mutex // stdout is shared by the watcher's and the queue's goroutines
	printf := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		fmt.Fprintf(stdout, format, args...)
	}
	if cfg.queueDir == "" {
		dir, err := os.MkdirTemp("", "converter-queue")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		cfg.queueDir = dir
	}
	q, err := queue.Open(cfg.queueDir, client.Report,
		queue.WithOnline(func() bool { return client.Status() != wats.StatusOffline }),
		queue.WithBackoff(200*time.Millisecond, 10*time.Second),
		queue.WithPollInterval(250*time.Millisecond),
		queue.WithEvents(func(e queue.Event) {
			switch e.Kind {
			case queue.EventSent:
				printf("sent %s\n", e.ID)
				if cfg.sent != nil {
					cfg.sent(e.ID)
				}
			case queue.EventFailed, queue.EventDead, queue.EventQuarantined:
				printf("upload %s %s: %v\n", e.Kind, e.ID, e.Err)
			}
		}))
	if err != nil {
		return err
	}
	defer q.Close()

	reg, err := standard.NewRegistry()
	if err != nil {
		return err
	}
	folder := convert.Folder{Path: cfg.watch, Sniff: true, PostAction: cfg.postAction, Params: cfg.params, Defaults: cfg.defaults,
		Processes: cfg.resolverOr(client.Process)}
	w, err := convert.NewWatcher(reg, convert.QueueSink(q), &convert.WatcherOptions{
		Folders:   []convert.Folder{folder},
		StableFor: 500 * time.Millisecond,
		OnEvent: func(e convert.Event) {
			switch {
			case e.Err != nil:
				printf("%s: %s (%s): %v\n", e.File, e.State, e.Converter, e.Err)
			case e.State == convert.StateDone:
				printf("%s: done (%s), %d report(s) queued\n", e.File, e.Converter, len(e.Reports))
			}
		},
	})
	if err != nil {
		return err
	}

	upCtx, stopUp := context.WithCancel(context.WithoutCancel(ctx))
	upDone := make(chan error, 1)
	go func() { upDone <- q.Run(upCtx) }()
	printf("watching %s (queue %s)\n", cfg.watch, cfg.queueDir)
	werr := w.Run(ctx)
	stopUp()
	qerr := <-upDone
	if errors.Is(werr, context.Canceled) {
		werr = nil
	}
	if errors.Is(qerr, context.Canceled) {
		qerr = nil
	}
	fmt.Fprintln(stderr, "converter: stopped")
	return errors.Join(werr, qerr)
}
