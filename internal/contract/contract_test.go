package contract

import (
	"bytes"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const specDir = "../../../shared/spec/openapi"

// The checked-in description must be what the generator writes from the
// server's documents; skipped where the documents are not next to the repo.
func TestGeneratedFileIsCurrent(t *testing.T) {
	pub, err := os.ReadFile(filepath.Join(specDir, "openapi_public.json"))
	if os.IsNotExist(err) {
		t.Skip("server documents not present at " + specDir)
	}
	require.NoError(t, err)
	in, err := os.ReadFile(filepath.Join(specDir, "openapi_internal.json"))
	require.NoError(t, err)
	want, err := Build(pub, in)
	require.NoError(t, err)
	if !bytes.Equal(want, embedded) {
		t.Fatalf("%s is stale: run `go generate ./internal/contract`", File)
	}
}

func TestDescriptionCounts(t *testing.T) {
	doc := Load()
	public, internal := 0, 0
	for _, op := range doc.Operations {
		if op.Internal {
			internal++
		} else {
			public++
		}
	}
	assert.Equal(t, 126, public, "the public document has 126 operations")
	assert.Equal(t, 766, public+internal, "the internal document has 766 operations, the public ones among them")
	assert.Contains(t, doc.Definitions, "Virinco.WATS.Schemas.WSJF.Report", "the raw WSJF body's model is kept")
	for _, text := range []string{`"summary"`, `"example"`, `"consumes"`, `"produces"`, `"operationId"`} {
		assert.NotContains(t, string(embedded), text, "no description text or other non-structural fact is kept")
	}
	p := doc.Definitions["Virinco.WATS.Web.Dashboard.Models.Mes.Product.Public.Product"]
	require.NotNil(t, p)
	require.Contains(t, p.Properties, "tags")
	assert.True(t, p.Properties["tags"].ReadOnly, "readOnly is read from the Swagger 2.0 documents")
}

func TestLookup(t *testing.T) {
	rt := Default()
	tests := []struct {
		method, path string
		wantID       string
		wantStatus   int
		params       map[string]string
	}{
		{"GET", "/api/Report/Wsjf/3F2504E0-4F89-11D3-9A0C-0305E82C3301", "Report_GetReportAsWSJF", 0, map[string]string{"id": "3F2504E0-4F89-11D3-9A0C-0305E82C3301"}},
		{"GET", "/API/report/WSJF/x/", "Report_GetReportAsWSJF", 0, nil},
		{"GET", "/api/Product/Vendors", "Product_Vendors", 0, nil},
		{"GET", "/api/Product/ABC%2F1", "Product_PublicGetProduct", 0, map[string]string{"partNumber": "ABC/1"}},
		{"GET", "/api/Product/ABC/B", "Product_PublicGetProductRevision", 0, nil},
		{"DELETE", "/api/Product/ABC", "", http.StatusMethodNotAllowed, nil},
		{"POST", "/api/Product/Vendors", "", http.StatusMethodNotAllowed, nil},
		{"GET", "/api/Nope", "", http.StatusNotFound, nil},
		{"GET", "/api/Report//x", "", http.StatusNotFound, nil},
		{"GET", "/api/SCIM/v2/Users/userName=jo", "Scim_GetUser", 0, map[string]string{"userName": "jo"}},
		{"GET", "/api/SCIM/v2/Users/42", "Scim_GetUserWithId", 0, nil},
		{"GET", "/api/Asset/Types", "Asset_GetAssetTypes", 0, nil},
		{"GET", "/api/internal/Process/GetProcesses", "Process_GetProcesses", 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			m, err := rt.Lookup(tc.method, tc.path)
			if tc.wantStatus != 0 {
				var re *RouteError
				require.ErrorAs(t, err, &re)
				assert.Equal(t, tc.wantStatus, re.Status)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.wantID, m.Op.ID)
			for k, v := range tc.params {
				assert.Equal(t, v, m.Params[k])
			}
		})
	}
}

func TestSharedTemplateHasBothNames(t *testing.T) {
	m, err := Default().Lookup("GET", "/api/Asset/SN-1")
	require.NoError(t, err)
	assert.Equal(t, "Asset_GetAssetBySerialNumber", m.Op.ID)
	assert.Equal(t, "SN-1", m.Params["serialNumber"])
	byID, err := Default().Lookup("GET", "/api/Asset/3f2504e0-4f89-11d3-9a0c-0305e82c3301")
	require.NoError(t, err)
	assert.Equal(t, "Asset_GetAssetByAssetId", byID.Op.ID)
	var ids []string
	for _, s := range Default().Siblings(m.Op) {
		ids = append(ids, s.ID)
	}
	assert.ElementsMatch(t, []string{"Asset_GetAssetByAssetId", "Asset_GetAssetBySerialNumber"}, ids)
	assert.Empty(t, Default().CheckRequest(m, Request{}, Strict))
}

