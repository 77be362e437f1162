package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/wats"
	"github.com/watsgo/sdk/wats/watstest"
)

// syncBuffer is a bytes.Buffer safe for the watcher's and the test's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestWatch drops two good files and a bad one into a watched folder: the good
// ones' reports reach the emulator through the offline queue and the files move to
// Done/; the bad one goes to Error/ with its sidecar.
func TestWatch(t *testing.T) {
	dir := t.TempDir()
	// The repair file names fail codes of its own server's tree; the
	// emulator, like a server, accepts only codes its repair operation has.
	procs := watstest.DefaultProcesses()
	for i := range procs {
		if procs[i].Code == 500 {
			procs[i].FailCategories = append(procs[i].FailCategories,
				watstest.FailCategory{Name: "Solder Process", Codes: []string{"Appearance"}},
				watstest.FailCategory{Name: "Assembly Process", Codes: []string{"Missing component"}})
		}
	}
	srv := watstest.NewServer(watstest.WithProcesses(procs...))
	defer srv.Close()
	require.NoError(t, srv.SeedErr())
	client, err := wats.New(srv.URL(), srv.Token())
	require.NoError(t, err)

	cfg, err := parseFlags([]string{"-watch", dir, "-queue", t.TempDir(), "-tz", "UTC", "-station", "ST1", "-location", "Lab", "-purpose", "Test",
		"-operator", "op", "-process", "SW Debug=10,Repair=500"}, os.Stderr)
	require.NoError(t, err)
	sent := make(chan string, 10)
	cfg.sent = func(id string) { sent <- id }

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out, errOut syncBuffer
	done := make(chan error, 1)
	go func() { done <- serve(ctx, cfg, client, &out, &errOut) }()

	for _, f := range []string{"wsxf/testdata/synthetic-uut-wsxf.xml", "wsxf/testdata/uur-wsxf.xml"} {
		data, err := os.ReadFile(filepath.Join(fixtures, f))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(dir, filepath.Base(f)), data, 0o644))
	}
	require.NoError(t, os.WriteFile(filepath.Join(dir, "bad.xml"), []byte(`<Reports xmlns="`+"http://wats.virinco.com/schemas/WATS/Report/wsxf"+`"><Report type="UUT"/></Reports>`), 0o644))

	ids := map[string]bool{}
	deadline := time.After(60 * time.Second)
	for len(ids) < 2 {
		select {
		case id := <-sent:
			ids[id] = true
		case <-deadline:
			t.Fatalf("reports not uploaded; output:\n%s", out.String())
		}
	}
	assert.True(t, ids["5b0e7f2a-9c1d-4e3b-8a6f-0d2c4b6e8f10"])
	assert.True(t, ids["22f77b28-80b3-4ad4-83b7-6439f1ccc245"])

	r, err := client.Report.Load(ctx, "5b0e7f2a-9c1d-4e3b-8a6f-0d2c4b6e8f10")
	require.NoError(t, err)
	assert.Equal(t, "SYN-0001", r.SerialNumber())
	assert.Equal(t, "ST1", r.Header.MachineName.Value())

	require.Eventually(t, func() bool {
		_, err1 := os.Stat(filepath.Join(dir, "Done", "synthetic-uut-wsxf.xml"))
		_, err2 := os.Stat(filepath.Join(dir, "Error", "bad.xml"))
		return err1 == nil && err2 == nil
	}, 30*time.Second, 50*time.Millisecond, out.String())
	sidecars, _ := filepath.Glob(filepath.Join(dir, "Error", "bad*.error.json"))
	assert.Len(t, sidecars, 1)

	cancel()
	select {
	case err := <-done:
		require.NoError(t, err)
	case <-time.After(60 * time.Second):
		t.Fatal("watch mode did not stop")
	}
	log := out.String()
	assert.Contains(t, log, "synthetic-uut-wsxf.xml: done (wsxf), 1 report(s) queued")
	assert.Contains(t, log, "bad.xml: "+string(convert.StateError))
	assert.Contains(t, log, "sent 5b0e7f2a-9c1d-4e3b-8a6f-0d2c4b6e8f10")
}

// TestWatchEmbeddedEmulator runs watch mode as the command line does, against the
// default in-process emulator, until the file's report is uploaded.
func TestWatchEmbeddedEmulator(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile(filepath.Join(fixtures, "wsxf/testdata/synthetic-uut-wsxf.xml"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "uut.xml"), data, 0o644))
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	var out, errOut syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-watch", dir, "-post-action", "Delete", "-tz", "UTC", "-station", "ST1", "-location", "Lab", "-purpose", "Test"}, &out, &errOut)
	}()
	require.Eventually(t, func() bool {
		return bytes.Contains([]byte(out.String()), []byte("sent 5b0e7f2a-9c1d-4e3b-8a6f-0d2c4b6e8f10"))
	},
		50*time.Second, 50*time.Millisecond, "output: %s / %s", &out, &errOut)
	cancel()
	require.NoError(t, <-done)
	assert.Contains(t, out.String(), "emulator at http")
	_, err = os.Stat(filepath.Join(dir, "uur.xml"))
	assert.True(t, os.IsNotExist(err), "Delete post-action")
}
