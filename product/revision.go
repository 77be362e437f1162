package product

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
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
	validateTags(v, prefix+"tags", r.Tags)
}

func quoteOrEmpty(s string) string {
	if s == "" {
		return "(empty)"
	}
	return fmt.Sprintf("%q", s)
}

// GetRevision returns one revision of a product, read from the full product
// as pyWATS does; an unknown product or revision matches ErrNotFound.
//
// WATS API: GET /api/Product/{partNumber}
func (s *Service) GetRevision(ctx context.Context, partNumber, revision string) (*Revision, error) {
	const op = "product.GetRevision"
	v := &errs.ValidationError{Op: op}
	checkPartNumber(v, "partNumber", partNumber, true)
	if strings.TrimSpace(revision) == "" {
		v.Add("revision", "required", "revision is empty")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	p, err := s.Get(ctx, partNumber)
	if err != nil {
		return nil, err
	}
	r := p.Revision(revision)
	if r == nil {
		return nil, notFound(op, fmt.Sprintf("product %q has no revision %q", partNumber, revision))
	}
	if r.PartNumber == "" {
		r.PartNumber = p.PartNumber // not always echoed inside revisions (spec §4.2)
	}
	if r.ProductID == "" {
		r.ProductID = p.ProductID
	}
	return r, nil
}

// LookupRevision calls the query-string revision endpoint. Its response shape
// is unverified (spec product.md PR5), so the body is returned raw; prefer
// GetRevision.
//
// WATS API: GET /api/Product
func (s *Service) LookupRevision(ctx context.Context, partNumber, revision string) (json.RawMessage, error) {
	const op = "product.LookupRevision"
	v := &errs.ValidationError{Op: op}
	checkPartNumber(v, "partNumber", partNumber, false)
	if strings.TrimSpace(revision) == "" {
		v.Add("revision", "required", "revision is empty")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	var out json.RawMessage
	_, err := s.t.Do(ctx, &transport.Request{
		Op: op, Method: http.MethodGet, Route: "/api/Product",
		Query: url.Values{"partNumber": {partNumber}, "revision": {revision}}, Result: &out,
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, notFound(op, fmt.Sprintf("product %q revision %q", partNumber, revision))
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
	var out Revision
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/Product/Revision", JSON: r, Result: &out})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// SaveRevisions creates or updates several revisions in one call.
//
// WATS API: PUT /api/Product/Revisions
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
	var out []Revision
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/Product/Revisions", JSON: revs, Result: &out})
	return out, err
}

// GetOrCreateRevision returns the revision, creating it (and the product,
// when the part number is unknown) if needed. template supplies the fields of
// a new revision (name, description, state, tags); its PartNumber and
// Revision are ignored. created reports whether anything was created.
//
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
	if r := p.Revision(revision); r != nil {
		if r.PartNumber == "" {
			r.PartNumber = p.PartNumber
		}
		return r, created, nil
	}
	var nr Revision
	if template != nil {
		nr = *template
	}
	nr.PartNumber, nr.Revision, nr.ProductID = partNumber, revision, p.ProductID
	out, err := s.SaveRevision(ctx, nr)
	if err != nil {
		return nil, created, fmt.Errorf("%s: create revision %q of %q: %w", op, revision, partNumber, err)
	}
	return out, true, nil
}
