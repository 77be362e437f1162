package stepwize

import (
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
	"github.com/watsgo/sdk/report/convert/internal/xmlsniff"
)

// Name is the converter's name in logs, sidecars and errors.
const Name = "stepwize"

// Parameter names (Source.Params), as Virinco's converter calls them.
const (
	// ParamOperator is the operator when the rows carry no operatorStamp
	// (default "oper").
	ParamOperator = "operator"
	// ParamSequenceVersion is the root sequence's version (default "1.0.0").
	ParamSequenceVersion = "sequenceVersion"
	// ParamOperationTypeCode is the test operation used when the file's
	// operation name cannot be resolved: a code, or a name resolved through
	// Source.Processes (default 10).
	ParamOperationTypeCode = "operationTypeCode"
)

const (
	defaultOperator    = "oper"
	defaultSeqVersion  = "1.0.0"
	defaultProcessCode = 10
	rootName           = "ConfigAndResultsDataFile"
	maxFile            = 256 << 20
)

// Converter converts StepWize XSPC files. The zero value is ready to use and
// safe for concurrent use.
type Converter struct{}

// New returns a StepWize converter.
func New() *Converter { return &Converter{} }

var _ convert.Converter = (*Converter)(nil)

// Name returns "stepwize".
func (*Converter) Name() string { return Name }

// Patterns returns the export's extension.
func (*Converter) Patterns() []string { return []string{"*.XSPC", "*.xspc"} }

// Sniff is Certain when the root element is ConfigAndResultsDataFile.
func (*Converter) Sniff(head []byte) convert.Confidence {
	if len(head) > convert.SniffSize {
		head = head[:convert.SniffSize]
	}
	if r, ok := xmlsniff.Find(head); ok && r.Local == rootName {
		return convert.Certain
	}
	return convert.No
}

type file struct {
	XMLName xml.Name
	Data    data `xml:"ConfigandResultsData"`
}

type data struct {
	PartNumber          string `xml:"partNumber"`
	PartRev             string `xml:"partRev"`
	Revision            string `xml:"revision"`
	SerialNumber        string `xml:"serialNumber"`
	Operation           string `xml:"operation"`
	SourceFile          string `xml:"sourceFile"`
	SequencePF          string `xml:"sequencePF"`
	Organization        string `xml:"Organization"`
	ResultSetID         string `xml:"resultSetID"`
	ModelNumber         string `xml:"modelNumber"`
	PartDescription     string `xml:"partDescription"`
	Label               string `xml:"label"`
	Description         string `xml:"description"`
	Build               string `xml:"build"`
	SoftwarePN          string `xml:"softwarePN"`
	WorkOrder           string `xml:"workOrder"`
	FactoryNumber       string `xml:"factoryNumber"`
	ExportRestriction   string `xml:"exportRestriction"`
	PlantName           string `xml:"plantName"`
	AlternatePartNumber string `xml:"alternatePartNumber"`
	Rows                []row  `xml:"Config_and_Result_Data>Config_and_Data_Result"`
}

type row struct {
	StepName           string `xml:"stepName"`
	SubItemName        string `xml:"subItemName"`
	LowerLimit         string `xml:"lowerLimit"`
	UpperLimit         string `xml:"upperLimit"`
	LimitMode          string `xml:"limitMode"`
	Start              string `xml:"startDateTime"`
	End                string `xml:"endDateTime"`
	StepValue          string `xml:"stepValue"`
	Units              string `xml:"units"`
	StringValue        string `xml:"stringValue"`
	BoolValue          string `xml:"boolValue"`
	StepOutcome        string `xml:"stepOutcome"`
	AssetID            string `xml:"assetID"`
	OperatorStamp      string `xml:"operatorStamp"`
	DataType           string `xml:"dataType"`
	MeasurementOutcome string `xml:"measurementOutcome"`
	ExpectedString     string `xml:"Expected_String"`
	CaseSensitive      string `xml:"Case_Sensitive"`
	StepNotes          string `xml:"stepNotes"`
}

const rowsPath = "/ConfigAndResultsDataFile/ConfigandResultsData/Config_and_Result_Data/Config_and_Data_Result"

