package system

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// Service calls the system-manager routes. Get one from wats.Client
// (c.System); it is safe for concurrent use.
type Service struct {
	t transport.Doer
}

// NewService wires a Service to the shared transport. wats.New calls it;
// users take the Service from the client instead.
func NewService(t transport.Doer) *Service { return &Service{t: t} }

// ListClients returns every client and level registered in the system.
//
// WATS API: GET /api/SystemManager/Clients
func (s *Service) ListClients(ctx context.Context) ([]Client, error) {
	var out []Client
	_, err := s.t.Do(ctx, &transport.Request{Op: "system.ListClients", Method: http.MethodGet, Route: "/api/SystemManager/Clients", Result: &out})
	return out, err
}

// GetClient returns the client registered under name. An unknown name
// gives an error matching wats.ErrNotFound.
//
// WATS API: GET /api/SystemManager/Client
func (s *Service) GetClient(ctx context.Context, name string) (*Client, error) {
	return s.getClient(ctx, "system.GetClient", "name", name)
}

// GetClientByIdentifier returns the client with the given identifier (its
// MAC address). An unknown identifier gives an error matching
// wats.ErrNotFound.
//
// WATS API: GET /api/SystemManager/Client
func (s *Service) GetClientByIdentifier(ctx context.Context, identifier string) (*Client, error) {
	return s.getClient(ctx, "system.GetClientByIdentifier", "identifier", identifier)
}

func (s *Service) getClient(ctx context.Context, op, param, key string) (*Client, error) {
	if strings.TrimSpace(key) == "" {
		return nil, errs.Invalid(op, param, "must not be empty")
	}
	var out *Client
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/SystemManager/Client",
		Query: url.Values{param: {key}}, Result: &out})
	if err != nil {
		return nil, err
	}
	if out == nil {
		return nil, notFound(op, "/api/SystemManager/Client", "no client with "+param+" "+strconv.Quote(key))
	}
	return out, nil
}

// UpdateClientOptions narrows UpdateClient.
type UpdateClientOptions struct {
	// MoveWithHistory, when non-nil, says whether the client's history
	// moves with it when ClientGroupID changes (query moveWithHistory).
	MoveWithHistory *bool
}

// UpdateClient changes the display name, location, purpose and level
// (ClientGroupID) of the existing client c.ClientID; the server keeps Name
// and Type. opts may be nil. The answer is the client as the server
// returns it, or nil when the server answers with something else than a
// client object (its answer is undocumented).
//
// WATS API: PUT /api/SystemManager/Client
func (s *Service) UpdateClient(ctx context.Context, c *Client, opts *UpdateClientOptions) (*Client, error) {
	const op = "system.UpdateClient"
	if c == nil {
		return nil, errs.Invalid(op, "client", "is required")
	}
	if c.ClientID <= 0 {
		return nil, errs.Invalid(op, "clientId", "is required (the id of an existing client)")
	}
	var q url.Values
	if opts != nil && opts.MoveWithHistory != nil {
		q = url.Values{"moveWithHistory": {strconv.FormatBool(*opts.MoveWithHistory)}}
	}
	body := *c
	body.Extra = nil
	var raw json.RawMessage
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPut, Route: "/api/SystemManager/Client", Query: q, JSON: body, Result: &raw})
	if err != nil {
		return nil, err
	}
	if t := bytes.TrimSpace(raw); len(t) == 0 || t[0] != '{' {
		return nil, nil
	}
	var out Client
	if err := json.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("%s: decode response: %w", op, err)
	}
	return &out, nil
}

// GetClientLog returns the most recent log of the client with the given
// identifier (its MAC address; clients 6.0 or newer).
//
// WATS API: GET /api/SystemManager/ClientLog/{identifier}
func (s *Service) GetClientLog(ctx context.Context, identifier string) (*ClientLog, error) {
	const op = "system.GetClientLog"
	if strings.TrimSpace(identifier) == "" {
		return nil, errs.Invalid(op, "identifier", "must not be empty")
	}
	var out *ClientLog
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/SystemManager/ClientLog/{identifier}",
		PathParams: map[string]string{"identifier": identifier}, Result: &out})
	if err != nil {
		return nil, err
	}
	if out == nil {
		return nil, notFound(op, "/api/SystemManager/ClientLog/{identifier}", "no log for client "+strconv.Quote(identifier))
	}
	return out, nil
}

func checkHierarchy(op string, hierarchy []string) error {
	v := &errs.ValidationError{Op: op}
	if len(hierarchy) == 0 {
		v.Add("hierarchy", "min=1", "needs at least one level name, topmost first")
	}
	for i, name := range hierarchy {
		if strings.TrimSpace(name) == "" {
			v.Add("hierarchy["+strconv.Itoa(i)+"]", "required", "level names must not be empty")
		}
	}
	return v.OrNil()
}

// GetLevel returns the id of the leaf level of hierarchy (level names,
// topmost first). A hierarchy the server does not have gives an error
// matching wats.ErrNotFound. The server refuses level-restricted users.
//
// WATS API: GET /api/SystemManager/Level
func (s *Service) GetLevel(ctx context.Context, hierarchy []string) (int, error) {
	const op = "system.GetLevel"
	if err := checkHierarchy(op, hierarchy); err != nil {
		return 0, err
	}
	var raw json.RawMessage
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/SystemManager/Level",
		Query: url.Values{"hierarchy": append([]string(nil), hierarchy...)}, Result: &raw})
	if err != nil {
		return 0, err
	}
	id, ok := levelID(raw)
	if !ok {
		return 0, notFound(op, "/api/SystemManager/Level", "no level "+strings.Join(hierarchy, " / "))
	}
	return id, nil
}

// CreateLevel creates the levels of hierarchy (level names, topmost first)
// that do not exist yet and returns the leaf level's id, or 0 when the
// server's (undocumented) answer carries none. The server refuses
// level-restricted users.
//
// WATS API: POST /api/SystemManager/Level
func (s *Service) CreateLevel(ctx context.Context, hierarchy []string) (int, error) {
	const op = "system.CreateLevel"
	if err := checkHierarchy(op, hierarchy); err != nil {
		return 0, err
	}
	var raw json.RawMessage
	_, err := s.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodPost, Route: "/api/SystemManager/Level",
		JSON: hierarchy, Result: &raw})
	if err != nil {
		return 0, err
	}
	id, _ := levelID(raw)
	return id, nil
}

// levelID reads a level id sent as a JSON number or numeric string.
func levelID(raw json.RawMessage) (int, bool) {
	var n int
	if json.Unmarshal(raw, &n) == nil && !bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return n, true
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if n, err := strconv.Atoi(s); err == nil {
			return n, true
		}
	}
	return 0, false
}

// GetStatus returns the server's system status as name/value texts.
//
// WATS API: GET /api/SystemStatus
func (s *Service) GetStatus(ctx context.Context) (map[string]string, error) {
	var out map[string]string
	_, err := s.t.Do(ctx, &transport.Request{Op: "system.GetStatus", Method: http.MethodGet, Route: "/api/SystemStatus", Result: &out})
	return out, err
}

// notFound is the error for a 2xx answer that holds nothing (null).
func notFound(op, route, msg string) error {
	return &errs.APIError{Op: op, Method: http.MethodGet, Route: route, StatusCode: http.StatusNotFound, Message: msg}
}
