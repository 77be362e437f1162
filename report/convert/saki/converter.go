package saki

import (
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
	"github.com/watsgo/sdk/report/convert/internal/xmlsniff"
)

// Name is the converter's name in logs, sidecars and errors.
const Name = "saki"

// Parameter names (Source.Params).
const (
	// ParamOperationTypeCode is the test operation: a code, or a name resolved
	// through Source.Processes (default 10).
	ParamOperationTypeCode = "operationTypeCode"
	// ParamPartNumber is the part number when Panel@side names a board side
	// (Top, Bottom) rather than a product (default: the program name).
	ParamPartNumber = "partNumber"
	// ParamPartRevision is the revision (default "1.0"; the file has none).
	ParamPartRevision = "partRevision"
	// ParamOperator is the operator when Panel@operator is empty (default
	// "oper").
	ParamOperator = "operator"
)

const (
	defaultProcessCode = 10
	defaultRevision    = "1.0"
	defaultOperator    = "oper"
	maxFile            = 128 << 20
)

// Converter converts Saki AOI panel results. The zero value is ready to use
// and safe for concurrent use.
type Converter struct{}

// New returns a Saki converter.
func New() *Converter { return &Converter{} }

var _ convert.Converter = (*Converter)(nil)

// Name returns "saki".
func (*Converter) Name() string { return Name }

// Patterns returns "*.xml".
func (*Converter) Patterns() []string { return []string{"*.xml", "*.XML"} }

// Sniff is Certain when the root element is Panel with a barcode attribute
// and the head holds a Program or Image element, Likely for a Panel root
// with a barcode alone, No otherwise.
func (*Converter) Sniff(head []byte) convert.Confidence {
	if len(head) > convert.SniffSize {
		head = head[:convert.SniffSize]
	}
	root, ok := xmlsniff.Find(head)
	if !ok || root.Local != "Panel" || root.Space != "" {
		return convert.No
	}
	h := xmlsniff.Normalize(head)
	i := bytes.Index(h, []byte("<Panel"))
	if i < 0 {
		return convert.No
	}
	end := bytes.IndexByte(h[i:], '>')
	if end < 0 || !bytes.Contains(h[i:i+end], []byte("barcode=")) {
		return convert.No
	}
	if bytes.Contains(h, []byte("<Program")) || bytes.Contains(h, []byte("<Image")) {
		return convert.Certain
	}
	return convert.Likely
}

type panel struct {
	XMLName   xml.Name
	Barcode   string  `xml:"barcode,attr"`
	Result    string  `xml:"result,attr"`
	StartDate string  `xml:"startDate,attr"`
	StartTime string  `xml:"startTime,attr"`
	Side      string  `xml:"side,attr"`
	Operator  string  `xml:"operator,attr"`
	Program   program `xml:"Program"`
	Images    []image `xml:"Image"`
}

type program struct {
	Name string `xml:"name,attr"`
	Ver  string `xml:"ver,attr"`
}

type image struct {
	Barcode    string      `xml:"barcode,attr"`
	ID         string      `xml:"id,attr"`
	Result     string      `xml:"result,attr"`
	FalseCalls []reference `xml:"Results>FalseCalls>Reference"`
	Failed     []reference `xml:"Results>Failed>Reference"`
}

type reference struct {
	Designator  string `xml:"designator,attr"`
	PartNumber  string `xml:"partNumber,attr"`
	Package     string `xml:"package,attr"`
	Description string `xml:"description,attr"`
}

// result maps a Panel or Image result word.
func result(s string) (string, bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "passed", "pass", "good", "ok":
		return report.StatusPassed, true
	case "failed", "fail", "ng", "defect":
		return report.StatusFailed, true
	case "error":
		return report.StatusError, true
	case "skipped", "skip", "bad mark", "badmark":
		return report.StatusSkipped, true
	}
	return "", false
}

// boardSide reports whether side names a board side rather than a product.
func boardSide(side string) bool {
	switch strings.ToLower(strings.TrimSpace(side)) {
	case "top", "bottom", "bot", "t", "b", "front", "back", "a", "side a", "side b":
		return true
	}
	return false
}

