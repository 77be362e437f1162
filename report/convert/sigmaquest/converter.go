package sigmaquest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"encoding/xml"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
	"github.com/watsgo/sdk/report/convert/internal/xmlsniff"
)

// Name is the converter's name in logs, sidecars and errors.
const Name = "sigmaquest"

// Parameter names (Source.Params), as Virinco's converter calls them.
const (
	// ParamOperationTypeCode is the test operation: a code, or a name resolved
	// through Source.Processes (default 10).
	ParamOperationTypeCode = "operationTypeCode"
	// ParamPartRevision is the revision when the product has no version
	// (default "1.0").
	ParamPartRevision = "partRevision"
	// ParamOperator is the operator when the file names none (default
	// "oper").
	ParamOperator = "operator"
)

const (
	defaultProcessCode = 10
	defaultRevision    = "1.0"
	defaultOperator    = "oper"
	namespace          = "urn:unitreport-schema"
	maxFile            = 256 << 20
)

// Converter converts SigmaSure/SigmaQuest UnitReport XML. The zero value is
// ready to use and safe for concurrent use.
type Converter struct{}

// New returns a SigmaQuest converter.
func New() *Converter { return &Converter{} }

var _ convert.Converter = (*Converter)(nil)

// Name returns "sigmaquest".
func (*Converter) Name() string { return Name }

// Patterns returns "*.xml".
func (*Converter) Patterns() []string { return []string{"*.xml", "*.XML"} }

// Sniff is Certain when the root element is UnitReport, with the
// urn:unitreport-schema namespace or none.
func (*Converter) Sniff(head []byte) convert.Confidence {
	if len(head) > convert.SniffSize {
		head = head[:convert.SniffSize]
	}
	root, ok := xmlsniff.Find(head)
	if ok && root.Local == "UnitReport" && (root.Space == "" || root.Space == namespace) {
		return convert.Certain
	}
	return convert.No
}

