package main

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The quickstart is the README's first command; it must keep working against
// the embedded emulator.
func TestQuickstartAgainstEmulator(t *testing.T) {
	t.Setenv("WATS_URL", "")
	t.Setenv("WATS_TOKEN", "")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out bytes.Buffer
	require.NoError(t, run(ctx, &out))
	s := out.String()
	for _, want := range []string{"server version: 24.1.0", "Repair", "submitted UUT", "found by serial number", "station QUICKSTART", "3V3 rail", "passed"} {
		assert.Contains(t, s, want)
	}
}
