package wsxf

import (
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

// Chart limits WATS is known to enforce; beyond them the converter warns.
const (
	maxSeries = 10
	maxPoints = 10000
)

// chartTypes are the chart types WSJF accepts.
var chartTypes = map[string]bool{"Line": true, "LineLogXY": true, "LineLogX": true, "LineLogY": true}

// extras maps chart, attachment and additional results.
func (c *conv) extras(s *report.Step, se *elem, p *stepParts) error {
	for _, k := range p.additional {
		s.AdditionalResults = append(s.AdditionalResults, additional(k))
	}
	if c.wrml {
		if err := c.wrmlChart(s, se, p.charts); err != nil {
			return err
		}
	} else {
		if len(p.charts) > 1 {
			return c.fail(p.charts[1], "more than one Chart")
		}
		if len(p.charts) == 1 {
			if err := c.wsxfChart(s, p.charts[0]); err != nil {
				return err
			}
		}
	}
	if len(p.attachments) > 1 {
		return c.fail(p.attachments[1], "more than one Attachment")
	}
	if len(p.attachments) == 1 {
		if err := c.attachment(s, p.attachments[0]); err != nil {
			return err
		}
	}
	if s.Chart != nil && s.Attachment != nil {
		return c.fail(se, "Step has both a chart and an attachment")
	}
	return nil
}

// chartHeader maps the chart attributes shared by WSXF and WRML.
func (c *conv) chartHeader(k *elem) (*report.Chart, error) {
	ct := orDefault(trimmed(k, "ChartType"), "Line")
	if !chartTypes[ct] {
		return nil, c.failAttr(k, "ChartType", "chart type %q is not Line, LineLogXY, LineLogX or LineLogY", ct)
	}
	label := func(name string) report.Str {
		if v := trimmed(k, name); v != "" {
			return report.StrOf(v)
		}
		return report.NullStr()
	}
	return &report.Chart{ChartType: report.StrOf(ct), Label: label("Label"), XLabel: label("XLabel"), XUnit: label("XUnit"),
		YLabel: label("YLabel"), YUnit: label("YUnit")}, nil
}

// wsxfChart maps a <Chart> with <Series> children.
func (c *conv) wsxfChart(s *report.Step, k *elem) error {
	ch, err := c.chartHeader(k)
	if err != nil {
		return err
	}
	for _, se := range k.kids {
		if se.name != "Series" {
			continue
		}
		ser := &report.Series{Name: report.StrOf(trimmed(se, "Name")), DataType: report.StrOf(orDefault(trimmed(se, "DataType"), "XYG")), XData: report.NullStr()}
		y := se.child("ydata")
		if y == nil || strings.TrimSpace(string(y.text)) == "" {
			return c.fail(se, "series without ydata")
		}
		ny, err := c.countNumbers(y)
		if err != nil {
			return err
		}
		ser.YData = report.StrOf(strings.TrimSpace(string(y.text)))
		if x := se.child("xdata"); x != nil && strings.TrimSpace(string(x.text)) != "" {
			nx, err := c.countNumbers(x)
			if err != nil {
				return err
			}
			if nx != ny {
				return c.fail(se, "xdata has %d values, ydata %d", nx, ny)
			}
			ser.XData = report.StrOf(strings.TrimSpace(string(x.text)))
		}
		if ny > maxPoints {
			c.warn(se, "%d points (WATS keeps at most %d)", ny, maxPoints)
		}
		ch.Series = append(ch.Series, ser)
	}
	c.finishChart(s, k, ch)
	return nil
}

func (c *conv) finishChart(s *report.Step, k *elem, ch *report.Chart) {
	if len(ch.Series) > maxSeries {
		c.warn(k, "%d series (WATS keeps at most %d)", len(ch.Series), maxSeries)
	}
	s.Chart = ch
	s.StepType = report.StrOf("WATS_XYGMNLT")
}

// countNumbers checks that a data element holds ';'-separated numbers.
func (c *conv) countNumbers(e *elem) (int, error) {
	n := 0
	for _, f := range strings.Split(strings.TrimSpace(string(e.text)), ";") {
		if _, err := parseNumber(strings.TrimSpace(f)); err != nil {
			return 0, c.fail(e, "%q is not a number", f)
		}
		n++
	}
	return n, nil
}

// wrmlChart maps WRML chart rows: idx 0 is the header, idx ≥ 1 the series with
// base64 little-endian float64 x,y pairs; a header of type ATTACHMENT makes the rows
// an attachment instead.
func (c *conv) wrmlChart(s *report.Step, se *elem, rows []*elem) error {
	if len(rows) == 0 {
		return nil
	}
	var head *elem
	var series []*elem
	for _, r := range rows {
		idx, err := c.int32(r, "idx")
		if err != nil {
			return err
		}
		if idx.Int64() == 0 {
			if head != nil {
				return c.fail(r, "more than one chart header (idx 0)")
			}
			head = r
		} else {
			series = append(series, r)
		}
	}
	if head == nil {
		return c.fail(rows[0], "chart rows without a header (idx 0)")
	}
	if strings.EqualFold(trimmed(head, "ChartType"), "ATTACHMENT") {
		if len(series) != 1 {
			return c.fail(head, "an attachment needs exactly one data row, found %d", len(series))
		}
		data, _, err := c.base64Text(series[0], dataText(series[0]))
		if err != nil {
			return err
		}
		name := trimmed(head, "Label")
		if name == "" {
			return c.failAttr(head, "Label", "attachment without a file name")
		}
		c.setAttachment(s, name, orDefault(trimmed(series[0], "PlotName"), "application/octet-stream"), data)
		return nil
	}
	ch, err := c.chartHeader(head)
	if err != nil {
		return err
	}
	for _, r := range series {
		raw, err := decodeBase64(dataText(r))
		if err != nil {
			return c.fail(r, "chart data is not base64: %v", err)
		}
		if len(raw) == 0 || len(raw)%16 != 0 {
			return c.fail(r, "chart data holds %d bytes, not x,y pairs of float64", len(raw))
		}
		var xb, yb strings.Builder
		n := len(raw) / 16
		for i := 0; i < n; i++ {
			if i > 0 {
				xb.WriteByte(';')
				yb.WriteByte(';')
			}
			xb.WriteString(seriesNumber(math.Float64frombits(binary.LittleEndian.Uint64(raw[16*i:]))))
			yb.WriteString(seriesNumber(math.Float64frombits(binary.LittleEndian.Uint64(raw[16*i+8:]))))
		}
		if n > maxPoints {
			c.warn(r, "%d points (WATS keeps at most %d)", n, maxPoints)
		}
		ch.Series = append(ch.Series, &report.Series{Name: report.StrOf(trimmed(r, "PlotName")),
			DataType: report.StrOf(orDefault(trimmed(r, "DataType"), "XYG")), XData: report.StrOf(xb.String()), YData: report.StrOf(yb.String())})
	}
	c.finishChart(s, head, ch)
	return nil
}

// dataText is the text of a row's <Data> child (or the row's own text).
func dataText(r *elem) []byte {
	if d := r.child("Data"); d != nil {
		return d.text
	}
	return r.text
}

// seriesNumber formats a chart value as the server writes series text: 15
// significant digits, integral values without a fraction.
func seriesNumber(f float64) string {
	return strings.Replace(strconv.FormatFloat(f, 'g', 15, 64), "e", "E", 1)
}

// attachment maps a WSXF <Attachment>: base64 text, or, when empty, the file named by
// Name next to the source file.
func (c *conv) attachment(s *report.Step, k *elem) error {
	name := trimmed(k, "Name")
	ct := orDefault(trimmed(k, "ContentType"), "application/octet-stream")
	if strings.TrimSpace(string(k.text)) != "" {
		data, _, err := c.base64Text(k, k.text)
		if err != nil {
			return err
		}
		if name == "" {
			return c.failAttr(k, "Name", "attachment without a name")
		}
		c.setAttachment(s, name, ct, data)
		return nil
	}
	if name == "" {
		return c.fail(k, "attachment with neither content nor a file name")
	}
	path := name
	if !filepath.IsAbs(path) {
		path = filepath.Join(filepath.Dir(c.src.Name), name)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		if c.src.Params.Get("missingAttachment", "") == "skip" && errors.Is(err, fs.ErrNotExist) {
			c.warn(k, "attachment file %s does not exist; skipped", path)
			return nil
		}
		return &convert.MalformedError{Converter: c.name, File: c.src.Name, Path: k.path(), Line: k.line,
			Msg: fmt.Sprintf("attachment file %s cannot be read", path), Err: errors.Join(convert.ErrMissingAttachment, err)}
	}
	c.setAttachment(s, filepath.Base(name), ct, base64.StdEncoding.EncodeToString(raw))
	return nil
}

// setAttachment gives s its file (data is base64) and the attachment step type.
func (c *conv) setAttachment(s *report.Step, name, contentType, data string) {
	s.Attachment = &report.Attachment{Name: report.StrOf(name), ContentType: report.StrOf(contentType), Data: report.StrOf(data)}
	s.StepType = report.StrOf("WATS_AttachFile")
}

// decodeBase64 decodes base64 text that may hold white space.
func decodeBase64(text []byte) ([]byte, error) {
	raw := make([]byte, base64.StdEncoding.DecodedLen(len(text)))
	n, err := base64.StdEncoding.Decode(raw, text) // the decoder skips \r and \n
	if err != nil {
		return nil, err
	}
	return raw[:n], nil
}
