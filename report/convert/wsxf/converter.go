package wsxf

import (
	"context"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/xmlsniff"
)

// Namespaces of the two formats' root element <Reports>.
const (
	// NamespaceWSXF is the namespace of WATS Standard XML Format files.
	NamespaceWSXF = "http://wats.virinco.com/schemas/WATS/Report/wsxf"
	// NamespaceWRML is the namespace of the WATS C# client's own report files.
	NamespaceWRML = "http://wats.virinco.com/schemas/WATS/Report"
)

// Converter reads WSXF or WRML files. The zero value is not usable; call New or
// NewWRML. A Converter is stateless and safe for concurrent use.
type Converter struct {
	wrml bool
}

// New returns the WSXF (WATS Standard XML Format) converter.
func New() *Converter { return &Converter{} }

// NewWRML returns the converter for WRML, the format the WATS C# client posts and
// keeps in its local queue ({GUID}.queued files).
func NewWRML() *Converter { return &Converter{wrml: true} }

var _ convert.Converter = (*Converter)(nil)

// Name is "wsxf" or "wrml".
func (c *Converter) Name() string {
	if c.wrml {
		return "wrml"
	}
	return "wsxf"
}

// Patterns are "*.xml" (and "*.queued" for WRML).
func (c *Converter) Patterns() []string {
	if c.wrml {
		return []string{"*.xml", "*.queued"}
	}
	return []string{"*.xml"}
}

func (c *Converter) namespace() string {
	if c.wrml {
		return NamespaceWRML
	}
	return NamespaceWSXF
}

// Sniff is Certain when the root element is <Reports> in the format's namespace.
func (c *Converter) Sniff(head []byte) convert.Confidence {
	if xmlsniff.Is(head, c.namespace(), "Reports") {
		return convert.Certain
	}
	return convert.No
}

// Convert reads the whole document and returns one report per <Report> element, or
// an error and no report at all. Bad input is a *convert.MalformedError naming the
// element path (and line); a process name that cannot be resolved wraps
// convert.ErrUnknownProcess and a missing attachment file convert.ErrMissingAttachment.
func (c *Converter) Convert(ctx context.Context, src *convert.Source) ([]*report.Report, error) {
	if src == nil || src.Reader == nil {
		return nil, &convert.MalformedError{Converter: c.Name(), Msg: "no input"}
	}
	root, err := readTree(ctx, src.Reader, c.Name(), src.Name, c.namespace(), "Reports")
	if err != nil {
		return nil, err
	}
	cv := &conv{src: src, name: c.Name(), wrml: c.wrml}
	now := time.Now()
	var out []*report.Report
	for _, k := range root.kids {
		if k.name != "Report" {
			continue
		}
		r, err := cv.buildReport(ctx, k, now)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	if len(out) == 0 {
		return nil, cv.fail(root, "no Report element")
	}
	return out, nil
}
