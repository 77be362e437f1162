package wsxf

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/watsgo/sdk/report"
	"github.com/watsgo/sdk/report/convert"
)

// buildReport maps one <Report> element to a report.
func (c *conv) buildReport(ctx context.Context, re *elem, now time.Time) (*report.Report, error) {
	d := c.src.Defaults
	r := &report.Report{}
	h := &r.Header

	kind, _ := re.attr("type")
	switch strings.TrimSpace(kind) {
	case "UUT":
		h.Type = report.StrOf(string(report.TypeUUT))
	case "UUR":
		h.Type = report.StrOf(string(report.TypeUUR))
	default:
		return nil, c.failAttr(re, "type", "report type %q is not UUT or UUR", kind)
	}
	uur := kind == "UUR"

	id, err := c.lowerGUID(re, "ID")
	if err != nil {
		return nil, err
	}
	// Without an ID the report stays without one: the registry and the watcher then
	// derive a stable id from the file, so a retried file re-submits the same report
	// (Finalize alone gives a random one).
	h.ID = id

	for _, f := range []struct {
		attr, def string
		dst       *report.Str
	}{
		{"PN", d.PartNumber, &h.PN},
		{"SN", d.SerialNumber, &h.SN},
		{"Rev", d.Revision, &h.Rev},
	} {
		v := trimmed(re, f.attr)
		if v == "" {
			v = f.def
		}
		if v == "" && f.attr != "Rev" {
			return nil, c.failAttr(re, f.attr, "attribute %s for Report is missing or empty", f.attr)
		}
		*f.dst = report.StrOf(v)
	}

	res, err := c.status(re, "Result", "PFET")
	if err != nil {
		return nil, err
	}
	if !res.IsSet() {
		res = report.StrOf(report.StatusPassed) // the enum default
	}
	h.Result = res

	h.MachineName = report.StrOf(orDefault(trimmed(re, "MachineName"), d.Station.Name))
	h.Location = report.StrOf(orDefault(trimmed(re, "Location"), d.Station.Location))
	h.Purpose = report.StrOf(orDefault(trimmed(re, "Purpose"), d.Station.Purpose))

	startText, _ := re.attr("Start")
	utcText, hasUTC := re.attr("Start_utc")
	h.Start, h.StartUTC = reportTimes(startText, utcText, hasUTC, d.Zone(), now)

	code, err := c.process(ctx, re.child("Process"), re, uur, false)
	if err != nil {
		return nil, err
	}
	h.ProcessCode = report.IntOf(int64(code))

	if err := c.header(r, re, uur); err != nil {
		return nil, err
	}
	if uur {
		if err := c.uur(ctx, r, re); err != nil {
			return nil, err
		}
		return r, nil
	}
	if err := c.uut(r, re); err != nil {
		return nil, err
	}
	if c.wrml {
		err = c.flatSteps(ctx, r, re)
	} else {
		err = c.nestedSteps(ctx, r, re)
	}
	if err != nil {
		return nil, err
	}
	return r, nil
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// process resolves a <Process> element (M-P): its Code wins, then its Name through
// the resolver. For the report's own process of a UUR (repair) the repair operations
// are searched and Defaults.RepairProcessCode is the fallback (D-7); test operations
// fall back to Defaults.ProcessCode. owner locates the error when p is missing.
func (c *conv) process(ctx context.Context, p, owner *elem, repair, nested bool) (int, error) {
	d := c.src.Defaults
	def := d.ProcessCode
	if repair && !nested {
		def = d.RepairProcessCode
	}
	if p == nil {
		if def != 0 {
			return def, nil
		}
		return 0, c.fail(owner, "no Process element and no default process code")
	}
	code, err := c.int16(p, "Code")
	if err != nil {
		return 0, err
	}
	if v, ok := code.Get(); ok {
		return int(v), nil
	}
	name := strings.TrimSpace(attrOr(p, "Name"))
	if name == "" {
		if def != 0 {
			return def, nil
		}
		return 0, c.fail(p, "Process has neither Code nor Name")
	}
	if c.src.Processes == nil {
		return 0, &convert.MalformedError{Converter: c.name, File: c.src.Name, Path: p.path() + "/@Name", Line: p.line,
			Msg: fmt.Sprintf("process %q has no code and no process resolver is configured", name), Err: convert.ErrUnknownProcess}
	}
	var n int
	if repair && !nested {
		n, err = c.src.Processes.RepairOperationCode(ctx, name)
	} else {
		n, err = c.src.Processes.TestOperationCode(ctx, name)
	}
	if err != nil {
		if errors.Is(err, convert.ErrUnknownProcess) {
			return 0, fmt.Errorf("%s: %s: %s: %w", c.name, c.src.Name, p.path(), err)
		}
		return 0, fmt.Errorf("%s: %s: resolving process %q: %w", c.name, c.src.Name, name, err)
	}
	return n, nil
}

func attrOr(e *elem, name string) string {
	v, _ := e.attr(name)
	return v
}

// header maps the blocks UUT and UUR reports share: misc info, sub-units, assets and
// additional data.
func (c *conv) header(r *report.Report, re *elem, uur bool) error {
	for _, k := range re.kids {
		switch k.name {
		case "MiscInfo":
			m := &report.MiscInfo{Description: report.StrOf(trimmed(k, "Description"))}
			if len(k.text) > 0 {
				m.Text = report.StrOf(string(k.text))
			} else {
				m.Text = report.NullStr()
			}
			n, err := c.int16(k, "Numeric")
			if err != nil {
				return err
			}
			if n.IsSet() {
				m.Numeric = n
			} else {
				m.Numeric = report.NullInt()
			}
			m.NumericFormat = optStr(k, "NumericFormat")
			m.Typedef = optStr(k, "Typedef")
			if uur {
				if m.ID, err = c.lowerGUID(k, "Id"); err != nil {
					return err
				}
			}
			r.MiscInfos = append(r.MiscInfos, m)
		case "ReportUnitHierarchy":
			if c.wrml && !uur {
				continue
			}
			su, err := c.subUnit(k, uur)
			if err != nil {
				return err
			}
			r.SubUnits = append(r.SubUnits, su)
		case "PartInfo":
			if !c.wrml || uur {
				continue // ignored by Virinco's WSXF converter
			}
			su, err := c.subUnit(k, false)
			if err != nil {
				return err
			}
			r.SubUnits = append(r.SubUnits, su)
		case "Asset":
			n, err := c.int32(k, "UsageCount")
			if err != nil {
				return err
			}
			if !n.IsSet() {
				n = report.IntOf(1)
			}
			r.Assets = append(r.Assets, &report.Asset{AssetSN: report.StrOf(trimmed(k, "AssetSN")), UsageCount: n, UsageCountFormat: optStr(k, "UsageCountFormat")})
		case "AdditionalData":
			r.AdditionalData = append(r.AdditionalData, additional(k))
		}
	}
	return nil
}

// subUnit maps ReportUnitHierarchy and PartInfo.
func (c *conv) subUnit(k *elem, uur bool) (*report.SubUnit, error) {
	su := &report.SubUnit{
		PartType: optStr(k, "PartType"),
		PN:       report.StrOf(trimmed(k, "PN")),
		SN:       report.StrOf(trimmed(k, "SN")),
		Rev:      report.StrOf(trimmed(k, "Rev")),
	}
	var err error
	if k.name == "ReportUnitHierarchy" {
		if su.Idx, err = c.int32(k, "Idx"); err != nil {
			return nil, err
		}
		if su.ParentIdx, err = c.int32(k, "ParentIDX"); err != nil {
			return nil, err
		}
		if su.ReplacedIdx, err = c.int32(k, "ReplacedIDX"); err != nil {
			return nil, err
		}
		if su.Position, err = c.int16(k, "Position"); err != nil {
			return nil, err
		}
		if uur && !su.Idx.IsSet() {
			return nil, c.failAttr(k, "Idx", "a repair sub-unit needs Idx")
		}
	}
	if pt, ok := su.PartType.Get(); ok {
		su.PartType = report.StrOf(strings.TrimSpace(pt))
	}
	return su, nil
}

// additional maps AdditionalData/AdditionalResults: every child element becomes a
// property named after its local name, String with its text, or Obj with its children.
func additional(k *elem) *report.AdditionalData {
	ad := &report.AdditionalData{Name: report.StrOf(strings.TrimSpace(attrOr(k, "Name")))}
	for _, ch := range k.kids {
		ad.Props = append(ad.Props, property(ch))
	}
	return ad
}

func property(e *elem) *report.Property {
	if len(e.kids) == 0 {
		return report.NewProperty(e.name, "String", string(e.text))
	}
	p := report.NewProperty(e.name, "Obj", "")
	p.Value = report.Str{}
	for _, ch := range e.kids {
		p.Props = append(p.Props, property(ch))
	}
	return p
}

// uut maps the <UUT> block.
func (c *conv) uut(r *report.Report, re *elem) error {
	u := &report.UUTInfo{}
	r.UUT = u
	ue := re.child("UUT")
	if ue == nil {
		u.User = report.StrOf(c.src.Defaults.Operator)
		return nil
	}
	u.User = report.StrOf(orDefault(trimmed(ue, "UserLoginName"), c.src.Defaults.Operator))
	if v := trimmed(ue, "BatchSN"); v != "" {
		u.BatchSN = report.StrOf(v)
	}
	if v := trimmed(ue, "FixtureId"); v != "" {
		u.FixtureID = report.StrOf(v)
	}
	if cm := ue.child("Comment"); cm != nil {
		u.Comment = report.StrOf(string(cm.text))
	}
	var err error
	if u.ExecTime, err = c.number(ue, "ExecutionTime"); err != nil {
		return err
	}
	u.ExecTimeFormat = optStr(ue, "ExecutionTimeFormat")
	if u.TestSocketIndex, err = c.int16(ue, "TestSocketIndex"); err != nil {
		return err
	}
	u.TestSocketIndexFormat = optStr(ue, "TestSocketIndexFormat")
	if u.ErrorCode, err = c.int32(ue, "ErrorCode"); err != nil {
		return err
	}
	u.ErrorCodeFormat = optStr(ue, "ErrorCodeFormat")
	u.ErrorMessage = optStr(ue, "ErrorMessage")
	if u.BatchFailCount, err = c.int32(ue, "BatchFailCount"); err != nil {
		return err
	}
	u.BatchFailCountFormat = optStr(ue, "BatchFailCountFormat")
	if u.BatchLoopIndex, err = c.int32(ue, "BatchLoopIndex"); err != nil {
		return err
	}
	u.BatchLoopIndexFormat = optStr(ue, "BatchLoopIndexFormat")
	return nil
}
