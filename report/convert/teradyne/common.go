package teradyne

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// readText reads the whole file as UTF-8: a BOM is dropped, and text that is
// not valid UTF-8 is read as Windows-1252 (the testers' code page).
func readText(src *convert.Source, name string) (string, error) {
	n := src.Size
	if n < 0 || n > 1<<30 {
		n = 0
	}
	buf := bytes.NewBuffer(make([]byte, 0, n+512))
	if _, err := buf.ReadFrom(src.Reader); err != nil && err != io.EOF {
		return "", fmt.Errorf("%s: %s: read: %w", name, src.Name, err)
	}
	b := bytes.TrimPrefix(buf.Bytes(), []byte("\xEF\xBB\xBF"))
	if utf8.Valid(b) {
		return string(b), nil
	}
	return string(convkit.AppendCP1252(make([]byte, 0, len(b)+len(b)/8), b)), nil
}

// processCode resolves an operation parameter: a number, or a process name.
func processCode(ctx context.Context, src *convert.Source, name, param string, def int) (int, error) {
	if src.Defaults.ProcessCode != 0 {
		def = src.Defaults.ProcessCode
	}
	v := strings.TrimSpace(src.Params.Get(param, ""))
	if v == "" {
		return def, nil
	}
	if n, err := strconv.Atoi(v); err == nil {
		return n, nil
	}
	if src.Processes != nil {
		if n, err := src.Processes.TestOperationCode(ctx, v); err == nil {
			return n, nil
		}
	}
	return 0, fmt.Errorf("%s: parameter %s: process %q: %w", name, param, v, convert.ErrUnknownProcess)
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func trunc(s string, max int) string {
	s, _ = convkit.Truncate(s, max)
	return s
}
