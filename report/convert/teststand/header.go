package teststand

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/watsgo/sdk/internal/guid"
	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert/internal/convkit"
)

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

// info returns the ReportInfo value with the given key (TSReport dumps).
func info(u *node, key string) (string, bool) {
	for _, k := range u.kids {
		if k.tag == "ReportInfo" && strings.EqualFold(k.id, key) {
			return strings.TrimSpace(k.attrValue), true
		}
	}
	return "", false
}

// rootResult is the result of the model's MainSequence callback.
func rootResult(u *node) *node {
	if n := u.prop("MainSequenceResults"); n != nil {
		return n
	}
	return u.firstOfType("TEResult")
}

// unit converts one UUT report element.
func (c *conv) unit(u *node) (*report.Report, error) {
	d := c.src.Defaults
	uut := u.prop("UUT")
	res := rootResult(u)
	if res == nil {
		return nil, c.failf(u, "no TEResult (MainSequenceResults) property")
	}
	sn := firstNonEmpty(uut.str("SerialNumber"), d.SerialNumber)
	pn := firstNonEmpty(uut.str("UUTPartNumber"), uut.str("PartNumber"), d.PartNumber)
	rev := firstNonEmpty(uut.str("UUTPartRevisionNumber"), c.src.Params.Get(ParamPartRevision, ""), d.Revision, defaultRevision)
	if sn == "" {
		return nil, c.failf(orNode(uut, u), "no UUT.SerialNumber and no default serial number")
	}
	if pn == "" {
		return nil, c.failf(orNode(uut, u), "no UUT.UUTPartNumber or UUT.PartNumber and no default part number")
	}
	code := 0
	if n := uut.prop("UUTOperationType"); n != nil {
		v, _ := n.value()
		f, err := parseNumber(v)
		if err != nil || f != math.Trunc(f) || f < math.MinInt16 || f > math.MaxInt16 {
			return nil, c.failf(n, "UUTOperationType %q is not an operation code", v)
		}
		code = int(f)
	} else {
		var err error
		if code, err = c.processCode(); err != nil {
			return nil, err
		}
	}

	opts := []report.Option{}
	station := d.Station
	if si := u.prop("StationInfo"); si != nil {
		if v := si.str("StationID"); v != "" {
			station.Name = v
		}
		if v := si.str("Location"); v != "" {
			station.Location = v
		} else if p := c.src.Params.Get(ParamLocation, ""); p != "" {
			station.Location = p
		}
		if v := si.str("Purpose"); v != "" {
			station.Purpose = v
		} else if p := c.src.Params.Get(ParamPurpose, ""); p != "" {
			station.Purpose = p
		}
		opts = append(opts, report.WithOperator(firstNonEmpty(si.str("LoginName"), d.Operator, defaultOperator)))
	} else {
		station.Location = c.src.Params.Get(ParamLocation, station.Location)
		station.Purpose = c.src.Params.Get(ParamPurpose, station.Purpose)
		opts = append(opts, report.WithOperator(firstNonEmpty(d.Operator, defaultOperator)))
	}
	station.Name = trunc(station.Name, 100)
	station.Location = trunc(station.Location, 100)
	station.Purpose = trunc(station.Purpose, 100)
	opts = append(opts, report.WithStation(station))

	if id, ok := info(u, "ID"); ok {
		if g, ok := guid.Normalize(strings.Trim(id, "{}")); ok {
			opts = append(opts, report.WithID(g))
		} else {
			c.src.Warnf(sprintf("%s: ReportInfo ID %q is not a GUID; a new id is used", u.path(), id))
		}
	}
	start, err := c.startTime(u)
	if err != nil {
		return nil, err
	}
	opts = append(opts, report.WithStart(start))

	ts := res.prop("TS")
	seqName := firstNonEmpty(ts.str("StepName"), "MainSequence Callback")
	seqFile := ts.str("SequenceCall.SequenceFile")
	seqVer := firstNonEmpty(ts.str("SequenceCall.SequenceFileVersion"), ts.str("SequenceCall.SeqFileVersion"))
	opts = append(opts, report.WithSequence(trunc(seqName, 100), trunc(seqFile, 500), trunc(seqVer, 30)))
	if n := ts.prop("TotalTime"); n != nil {
		v, _ := n.value()
		f, err := parseNumber(v)
		if err != nil || f < 0 || math.IsInf(f, 0) || math.IsNaN(f) {
			return nil, c.failf(n, "TotalTime %q is not a number of seconds", v)
		}
		opts = append(opts, report.WithExecTime(time.Duration(f*float64(time.Second))))
	}
	if v := uut.str("Comment"); v != "" {
		opts = append(opts, report.WithComment(trunc(v, 5000)))
	}
	if v := uut.str("UUT_Fixture_ID"); v != "" {
		opts = append(opts, report.WithFixtureID(trunc(v, 100)))
	}
	if v := uut.str("BatchSerialNumber"); v != "" {
		opts = append(opts, report.WithBatchSN(trunc(v, 100)))
	}
	if n, ok := intProp(uut, "TestSocketIndex"); ok && n >= math.MinInt16 && n <= math.MaxInt16 {
		opts = append(opts, report.WithTestSocket(n))
	}

	r, err := report.NewUUT(trunc(pn, 100), trunc(sn, 100), trunc(rev, 100), code, opts...)
	if err != nil {
		return nil, c.failf(u, "header: %v", err)
	}
	if n, ok := intProp(uut, "UUTLoopIndex"); ok {
		r.UUT.BatchLoopIndex = report.IntOf(int64(n))
	}
	if code, ok := intProp(res, "Error.Code"); ok && code != 0 {
		r.UUT.ErrorCode = report.IntOf(int64(code))
	}
	if msg := res.str("Error.Msg"); msg != "" {
		r.UUT.ErrorMessage = report.StrOf(msg)
	}
	c.miscInfo(r, uut)

	engine, hasEngine := time.Time{}, false
	if v, ok := info(u, "EngineStarted"); ok {
		if t, _, err := convkit.ParseISO(v, c.src.Defaults.Zone()); err == nil {
			engine, hasEngine = t, true
		}
	}
	c.engine, c.hasEngine = engine, hasEngine
	if err := c.children(r.Root, res); err != nil {
		return nil, err
	}
	r.Root.SetStatus(stepStatus(res.str("Status"), report.StatusPassed))
	return r, nil
}

