package wsxf

import (
	"context"
	"strings"

	"github.com/watsgo/sdk/report"
)

// uur maps the repair parts of a UUR report: the uur block, the failures on
// their sub-units and the binary data.
func (c *conv) uur(ctx context.Context, r *report.Report, re *elem) error {
	d := c.src.Defaults
	ue := re.child("UUR")
	if ue == nil {
		return c.fail(re, "a UUR report needs a UUR element")
	}
	u := &report.UURInfo{User: report.StrOf(orDefault(trimmed(ue, "UserLoginName"), d.Operator))}
	r.UUR = u
	code, err := c.process(ctx, ue.child("Process"), ue, true, true)
	if err != nil {
		return err
	}
	u.ProcessCode = report.IntOf(int64(code))
	if cm := ue.child("Comment"); cm != nil {
		u.Comment = report.StrOf(string(cm.text))
	}
	if u.ConfirmDate, err = c.dateTime(ue, "ConfirmDate", d.Zone()); err != nil {
		return err
	}
	if u.FinalizeDate, err = c.dateTime(ue, "FinalizeDate", d.Zone()); err != nil {
		return err
	}
	if u.ExecTime, err = c.number(ue, "ExecutionTime"); err != nil {
		return err
	}
	if u.RefUUT, err = c.lowerGUID(ue, "ReferencedUUT"); err != nil {
		return err
	}
	if u.Parent, err = c.lowerGUID(ue, "Parent"); err != nil {
		return err
	}

	// The repaired unit is idx 0; add it from the header when the file lists none.
	byIdx := map[int64]*report.SubUnit{}
	for _, su := range r.SubUnits {
		i := su.Idx.Int64()
		if _, dup := byIdx[i]; dup {
			return c.fail(re, "two ReportUnitHierarchy elements have Idx %d", i)
		}
		byIdx[i] = su
	}
	if byIdx[0] == nil {
		main := &report.SubUnit{PartType: report.StrOf("Main"), PN: r.Header.PN, SN: r.Header.SN, Rev: r.Header.Rev, Idx: report.IntOf(0)}
		r.SubUnits = append([]*report.SubUnit{main}, r.SubUnits...)
		byIdx[0] = main
	}

	failByIdx := map[int64]*report.Failure{}
	for _, k := range re.kids {
		if k.name != "Failures" {
			continue
		}
		f, err := c.failure(k)
		if err != nil {
			return err
		}
		part, err := c.int32(k, "PartIdx")
		if err != nil {
			return err
		}
		su := byIdx[part.Int64()]
		if su == nil {
			return c.failAttr(k, "PartIdx", "no ReportUnitHierarchy has Idx %d", part.Int64())
		}
		su.Failures = append(su.Failures, f)
		idx, err := c.int32(k, "Idx")
		if err != nil {
			return err
		}
		if idx.IsSet() {
			failByIdx[idx.Int64()] = f
		}
	}
	for _, k := range re.kids {
		if k.name != "Binary" {
			continue
		}
		dk := k.child("Data")
		if dk == nil {
			return c.fail(k, "Binary without Data")
		}
		data, _, err := c.base64Text(dk, dk.text)
		if err != nil {
			return err
		}
		bd := &report.BinaryData{Name: report.StrOf(trimmed(dk, "FileName")),
			ContentType: report.StrOf(orDefault(trimmed(dk, "ContentType"), "application/octet-stream")), Data: report.StrOf(data)}
		fi, err := c.int32(k, "FailIdx")
		if err != nil {
			return err
		}
		if !fi.IsSet() {
			r.BinaryData = append(r.BinaryData, bd)
			continue
		}
		f := failByIdx[fi.Int64()]
		if f == nil {
			return c.failAttr(k, "FailIdx", "no failure has Idx %d", fi.Int64())
		}
		f.Attachments = append(f.Attachments, bd)
	}
	return nil
}

// failure maps one <Failures> element.
func (c *conv) failure(k *elem) (*report.Failure, error) {
	f := &report.Failure{
		Category:       report.StrOf(trimmed(k, "Category")),
		Code:           report.StrOf(trimmed(k, "Code")),
		ComRef:         optStr(k, "CompRef"),
		FuncBlock:      optStr(k, "FunctionBlock"),
		ArtNumber:      optStr(k, "ArticleNumber"),
		ArtRev:         optStr(k, "ArticleRevision"),
		ArtVendor:      optStr(k, "ArticleVendor"),
		ArtDescription: optStr(k, "ArticleDescription"),
	}
	var comments []string
	for _, ch := range k.kids {
		if ch.name == "Comment" {
			comments = append(comments, string(ch.text))
		}
	}
	if len(comments) > 0 {
		f.Comment = report.StrOf(strings.Join(comments, "\n"))
	}
	step, err := c.int32(k, "StepID")
	if err != nil {
		return nil, err
	}
	if !step.IsSet() {
		step = report.IntOf(0)
	}
	f.RefStepID = step
	return f, nil
}
