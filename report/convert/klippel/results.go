package klippel

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// resultFile is one tab-separated result table of the companion folder.
type resultFile struct {
	src      *convert.Source
	file     string
	verdicts map[string]string
}

func (rf *resultFile) fail(line int, msg string, err error) error {
	return &convert.MalformedError{Converter: Name, File: rf.file, Line: line, Msg: msg, Err: err}
}

// number reads a value; "-" and "" are no value (NaN, ok).
func number(s string) (float64, bool, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "-" {
		return math.NaN(), false, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil && strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		f, err = strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	}
	if err != nil {
		return 0, false, err
	}
	return f, true, nil
}

type row struct {
	line  int
	cells []string
}

func (rf *resultFile) add(seq *report.Step, data []byte) error {
	text := strings.TrimPrefix(string(data), "\uFEFF")
	var rows []row
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.TrimSpace(l) == "" {
			continue
		}
		rows = append(rows, row{i + 1, strings.Split(l, "\t")})
	}
	if len(rows) == 0 {
		rf.src.Warnf(fmt.Sprintf("%s: empty result file", rf.file))
		return nil
	}
	head := rows[0].cells
	for i := range head {
		head[i] = strings.TrimSpace(head[i])
	}
	if len(head) < 2 {
		return rf.fail(rows[0].line, "header row has fewer than two columns", nil)
	}
	col := map[string]int{}
	for i, h := range head {
		if _, dup := col[strings.ToLower(h)]; !dup {
			col[strings.ToLower(h)] = i
		}
	}
	if strings.EqualFold(head[0], "name") {
		return rf.singles(seq, rows, col)
	}
	return rf.curve(seq, rows, head, col)
}

func cell(r row, i int) string {
	if i >= 0 && i < len(r.cells) {
		return r.cells[i]
	}
	return ""
}

func index(col map[string]int, name string) int {
	if i, ok := col[name]; ok {
		return i
	}
	return -1
}

// limitsOf builds the comparison from the limits a row states.
func limitsOf(lo, hi float64, hasLo, hasHi bool) convkit.Limits {
	switch {
	case hasLo && hasHi:
		return convkit.Limits{Op: report.GELE, Low: lo, High: hi}
	case hasHi:
		return convkit.Limits{Op: report.LE, Low: hi}
	case hasLo:
		return convkit.Limits{Op: report.GE, Low: lo}
	}
	return convkit.Limits{Op: report.LOG}
}

// singles adds one numeric step per row of a "name value max min" table.
func (rf *resultFile) singles(seq *report.Step, rows []row, col map[string]int) error {
	vi, hi, li := index(col, "value"), index(col, "max"), index(col, "min")
	if vi < 0 {
		return rf.fail(rows[0].line, "single-value table has no value column", nil)
	}
	for _, r := range rows[1:] {
		name := strings.TrimSpace(cell(r, 0))
		v, hasV, err := number(cell(r, vi))
		if err != nil {
			return rf.fail(r.line, fmt.Sprintf("value %q is not a number", cell(r, vi)), err)
		}
		h, hasH, err := number(cell(r, hi))
		if err != nil {
			return rf.fail(r.line, fmt.Sprintf("max %q is not a number", cell(r, hi)), err)
		}
		l, hasL, err := number(cell(r, li))
		if err != nil {
			return rf.fail(r.line, fmt.Sprintf("min %q is not a number", cell(r, li)), err)
		}
		var opts []report.StepOption
		if st, ok := rf.verdicts[name]; ok {
			opts = append(opts, report.StepStatus(st))
		} else if !hasV {
			opts = append(opts, report.StepStatus(report.StatusDone)) // no value, no verdict
		}
		if st, ok := rf.verdicts[name]; ok && st == report.StatusSkipped {
			_, err = seq.AddActionStep(convkit.Name(rf.src, name, "value"), opts...)
		} else {
			_, err = convkit.NumericStep(seq, convkit.Name(rf.src, name, "value"), v, "", limitsOf(l, h, hasL, hasH), opts...)
		}
		if err != nil {
			return rf.fail(r.line, "step refused", err)
		}
	}
	return nil
}

