package product

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
)

// WSBFNamespace is the default namespace of a WSBF BOM document.
const WSBFNamespace = "http://wats.virinco.com/schemas/WATS/wsbf"

// BOM is a bill of materials for one product revision, sent to the server
// as a WSBF XML document.
type BOM struct {
	// PartNumber of the product the BOM belongs to (required).
	PartNumber string
	// Revision of the product (required).
	Revision string
	// Description of the product (optional).
	Description string
	// Components are the BOM lines.
	Components []Component
}

// Component is one line of a BOM.
type Component struct {
	// PartNumber is the component part number (required).
	PartNumber string
	// Revision is the component's own revision (unlike pyWATS, which puts
	// the manufacturer part number here).
	Revision string
	// Quantity per unit; 0 leaves the attribute out (server default).
	Quantity int
	// Description of the component.
	Description string
	// Refs are the reference designators, written ";"-separated.
	Refs []string
}

type wsbfDoc struct {
	XMLName    xml.Name        `xml:"http://wats.virinco.com/schemas/WATS/wsbf BOM"`
	PartNumber string          `xml:"Partnumber,attr"`
	Revision   string          `xml:"Revision,attr"`
	Desc       string          `xml:"Desc,attr,omitempty"`
	Components []wsbfComponent `xml:"http://wats.virinco.com/schemas/WATS/wsbf Component"`
}

type wsbfComponent struct {
	Number string `xml:"Number,attr"`
	Rev    string `xml:"Rev,attr,omitempty"`
	Qty    string `xml:"Qty,attr,omitempty"`
	Desc   string `xml:"Desc,attr,omitempty"`
	Ref    string `xml:"Ref,attr,omitempty"`
}

// Validate checks the fields WSBF requires, naming them by attribute path.
func (b *BOM) Validate() error {
	return b.validate("product.SaveBOM")
}

func (b *BOM) validate(op string) error {
	v := &errs.ValidationError{Op: op}
	if strings.TrimSpace(b.PartNumber) == "" {
		v.Add("BOM/@Partnumber", "required", "part number is empty")
	}
	if strings.TrimSpace(b.Revision) == "" {
		v.Add("BOM/@Revision", "required", "revision is empty")
	}
	for i, c := range b.Components {
		p := fmt.Sprintf("BOM/Component[%d]", i)
		if strings.TrimSpace(c.PartNumber) == "" {
			v.Add(p+"/@Number", "required", "component part number is empty")
		}
		if c.Quantity < 0 {
			v.Add(p+"/@Qty", "min=0", fmt.Sprintf("quantity %d is negative", c.Quantity))
		}
	}
	return v.OrNil()
}

// WriteTo writes b as a WSBF XML document to w.
func (b *BOM) WriteTo(w io.Writer) (int64, error) {
	doc := wsbfDoc{PartNumber: b.PartNumber, Revision: b.Revision, Desc: b.Description}
	doc.Components = make([]wsbfComponent, len(b.Components))
	for i, c := range b.Components {
		wc := wsbfComponent{Number: c.PartNumber, Rev: c.Revision, Desc: c.Description, Ref: strings.Join(c.Refs, ";")}
		if c.Quantity > 0 {
			wc.Qty = strconv.Itoa(c.Quantity)
		}
		doc.Components[i] = wc
	}
	cw := &countWriter{w: w}
	if _, err := io.WriteString(cw, xml.Header); err != nil {
		return cw.n, err
	}
	enc := xml.NewEncoder(cw)
	if err := enc.Encode(doc); err != nil {
		return cw.n, err
	}
	return cw.n, enc.Close()
}

// ParseBOM reads a WSBF XML document.
func ParseBOM(r io.Reader) (*BOM, error) {
	var doc wsbfDoc
	if err := xml.NewDecoder(r).Decode(&doc); err != nil {
		return nil, fmt.Errorf("product: parse WSBF: %w", err)
	}
	b := &BOM{PartNumber: doc.PartNumber, Revision: doc.Revision, Description: doc.Desc}
	for _, c := range doc.Components {
		comp := Component{PartNumber: c.Number, Revision: c.Rev, Description: c.Desc}
		if c.Qty != "" {
			q, err := strconv.Atoi(strings.TrimSpace(c.Qty))
			if err != nil {
				return nil, fmt.Errorf("product: parse WSBF: component %q: Qty %q is not an integer", c.Number, c.Qty)
			}
			comp.Quantity = q
		}
		if c.Ref != "" {
			comp.Refs = strings.Split(c.Ref, ";")
		}
		b.Components = append(b.Components, comp)
	}
	return b, nil
}

type countWriter struct {
	w io.Writer
	n int64
}

// Write counts what the underlying writer accepted.
func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
