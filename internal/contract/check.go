package contract

import (
	"bytes"
	"fmt"
	"mime"
	"net/url"
	"strconv"
	"strings"
)

// Mode says how strictly requests are checked.
type Mode int

const (
	// Strict refuses everything the documents do not describe.
	Strict Mode = iota
	// Lenient ignores what the server ignores: undeclared query
	// parameters, unknown and read-only body members, undocumented enum
	// values and numeric strings where numbers are documented (Json.NET
	// converts them), a body the operation does not take.
	Lenient
)

// Request is what CheckRequest looks at.
type Request struct {
	// RawQuery is the query string as sent.
	RawQuery string
	// ContentType is the Content-Type header.
	ContentType string
	// Body is the request body.
	Body []byte
}

// CheckRequest checks a matched request's query, path parameters and body.
func (rt *Router) CheckRequest(m *Match, req Request, mode Mode) []Violation {
	if m.Extra != nil {
		return nil
	}
	info := m.info
	label := m.Op.Label()
	lenient := mode == Lenient
	var out []Violation
	add := func(where, format string, args ...any) {
		out = append(out, Violation{Op: label, Where: where, Message: fmt.Sprintf(format, args...)})
	}

	// Path parameters: the SharedTemplate gap gives one template two names.
	for name, val := range m.Params {
		p := info.path[strings.ToLower(name)]
		if p == nil {
			continue
		}
		if msg := checkScalar(p, val, false, lenient); msg != "" {
			if len(info.siblings) > 1 && rt.siblingAccepts(m.Op, name, val, lenient) {
				continue
			}
			add("path."+p.Name, "%s", msg)
		}
	}

	q, err := url.ParseQuery(req.RawQuery)
	if err != nil {
		add("query", "query string does not parse: %v", err)
	}
	seen := map[string]bool{}
	for k, vs := range q {
		lk := strings.ToLower(k)
		p := info.query[lk]
		if p == nil {
			if info.odata && isODataOption(lk) {
				continue
			}
			if !lenient {
				add("query."+k, "is not a documented parameter of this operation%s", odataHint(info, lk))
			}
			continue
		}
		if seen[lk] && !lenient {
			add("query."+k, "is given under two spellings")
		}
		seen[lk] = true
		if p.Type != "array" && len(vs) > 1 && !lenient {
			add("query."+p.Name, "is given %d times; the server binds only one", len(vs))
		}
		for _, val := range vs {
			if msg := checkScalar(p, val, info.flags[lk], lenient); msg != "" {
				add("query."+p.Name, "%s", msg)
			}
		}
	}
	for lk, p := range info.query {
		if p.Required && !seen[lk] {
			add("query."+p.Name, "is required but missing")
		}
	}

	out = append(out, rt.checkBody(m, label, req, lenient)...)
	return out
}

func (rt *Router) siblingAccepts(op *Operation, name, val string, lenient bool) bool {
	for _, s := range rt.byOp[op].siblings {
		if s == op {
			continue
		}
		for _, p := range s.Params {
			if p.In == "path" && checkScalar(p, val, false, lenient) == "" {
				return true
			}
		}
	}
	return false
}

func (rt *Router) checkBody(m *Match, label string, req Request, lenient bool) []Violation {
	info := m.info
	schema, name := m.Op.Body, "body"
	if info.rawBody {
		if info.rawDef == "" {
			return nil
		}
		schema = &Schema{Ref: info.rawDef}
	}
	body := bytes.TrimSpace(req.Body)
	if schema == nil {
		if len(body) > 0 && !lenient {
			return []Violation{{Op: label, Where: name, Message: "this operation takes no body"}}
		}
		return nil
	}
	if len(body) == 0 {
		if !lenient {
			return []Violation{{Op: label, Where: name, Message: "the body (" + m.Op.BodyName + ") is required but missing"}}
		}
		return nil
	}
	if ct := mediaType(req.ContentType); ct != "" && !isJSON(ct) {
		if ct == "application/x-www-form-urlencoded" || strings.HasSuffix(ct, "xml") {
			return nil // documented alternatives; not checked member-wise
		}
		return []Violation{{Op: label, Where: name, Message: "Content-Type " + ct + " is not one the operation consumes"}}
	}
	v := &validator{doc: rt.doc, op: label, dir: inRequest, lenient: lenient}
	if err := v.check(name, schema, body); err != nil {
		return []Violation{{Op: label, Where: name, Message: "is not valid JSON: " + err.Error()}}
	}
	if len(info.members) > 0 {
		return dropExtraMembers(v.out, name, info.members)
	}
	return v.out
}

