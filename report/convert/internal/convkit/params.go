package convkit

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/report/convert"
)

// Text returns the parameter called name, else fallback (usually a field of
// Source.Defaults), else def: a folder's parameters win over the watcher's
// defaults, which win over the converter's own.
func Text(src *convert.Source, name, fallback, def string) string {
	if v := strings.TrimSpace(src.Params.Get(name, "")); v != "" {
		return v
	}
	if fallback != "" {
		return fallback
	}
	return def
}

// ProcessCode resolves the test operation of a conversion: the parameter
// called name as a code, or as a process name through Source.Processes;
// without the parameter Defaults.ProcessCode, else def. A name that cannot
// be resolved is convert.ErrUnknownProcess.
func ProcessCode(ctx context.Context, src *convert.Source, name string, def int) (int, error) {
	v := strings.TrimSpace(src.Params.Get(name, ""))
	if v == "" {
		if src.Defaults.ProcessCode != 0 {
			return src.Defaults.ProcessCode, nil
		}
		return def, nil
	}
	return ProcessByName(ctx, src, v, name)
}

// ProcessByName resolves v, a code or a process name found in a file or a
// parameter (named param in errors), through Source.Processes.
func ProcessByName(ctx context.Context, src *convert.Source, v, param string) (int, error) {
	if n, err := strconv.Atoi(v); err == nil {
		return n, nil
	}
	if src.Processes == nil {
		return 0, fmt.Errorf("%w: %q (%s; no process resolver configured)", convert.ErrUnknownProcess, v, param)
	}
	n, err := src.Processes.TestOperationCode(ctx, v)
	if err != nil {
		return 0, fmt.Errorf("%w: %q (%s): %w", convert.ErrUnknownProcess, v, param, err)
	}
	return n, nil
}

// Bool reads the true/false parameter called name (def when absent).
func Bool(src *convert.Source, name string, def bool) (bool, error) {
	v := strings.TrimSpace(src.Params.Get(name, ""))
	if v == "" {
		return def, nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, fmt.Errorf("parameter %s: %q is not true or false", name, v)
	}
	return b, nil
}

// Name fits a step or sequence name into the 100 characters WSJF allows,
// warning through src when it had to cut; an empty name becomes empty.
func Name(src *convert.Source, s, empty string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return empty
	}
	if cut, did := Truncate(s, 100); did {
		src.Warnf(fmt.Sprintf("name %q cut to 100 characters", cut))
		return cut
	}
	return s
}
