package xjtag

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
	"github.com/watsgo/sdk/report/convert/internal/xmlsniff"
)

// Name is the converter's name in logs, sidecars and errors.
const Name = "xjtag"

// Parameter names (Source.Params), as Virinco's converter calls them.
const (
	// ParamPartNumber is the part number of every report (default "PN").
	ParamPartNumber = "partNumber"
	// ParamPartRevision is the revision of every report (default "1.0").
	ParamPartRevision = "partRevision"
	// ParamOperationTypeCode is the test operation: a code, or a name resolved
	// through Source.Processes (default 210).
	ParamOperationTypeCode = "operationTypeCode"
	// ParamSequenceName is the root sequence's name (default "JTAGSeq1").
	ParamSequenceName = "sequenceName"
	// ParamSequenceVersion is the root sequence's version (default "1.0.0").
	ParamSequenceVersion = "sequenceVersion"
	// ParamOperator is the operator of a run that names no user (default
	// "oper").
	ParamOperator = "operator"
)

const (
	defaultPartNumber  = "PN"
	defaultRevision    = "1.0"
	defaultProcessCode = 210
	defaultSeqName     = "JTAGSeq1"
	defaultSeqVersion  = "1.0.0"
	defaultOperator    = "oper"

	// maxMember bounds what one archive member may expand to, so that a
	// hostile ZIP cannot exhaust memory.
	maxMember = 256 << 20
	// maxArchive bounds the compressed file read into memory.
	maxArchive = 512 << 20
)

// Converter converts XJTAG .xjlog files. The zero value is ready to use and
// safe for concurrent use.
type Converter struct{}

// New returns an XJTAG converter.
func New() *Converter { return &Converter{} }

var _ convert.Converter = (*Converter)(nil)

// Name returns "xjtag".
func (*Converter) Name() string { return Name }

// Patterns returns the log file extension XJTAG writes.
func (*Converter) Patterns() []string { return []string{"*.xjlog", "*.XJLOG"} }

var zipMagic = []byte("PK\x03\x04")

// Sniff is Certain for a ZIP whose first member is an XJTAG run or Info.xml,
// Likely for a bare run XML (root element testrun), No otherwise.
func (*Converter) Sniff(head []byte) convert.Confidence {
	if len(head) > convert.SniffSize {
		head = head[:convert.SniffSize]
	}
	if bytes.HasPrefix(head, zipMagic) {
		// Local file header: the name length is at 26, the name at 30.
		if len(head) < 30 {
			return convert.No
		}
		n := int(head[26]) | int(head[27])<<8
		if 30+n > len(head) {
			return convert.No
		}
		if _, ok := runNumber(string(head[30 : 30+n])); ok || string(head[30:30+n]) == "Info.xml" {
			return convert.Certain
		}
		return convert.No
	}
	if root, ok := xmlsniff.Find(head); ok && root.Space == "" && root.Local == "testrun" {
		return convert.Likely
	}
	return convert.No
}

// runNumber parses "Run <n>.xml" (any directory) and returns n.
func runNumber(name string) (int, bool) {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	if !strings.HasPrefix(base, "Run ") || !strings.HasSuffix(base, ".xml") {
		return 0, false
	}
	n, err := strconv.Atoi(base[4 : len(base)-4])
	return n, err == nil && n >= 0
}

// Convert reads one .xjlog archive (or one run XML) and returns a report per
// run, in run-number order.
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
	data, err := io.ReadAll(io.LimitReader(src.Reader, maxArchive+1))
	if err != nil {
		return nil, &convert.MalformedError{Converter: Name, File: src.Name, Msg: "read", Err: err}
	}
	if len(data) > maxArchive {
		return nil, &convert.MalformedError{Converter: Name, File: src.Name, Msg: "file larger than 512 MiB"}
	}
	if !bytes.HasPrefix(data, zipMagic) {
		r, err := convertRun(ctx, src, opt, src.Name, bytes.NewReader(data), nil)
		if err != nil {
			return nil, err
		}
		return []*report.Report{r}, nil
	}
	return convertArchive(ctx, src, opt, data)
}

type member struct {
	n int
	f *zip.File
}

func convertArchive(ctx context.Context, src *convert.Source, opt *options, data []byte) ([]*report.Report, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, &convert.MalformedError{Converter: Name, File: src.Name, Msg: "not a readable ZIP archive", Err: err}
	}
	var runs []member
	var info *logInfo
	for _, f := range zr.File {
		if n, ok := runNumber(f.Name); ok {
			runs = append(runs, member{n, f})
			continue
		}
		if path.Base(f.Name) == "Info.xml" {
			if info, err = readInfo(src, f); err != nil {
				return nil, err
			}
		}
	}
	if len(runs) == 0 {
		return nil, &convert.MalformedError{Converter: Name, File: src.Name, Msg: "archive holds no \"Run <n>.xml\" member"}
	}
	sort.SliceStable(runs, func(i, j int) bool { return runs[i].n < runs[j].n })
	if info != nil && info.count >= 0 && info.count != len(runs) {
		src.Warnf(fmt.Sprintf("%s: Info.xml announces %d runs, the archive holds %d", src.Name, info.count, len(runs)))
	}
	out := make([]*report.Report, 0, len(runs))
	for _, m := range runs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		rc, err := m.f.Open()
		if err != nil {
			return nil, &convert.MalformedError{Converter: Name, File: src.Name + ":" + m.f.Name, Msg: "cannot open archive member", Err: err}
		}
		r, err := convertRun(ctx, src, opt, src.Name+":"+m.f.Name, io.LimitReader(rc, maxMember), info)
		rc.Close()
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// options are the resolved parameters of one conversion.
type options struct {
	pn, rev, seqName, seqVersion, operator string
	process                                int
}

func optionsFor(ctx context.Context, src *convert.Source) (*options, error) {
	d := src.Defaults
	o := &options{
		pn:         convkit.Text(src, ParamPartNumber, d.PartNumber, defaultPartNumber),
		rev:        convkit.Text(src, ParamPartRevision, d.Revision, defaultRevision),
		seqName:    convkit.Text(src, ParamSequenceName, d.SequenceName, defaultSeqName),
		seqVersion: convkit.Text(src, ParamSequenceVersion, d.SequenceVersion, defaultSeqVersion),
		operator:   convkit.Text(src, ParamOperator, d.Operator, defaultOperator),
	}
	var err error
	if o.process, err = convkit.ProcessCode(ctx, src, ParamOperationTypeCode, defaultProcessCode); err != nil {
		return nil, err
	}
	return o, nil
}