func check(t *testing.T, mode Mode, method, target, body string) []Violation {
	t.Helper()
	path, raw, _ := strings.Cut(target, "?")
	m, err := Default().Lookup(method, path)
	require.NoError(t, err)
	return Default().CheckRequest(m, Request{RawQuery: raw, ContentType: "application/json", Body: []byte(body)}, mode)
}

func TestCheckRequest(t *testing.T) {
	tests := []struct {
		name        string
		method, url string
		body        string
		strict, lax string // substring of the first violation; "" = none
	}{
		{"good query", "GET", "/api/Report/Wsjf/3f2504e0-4f89-11d3-9a0c-0305e82c3301?detailLevel=2&includeChartdata=TRUE", "", "", ""},
		{"bad uuid path", "GET", "/api/Report/Wsjf/12", "", "path.id", "path.id"},
		{"undeclared query", "GET", "/api/Report/Wsjf/3f2504e0-4f89-11d3-9a0c-0305e82c3301?detail=2", "", "query.detail: is not a documented", ""},
		{"int32 overflow", "GET", "/api/Report/Wsjf/3f2504e0-4f89-11d3-9a0c-0305e82c3301?detailLevel=3000000000", "", "int32", "int32"},
		{"bad boolean", "GET", "/api/Report/Wsjf/3f2504e0-4f89-11d3-9a0c-0305e82c3301?includeChartdata=1", "", "true or false", "true or false"},
		{"odata accepted", "GET", "/api/Report/Query/Header?$filter=x&$top=3&$orderby=start", "", "", ""},
		{"odata elsewhere", "GET", "/api/Software/Packages?$top=3", "", "OData options", ""},
		{"missing required", "GET", "/api/RootCause/Tickets?view=2", "", "query.status: is required", "query.status: is required"},
		{"flags sum", "GET", "/api/RootCause/Tickets?status=7&view=2", "", "", ""},
		{"flags out of range", "GET", "/api/RootCause/Tickets?status=64&view=2", "", "sum of the documented flags", "sum of the documented flags"},
		{"enum", "GET", "/api/RootCause/Tickets?status=1&view=5", "", "documented values", ""},
		{"date-time", "POST", "/api/Asset/Calibration?id=x&dateTime=2024-05-01T10:00:00.1234567Z", "", "", ""},
		{"date-time 9 digits", "POST", "/api/Asset/Calibration?id=x&dateTime=2024-05-01T10:00:00.123456789Z", "", "at most 7", "at most 7"},
		{"body good", "PUT", "/api/RootCause/Ticket", `{"ticketId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","subject":"s","status":2}`, "", ""},
		{"body member case-insensitive", "PUT", "/api/RootCause/Ticket", `{"Subject":"s"}`, "", ""},
		{"body unknown member", "PUT", "/api/RootCause/Ticket", `{"subjekt":"s"}`, "body.subjekt: is not a member", ""},
		{"body wrong type", "PUT", "/api/RootCause/Ticket", `{"ticketNumber":"12"}`, "JSON number", ""},
		{"body nested", "PUT", "/api/RootCause/Ticket", `{"tags":[{"key":"a","valu":"b"}]}`, "body.tags[0].valu", ""},
		{"body missing", "PUT", "/api/RootCause/Ticket", ``, "required but missing", ""},
		{"body not JSON", "PUT", "/api/RootCause/Ticket", `{`, "not valid JSON", "not valid JSON"},
		{"body where none", "GET", "/api/App/Version", `{}`, "takes no body", ""},
		{"raw WSJF checked", "POST", "/api/Report/WSJF", `{"type":"T","id":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","pn":"P","sn":"S","rev":"A","processCode":10,"result":"P","start":"2024-05-01T10:00:00+02:00"}`, "", ""},
		{"raw WSJF unknown member", "POST", "/api/Report/WSJF", `{"type":"T","partNumber":"P"}`, "body.partNumber", ""},
		{"raw BOM not checked", "PUT", "/api/Product/BOM", `<bom/>`, "", ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, mc := range []struct {
				mode Mode
				want string
			}{{Strict, tc.strict}, {Lenient, tc.lax}} {
				got := check(t, mc.mode, tc.method, tc.url, tc.body)
				if mc.want == "" {
					assert.Empty(t, got, "mode %d", mc.mode)
					continue
				}
				require.NotEmpty(t, got, "mode %d", mc.mode)
				assert.Contains(t, got[0].String(), mc.want, "mode %d", mc.mode)
				assert.Contains(t, got[0].Op, "(", "a violation names the operation")
			}
		})
	}
}

