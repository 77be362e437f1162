package guid

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestValid(t *testing.T) {
	tests := []struct {
		in           string
		valid, brace bool
	}{
		{"33a2d408-3fc8-480b-b554-6866c77fd91c", true, true},
		{"33A2D408-3FC8-480B-B554-6866C77FD91C", true, true},
		{"{33a2d408-3fc8-480b-b554-6866c77fd91c}", false, true},
		{"33a2d408-3fc8-480b-b554-6866c77fd91", false, false},
		{"33a2d408_3fc8-480b-b554-6866c77fd91c", false, false},
		{"33a2d408-3fc8-480b-b554-6866c77fd9zz", false, false},
		{"33a2d4083fc8480bb5546866c77fd91c", false, false},
		{"", false, false},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.valid, Valid(tc.in), "Valid(%q)", tc.in)
		assert.Equal(t, tc.brace, ValidBraced(tc.in), "ValidBraced(%q)", tc.in)
	}
}

func TestNormalize(t *testing.T) {
	g, ok := Normalize("  33A2D408-3FC8-480B-B554-6866C77FD91C\n")
	assert.True(t, ok)
	assert.Equal(t, "33a2d408-3fc8-480b-b554-6866c77fd91c", g)
	_, ok = Normalize("not-a-guid")
	assert.False(t, ok)
}
