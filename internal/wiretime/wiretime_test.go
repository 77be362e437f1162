package wiretime

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUnmarshal(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{`"2026-03-02T08:00:00Z"`, time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)},
		{`"2026-03-02T09:00:00.123+01:00"`, time.Date(2026, 3, 2, 8, 0, 0, 123e6, time.UTC)},
		{`"2026-03-02T08:00:00.1234567"`, time.Date(2026, 3, 2, 8, 0, 0, 123456700, time.UTC)},
		{`"2026-03-02T08:00:00"`, time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)},
		{`"2026-03-02"`, time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)},
		{`null`, time.Time{}},
		{`""`, time.Time{}},
	}
	for _, tc := range tests {
		var got Time
		require.NoError(t, json.Unmarshal([]byte(tc.in), &got), tc.in)
		assert.True(t, tc.want.Equal(got.Time), "%s: got %v", tc.in, got.Time)
	}
	for _, bad := range []string{`"yesterday"`, `42`, `"2026-13-01T00:00:00"`} {
		var got Time
		assert.Error(t, json.Unmarshal([]byte(bad), &got), bad)
	}
}

func TestMarshal(t *testing.T) {
	b, err := json.Marshal(Time{})
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
	b, err = json.Marshal(Time{time.Date(2026, 3, 2, 8, 0, 0, 0, time.FixedZone("", 3600))})
	require.NoError(t, err)
	assert.Equal(t, `"2026-03-02T08:00:00+01:00"`, string(b))
}
