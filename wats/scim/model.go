package scim

import (
	"encoding/json"
	"reflect"
	"strings"
	"time"

	"github.com/watsgo/sdk/internal/wiretime"
)

// Schema URNs the SCIM messages carry.
const (
	// SchemaUser is the core user schema (RFC 7643 §4.1).
	SchemaUser = "urn:ietf:params:scim:schemas:core:2.0:User"
	// SchemaListResponse marks a list answer (RFC 7644 §3.4.2).
	SchemaListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
	// SchemaPatchOp marks a patch request (RFC 7644 §3.5.2).
	SchemaPatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
)

// User is a provisioned WATS user in SCIM form. Members the server sends
// that are not modelled (for example an extension schema with roles,
// levels and product groups) are kept in Extra and written back by
// MarshalJSON.
type User struct {
	// ID is the server's user id (a GUID), "" for a user not yet created.
	ID string `json:"id,omitempty"`
	// UserName is the unique login name (userName).
	UserName string `json:"userName"`
	// DisplayName is the name shown in WATS (displayName).
	DisplayName string `json:"displayName,omitempty"`
	// ExternalID is the identity provider's own id (externalId).
	ExternalID string `json:"externalId,omitempty"`
	// Active is false for a deactivated user (active).
	Active *bool `json:"active,omitempty"`
	// Name is the structured name (name).
	Name *Name `json:"name,omitempty"`
	// Emails are the user's e-mail addresses (emails).
	Emails []Email `json:"emails,omitempty"`
	// Schemas lists the schema URNs of the resource (schemas).
	Schemas []string `json:"schemas,omitempty"`
	// Meta is the resource metadata the server keeps (meta).
	Meta *Meta `json:"meta,omitempty"`
	// Extra holds members not modelled above.
	Extra map[string]json.RawMessage `json:"-"`
}

// Name is the structured name of a User (RFC 7643 §4.1.1).
type Name struct {
	// Formatted is the full name as one text (formatted).
	Formatted string `json:"formatted,omitempty"`
	// GivenName is the first name (givenName).
	GivenName string `json:"givenName,omitempty"`
	// FamilyName is the last name (familyName).
	FamilyName string `json:"familyName,omitempty"`
}

// Email is one e-mail address of a User.
type Email struct {
	// Value is the address (value).
	Value string `json:"value"`
	// Type is a label such as "work" (type).
	Type string `json:"type,omitempty"`
	// Primary marks the preferred address (primary).
	Primary bool `json:"primary,omitempty"`
}

// Meta is the metadata of a SCIM resource (RFC 7643 §3.1).
type Meta struct {
	// ResourceType is "User" for users (resourceType).
	ResourceType string `json:"resourceType,omitempty"`
	// Created is when the resource was created (created); zero when absent.
	Created time.Time `json:"-"`
	// LastModified is the last change (lastModified); zero when absent.
	LastModified time.Time `json:"-"`
	// Location is the resource's URL (location).
	Location string `json:"location,omitempty"`
}

