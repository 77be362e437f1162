package contract

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/watsgo/sdk/internal/guid"
)

// segment is one part of a path template.
type segment struct {
	kind   int    // segLiteral, segParam or segComplex
	lit    string // lower-cased literal, or the literal prefix of a complex segment
	suffix string // lower-cased literal after the parameter of a complex segment
	name   string // parameter name
}

// ASP.NET orders candidate templates segment by segment: a literal beats a
// complex segment ("userName={userName}"), which beats a bare parameter.
const (
	segLiteral = iota
	segComplex
	segParam
)

type route struct {
	op    *Operation
	segs  []segment
	extra *Exemption // set for a route neither document lists
}

// Router finds the documented operation of a request.
type Router struct {
	doc     *Doc
	buckets map[string][]*route // by segment count and lower-cased controller
	byOp    map[*Operation]*opInfo
}

// opInfo caches what the checks need per operation.
type opInfo struct {
	query    map[string]*Param // lower-cased name
	path     map[string]*Param
	exempt   []Exemption
	odata    bool
	flags    map[string]bool // lower-cased parameter names of FlagsParam entries
	rawBody  bool
	rawDef   string
	listAns  bool
	ansDef   string
	siblings []*Operation // SharedTemplate: the other names of this template
	byGUID   string       // SharedTemplate: the parameter name a GUID value selects
	members  []string     // ExtraMember: top-level body members read beyond the schema
}

// Match is the outcome of a successful lookup.
type Match struct {
	// Op is the documented operation (for an Extra route, a synthesised
	// one whose ID is the entry's ID).
	Op *Operation
	// Params holds the unescaped path parameters by template name.
	Params map[string]string
	// Extra is set when the route is one neither document lists.
	Extra *Exemption
	info  *opInfo
}

// RouteError is a lookup failure: Status is 404 (no template matches the
// path) or 405 (templates match, none with this verb; Allow lists theirs).
type RouteError struct {
	Status int
	Method string
	Path   string
	Allow  []string
}

func (e *RouteError) Error() string {
	if e.Status == http.StatusMethodNotAllowed {
		return fmt.Sprintf("the documented operations on %s allow %s, not %s", e.Path, strings.Join(e.Allow, ", "), e.Method)
	}
	return fmt.Sprintf("no documented operation matches %s %s", e.Method, e.Path)
}

var (
	defaultOnce   sync.Once
	defaultRouter *Router
)

// Default returns the router over the embedded description and the
// exemption table, with the Extra routes registered so far. It is built
// once, at first use: register Extra routes from init functions.
func Default() *Router {
	defaultOnce.Do(func() {
		table := Exemptions()
		extraMu.Lock()
		defaultBuilt = true
		extraMu.Unlock()
		defaultRouter = NewRouter(Load(), table)
	})
	return defaultRouter
}

// NewRouter indexes doc's operations plus the Extra entries of table, and
// attaches the table's other entries to their operations.
func NewRouter(doc *Doc, table []Exemption) *Router {
	indexSchemas(doc)
	rt := &Router{doc: doc, buckets: map[string][]*route{}, byOp: map[*Operation]*opInfo{}}
	byTemplate := map[string][]*Operation{}
	for _, op := range doc.Operations {
		rt.add(&route{op: op, segs: parseTemplate(op.Path)})
		info := &opInfo{query: map[string]*Param{}, path: map[string]*Param{}, flags: map[string]bool{}}
		for _, p := range op.Params {
			if p.In == "query" {
				info.query[strings.ToLower(p.Name)] = p
			} else {
				info.path[strings.ToLower(p.Name)] = p
			}
		}
		for _, e := range table {
			if e.Kind == Extra || !(e.Method == "*" || e.Method == op.Method) || !(e.Path == "*" || strings.EqualFold(e.Path, op.Path)) {
				continue
			}
			info.exempt = append(info.exempt, e)
			switch e.Kind {
			case ODataOptions:
				info.odata = true
			case RawBody:
				info.rawBody, info.rawDef = true, e.BodyDefinition
			case FlagsParam:
				info.flags[strings.ToLower(e.Param)] = true
			case ListAnswer:
				info.listAns = true
			case AnswerDefinition:
				info.ansDef = e.BodyDefinition
			case SharedTemplate:
				info.byGUID = e.Param
			case ExtraMember:
				info.members = append(info.members, e.Param)
			}
		}
		rt.byOp[op] = info
		key := op.Method + " " + templateShape(op.Path)
		byTemplate[key] = append(byTemplate[key], op)
	}
	for _, ops := range byTemplate {
		if len(ops) > 1 {
			byGUID := ""
			for _, op := range ops {
				if g := rt.byOp[op].byGUID; g != "" {
					byGUID = g
				}
			}
			for _, op := range ops {
				rt.byOp[op].siblings = ops
				rt.byOp[op].byGUID = byGUID
			}
		}
	}
	for i := range table {
		if e := &table[i]; e.Kind == Extra {
			op := &Operation{ID: e.ID, Method: e.Method, Path: e.Path}
			rt.add(&route{op: op, segs: parseTemplate(e.Path), extra: e})
			rt.byOp[op] = &opInfo{}
		}
	}
	for _, rs := range rt.buckets {
		// Most specific first, so the first route matching path and verb wins.
		sort.SliceStable(rs, func(i, j int) bool { return morePrecise(rs[i].segs, rs[j].segs) })
	}
	return rt
}

// Operations returns every documented operation.
func (rt *Router) Operations() []*Operation { return rt.doc.Operations }

// Doc returns the description the router uses.
func (rt *Router) Doc() *Doc { return rt.doc }

