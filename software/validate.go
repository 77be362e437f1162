package software

import (
	"regexp"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
)

var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// checkID records a violation when id is empty or not a GUID.
func checkID(v *errs.ValidationError, path, id string) {
	switch {
	case id == "":
		v.Add(path, "required", "is required")
	case !uuidRE.MatchString(id):
		v.Add(path, "uuid", "must be a GUID, got \""+id+"\"")
	}
}

func checkName(v *errs.ValidationError, path, name string) {
	if strings.TrimSpace(name) == "" {
		v.Add(path, "required", "is required")
	}
}

func checkStatus(v *errs.ValidationError, path string, s Status) {
	if !s.Valid() {
		v.Add(path, "oneof=Draft Pending Released Revoked", "must be Draft, Pending, Released or Revoked, got \""+string(s)+"\"")
	}
}
