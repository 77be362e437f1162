package takaya

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

// Parameter names (Source.Params), as the WATS client's Takaya converters
// call them.
const (
	// ParamGroupByComponentType set to "true" puts the steps in one sequence
	// per component type ("C", "R", "POWER_SHORTS"). Default false for ATD,
	// true for ATDX and APT94xx.
	ParamGroupByComponentType = "GroupByComponentType"
	// ParamUnitCalcPreference says which side is rescaled when the measured
	// and reference units differ: "Measures" (default; the value keeps its
	// unit, the limits are converted) or "Limits".
	ParamUnitCalcPreference = "UnitCalcPreference"
	// ParamOperationTypeCode is the test operation (default 30). A file name
	// containing "_debug" uses 10 (ATD).
	ParamOperationTypeCode = "operationTypeCode"
	// ParamOperationTypeCodeTop and ParamOperationTypeCodeBottom are the
	// APT94xx operations of a top- or bottom-side program (30, 31).
	ParamOperationTypeCodeTop    = "operationTypeCodeTop"
	ParamOperationTypeCodeBottom = "operationTypeCodeBottom"
	// ParamStationName is the station when the file names no tester
	// (default Source.Defaults.Station.Name).
	ParamStationName = "stationName"
	// ParamStationNameFromOperator set to "true" makes the APT94xx first
	// operator field the station and the second the operator.
	ParamStationNameFromOperator = "stationNameFromOperator"
	// ParamOperator is the operator when the file names none (default
	// Source.Defaults.Operator, else "sysoper").
	ParamOperator = "operator"
	// ParamSequenceName and ParamSequenceVersion fill the root sequence when
	// the file does not (defaults "SeqName", "0.0.0").
	ParamSequenceName    = "sequenceName"
	ParamSequenceVersion = "sequenceVersion"
)

// Format is one of the Takaya output layouts.
type Format int

const (
	// ATD is the classic tab-delimited ATD of the APT series.
	ATD Format = iota
	// ATDX is the semicolon-separated ATDX of the APT-1400F and newer.
	ATDX
	// APT94xx is the quoted-field ATD of the APT-9400 series.
	APT94xx
)

// Converter converts one Takaya layout. Values are stateless and safe for
// concurrent use.
type Converter struct{ format Format }

// NewATD returns the converter for classic ATD files.
func NewATD() *Converter { return &Converter{format: ATD} }

// NewATDX returns the converter for ATDX files.
func NewATDX() *Converter { return &Converter{format: ATDX} }

// NewAPT94xx returns the converter for APT-9400 ATD files.
func NewAPT94xx() *Converter { return &Converter{format: APT94xx} }

// Converters returns the three Takaya converters.
func Converters() []convert.Converter {
	return []convert.Converter{NewATD(), NewATDX(), NewAPT94xx()}
}

var _ convert.Converter = (*Converter)(nil)

// Name returns "takaya-atd", "takaya-atdx" or "takaya-apt94xx".
func (c *Converter) Name() string {
	switch c.format {
	case ATDX:
		return "takaya-atdx"
	case APT94xx:
		return "takaya-apt94xx"
	}
	return "takaya-atd"
}

// Patterns returns the file extensions of the layout.
func (c *Converter) Patterns() []string {
	if c.format == ATDX {
		return []string{"*.atdx", "*.ATDX"}
	}
	return []string{"*.ATD", "*.atd"}
}

var (
	atdxMark     = []byte(`#############"Main header"`)
	atdColumnRow = []byte("\nGroup_No.\t")
)

// Sniff is Certain for an ATDX main-header line (ATDX) and, for the two ATD
// layouts, Likely for an "@" header with Model: and DATE lines followed by
// the layout's step rows (tab columns or quoted fields); Maybe when the head
// ends before the first row.
func (c *Converter) Sniff(head []byte) convert.Confidence {
	if len(head) > convert.SniffSize {
		head = head[:convert.SniffSize]
	}
	head = bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	if c.format == ATDX {
		if bytes.HasPrefix(bytes.TrimLeft(head, " \r\n"), atdxMark) {
			return convert.Certain
		}
		return convert.No
	}
	trim := bytes.TrimLeft(head, " \r\n")
	if !bytes.HasPrefix(trim, []byte("@")) || !bytes.Contains(head, []byte("\nModel:")) || !bytes.Contains(head, []byte("\nDATE ")) {
		return convert.No
	}
	tabs := bytes.Contains(head, atdColumnRow) || bytes.Contains(head, []byte("\nStep_number\t"))
	quoted := hasQuotedRow(head)
	switch {
	case c.format == ATD && tabs, c.format == APT94xx && quoted && !tabs:
		return convert.Likely
	case !tabs && !quoted:
		return convert.Maybe
	}
	return convert.No
}

