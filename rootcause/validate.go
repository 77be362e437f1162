package rootcause

import (
	"regexp"

	"github.com/watsgo/sdk/internal/errs"
)

var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// checkUUID records a violation when id is empty or not a GUID.
func checkUUID(v *errs.ValidationError, path, id string) {
	switch {
	case id == "":
		v.Add(path, "required", "is required")
	case !uuidRE.MatchString(id):
		v.Add(path, "uuid", "must be a GUID like 6f1c0e52-3b1a-4c7e-9d2f-0a1b2c3d4e5f, got "+quote(id))
	}
}

func quote(s string) string { return `"` + s + `"` }