// curve adds a chart step for a "frq <curve> max [min]" table: the curve
// and its limits as series, the count of points outside the limits
// (OutOfBounds, LT 1) and the curve's average, minimum and maximum.
func (rf *resultFile) curve(seq *report.Step, rows []row, head []string, col map[string]int) error {
	name := head[1]
	hi, li := index(col, "max"), index(col, "min")
	var x, y, xh, yh, xl, yl []float64
	out := 0
	sum, n := 0.0, 0
	mn, mx := math.Inf(1), math.Inf(-1)
	for _, r := range rows[1:] {
		fx, hasX, err := number(cell(r, 0))
		if err != nil || !hasX {
			return rf.fail(r.line, fmt.Sprintf("%s %q is not a number", head[0], cell(r, 0)), err)
		}
		fy, hasY, err := number(cell(r, 1))
		if err != nil {
			return rf.fail(r.line, fmt.Sprintf("%s %q is not a number", name, cell(r, 1)), err)
		}
		fh, hasH, err := number(cell(r, hi))
		if err != nil {
			return rf.fail(r.line, fmt.Sprintf("max %q is not a number", cell(r, hi)), err)
		}
		fl, hasL, err := number(cell(r, li))
		if err != nil {
			return rf.fail(r.line, fmt.Sprintf("min %q is not a number", cell(r, li)), err)
		}
		if hasY {
			x, y = append(x, fx), append(y, fy)
			sum, n = sum+fy, n+1
			mn, mx = math.Min(mn, fy), math.Max(mx, fy)
			if hasH && fy > fh || hasL && fy < fl {
				out++
			}
		}
		if hasH {
			xh, yh = append(xh, fx), append(yh, fh)
		}
		if hasL {
			xl, yl = append(xl, fx), append(yl, fl)
		}
	}
	var opts []report.StepOption
	if st, ok := rf.verdicts[name]; ok {
		opts = append(opts, report.StepStatus(st))
	}
	var step *report.Step
	var err error
	if len(x)+len(xh)+len(xl) == 0 {
		// No point at all: WATS refuses a chart without series.
		rf.src.Warnf(fmt.Sprintf("%s: curve %s has no points", rf.file, name))
		step, err = seq.AddMultiNumericStep(convkit.Name(rf.src, name, "curve"), opts...)
	} else {
		step, err = seq.AddChartStep(convkit.Name(rf.src, name, "curve"), report.ChartSpec{
			Type: "LineLogX", Label: name, XLabel: "Frequency", XUnit: "Hz", YLabel: name}, opts...)
	}
	if err != nil {
		return rf.fail(rows[0].line, "chart step refused", err)
	}
	for _, s := range []struct {
		name string
		x, y []float64
	}{{name, x, y}, {"max", xh, yh}, {"min", xl, yl}} {
		if len(s.x) == 0 {
			continue
		}
		if len(s.x) > 10000 {
			rf.src.Warnf(fmt.Sprintf("%s: series %s cut to 10000 points", rf.file, s.name))
			s.x, s.y = s.x[:10000], s.y[:10000]
		}
		if err := step.AddSeries(s.name, s.x, s.y); err != nil {
			return rf.fail(rows[0].line, "series refused", err)
		}
	}
	// The count decides the step (LT 1) unless the tester's verdict says
	// otherwise; a pass with points outside the logged limits keeps the
	// count as information.
	bound := convkit.Limits{Op: report.LT, Low: 1}
	if st, ok := rf.verdicts[name]; ok && st != report.StatusFailed && out > 0 {
		rf.src.Warnf(fmt.Sprintf("%s: %d points outside the limits, but the tester passed %s", rf.file, out, name))
		bound = convkit.Limits{Op: report.LOG}
	}
	if _, err := convkit.NumericMeasurement(step, "OutOfBounds", float64(out), "#", bound); err != nil {
		return rf.fail(rows[0].line, "measurement refused", err)
	}
	if n > 0 {
		for _, s := range []struct {
			name string
			v    float64
		}{{"avg", sum / float64(n)}, {"min", mn}, {"max", mx}} {
			if _, err := convkit.NumericMeasurement(step, s.name, s.v, "", convkit.Limits{Op: report.LOG}); err != nil {
				return rf.fail(rows[0].line, "measurement refused", err)
			}
		}
	}
	return nil
}
