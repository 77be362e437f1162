//go:build linux

package queue_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/queue"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// Environment of the re-executed test binary.
const (
	envHelper = "WATSGO_QUEUE_HELPER"
	envDir    = "WATSGO_QUEUE_DIR"
	envURL    = "WATSGO_QUEUE_URL"
	envToken  = "WATSGO_QUEUE_TOKEN"
)

// stationClient is the client a station would use, without the breaker so
// every upload reaches the (flaky) emulator.
func stationClient(url, token string) (*wats.Client, error) {
	return wats.New(url, token, wats.WithCircuitBreaker(0, 0))
}

// TestHelperProcess is not a test: it is the child process of the crash and
// stale-lock tests, doing queue work until it is killed.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(envHelper)
	if mode == "" {
		t.Skip("child process of TestCrashSafety / TestStaleLockRecovered")
	}
	client, err := stationClient(os.Getenv(envURL), os.Getenv(envToken))
	if err != nil {
		fmt.Printf("ERR %v\n", err)
		os.Exit(3)
	}
	q, err := queue.Open(os.Getenv(envDir), client.Report,
		queue.WithBackoff(5*time.Millisecond, 50*time.Millisecond),
		queue.WithPollInterval(20*time.Millisecond),
		queue.WithAttemptTimeout(time.Second))
	if err != nil {
		fmt.Printf("ERR %v\n", err)
		os.Exit(3)
	}
	if mode == "lock" {
		fmt.Printf("LOCKED %v\n", q.Uploader())
		select {} // hold the lock until killed
	}
	go func() { _ = q.Run(context.Background()) }()
	fmt.Println("READY")
	for i := 0; ; i++ {
		id := newGUID(t)
		r := emulatorReport(t, id, 5)
		if i%3 == 0 {
			_, err = q.Enqueue(context.Background(), r)
		} else {
			_, err = q.Submit(context.Background(), r)
		}
		// One write per line: a kill never leaves half an id behind that
		// the parent would count.
		if err == nil {
			_, _ = os.Stdout.WriteString("ACK " + id + "\n")
		} else {
			_, _ = os.Stdout.WriteString("REFUSED " + id + " " + strings.ReplaceAll(err.Error(), "\n", " ") + "\n")
		}
	}
}

// TestCrashSafety kills a child that enqueues and uploads against a live,
// flaky emulator with SIGKILL at random moments, then drains what is left:
// every report the child was told was queued or sent is on the emulator,
// exactly once.
func TestCrashSafety(t *testing.T) {
	kills := 200
	if testing.Short() {
		kills = 25
	}
	srv := watstest.NewServer()
	defer srv.Close()
	dir := t.TempDir()
	acked := map[string]bool{}
	refused := 0
	start := time.Now()
	for i := 0; i < kills; i++ {
		// A different misbehaviour for each child: some uploads fail with
		// 503 or a dropped connection, which Submit turns into "queued".
		srv.ClearFaults()
		switch i % 3 {
		case 0:
			srv.Inject(watstest.Fault{Method: "POST", Path: "/api/Report/WSJF", Status: 503, Times: 2})
		case 1:
			srv.Inject(watstest.Fault{Method: "POST", Path: "/api/Report/WSJF", Reset: true, Times: 2})
		}
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), envHelper+"=crash", envDir+"="+dir, envURL+"="+srv.URL(), envToken+"="+srv.Token())
		cmd.Stderr = os.Stderr
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		lines := make(chan string, 1024)
		go func() {
			defer close(lines)
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			_, _ = io.Copy(io.Discard, out)
		}()
		// Most kills land while work runs, after a random number of
		// acknowledgements; some during start-up (Open, orphan recovery).
		if rand.IntN(5) > 0 {
			waitAcks(t, lines, acked, &refused, rand.IntN(4))
		}
		time.Sleep(time.Duration(rand.IntN(15_000)) * time.Microsecond)
		require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
		for l := range lines {
			record(t, l, acked, &refused)
		}
		_ = cmd.Wait()
	}
	childTime := time.Since(start)

	srv.ClearFaults()
	client, err := stationClient(srv.URL(), srv.Token())
	require.NoError(t, err)
	q, err := queue.Open(dir, client.Report, queue.WithPollInterval(20*time.Millisecond))
	require.NoError(t, err)
	defer q.Close()
	require.True(t, q.Uploader(), "the killed children's lock is gone")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- q.Run(ctx) }()
	deadline := time.Now().Add(60 * time.Second)
	for {
		s, err := q.Stats()
		require.NoError(t, err)
		if s.Pending == 0 && s.Sending == 0 {
			break
		}
		require.True(t, time.Now().Before(deadline), "final drain stuck: %s", s)
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	require.NoError(t, <-done)

	stored := map[string]int{} // id -> rows on the emulator
	redelivered := 0
	for _, r := range srv.Reports() {
		stored[r.ID]++
		if r.ReceiveCount > 1 {
			redelivered++
		}
	}
	lost := 0
	for id := range acked {
		switch n := stored[id]; {
		case n == 0:
			lost++
			t.Errorf("report %s was acknowledged to the station but is not on the emulator", id)
		case n > 1:
			t.Errorf("report %s is on the emulator %d times", id, n)
		}
	}
	s, err := q.Stats()
	require.NoError(t, err)
	assert.Zero(t, lost)
	assert.Zero(t, s.Dead, "no dead letters")
	assert.Zero(t, s.Quarantined, "a kill never leaves a corrupt entry")
	assert.Greater(t, len(acked), kills/2, "the children got work done between kills")
	t.Logf("%d kills in %v; %d reports acknowledged, %d refused; all on the emulator exactly once (%d received more than once: a kill hit between upload and removal, the store de-duplicated them by id)",
		kills, childTime.Round(time.Millisecond), len(acked), refused, redelivered)
}

