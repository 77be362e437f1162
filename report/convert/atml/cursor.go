package atml

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"encoding/xml"

	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/xmlsniff"
)

// cursor walks the XML tokens of one file and keeps the element path
// ("/TestResults/ResultSet[1]/Test[3]") for error messages.
type cursor struct {
	d     *xml.Decoder
	file  string
	stack []frame
	text  []byte // scratch for element text
}

// frame is one open element: its local name, its 1-based position among
// same-named siblings, and the counts of its own children by name.
type frame struct {
	local string
	idx   int
	kids  []kidCount
}

type kidCount struct {
	local string
	n     int
}

func newCursor(r io.Reader, file string) *cursor {
	return &cursor{d: xmlsniff.NewDecoder(r), file: file, stack: make([]frame, 0, 16)}
}

// depth is the number of open elements.
func (c *cursor) depth() int { return len(c.stack) }

// next returns the next token, keeping the path up to date. Syntax errors
// become *convert.MalformedError; io.EOF is returned as is.
func (c *cursor) next() (xml.Token, error) {
	tok, err := c.d.Token()
	if err != nil {
		if err == io.EOF {
			if len(c.stack) > 0 {
				return nil, c.fail("file ends inside an element", io.ErrUnexpectedEOF)
			}
			return nil, io.EOF
		}
		return nil, c.syntax(err)
	}
	switch t := tok.(type) {
	case xml.StartElement:
		c.push(t.Name.Local)
	case xml.EndElement:
		if len(c.stack) > 0 {
			c.stack = c.stack[:len(c.stack)-1]
		}
	}
	return tok, nil
}

func (c *cursor) push(local string) {
	idx := 1
	if n := len(c.stack); n > 0 {
		p := &c.stack[n-1]
		found := false
		for i := range p.kids {
			if p.kids[i].local == local {
				p.kids[i].n++
				idx = p.kids[i].n
				found = true
				break
			}
		}
		if !found {
			p.kids = append(p.kids, kidCount{local: local, n: 1})
		}
	}
	if len(c.stack) < cap(c.stack) {
		c.stack = c.stack[:len(c.stack)+1]
		f := &c.stack[len(c.stack)-1]
		f.local, f.idx, f.kids = local, idx, f.kids[:0]
		return
	}
	c.stack = append(c.stack, frame{local: local, idx: idx})
}

// children calls fn for every child element of the element open now, in
// file order, and returns at that element's end (or at fn's first error).
// What fn leaves unread of a child is skipped.
func (c *cursor) children(fn func(se xml.StartElement) error) error {
	d := c.depth()
	for {
		se, ok, err := c.child(d)
		if err != nil || !ok {
			return err
		}
		if err := fn(se); err != nil {
			return err
		}
	}
}

// child reads up to the next child element of the element open at depth d;
// ok is false when that element ended.
func (c *cursor) child(d int) (se xml.StartElement, ok bool, err error) {
	for {
		tok, err := c.next()
		if err != nil {
			if err == io.EOF {
				err = c.fail("file ends inside an element", io.ErrUnexpectedEOF)
			}
			return se, false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(c.stack) == d+1 {
				return t, true, nil
			}
		case xml.EndElement:
			if len(c.stack) < d {
				return se, false, nil
			}
		}
	}
}

// skip consumes the rest of the element just opened (at the top of the stack).
func (c *cursor) skip() error {
	d := len(c.stack)
	for len(c.stack) >= d {
		if _, err := c.next(); err != nil {
			if err == io.EOF {
				return c.fail("file ends inside an element", io.ErrUnexpectedEOF)
			}
			return err
		}
	}
	return nil
}

// textOf reads the element just opened to its end and returns all its
// character data, nested elements' included, trimmed.
func (c *cursor) textOf() (string, error) {
	d := len(c.stack)
	c.text = c.text[:0]
	for len(c.stack) >= d {
		tok, err := c.next()
		if err != nil {
			if err == io.EOF {
				return "", c.fail("file ends inside an element", io.ErrUnexpectedEOF)
			}
			return "", err
		}
		if cd, ok := tok.(xml.CharData); ok {
			c.text = append(c.text, cd...)
		}
	}
	return strings.TrimSpace(string(c.text)), nil
}

// path renders the open elements as /a/b[1]/c[3].
func (c *cursor) path() string {
	var b strings.Builder
	for i, f := range c.stack {
		b.WriteByte('/')
		b.WriteString(f.local)
		if i > 0 {
			b.WriteByte('[')
			b.WriteString(strconv.Itoa(f.idx))
			b.WriteByte(']')
		}
	}
	return b.String()
}

// fail returns a MalformedError at the current path.
func (c *cursor) fail(msg string, cause error) error {
	line, _ := c.d.InputPos()
	return &convert.MalformedError{Converter: Name, File: c.file, Line: line, Path: c.path(), Msg: msg, Err: cause}
}

// failChild is fail for a child element already read to its end: the path
// names that child (local, at its position among same-named siblings).
func (c *cursor) failChild(local, msg string) error {
	err := c.fail(msg, nil).(*convert.MalformedError)
	if n := len(c.stack); n > 0 {
		for _, k := range c.stack[n-1].kids {
			if k.local == local {
				err.Path += "/" + local + "[" + strconv.Itoa(k.n) + "]"
				break
			}
		}
	}
	return err
}

func (c *cursor) failf(format string, args ...any) error {
	return c.fail(fmt.Sprintf(format, args...), nil)
}

func (c *cursor) syntax(err error) error {
	var se *xml.SyntaxError
	line, _ := c.d.InputPos()
	msg := "not well-formed XML"
	if errors.As(err, &se) {
		line, msg = se.Line, se.Msg
		err = nil
	}
	return &convert.MalformedError{Converter: Name, File: c.file, Line: line, Path: c.path(), Msg: msg, Err: err}
}

// attr returns the value of the unqualified attribute called local.
func attr(se xml.StartElement, local string) (string, bool) {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == "" {
			return a.Value, true
		}
	}
	return "", false
}
