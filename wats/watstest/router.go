package watstest

import (
	"net/http"
	"net/url"
	"strings"
)

// route is one registered endpoint. Matching is case-insensitive on literal
// segments, as ASP.NET routing is; {name} segments capture one escaped path
// segment and are unescaped, so "SN%2F1" arrives as "SN/1".
type route struct {
	method   string
	segments []string // lower-cased literals, or "{name}"
	handler  HandlerFunc
}

// HandlerFunc serves one emulated endpoint. p holds the unescaped path parameters.
type HandlerFunc func(w http.ResponseWriter, r *http.Request, p Params)

// Params are the path parameters of a matched route.
type Params map[string]string

// Get returns the parameter called name ("" when absent).
func (p Params) Get(name string) string { return p[name] }

type router struct {
	routes []route
}

func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

func (rt *router) add(method, pattern string, h HandlerFunc) {
	segs := splitPath(pattern)
	for i, s := range segs {
		if !strings.HasPrefix(s, "{") {
			segs[i] = strings.ToLower(s)
		}
	}
	rt.routes = append(rt.routes, route{method: method, segments: segs, handler: h})
}

// match finds the route for an escaped path. It returns the handler, its
// params, and whether any route matched the path under another verb (for 405).
func (rt *router) match(method, escapedPath string) (HandlerFunc, Params, bool) {
	raw := splitPath(escapedPath)
	pathSeen := false
	var best *route
	var bestParams Params
	bestLiterals := -1
	for i := range rt.routes {
		r := &rt.routes[i]
		if len(r.segments) != len(raw) {
			continue
		}
		params := Params{}
		literals := 0
		ok := true
		for j, seg := range r.segments {
			val, err := url.PathUnescape(raw[j])
			if err != nil {
				ok = false
				break
			}
			if strings.HasPrefix(seg, "{") {
				params[strings.Trim(seg, "{}")] = val
				continue
			}
			if !strings.EqualFold(seg, val) {
				ok = false
				break
			}
			literals++
		}
		if !ok {
			continue
		}
		pathSeen = true
		// The most specific route wins: /api/Product/Groups beats /api/Product/{partNumber}.
		if r.method == method && literals > bestLiterals {
			best, bestParams, bestLiterals = r, params, literals
		}
	}
	if best == nil {
		return nil, nil, pathSeen
	}
	return best.handler, bestParams, true
}

// serves reports whether a route with this verb has the template's shape
// (literals equal ignoring case, parameters in the same places; parameter
// names may differ).
func (rt *router) serves(method, template string) bool {
	segs := splitPath(template)
	for _, r := range rt.routes {
		if r.method != method || len(r.segments) != len(segs) {
			continue
		}
		same := true
		for i, s := range segs {
			param, rparam := strings.Contains(s, "{"), strings.HasPrefix(r.segments[i], "{")
			if param != rparam || (!param && !strings.EqualFold(s, r.segments[i])) {
				same = false
				break
			}
		}
		if same {
			return true
		}
	}
	return false
}
