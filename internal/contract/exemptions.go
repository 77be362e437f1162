package contract

import (
	"strings"
	"sync"
)

// Kind says which gap of the server's documents an Exemption covers.
type Kind int

// The gaps the documents are known to have (see the Reason of each entry).
const (
	// ODataOptions: the operation accepts the OData system query options
	// ($filter, $top, $skip, $orderby, $expand, $select, $count, $apply,
	// $skiptoken) although it declares none.
	ODataOptions Kind = iota + 1
	// RawBody: the controller reads the raw request body, so the document
	// declares none. BodyDefinition, when set, is the model the body
	// follows (checked as JSON); otherwise the body is not checked.
	RawBody
	// BareObjectAnswer: an answer documented as a bare {"type":"object"}
	// (file downloads, many analytics answers) is not checked member-wise.
	BareObjectAnswer
	// SharedTemplate: two operations share one verb and template under two
	// parameter names; a GUID value selects the operation whose parameter
	// is Param, any other value the other one.
	SharedTemplate
	// FlagsParam: the integer parameter Param is a sum of its enum values.
	FlagsParam
	// ListAnswer: the operation answers a JSON array of the documented
	// answer schema.
	ListAnswer
	// AnswerDefinition: the answer, documented as a bare object, follows the
	// definition BodyDefinition.
	AnswerDefinition
	// Extra: a route neither document lists, kept by the SDK under an
	// Unverified() service with written evidence that a server has it.
	// Requests to it are routed but not checked.
	Extra
	// ExtraMember: the request body member Param is read by the server
	// although the body's schema lacks it (the operation's own description
	// names it); the SDK sends it only from an Unverified() service.
	ExtraMember
)

// Exemption is one entry of the table of documented gaps.
type Exemption struct {
	Kind Kind
	// Method and Path name the operation as documented ("*" for every
	// operation, with BareObjectAnswer).
	Method, Path string
	// Param is the parameter a FlagsParam entry concerns, or the one a GUID
	// value selects for a SharedTemplate entry.
	Param string
	// BodyDefinition is the definition a RawBody body or an
	// AnswerDefinition answer follows.
	BodyDefinition string
	// ID names an Extra route in messages and statistics.
	ID string
	// Reason says why the entry exists: what the server does that the
	// document does not say, or (Extra) the evidence for the route.
	Reason string
}

// odataOptions are the system query options an OData list operation accepts:
// the usual seven, plus $apply and $skiptoken, which the ODataQueryOptions
// definitions of the internal document also carry.
var odataOptions = []string{"$filter", "$top", "$skip", "$orderby", "$expand", "$select", "$count", "$apply", "$skiptoken"}

const (
	whyOData = "OData list operation (its element type is an OData model, and the internal document lists an " +
		"ODataQueryOptions definition for it); Swashbuckle does not document the query options the controller reads"
	whyRaw = "the controller reads the raw request body, so Swashbuckle documents no body parameter"
)

