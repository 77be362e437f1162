package software_test

import (
	"testing"

	"github.com/watsgo/sdk/internal/apitest"
)

// TestMethodsNameTheirEndpoint checks the documentation rule on the
// service types (see apitest.CheckEndpointDocs): every exported endpoint
// method's comment names its endpoint as "WATS API: VERB /api/...", and
// internal services name only /api/internal routes.
func TestMethodsNameTheirEndpoint(t *testing.T) {
	apitest.CheckEndpointDocs(t, ".")
}
