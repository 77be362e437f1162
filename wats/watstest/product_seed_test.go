package watstest

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestPaBadSeedsPanic(t *testing.T) {
	assert.PanicsWithValue(t, "watstest: WithProducts: partNumber is required", func() {
		NewHandler(WithProducts(map[string]any{"name": "no part number"}))
	})
}