// Siblings returns the other operations sharing op's verb and template
// (the SharedTemplate gap), op included; nil when there are none.
func (rt *Router) Siblings(op *Operation) []*Operation {
	if info := rt.byOp[op]; info != nil {
		return info.siblings
	}
	return nil
}

// Exempt returns the table entries that apply to op.
func (rt *Router) Exempt(op *Operation) []Exemption {
	if info := rt.byOp[op]; info != nil {
		return info.exempt
	}
	return nil
}

func (rt *Router) add(r *route) {
	key := bucketKey(len(r.segs), r.segs)
	rt.buckets[key] = append(rt.buckets[key], r)
}

// bucketKey groups routes by segment count and second segment (the
// controller, "report" in /api/Report/...), when that is a literal.
func bucketKey(n int, segs []segment) string {
	if n > 1 && segs[1].kind == segLiteral {
		return strconv.Itoa(n) + "/" + segs[1].lit
	}
	return strconv.Itoa(n) + "/*"
}

func templateShape(p string) string {
	var b strings.Builder
	for _, s := range parseTemplate(p) {
		b.WriteByte('/')
		switch s.kind {
		case segLiteral:
			b.WriteString(s.lit)
		case segComplex:
			b.WriteString(s.lit + "{}" + s.suffix)
		default:
			b.WriteString("{}")
		}
	}
	return b.String()
}

func parseTemplate(p string) []segment {
	parts := splitPath(p)
	segs := make([]segment, len(parts))
	for i, s := range parts {
		open, close := strings.IndexByte(s, '{'), strings.IndexByte(s, '}')
		switch {
		case open < 0 || close < open:
			segs[i] = segment{kind: segLiteral, lit: strings.ToLower(s)}
		case open == 0 && close == len(s)-1:
			segs[i] = segment{kind: segParam, name: s[1:close]}
		default:
			segs[i] = segment{kind: segComplex, lit: strings.ToLower(s[:open]), name: s[open+1 : close], suffix: strings.ToLower(s[close+1:])}
		}
	}
	return segs
}

func morePrecise(a, b []segment) bool {
	for i := range a {
		if a[i].kind != b[i].kind {
			return a[i].kind < b[i].kind
		}
	}
	return false
}

func splitPath(p string) []string {
	p = strings.Trim(p, "/")
	if p == "" {
		return nil
	}
	return strings.Split(p, "/")
}

// Lookup finds the operation for a request's verb and escaped path (as
// r.URL.EscapedPath gives it), matching as ASP.NET attribute routing does:
// literals case-insensitively, a trailing "/" ignored, each {name} one
// non-empty segment, and among templates matching the path the most
// specific one with this verb. A failure is a *RouteError.
func (rt *Router) Lookup(method, escapedPath string) (*Match, error) {
	raw := splitPath(escapedPath)
	vals := make([]string, len(raw))
	lower := make([]string, len(raw))
	for i, s := range raw {
		v, err := url.PathUnescape(s)
		if err != nil {
			return nil, &RouteError{Status: http.StatusNotFound, Method: method, Path: escapedPath}
		}
		vals[i], lower[i] = v, strings.ToLower(v)
	}
	var allow []string
	try := func(rs []*route) *Match {
		for _, r := range rs {
			params, ok := matchSegs(r.segs, vals, lower)
			if !ok {
				continue
			}
			if r.op.Method != method {
				allow = append(allow, r.op.Method)
				continue
			}
			m := &Match{Op: r.op, Params: params, Extra: r.extra, info: rt.byOp[r.op]}
			rt.pickSibling(m)
			return m
		}
		return nil
	}
	if len(raw) > 1 {
		if m := try(rt.buckets[strconv.Itoa(len(raw))+"/"+lower[1]]); m != nil {
			return m, nil
		}
	}
	if m := try(rt.buckets[strconv.Itoa(len(raw))+"/*"]); m != nil {
		return m, nil
	}
	if len(allow) > 0 {
		sort.Strings(allow)
		return nil, &RouteError{Status: http.StatusMethodNotAllowed, Method: method, Path: escapedPath, Allow: compact(allow)}
	}
	return nil, &RouteError{Status: http.StatusNotFound, Method: method, Path: escapedPath}
}

// pickSibling applies the SharedTemplate gap: of the operations sharing the
// matched template, a GUID value selects the one whose parameter is named
// byGUID, any other value the other one. Params is keyed by the chosen
// operation's name.
func (rt *Router) pickSibling(m *Match) {
	info := m.info
	if info == nil || len(info.siblings) < 2 || info.byGUID == "" || len(m.Params) != 1 {
		return
	}
	var val string
	for _, v := range m.Params {
		val = v
	}
	wantGUID := guid.Valid(val)
	for _, op := range info.siblings {
		for _, p := range op.Params {
			if p.In == "path" && (p.Name == info.byGUID) == wantGUID {
				m.Op, m.info, m.Params = op, rt.byOp[op], map[string]string{p.Name: val}
				return
			}
		}
	}
}

func matchSegs(segs []segment, vals, lower []string) (map[string]string, bool) {
	var params map[string]string
	for j, s := range segs {
		switch s.kind {
		case segLiteral:
			if s.lit != lower[j] {
				return nil, false
			}
			continue
		case segParam:
			if vals[j] == "" {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[s.name] = vals[j]
		case segComplex:
			l := lower[j]
			if len(l) <= len(s.lit)+len(s.suffix) || !strings.HasPrefix(l, s.lit) || !strings.HasSuffix(l, s.suffix) {
				return nil, false
			}
			if params == nil {
				params = map[string]string{}
			}
			params[s.name] = vals[j][len(s.lit) : len(vals[j])-len(s.suffix)]
		}
	}
	return params, true
}

func compact(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
