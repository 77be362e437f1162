package wats

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
)

// DefaultMaxResponseSize is the default cap on an answer read into memory.
const DefaultMaxResponseSize = 64 << 20

// safeURL returns rawURL fit for an error message: quoted, and with any
// user-info part replaced, even when the URL does not parse.
func safeURL(rawURL string) string {
	if at := strings.LastIndex(rawURL, "@"); at >= 0 {
		start := 0
		if i := strings.Index(rawURL, "://"); i >= 0 && i < at {
			start = i + 3
		}
		rawURL = rawURL[:start] + "[credentials]" + rawURL[at:]
	}
	return fmt.Sprintf("%q", rawURL)
}

// urlCause drops the *url.Error wrapper, whose text repeats the whole URL.
func urlCause(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// controlIndex returns the index of the first ASCII control character in s, or -1.
func controlIndex(s string) int {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			return i
		}
	}
	return -1
}

// checkCleartext refuses a plain-http base URL to another machine unless the
// user opted in: the Basic token would travel unencrypted.
func checkCleartext(base string, allowed bool) error {
	u, err := url.Parse(base)
	if err != nil || !strings.EqualFold(u.Scheme, "http") || allowed || isLoopback(u.Hostname()) {
		return nil
	}
	return fmt.Errorf("wats: base URL %s is plain http:// to a remote host: the token would cross the network unencrypted; use https:// or WithInsecureHTTP()", safeURL(base))
}

// isLoopback reports whether host names this machine.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") || strings.HasSuffix(strings.ToLower(host), ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
