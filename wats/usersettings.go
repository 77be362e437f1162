package wats

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/transport"
)

// CommonUserSettings are the settings WATS keeps for one user across its
// applications: name, language, e-mail, roles and the levels and product
// groups the user is restricted to.
type CommonUserSettings struct {
	// FullName is the user's full name (fullName).
	FullName string `json:"fullName"`
	// CultureCode is the user's language and region, e.g. "en-US" (cultureCode).
	CultureCode string `json:"cultureCode"`
	// Email is the user's e-mail address (email).
	Email string `json:"email"`
	// Roles are the user's role names (roles).
	Roles []string `json:"roles"`
	// Levels are the levels the user is restricted to; empty means none (levels).
	Levels []string `json:"levels"`
	// ProductGroups are the product groups the user is restricted to;
	// empty means none (productGroups).
	ProductGroups []string `json:"productGroups"`
}

// GetCommonUserSettings returns the common settings of the user called
// userName. An unknown user gives an error matching ErrNotFound.
//
// WATS API: GET /api/App/CommonUserSettings
func (c *Client) GetCommonUserSettings(ctx context.Context, userName string) (*CommonUserSettings, error) {
	const op = "wats.GetCommonUserSettings"
	if strings.TrimSpace(userName) == "" {
		return nil, errs.Invalid(op, "UserName", "must not be empty")
	}
	var out *CommonUserSettings
	_, err := c.t.Do(ctx, &transport.Request{Op: op, Method: http.MethodGet, Route: "/api/App/CommonUserSettings",
		Query: url.Values{"UserName": {userName}}, Result: &out})
	if err != nil {
		return nil, err
	}
	if out == nil {
		return nil, &errs.APIError{Op: op, Method: http.MethodGet, Route: "/api/App/CommonUserSettings",
			StatusCode: http.StatusNotFound, Message: "no settings for user " + userName}
	}
	return out, nil
}