// waitAcks consumes the child's output until it is READY and has
// acknowledged n more reports.
func waitAcks(t *testing.T, lines <-chan string, acked map[string]bool, refused *int, n int) {
	t.Helper()
	timeout := time.After(30 * time.Second)
	ready := false
	for {
		if ready && n <= 0 {
			return
		}
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatal("child exited on its own")
			}
			if l == "READY" {
				ready = true
				continue
			}
			if record(t, l, acked, refused) {
				n--
			}
		case <-timeout:
			t.Fatal("child made no progress within 30s")
		}
	}
}

// record notes one line of child output and reports whether it was an
// acknowledgement.
func record(t *testing.T, line string, acked map[string]bool, refused *int) bool {
	t.Helper()
	switch {
	case strings.HasPrefix(line, "ACK ") && len(line) == len("ACK ")+36:
		acked[line[4:]] = true
		return true
	case strings.HasPrefix(line, "REFUSED "):
		*refused++
	case strings.HasPrefix(line, "ERR "):
		t.Errorf("child: %s", line)
	}
	return false
}

// TestStaleLockRecovered: the uploader lock of a SIGKILLed process does not
// block the next uploader.
func TestStaleLockRecovered(t *testing.T) {
	dir := t.TempDir()
	srv := watstest.NewServer()
	defer srv.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), envHelper+"=lock", envDir+"="+dir, envURL+"="+srv.URL(), envToken+"="+srv.Token())
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "LOCKED true\n", line)

	var mu sync.Mutex
	uploads := 0
	sub := queue.SubmitterFunc(func(ctx context.Context, r *report.Report) (string, error) {
		mu.Lock()
		uploads++
		mu.Unlock()
		return r.ID(), nil
	})
	q, err := queue.Open(dir, sub, queue.WithPollInterval(20*time.Millisecond))
	require.NoError(t, err)
	defer q.Close()
	assert.False(t, q.Uploader(), "the live child holds the lock")
	rc, err := q.Submit(context.Background(), emulatorReport(t, newGUID(t), 1))
	require.NoError(t, err)
	assert.ErrorIs(t, rc.Err, queue.ErrNotUploader)

	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	_ = cmd.Wait()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- q.Run(ctx) }()
	defer func() {
		cancel()
		<-done
	}()
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		n := uploads
		mu.Unlock()
		if q.Uploader() && n == 1 {
			return
		}
		require.True(t, time.Now().Before(deadline), "no take-over after the holder died")
		time.Sleep(5 * time.Millisecond)
	}
}
