package rootcause_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/watsgo/sdk/rootcause"
)

func TestEnumNames(t *testing.T) {
	tests := []struct {
		v    fmt.Stringer
		want string
	}{
		{rootcause.Status(0), "New"},
		{rootcause.StatusSolved, "Solved"},
		{rootcause.StatusActive, "Open|InProgress|OnHold"},
		{rootcause.StatusArchived | 64, "Archived|Status(64)"},
		{rootcause.PriorityHigh, "High"},
		{rootcause.Priority(7), "Priority(7)"},
		{rootcause.ViewFollowing, "Following"},
		{rootcause.View(-1), "View(-1)"},
		{rootcause.UpdateNotification, "Notification"},
		{rootcause.UpdateType(9), "UpdateType(9)"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.v.String())
	}
}
