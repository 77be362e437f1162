package contract

import (
	_ "embed"
	"encoding/json"
	"sync"
)

//go:generate go run ./gen

// File is the name of the generated description, next to this package.
const File = "contract.json"

//go:embed contract.json
var embedded []byte

var (
	loadOnce sync.Once
	loaded   *Doc
)

// Load returns the embedded description. It panics if the file does not
// decode, which the package's tests rule out.
func Load() *Doc {
	loadOnce.Do(func() {
		d := &Doc{}
		if err := json.Unmarshal(embedded, d); err != nil {
			panic("contract: embedded description: " + err.Error())
		}
		loaded = d
	})
	return loaded
}
