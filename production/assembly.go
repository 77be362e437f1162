package production

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"

	"github.com/watsgo/sdk/internal/transport"
)

// ChildRef names a parent and a child unit for AddChild and RemoveChild.
type ChildRef struct {
	ParentSerialNumber string // the assembly
	ParentPartNumber   string // the assembly's part number
	ChildSerialNumber  string // the unit going in or out
	ChildPartNumber    string // its part number
}

// AddChildOptions overrides the box-build check of AddChild. Leave both empty
// to let the server validate the child against the parent's box build.
type AddChildOptions struct {
	// CheckPartNumber, when set, is the part number the child must have.
	CheckPartNumber string
	// CheckRevision, when set, is the revision (or revision mask) the child
	// must have.
	CheckRevision string
}

func (r ChildRef) check(c *checker) {
	c.required("parentSerialNumber", r.ParentSerialNumber)
	c.required("parentPartNumber", r.ParentPartNumber)
	c.required("childSerialNumber", r.ChildSerialNumber)
	c.required("childPartNumber", r.ChildPartNumber)
	if r.ParentSerialNumber == r.ChildSerialNumber && r.ParentPartNumber == r.ChildPartNumber && r.ChildSerialNumber != "" {
		c.v.Add("childSerialNumber", "nefield", "a unit cannot be its own child")
	}
}

func (r ChildRef) query() url.Values {
	return url.Values{
		"parentSerialNumber": {r.ParentSerialNumber},
		"parentPartNumber":   {r.ParentPartNumber},
		"childSerialNumber":  {r.ChildSerialNumber},
		"childPartNumber":    {r.ChildPartNumber},
	}
}

// AddChild attaches a child unit to a parent (assembly). The server checks
// that the child has no parent yet, is Finalized (or in its revision's
// PhaseFinalized phase) and fits the parent's box build, or matches opts when
// given. checkPartNumber and checkRevision are always sent, empty when not
// overriding, because the server's document marks them required.
//
// WATS API: POST /api/Production/AddChildUnit
func (s *Service) AddChild(ctx context.Context, ref ChildRef, opts *AddChildOptions) error {
	const op = "production.AddChild"
	c := newChecker(op)
	ref.check(c)
	if opts == nil {
		opts = &AddChildOptions{}
	}
	c.text("checkPartNumber", opts.CheckPartNumber)
	c.text("checkRevision", opts.CheckRevision)
	if err := c.err(); err != nil {
		return err
	}
	q := ref.query()
	q.Set("checkPartNumber", opts.CheckPartNumber)
	q.Set("checkRevision", opts.CheckRevision)
	return s.call(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: "/api/Production/AddChildUnit", Query: q})
}

// RemoveChild detaches a child unit from its parent; the relation must exist.
//
// WATS API: POST /api/Production/RemoveChildUnit
func (s *Service) RemoveChild(ctx context.Context, ref ChildRef) error {
	const op = "production.RemoveChild"
	c := newChecker(op)
	ref.check(c)
	if err := c.err(); err != nil {
		return err
	}
	return s.call(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: "/api/Production/RemoveChildUnit", Query: ref.query()})
}

// CheckChildren asks the server to check a parent's direct children against
// its box build (phase, part number, revision mask and quantity). The answer
// is returned raw; the SDK does not type its fields. For a typed, client-side check
// see VerifyBoxBuild.
//
// WATS API: GET /api/Production/CheckChildUnits
func (s *Service) CheckChildren(ctx context.Context, parentSerialNumber, parentPartNumber string) (json.RawMessage, error) {
	const op = "production.CheckChildren"
	c := newChecker(op)
	c.required("parentSerialNumber", parentSerialNumber)
	c.required("parentPartNumber", parentPartNumber)
	if err := c.err(); err != nil {
		return nil, err
	}
	return s.getRaw(ctx, op, "/api/Production/CheckChildUnits",
		url.Values{"parentSerialNumber": {parentSerialNumber}, "parentPartNumber": {parentPartNumber}})
}
