package atml

import (
	"context"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/xmlsniff"
)

// Name is the converter's name in logs, sidecars and errors.
const Name = "atml"

// Parameter names (Source.Params) and their defaults.
const (
	// ParamOperator is the operator used when the file names no
	// SystemOperator (default "oper").
	ParamOperator = "operator"
	// ParamPartNumber is the part number used when the UUT has no
	// identification number (default "NA").
	ParamPartNumber = "partNumber"
	// ParamPartRevision is the revision of every report; ATML carries none
	// (default "10").
	ParamPartRevision = "partRevision"
	// ParamOperationTypeCode is the test operation: a code, or a name resolved
	// through Source.Processes (default 10).
	ParamOperationTypeCode = "operationTypeCode"
	// ParamSequenceVersion is the root sequence's version (default "0.0.0").
	ParamSequenceVersion = "sequenceVersion"
	// ParamKeepUnknownTests = "true" adds Test elements of unhandled step
	// types as generic steps instead of dropping them (default "false").
	ParamKeepUnknownTests = "keepUnknownTests"
	// ParamStrict = "true" refuses a file with an element that has an
	// Extension but no TSStepProperties, as Virinco's converter does
	// (default "false": such elements are skipped).
	ParamStrict = "strict"
)

// Spec defaults, used when neither Params nor Source.Defaults say otherwise.
const (
	defaultOperator        = "oper"
	defaultPartNumber      = "NA"
	defaultRevision        = "10"
	defaultProcessCode     = 10
	defaultSequenceVersion = "0.0.0"
	defaultSerialNumber    = "NA"
)

// Converter converts ATML TestResults written by NI TestStand (2.02, 5.00,
// 6.01). The zero value is ready to use and safe for concurrent use.
type Converter struct{}

// New returns an ATML converter.
func New() *Converter { return &Converter{} }

var _ convert.Converter = (*Converter)(nil)

// Name returns "atml".
func (*Converter) Name() string { return Name }

// Patterns returns the extensions TestStand writes ("*.xml", "*.XML").
func (*Converter) Patterns() []string { return []string{"*.xml", "*.XML"} }

// Sniff is Certain when the root element and namespace are one of the three
// ATML flavours, No otherwise.
func (*Converter) Sniff(head []byte) convert.Confidence {
	if len(head) > convert.SniffSize {
		head = head[:convert.SniffSize]
	}
	root, ok := xmlsniff.Find(head)
	if ok && versionOf(xml.Name{Space: root.Space, Local: root.Local}) != nil {
		return convert.Certain
	}
	return convert.No
}

// Convert reads one ATML file and returns one report per TestResults
// element, in file order.
func (*Converter) Convert(ctx context.Context, src *convert.Source) ([]*report.Report, error) {
	if src == nil || src.Reader == nil {
		return nil, &convert.MalformedError{Converter: Name, Msg: "no input"}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	opts, err := optionsFor(ctx, src)
	if err != nil {
		return nil, err
	}
	p := &parser{ctx: ctx, src: src, opt: opts, c: newCursor(src.Reader, src.Name)}
	return p.run()
}

// options are the resolved parameters of one conversion.
type options struct {
	operator, partNumber, revision, seqVersion, serial string
	processCode                                        int
	keepUnknown, strict                                bool
	station                                            report.Station
}

func optionsFor(ctx context.Context, src *convert.Source) (*options, error) {
	d := src.Defaults
	o := &options{
		operator:   src.Params.Get(ParamOperator, or(d.Operator, defaultOperator)),
		partNumber: src.Params.Get(ParamPartNumber, or(d.PartNumber, defaultPartNumber)),
		revision:   src.Params.Get(ParamPartRevision, or(d.Revision, defaultRevision)),
		seqVersion: src.Params.Get(ParamSequenceVersion, or(d.SequenceVersion, defaultSequenceVersion)),
		serial:     or(d.SerialNumber, defaultSerialNumber),
		station:    d.Station,
	}
	var err error
	if o.keepUnknown, err = boolParam(src.Params, ParamKeepUnknownTests); err != nil {
		return nil, err
	}
	if o.strict, err = boolParam(src.Params, ParamStrict); err != nil {
		return nil, err
	}
	code := src.Params.Get(ParamOperationTypeCode, "")
	switch {
	case code == "":
		o.processCode = defaultProcessCode
		if d.ProcessCode != 0 {
			o.processCode = d.ProcessCode
		}
	default:
		if n, err := strconv.Atoi(strings.TrimSpace(code)); err == nil {
			o.processCode = n
			break
		}
		if src.Processes == nil {
			return nil, fmt.Errorf("%w: %q (parameter %s; no process resolver configured)", convert.ErrUnknownProcess, code, ParamOperationTypeCode)
		}
		n, err := src.Processes.TestOperationCode(ctx, code)
		if err != nil {
			return nil, fmt.Errorf("%w: %q: %w", convert.ErrUnknownProcess, code, err)
		}
		o.processCode = n
	}
	return o, nil
}

func boolParam(p convert.Params, name string) (bool, error) {
	v := p.Get(name, "false")
	b, err := strconv.ParseBool(strings.TrimSpace(v))
	if err != nil {
		return false, fmt.Errorf("atml: parameter %s: %q is not true or false", name, v)
	}
	return b, nil
}

func or(s, def string) string {
	if s != "" {
		return s
	}
	return def
}
