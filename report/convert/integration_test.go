package convert_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/standard"
)

// fixtureResolver maps the process names of the shared fixtures.
type fixtureResolver struct{}

func (fixtureResolver) TestOperationCode(_ context.Context, name string) (int, error) {
	if strings.EqualFold(name, "SW Debug") {
		return 10, nil
	}
	return 0, fmt.Errorf("%w: %q", convert.ErrUnknownProcess, name)
}

func (fixtureResolver) RepairOperationCode(_ context.Context, name string) (int, error) {
	if strings.EqualFold(name, "Repair") {
		return 500, nil
	}
	return 0, fmt.Errorf("%w: %q", convert.ErrUnknownProcess, name)
}

// TestWatcherStandardConverters drops every standard-format fixture into one
// sniffing folder: each file is recognised by content, converted by the right
// converter, validated and handed over, and moved to Done/.
func TestWatcherStandardConverters(t *testing.T) {
	fixtures := "../../../shared/fixtures/convert"
	want := map[string]string{} // file -> converter
	dir := t.TempDir()
	for sub, conv := range map[string]string{"atml": "atml", "wsxf": "wsxf", "wrml": "wrml", "wsjf": "wsjf", "wstf": "wstf"} {
		des, err := os.ReadDir(filepath.Join(fixtures, sub))
		if err != nil {
			t.Skip("fixtures not found:", err)
		}
		for _, de := range des {
			ext := strings.ToLower(filepath.Ext(de.Name()))
			if de.IsDir() || (ext != ".xml" && ext != ".json" && ext != ".txt") {
				continue
			}
			b, err := os.ReadFile(filepath.Join(fixtures, sub, de.Name()))
			require.NoError(t, err)
			name := sub + "-" + de.Name()
			require.NoError(t, os.WriteFile(filepath.Join(dir, name), b, 0o644))
			want[name] = conv
		}
	}
	reg, err := convert.NewRegistry(standard.Converters()...)
	require.NoError(t, err)
	var mu sync.Mutex
	var accepted []*report.Report
	sink := convert.SinkFunc(func(_ context.Context, r *report.Report) error {
		mu.Lock()
		accepted = append(accepted, r)
		mu.Unlock()
		return nil
	})
	got := map[string]convert.Event{}
	all := make(chan struct{})
	w, err := convert.NewWatcher(reg, sink, &convert.WatcherOptions{
		Folders: []convert.Folder{{Path: dir, Sniff: true, PostAction: convert.Move, Processes: fixtureResolver{},
			Defaults: convert.Defaults{Location: time.UTC, Station: report.Station{Name: "st", Location: "Line 1", Purpose: "Test"}}}},
		StableFor: 10 * time.Millisecond,
		OnEvent: func(e convert.Event) {
			if e.State != convert.StateDone && e.State != convert.StateError {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			got[filepath.Base(e.File)] = e
			if len(got) == len(want) {
				close(all)
			}
		},
	})
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	select {
	case <-all:
	case <-time.After(60 * time.Second):
		t.Fatal("fixtures not all processed")
	}
	cancel()
	require.NoError(t, <-done)
	for name, conv := range want {
		e := got[name]
		if assert.Equal(t, convert.StateDone, e.State, "%s: %v", name, e.Err) {
			assert.Equal(t, conv, e.Converter, name)
			assert.NotEmpty(t, e.Reports, name)
			assert.FileExists(t, filepath.Join(dir, "Done", name))
		}
	}
	for _, r := range accepted {
		assert.NoError(t, r.Validate(), r.ID())
	}
	t.Logf("%d fixture files, %d reports", len(want), len(accepted))
}
