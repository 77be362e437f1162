package transport

import "net/url"

// urlPathEscape escapes s for use as one path segment ('/' becomes %2F).
func urlPathEscape(s string) string { return url.PathEscape(s) }
