package contract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// swaggerDoc is the part of a Swagger 2.0 document Build reads.
type swaggerDoc struct {
	Swagger     string                                `json:"swagger"`
	Paths       map[string]map[string]json.RawMessage `json:"paths"`
	Definitions map[string]*swaggerSchema             `json:"definitions"`
}

type swaggerOp struct {
	OperationID string                     `json:"operationId"`
	Parameters  []swaggerParam             `json:"parameters"`
	Responses   map[string]swaggerResponse `json:"responses"`
}

type swaggerParam struct {
	Name     string         `json:"name"`
	In       string         `json:"in"`
	Type     string         `json:"type"`
	Format   string         `json:"format"`
	Required bool           `json:"required"`
	Enum     []any          `json:"enum"`
	Items    *swaggerSchema `json:"items"`
	Schema   *swaggerSchema `json:"schema"`
}

type swaggerResponse struct {
	Schema *swaggerSchema `json:"schema"`
}

type swaggerSchema struct {
	Ref                  string                    `json:"$ref"`
	Type                 string                    `json:"type"`
	Format               string                    `json:"format"`
	ReadOnly             bool                      `json:"readOnly"`
	Enum                 []any                     `json:"enum"`
	Items                *swaggerSchema            `json:"items"`
	Properties           map[string]*swaggerSchema `json:"properties"`
	AdditionalProperties *swaggerSchema            `json:"additionalProperties"`
}

var verbs = []string{"get", "put", "post", "delete", "patch", "head", "options"}

// Build turns the server's public and internal Swagger 2.0 documents into
// the compact description, as indented JSON. It keeps structural facts
// only: descriptions, summaries, examples and content types are dropped.
// An operation both documents list is public.
func Build(public, internal []byte) ([]byte, error) {
	doc := &Doc{Definitions: map[string]*Schema{}}
	seen := map[string]bool{}
	var defs []map[string]*swaggerSchema
	for i, raw := range [][]byte{public, internal} {
		var sd swaggerDoc
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&sd); err != nil {
			return nil, fmt.Errorf("contract: document %d: %w", i+1, err)
		}
		if sd.Swagger != "2.0" {
			return nil, fmt.Errorf("contract: document %d is not Swagger 2.0 (readOnly is only reliable there)", i+1)
		}
		defs = append(defs, sd.Definitions)
		paths := make([]string, 0, len(sd.Paths))
		for p := range sd.Paths {
			paths = append(paths, p)
		}
		sort.Strings(paths)
		for _, p := range paths {
			for _, verb := range verbs {
				raw, ok := sd.Paths[p][verb]
				if !ok {
					continue
				}
				key := strings.ToUpper(verb) + " " + strings.ToLower(p)
				if seen[key] {
					continue
				}
				seen[key] = true
				var so swaggerOp
				dec := json.NewDecoder(bytes.NewReader(raw))
				dec.UseNumber()
				if err := dec.Decode(&so); err != nil {
					return nil, fmt.Errorf("contract: %s %s: %w", verb, p, err)
				}
				doc.Operations = append(doc.Operations, convertOp(so, strings.ToUpper(verb), p, i == 1))
			}
		}
	}
	// Definitions reachable from the operations; the public document's
	// version of a name wins, the internal one fills in the rest (the WSJF
	// report model is only in the internal document).
	var queue []string
	want := func(s *Schema) { collectRefs(s, &queue) }
	for _, op := range doc.Operations {
		for _, p := range op.Params {
			want(p.Items)
		}
		want(op.Body)
		want(op.Response)
	}
	for _, ex := range exemptions {
		if ex.BodyDefinition != "" {
			queue = append(queue, ex.BodyDefinition)
		}
	}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if _, done := doc.Definitions[name]; done {
			continue
		}
		var src *swaggerSchema
		for _, d := range defs {
			if s, ok := d[name]; ok {
				src = s
				break
			}
		}
		if src == nil {
			return nil, fmt.Errorf("contract: definition %q is referenced but not defined", name)
		}
		s := convertSchema(src)
		doc.Definitions[name] = s
		want(s)
	}
	out, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

func convertOp(so swaggerOp, method, path string, internal bool) *Operation {
	op := &Operation{ID: so.OperationID, Method: method, Path: path, Internal: internal}
	for _, p := range so.Parameters {
		switch p.In {
		case "body":
			op.Body = convertSchema(p.Schema)
			op.BodyName = p.Name
		case "path", "query":
			op.Params = append(op.Params, &Param{Name: p.Name, In: p.In, Type: p.Type, Format: p.Format,
				Required: p.Required || p.In == "path", Enum: p.Enum, Items: convertSchema(p.Items)})
		}
	}
	codes := make([]int, 0, len(so.Responses))
	for c := range so.Responses {
		if n, err := strconv.Atoi(c); err == nil && n >= 200 && n < 300 {
			codes = append(codes, n)
		}
	}
	sort.Ints(codes)
	op.Success = codes
	for _, c := range codes {
		if r := so.Responses[strconv.Itoa(c)]; r.Schema != nil {
			op.Response = convertSchema(r.Schema)
			break
		}
	}
	return op
}

func convertSchema(s *swaggerSchema) *Schema {
	if s == nil {
		return nil
	}
	out := &Schema{
		Ref: strings.TrimPrefix(s.Ref, "#/definitions/"), Type: s.Type, Format: s.Format, ReadOnly: s.ReadOnly,
		Enum: s.Enum, Items: convertSchema(s.Items), AdditionalProperties: convertSchema(s.AdditionalProperties),
	}
	if len(s.Properties) > 0 {
		out.Properties = make(map[string]*Schema, len(s.Properties))
		for name, p := range s.Properties {
			out.Properties[name] = convertSchema(p)
		}
	}
	return out
}

func collectRefs(s *Schema, into *[]string) {
	if s == nil {
		return
	}
	if s.Ref != "" {
		*into = append(*into, s.Ref)
	}
	collectRefs(s.Items, into)
	collectRefs(s.AdditionalProperties, into)
	names := make([]string, 0, len(s.Properties))
	for n := range s.Properties {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		collectRefs(s.Properties[n], into)
	}
}