// Convert reads one UnitReport and returns its report.
func (*Converter) Convert(ctx context.Context, src *convert.Source) ([]*report.Report, error) {
	if src == nil || src.Reader == nil {
		return nil, &convert.MalformedError{Converter: Name, Msg: "no input"}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	d := src.Defaults
	process, err := convkit.ProcessCode(ctx, src, ParamOperationTypeCode, defaultProcessCode)
	if err != nil {
		return nil, err
	}
	dec := xmlsniff.NewDecoder(io.LimitReader(src.Reader, maxFile))
	var ur unitReport
	if err := dec.Decode(&ur); err != nil {
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
	if ur.XMLName.Local != "UnitReport" {
		return nil, bad("/"+ur.XMLName.Local, "root element is not UnitReport", nil)
	}
	if len(ur.Runs) != 1 {
		return nil, bad("/UnitReport/TestRun", fmt.Sprintf("a unit report holds one root TestRun, found %d", len(ur.Runs)), nil)
	}
	products := allProducts(ur.Categories)
	if len(products) == 0 {
		return nil, bad("/UnitReport/Category/Product", "no product (part and serial number)", nil)
	}
	main := products[0]
	sn := or(main.SerialNo, d.SerialNumber)
	if sn == "" {
		return nil, bad("/UnitReport/Category/Product/@serial-no", "empty serial number", nil)
	}
	pn := or(main.PartNo, d.PartNumber)
	if pn == "" {
		return nil, bad("/UnitReport/Category/Product/@part-no", "empty part number", nil)
	}
	rev := or(main.Version, convkit.Text(src, ParamPartRevision, d.Revision, defaultRevision))
	start, _, err := convkit.ParseISO(ur.Start, d.Zone())
	if err != nil {
		return nil, bad("/UnitReport/@start-time", fmt.Sprintf("start time %q", ur.Start), err)
	}
	stationProps := propMap(ur.Station.Props)
	st := d.Station
	if ur.Station.Name != "" {
		st.Name = ur.Station.Name
	}
	if loc := stationProps["Location"]; loc != "" {
		st.Location = loc
	}
	root := ur.Runs[0]
	version := or(ur.SoftwareVersion, stationProps["Test Software"])
	version, _ = convkit.Truncate(version, 30)
	opts := []report.Option{
		report.WithOperator(or(ur.Operator.Name, convkit.Text(src, ParamOperator, d.Operator, defaultOperator))),
		report.WithStation(st),
		report.WithStart(start),
		report.WithSequence(convkit.Name(src, root.Name, "UnitReport"), "", version),
	}
	if ur.End != "" {
		end, _, err := convkit.ParseISO(ur.End, d.Zone())
		if err != nil {
			return nil, bad("/UnitReport/@end-time", fmt.Sprintf("end time %q", ur.End), err)
		}
		if !end.Before(start) {
			opts = append(opts, report.WithExecTime(end.Sub(start)))
		}
	}
	rep, err := report.NewUUT(pn, sn, rev, process, opts...)
	if err != nil {
		return nil, bad("/UnitReport", "header refused", err)
	}
	if err := addMisc(src, rep, &ur); err != nil {
		return nil, err
	}
	for _, p := range products[1:] {
		if p.PartNo == "" {
			continue
		}
		if _, err := rep.AddSubUnit(p.Name, p.PartNo, p.Version, p.SerialNo); err != nil {
			return nil, bad("/UnitReport/Category/Product", "sub-unit refused", err)
		}
	}
	b := &builder{ctx: ctx, src: src, zone: d.Zone()}
	if err := b.children(rep.Root, &root, "/UnitReport/TestRun"); err != nil {
		return nil, err
	}
	res, ok := grade(root.Grade)
	if !ok {
		return nil, bad("/UnitReport/TestRun/@grade", fmt.Sprintf("grade %q unknown", root.Grade), nil)
	}
	rep.SetResult(resultOf(res))
	rep.Root.SetStatus(resultOf(res))
	return []*report.Report{rep}, nil
}

// resultOf turns a step status into a report result (P F E T).
func resultOf(st string) string {
	switch st {
	case report.StatusFailed, report.StatusError, report.StatusTerminated:
		return st
	}
	return report.StatusPassed
}

func or(s, def string) string {
	if s = strings.TrimSpace(s); s != "" {
		return s
	}
	return def
}

// allProducts lists the products depth first; the first is the unit.
func allProducts(cs []category) []product {
	var out []product
	var walkP func(p product)
	var walkC func(c category)
	walkP = func(p product) {
		out = append(out, p)
		for _, q := range p.Products {
			walkP(q)
		}
		for _, c := range p.Categories {
			walkC(c)
		}
	}
	walkC = func(c category) {
		for _, p := range c.Products {
			walkP(p)
		}
		for _, cc := range c.Categories {
			walkC(cc)
		}
	}
	for _, c := range cs {
		walkC(c)
	}
	return out
}

// propMap flattens properties to name → text (attachments left out).
func propMap(ps []property) map[string]string {
	m := map[string]string{}
	for _, p := range ps {
		for _, v := range flatten(p.Values) {
			if v.XMLName.Local != "ValueAttachment" && v.Name != "" {
				m[v.Name] = strings.TrimSpace(v.Text)
			}
		}
	}
	return m
}

// addMisc adds the mode and the unit report, station, category and product
// properties as misc info (values cut to the 100 characters WATS allows).
func addMisc(src *convert.Source, rep *report.Report, ur *unitReport) error {
	add := func(k, v string) error {
		if k == "" || v == "" {
			return nil
		}
		k, _ = convkit.Truncate(k, 100)
		v, cut := convkit.Truncate(v, 100)
		if cut {
			src.Warnf(fmt.Sprintf("%s: misc info %q cut to 100 characters", src.Name, k))
		}
		if err := rep.AddMiscInfo(k, v); err != nil {
			return &convert.MalformedError{Converter: Name, File: src.Name, Path: "/UnitReport/Property", Msg: "misc info refused", Err: err}
		}
		return nil
	}
	if err := add("Mode", ur.Mode); err != nil {
		return err
	}
	lists := [][]property{ur.Props, ur.Station.Props}
	var cat func(cs []category)
	cat = func(cs []category) {
		for _, c := range cs {
			lists = append(lists, c.Props)
			for _, p := range c.Products {
				lists = append(lists, p.Props)
				cat(p.Categories)
			}
			cat(c.Categories)
		}
	}
	cat(ur.Categories)
	for _, l := range lists {
		for _, p := range l {
			for _, v := range flatten(p.Values) {
				if v.XMLName.Local == "ValueAttachment" {
					continue
				}
				if err := add(v.Name, strings.TrimSpace(v.Text)); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// grade maps a TestRun or value grade to a step status.
func grade(g string) (string, bool) {
	switch strings.ToUpper(strings.TrimSpace(g)) {
	case "PASS", "PASSED", "DONE":
		return report.StatusPassed, true
	case "FAIL", "FAILED":
		return report.StatusFailed, true
	case "INCOMPLETE", "ABORTED", "TERMINATED":
		return report.StatusTerminated, true
	case "SKIPPED", "SKIP":
		return report.StatusSkipped, true
	case "PENDING", "ERROR":
		return report.StatusError, true
	}
	return "", false
}

func parseTime(s string, loc *time.Location) (time.Time, bool) {
	t, _, err := convkit.ParseISO(s, loc)
	return t, err == nil
}
