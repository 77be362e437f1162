//go:build linux

package convert

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/queue"
)

const (
	envHelper   = "WATSGO_CONVERT_HELPER"
	envWatchDir = "WATSGO_CONVERT_WATCH"
	envQueueDir = "WATSGO_CONVERT_QUEUE"
)

// TestConvertHelperProcess is not a test: it is the child of TestSIGKILL, a
// watcher converting into the offline queue until it is killed (or, in "drain"
// mode, until the folder is empty).
func TestConvertHelperProcess(t *testing.T) {
	mode := os.Getenv(envHelper)
	if mode == "" {
		t.Skip("child process of TestSIGKILL")
	}
	q, err := queue.Open(os.Getenv(envQueueDir), nil) // enqueue only: entries stay to be counted
	if err != nil {
		fmt.Printf("ERR %v\n", err)
		os.Exit(3)
	}
	reg, _ := NewRegistry(newFake("fake"))
	dir := os.Getenv(envWatchDir)
	o := fastOptions(Folder{Path: dir, Converter: "fake", PostAction: Move})
	o.Workers = 4
	o.OnEvent = func(e Event) {
		switch e.State {
		case StateDone, StateError:
			_, _ = os.Stdout.WriteString(strings.ToUpper(string(e.State)) + " " + filepath.Base(e.File) + "\n")
		}
	}
	w, err := NewWatcher(reg, QueueSink(q), o)
	if err != nil {
		fmt.Printf("ERR %v\n", err)
		os.Exit(3)
	}
	ctx, cancel := context.WithCancel(context.Background())
	if mode == "drain" {
		go func() {
			for {
				time.Sleep(20 * time.Millisecond)
				des, _ := os.ReadDir(dir)
				left := 0
				for _, de := range des {
					if !de.IsDir() {
						left++
					}
				}
				if left == 0 {
					cancel()
					return
				}
			}
		}()
	}
	fmt.Println("READY")
	if err := w.Run(ctx); err != nil {
		fmt.Printf("ERR %v\n", err)
		os.Exit(3)
	}
	os.Exit(0)
}

// TestSIGKILL kills a watcher converting into the offline queue with SIGKILL at
// random moments mid-batch and restarts it. After every kill, every file is either
// done (in Done/) with all its reports in the queue exactly once, or still pending
// in the watched folder with none of its reports in the queue twice; a last run
// finishes the folder, and then every report of every file is queued exactly once.
func TestSIGKILL(t *testing.T) {
	files, kills := 400, 12
	if testing.Short() {
		files, kills = 150, 4
	}
	watch, qdir := t.TempDir(), t.TempDir()
	want := map[string]int{} // file -> reports
	old := time.Now().Add(-time.Hour)
	for i := 0; i < files; i++ {
		n := i%3 + 1
		body := "FAKE\n"
		for j := 0; j < n; j++ {
			body += fmt.Sprintf("sn=F%04d-%d\n", i, j)
			if i%2 == 1 {
				body += "random\n" // a converter choosing random ids: the ledger's intent keeps them
			}
		}
		name := fmt.Sprintf("f%04d.fake", i)
		p := filepath.Join(watch, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		require.NoError(t, os.Chtimes(p, old, old.Add(time.Duration(i)*time.Millisecond)))
		want[name] = n
	}
	run := func(mode string, kill bool) (doneLines int) {
		cmd := exec.Command(os.Args[0], "-test.run=^TestConvertHelperProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), envHelper+"="+mode, envWatchDir+"="+watch, envQueueDir+"="+qdir)
		cmd.Stderr = os.Stderr
		out, err := cmd.StdoutPipe()
		require.NoError(t, err)
		require.NoError(t, cmd.Start())
		lines := make(chan string, 4096)
		go func() {
			defer close(lines)
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
		}()
		target := rand.IntN(files / kills * 2)
		killed := false
		timeout := time.After(60 * time.Second)
		// Kill after target files are done, or at a random moment (the folder
		// may hold fewer files than target by now).
		var killAt <-chan time.Time
		for !killed {
			select {
			case <-killAt:
				require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
				killed = true
			case l, ok := <-lines:
				if !ok {
					require.NoError(t, cmd.Wait())
					return doneLines
				}
				switch {
				case l == "READY" && kill:
					killAt = time.After(time.Duration(rand.IntN(400)) * time.Millisecond)
				case strings.HasPrefix(l, "ERR "), strings.HasPrefix(l, "ERROR "):
					t.Errorf("child: %s", l)
				case strings.HasPrefix(l, "DONE "):
					doneLines++
				}
				if kill && doneLines >= target {
					// Land somewhere inside the next file's hand-over.
					time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
					require.NoError(t, cmd.Process.Signal(syscall.SIGKILL))
					killed = true
				}
			case <-timeout:
				_ = cmd.Process.Kill()
				t.Fatal("child made no progress")
			}
		}
		for range lines {
		}
		_ = cmd.Wait()
		return doneLines
	}

	for k := 0; k < kills; k++ {
		run("crash", true)
		checkCrashState(t, watch, qdir, want, false)
	}
	run("drain", false)
	checkCrashState(t, watch, qdir, want, true)
}

// checkCrashState checks the invariant after a kill (or, with final, that
// everything is done).
func checkCrashState(t *testing.T, watch, qdir string, want map[string]int, final bool) {
	t.Helper()
	queued := map[string]int{} // serial -> entries
	des, err := os.ReadDir(qdir)
	require.NoError(t, err)
	for _, de := range des {
		if !strings.HasSuffix(de.Name(), ".pending") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(qdir, de.Name()))
		require.NoError(t, err)
		_, body, ok := bytes.Cut(b, []byte("\n"))
		require.True(t, ok)
		r, err := report.Parse(body)
		require.NoError(t, err, de.Name())
		queued[r.Header.SN.Value()]++
	}
	doneN, pendingN, caught := 0, 0, 0
	for name, n := range want {
		inDone := exists(filepath.Join(watch, "Done", name))
		inWatch := exists(filepath.Join(watch, name))
		require.False(t, exists(filepath.Join(watch, "Error", name)), "%s went to Error/", name)
		require.True(t, inDone != inWatch, "%s: done=%v pending=%v", name, inDone, inWatch)
		some := false
		for j := 0; j < n; j++ {
			sn := fmt.Sprintf("F%s-%d", strings.TrimSuffix(strings.TrimPrefix(name, "f"), ".fake"), j)
			c := queued[sn]
			some = some || c > 0
			require.LessOrEqual(t, c, 1, "%s queued %d times", sn, c)
			if inDone {
				require.Equal(t, 1, c, "%s is done but its report %s is not queued", name, sn)
			}
		}
		if inDone {
			doneN++
		} else {
			pendingN++
			if some {
				caught++ // killed between hand-over and post-action
			}
		}
	}
	if final {
		assert.Zero(t, pendingN, "the last run finishes the folder")
		total := 0
		for _, n := range want {
			total += n
		}
		assert.Len(t, queued, total)
	}
	t.Logf("after run: %d done, %d pending (%d of them with reports queued: killed mid hand-over), %d reports queued",
		doneN, pendingN, caught, len(queued))
}
