package wats

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// BasicToken builds a WATS token from a user name and password: the
// standard Base64 of "user:password", which New sends as
// "Authorization: Basic <token>". WATS API tokens issued in the web UI
// are already in this form and are passed to New unchanged.
func BasicToken(user, password string) string {
	return base64.StdEncoding.EncodeToString([]byte(user + ":" + password))
}

// AuthService issues WATS API access tokens for the authenticated user.
// Get it from Client.Auth.
type AuthService struct {
	t transport.Doer
}

// TokenOptions narrows AuthService.CreateToken.
type TokenOptions struct {
	// Reset makes the server issue a new token and invalidate the previous
	// one (query reset); false sends nothing.
	Reset bool
}

func (o *TokenOptions) values() url.Values {
	if o == nil || !o.Reset {
		return nil
	}
	return url.Values{"reset": {"true"}}
}

// AccessToken is an API token as the server returns it. The server shows
// a token only once: store it securely, and pass it to New (it is sent as
// "Authorization: Basic <token>"). The answer's shape is undocumented: a
// bare JSON string or an object's "token" (or "Token") member fills Value,
// and Raw keeps the whole answer.
type AccessToken struct {
	// Value is the token text.
	Value string
	// Raw is the answer as received.
	Raw json.RawMessage
}

// UnmarshalJSON accepts a JSON string or an object carrying the token.
func (a *AccessToken) UnmarshalJSON(b []byte) error {
	*a = AccessToken{Raw: append(json.RawMessage(nil), b...)}
	if json.Unmarshal(b, &a.Value) == nil {
		return nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(b, &obj); err != nil {
		return err
	}
	for _, name := range []string{"token", "Token"} {
		if raw, ok := obj[name]; ok && json.Unmarshal(raw, &a.Value) == nil {
			break
		}
	}
	return nil
}

// CreateToken returns an access token for the authenticated user; with
// opts.Reset a new one replaces the previous token. opts may be nil.
//
// WATS API: GET /api/Auth/GetToken
func (a *AuthService) CreateToken(ctx context.Context, opts *TokenOptions) (*AccessToken, error) {
	var out AccessToken
	_, err := a.t.Do(ctx, &transport.Request{Op: "wats.Auth.CreateToken", Method: http.MethodGet, Route: "/api/Auth/GetToken",
		Query: opts.values(), Result: &out})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// CreateTokenByIdentifier is CreateToken for a token with its own
// identifier, so one user can hold several tokens (one per station, say)
// and reset them one by one. opts may be nil.
//
// WATS API: GET /api/Auth/GetToken/{identifier}
func (a *AuthService) CreateTokenByIdentifier(ctx context.Context, identifier string, opts *TokenOptions) (*AccessToken, error) {
	const op = "wats.Auth.CreateTokenByIdentifier"
	if strings.TrimSpace(identifier) == "" {
		return nil, errs.Invalid(op, "identifier", "must not be empty")
	}
	var out AccessToken
	_, err := a.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/Auth/GetToken/{identifier}",
		PathParams: map[string]string{"identifier": identifier}, Query: opts.values(), Result: &out})
	if err != nil {
		return nil, err
	}
	return &out, nil
}
