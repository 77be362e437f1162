package watstest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBadProductSeedsAreReported(t *testing.T) {
	tests := []struct {
		name string
		seed Option
		want string
	}{
		{"no part number", WithProducts(map[string]any{"name": "no part number"}), "WithProducts: partNumber is required"},
		{"bad state", WithProducts(map[string]any{"partNumber": "P", "state": 7}), "state 7"},
		{"not JSON", WithProducts(func() {}), "WithProducts: json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewHandler(tt.seed)
			require.Error(t, e.SeedErr())
			assert.Contains(t, e.SeedErr().Error(), tt.want)
		})
	}
	assert.NoError(t, NewHandler(WithProducts(map[string]any{"partNumber": "OK"})).SeedErr())
}

func TestEnsureRevision(t *testing.T) {
	e := NewHandler()
	pid, rid := e.products.ensureRevision("PN-1", "A")
	assert.Regexp(t, "^[0-9a-f-]{36}$", pid)
	assert.Regexp(t, "^[0-9a-f-]{36}$", rid)
	pid2, rid2 := e.products.ensureRevision("PN-1", "A")
	assert.Equal(t, pid, pid2, "an existing product is kept")
	assert.Equal(t, rid, rid2, "an existing revision is kept")
	pid3, rid3 := e.products.ensureRevision("PN-1", "")
	assert.Equal(t, pid, pid3)
	assert.Empty(t, rid3)
	assert.Equal(t, pid, e.products.ensureProduct("PN-1"))
}

func TestListGroupsCopies(t *testing.T) {
	e := NewHandler(WithProductGroup("Power", "PSU", "PSU-2"))
	gs := e.products.listGroups()
	require.Len(t, gs, 1)
	assert.Equal(t, "Power", gs[0].Name)
	require.Len(t, gs[0].Details, 2)
	gs[0].Details[0].PartNumber = "changed"
	assert.Equal(t, "PSU", e.products.listGroups()[0].Details[0].PartNumber, "the copy does not alias the store")
}
