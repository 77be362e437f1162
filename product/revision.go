package product

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

func validateRevision(v *errs.ValidationError, prefix string, r *Revision) {
	if strings.TrimSpace(r.PartNumber) == "" {
		v.Add(prefix+"partNumber", "required", "revision "+quoteOrEmpty(r.Revision)+" has no part number")
	}
	if strings.TrimSpace(r.Revision) == "" {
		v.Add(prefix+"revision", "required", "revision is empty")
	}
	if !r.State.valid() {
		v.Add(prefix+"state", "oneof=0 1", fmt.Sprintf("state %d is not a product state", *r.State))
	}
}

func quoteOrEmpty(s string) string {
	if s == "" {
		return "(empty)"
	}
	return fmt.Sprintf("%q", s)
}

// checkSegment validates a value that travels as its own path segment.
func checkSegment(v *errs.ValidationError, path, what, val string) {
	if strings.TrimSpace(val) == "" {
		v.Add(path, "required", what+" is empty")
		return
	}
	if val == "." || val == ".." {
		v.Add(path, "route", fmt.Sprintf("%s %q is a dot segment that HTTP servers resolve away; it cannot be addressed by path", what, val))
	}
}

// GetRevision returns one revision of a product; an unknown product or
// revision matches ErrNotFound.
//
// WATS API: GET /api/Product/{partNumber}/{revision}
func (s *Service) GetRevision(ctx context.Context, partNumber, revision string) (*Revision, error) {
	const op = "product.GetRevision"
	v := &errs.ValidationError{Op: op}
	checkSegment(v, "partNumber", "part number", partNumber)
	checkSegment(v, "revision", "revision", revision)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out *Revision
	_, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: "/api/Product/{partNumber}/{revision}",
		PathParams: map[string]string{"partNumber": partNumber, "revision": revision}, Result: &out,
	})
	if err != nil {
		return nil, err
	}
	if out == nil || out.Revision == "" {
		return nil, notFound(op, fmt.Sprintf("product %q revision %q", partNumber, revision))
	}
	if out.PartNumber == "" {
		out.PartNumber = partNumber
	}
	return out, nil
}

// SaveRevision creates or updates one revision; PartNumber and Revision are
// required.
//
// WATS API: PUT /api/Product/Revision
func (s *Service) SaveRevision(ctx context.Context, r Revision) (*Revision, error) {
	const op = "product.SaveRevision"
	v := &errs.ValidationError{Op: op}
	validateRevision(v, "", &r)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	r.Tags = nil // read-only on the server: write XMLData instead
	var out Revision
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/Product/Revision", JSON: r, Result: &out})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// SaveRevisions creates or updates several revisions in one call. The
// server's document gives the answer no shape: when it is a list of
// revisions that list is returned, otherwise the result is nil.
//
// WATS API: PUT /api/Products/Revisions
func (s *Service) SaveRevisions(ctx context.Context, revs []Revision) ([]Revision, error) {
	const op = "product.SaveRevisions"
	v := &errs.ValidationError{Op: op}
	if len(revs) == 0 {
		v.Add("revisions", "min=1", "no revisions given")
	}
	for i := range revs {
		validateRevision(v, fmt.Sprintf("[%d].", i), &revs[i])
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	wire := make([]Revision, len(revs))
	for i, r := range revs {
		r.Tags = nil
		wire[i] = r
	}
	var raw json.RawMessage
	if _, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/Products/Revisions", JSON: wire, Result: &raw}); err != nil {
		return nil, err
	}
	return decodeList[Revision](op, raw)
}

// GetOrCreateRevision returns the revision, creating it (and the product,
// when the part number is unknown) if needed. template supplies the fields of
// a new revision (name, description, state, tags); its PartNumber and
// Revision are ignored. created reports whether anything was created.
//
// WATS API: GET /api/Product/{partNumber}/{revision}
// WATS API: GET /api/Product/{partNumber}
// WATS API: PUT /api/Product
// WATS API: PUT /api/Product/Revision
func (s *Service) GetOrCreateRevision(ctx context.Context, partNumber, revision string, template *Revision) (rev *Revision, created bool, err error) {
	const op = "product.GetOrCreateRevision"
	v := &errs.ValidationError{Op: op}
	checkPartNumber(v, "partNumber", partNumber, true)
	if strings.TrimSpace(revision) == "" {
		v.Add("revision", "required", "revision is empty")
	}
	if err := v.OrNil(); err != nil {
		return nil, false, err
	}
	r, err := s.GetRevision(ctx, partNumber, revision)
	if err == nil {
		return r, false, nil
	}
	if !errors.Is(err, errs.ErrNotFound) {
		return nil, false, err
	}
	p, err := s.Get(ctx, partNumber)
	switch {
	case errors.Is(err, errs.ErrNotFound):
		p, err = s.Save(ctx, Product{PartNumber: partNumber})
		if err != nil {
			return nil, false, fmt.Errorf("%s: create product %q: %w", op, partNumber, err)
		}
		created = true
	case err != nil:
		return nil, false, err
	}
	var nr Revision
	if template != nil {
		nr = *template
	}
	nr.PartNumber, nr.Revision, nr.ProductID, nr.RevisionID = partNumber, revision, p.ProductID, ""
	out, err := s.SaveRevision(ctx, nr)
	if err != nil {
		return nil, created, fmt.Errorf("%s: create revision %q of %q: %w", op, revision, partNumber, err)
	}
	return out, true, nil
}
