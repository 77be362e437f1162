// Package contract holds the WATS server's own API documents in a compact,
// structural form (verbs, path templates, parameters, body and answer
// schemas; no description text) and checks HTTP exchanges against them:
// route lookup as ASP.NET does it, request checks and answer checks.
//
// The description (contract.json) is generated from the server's Swagger 2.0
// documents in ../shared/spec/openapi by `go generate ./internal/contract`
// (see gen; readOnly is only reliable in the 2.0 files) and embedded; Load
// returns it, and a test fails when it is stale while the documents are
// present. Default gives the Router over it, whose Lookup, CheckRequest and
// CheckAnswer the emulator (package watstest) puts in front of its routes.
//
// The documents' known gaps are the one table in exemptions.go, each entry
// with its reason; routes neither document lists, which the SDK keeps under
// an Unverified() service with evidence, are added with RegisterExtra.
package contract

// Doc is the compact description of both server documents.
type Doc struct {
	// Operations lists every documented operation, public ones first, each
	// in document order.
	Operations []*Operation `json:"ops"`
	// Definitions holds the schemas reachable from the operations, by name.
	Definitions map[string]*Schema `json:"defs"`
}

// Operation is one documented verb on one path template.
type Operation struct {
	// ID is the document's operationId (not unique: one controller method
	// may serve GET and POST).
	ID string `json:"id"`
	// Method is the upper-case HTTP verb.
	Method string `json:"method"`
	// Path is the template as documented, e.g. "/api/Report/Wsjf/{id}".
	Path string `json:"path"`
	// Internal marks an operation only the internal document lists.
	Internal bool `json:"internal,omitempty"`
	// Params are the path and query parameters.
	Params []*Param `json:"params,omitempty"`
	// Body is the request body's schema (nil when none is declared).
	Body *Schema `json:"body,omitempty"`
	// BodyName is the name of the body parameter.
	BodyName string `json:"bodyName,omitempty"`
	// Response is the schema of the documented success answer (nil when
	// the document gives none).
	Response *Schema `json:"response,omitempty"`
	// Success lists the documented 2xx statuses.
	Success []int `json:"success,omitempty"`
}

// Param is one path or query parameter.
type Param struct {
	Name     string  `json:"name"`
	In       string  `json:"in"` // "path" or "query"
	Type     string  `json:"type,omitempty"`
	Format   string  `json:"format,omitempty"`
	Required bool    `json:"required,omitempty"`
	Enum     []any   `json:"enum,omitempty"`
	Items    *Schema `json:"items,omitempty"`
}

// Schema is the structural part of a Swagger schema.
type Schema struct {
	Ref                  string             `json:"$ref,omitempty"` // definition name, without "#/definitions/"
	Type                 string             `json:"type,omitempty"`
	Format               string             `json:"format,omitempty"`
	ReadOnly             bool               `json:"readOnly,omitempty"`
	Enum                 []any              `json:"enum,omitempty"`
	Items                *Schema            `json:"items,omitempty"`
	Properties           map[string]*Schema `json:"properties,omitempty"`
	AdditionalProperties *Schema            `json:"additionalProperties,omitempty"`

	lower map[string]string // lower-cased member name -> member name, filled by NewRouter
}

// Label names an operation in messages: "Report_GetReportAsWSJF (GET /api/Report/Wsjf/{id})".
func (o *Operation) Label() string { return o.ID + " (" + o.Method + " " + o.Path + ")" }
