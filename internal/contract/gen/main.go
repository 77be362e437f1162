// Command gen writes contract.json, the compact description of the WATS
// server's public and internal Swagger 2.0 documents, from the documents in
// ../shared/spec/openapi of the repository's parent directory. Run it with
// `go generate ./internal/contract`.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/watsgo/sdk/internal/contract"
)

func main() {
	dir := "../../../shared/spec/openapi"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	pub, err := os.ReadFile(filepath.Join(dir, "openapi_public.json"))
	if err == nil {
		var in []byte
		in, err = os.ReadFile(filepath.Join(dir, "openapi_internal.json"))
		if err == nil {
			var out []byte
			out, err = contract.Build(pub, in)
			if err == nil {
				err = os.WriteFile(contract.File, out, 0o644)
			}
		}
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}