// UnmarshalJSON reads the dates with or without a zone (none means UTC).
func (m *Meta) UnmarshalJSON(b []byte) error {
	var w struct {
		ResourceType string          `json:"resourceType"`
		Created      json.RawMessage `json:"created"`
		LastModified json.RawMessage `json:"lastModified"`
		Location     string          `json:"location"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*m = Meta{ResourceType: w.ResourceType, Location: w.Location, Created: parseTime(w.Created), LastModified: parseTime(w.LastModified)}
	return nil
}

// MarshalJSON writes the dates in RFC 3339 and leaves zero ones out.
func (m Meta) MarshalJSON() ([]byte, error) {
	w := map[string]any{}
	if m.ResourceType != "" {
		w["resourceType"] = m.ResourceType
	}
	if !m.Created.IsZero() {
		w["created"] = m.Created.Format(time.RFC3339Nano)
	}
	if !m.LastModified.IsZero() {
		w["lastModified"] = m.LastModified.Format(time.RFC3339Nano)
	}
	if m.Location != "" {
		w["location"] = m.Location
	}
	return json.Marshal(w)
}

// parseTime reads a JSON date-time string; zero when absent or unreadable.
func parseTime(raw json.RawMessage) time.Time {
	var s string
	if json.Unmarshal(raw, &s) != nil || s == "" {
		return time.Time{}
	}
	t, err := wiretime.Parse(s)
	if err != nil {
		return time.Time{}
	}
	return t.Time
}

// UnmarshalJSON decodes the known members and keeps the rest in Extra.
func (u *User) UnmarshalJSON(b []byte) error {
	type plain User
	var p plain
	extra, err := decodeKeepingExtra(b, &p)
	if err != nil {
		return err
	}
	*u = User(p)
	u.Extra = extra
	return nil
}

// MarshalJSON writes the known members and the kept Extra members.
func (u User) MarshalJSON() ([]byte, error) {
	type plain User
	return encodeWithExtra(plain(u), u.Extra)
}

// ListResponse is one page of users (RFC 7644 §3.4.2).
type ListResponse struct {
	// TotalResults is the number of users matching, over all pages (totalResults).
	TotalResults int `json:"totalResults"`
	// ItemsPerPage is the number of users on this page (itemsPerPage).
	ItemsPerPage int `json:"itemsPerPage"`
	// StartIndex is the 1-based index of the first user on this page (startIndex).
	StartIndex int `json:"startIndex"`
	// Resources are the users of this page (wire name "Resources", capital R).
	Resources []User `json:"Resources"`
	// Schemas lists the message schema (schemas).
	Schemas []string `json:"schemas,omitempty"`
}

// Token is the answer of CreateToken: a JSON Web Token for an identity
// provider. The server documents no member names; Value, ExpiresUTC and
// DurationDays read the names below (and their listed alternatives), a
// bare JSON string answer fills Value, and every other member stays in
// Extra.
type Token struct {
	// Value is the token text (token).
	Value string `json:"token"`
	// ExpiresUTC is when the token stops working (expiresUtc, also
	// expires); zero when the server sends neither.
	ExpiresUTC time.Time `json:"-"`
	// DurationDays is the lifetime asked for (durationDays, also duration).
	DurationDays int `json:"durationDays,omitempty"`
	// Extra holds members not modelled above.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON accepts an object or a bare JSON string.
func (t *Token) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*t = Token{Value: s}
		return nil
	}
	type plain Token
	var p plain
	extra, err := decodeKeepingExtra(b, &p)
	if err != nil {
		return err
	}
	*t = Token(p)
	for _, name := range []string{"expiresUtc", "expires"} {
		if raw, ok := extra[name]; ok && t.ExpiresUTC.IsZero() {
			t.ExpiresUTC = parseTime(raw)
			delete(extra, name)
		}
	}
	t.Extra = extra
	if raw, ok := t.Extra["duration"]; ok && t.DurationDays == 0 {
		_ = json.Unmarshal(raw, &t.DurationDays)
	}
	if len(t.Extra) == 0 {
		t.Extra = nil
	}
	return nil
}

// decodeKeepingExtra decodes data into dst (a pointer to a struct without
// its own UnmarshalJSON) and returns the members dst's fields do not name.
func decodeKeepingExtra(data []byte, dst any) (map[string]json.RawMessage, error) {
	if err := json.Unmarshal(data, dst); err != nil {
		return nil, err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(data, &all); err != nil {
		return nil, err
	}
	for name := range wireNames(reflect.TypeOf(dst).Elem()) {
		delete(all, name)
	}
	if len(all) == 0 {
		return nil, nil
	}
	return all, nil
}

// encodeWithExtra marshals v (a struct) and adds the extra members that v
// does not already write.
func encodeWithExtra(v any, extra map[string]json.RawMessage) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil || len(extra) == 0 {
		return b, err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return nil, err
	}
	known := wireNames(reflect.TypeOf(v))
	for k, raw := range extra {
		if !known[k] {
			all[k] = raw
		}
	}
	return json.Marshal(all)
}

func wireNames(t reflect.Type) map[string]bool {
	m := map[string]bool{}
	for i := 0; i < t.NumField(); i++ {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		if name != "" && name != "-" {
			m[name] = true
		}
	}
	return m
}
