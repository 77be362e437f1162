// Package xmlsniff finds the root element of an XML document from the first bytes of a
// file, so that converters can tell their formats apart by namespace and local name.
package xmlsniff

import (
	"bytes"
	"encoding/xml"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// Root is the root element's expanded name.
type Root struct {
	// Space is the namespace URI the root element is in ("" when none).
	Space string
	// Local is the root element's local name ("Reports", "TestResults").
	Local string
}

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// Find returns the root element of the XML document whose first bytes are head. It
// skips a UTF-8 BOM, decodes UTF-16 (with BOM) and steps over the XML declaration,
// processing instructions, comments and a DOCTYPE. ok is false when head does not
// start like an XML document or ends before the root element's start tag is complete.
func Find(head []byte) (root Root, ok bool) {
	head = Normalize(head)
	i := 0
	for i < len(head) && isSpace(head[i]) {
		i++
	}
	if i == len(head) || head[i] != '<' {
		return Root{}, false
	}
	d := xml.NewDecoder(bytes.NewReader(head))
	// Only the names matter here, and they are ASCII in every format sniffed; any
	// declared single-byte or already-decoded encoding is read as is.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for {
		tok, err := d.Token()
		if err != nil {
			return Root{}, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			return Root{Space: t.Name.Space, Local: t.Name.Local}, true
		case xml.CharData:
			if len(bytes.TrimSpace(t)) > 0 {
				return Root{}, false
			}
		case xml.ProcInst, xml.Comment, xml.Directive:
		default:
			return Root{}, false
		}
	}
}

// Is reports whether head is an XML document whose root element is local in namespace
// space.
func Is(head []byte, space, local string) bool {
	r, ok := Find(head)
	return ok && r.Space == space && r.Local == local
}

// Normalize returns head without a UTF-8 BOM, or decoded to UTF-8 when it starts with
// a UTF-16 BOM (a trailing odd byte is dropped). Other input is returned unchanged.
func Normalize(head []byte) []byte {
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		return head[len(bomUTF8):]
	case bytes.HasPrefix(head, bomUTF16LE):
		return decodeUTF16(head[2:], false)
	case bytes.HasPrefix(head, bomUTF16BE):
		return decodeUTF16(head[2:], true)
	}
	return head
}

// decodeUTF16 turns UTF-16 bytes into UTF-8; the declaration's encoding="utf-16" then
// no longer matches the bytes, which is why Find reads every charset as is.
func decodeUTF16(b []byte, bigEndian bool) []byte {
	u := make([]uint16, len(b)/2)
	for k := range u {
		if bigEndian {
			u[k] = uint16(b[2*k])<<8 | uint16(b[2*k+1])
		} else {
			u[k] = uint16(b[2*k+1])<<8 | uint16(b[2*k])
		}
	}
	out := make([]byte, 0, len(u))
	for _, r := range utf16.Decode(u) {
		out = utf8.AppendRune(out, r)
	}
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
