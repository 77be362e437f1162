package wstf

import (
	"strings"

	"github.com/watsgo/sdk/report"
)

// maxPoints is the most values a series may hold.
const maxPoints = 10000

// chartTypes are the accepted chart types by upper-case spelling.
var chartTypes = map[string]string{
	"LINE": report.ChartLine, "LINELOGXY": "LineLogXY", "LINELOGX": "LineLogX", "LINELOGY": "LineLogY",
}

// chart handles "Chart<TAB>type<TAB>label<TAB>yUnit<TAB>yLabel<TAB>xUnit<TAB>xLabel"
// (Y before X): the current numeric step becomes a chart step.
func (u *uut) chart(c *cells) error {
	p := u.p
	if u.cur == nil || u.cur.kind != kindNumeric {
		return p.failf("Chart without a NumericLimitTest step to attach it to")
	}
	st := u.cur.st
	if st.Chart != nil {
		return p.failf("a second Chart on step %q", st.Name.Value())
	}
	typ, ok := chartTypes[strings.ToUpper(c.get(1))]
	if !ok {
		return p.failf("chart type %q is not Line, LineLogXY, LineLogX or LineLogY", c.get(1))
	}
	opt := func(s string, max int, what string) report.Str {
		if s == "" {
			return report.NullStr()
		}
		return report.StrOf(u.clip(s, max, what))
	}
	st.Chart = &report.Chart{
		ChartType: report.StrOf(typ),
		Label:     opt(c.get(2), 100, "chart label"),
		YUnit:     opt(c.get(3), 50, "chart y unit"),
		YLabel:    opt(c.get(4), 100, "chart y label"),
		XUnit:     opt(c.get(5), 50, "chart x unit"),
		XLabel:    opt(c.get(6), 100, "chart x label"),
		Series:    []*report.Series{},
	}
	st.StepType = report.StrOf("WATS_XYGMNLT")
	return nil
}

// series handles "Series<TAB>name<TAB>XYG<TAB>ydata<TAB>xdata".
func (u *uut) series(c *cells) error {
	p := u.p
	if u.cur == nil || u.cur.st.Chart == nil {
		return p.failf("Series without a Chart")
	}
	if c.get(2) != "XYG" {
		return p.failf("series data type %q is not XYG", c.get(2))
	}
	y, err := u.points(c.get(3), "ydata")
	if err != nil {
		return err
	}
	if len(y) == 0 {
		return p.failf("series %q has no ydata", c.get(1))
	}
	var x []float64
	if c.get(4) != "" {
		if x, err = u.points(c.get(4), "xdata"); err != nil {
			return err
		}
		if len(x) != len(y) {
			return p.failf("series %q has %d x values and %d y values", c.get(1), len(x), len(y))
		}
	}
	if err := u.cur.st.AddSeries(u.clip(c.get(1), 100, "series name"), x, y); err != nil {
		return u.stepErr("Series", err)
	}
	return nil
}

// points reads "1.5;2;3,25" (a comma is a decimal mark).
func (u *uut) points(s, what string) ([]float64, error) {
	p := u.p
	s = strings.ReplaceAll(s, ",", ".")
	parts := strings.Split(strings.TrimSuffix(s, ";"), ";")
	if len(parts) > maxPoints {
		return nil, p.failf("%s has %d values; at most %d are allowed", what, len(parts), maxPoints)
	}
	out := make([]float64, 0, len(parts))
	for _, part := range parts {
		f, err := invariant.number(strings.TrimSpace(part))
		if err != nil || part == "" {
			return nil, p.failf("%s value %q is not a number", what, part)
		}
		out = append(out, f)
	}
	return out, nil
}

// invariant reads chart data, whose decimal mark is always '.'.
var invariant = culture{name: "", decimal: '.', thousands: ""}
