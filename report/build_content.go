package report

import (
	"encoding/base64"
	"fmt"
	"mime"
	"os"
	"path/filepath"
	"strings"

	"github.com/watsgo/sdk/internal/errs"
)

// ChartSpec describes a chart's axes; Type is Line (default), LineLogXY,
// LineLogX or LineLogY.
type ChartSpec struct {
	// Type is the chartType: Line (used when empty), LineLogXY, LineLogX or
	// LineLogY, matched case-insensitively.
	Type string
	// Label is the chart title (wire label, at most 100 characters; empty is
	// sent as null).
	Label string
	// XLabel names the X axis (wire xLabel, at most 100 characters; empty is
	// sent as null).
	XLabel string
	// XUnit is the X-axis unit (wire xUnit, at most 50 characters; empty is sent
	// as null).
	XUnit string
	// YLabel names the Y axis (wire yLabel, at most 100 characters; empty is
	// sent as null).
	YLabel string
	// YUnit is the Y-axis unit (wire yUnit, at most 50 characters; empty is sent
	// as null).
	YUnit string
}

// Chart limits reported by the server's maintainers.
const (
	maxChartSeries = 10
	maxChartPoints = 10000
)

// AddChartStep adds a chart step (WATS_XYGMNLT); add series with AddSeries
// and, optionally, measurements with AddNumericMeasurement.
func (s *Step) AddChartStep(name string, spec ChartSpec, opts ...StepOption) (*Step, error) {
	v := &errs.ValidationError{Op: "report.AddChartStep"}
	s.checkContainer(v)
	st, c := s.newStep(v, name, "WATS_XYGMNLT", opts)
	ch := newChart(v, spec)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	st.Chart = ch
	st.NumericMeas = []*NumericMeas{}
	return s.attach(st, c), nil
}

func newChart(v *errs.ValidationError, spec ChartSpec) *Chart {
	typ := spec.Type
	if typ == "" {
		typ = ChartLine
	}
	switch strings.ToUpper(typ) {
	case "LINE", "LINELOGXY", "LINELOGX", "LINELOGY":
	default:
		v.Add("chart.chartType", "charttype", fmt.Sprintf("must be Line, LineLogXY, LineLogX or LineLogY, got %q", typ))
	}
	checkText(v, "chart.label", spec.Label, 100, false)
	checkText(v, "chart.xLabel", spec.XLabel, 100, false)
	checkText(v, "chart.yLabel", spec.YLabel, 100, false)
	checkText(v, "chart.xUnit", spec.XUnit, 50, false)
	checkText(v, "chart.yUnit", spec.YUnit, 50, false)
	return &Chart{ChartType: StrOf(typ), Label: nullIfEmpty(spec.Label), XLabel: nullIfEmpty(spec.XLabel),
		XUnit: nullIfEmpty(spec.XUnit), YLabel: nullIfEmpty(spec.YLabel), YUnit: nullIfEmpty(spec.YUnit), Series: []*Series{}}
}

// AddSeries adds a data series to the step's chart. x may be nil (the
// server then uses 0, 1, 2, ...); otherwise it must be as long as y.
func (s *Step) AddSeries(name string, x, y []float64) error {
	v := &errs.ValidationError{Op: "report.AddSeries"}
	path := "chart.series"
	if s.Chart == nil {
		v.Add("chart", "required", "the step has no chart (use AddChartStep)")
		return v
	}
	path = fmt.Sprintf("%s[%d].", path, len(s.Chart.Series))
	checkText(v, path+"name", name, 100, true)
	if len(s.Chart.Series) >= maxChartSeries {
		v.Add("chart.series", fmt.Sprintf("max=%d", maxChartSeries), fmt.Sprintf("a chart holds at most %d series", maxChartSeries))
	}
	if len(y) == 0 || len(y) > maxChartPoints {
		v.Add(path+"ydata", fmt.Sprintf("range=1..%d", maxChartPoints), fmt.Sprintf("needs 1…%d points, got %d", maxChartPoints, len(y)))
	}
	if x != nil && len(x) != len(y) {
		v.Add(path+"xdata", "eqcount=ydata", fmt.Sprintf("has %d values but ydata has %d", len(x), len(y)))
	}
	for i, f := range x {
		if !finite(f) {
			v.Add(fmt.Sprintf("%sxdata[%d]", path, i), "finite", "must be a finite number")
			break
		}
	}
	for i, f := range y {
		if !finite(f) {
			v.Add(fmt.Sprintf("%sydata[%d]", path, i), "finite", "must be a finite number")
			break
		}
	}
	if err := v.OrNil(); err != nil {
		return err
	}
	ser := &Series{DataType: StrOf("XYG"), Name: StrOf(name), XData: NullStr(), YData: StrOf(joinPoints(y))}
	if x != nil {
		ser.XData = StrOf(joinPoints(x))
	}
	s.Chart.Series = append(s.Chart.Series, ser)
	return nil
}

// joinPoints writes chart data as the server does: invariant culture,
// semicolon-separated, integral values without ".0".
func joinPoints(p []float64) string {
	b := make([]byte, 0, len(p)*8)
	for i, f := range p {
		if i > 0 {
			b = append(b, ';')
		}
		b = appendDotNetFloat(b, f)
		if n := len(b); n >= 2 && b[n-2] == '.' && b[n-1] == '0' {
			b = b[:n-2]
		}
	}
	return string(b)
}

// AttachBytes attaches one file to the step (at most one per step, not
// together with a chart). contentType "" is taken from the
// file extension, else application/octet-stream.
func (s *Step) AttachBytes(name, contentType string, data []byte) error {
	v := &errs.ValidationError{Op: "report.AttachBytes"}
	if s.Attachment != nil {
		v.Add("attachment", "max=1", "the step already has an attachment")
	}
	if s.Chart != nil {
		v.Add("attachment", "excluded_with=chart", "a step cannot carry both chart and attachment")
	}
	if contentType == "" {
		contentType = sniff(name)
	}
	checkText(v, "attachment.name", name, 256, true)
	checkText(v, "attachment.contentType", contentType, 100, true)
	if err := v.OrNil(); err != nil {
		return err
	}
	s.Attachment = &Attachment{Name: StrOf(name), ContentType: StrOf(contentType), Data: StrOf(base64.StdEncoding.EncodeToString(data))}
	return nil
}

// AttachFile reads a file and attaches it under its base name.
func (s *Step) AttachFile(path, contentType string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("report.AttachFile: %w", err)
	}
	return s.AttachBytes(filepath.Base(path), contentType, data)
}

func sniff(name string) string {
	if t := mime.TypeByExtension(filepath.Ext(name)); t != "" {
		return t
	}
	return "application/octet-stream"
}

// AddAdditionalResult adds a named property tree to the step.
func (s *Step) AddAdditionalResult(name string, props ...*Property) error {
	a, err := newAdditional("report.AddAdditionalResult", fmt.Sprintf("additionalResults[%d]", len(s.AdditionalResults)), name, props)
	if err != nil {
		return err
	}
	s.AdditionalResults = append(s.AdditionalResults, a)
	return nil
}

// FailedSteps returns the failing leaf steps of a UUT in pre-order (steps
// with status F, E or T none of whose children fail): the steps a repair's
// failures usually reference.
func (r *Report) FailedSteps() []*Step {
	var out []*Step
	if r.Root == nil {
		return nil
	}
	r.Root.Walk(func(s *Step) bool {
		if failing(s.Status.Value()) {
			for _, c := range s.Steps {
				if c != nil && failing(c.Status.Value()) {
					return true
				}
			}
			out = append(out, s)
		}
		return true
	})
	return out
}
