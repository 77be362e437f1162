package watstest

import (
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// SCIM message schemas.
const (
	scimUserSchema  = "urn:ietf:params:scim:schemas:core:2.0:User"
	scimListSchema  = "urn:ietf:params:scim:api:messages:2.0:ListResponse"
	scimPatchSchema = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
	scimErrorSchema = "urn:ietf:params:scim:api:messages:2.0:Error"
)

func (e *Emulator) installSCIM() {
	e.handle(http.MethodGet, "/api/SCIM/v2/Token", e.serveSCIMToken)
	e.handle(http.MethodGet, "/api/SCIM/v2/Users", e.serveSCIMList)
	e.handle(http.MethodPost, "/api/SCIM/v2/Users", e.serveSCIMCreate)
	// One template serves Users/{id} and Users/userName={userName}: the
	// router matches whole segments.
	e.handle(http.MethodGet, "/api/SCIM/v2/Users/{id}", e.serveSCIMGet)
	e.handle(http.MethodPatch, "/api/SCIM/v2/Users/{id}", e.serveSCIMPatch)
	e.handle(http.MethodDelete, "/api/SCIM/v2/Users/{id}", e.serveSCIMDelete)
}

// writeSCIMError answers with the SCIM error message (RFC 7644 §3.12).
func writeSCIMError(w http.ResponseWriter, status int, scimType, format string, args ...any) {
	body := map[string]any{"schemas": []string{scimErrorSchema}, "status": strconv.Itoa(status), "detail": fmt.Sprintf(format, args...)}
	if scimType != "" {
		body["scimType"] = scimType
	}
	writeJSON(w, status, body)
}

// scimUser renders a stored user as a SCIM core user.
func scimUser(u storedUser) map[string]any {
	out := map[string]any{
		"schemas": []string{scimUserSchema}, "id": u.ID, "userName": u.UserName, "displayName": u.FullName,
		"active": !u.Inactive,
		"name":   map[string]any{"formatted": u.FullName, "givenName": u.GivenName, "familyName": u.FamilyName},
		"meta": map[string]any{"resourceType": "User", "created": wireTime(u.created), "lastModified": wireTime(u.modified),
			"location": "/api/SCIM/v2/Users/" + u.ID},
	}
	if u.ExternalID != "" {
		out["externalId"] = u.ExternalID
	}
	if u.Email != "" {
		out["emails"] = []map[string]any{{"value": u.Email, "type": "work", "primary": true}}
	}
	roles := make([]map[string]any, 0, len(u.Roles))
	for _, r := range u.Roles {
		roles = append(roles, map[string]any{"value": r})
	}
	out["roles"] = roles
	return out
}

// serveSCIMToken serves GET /api/SCIM/v2/Token: a JWT-shaped token with
// its expiry (duration in days, default 90).
func (e *Emulator) serveSCIMToken(w http.ResponseWriter, r *http.Request, _ Params) {
	days, ok := queryInt(w, r, "duration", 90)
	if !ok {
		return
	}
	if days < 1 {
		writeSCIMError(w, http.StatusBadRequest, "invalidValue", "duration must be at least one day")
		return
	}
	exp := e.now().Add(time.Duration(days) * 24 * time.Hour)
	enc := func(v any) string {
		b, _ := json.Marshal(v)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	jwt := enc(map[string]any{"alg": "none", "typ": "JWT"}) + "." + enc(map[string]any{"sub": e.tokenUser(), "exp": exp.Unix()}) + "."
	writeJSON(w, http.StatusOK, map[string]any{"token": jwt, "expiresUtc": wireTime(exp), "durationDays": days})
}

// scimFilter parses the one filter form the emulator understands:
// `attribute eq "value"` on userName, externalId or displayName.
func scimFilter(expr string) (func(storedUser) bool, error) {
	expr = strings.TrimSpace(expr)
	if expr == "" {
		return func(storedUser) bool { return true }, nil
	}
	parts := strings.SplitN(expr, " ", 3)
	if len(parts) != 3 || !strings.EqualFold(parts[1], "eq") {
		return nil, fmt.Errorf("unsupported filter %q (only `attribute eq \"value\"`)", expr)
	}
	val, err := strconv.Unquote(strings.TrimSpace(parts[2]))
	if err != nil {
		return nil, fmt.Errorf("filter value %s must be a quoted string", parts[2])
	}
	switch strings.ToLower(parts[0]) {
	case "username":
		return func(u storedUser) bool { return strings.EqualFold(u.UserName, val) }, nil
	case "externalid":
		return func(u storedUser) bool { return u.ExternalID == val }, nil
	case "displayname":
		return func(u storedUser) bool { return u.FullName == val }, nil
	}
	return nil, fmt.Errorf("filter attribute %q is not supported", parts[0])
}

// serveSCIMList serves GET /api/SCIM/v2/Users: a ListResponse page
// (startIndex 1-based, default 1; count default 100).
func (e *Emulator) serveSCIMList(w http.ResponseWriter, r *http.Request, _ Params) {
	start, ok := queryInt(w, r, "startIndex", 1)
	if !ok {
		return
	}
	count, ok := queryInt(w, r, "count", 100)
	if !ok {
		return
	}
	match, err := scimFilter(query(r, "filter"))
	if err != nil {
		writeSCIMError(w, http.StatusBadRequest, "invalidFilter", "%v", err)
		return
	}
	start = max(start, 1)
	count = max(count, 0)
	var all []storedUser
	for _, u := range e.app.users.list() {
		if match(u) {
			all = append(all, u)
		}
	}
	page := []map[string]any{}
	for i := start - 1; i < len(all) && len(page) < count; i++ {
		page = append(page, scimUser(all[i]))
	}
	writeJSON(w, http.StatusOK, map[string]any{"schemas": []string{scimListSchema}, "totalResults": len(all),
		"itemsPerPage": len(page), "startIndex": start, "Resources": page})
}

// scimLookup finds the user of a Users/{id} segment: a GUID, or
// "userName=<name>".
func (e *Emulator) scimLookup(seg string) (storedUser, bool) {
	if len(seg) > len("userName=") && strings.EqualFold(seg[:len("userName=")], "userName=") {
		return e.app.users.byName(seg[len("userName="):])
	}
	return e.app.users.get(seg)
}

// serveSCIMGet serves GET /api/SCIM/v2/Users/{id} and
// /api/SCIM/v2/Users/userName={userName}.
func (e *Emulator) serveSCIMGet(w http.ResponseWriter, _ *http.Request, p Params) {
	u, ok := e.scimLookup(p.Get("id"))
	if !ok {
		writeSCIMError(w, http.StatusNotFound, "", "User %s not found", p.Get("id"))
		return
	}
	writeJSON(w, http.StatusOK, scimUser(u))
}

// scimUserBody is what the emulator reads from a created user.
type scimUserBody struct {
	UserName    string `json:"userName"`
	DisplayName string `json:"displayName"`
	ExternalID  string `json:"externalId"`
	Active      *bool  `json:"active"`
	Name        struct {
		GivenName  string `json:"givenName"`
		FamilyName string `json:"familyName"`
	} `json:"name"`
	Emails []struct {
		Value   string `json:"value"`
		Primary bool   `json:"primary"`
	} `json:"emails"`
	Roles []struct {
		Value string `json:"value"`
	} `json:"roles"`
}

// serveSCIMCreate serves POST /api/SCIM/v2/Users: 201 with the stored
// user; 409 for a taken userName.
func (e *Emulator) serveSCIMCreate(w http.ResponseWriter, r *http.Request, _ Params) {
	var b scimUserBody
	if !readJSON(w, r, &b) {
		return
	}
	u := User{UserName: b.UserName, FullName: b.DisplayName, ExternalID: b.ExternalID, GivenName: b.Name.GivenName,
		FamilyName: b.Name.FamilyName, Inactive: b.Active != nil && !*b.Active}
	for _, m := range b.Emails {
		if u.Email == "" || m.Primary {
			u.Email = m.Value
		}
	}
	for _, role := range b.Roles {
		if !containsFold(knownRoles, role.Value) {
			writeSCIMError(w, http.StatusBadRequest, "invalidValue", "Role '%s' was not found", role.Value)
			return
		}
		u.Roles = append(u.Roles, role.Value)
	}
	stored, err := e.app.users.create(u, e.now())
	switch {
	case errors.Is(err, errUserExists):
		writeSCIMError(w, http.StatusConflict, "uniqueness", "User %s already exists", b.UserName)
		return
	case err != nil:
		writeSCIMError(w, http.StatusBadRequest, "invalidValue", "%v", err)
		return
	}
	writeJSON(w, http.StatusCreated, scimUser(stored))
}

// scimPatchBody is a PatchOp request.
type scimPatchBody struct {
	Schemas    []string `json:"schemas"`
	Operations []struct {
		Op    string          `json:"op"`
		Path  string          `json:"path"`
		Value json.RawMessage `json:"value"`
	} `json:"Operations"`
}

// applySCIMOp applies one replace operation to u, with the server's rules.
func applySCIMOp(u *User, path string, raw json.RawMessage) error {
	if strings.EqualFold(path, "active") {
		var b bool
		if err := json.Unmarshal(raw, &b); err != nil {
			return errors.New("active takes a boolean")
		}
		u.Inactive = !b
		return nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return fmt.Errorf("%s takes a string", path)
	}
	switch strings.ToLower(path) {
	case "fullname":
		u.FullName = s
	case "familyname":
		u.FamilyName = s
	case "givenname":
		u.GivenName = s
	case "email":
		u.Email = s
	case "roles":
		if !containsFold(knownRoles, s) {
			return fmt.Errorf("Role '%s' was not found", s)
		}
		u.Roles = []string{s}
	case "levels":
		u.Levels = addRestrictions(u.Levels, s)
	case "productgroups":
		u.ProductGroups = addRestrictions(u.ProductGroups, s)
	default:
		return fmt.Errorf("path %q cannot be patched", path)
	}
	return nil
}

// serveSCIMPatch serves PATCH /api/SCIM/v2/Users/{id}: only "replace",
// on the documented paths; answers the patched user.
func (e *Emulator) serveSCIMPatch(w http.ResponseWriter, r *http.Request, p Params) {
	var b scimPatchBody
	if !readJSON(w, r, &b) {
		return
	}
	if !containsFold(b.Schemas, scimPatchSchema) || len(b.Operations) == 0 {
		writeSCIMError(w, http.StatusBadRequest, "invalidSyntax", "A PatchOp with schema %s and Operations is required", scimPatchSchema)
		return
	}
	found, ok := e.scimLookup(p.Get("id"))
	if !ok {
		writeSCIMError(w, http.StatusNotFound, "", "User %s not found", p.Get("id"))
		return
	}
	u, err := e.app.users.update(found.ID, e.now(), func(u *User) error {
		for _, op := range b.Operations {
			if !strings.EqualFold(op.Op, "replace") {
				return fmt.Errorf("operation %q is not supported, only replace", op.Op)
			}
			if err := applySCIMOp(u, op.Path, op.Value); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		writeSCIMError(w, http.StatusBadRequest, "invalidValue", "%v", err)
		return
	}
	writeJSON(w, http.StatusOK, scimUser(u))
}

// serveSCIMDelete serves DELETE /api/SCIM/v2/Users/{id}: 204, or 404.
func (e *Emulator) serveSCIMDelete(w http.ResponseWriter, _ *http.Request, p Params) {
	found, ok := e.scimLookup(p.Get("id"))
	if !ok || e.app.users.delete(found.ID) != nil {
		writeSCIMError(w, http.StatusNotFound, "", "User %s not found", p.Get("id"))
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
