package production

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ParseSerialNumbersXML reads the numbers out of a WATS serial-number
// document (<SerialNumbers><SN id="..."/>...</SerialNumbers>), in document
// order. Only SN elements' id attributes are read, so unknown attributes and
// elements are ignored. It streams: the document is never held whole.
func ParseSerialNumbersXML(r io.Reader) ([]string, error) {
	d := xml.NewDecoder(r)
	var out []string
	depth := 0 // RawToken does not check nesting at EOF; a cut document must fail
	for {
		tok, err := d.RawToken() // no namespace translation: only local names matter
		if errors.Is(err, io.EOF) {
			if depth != 0 {
				return out, fmt.Errorf("serial-number XML: %w", io.ErrUnexpectedEOF)
			}
			return out, nil
		}
		if err != nil {
			return out, fmt.Errorf("serial-number XML: %w", err)
		}
		if _, ok := tok.(xml.EndElement); ok {
			depth--
			continue
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		depth++
		if !strings.EqualFold(se.Name.Local, "SN") {
			continue
		}
		for _, a := range se.Attr {
			if strings.EqualFold(a.Name.Local, "id") {
				out = append(out, a.Value)
				break
			}
		}
	}
}
