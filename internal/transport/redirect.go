package transport

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
)

// maxRedirects bounds the redirects followed for one attempt (net/http's own limit).
const maxRedirects = 10

// sameOrigin redirect policy: the credential is sent as a header on every
// attempt, and net/http forwards headers on a redirect whenever the host
// name matches — even to another port or from https to http. So a redirect
// is followed only within the origin (scheme, host and port) of the first
// request, and never for a method that is not idempotent: a POST answered by
// 307 would otherwise re-send the report body to the new location.
func checkRedirect(user func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		first := via[0]
		switch {
		case len(via) >= maxRedirects:
			return fmt.Errorf("%w: stopped after %d redirects", errs.ErrRedirectRefused, len(via))
		case first.Method != http.MethodGet && first.Method != http.MethodHead &&
			first.Method != http.MethodPut && first.Method != http.MethodDelete:
			return fmt.Errorf("%w: a %s is never re-sent to another location (to %s)", errs.ErrRedirectRefused, first.Method, origin(req))
		case !strings.EqualFold(req.URL.Scheme, first.URL.Scheme):
			return fmt.Errorf("%w: scheme change from %s to %s", errs.ErrRedirectRefused, origin(first), origin(req))
		case !strings.EqualFold(hostPort(req), hostPort(first)):
			return fmt.Errorf("%w: %s is another origin than %s", errs.ErrRedirectRefused, origin(req), origin(first))
		}
		if user != nil {
			return user(req, via)
		}
		return nil
	}
}

// hostPort is the request's host with its port made explicit.
func hostPort(r *http.Request) string {
	h, p := r.URL.Hostname(), r.URL.Port()
	if p == "" {
		p = "80"
		if strings.EqualFold(r.URL.Scheme, "https") {
			p = "443"
		}
	}
	return strings.ToLower(h) + ":" + p
}

// origin names a request's scheme, host and port, never its path or query
// (which may carry serial numbers or a token someone put in a URL).
func origin(r *http.Request) string { return r.URL.Scheme + "://" + hostPort(r) }

// isRedirect reports the statuses net/http would follow.
func isRedirect(code int) bool {
	switch code {
	case http.StatusMovedPermanently, http.StatusFound, http.StatusSeeOther,
		http.StatusTemporaryRedirect, http.StatusPermanentRedirect:
		return true
	}
	return false
}

// locationOrigin names the origin a redirect answer points at.
func locationOrigin(resp *http.Response) string {
	loc, err := resp.Location()
	if err != nil {
		return "no valid location"
	}
	return origin(&http.Request{URL: loc})
}
