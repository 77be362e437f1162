//go:build linux

package queue

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Environment of the re-executed test binary.
const (
	envHelper = "WATSGO_QUEUE_HELPER"
	envDir    = "WATSGO_QUEUE_DIR"
	envURL    = "WATSGO_QUEUE_URL"
)

// TestHelperProcess is not a test: it is the child process of the crash and
// stale-lock tests, doing queue work until it is killed.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(envHelper)
	if mode == "" {
		t.Skip("child process of TestCrashSafety / TestStaleLockRecovered")
	}
	dir, url := os.Getenv(envDir), os.Getenv(envURL)
	q, err := Open(dir, newHTTPSubmitter(url),
		WithBackoff(5*time.Millisecond, 50*time.Millisecond),
		WithPollInterval(20*time.Millisecond),
		WithAttemptTimeout(time.Second))
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
		id := newID()
		r := newReport(t, id, 5)
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

// TestCrashSafety kills a child that enqueues and uploads against a flaky
// server with SIGKILL at random moments, then drains what is left: every
// report the child was told was queued or sent is on the server, filed
// exactly once.
func TestCrashSafety(t *testing.T) {
	kills := 200
	if testing.Short() {
		kills = 25
	}
	srv := newReportServer(t)
	srv.setMode(modeFlaky)
	dir := t.TempDir()
	acked := map[string]bool{}
	refused := 0
	start := time.Now()
	for i := 0; i < kills; i++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), envHelper+"=crash", envDir+"="+dir, envURL+"="+srv.srv.URL)
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

	srv.setMode(modeUp)
	q := mustOpen(t, dir, newHTTPSubmitter(srv.srv.URL))
	require.True(t, q.Uploader(), "the killed children's lock is gone")
	stop := runQueue(t, q)
	waitFor(t, 60*time.Second, "final drain", func() bool { return drained(q) })
	stop()

	got := srv.deliveries()
	lost, redelivered := 0, 0
	for id := range acked {
		switch n := got[id]; {
		case n == 0:
			lost++
			t.Errorf("report %s was acknowledged to the station but never arrived", id)
		case n > 1:
			redelivered++
		}
	}
	s, err := q.Stats()
	require.NoError(t, err)
	assert.Zero(t, lost)
	assert.Zero(t, s.Dead, "no dead letters")
	assert.Zero(t, s.Quarantined, "a kill never leaves a corrupt entry")
	assert.Greater(t, len(acked), kills/2, "the children got work done between kills")
	t.Logf("%d kills in %v; %d reports acknowledged, %d refused, all %d on the server once (the store de-duplicates by id; %d were posted more than once because a kill hit between upload and removal)",
		kills, childTime.Round(time.Millisecond), len(acked), refused, len(acked)-lost, redelivered)
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
	srv := newReportServer(t)
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), envHelper+"=lock", envDir+"="+dir, envURL+"="+srv.srv.URL)
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "LOCKED true\n", line)

	sub := newFake(nil)
	q := mustOpen(t, dir, sub)
	assert.False(t, q.Uploader(), "the live child holds the lock")
	id := newID()
	rc, err := q.Submit(context.Background(), newReport(t, id, 1))
	require.NoError(t, err)
	assert.ErrorIs(t, rc.Err, ErrNotUploader)

	require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
	_ = cmd.Wait()
	runQueue(t, q)
	waitFor(t, 5*time.Second, "take-over after the holder died", func() bool { return q.Uploader() && sub.count(id) == 1 })
}
