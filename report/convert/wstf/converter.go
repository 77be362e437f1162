package wstf

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

// Name is the converter's name in logs, sidecars and errors.
const Name = "wstf"

// Parameter names (Source.Params).
const (
	// ParamFileEncoding is the file's code page number: 1252 (default),
	// 28591 (ISO-8859-1), 20127 (US-ASCII) or 65001 (UTF-8).
	ParamFileEncoding = "fileEncoding"
	// ParamCultureCode names the culture of numbers (default "en-US": "."
	// decimal, "," thousands).
	ParamCultureCode = "cultureCode"
	// ParamOperationTypeCode is the test operation when the file names none:
	// a code, or a name resolved through Source.Processes (default 10).
	ParamOperationTypeCode = "operationTypeCode"
	// ParamStationName is the station name when the file has no StationName
	// (default Source.Defaults.Station.Name).
	ParamStationName = "stationName"
	// ParamOperator is the operator when the file has no OperatorName
	// (default "sysoper").
	ParamOperator = "operator"
	// ParamSequenceName is the root sequence file when the file has no
	// SoftwareName (default "SeqName").
	ParamSequenceName = "sequenceName"
	// ParamSequenceVersion is the root sequence version when the file has no
	// SoftwareVersion (default "0.0.0").
	ParamSequenceVersion = "sequenceVersion"
)

const (
	defaultOperator        = "sysoper"
	defaultProcessCode     = 10
	defaultSequenceName    = "SeqName"
	defaultSequenceVersion = "0.0.0"
)

// Converter converts WATS Standard Text Format files. The zero value is
// ready to use and safe for concurrent use.
type Converter struct{}

// New returns a WSTF converter.
func New() *Converter { return &Converter{} }

var _ convert.Converter = (*Converter)(nil)

// Name returns "wstf".
func (*Converter) Name() string { return Name }

// Patterns returns the extensions WSTF files usually have.
func (*Converter) Patterns() []string { return []string{"*.txt", "*.TXT"} }

// Sniff is Likely when the first non-blank line starts with
// "--Header-Start--", No otherwise.
func (*Converter) Sniff(head []byte) convert.Confidence {
	if len(head) > convert.SniffSize {
		head = head[:convert.SniffSize]
	}
	head = bytes.TrimPrefix(head, []byte("\xEF\xBB\xBF"))
	for len(head) > 0 {
		line := head
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if bytes.HasPrefix(line, []byte(markHeader)) {
			return convert.Likely
		}
		return convert.No
	}
	return convert.No
}

// Convert reads one WSTF file and returns one report per UUT block.
func (*Converter) Convert(ctx context.Context, src *convert.Source) ([]*report.Report, error) {
	if src == nil || src.Reader == nil {
		return nil, &convert.MalformedError{Converter: Name, Msg: "no input"}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	opt, err := optionsFor(ctx, src)
	if err != nil {
		return nil, err
	}
	raw, err := readAll(src)
	if err != nil {
		return nil, err
	}
	text, err := opt.decode(raw)
	if err != nil {
		return nil, &convert.MalformedError{Converter: Name, File: src.Name, Msg: "decode", Err: err}
	}
	p := &parser{ctx: ctx, src: src, opt: opt}
	return p.run(text)
}

func readAll(src *convert.Source) ([]byte, error) {
	n := src.Size
	if n < 0 || n > 1<<30 {
		n = 0
	}
	buf := bytes.NewBuffer(make([]byte, 0, n+512))
	if _, err := buf.ReadFrom(src.Reader); err != nil && err != io.EOF {
		return nil, fmt.Errorf("wstf: %s: read: %w", src.Name, err)
	}
	return buf.Bytes(), nil
}

// options are the resolved parameters of one conversion.
type options struct {
	codePage     int
	culture      culture
	processCode  int
	processName  string // from the parameter, resolved lazily
	station      report.Station
	operator     string
	seqName      string
	seqVersion   string
	partNumber   string
	revision     string
	serialNumber string
}

func optionsFor(ctx context.Context, src *convert.Source) (*options, error) {
	d := src.Defaults
	o := &options{
		station:      d.Station,
		operator:     src.Params.Get(ParamOperator, or(d.Operator, defaultOperator)),
		seqName:      src.Params.Get(ParamSequenceName, or(d.SequenceName, defaultSequenceName)),
		seqVersion:   src.Params.Get(ParamSequenceVersion, or(d.SequenceVersion, defaultSequenceVersion)),
		partNumber:   d.PartNumber,
		revision:     d.Revision,
		serialNumber: d.SerialNumber,
	}
	if n := src.Params.Get(ParamStationName, ""); n != "" {
		o.station.Name = n
	}
	cp := strings.TrimSpace(src.Params.Get(ParamFileEncoding, "1252"))
	n, err := strconv.Atoi(cp)
	if err != nil || !supportedCodePage(n) {
		return nil, fmt.Errorf("wstf: parameter %s: code page %q is not supported (1252, 28591, 20127, 65001)", ParamFileEncoding, cp)
	}
	o.codePage = n
	if o.culture, err = cultureOf(src.Params.Get(ParamCultureCode, "en-US")); err != nil {
		return nil, err
	}
	code := strings.TrimSpace(src.Params.Get(ParamOperationTypeCode, ""))
	switch {
	case code == "":
		o.processCode = defaultProcessCode
		if d.ProcessCode != 0 {
			o.processCode = d.ProcessCode
		}
	default:
		if n, err := strconv.Atoi(code); err == nil {
			o.processCode = n
		} else {
			o.processName = code
		}
	}
	return o, nil
}

func or(s, def string) string {
	if s != "" {
		return s
	}
	return def
}
