package wstf

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

// header collects the header lines of one UUT.
type header struct {
	sn, pn, rev                      string
	processCode                      int
	hasCode                          bool
	processName                      string
	startLocal, startUTC             string
	startLine, utcLine               int
	station, operator                string
	socket                           int
	hasSocket                        bool
	fixture, batch, comment          string
	hasFixture, hasBatch, hasComment bool
	swName, swVersion                string
	importMode                       bool
	subUnits                         [][4]string
	subLines                         []int
	misc                             [][2]string
	miscLines                        []int
}

// uut is one UUT block being converted.
type uut struct {
	p   *parser
	h   header
	r   *report.Report
	seq []*report.Step // open sequences; seq[0] is the root
	cur *testStep      // the test step lines may continue
	// values the footer may still change
	result                string
	errCode               int
	hasErrCode, hasErrMsg bool
	errMsg                string
	execTime              float64
	hasExec               bool
	rootPath, rootVersion string
	stringCompareWarned   bool
}

func newUUT(p *parser) *uut { return &uut{p: p, result: report.StatusPassed} }

// keyValue splits "key<TAB>value…": value is the rest of the line, trimmed.
func keyValue(line string) (key, value string, ok bool) {
	i := strings.IndexByte(line, '\t')
	if i < 0 {
		return line, "", false
	}
	return line[:i], strings.TrimSpace(line[i+1:]), true
}

// reportKey handles the keys allowed in the header, step section and footer.
func (u *uut) reportKey(key, value string) (bool, error) {
	p := u.p
	switch key {
	case "UUTStatus":
		st, ok := uutStatus(value)
		if !ok {
			return true, p.failf("UUTStatus %q is not passed, failed, error or terminated", value)
		}
		u.result = st
	case "ErrorCode":
		n := 0
		if value != "" {
			v, err := strconv.ParseInt(value, 10, 32)
			if err != nil {
				return true, p.failf("ErrorCode %q is not an integer", value)
			}
			n = int(v)
		}
		u.errCode, u.hasErrCode = n, true
	case "ErrorMessage":
		u.errMsg, u.hasErrMsg = value, true
	case "ExecutionTime":
		f, err := p.opt.culture.number(value)
		if err != nil || value == "" || f < 0 || math.IsInf(f, 0) {
			return true, p.failf("ExecutionTime %q is not a number of seconds", value)
		}
		u.execTime, u.hasExec = f, true
	default:
		return false, nil
	}
	return true, nil
}

func uutStatus(v string) (string, bool) {
	switch strings.ToLower(v) {
	case "passed", "pass":
		return report.StatusPassed, true
	case "failed", "fail":
		return report.StatusFailed, true
	case "terminated", "undetermined", "aborted":
		return report.StatusTerminated, true
	case "error":
		return report.StatusError, true
	}
	return "", false
}

func (u *uut) headerLine(line string) error {
	p := u.p
	key, value, hasTab := keyValue(line)
	if done, err := u.reportKey(key, value); done {
		return err
	}
	h := &u.h
	switch key {
	case "SerialNumber":
		h.sn = value
	case "PartNumber":
		h.pn = value
	case "Revision":
		h.rev = value
	case "OperationTypeCode":
		n, err := strconv.Atoi(value)
		if err != nil {
			return p.failf("OperationTypeCode %q is not an integer", value)
		}
		h.processCode, h.hasCode = n, true
	case "OperationTypeName":
		h.processName = value
	case "StartDateTime":
		h.startLocal, h.startLine = value, p.line
	case "UTCStartDateTime":
		h.startUTC, h.utcLine = value, p.line
	case "StationName":
		h.station = value
	case "OperatorName":
		h.operator = value
	case "TestSocketIndex":
		n, err := strconv.ParseInt(value, 10, 16)
		if err != nil {
			return p.failf("TestSocketIndex %q is not a 16-bit integer", value)
		}
		h.socket, h.hasSocket = int(n), true
	case "FixtureId":
		h.fixture, h.hasFixture = value, true
	case "BatchSerialNumber":
		h.batch, h.hasBatch = value, true
	case "Comment":
		h.comment, h.hasComment = value, true
	case "SoftwareName":
		h.swName = value
	case "SoftwareVersion":
		h.swVersion = value
	case "ConverterMode":
		h.importMode = strings.EqualFold(value, "Import")
	case "Subunit":
		var c cells
		split(line, &c)
		h.subUnits = append(h.subUnits, [4]string{c.get(1), c.get(2), c.get(3), c.get(4)})
		h.subLines = append(h.subLines, p.line)
	default:
		if !hasTab || key == "" {
			return nil // no value: ignored
		}
		rest := line[len(key)+1:]
		if i := strings.IndexByte(rest, '\t'); i >= 0 {
			rest = rest[:i]
		}
		h.misc = append(h.misc, [2]string{key, rest})
		h.miscLines = append(h.miscLines, p.line)
	}
	return nil
}