// dropExtraMembers removes the "not a member" violations of the top-level
// members an ExtraMember entry allows.
func dropExtraMembers(out []Violation, body string, members []string) []Violation {
	kept := out[:0]
	for _, vi := range out {
		allowed := false
		for _, m := range members {
			if strings.EqualFold(vi.Where, body+"."+m) && strings.HasPrefix(vi.Message, "is not a member") {
				allowed = true
			}
		}
		if !allowed {
			kept = append(kept, vi)
		}
	}
	return kept
}

// Answer is what CheckAnswer looks at.
type Answer struct {
	Status      int
	ContentType string
	Body        []byte
}

// CheckAnswer checks a 2xx answer to a matched request against the
// documented answer schema. Other statuses are not checked.
func (rt *Router) CheckAnswer(m *Match, a Answer) []Violation {
	if m.Extra != nil || a.Status < 200 || a.Status > 299 {
		return nil
	}
	info := m.info
	schema := m.Op.Response
	if info.ansDef != "" {
		schema = &Schema{Ref: info.ansDef}
	}
	if schema == nil {
		return nil
	}
	if info.listAns {
		schema = &Schema{Type: "array", Items: schema}
	}
	body := bytes.TrimSpace(a.Body)
	if len(body) == 0 || a.Status == 204 {
		return nil // void actions: documented as 200, answered as 204 or an empty 200
	}
	label := m.Op.Label()
	bare := schema.Ref == "" && schema.Type == "object" && len(schema.Properties) == 0 && schema.AdditionalProperties == nil
	if ct := mediaType(a.ContentType); !isJSON(ct) {
		if bare || ct == "" {
			return nil // a file download or a non-JSON answer to a bare object
		}
		return []Violation{{Op: label, Where: "answer", Message: "Content-Type " + ct + " where JSON is documented"}}
	}
	if bare {
		return nil
	}
	v := &validator{doc: rt.doc, op: label, dir: inAnswer}
	if err := v.check("answer", schema, body); err != nil {
		return []Violation{{Op: label, Where: "answer", Message: "is not valid JSON: " + err.Error()}}
	}
	return v.out
}

// checkScalar checks one path or query value against its parameter.
func checkScalar(p *Param, val string, flags, lenient bool) string {
	typ, format, enum := p.Type, p.Format, p.Enum
	if typ == "array" && p.Items != nil {
		typ, format, enum = p.Items.Type, p.Items.Format, p.Items.Enum
	}
	switch typ {
	case "integer", "number":
		if val == "" {
			if p.Required {
				return "must not be empty"
			}
			return ""
		}
		if msg := numberFormat(typ, format, val); msg != "" {
			return fmt.Sprintf("%q is not valid: %s", val, msg)
		}
		if len(enum) > 0 {
			if flags {
				if !flagSum(enum, val) {
					return fmt.Sprintf("%s is not a sum of the documented flags %v", val, enum)
				}
			} else if !inEnum(enum, val) && !lenient {
				return fmt.Sprintf("%s is not one of the documented values %v", val, enum)
			}
		}
	case "boolean":
		if val == "" && !p.Required {
			return ""
		}
		if !strings.EqualFold(val, "true") && !strings.EqualFold(val, "false") {
			return fmt.Sprintf("%q is not true or false", val)
		}
	case "string":
		if val == "" {
			return ""
		}
		v := validator{dir: inRequest, lenient: lenient}
		if msg := v.stringFormat(format, val); msg != "" {
			return msg
		}
		if len(enum) > 0 && !inEnum(enum, val) && !lenient {
			return fmt.Sprintf("%q is not one of the documented values %v", val, enum)
		}
	}
	return ""
}

// flagSum reports whether val is a non-zero sum of distinct enum values.
func flagSum(enum []any, val string) bool {
	n, err := strconv.ParseInt(val, 10, 64)
	if err != nil || n <= 0 {
		return false
	}
	var mask int64
	for _, e := range enum {
		if f, err := strconv.ParseInt(fmt.Sprint(e), 10, 64); err == nil {
			mask |= f
		}
	}
	return n&^mask == 0
}

func isODataOption(lk string) bool {
	for _, o := range odataOptions {
		if o == lk {
			return true
		}
	}
	return false
}

func odataHint(info *opInfo, lk string) string {
	if strings.HasPrefix(lk, "$") && !info.odata {
		return " (OData options are accepted only by the OData list operations)"
	}
	return ""
}

func mediaType(ct string) string {
	if ct == "" {
		return ""
	}
	mt, _, err := mime.ParseMediaType(ct)
	if err != nil {
		return strings.ToLower(ct)
	}
	return mt
}

func isJSON(mt string) bool {
	return mt == "application/json" || mt == "text/json" || strings.HasSuffix(mt, "+json")
}