// Convert reads one XSPC file and returns its report.
func (*Converter) Convert(ctx context.Context, src *convert.Source) ([]*report.Report, error) {
	if src == nil || src.Reader == nil {
		return nil, &convert.MalformedError{Converter: Name, Msg: "no input"}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	dec := xmlsniff.NewDecoder(io.LimitReader(src.Reader, maxFile))
	var f file
	if err := dec.Decode(&f); err != nil {
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
	if f.XMLName.Local != rootName {
		return nil, bad("/"+f.XMLName.Local, "root element is not "+rootName, nil)
	}
	h := f.Data
	d := src.Defaults
	if len(h.Rows) == 0 {
		return nil, bad(rowsPath, "no result rows", nil)
	}
	sn := or(h.SerialNumber, d.SerialNumber)
	pn := or(h.PartNumber, d.PartNumber)
	rev := or(h.Revision, or(h.PartRev, d.Revision))
	for _, c := range []struct{ v, path string }{{sn, "serialNumber"}, {pn, "partNumber"}, {rev, "revision"}} {
		if c.v == "" {
			return nil, bad("/ConfigAndResultsDataFile/ConfigandResultsData/"+c.path, "empty", nil)
		}
	}
	process, err := operation(ctx, src, h.Operation)
	if err != nil {
		return nil, err
	}
	first, last := h.Rows[0], h.Rows[len(h.Rows)-1]
	start, _, err := convkit.ParseISO(first.Start, d.Zone())
	if err != nil {
		return nil, bad(rowsPath+"[1]/startDateTime", fmt.Sprintf("start time %q", first.Start), err)
	}
	station := d.Station
	if a := strings.TrimSpace(first.AssetID); a != "" {
		station.Name = a
	}
	opts := []report.Option{
		report.WithOperator(or(first.OperatorStamp, convkit.Text(src, ParamOperator, d.Operator, defaultOperator))),
		report.WithStation(station),
		report.WithStart(start),
		report.WithSequence(convkit.Name(src, h.SourceFile, "StepWize"), "", convkit.Text(src, ParamSequenceVersion, d.SequenceVersion, defaultSeqVersion)),
	}
	if end, _, err := convkit.ParseISO(last.End, d.Zone()); err == nil && !end.Before(start) {
		opts = append(opts, report.WithExecTime(end.Sub(start)))
	}
	rep, err := report.NewUUT(pn, sn, rev, process, opts...)
	if err != nil {
		return nil, bad("/ConfigAndResultsDataFile/ConfigandResultsData", "header refused", err)
	}
	for _, m := range [][2]string{{"Organization", h.Organization}, {"resultSetID", h.ResultSetID}, {"modelNumber", h.ModelNumber},
		{"partDescription", h.PartDescription}, {"label", h.Label}, {"description", h.Description}, {"build", h.Build},
		{"softwarePN", h.SoftwarePN}, {"workOrder", h.WorkOrder}, {"factoryNumber", h.FactoryNumber},
		{"exportRestriction", h.ExportRestriction}, {"plantName", h.PlantName}, {"alternatePartNumber", h.AlternatePartNumber}} {
		v := strings.TrimSpace(m[1])
		if v == "" {
			continue
		}
		v, _ = convkit.Truncate(v, 100)
		if err := rep.AddMiscInfo(m[0], v); err != nil {
			return nil, bad("/ConfigAndResultsDataFile/ConfigandResultsData/"+m[0], "misc info refused", err)
		}
	}
	b := &builder{src: src, zone: d.Zone()}
	var seq *report.Step
	prev := ""
	for i := range h.Rows {
		if i%64 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		r := &h.Rows[i]
		path := fmt.Sprintf("%s[%d]", rowsPath, i+1)
		if seq == nil || r.StepName != prev {
			st, _ := outcome(r.StepOutcome)
			var sopts []report.StepOption
			if st != "" {
				sopts = append(sopts, report.StepStatus(st))
			}
			if seq, err = rep.Root.AddSequence(convkit.Name(src, r.StepName, "Step"), sopts...); err != nil {
				return nil, bad(path+"/stepName", "sequence refused", err)
			}
			prev = r.StepName
		}
		if err := b.row(seq, r, path); err != nil {
			return nil, err
		}
	}
	switch strings.ToLower(strings.TrimSpace(h.SequencePF)) {
	case "pass", "passed":
		rep.SetResult(report.StatusPassed)
		rep.Root.SetStatus(report.StatusPassed)
	case "fail", "failed":
		rep.SetResult(report.StatusFailed)
		rep.Root.SetStatus(report.StatusFailed)
	case "incomplete", "aborted", "terminated":
		rep.SetResult(report.StatusTerminated)
		rep.Root.SetStatus(report.StatusTerminated)
	default:
		src.Warnf(fmt.Sprintf("%s: sequencePF %q unknown; the result is computed from the steps", src.Name, h.SequencePF))
	}
	return []*report.Report{rep}, nil
}

// operation resolves the file's operation name through Source.Processes,
// falling back to the operationTypeCode parameter.
func operation(ctx context.Context, src *convert.Source, name string) (int, error) {
	name = strings.TrimSpace(name)
	if name != "" && src.Processes != nil {
		if code, err := src.Processes.TestOperationCode(ctx, name); err == nil {
			return code, nil
		}
		src.Warnf(fmt.Sprintf("%s: operation %q unknown; parameter %s used", src.Name, name, ParamOperationTypeCode))
	}
	return convkit.ProcessCode(ctx, src, ParamOperationTypeCode, defaultProcessCode)
}

func or(s, def string) string {
	if s = strings.TrimSpace(s); s != "" {
		return s
	}
	return def
}

// outcome maps stepOutcome / measurementOutcome words.
func outcome(s string) (status string, evaluated bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "pass", "passed":
		return report.StatusPassed, true
	case "fail", "failed":
		return report.StatusFailed, true
	case "error":
		return report.StatusError, true
	case "skipped", "skip":
		return report.StatusSkipped, true
	case "terminated", "aborted", "incomplete":
		return report.StatusTerminated, true
	}
	return "", false
}

type builder struct {
	src  *convert.Source
	zone *time.Location
}

func (b *builder) fail(path, msg string, err error) error {
	return &convert.MalformedError{Converter: Name, File: b.src.Name, Path: path, Msg: msg, Err: err}
}

func number(s string) (float64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return math.NaN(), nil
	}
	return strconv.ParseFloat(s, 64)
}

