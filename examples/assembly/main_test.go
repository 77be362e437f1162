package main

import (
	"bytes"
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunAgainstEmulator(t *testing.T) {
	t.Setenv("WATS_URL", "")
	t.Setenv("WATS_TOKEN", "")
	s := settings{snType: "Demo", poolDir: t.TempDir(), boxPN: "BOX", boxRev: "A", children: [2][2]string{{"PSU", "2.1"}, {"CPU", "1.0"}}, process: 10}
	var out bytes.Buffer
	require.NoError(t, run(context.Background(), &out, s))
	text := out.String()
	assert.Contains(t, text, "created unit DEMO000001 (BOX rev A)")
	assert.Contains(t, text, "attached DEMO000002 (PSU rev 2.1)")
	assert.Contains(t, text, "attached DEMO000003 (CPU rev 1.0)")
	assert.Contains(t, text, "box build complete: true")
	assert.Contains(t, text, "submitted a passing report for process 10")
	assert.Contains(t, text, "verification: status Passed, grade A")
	assert.Contains(t, text, "process 10: Passed (1 run)")
}