func TestReadOnlyRefused(t *testing.T) {
	body := `{"partNumber":"P","Tags":[{"key":"a","value":"b"}]}`
	got := check(t, Strict, "PUT", "/api/Product", body)
	require.Len(t, got, 1)
	assert.Equal(t, "body.Tags", got[0].Where)
	assert.Contains(t, got[0].Message, "read-only")
	assert.Empty(t, check(t, Lenient, "PUT", "/api/Product", body))
}

func answer(t *testing.T, method, path, body string) []Violation {
	t.Helper()
	m, err := Default().Lookup(method, path)
	require.NoError(t, err)
	return Default().CheckAnswer(m, Answer{Status: 200, ContentType: "application/json; charset=utf-8", Body: []byte(body)})
}

func TestCheckAnswer(t *testing.T) {
	tests := []struct {
		name, method, path, body, want string
	}{
		{"good ticket", "GET", "/api/RootCause/Ticket", `{"ticketId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301","ticketNumber":3,"createdUtc":"2024-05-01T10:00:00.1234567Z","assignee":null}`, ""},
		{"upper-case GUID", "GET", "/api/RootCause/Ticket", `{"ticketId":"3F2504E0-4F89-11D3-9A0C-0305E82C3301"}`, "lower-case"},
		{"empty GUID", "GET", "/api/RootCause/Ticket", `{"reportUuid":""}`, `never ""`},
		{"zero GUID", "GET", "/api/RootCause/Ticket", `{"reportUuid":"00000000-0000-0000-0000-000000000000"}`, ""},
		{"nine digits", "GET", "/api/RootCause/Ticket", `{"createdUtc":"2024-05-01T10:00:00.123456789Z"}`, "at most 7"},
		{"string id", "GET", "/api/RootCause/Ticket", `{"ticketNumber":"3"}`, "JSON number"},
		{"unknown member", "GET", "/api/RootCause/Ticket", `{"extra":1}`, "answer.extra: is not a member"},
		{"wrong case", "GET", "/api/RootCause/Ticket", `{"Subject":"x"}`, `spells this member "subject"`},
		{"array", "GET", "/api/RootCause/Tickets", `[{"ticketNumber":1},{"ticketNumber":1.5}]`, "answer[1].ticketNumber"},
		{"not an array", "GET", "/api/RootCause/Tickets", `{"ticketNumber":1}`, "must be an array"},
		{"list answer gap", "GET", "/api/Software/Packages", `[{"name":"a"}]`, ""},
		{"bare object", "GET", "/api/App/Levels", `[{"anything":1}]`, ""},
		{"string answer", "GET", "/api/App/Version", `"24.1.0"`, ""},
		{"string answer wrong", "GET", "/api/App/Version", `24`, "must be a string"},
		{"additional properties", "GET", "/api/SystemStatus", `{"a":"b","c":1}`, "answer.c"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := answer(t, tc.method, tc.path, tc.body)
			if tc.want == "" {
				assert.Empty(t, got)
				return
			}
			require.NotEmpty(t, got)
			assert.Contains(t, got[0].String(), tc.want)
		})
	}
	m, _ := Default().Lookup("GET", "/api/RootCause/Ticket")
	assert.Empty(t, Default().CheckAnswer(m, Answer{Status: 204}), "void answers are not checked")
	assert.Empty(t, Default().CheckAnswer(m, Answer{Status: 404, Body: []byte(`{"Message":"x"}`)}), "errors are not checked")
}

func TestExtraRoute(t *testing.T) {
	rt := NewRouter(Load(), append(Exemptions(), Exemption{Kind: Extra, Method: "GET", Path: "/api/Production/Batches", ID: "Unverified_Batches", Reason: "test"}))
	m, err := rt.Lookup("GET", "/api/production/batches")
	require.NoError(t, err)
	assert.Equal(t, "Unverified_Batches", m.Op.ID)
	assert.Empty(t, rt.CheckRequest(m, Request{RawQuery: "anything=1"}, Strict))
	assert.Panics(t, func() { RegisterExtra("GET", "/api/x", "X", "") }, "an Extra route needs its evidence")
}

func TestEveryExemptionNamesAnOperation(t *testing.T) {
	for _, e := range exemptions {
		assert.NotEmpty(t, e.Reason)
		if e.Path == "*" {
			continue
		}
		m, err := Default().Lookup(e.Method, strings.NewReplacer("{id}", "x", "{identifier}", "x", "{assetId}", "3f2504e0-4f89-11d3-9a0c-0305e82c3301").Replace(e.Path))
		if assert.NoError(t, err, "%s %s", e.Method, e.Path) {
			assert.True(t, strings.EqualFold(m.Op.Path, e.Path), "%s %s matched %s", e.Method, e.Path, m.Op.Path)
		}
	}
}
