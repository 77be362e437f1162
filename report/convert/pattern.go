package convert

import (
	"fmt"
	"path"
	"strings"
)

// patterns is a list of base-name globs matched case-insensitively.
type patterns []string

// compilePatterns lower-cases and checks globs ("*.xml", "report_??.txt").
func compilePatterns(ps []string) (patterns, error) {
	out := make(patterns, 0, len(ps))
	for _, p := range ps {
		p = strings.ToLower(strings.TrimSpace(p))
		if p == "" {
			continue
		}
		if strings.ContainsAny(p, `/\`) {
			return nil, fmt.Errorf("convert: pattern %q: patterns match base names, not paths", p)
		}
		if _, err := path.Match(p, ""); err != nil {
			return nil, fmt.Errorf("convert: pattern %q: %w", p, err)
		}
		out = append(out, p)
	}
	return out, nil
}

// match reports whether base (a file's base name) matches one of the globs.
func (ps patterns) match(base string) bool {
	base = strings.ToLower(base)
	for _, p := range ps {
		if ok, _ := path.Match(p, base); ok {
			return true
		}
	}
	return false
}
