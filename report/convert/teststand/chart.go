package teststand

import (
	"strconv"
	"strings"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// chartStep converts a result carrying WATS_Chart_Data (Chart.Plots[]) into
// a chart step; its numeric measurements (Measurement[] Data items or a
// single Numeric) are added beside the series.
func (c *conv) chartStep(parent *report.Step, res, ch *node, name, status string, opts []report.StepOption) (*report.Step, error) {
	typ := ch.str("ChartType")
	switch strings.ToUpper(typ) {
	case "LINE", "LINELOGX", "LINELOGY", "LINELOGXY":
	default:
		if typ != "" {
			c.src.Warnf(sprintf("%s: chart type %q is drawn as Line", ch.path(), typ))
		}
		typ = "Line"
	}
	spec := report.ChartSpec{Type: typ, Label: trunc(ch.str("ChartLabel"), 100), XLabel: trunc(ch.str("Xlabel"), 100),
		XUnit: trunc(ch.str("Xunit"), 50), YLabel: trunc(ch.str("Ylabel"), 100), YUnit: trunc(ch.str("Yunit"), 50)}
	st, err := parent.AddChartStep(name, spec, opts...)
	if err != nil {
		return nil, c.failf(ch, "chart: %v", err)
	}
	for i, plot := range ch.prop("Plots").items() {
		x, y, err := c.plotData(plot.prop("PlotData"))
		if err != nil {
			return nil, err
		}
		if len(y) == 0 {
			continue
		}
		pname := trunc(firstNonEmpty(plot.str("PlotName"), "Plot "+strconv.Itoa(i+1)), 100)
		if err := st.AddSeries(pname, x, y); err != nil {
			c.src.Warnf(sprintf("%s: plot dropped: %v", plot.path(), err))
		}
	}
	if m := res.prop("Measurement"); m != nil {
		for i, it := range m.items() {
			if it.prop("Data") == nil {
				continue
			}
			value, err := parseNumber(it.str("Data"))
			if err != nil {
				return nil, c.failf(it.prop("Data"), "Data %q is not a number", it.str("Data"))
			}
			lim, err := c.limits(it)
			if err != nil {
				return nil, err
			}
			mname := trunc(firstNonEmpty(it.name, "Measurement "+strconv.Itoa(i)), 100)
			meas, err := convkit.NumericMeasurement(st, mname, value, trunc(it.str("Units"), 50), lim)
			if err != nil {
				return nil, c.failf(it, "measurement: %v", err)
			}
			meas.Status = report.StrOf(measStatus(it.str("Status")))
		}
	} else if n := res.prop("Numeric"); n != nil {
		v, _ := n.value()
		value, err := parseNumber(v)
		if err != nil {
			return nil, c.failf(n, "Numeric %q is not a number", v)
		}
		lim, err := c.limits(res)
		if err != nil {
			return nil, err
		}
		meas, err := convkit.NumericMeasurement(st, name, value, trunc(res.str("Units"), 50), lim)
		if err != nil {
			return nil, c.failf(n, "measurement: %v", err)
		}
		meas.Status = report.StrOf(measStatus(res.str("Status")))
	}
	st.SetStatus(status)
	return st, nil
}

func measStatus(s string) string {
	if strings.EqualFold(strings.TrimSpace(s), "Passed") {
		return report.StatusPassed
	}
	return report.StatusFailed
}

// plotData reads a 2-D PlotData array: two rows (or two columns) are x and
// y; a single row is y over its index.
func (c *conv) plotData(p *node) (x, y []float64, err error) {
	if p == nil {
		return nil, nil, nil
	}
	type cell struct {
		i, j int
		v    float64
	}
	var cells []cell
	rows, cols := 0, 0
	for _, k := range p.kids {
		if k.tag != "Value" {
			continue
		}
		i, j, ok := index2(k.id)
		if !ok {
			return nil, nil, c.failf(k, "PlotData item %q has no [i][j] index", k.id)
		}
		v, perr := parseNumber(strings.TrimSpace(k.text))
		if perr != nil {
			return nil, nil, c.failf(k, "PlotData value %q is not a number", strings.TrimSpace(k.text))
		}
		cells = append(cells, cell{i, j, v})
		rows, cols = max(rows, i+1), max(cols, j+1)
	}
	if len(cells) == 0 || rows*cols > 4*10000 {
		if len(cells) > 0 {
			c.src.Warnf(sprintf("%s: %d×%d plot data is too large for a chart", p.path(), rows, cols))
		}
		return nil, nil, nil
	}
	grid := make([][]float64, rows)
	for i := range grid {
		grid[i] = make([]float64, cols)
	}
	for _, k := range cells {
		grid[k.i][k.j] = k.v
	}
	switch {
	case rows == 1:
		return nil, grid[0], nil
	case rows == 2:
		return grid[0], grid[1], nil
	case cols == 2:
		x, y = make([]float64, rows), make([]float64, rows)
		for i := range grid {
			x[i], y[i] = grid[i][0], grid[i][1]
		}
		return x, y, nil
	}
	return nil, grid[0], nil
}

// index2 reads "[i][j]".
func index2(id string) (int, int, bool) {
	if !strings.HasPrefix(id, "[") || !strings.HasSuffix(id, "]") {
		return 0, 0, false
	}
	a, b, ok := strings.Cut(id[1:len(id)-1], "][")
	if !ok {
		return 0, 0, false
	}
	i, err1 := strconv.Atoi(a)
	j, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || i < 0 || j < 0 || i > 1<<20 || j > 1<<20 {
		return 0, 0, false
	}
	return i, j, true
}
