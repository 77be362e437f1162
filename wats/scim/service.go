package scim

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/guid"
	"github.com/watsgo/sdk/internal/transport"
)

// Service calls the SCIM routes. Get one from wats.Client (c.SCIM); it is
// safe for concurrent use.
type Service struct {
	t transport.Doer
}

// NewService wires a Service to the shared transport. wats.New calls it;
// users take the Service from the client instead.
func NewService(t transport.Doer) *Service { return &Service{t: t} }

// DefaultPageSize is the count All asks for when ListOptions.PageSize is 0.
const DefaultPageSize = 100

// ListOptions narrows Page and All; nil means every user from the first.
type ListOptions struct {
	// Filter is a SCIM filter expression such as `userName eq "ann"`
	// (query filter); "" sends none.
	Filter string
	// StartIndex is the 1-based index of the first user (query
	// startIndex); 0 sends none, which the server reads as 1.
	StartIndex int
	// PageSize is the number of users per page (query count); 0 sends
	// none on Page and DefaultPageSize on All.
	PageSize int
	// Limit caps how many users All yields in total (0: no cap). Page
	// ignores it.
	Limit int
}

func (o *ListOptions) values(op string) (url.Values, error) {
	q := url.Values{}
	if o == nil {
		return q, nil
	}
	v := &errs.ValidationError{Op: op}
	if o.StartIndex < 0 {
		v.Add("startIndex", "min=0", "is 1-based; 0 means the first user")
	}
	if o.PageSize < 0 {
		v.Add("count", "min=0", "must not be negative")
	}
	if o.Limit < 0 {
		v.Add("limit", "min=0", "must not be negative")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	if o.Filter != "" {
		q.Set("filter", o.Filter)
	}
	if o.StartIndex > 0 {
		q.Set("startIndex", strconv.Itoa(o.StartIndex))
	}
	if o.PageSize > 0 {
		q.Set("count", strconv.Itoa(o.PageSize))
	}
	return q, nil
}

// Page returns one page of users. The answer's StartIndex, ItemsPerPage
// and TotalResults say where the next page starts and whether there is one.
//
// WATS API: GET /api/SCIM/v2/Users
func (s *Service) Page(ctx context.Context, opts *ListOptions) (*ListResponse, error) {
	const op = "scim.Page"
	q, err := opts.values(op)
	if err != nil {
		return nil, err
	}
	return s.page(ctx, op, q)
}

func (s *Service) page(ctx context.Context, op string, q url.Values) (*ListResponse, error) {
	var out ListResponse
	if _, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/SCIM/v2/Users", Query: q, Result: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// All yields every user matching opts, one page in memory at a time
// (opts is copied, never modified). The walk ends after TotalResults
// users, on an empty page, at opts.Limit, or on the first error, which is
// yielded once.
//
// WATS API: GET /api/SCIM/v2/Users
func (s *Service) All(ctx context.Context, opts *ListOptions) iter.Seq2[User, error] {
	const op = "scim.All"
	var o ListOptions
	if opts != nil {
		o = *opts
	}
	return func(yield func(User, error) bool) {
		q, err := o.values(op)
		if err != nil {
			yield(User{}, err)
			return
		}
		size := o.PageSize
		if size == 0 {
			size = DefaultPageSize
		}
		next, seen := max(o.StartIndex, 1), 0
		for {
			count := size
			if o.Limit > 0 {
				count = min(size, o.Limit-seen)
			}
			q.Set("startIndex", strconv.Itoa(next))
			q.Set("count", strconv.Itoa(count))
			page, err := s.page(ctx, op, q)
			if err != nil {
				yield(User{}, err)
				return
			}
			for _, u := range page.Resources {
				if !yield(u, nil) {
					return
				}
			}
			seen += len(page.Resources)
			next += len(page.Resources)
			if len(page.Resources) == 0 || next > page.TotalResults || (o.Limit > 0 && seen >= o.Limit) {
				return
			}
		}
	}
}

// checkID refuses an id that is not a GUID before any request.
func checkID(op, id string) (string, error) {
	g, ok := guid.Normalize(id)
	if !ok {
		return "", errs.Invalid(op, "id", "must be a user GUID like 0f8fad5b-d9cb-469f-a165-70867728950e, got "+strconv.Quote(id))
	}
	return g, nil
}

// Get returns the user with the given id (a GUID). An unknown id gives an
// error matching wats.ErrNotFound.
//
// WATS API: GET /api/SCIM/v2/Users/{id}
func (s *Service) Get(ctx context.Context, id string) (*User, error) {
	const op = "scim.Get"
	g, err := checkID(op, id)
	if err != nil {
		return nil, err
	}
	var out User
	_, err = s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/SCIM/v2/Users/{id}",
		PathParams: map[string]string{"id": g}, Result: &out})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// GetByUserName returns the user with the given user name. The server
// takes the name inside the path ("userName=" followed by the escaped
// name). An unknown name gives an error matching wats.ErrNotFound.
//
// WATS API: GET /api/SCIM/v2/Users/userName={userName}
func (s *Service) GetByUserName(ctx context.Context, userName string) (*User, error) {
	const op = "scim.GetByUserName"
	if strings.TrimSpace(userName) == "" {
		return nil, errs.Invalid(op, "userName", "must not be empty")
	}
	var out User
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/SCIM/v2/Users/userName={userName}",
		PathParams: map[string]string{"userName": userName}, Result: &out})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Create provisions a new user and returns it as the server stored it