// hasQuotedRow reports whether a line starts with six digits, a space and a
// quote, the APT94xx step row.
func hasQuotedRow(b []byte) bool {
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		line := b
		if i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		if len(line) >= 8 && line[6] == ' ' && line[7] == '"' && allDigits(line[:6]) {
			return true
		}
	}
	return false
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return len(b) > 0
}

// Convert reads one file and returns one report per board (ATD), per
// attempt (ATDX) or per @-block (APT94xx). Bad input is a
// *convert.MalformedError naming the line; no partial result is returned.
func (c *Converter) Convert(ctx context.Context, src *convert.Source) ([]*report.Report, error) {
	name := c.Name()
	if src == nil || src.Reader == nil {
		return nil, &convert.MalformedError{Converter: name, Msg: "no input"}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	o, err := c.options(ctx, src)
	if err != nil {
		return nil, err
	}
	text, err := readText(src, name)
	if err != nil {
		return nil, err
	}
	var boards []*board
	switch c.format {
	case ATDX:
		boards, err = parseATDX(ctx, name, src, o, text)
	case APT94xx:
		boards, err = parseAPT(ctx, name, src, o, text)
	default:
		boards, err = parseATD(ctx, name, src, o, text)
	}
	if err != nil {
		return nil, err
	}
	if len(boards) == 0 {
		return nil, &convert.MalformedError{Converter: name, File: src.Name, Msg: "no board in the file"}
	}
	out := make([]*report.Report, 0, len(boards))
	for _, b := range boards {
		r, err := build(ctx, name, src, o, b)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

func (c *Converter) options(ctx context.Context, src *convert.Source) (*options, error) {
	d := src.Defaults
	p := src.Params
	o := &options{
		groupByType: strings.EqualFold(p.Get(ParamGroupByComponentType, strconv.FormatBool(c.format != ATD)), "true"),
		unitPref:    p.Get(ParamUnitCalcPreference, "Measures"),
		station:     d.Station,
		operator:    p.Get(ParamOperator, firstNonEmpty(d.Operator, "sysoper")),
		opFromStatn: strings.EqualFold(p.Get(ParamStationNameFromOperator, "false"), "true"),
		seqName:     p.Get(ParamSequenceName, firstNonEmpty(d.SequenceName, "SeqName")),
		seqVersion:  p.Get(ParamSequenceVersion, firstNonEmpty(d.SequenceVersion, "0.0.0")),
		defaults:    d,
	}
	if s := p.Get(ParamStationName, ""); s != "" {
		o.station.Name = s
	}
	def := 30
	if d.ProcessCode != 0 {
		def = d.ProcessCode
	}
	var err error
	if o.processCode, err = c.code(ctx, src, ParamOperationTypeCode, def); err != nil {
		return nil, err
	}
	if c.format == ATD && strings.Contains(strings.ToLower(src.Name), "_debug") && p.Get(ParamOperationTypeCode, "") == "" {
		o.processCode = 10
	}
	if o.processTop, err = c.code(ctx, src, ParamOperationTypeCodeTop, 30); err != nil {
		return nil, err
	}
	if o.processBot, err = c.code(ctx, src, ParamOperationTypeCodeBottom, 31); err != nil {
		return nil, err
	}
	return o, nil
}

// code resolves an operation parameter: a number, or a process name.
func (c *Converter) code(ctx context.Context, src *convert.Source, param string, def int) (int, error) {
	v := strings.TrimSpace(src.Params.Get(param, ""))
	if v == "" {
		return def, nil
	}
	if n, err := strconv.Atoi(v); err == nil {
		return n, nil
	}
	if src.Processes != nil {
		if n, err := src.Processes.TestOperationCode(ctx, v); err == nil {
			return n, nil
		}
	}
	return 0, fmt.Errorf("%s: parameter %s: process %q: %w", c.Name(), param, v, convert.ErrUnknownProcess)
}
