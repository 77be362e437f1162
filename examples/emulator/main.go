// Command emulator runs the in-memory WATS emulator (package watstest) as a
// standalone HTTP server, so station code in any language can be tested
// against it:
//
//	go run ./examples/emulator -addr 127.0.0.1:8080 -token d2F0c3Rlc3Q6c2VjcmV0
//	curl -H "Authorization: Basic d2F0c3Rlc3Q6c2VjcmV0" http://127.0.0.1:8080/api/App/Version
//
// Optional seed files replace the default data:
//
//	-processes processes.json   JSON array of {"Code":100,"Name":"End of line test","Test":true, ...}
//	                            (fields of watstest.Process)
//	-levels levels.json         JSON array of {"ID":1,"Name":"PCBA"}
//
// Every request is logged on stderr; SIGINT or SIGTERM stops the server
// after in-flight requests finish (at most 5 s).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/watsgo/sdk/wats/watstest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	token := flag.String("token", watstest.DefaultToken, `token accepted in "Authorization: Basic <token>"`)
	procFile := flag.String("processes", "", "JSON file with the process list (watstest.Process fields)")
	levelFile := flag.String("levels", "", "JSON file with the production levels (watstest.AppLevel fields)")
	flag.Parse()

	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if err := run(*addr, *token, *procFile, *levelFile, logger); err != nil {
		logger.Error("emulator stopped", "error", err)
		os.Exit(1)
	}
}

func run(addr, token, procFile, levelFile string, logger *slog.Logger) error {
	opts := []watstest.Option{watstest.WithToken(token), watstest.WithRequestHook(func(r watstest.LoggedRequest) {
		// The emulator's log never holds the Authorization header.
		logger.Info("request", "method", r.Method, "path", r.Path, "query", r.Query, "status", r.Status,
			"bytes_in", r.BodySize, "duration", r.Duration.Round(time.Microsecond), "request_id", r.Header.Get("X-Request-ID"))
	})}
	if procFile != "" {
		var ps []watstest.Process
		if err := readJSON(procFile, &ps); err != nil {
			return err
		}
		opts = append(opts, watstest.WithProcesses(ps...))
	}
	if levelFile != "" {
		var ls []watstest.AppLevel
		if err := readJSON(levelFile, &ls); err != nil {
			return err
		}
		opts = append(opts, watstest.WithLevels(ls...))
	}
	emu := watstest.NewHandler(opts...)

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	srv := &http.Server{Handler: emu, ReadHeaderTimeout: 10 * time.Second}
	logger.Info("WATS emulator listening", "url", "http://"+ln.Addr().String())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	logger.Info("shutting down")
	emu.ClearFaults() // release hanging requests
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
