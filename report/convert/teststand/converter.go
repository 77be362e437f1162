package teststand

import (
	"bytes"
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/xmlsniff"
)

// Name is the converter's name in logs, sidecars and errors.
const Name = "teststand"

// Parameter names (Source.Params), as the WATS client's TestStand XML
// converter calls them.
const (
	// ParamOperationTypeCode is the test operation when UUT.UUTOperationType
	// is absent: a code, or a name resolved through Source.Processes
	// (default Source.Defaults.ProcessCode, else 10).
	ParamOperationTypeCode = "operationTypeCode"
	// ParamPartRevision is the revision when UUT.UUTPartRevisionNumber is
	// absent (default Source.Defaults.Revision, else "1.0").
	ParamPartRevision = "partRevision"
	// ParamLocation is the station location when StationInfo has none
	// (default Source.Defaults.Station.Location).
	ParamLocation = "location"
	// ParamPurpose is the station purpose when StationInfo has none
	// (default Source.Defaults.Station.Purpose).
	ParamPurpose = "purpose"
	// ParamAdditionalDataToMiscInfo set to "true" turns each UUT.AdditionalData
	// property into a misc info entry; by default they become the report's
	// additional data.
	ParamAdditionalDataToMiscInfo = "convertAdditionalDataToMiscInfo"
)

const (
	defaultProcessCode = 10
	defaultRevision    = "1.0"
	defaultOperator    = "sysoper"
)

// Converter converts NI TestStand XML reports. The zero value is ready to
// use and safe for concurrent use.
type Converter struct{}

// New returns a TestStand XML report converter.
func New() *Converter { return &Converter{} }

var _ convert.Converter = (*Converter)(nil)

// Name returns "teststand".
func (*Converter) Name() string { return Name }

// Patterns returns the extension TestStand XML reports have.
func (*Converter) Patterns() []string { return []string{"*.xml", "*.XML"} }

// Sniff is Certain for a <TSReport> root, and for a namespace-less
// <Reports> or <Report> root followed by TestStand's Prop serialisation
// (Likely when the head ends before a Prop); No otherwise.
func (*Converter) Sniff(head []byte) convert.Confidence {
	if len(head) > convert.SniffSize {
		head = head[:convert.SniffSize]
	}
	root, ok := xmlsniff.Find(head)
	if !ok || root.Space != "" {
		return convert.No
	}
	switch root.Local {
	case "TSReport":
		return convert.Certain
	case "Reports", "Report":
		body := xmlsniff.Normalize(head)
		if bytes.Contains(body, []byte("<Prop Name=")) || bytes.Contains(body, []byte("<Prop Type=")) {
			return convert.Certain
		}
		if bytes.Contains(body, []byte("UUTResult=")) {
			return convert.Likely
		}
	}
	return convert.No
}

// Convert reads a TestStand XML report and returns one report per UUT
// <Report> in the file (a <TSReport> dump gives one). Bad input is a
// *convert.MalformedError naming the element; an unresolvable process name
// wraps convert.ErrUnknownProcess.
func (*Converter) Convert(ctx context.Context, src *convert.Source) ([]*report.Report, error) {
	if src == nil || src.Reader == nil {
		return nil, &convert.MalformedError{Converter: Name, Msg: "no input"}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	root, err := readTree(ctx, src.Reader, src.Name)
	if err != nil {
		return nil, err
	}
	var units []*node
	switch root.tag {
	case "TSReport", "Report":
		units = []*node{root}
	case "Reports":
		for _, k := range root.kids {
			if k.tag != "Report" {
				continue
			}
			if k.typ != "" && !strings.EqualFold(k.typ, "UUT") {
				src.Warnf(k.path() + ": " + k.typ + " report skipped (only UUT reports become WATS reports)")
				continue
			}
			units = append(units, k)
		}
		if len(units) == 0 {
			return nil, &convert.MalformedError{Converter: Name, File: src.Name, Path: root.path(), Msg: "no UUT <Report> element"}
		}
	default:
		return nil, &convert.MalformedError{Converter: Name, File: src.Name, Path: root.path(), Msg: "root element is not TSReport, Reports or Report"}
	}
	c := &conv{ctx: ctx, src: src}
	out := make([]*report.Report, 0, len(units))
	for _, u := range units {
		r, err := c.unit(u)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// conv is one conversion in progress.
type conv struct {
	ctx   context.Context
	src   *convert.Source
	steps int
	// engine is ReportInfo EngineStarted, the origin of TS.StartTime.
	engine    time.Time
	hasEngine bool
}

func (c *conv) failf(n *node, format string, args ...any) error {
	return &convert.MalformedError{Converter: Name, File: c.src.Name, Line: n.line, Path: n.path(), Msg: sprintf(format, args...)}
}

// processCode resolves the operation parameter (a number or a process name).
func (c *conv) processCode() (int, error) {
	p := strings.TrimSpace(c.src.Params.Get(ParamOperationTypeCode, ""))
	if p == "" {
		if c.src.Defaults.ProcessCode != 0 {
			return c.src.Defaults.ProcessCode, nil
		}
		return defaultProcessCode, nil
	}
	if n, err := strconv.Atoi(p); err == nil {
		return n, nil
	}
	if c.src.Processes == nil {
		return 0, &unknownProcess{name: p}
	}
	n, err := c.src.Processes.TestOperationCode(c.ctx, p)
	if err != nil {
		return 0, &unknownProcess{name: p, err: err}
	}
	return n, nil
}

type unknownProcess struct {
	name string
	err  error
}

func (e *unknownProcess) Error() string {
	msg := Name + ": process " + strconv.Quote(e.name) + ": " + convert.ErrUnknownProcess.Error()
	if e.err != nil {
		msg += ": " + e.err.Error()
	}
	return msg
}

func (e *unknownProcess) Is(target error) bool { return target == convert.ErrUnknownProcess }
func (e *unknownProcess) Unwrap() error        { return e.err }
