package transport

import (
	"fmt"
	"net/url"
	"strings"
)

// BuildPath fills the {name} placeholders of route with escaped values.
// Each value becomes exactly one path segment: '/', '?', '#', '%', spaces,
// '+' and non-ASCII are percent-encoded, so the server sees the original
// value after unescaping.
func BuildPath(route string, params map[string]string) (string, error) {
	if !strings.Contains(route, "{") {
		return route, nil
	}
	var b strings.Builder
	b.Grow(len(route) + 16)
	rest := route
	for {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			b.WriteString(rest)
			return b.String(), nil
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return "", fmt.Errorf("route %q: unclosed placeholder", route)
		}
		name := rest[i+1 : i+j]
		v, ok := params[name]
		if !ok {
			return "", fmt.Errorf("route %q: no value for {%s}", route, name)
		}
		b.WriteString(rest[:i])
		b.WriteString(escapeSegment(v))
		rest = rest[i+j+1:]
	}
}

// escapeSegment is url.PathEscape plus '+', which some servers (ASP.NET
// among them, depending on configuration) decode as a space in paths. A
// value of "." or ".." is encoded as %2E dots: sent plainly, clients and
// proxies would resolve it as a dot segment and call another route.
func escapeSegment(s string) string {
	switch s {
	case ".":
		return "%2E"
	case "..":
		return "%2E%2E"
	}
	return strings.ReplaceAll(url.PathEscape(s), "+", "%2B")
}
