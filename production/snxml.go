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
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return out, fmt.Errorf("serial-number XML: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok || !strings.EqualFold(se.Name.Local, "SN") {
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
