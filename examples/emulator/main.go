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
//	-reports 'seed/*.json'      WSJF reports (UUT or UUR) to preload; a glob
//
// Further flags:
//
//	-contract strict|lenient|off  how the emulator holds requests and answers to the
//	                              WATS server's own API documents (default: the
//	                              WATSTEST_CONTRACT environment variable, else the
//	                              package default); see package watstest, "Contract"
//	-lenient                      short for -contract lenient
//	-data DIR                     keep every accepted WSJF and WSXF report in DIR
//	                              and serve them again after a restart
//
// At start the command prints the URL, the token and the admin URL on
// stdout. The admin API, outside /api and behind the same token, lets test
// code in any language control the emulator:
//
//	POST   /_watstest/faults     inject faults: a watstest.Fault as JSON or an array,
//	                             e.g. {"Path":"/api/Report","Status":503,"RetryAfter":"2","Times":3}
//	                             ({"Reset":true}, {"Hang":true}, {"Latency":"2s"}, ...)
//	DELETE /_watstest/faults     clear faults, release hanging requests
//	GET    /_watstest/requests   the request log; DELETE forgets it
//	GET    /_watstest/contract   contract figures: exchanges, refused requests, ...
//
//	curl -X POST -H "Authorization: Basic $TOKEN" -d '{"Status":503,"Times":2}' http://127.0.0.1:8080/_watstest/faults
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
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/watsgo/sdk/wats/watstest"
)

func main() {
	var cfg config
	addr := flag.String("addr", "127.0.0.1:8080", "listen address")
	flag.StringVar(&cfg.token, "token", watstest.DefaultToken, `token accepted in "Authorization: Basic <token>"`)
	flag.StringVar(&cfg.procFile, "processes", "", "JSON file with the process list (watstest.Process fields)")
	flag.StringVar(&cfg.levelFile, "levels", "", "JSON file with the production levels (watstest.AppLevel fields)")
	flag.StringVar(&cfg.reportGlob, "reports", "", "glob of WSJF report files to preload")
	flag.StringVar(&cfg.contract, "contract", "", "contract mode: strict, lenient or off (default: $WATSTEST_CONTRACT, else the package default)")
	lenient := flag.Bool("lenient", false, "short for -contract lenient")
	flag.StringVar(&cfg.dataDir, "data", "", "directory keeping accepted reports across restarts")
	flag.Usage = usage
	flag.Parse()
	if *lenient {
		cfg.contract = watstest.Lenient.String()
	}

	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := net.Listen("tcp", *addr)
	if err == nil {
		err = run(ctx, ln, cfg, logger)
	}
	if err != nil {
		logger.Error("emulator stopped", "error", err)
		os.Exit(1)
	}
}

// usage prints the flags and the admin API.
func usage() {
	out := flag.CommandLine.Output()
	fmt.Fprintf(out, "Usage: %s [flags]\n\nRuns the in-memory WATS emulator.\n\nFlags:\n", os.Args[0])
	flag.PrintDefaults()
	fmt.Fprint(out, `
Admin API (outside /api, same "Authorization: Basic <token>"):
  GET    /_watstest/            list of endpoints
  POST   /_watstest/faults      inject faults: a watstest.Fault as JSON, or an array,
                                e.g. {"Path":"/api/Report","Status":503,"RetryAfter":"2","Times":3}
  DELETE /_watstest/faults      clear faults, release hanging requests
  GET    /_watstest/requests    the request log (DELETE forgets it)
  GET    /_watstest/contract    contract figures: exchanges, refused requests, ...
`)
}

// config holds the command's settings.
type config struct {
	token, procFile, levelFile, reportGlob string
	contract                               string    // "" for the package default
	dataDir                                string    // "" for no persistence
	out                                    io.Writer // where the start banner goes (default stdout)
}

// run serves the emulator on ln until ctx ends, then shuts down gracefully.
func run(ctx context.Context, ln net.Listener, cfg config, logger *slog.Logger) error {
	opts, err := seedOptions(cfg)
	if err != nil {
		ln.Close()
		return err
	}
	opts = append(opts, watstest.WithRequestHook(func(r watstest.LoggedRequest) {
		// The emulator's log never holds the Authorization header.
		logger.Info("request", "method", r.Method, "path", r.Path, "query", r.Query, "status", r.Status,
			"bytes_in", r.BodySize, "duration", r.Duration.Round(time.Microsecond), "request_id", r.Header.Get("X-Request-ID"))
	}))
	emu, err := newEmulator(opts)
	if err != nil {
		ln.Close()
		return err
	}

	var api http.Handler = emu
	if cfg.dataDir != "" {
		store := &reportStore{dir: cfg.dataDir, token: cfg.token, next: emu}
		n, err := store.restore(emu)
		if err != nil {
			ln.Close()
			return err
		}
		logger.Info("reports restored", "dir", cfg.dataDir, "count", n)
		api = store
	}
	mux := http.NewServeMux()
	mux.Handle(watstest.AdminPrefix, emu.AdminHandler())
	mux.Handle("/", api)

	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	url := "http://" + ln.Addr().String()
	logger.Info("WATS emulator listening", "url", url, "reports", len(emu.Reports()), "contract", emu.ContractMode().String())
	out := cfg.out
	if out == nil {
		out = os.Stdout
	}
	fmt.Fprintf(out, "WATS emulator\n  URL:      %s\n  token:    %s   (Authorization: Basic <token>)\n  admin:    %s%s\n  contract: %s\n",
		url, cfg.token, url, watstest.AdminPrefix, emu.ContractMode())
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

// seedOptions turns the seed flags into emulator options.
func seedOptions(cfg config) ([]watstest.Option, error) {
	opts := []watstest.Option{watstest.WithToken(cfg.token)}
	if cfg.contract != "" {
		mode, err := watstest.ParseContractMode(cfg.contract)
		if err != nil {
			return nil, err
		}
		opts = append(opts, watstest.WithContract(mode))
	}
	if cfg.procFile != "" {
		var ps []watstest.Process
		if err := readJSON(cfg.procFile, &ps); err != nil {
			return nil, err
		}
		opts = append(opts, watstest.WithProcesses(ps...))
	}
	if cfg.levelFile != "" {
		var ls []watstest.AppLevel
		if err := readJSON(cfg.levelFile, &ls); err != nil {
			return nil, err
		}
		opts = append(opts, watstest.WithLevels(ls...))
	}
	if cfg.reportGlob != "" {
		files, err := filepath.Glob(cfg.reportGlob)
		if err != nil {
			return nil, fmt.Errorf("-reports %q: %w", cfg.reportGlob, err)
		}
		if len(files) == 0 {
			return nil, fmt.Errorf("-reports %q matches no file", cfg.reportGlob)
		}
		sources := make([]any, len(files))
		for i, f := range files {
			sources[i] = f
		}
		opts = append(opts, watstest.WithReports(sources...))
	}
	return opts, nil
}

// newEmulator builds the handler; seed data the emulator refuses (a seed
// file that is not a valid report, an unknown process) is an error for the
// command line.
func newEmulator(opts []watstest.Option) (*watstest.Emulator, error) {
	emu := watstest.NewHandler(opts...)
	if err := emu.SeedErr(); err != nil {
		return nil, fmt.Errorf("seed data refused: %w", err)
	}
	return emu, nil
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