// startTime reads ReportInfo Start (ISO with offset), else the classic
// StartTime/StartDate details in the configured zone.
func (c *conv) startTime(u *node) (time.Time, error) {
	if v, ok := info(u, "Start"); ok && v != "" {
		t, _, err := convkit.ParseISO(v, c.src.Defaults.Zone())
		if err != nil {
			return time.Time{}, c.failf(u, "ReportInfo Start %q: %v", v, err)
		}
		return t, nil
	}
	st, sd := u.prop("StartTime"), u.prop("StartDate")
	if st == nil || sd == nil {
		return time.Time{}, c.failf(u, "no start time (ReportInfo Start or StartTime/StartDate)")
	}
	get := func(n *node, name string, lo, hi int) (int, error) {
		p := n.prop(name)
		v, _ := p.value()
		f, err := parseNumber(v)
		if p == nil || err != nil || f != math.Trunc(f) || f < float64(lo) || f > float64(hi) {
			return 0, c.failf(orNode(p, n), "%s %q is not a number within %d…%d", name, v, lo, hi)
		}
		return int(f), nil
	}
	var parts [6]int
	var err error
	for i, f := range []struct {
		n      *node
		name   string
		lo, hi int
	}{{st, "Hours", 0, 23}, {st, "Minutes", 0, 59}, {st, "Seconds", 0, 59}, {st, "Milliseconds", 0, 999}, {sd, "MonthDay", 1, 31}, {sd, "Month", 1, 12}} {
		if f.name == "Milliseconds" && f.n.prop(f.name) == nil {
			continue
		}
		if parts[i], err = get(f.n, f.name, f.lo, f.hi); err != nil {
			return time.Time{}, err
		}
	}
	// TestStand has written wrong Year values; the text forms are trusted first.
	year := 0
	for _, v := range []string{sd.str("Text"), sd.str("ShortText")} {
		if y := fourDigits(v); y > 0 {
			year = y
			break
		}
	}
	if year == 0 {
		if year, err = get(sd, "Year", 1970, 9999); err != nil {
			return time.Time{}, err
		}
	}
	t := time.Date(year, time.Month(parts[5]), parts[4], parts[0], parts[1], parts[2], parts[3]*1e6, c.src.Defaults.Zone())
	if t.Day() != parts[4] {
		return time.Time{}, c.failf(sd, "no day %d in month %d of %d", parts[4], parts[5], year)
	}
	return t, nil
}