func (u *uut) footerLine(line string) error {
	key, value, _ := keyValue(line)
	if done, err := u.reportKey(key, value); done {
		return err
	}
	u.p.warnf("unknown footer line %q ignored", key)
	return nil
}

// clip truncates s to max runes, logging the truncation.
func (u *uut) clip(s string, max int, what string) string {
	t, cut := convkit.Truncate(s, max)
	if cut {
		u.p.warnf("%s truncated to %d characters", what, max)
	}
	return t
}

// ensureReport creates the report once the header is complete.
func (u *uut) ensureReport() error {
	if u.r != nil {
		return nil
	}
	p, h, o := u.p, &u.h, u.p.opt
	sn, pn, rev := or(h.sn, o.serialNumber), or(h.pn, o.partNumber), or(h.rev, o.revision)
	if sn == "" {
		return p.failf("Serial number is missing")
	}
	if pn == "" {
		return p.failf("Part number is missing")
	}
	code, err := u.processCode()
	if err != nil {
		return err
	}
	start, utc, hasUTC, err := u.startTimes()
	if err != nil {
		return err
	}
	st := o.station
	if h.station != "" {
		st.Name = h.station
	}
	st.Name = u.clip(st.Name, 100, "station name")
	u.rootPath = u.clip(or(h.swName, o.seqName), 500, "SoftwareName")
	u.rootVersion = u.clip(or(h.swVersion, o.seqVersion), 30, "SoftwareVersion")
	opts := []report.Option{
		report.WithStation(st),
		report.WithOperator(u.clip(or(h.operator, o.operator), 100, "operator")),
		report.WithStart(start),
		report.WithSequence("MainSequence Callback", u.rootPath, u.rootVersion),
	}
	if h.hasSocket {
		opts = append(opts, report.WithTestSocket(h.socket))
	}
	if h.hasFixture {
		opts = append(opts, report.WithFixtureID(u.clip(h.fixture, 100, "FixtureId")))
	}
	if h.hasBatch {
		opts = append(opts, report.WithBatchSN(u.clip(h.batch, 100, "BatchSerialNumber")))
	}
	if h.hasComment {
		opts = append(opts, report.WithComment(u.clip(h.comment, 5000, "Comment")))
	}
	r, err := report.NewUUT(u.clip(pn, 100, "part number"), u.clip(sn, 100, "serial number"), u.clip(rev, 100, "revision"), code, opts...)
	if err != nil {
		return p.fail("UUT header", err)
	}
	if hasUTC {
		r.Header.StartUTC = report.TimeOf(utc)
	}
	for i, su := range h.subUnits {
		if _, err := r.AddSubUnit(u.clip(su[0], 50, "Subunit part type"), su[1], su[3], su[2]); err != nil {
			return &convert.MalformedError{Converter: Name, File: p.src.Name, Line: h.subLines[i], Msg: "Subunit", Err: err}
		}
	}
	for i, m := range h.misc {
		if err := r.AddMiscInfo(u.clip(m[0], 100, "misc info key"), u.clip(m[1], 100, "misc info value")); err != nil {
			return &convert.MalformedError{Converter: Name, File: p.src.Name, Line: h.miscLines[i], Msg: "misc info", Err: err}
		}
	}
	r.Root.SetStatus(report.StatusPassed)
	u.r = r
	u.seq = append(u.seq[:0], r.Root)
	return nil
}