// Convert reads one Panel document and returns its report.
func (*Converter) Convert(ctx context.Context, src *convert.Source) ([]*report.Report, error) {
	if src == nil || src.Reader == nil {
		return nil, &convert.MalformedError{Converter: Name, Msg: "no input"}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	process, err := convkit.ProcessCode(ctx, src, ParamOperationTypeCode, defaultProcessCode)
	if err != nil {
		return nil, err
	}
	dec := xmlsniff.NewDecoder(io.LimitReader(src.Reader, maxFile))
	var p panel
	if err := dec.Decode(&p); err != nil {
		line, _ := dec.InputPos()
		var se *xml.SyntaxError
		if errors.As(err, &se) {
			line = se.Line
		}
		return nil, &convert.MalformedError{Converter: Name, File: src.Name, Line: line, Msg: "broken XML", Err: err}
	}
	bad := func(path, msg string, err error) error {
		return &convert.MalformedError{Converter: Name, File: src.Name, Path: path, Msg: msg, Err: err}
	}
	if p.XMLName.Local != "Panel" {
		return nil, bad("/"+p.XMLName.Local, "root element is not Panel", nil)
	}
	d := src.Defaults
	sn := strings.TrimSpace(p.Barcode)
	if sn == "" || strings.EqualFold(sn, "N/A") {
		sn = d.SerialNumber
	}
	if sn == "" {
		return nil, bad("/Panel/@barcode", "panel has no barcode", nil)
	}
	pn := strings.TrimSpace(p.Side)
	side := ""
	if pn == "" || boardSide(pn) {
		side = pn
		pn = convkit.Text(src, ParamPartNumber, d.PartNumber, strings.TrimSpace(p.Program.Name))
	}
	if pn == "" {
		return nil, bad("/Panel/@side", "no part number (side, partNumber parameter or program name)", nil)
	}
	start, err := time.ParseInLocation("01/02/2006 15:04:05", strings.TrimSpace(p.StartDate)+" "+strings.TrimSpace(p.StartTime), d.Zone())
	if err != nil {
		return nil, bad("/Panel/@startDate", fmt.Sprintf("start %q %q is not MM/dd/yyyy HH:mm:ss", p.StartDate, p.StartTime), err)
	}
	res, ok := result(p.Result)
	if !ok {
		return nil, bad("/Panel/@result", fmt.Sprintf("result %q unknown", p.Result), nil)
	}
	ver, _ := convkit.Truncate(strings.TrimSpace(p.Program.Ver), 30)
	rep, err := report.NewUUT(pn, sn, convkit.Text(src, ParamPartRevision, d.Revision, defaultRevision), process,
		report.WithOperator(or(p.Operator, convkit.Text(src, ParamOperator, d.Operator, defaultOperator))),
		report.WithStation(d.Station), report.WithStart(start),
		report.WithSequence(convkit.Name(src, p.Program.Name, "Saki AOI"), "", ver))
	if err != nil {
		return nil, bad("/Panel", "header refused", err)
	}
	if side != "" {
		if err := rep.AddMiscInfo("Side", side); err != nil {
			return nil, bad("/Panel/@side", "misc info refused", err)
		}
	}
	for i, img := range p.Images {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		path := fmt.Sprintf("/Panel/Image[%d]", i+1)
		if err := addImage(src, rep, img, path); err != nil {
			return nil, err
		}
	}
	rep.SetResult(resultOf(res))
	rep.Root.SetStatus(res)
	return []*report.Report{rep}, nil
}

func resultOf(st string) string {
	if st == report.StatusSkipped {
		return report.StatusPassed
	}
	return st
}

func or(s, def string) string {
	if s = strings.TrimSpace(s); s != "" {
		return s
	}
	return def
}

// addImage adds an image's sequence: its false calls (judged good) and its
// failed references, each a string step whose value is the component's
// part number.
func addImage(src *convert.Source, rep *report.Report, img image, path string) error {
	bad := func(p, msg string, err error) error {
		return &convert.MalformedError{Converter: Name, File: src.Name, Path: p, Msg: msg, Err: err}
	}
	st, ok := result(img.Result)
	if !ok {
		return bad(path+"/@result", fmt.Sprintf("result %q unknown", img.Result), nil)
	}
	var opts []report.StepOption
	opts = append(opts, report.StepStatus(st))
	if bc := strings.TrimSpace(img.Barcode); bc != "" && !strings.EqualFold(bc, "N/A") {
		opts = append(opts, report.StepReportText("Board barcode: "+bc))
	}
	seq, err := rep.Root.AddSequence(convkit.Name(src, "Image "+strings.TrimSpace(img.ID), "Image"), opts...)
	if err != nil {
		return bad(path, "image refused", err)
	}
	for _, g := range []struct {
		name, elem string
		refs       []reference
		status     string
	}{{"False Calls", "FalseCalls", img.FalseCalls, report.StatusPassed}, {"Failed", "Failed", img.Failed, report.StatusFailed}} {
		if len(g.refs) == 0 {
			continue
		}
		sub, err := seq.AddSequence(g.name, report.StepStatus(g.status))
		if err != nil {
			return bad(path+"/Results/"+g.elem, "sequence refused", err)
		}
		for j, r := range g.refs {
			var parts []string
			for _, s := range []string{r.Package, r.Description} {
				if s = strings.TrimSpace(s); s != "" {
					parts = append(parts, s)
				}
			}
			sopts := []report.StepOption{report.StepStatus(g.status)}
			if len(parts) > 0 {
				sopts = append(sopts, report.StepReportText(strings.Join(parts, "; ")))
			}
			if _, err := sub.AddStringStep(convkit.Name(src, r.Designator, "Reference"), strings.TrimSpace(r.PartNumber), report.LOG, "", sopts...); err != nil {
				return bad(fmt.Sprintf("%s/Results/%s/Reference[%d]", path, g.elem, j+1), "reference refused", err)
			}
		}
	}
	return nil
}
