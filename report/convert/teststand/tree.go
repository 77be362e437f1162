package teststand

import (
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

// node is one element of a TestStand report: a Prop (Name, Type), a Value
// (ID for array items), ReportInfo (key, value) or a Report container.
type node struct {
	tag, name, typ string
	id             string // Value ID ("[3]") or ReportInfo key
	attrValue      string // ReportInfo value, Report UUTResult
	text           string
	kids           []*node
	parent         *node
	pos            int // 1-based position among the parent's children
	line           int
}

// path is n's element path for error messages ("/Reports/Report[1]/Prop[@Name='UUT']").
func (n *node) path() string {
	if n == nil {
		return ""
	}
	if n.parent == nil {
		return "/" + n.tag
	}
	return n.parent.path() + "/" + segment(n, n.pos)
}

// prop returns the first child Prop called name (nil when absent).
func (n *node) prop(name string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.tag == "Prop" && k.name == name {
			return k
		}
	}
	return nil
}

// at follows a dotted path of Prop names ("TS.SequenceCall.ResultList").
func (n *node) at(path string) *node {
	for path != "" && n != nil {
		head := path
		if i := strings.IndexByte(path, '.'); i >= 0 {
			head, path = path[:i], path[i+1:]
		} else {
			path = ""
		}
		n = n.prop(head)
	}
	return n
}

// value returns the text of the first Value child, and whether there is one.
func (n *node) value() (string, bool) {
	if n == nil {
		return "", false
	}
	for _, k := range n.kids {
		if k.tag == "Value" {
			return strings.TrimSpace(k.text), true
		}
	}
	return "", false
}

// str returns the value at path ("" when absent).
func (n *node) str(path string) string {
	v, _ := n.at(path).value()
	return v
}

// items returns the Prop held by each Value child of an Array prop.
func (n *node) items() []*node {
	if n == nil {
		return nil
	}
	var out []*node
	for _, k := range n.kids {
		if k.tag != "Value" {
			continue
		}
		for _, p := range k.kids {
			if p.tag == "Prop" {
				out = append(out, p)
				break
			}
		}
	}
	return out
}

// firstOfType returns the first child Prop whose Type is typ.
func (n *node) firstOfType(typ string) *node {
	for _, k := range n.kids {
		if k.tag == "Prop" && k.typ == typ {
			return k
		}
	}
	return nil
}

// maxDepth bounds nesting so hostile input cannot exhaust the stack.
const maxDepth = 400

// skipped elements carry nothing the conversion uses and can be large.
func skipped(local string) bool {
	return local == "ArrayElementPrototype" || local == "Comment"
}

// readTree parses the whole document into nodes, checking ctx every few
// thousand tokens. A syntax error is a *convert.MalformedError with the line.
func readTree(ctx context.Context, r io.Reader, file string) (*node, error) {
	d := xmlsniff.NewDecoder(r)
	d.Strict = true
	var stack []*node
	var root *node
	count := 0
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				line = se.Line
			}
			return nil, &convert.MalformedError{Converter: Name, File: file, Line: line, Path: pathOf(stack), Msg: "XML", Err: err}
		}
		if count++; count&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skipped(t.Name.Local) {
				if err := d.Skip(); err != nil {
					line, _ := d.InputPos()
					return nil, &convert.MalformedError{Converter: Name, File: file, Line: line, Path: pathOf(stack), Msg: "XML", Err: err}
				}
				continue
			}
			line, _ := d.InputPos()
			n := &node{tag: t.Name.Local, line: line}
			for _, a := range t.Attr {
				switch a.Name.Local {
				case "Name":
					n.name = a.Value
				case "Type":
					n.typ = a.Value
				case "ID", "key":
					n.id = a.Value
				case "value", "UUTResult":
					n.attrValue = a.Value
				}
			}
			if len(stack) == 0 {
				if root != nil {
					return nil, &convert.MalformedError{Converter: Name, File: file, Line: line, Msg: "second root element"}
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
				n.parent, n.pos = p, len(p.kids)
			}
			if len(stack) >= maxDepth {
				return nil, &convert.MalformedError{Converter: Name, File: file, Line: line, Path: n.path(), Msg: "elements nested deeper than " + strconv.Itoa(maxDepth)}
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				if top.tag == "Value" {
					top.text += string(t)
				}
			}
		}
	}
	if root == nil {
		return nil, &convert.MalformedError{Converter: Name, File: file, Msg: "no root element"}
	}
	return root, nil
}

// segment names n in an element path: Prop[@Name] or Value[ID].
func segment(n *node, pos int) string {
	switch {
	case n.tag == "Prop" && n.name != "":
		return "Prop[@Name='" + n.name + "']"
	case n.tag == "Value" && n.id != "":
		return "Value" + n.id
	}
	return fmt.Sprintf("%s[%d]", n.tag, pos)
}

func pathOf(stack []*node) string {
	if len(stack) == 0 {
		return ""
	}
	return stack[len(stack)-1].path()
}
