package asset_test

import (
	"testing"

	"github.com/watsgo/sdk/internal/apitest"
)

// TestMethodsNameTheirEndpoint checks the documentation rule: every exported
// method of Service, Internal and UnverifiedService has a comment naming its
// endpoint in the fixed form, and internal methods name only /api/internal
// routes.
func TestMethodsNameTheirEndpoint(t *testing.T) {
	apitest.CheckEndpointDocs(t, ".")
}
