package apitest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// EndpointLine matches one endpoint line of a method's doc comment, the
// fixed form "WATS API: VERB /api/...". A method that calls several
// endpoints lists one such line for each.
var EndpointLine = regexp.MustCompile(`(?m)^WATS API: (GET|PUT|POST|PATCH|DELETE) /api/\S+$`)

// NoIOMarker matches the explicit marker, a doc line starting "No I/O.",
// that exempts a method of a service type from the endpoint rule because
// it works on the client side only and sends no request.
var NoIOMarker = regexp.MustCompile(`(?m)^No I/O\.`)

// CheckEndpointDocs checks the documentation rule of the domain packages
// on the non-test Go files in dir:
//
//   - Every exported method of a service type has a doc comment with at
//     least one line "WATS API: VERB /api/..." (see EndpointLine) naming
//     an endpoint it calls.
//   - On an internal service type (a name starting with "Internal", such
//     as Internal or InternalService) every endpoint line names an
//     /api/internal/ route.
//
// The service types are the receivers named in receivers; with none given
// they are detected: every type named Service or Internal or whose name
// ends in "Service" (for example InternalService, UnverifiedService).
//
// Two kinds of method are not endpoint methods and are skipped:
//
//   - Accessors that return one of the service types, such as
//     Service.Internal() *Internal: they only hand out a sub-service.
//   - Methods whose doc has a line starting "No I/O." (see NoIOMarker):
//     client-side helpers that send no request. Such a doc must not also
//     carry an endpoint line.
//
// The check fails if it finds no endpoint method at all, so that a wrong
// dir or receiver list cannot pass silently.
func CheckEndpointDocs(t testing.TB, dir string, receivers ...string) {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	require.NoError(t, err)
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ParseComments)
		require.NoError(t, err)
		files = append(files, f)
	}
	require.NotEmpty(t, files, "no Go files in %s", dir)

	services := map[string]bool{}
	for _, r := range receivers {
		services[r] = true
	}
	if len(receivers) == 0 {
		for _, f := range files {
			for _, d := range f.Decls {
				g, ok := d.(*ast.GenDecl)
				if !ok || g.Tok != token.TYPE {
					continue
				}
				for _, s := range g.Specs {
					name := s.(*ast.TypeSpec).Name.Name
					if name == "Service" || name == "Internal" || (strings.HasSuffix(name, "Service") && ast.IsExported(name)) {
						services[name] = true
					}
				}
			}
		}
	}

	n := 0
	for _, f := range files {
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || !fn.Name.IsExported() {
				continue
			}
			recv := typeName(fn.Recv.List[0].Type)
			if !services[recv] || returnsService(fn, services) {
				continue
			}
			doc := fn.Doc.Text()
			lines := EndpointLine.FindAllString(doc, -1)
			if NoIOMarker.MatchString(doc) {
				assert.Empty(t, lines, "%s.%s is marked 'No I/O.' but names an endpoint", recv, fn.Name.Name)
				continue
			}
			n++
			if !assert.NotEmpty(t, lines, "%s.%s has no 'WATS API: VERB /api/...' line", recv, fn.Name.Name) {
				continue
			}
			if strings.HasPrefix(recv, "Internal") {
				for _, l := range lines {
					assert.Contains(t, l, "/api/internal/", "%s.%s", recv, fn.Name.Name)
				}
			}
		}
	}
	keys := make([]string, 0, len(services))
	for k := range services {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	assert.Positive(t, n, "no endpoint methods on %v in %s", keys, dir)
}

// returnsService reports whether fn is an accessor: its only result is a
// service type or a pointer to one.
func returnsService(fn *ast.FuncDecl, services map[string]bool) bool {
	res := fn.Type.Results
	if res == nil || len(res.List) != 1 || len(res.List[0].Names) > 1 {
		return false
	}
	return services[typeName(res.List[0].Type)]
}

// typeName is the name of a possibly pointer, possibly generic named type.
func typeName(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	switch x := e.(type) {
	case *ast.Ident:
		return x.Name
	case *ast.IndexExpr:
		return typeName(x.X)
	case *ast.IndexListExpr:
		return typeName(x.X)
	}
	return ""
}
