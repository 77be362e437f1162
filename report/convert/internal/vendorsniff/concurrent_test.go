package vendorsniff

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

// TestConcurrentUse converts every equipment sample from several goroutines
// with one value per converter (run with -race): the converters keep no
// state between files.
func TestConcurrentUse(t *testing.T) {
	type job struct {
		c    convert.Converter
		path string
		data []byte
	}
	var jobs []job
	for _, c := range equipment() {
		dir := filepath.Join("../..", c.Name(), "testdata")
		for _, p := range files(t, dir, func(n string) bool { return c.Name() != "klippel" || strings.HasPrefix(n, "DUT ") }) {
			data, err := os.ReadFile(p)
			require.NoError(t, err)
			jobs = append(jobs, job{c, p, data})
		}
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4*len(jobs))
	for i := 0; i < 4; i++ {
		for _, j := range jobs {
			wg.Add(1)
			go func(j job) {
				defer wg.Done()
				src := &convert.Source{Name: j.path, Reader: bytes.NewReader(j.data),
					Defaults: convert.Defaults{Location: time.UTC, Station: report.Station{Name: "S", Location: "L", Purpose: "P"}}}
				rs, err := j.c.Convert(context.Background(), src)
				if err == nil {
					for _, r := range rs {
						if err = r.Finalize(); err == nil {
							err = r.Validate()
						}
						if err != nil {
							break
						}
					}
				}
				if err != nil {
					errs <- err
				}
			}(j)
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		assert.NoError(t, err)
	}
}
