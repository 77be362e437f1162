package scim

import (
	"fmt"

	"github.com/watsgo/sdk/internal/errs"
)

// PatchPath is an attribute a Patch may replace. The server accepts only
// these.
type PatchPath string

// Patchable attributes.
const (
	// PathFullName is the full name (a string).
	PathFullName PatchPath = "fullName"
	// PathFamilyName is the last name (a string).
	PathFamilyName PatchPath = "familyName"
	// PathGivenName is the first name (a string).
	PathGivenName PatchPath = "givenName"
	// PathRoles is the WATS role name (a string); an unknown role is refused
	// by the server.
	PathRoles PatchPath = "roles"
	// PathEmail is the e-mail address (a string).
	PathEmail PatchPath = "email"
	// PathActive deactivates the user when replaced with false (a boolean).
	PathActive PatchPath = "active"
	// PathLevels adds level restrictions (names separated by ";"); existing
	// restrictions stay.
	PathLevels PatchPath = "levels"
	// PathProductGroups adds product-group restrictions (names separated
	// by ";"); existing restrictions stay.
	PathProductGroups PatchPath = "productGroups"
)

// String returns the wire name.
func (p PatchPath) String() string { return string(p) }

// OpReplace is the only patch operation the server supports.
const OpReplace = "replace"

// Operation is one change of a Patch. Build it with Replace or SetActive.
type Operation struct {
	// Op is the operation, always "replace" (op).
	Op string `json:"op"`
	// Path names the attribute (path).
	Path PatchPath `json:"path"`
	// Value is a string, or a boolean for PathActive (value).
	Value any `json:"value"`
}

// Replace sets a string attribute (every path but PathActive).
func Replace(path PatchPath, value string) Operation {
	return Operation{Op: OpReplace, Path: path, Value: value}
}

// SetActive activates or deactivates the user.
func SetActive(active bool) Operation {
	return Operation{Op: OpReplace, Path: PathActive, Value: active}
}

// Patch is a SCIM PatchOp request (RFC 7644 §3.5.2). Build it with
// NewPatch.
type Patch struct {
	// Schemas is the message schema; NewPatch sets SchemaPatchOp (schemas).
	Schemas []string `json:"schemas"`
	// Operations are applied in order (wire name "Operations", capital O).
	Operations []Operation `json:"Operations"`
}

// NewPatch returns a Patch of the given operations.
func NewPatch(ops ...Operation) *Patch {
	return &Patch{Schemas: []string{SchemaPatchOp}, Operations: ops}
}

// prepared validates p and returns the copy that goes on the wire.
func (p *Patch) prepared(op string) (*Patch, error) {
	v := &errs.ValidationError{Op: op}
	if p == nil || len(p.Operations) == 0 {
		v.Add("Operations", "min=1", "needs at least one operation")
		return nil, v
	}
	for i, o := range p.Operations {
		at := fmt.Sprintf("Operations[%d]", i)
		if o.Op != OpReplace {
			v.Add(at+".op", "eq=replace", "the server supports only \"replace\", got "+fmt.Sprintf("%q", o.Op))
		}
		switch o.Path {
		case PathActive:
			if _, ok := o.Value.(bool); !ok {
				v.Add(at+".value", "boolean", "active takes a boolean")
			}
		case PathFullName, PathFamilyName, PathGivenName, PathRoles, PathEmail, PathLevels, PathProductGroups:
			if _, ok := o.Value.(string); !ok {
				v.Add(at+".value", "string", string(o.Path)+" takes a string")
			}
		default:
			v.Add(at+".path", "oneof", fmt.Sprintf("%q is not an attribute the server patches", o.Path))
		}
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	out := *p
	if len(out.Schemas) == 0 {
		out.Schemas = []string{SchemaPatchOp}
	}
	return &out, nil
}