// exemptions is THE table of the documents' known gaps. Nothing else in the
// project special-cases an operation.
var exemptions = []Exemption{
	{Kind: ODataOptions, Method: "GET", Path: "/api/Report/Query/Header", Reason: whyOData},
	{Kind: ODataOptions, Method: "GET", Path: "/api/Asset", Reason: whyOData},
	{Kind: ODataOptions, Method: "GET", Path: "/api/Asset/Types", Reason: whyOData},
	{Kind: ODataOptions, Method: "GET", Path: "/api/Asset/Log", Reason: whyOData},
	{Kind: ODataOptions, Method: "GET", Path: "/api/Product/Query", Reason: whyOData},

	{Kind: RawBody, Method: "POST", Path: "/api/Report/WSJF", BodyDefinition: "Virinco.WATS.Schemas.WSJF.Report",
		Reason: whyRaw + "; the body is a WSJF report, modelled as Virinco.WATS.Schemas.WSJF.Report in the internal document"},
	{Kind: RawBody, Method: "POST", Path: "/api/Report/WSXF", Reason: whyRaw + "; the body is WSXF XML"},
	{Kind: RawBody, Method: "PUT", Path: "/api/Product/BOM", Reason: whyRaw + "; the body is a WSBF XML bill of materials"},
	{Kind: RawBody, Method: "PUT", Path: "/api/Production/SerialNumbers", Reason: whyRaw + "; the body is the uploaded serial-number file"},
	{Kind: RawBody, Method: "PUT", Path: "/api/internal/Product/BOM", Reason: whyRaw + "; the body is the bill of materials in the format the format parameter names (json: an array of BOM items)"},
	{Kind: RawBody, Method: "POST", Path: "/api/Software/Package/UploadZip/{id}", Reason: whyRaw + "; the body is a zip (raw or multipart)"},
	{Kind: RawBody, Method: "POST", Path: "/api/RootCause/Attachment", Reason: whyRaw + "; the body is an attachment (raw or multipart)"},
	{Kind: RawBody, Method: "PUT", Path: "/api/internal/Product/BOM", Reason: whyRaw + "; the body is a WSBF XML bill of materials, as for PUT /api/Product/BOM"},
	{Kind: RawBody, Method: "POST", Path: "/api/internal/Blob/Asset", Reason: whyRaw + "; the Blob controller stores the body as an asset's file"},
	{Kind: RawBody, Method: "POST", Path: "/api/internal/Blob/clientlog/{identifier}", Reason: whyRaw + "; the Blob controller stores the body as a client's log file"},
	{Kind: RawBody, Method: "POST", Path: "/api/internal/Blob/mi", Reason: whyRaw + "; the Blob controller stores the body as a file"},

	{Kind: BareObjectAnswer, Method: "*", Path: "*",
		Reason: "Swashbuckle writes {\"type\":\"object\"} for IHttpActionResult and file answers; it says nothing about members"},

	{Kind: SharedTemplate, Method: "GET", Path: "/api/Asset/{assetId}", Param: "assetId",
		Reason: "Asset_GetAssetByAssetId and Asset_GetAssetBySerialNumber are one template, /api/Asset/{assetId} and " +
			"/api/Asset/{serialNumber}; a GUID value is taken as the asset id, any other value as the serial number"},

	{Kind: FlagsParam, Method: "GET", Path: "/api/RootCause/Tickets", Param: "status",
		Reason: "RootCause_GetTickets status is a flags value: any sum of 1, 2, 4, 8, 16, 32"},

	{Kind: ListAnswer, Method: "GET", Path: "/api/Software/Packages",
		Reason: "documented as answering one Package; the server answers a list of packages"},
	{Kind: ListAnswer, Method: "GET", Path: "/api/Software/PackagesByTag",
		Reason: "documented as answering one Package; the server answers a list of packages"},

	{Kind: ExtraMember, Method: "POST", Path: "/api/App/TestStepAnalysis", Param: "run",
		Reason: "the operation's description lists run (1, 2, 3, -1 last, -2 all; default 1) among the filter's members, but the filter schema has none; sent only by analytics.Unverified().TestStepAnalysis"},
	{Kind: AnswerDefinition, Method: "GET", Path: "/api/Report/Wsjf/{id}", BodyDefinition: "Virinco.WATS.Schemas.WSJF.Report",
		Reason: "documented as a bare object; the answer is the WSJF report that POST /api/Report/WSJF accepts"},
}

var (
	extraMu      sync.RWMutex
	extras       []Exemption
	defaultBuilt bool // set once Default has read the table
)

// RegisterExtra adds a route neither document lists (Kind Extra) to the
// table, so the emulator routes it instead of answering 404. Call it from an
// init function next to the emulated handler; reason must give the written
// evidence that a server has the route. It panics on an incomplete entry.
func RegisterExtra(method, path, id, reason string) {
	if method == "" || !strings.HasPrefix(path, "/") || id == "" || strings.TrimSpace(reason) == "" {
		panic("contract: RegisterExtra needs a method, a path, an id and a reason")
	}
	extraMu.Lock()
	defer extraMu.Unlock()
	if defaultBuilt {
		panic("contract: RegisterExtra(" + method + " " + path + ") after the default router was built: call it from an init function")
	}
	extras = append(extras, Exemption{Kind: Extra, Method: strings.ToUpper(method), Path: path, ID: id, Reason: reason})
}

// Exemptions returns the whole table, registered Extra routes included.
func Exemptions() []Exemption {
	extraMu.RLock()
	defer extraMu.RUnlock()
	out := append([]Exemption(nil), exemptions...)
	return append(out, extras...)
}

// exemptionsFor returns the entries for one operation (and the "*" ones).
func exemptionsFor(method, path string) []Exemption {
	var out []Exemption
	for _, e := range exemptions {
		if (e.Method == "*" || e.Method == method) && (e.Path == "*" || strings.EqualFold(e.Path, path)) {
			out = append(out, e)
		}
	}
	return out
}