// limitsFor maps limitMode. "Value > LL" is GE, as StepWize's own
// converter maps it on purpose: the tester writes it on record-only rows
// (value 0, limit 0) that pass, and a strict GT would fail them.
func limitsFor(r *row, lo, hi float64) (convkit.Limits, error) {
	mode := strings.Join(strings.Fields(r.LimitMode), " ")
	switch mode {
	case "Value > LL":
		return convkit.Limits{Op: report.GE, Low: lo}, nil
	case "Value >= LL":
		return convkit.Limits{Op: report.GE, Low: lo}, nil
	case "Value < UL":
		return convkit.Limits{Op: report.LT, Low: hi}, nil
	case "Value <= UL":
		return convkit.Limits{Op: report.LE, Low: hi}, nil
	case "LL <= Value <= UL":
		return convkit.Limits{Op: report.GELE, Low: lo, High: hi}, nil
	case "LL < Value < UL":
		return convkit.Limits{Op: report.GTLT, Low: lo, High: hi}, nil
	case "LL <= Value < UL":
		return convkit.Limits{Op: report.GELT, Low: lo, High: hi}, nil
	case "LL < Value <= UL":
		return convkit.Limits{Op: report.GTLE, Low: lo, High: hi}, nil
	case "Value = LL", "Value == LL":
		return convkit.Limits{Op: report.EQ, Low: lo}, nil
	case "Value != LL", "Value <> LL":
		return convkit.Limits{Op: report.NE, Low: lo}, nil
	case "", "None", "Record Only", "No Limits":
		return convkit.Limits{Op: report.LOG}, nil
	}
	return convkit.Limits{}, fmt.Errorf("limit mode %q unknown", r.LimitMode)
}

func (b *builder) row(seq *report.Step, r *row, path string) error {
	name := convkit.Name(b.src, or(r.SubItemName, r.StepName), "Value")
	var opts []report.StepOption
	if t, _, err := convkit.ParseISO(r.Start, b.zone); err == nil {
		opts = append(opts, report.StepStart(t))
		if e, _, err := convkit.ParseISO(r.End, b.zone); err == nil && !e.Before(t) {
			opts = append(opts, report.StepTime(e.Sub(t)))
		}
	}
	if n := strings.TrimSpace(r.StepNotes); n != "" {
		opts = append(opts, report.StepReportText(n))
	}
	st, ok := outcome(r.MeasurementOutcome)
	if !ok {
		st, _ = outcome(r.StepOutcome)
	}
	if st != "" {
		opts = append(opts, report.StepStatus(st))
	}
	var err error
	switch strings.TrimSpace(r.DataType) {
	case "0":
		v, e1 := number(r.StepValue)
		lo, e2 := number(r.LowerLimit)
		hi, e3 := number(r.UpperLimit)
		if e := errors.Join(e1, e2, e3); e != nil {
			return b.fail(path, "value or limit is not a number", e)
		}
		lim, e := limitsFor(r, lo, hi)
		if e != nil {
			return b.fail(path+"/limitMode", e.Error(), nil)
		}
		_, err = convkit.NumericStep(seq, name, v, strings.TrimSpace(r.Units), lim, opts...)
	case "1":
		pass := st == report.StatusPassed
		if st == "" {
			pass = strings.EqualFold(strings.TrimSpace(r.BoolValue), "T")
		}
		_, err = seq.AddPassFailStep(name, pass, opts...)
	case "2":
		_, err = seq.AddActionStep(name, opts...)
	case "3":
		op := report.IgnoreCase
		if strings.EqualFold(strings.TrimSpace(r.CaseSensitive), "T") {
			op = report.CaseSensitive
		}
		if r.ExpectedString == "" {
			op = report.LOG
		}
		_, err = seq.AddStringStep(name, r.StringValue, op, r.ExpectedString, opts...)
	default:
		b.src.Warnf(fmt.Sprintf("%s: %s: dataType %q unknown; logged as an action", b.src.Name, path, r.DataType))
		_, err = seq.AddActionStep(name, opts...)
	}
	if err != nil {
		return b.fail(path, "step refused", err)
	}
	return nil
}