// processCode resolves the test operation (M-P): a code in the file, a name
// in the file, the parameter (code or name), the default.
func (u *uut) processCode() (int, error) {
	h, o := &u.h, u.p.opt
	if h.hasCode {
		return h.processCode, nil
	}
	name := h.processName
	if name == "" {
		if o.processName == "" {
			return o.processCode, nil
		}
		name = o.processName
	}
	res := u.p.src.Processes
	if res == nil {
		return 0, fmt.Errorf("%w: %q (no process resolver configured)", convert.ErrUnknownProcess, name)
	}
	code, err := res.TestOperationCode(u.p.ctx, name)
	if err != nil {
		return 0, fmt.Errorf("%w: %q: %w", convert.ErrUnknownProcess, name, err)
	}
	return code, nil
}

// startTimes applies the time rules: a local start is read in the default
// zone, a UTC start fixes the offset to the nearest quarter hour, and a
// start before 1970 falls back to the UTC start or now.
func (u *uut) startTimes() (start, utc time.Time, hasUTC bool, err error) {
	p, h := u.p, &u.h
	loc := p.src.Defaults.Zone()
	var local time.Time
	hasLocal := false
	if h.startLocal != "" {
		t, _, err := convkit.ParseISO(h.startLocal, loc)
		if err != nil {
			return start, utc, false, &convert.MalformedError{Converter: Name, File: p.src.Name, Line: h.startLine, Msg: fmt.Sprintf("StartDateTime %q", h.startLocal), Err: err}
		}
		local, hasLocal = t, true
	}
	if h.startUTC != "" {
		t, _, err := convkit.ParseISO(h.startUTC, time.UTC)
		if err != nil {
			return start, utc, false, &convert.MalformedError{Converter: Name, File: p.src.Name, Line: h.utcLine, Msg: fmt.Sprintf("UTCStartDateTime %q", h.startUTC), Err: err}
		}
		utc, hasUTC = t.UTC(), true
	}
	switch {
	case hasLocal && hasUTC:
		start = local
		wall := time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), local.Second(), local.Nanosecond(), time.UTC)
		off := wall.Sub(utc)
		q := time.Duration(math.Round(float64(off)/float64(15*time.Minute))) * 15 * time.Minute
		if q >= -14*time.Hour && q <= 14*time.Hour {
			start = time.Date(local.Year(), local.Month(), local.Day(), local.Hour(), local.Minute(), local.Second(), local.Nanosecond(), time.FixedZone("", int(q/time.Second)))
		}
	case hasUTC:
		start = utc.In(loc)
	case hasLocal:
		start = local
	default:
		start = time.Now().In(loc)
	}
	if start.Year() < 1970 {
		if hasUTC && utc.Year() >= 1970 {
			start = utc.In(loc)
		} else {
			u.p.warnf("start before 1970; the conversion time is used")
			start = time.Now().In(loc)
		}
	}
	if hasUTC && utc.Year() < 1970 {
		hasUTC = false
	}
	return start, utc, hasUTC, nil
}

// complete applies the footer values and returns the finished report.
func (u *uut) complete() (*report.Report, error) {
	if err := u.ensureReport(); err != nil {
		return nil, err
	}
	r := u.r
	r.Header.Result = report.StrOf(u.result)
	if u.hasErrCode {
		r.UUT.ErrorCode = report.IntOf(int64(u.errCode))
	}
	if u.hasErrMsg {
		r.UUT.ErrorMessage = report.StrOf(u.errMsg)
	}
	if u.hasExec {
		r.UUT.ExecTime = report.NumOf(u.execTime)
	}
	dropSkippedContent(r.Root)
	return r, nil
}

// dropSkippedContent removes measurements, charts, attachments and
// additional results from skipped steps (D-2).
func dropSkippedContent(root *report.Step) {
	root.Walk(func(st *report.Step) bool {
		if st.Status.Value() == report.StatusSkipped {
			st.NumericMeas, st.StringMeas, st.BooleanMeas = nil, nil, nil
			st.Chart, st.Attachment, st.AdditionalResults = nil, nil, nil
		}
		return true
	})
}