// fourDigits returns the first run of exactly four digits in s (0 if none).
func fourDigits(s string) int {
	for i := 0; i < len(s); {
		if s[i] < '0' || s[i] > '9' {
			i++
			continue
		}
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j-i == 4 {
			n, _ := strconv.Atoi(s[i:j])
			return n
		}
		i = j
	}
	return 0
}

// miscInfo maps UUT.MiscUUTResult and UUT.AdditionalData into the header.
func (c *conv) miscInfo(r *report.Report, uut *node) {
	for _, it := range uut.at("MiscUUTResult.Misc_UUT_Info").items() {
		desc := trunc(it.str("Description"), 100)
		if desc == "" {
			continue
		}
		var err error
		if s := it.str("Data_String"); s != "" || it.prop("Data_Numeric") == nil {
			err = r.AddMiscInfo(desc, trunc(s, 100))
		} else if f, perr := parseNumber(it.str("Data_Numeric")); perr == nil && f == math.Trunc(f) && f >= math.MinInt16 && f <= math.MaxInt16 {
			err = r.AddMiscInfoNumeric(desc, int(f))
		} else {
			err = r.AddMiscInfo(desc, trunc(it.str("Data_Numeric"), 100))
		}
		if err != nil {
			c.src.Warnf(sprintf("%s: misc info dropped: %v", it.path(), err))
		}
	}
	for _, it := range uut.at("MiscUUTResult.UUT_Part_Info").items() {
		pn := it.str("Part_Number")
		if pn == "" {
			continue
		}
		if _, err := r.AddSubUnit(trunc(it.str("Part_Type"), 50), trunc(pn, 100), trunc(it.str("Part_Revision_Number"), 100), trunc(it.str("Part_Serial_Number"), 100)); err != nil {
			c.src.Warnf(sprintf("%s: sub-unit dropped: %v", it.path(), err))
		}
	}
	ad := uut.prop("AdditionalData")
	if ad == nil {
		return
	}
	toMisc := strings.EqualFold(c.src.Params.Get(ParamAdditionalDataToMiscInfo, "false"), "true")
	var props []*report.Property
	for _, p := range ad.kids {
		if p.tag != "Prop" || p.name == "" {
			continue
		}
		if toMisc {
			v, _ := p.value()
			if err := r.AddMiscInfo(trunc(p.name, 100), trunc(v, 100)); err != nil {
				c.src.Warnf(sprintf("%s: misc info dropped: %v", p.path(), err))
			}
			continue
		}
		props = append(props, property(p))
	}
	if len(props) > 0 {
		if err := r.AddAdditionalData("AdditionalData", props...); err != nil {
			c.src.Warnf(sprintf("%s: additional data dropped: %v", ad.path(), err))
		}
	}
}

// property turns a Prop subtree into an additional-data property.
func property(p *node) *report.Property {
	typ := p.typ
	switch typ {
	case "Number", "String", "Obj", "Array":
	case "Boolean":
		typ = "Bool"
	default:
		typ = "String"
	}
	v, _ := p.value()
	if typ == "Obj" || typ == "Array" {
		v = ""
	}
	out := report.NewProperty(trunc(p.name, 100), typ, v)
	if typ == "Obj" {
		for _, k := range p.kids {
			if k.tag == "Prop" && k.name != "" {
				out.Props = append(out.Props, property(k))
			}
		}
	}
	return out
}

func intProp(n *node, path string) (int, bool) {
	p := n.at(path)
	if p == nil {
		return 0, false
	}
	v, _ := p.value()
	f, err := parseNumber(v)
	if err != nil || f != math.Trunc(f) || f < math.MinInt32 || f > math.MaxInt32 {
		return 0, false
	}
	return int(f), true
}

// parseNumber reads a TestStand number: invariant culture, plus inf, +inf,
// -inf, nan and ind (an indeterminate value, read as NaN).
func parseNumber(s string) (float64, error) {
	s = strings.TrimSpace(s)
	switch strings.ToLower(s) {
	case "inf", "+inf", "infinity", "+infinity":
		return math.Inf(1), nil
	case "-inf", "-infinity":
		return math.Inf(-1), nil
	case "nan", "ind", "-nan", "-ind", "+nan":
		return math.NaN(), nil
	}
	if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
		n, err := strconv.ParseUint(s[2:], 16, 64)
		return float64(n), err
	}
	return strconv.ParseFloat(s, 64)
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

func orNode(n, fallback *node) *node {
	if n != nil {
		return n
	}
	return fallback
}

func trunc(s string, max int) string {
	s, _ = convkit.Truncate(s, max)
	return s
}