// (with its id). UserName is required; Schemas defaults to the core user
// schema. u is not modified.
//
// WATS API: POST /api/SCIM/v2/Users
func (s *Service) Create(ctx context.Context, u *User) (*User, error) {
	const op = "scim.Create"
	if u == nil {
		return nil, errs.Invalid(op, "user", "is required")
	}
	v := &errs.ValidationError{Op: op}
	if strings.TrimSpace(u.UserName) == "" {
		v.Add("userName", "required", "is required")
	}
	if u.ID != "" {
		v.Add("id", "excluded", "is assigned by the server; leave it empty")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	body := *u
	if len(body.Schemas) == 0 {
		body.Schemas = []string{SchemaUser}
	}
	var out User
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: "/api/SCIM/v2/Users", JSON: body, Result: &out})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Update applies patch to the user with the given id and returns the user
// as the server answers it. See Patch for what the server accepts.
//
// WATS API: PATCH /api/SCIM/v2/Users/{id}
func (s *Service) Update(ctx context.Context, id string, patch *Patch) (*User, error) {
	const op = "scim.Update"
	g, err := checkID(op, id)
	if err != nil {
		return nil, err
	}
	body, err := patch.prepared(op)
	if err != nil {
		return nil, err
	}
	var out User
	_, err = s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPatch, Route: "/api/SCIM/v2/Users/{id}",
		PathParams: map[string]string{"id": g}, JSON: body, Result: &out})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// Delete removes the user with the given id. An unknown id gives an error
// matching wats.ErrNotFound.
//
// WATS API: DELETE /api/SCIM/v2/Users/{id}
func (s *Service) Delete(ctx context.Context, id string) error {
	const op = "scim.Delete"
	g, err := checkID(op, id)
	if err != nil {
		return err
	}
	_, err = s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodDelete, Route: "/api/SCIM/v2/Users/{id}",
		PathParams: map[string]string{"id": g}})
	return err
}

// TokenOptions narrows CreateToken.
type TokenOptions struct {
	// DurationDays is the token's lifetime in days (query duration); 0
	// sends none and the server's default of 90 days applies.
	DurationDays int
}

// CreateToken issues a new JSON Web Token for automatic provisioning from
// an identity provider; opts may be nil.
//
// WATS API: GET /api/SCIM/v2/Token
func (s *Service) CreateToken(ctx context.Context, opts *TokenOptions) (*Token, error) {
	const op = "scim.CreateToken"
	var q url.Values
	if opts != nil {
		if opts.DurationDays < 0 {
			return nil, errs.Invalid(op, "duration", "must not be negative")
		}
		if opts.DurationDays > 0 {
			q = url.Values{"duration": {strconv.Itoa(opts.DurationDays)}}
		}
	}
	var out Token
	if _, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/SCIM/v2/Token", Query: q, Result: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}
