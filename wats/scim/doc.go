// Package scim is the WATS user-provisioning interface (SCIM 2.0, RFC 7643
// and RFC 7644) under /api/SCIM/v2: list, read, create, patch and delete
// users, and issue the token an identity provider (for example Azure AD)
// provisions with.
//
// Get a *Service from wats.Client (c.SCIM); the package never talks HTTP
// itself.
//
// # What the server documents
//
// The server's API documents give the SCIM routes, verbs and parameters but
// no answer shapes. Users and list answers are therefore modelled on the
// SCIM core schema (id, userName, displayName, active, name, emails,
// schemas, meta; the list answer's totalResults, itemsPerPage, startIndex
// and Resources) and every member the models do not name is kept in Extra,
// so nothing the server adds is lost. Patches follow the server's own
// rules: only the "replace" operation, on the paths fullName, familyName,
// givenName, roles, email, active, levels and productGroups (see Patch).
package scim
