package wsxf

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/xmlsniff"
)

// maxDepth bounds element nesting; real reports nest steps a few dozen levels deep,
// and a bound keeps a hostile file from exhausting the stack of the recursive mapping.
const maxDepth = 512

// elem is one XML element of the input: its local name, attributes, text and children.
// The whole document is read into elements first because WSXF and WRML allow any
// child order and WRML links content to steps by id.
type elem struct {
	name   string
	attrs  []xml.Attr
	text   []byte
	kids   []*elem
	parent *elem
	line   int
}

// path is the element's XPath-like location, e.g. "/Reports/Report[1]/Step/Step[3]";
// the position is given when the parent has several children of the same name.
func (e *elem) path() string {
	var segs []string
	for x := e; x != nil; x = x.parent {
		seg := x.name
		if p := x.parent; p != nil {
			n, pos := 0, 0
			for _, k := range p.kids {
				if k.name == x.name {
					n++
					if k == x {
						pos = n
					}
				}
			}
			if n > 1 {
				seg += "[" + strconv.Itoa(pos) + "]"
			}
		}
		segs = append(segs, seg)
	}
	var b strings.Builder
	for i := len(segs) - 1; i >= 0; i-- {
		b.WriteByte('/')
		b.WriteString(segs[i])
	}
	return b.String()
}

// attr returns the value of the attribute with the given local name.
func (e *elem) attr(name string) (string, bool) {
	for i := range e.attrs {
		if e.attrs[i].Name.Local == name && e.attrs[i].Name.Space == "" {
			return e.attrs[i].Value, true
		}
	}
	return "", false
}

// child returns the first child element called name.
func (e *elem) child(name string) *elem {
	for _, k := range e.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// namespace resolves the element's own prefix (or default namespace) against the
// xmlns attributes on it and its ancestors.
func (e *elem) namespace(prefix string) string {
	want := "xmlns"
	for x := e; x != nil; x = x.parent {
		for _, a := range x.attrs {
			if prefix == "" && a.Name.Space == "" && a.Name.Local == want {
				return a.Value
			}
			if prefix != "" && a.Name.Space == want && a.Name.Local == prefix {
				return a.Value
			}
		}
	}
	return ""
}

// readTree reads the whole document from r into elements and checks that the root is
// local in namespace ns. ctx is checked every few thousand tokens.
func readTree(ctx context.Context, r io.Reader, conv, file, ns, local string) (*elem, error) {
	d := xmlsniff.NewDecoder(r)
	var (
		root, cur *elem
		prefix    string
		depth     int
		tokens    int
	)
	malformed := func(e *elem, msg string, err error) error {
		line, _ := d.InputPos()
		me := &convert.MalformedError{Converter: conv, File: file, Line: line, Msg: msg, Err: err}
		if e != nil {
			me.Path = e.path()
		}
		return me
	}
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return nil, malformed(cur, "XML syntax error", errors.New(se.Msg))
			}
			return nil, malformed(cur, "reading XML", err)
		}
		if tokens++; tokens&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if root != nil && cur == nil {
				return nil, malformed(nil, "more than one root element", nil)
			}
			if depth++; depth > maxDepth {
				return nil, malformed(cur, fmt.Sprintf("elements nest deeper than %d levels", maxDepth), nil)
			}
			line, _ := d.InputPos()
			e := &elem{name: t.Name.Local, attrs: t.Attr, parent: cur, line: line}
			if cur == nil {
				root, prefix = e, t.Name.Space
			} else {
				cur.kids = append(cur.kids, e)
			}
			cur = e
		case xml.EndElement:
			if cur == nil || t.Name.Local != cur.name {
				return nil, malformed(cur, fmt.Sprintf("unexpected end element </%s>", t.Name.Local), nil)
			}
			cur = cur.parent
			depth--
		case xml.CharData:
			if cur != nil {
				cur.text = append(cur.text, t...)
			} else if len(bytes.TrimSpace(t)) > 0 {
				return nil, malformed(nil, "text outside the root element", nil)
			}
		}
	}
	if root == nil {
		return nil, malformed(nil, "no root element", nil)
	}
	if cur != nil {
		return nil, malformed(cur, "unexpected end of file", nil)
	}
	if got := root.namespace(prefix); root.name != local || got != ns {
		return nil, &convert.MalformedError{Converter: conv, File: file, Line: root.line, Path: "/" + root.name,
			Msg: fmt.Sprintf("root element is {%s}%s, want {%s}%s", got, root.name, ns, local)}
	}
	return root, nil
}
