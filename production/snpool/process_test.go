//go:build unix

package snpool_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/production"
	"github.com/watsgo/sdk/production/snpool"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// Environment of the child process the tests re-execute.
const (
	envChild = "SNPOOL_TEST_CHILD"
	envDir   = "SNPOOL_TEST_DIR"
	envURL   = "SNPOOL_TEST_URL"
	envToken = "SNPOOL_TEST_TOKEN"
	envCount = "SNPOOL_TEST_COUNT"
)

// TestChildProcess is the body of the re-executed test binary: it draws
// SNPOOL_TEST_COUNT numbers from the pool in SNPOOL_TEST_DIR (served by the
// parent's emulator) and prints each one as soon as Next returns it.
func TestChildProcess(t *testing.T) {
	if os.Getenv(envChild) != "1" {
		t.Skip("runs only as a child of the multi-process tests")
	}
	n, _ := strconv.Atoi(os.Getenv(envCount))
	c, err := wats.New(os.Getenv(envURL), os.Getenv(envToken))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	p, err := snpool.Open(os.Getenv(envDir), "SN", snpool.FromService(c.Production, nil),
		snpool.WithBatchSize(150), snpool.WithLowWater(40))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	out := bufio.NewWriterSize(os.Stdout, 64)
	for i := 0; i < n; i++ {
		sn, err := p.Next(context.Background())
		if err != nil {
			fmt.Fprintln(os.Stderr, "child:", err)
			os.Exit(3)
		}
		fmt.Fprintln(out, sn)
		out.Flush()
	}
	_ = p.Close()
	os.Exit(0)
}

// child starts the test binary as a pool user drawing count numbers.
func child(t *testing.T, srv *watstest.Server, dir string, count int) (*exec.Cmd, io.ReadCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), envChild+"=1", envDir+"="+dir, envURL+"="+srv.URL(), envToken+"="+srv.Token(), envCount+"="+strconv.Itoa(count))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	return cmd, out
}

// collect reads the numbers a child printed, calling after each.
func collect(r io.Reader, each func(sn string)) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		each(sc.Text())
	}
}

func serialServer(t *testing.T) *watstest.Server {
	srv := watstest.NewServer(watstest.WithSerialNumberType(watstest.SerialNumberTypeSeed{Name: "SN", Prefix: "SN", Digits: 6, Start: 1, End: 50000}))
	t.Cleanup(srv.Close)
	return srv
}

// TestTenThousandAcrossOutageAndRestarts hands out 10 000 numbers through
// four pool lifetimes (three restarts, one of them a SIGKILL of a child
// process mid-stream) and a server outage, and checks that none repeats and
// that each was taken on the server.
func TestTenThousandAcrossOutageAndRestarts(t *testing.T) {
	if testing.Short() {
		t.Skip("10 000 fsynced hand-outs")
	}
	const total = 10000
	srv, dir := serialServer(t), t.TempDir()
	c, err := wats.New(srv.URL(), srv.Token())
	require.NoError(t, err)
	src := snpool.FromService(c.Production, &production.TakeOptions{StationName: "pool-test"})
	seen := make(map[string]bool, total)
	add := func(sn string) {
		if seen[sn] {
			t.Errorf("number %s handed out twice", sn)
		}
		seen[sn] = true
	}
	openPool := func() *snpool.Pool {
		p, err := snpool.Open(dir, "SN", src, snpool.WithBatchSize(200), snpool.WithLowWater(50), snpool.WithRetryDelay(50*time.Millisecond))
		require.NoError(t, err)
		return p
	}

	// Life 1: a normal run.
	p := openPool()
	for i := 0; i < 2500; i++ {
		sn, err := p.Next(context.Background())
		require.NoError(t, err)
		add(sn)
	}
	require.NoError(t, p.Close())

	// Life 2: the server goes down; the pool keeps handing out what it
	// holds, then says clearly that it is empty; the server comes back.
	p = openPool()
	srv.Inject(watstest.Fault{Path: "/api/Production/SerialNumbers/Take", Status: http.StatusServiceUnavailable, Times: -1})
	duringOutage := 0
	for {
		sn, err := p.Next(context.Background())
		if err != nil {
			require.ErrorIs(t, err, snpool.ErrEmpty)
			require.ErrorIs(t, err, wats.ErrServer)
			break
		}
		add(sn)
		duringOutage++
	}
	assert.Positive(t, duringOutage, "numbers kept coming during the outage")
	srv.ClearFaults()
	for len(seen) < 5000 {
		sn, err := p.Next(context.Background())
		require.NoError(t, err)
		add(sn)
	}
	require.NoError(t, p.Close())

	// Life 3: a child process draws and is killed with SIGKILL mid-stream.
	cmd, out := child(t, srv, dir, total)
	got := 0
	sc := bufio.NewScanner(out)
	for sc.Scan() {
		add(sc.Text())
		got++
		if got == 2000 {
			require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
			break
		}
	}
	collect(out, func(sn string) { add(sn) })
	err = cmd.Wait()
	require.Error(t, err, "the child was killed")
	t.Logf("child handed out %d numbers before SIGKILL took effect", len(seen)-5000)

	// Life 4: reopen after the crash and finish.
	p = openPool()
	for len(seen) < total {
		sn, err := p.Next(context.Background())
		require.NoError(t, err)
		add(sn)
	}
	left, err := p.Drain()
	require.NoError(t, err)
	require.NoError(t, p.Close())

	require.Len(t, seen, total)
	taken := map[string]bool{}
	for _, sn := range srv.SerialNumbersTaken("SN") {
		taken[sn] = true
	}
	for sn := range seen {
		require.True(t, taken[sn], "%s was handed out but never taken on the server", sn)
	}
	for _, sn := range left {
		require.False(t, seen[sn], "drained number %s was also handed out", sn)
	}
	t.Logf("taken on the server %d, handed out %d, drained unused %d, lost to the crash %d",
		len(taken), len(seen), len(left), len(taken)-len(seen)-len(left))
}

// TestTwoProcessesNeverCollide runs two child processes on one pool
// directory at once.
func TestTwoProcessesNeverCollide(t *testing.T) {
	const each = 1500
	srv, dir := serialServer(t), t.TempDir()
	type result struct {
		sns []string
		err error
	}
	results := make(chan result, 2)
	for i := 0; i < 2; i++ {
		cmd, out := child(t, srv, dir, each)
		go func() {
			var r result
			collect(out, func(sn string) { r.sns = append(r.sns, sn) })
			r.err = cmd.Wait()
			results <- r
		}()
	}
	seen := map[string]int{}
	for i := 0; i < 2; i++ {
		r := <-results
		require.NoError(t, r.err)
		require.Len(t, r.sns, each)
		for _, sn := range r.sns {
			seen[sn]++
		}
	}
	require.Len(t, seen, 2*each, "some number was handed to both processes")
}
