package asset_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var endpointLine = regexp.MustCompile(`(?m)^WATS API: (GET|PUT|POST|DELETE) /api/\S+$`)

// TestMethodsNameTheirEndpoint checks the documentation rule: every exported
// method of Service and Internal has a comment naming its endpoint in the
// fixed form, and internal methods name only /api/internal routes.
func TestMethodsNameTheirEndpoint(t *testing.T) {
	checkEndpointDocs(t, ".")
}

func checkEndpointDocs(t *testing.T, dir string) {
	fset := token.NewFileSet()
	pkgs, err := parser.ParseDir(fset, dir, func(fi fs.FileInfo) bool {
		return !strings.HasSuffix(fi.Name(), "_test.go")
	}, parser.ParseComments)
	require.NoError(t, err)
	n := 0
	for _, pkg := range pkgs {
		for _, f := range pkg.Files {
			for _, d := range f.Decls {
				fn, ok := d.(*ast.FuncDecl)
				if !ok || fn.Recv == nil || !fn.Name.IsExported() {
					continue
				}
				recv := recvName(fn.Recv.List[0].Type)
				if recv != "Service" && recv != "Internal" {
					continue
				}
				if fn.Name.Name == "Internal" {
					continue // the accessor, not an endpoint
				}
				n++
				doc := fn.Doc.Text()
				lines := endpointLine.FindAllString(doc, -1)
				if !assert.NotEmpty(t, lines, "%s.%s has no 'WATS API: VERB /api/...' line", recv, fn.Name.Name) {
					continue
				}
				for _, l := range lines {
					if recv == "Internal" {
						assert.Contains(t, l, "/api/internal/", "%s.%s", recv, fn.Name.Name)
					}
				}
			}
		}
	}
	assert.Positive(t, n)
}

func recvName(e ast.Expr) string {
	if s, ok := e.(*ast.StarExpr); ok {
		e = s.X
	}
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}
