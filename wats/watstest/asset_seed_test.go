package watstest

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAssetBadSeedsAreReported(t *testing.T) {
	tests := []struct {
		name string
		opt  Option
		want string
	}{
		{"unknown type", WithAssets(map[string]any{"serialNumber": "S", "typeId": "7b0c8d0e-0000-4000-8000-000000000001"}), "WithAssets: asset 0: Asset type"},
		{"no serial", WithAssets(map[string]any{"typeId": "7b0c8d0e-0000-4000-8000-000000000001"}), "serialNumber is required"},
		{"no type name", WithAssetTypes(map[string]any{}), "WithAssetTypes: type 0: typeName is required"},
		{"type id not a GUID", WithAssetTypes(map[string]any{"typeId": "x", "typeName": "T"}), "is not a GUID"},
		{"not a JSON object", WithAssetTypes(42), "WithAssetTypes: type 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := NewHandler(tt.opt)
			require.Error(t, e.SeedErr())
			assert.Contains(t, e.SeedErr().Error(), tt.want)
		})
	}
	ok := NewHandler(WithAssetTypes(map[string]any{"typeId": "7B0C8D0E-0000-4000-8000-000000000001", "typeName": "T"}),
		WithAssets(map[string]any{"serialNumber": "S", "typeId": "7b0c8d0e-0000-4000-8000-000000000001"}))
	assert.NoError(t, ok.SeedErr(), "a type id is matched case-insensitively")
}
