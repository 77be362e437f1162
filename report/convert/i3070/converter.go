package i3070

import (
	"bytes"
	"context"
	"io"
	"strings"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// Name is the converter's name in logs, sidecars and errors.
const Name = "i3070"

// Parameter names (Source.Params), as Virinco's converter and its text
// converter base call them.
const (
	// ParamOperationTypeCode is the test operation: a code, or a name resolved
	// through Source.Processes (default 10).
	ParamOperationTypeCode = "operationTypeCode"
	// ParamOperator is the operator when @BATCH names none (default
	// "sysoper").
	ParamOperator = "operator"
	// ParamPartNumber is the part number when @BATCH names no UUT type
	// (default "NA").
	ParamPartNumber = "partNumber"
	// ParamPartRevision is the revision when @BATCH names no UUT type rev
	// (default "1.0").
	ParamPartRevision = "partRevision"
	// ParamSequenceName is the root sequence's name when @BATCH names no
	// testplan (default "SeqName").
	ParamSequenceName = "sequenceName"
	// ParamSequenceVersion is the root sequence's version when @BATCH names
	// no testplan rev (default "0.0.0").
	ParamSequenceVersion = "sequenceVersion"
	// ParamNumberFormatMode = "prefix" rescales each analog measurement to
	// the engineering prefix (p n µ m k M G) of its largest limit, so that a
	// test keeps one unit from board to board; any other value, and the
	// default "base", keeps the base units the tester writes.
	ParamNumberFormatMode = "numberFormatMode"
)

const (
	defaultProcessCode = 10
	defaultOperator    = "sysoper"
	defaultPartNumber  = "NA"
	defaultRevision    = "1.0"
	defaultSeqName     = "SeqName"
	defaultSeqVersion  = "0.0.0"

	maxFile = 256 << 20
)

// Converter converts Keysight i3070 log data files. The zero value is
// ready to use and safe for concurrent use.
type Converter struct{}

// New returns an i3070 converter.
func New() *Converter { return &Converter{} }

var _ convert.Converter = (*Converter)(nil)

// Name returns "i3070".
func (*Converter) Name() string { return Name }

// Patterns returns "*": the tester names log files after the board, without
// a fixed extension; Sniff decides.
func (*Converter) Patterns() []string { return []string{"*"} }

// Sniff is Certain when the file starts with a @BATCH or @BTEST record,
// Likely when it starts with another log record, No otherwise.
func (*Converter) Sniff(head []byte) convert.Confidence {
	if len(head) > convert.SniffSize {
		head = head[:convert.SniffSize]
	}
	head = bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF})
	head = bytes.TrimLeft(head, " \t\r\n")
	switch {
	case bytes.HasPrefix(head, []byte("{@BATCH|")), bytes.HasPrefix(head, []byte("{@BTEST|")):
		return convert.Certain
	case len(head) > 3 && head[0] == '{' && head[1] == '@' && head[2] >= 'A' && head[2] <= 'Z':
		j := 2
		for j < len(head) && isPrefixByte(head[j]) {
			j++
		}
		if j < len(head) && (head[j] == '|' || head[j] == '\\' || head[j] == '~') {
			return convert.Likely
		}
	}
	return convert.No
}

// options are the resolved parameters of one conversion.
type options struct {
	pn, rev, seqName, seqVersion, operator string
	process                                int
	prefix                                 bool
}

func optionsFor(ctx context.Context, src *convert.Source) (*options, error) {
	d := src.Defaults
	o := &options{
		pn:         convkit.Text(src, ParamPartNumber, d.PartNumber, defaultPartNumber),
		rev:        convkit.Text(src, ParamPartRevision, d.Revision, defaultRevision),
		seqName:    convkit.Text(src, ParamSequenceName, d.SequenceName, defaultSeqName),
		seqVersion: convkit.Text(src, ParamSequenceVersion, d.SequenceVersion, defaultSeqVersion),
		operator:   convkit.Text(src, ParamOperator, d.Operator, defaultOperator),
		prefix:     strings.EqualFold(src.Params.Get(ParamNumberFormatMode, "base"), "prefix"),
	}
	var err error
	if o.process, err = convkit.ProcessCode(ctx, src, ParamOperationTypeCode, defaultProcessCode); err != nil {
		return nil, err
	}
	return o, nil
}

// Convert reads one log data file and returns a report per @BTEST record
// (board), in file order.
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
	data, err := io.ReadAll(io.LimitReader(src.Reader, maxFile+1))
	if err != nil {
		return nil, &convert.MalformedError{Converter: Name, File: src.Name, Msg: "read", Err: err}
	}
	if len(data) > maxFile {
		return nil, &convert.MalformedError{Converter: Name, File: src.Name, Msg: "file larger than 256 MiB"}
	}
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	if !convkit.IsASCII(data) {
		if !isUTF8(data) {
			data = convkit.AppendCP1252(nil, data) // the tester's code page
		}
	}
	sc := &scanner{b: data, file: src.Name}
	recs, err := sc.top()
	if err != nil {
		return nil, err
	}
	b := &builder{ctx: ctx, src: src, opt: opt}
	for _, r := range recs {
		if err := b.top(r); err != nil {
			return nil, err
		}
	}
	if len(b.out) == 0 {
		return nil, &convert.MalformedError{Converter: Name, File: src.Name, Line: 1, Msg: "no @BTEST (board) record"}
	}
	return b.out, nil
}
