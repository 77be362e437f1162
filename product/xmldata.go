package product

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// The server keeps a product's or revision's custom key/values in XMLData:
// a <Root> element with one child element per key whose Value attribute is
// the value. Tags is the server's read-only JSON view of it, so tags are
// written by writing XMLData.

// ParseXMLData reads the key/values of an XMLData document in document
// order; an empty document has none.
func ParseXMLData(doc string) ([]Setting, error) {
	if strings.TrimSpace(doc) == "" {
		return nil, nil
	}
	dec := xml.NewDecoder(strings.NewReader(doc))
	var out []Setting
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("product: xmlData: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 2 {
				s := Setting{Key: t.Name.Local}
				for _, a := range t.Attr {
					if a.Name.Local == "Value" {
						v := a.Value
						s.Value = &v
					}
				}
				out = append(out, s)
			}
		case xml.EndElement:
			depth--
		}
	}
	return out, nil
}

// RenderXMLData writes tags as an XMLData document. Keys must be XML
// element names (see [ValidTagKey]); a nil value writes no Value attribute.
func RenderXMLData(tags []Setting) string {
	var b bytes.Buffer
	b.WriteString("<Root>")
	for _, t := range tags {
		b.WriteString("<" + t.Key)
		if t.Value != nil {
			b.WriteString(` Value="`)
			_ = xml.EscapeText(&b, []byte(*t.Value))
			b.WriteString(`"`)
		}
		b.WriteString(" />")
	}
	b.WriteString("</Root>")
	return b.String()
}

// ValidTagKey reports whether key can be stored in XMLData: an XML element
// name (a letter or '_' first, then letters, digits, '-', '_' or '.').
func ValidTagKey(key string) bool {
	if key == "" || strings.HasPrefix(strings.ToLower(key), "xml") {
		return false
	}
	for i, r := range key {
		letter := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 0x7f && r != 0xfffd
		if i == 0 && !letter {
			return false
		}
		if !letter && !(r >= '0' && r <= '9') && r != '-' && r != '.' {
			return false
		}
	}
	return true
}
