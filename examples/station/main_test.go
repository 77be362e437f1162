package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestStationRidesOutOutage runs the station loop: units tested while the
// server is down are queued, and every report is on the server at the end.
func TestStationRidesOutOutage(t *testing.T) {
	var out bytes.Buffer
	err := run(context.Background(), &out, config{reports: 9, dir: t.TempDir(), cycle: 20 * time.Millisecond})
	require.NoError(t, err, out.String())
	s := out.String()
	assert.Contains(t, s, "-- server goes down")
	assert.Contains(t, s, ": pending (")
	assert.Contains(t, s, ": sent")
	assert.Contains(t, s, "server holds 9 of 9 reports")
	assert.Equal(t, 9, strings.Count(s, "event: sent"))
}
