package report

import (
	"encoding/base64"
	"fmt"
	"math"

	"github.com/watsgo/sdk/internal/guid"

	"github.com/watsgo/sdk/internal/errs"
)

// NewUUR starts a stand-alone repair (UUR) report. repairCode is the repair
// operation (report processCode, e.g. 500); testCode the test operation
// during which the failure was found (uur.processCode). Location, purpose
// and operator are required options, as for NewUUT. The main unit (idx 0,
// partType "Main") is added as the first sub-unit.
func NewUUR(pn, sn, rev string, repairCode, testCode int, opts ...Option) (*Report, error) {
	return newUUR("report.NewUUR", pn, sn, rev, repairCode, testCode, newConfig(opts))
}

func newUUR(op, pn, sn, rev string, repairCode, testCode int, c *buildConfig) (*Report, error) {
	v := &errs.ValidationError{Op: op}
	checkIdent(v, "pn", pn)
	checkIdent(v, "sn", sn)
	checkText(v, "rev", rev, 100, true)
	checkInt(v, "processCode", repairCode, math.MinInt16, math.MaxInt16)
	checkInt(v, "uur.processCode", testCode, math.MinInt16, math.MaxInt16)
	c.checkCommon(v)
	checkText(v, "uur.user", c.operator, 100, true)
	checkText(v, "uur.comment", c.comment, 5000, false)
	checkText(v, "uur.processName", c.testOpName, 100, false)
	if c.refUUT != "" && !guid.ValidBraced(c.refUUT) {
		v.Add("uur.refUUT", "guid", fmt.Sprintf("must be a GUID, got %q", c.refUUT))
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	h, err := c.header(TypeUUR, pn, sn, rev, repairCode)
	if err != nil {
		return nil, err
	}
	// confirmDate and finalizeDate: the repair is confirmed and finalised
	// when the report is made (pyWATS says the API needs both).
	done := TimeOf(c.start.UTC())
	u := &UURInfo{
		Comment:      nullIfEmpty(c.comment),
		User:         StrOf(c.operator),
		ProcessCode:  IntOf(int64(testCode)),
		ProcessName:  nullIfEmpty(c.testOpName),
		RefUUT:       nullIfEmpty(c.refUUT),
		ConfirmDate:  done,
		FinalizeDate: done,
		ExecTime:     NullNum(),
		Parent:       NullStr(),
	}
	if c.execTime != nil {
		u.ExecTime = seconds(*c.execTime)
	}
	u.setNull(uurTable.index["children"], true) // children: null, as the server writes it
	r := &Report{
		Header:     h,
		UUR:        u,
		MiscInfos:  []*MiscInfo{},
		SubUnits:   []*SubUnit{{PartType: StrOf("Main"), PN: StrOf(pn), Rev: StrOf(rev), SN: StrOf(sn), Idx: IntOf(0)}},
		autoResult: memoOf(StatusPassed),
	}
	r.Header.Result = StrOf(StatusPassed)
	return r, nil
}

// NewUURFromUUT starts a repair report for a failed UUT: part number,
// serial number and revision are copied, uur.refUUT links the UUT's id,
// uur.processCode/processName take the UUT's test operation, and the UUT's
// sub-units become parts with idx 1, 2, ... under the main unit.
func NewUURFromUUT(uut *Report, repairCode int, opts ...Option) (*Report, error) {
	if uut == nil || uut.Type() != TypeUUT {
		return nil, errs.Invalid("report.NewUURFromUUT", "type", "the source report must be a UUT (type \"T\")")
	}
	c := newConfig(opts)
	if c.refUUT == "" {
		c.refUUT = uut.ID()
	}
	if c.testOpName == "" {
		c.testOpName = uut.Header.ProcessName.Value()
	}
	if c.operator == "" && uut.UUT != nil {
		c.operator = uut.UUT.User.Value()
	}
	r, err := newUUR("report.NewUURFromUUT", uut.PartNumber(), uut.SerialNumber(), uut.Revision(), repairCode, uut.ProcessCode(), c)
	if err != nil {
		return nil, err
	}
	for i, su := range uut.SubUnits {
		if su == nil {
			continue
		}
		part := &SubUnit{PartType: su.PartType, PN: su.PN, Rev: su.Rev, SN: su.SN, Idx: IntOf(int64(i + 1)), ParentIdx: IntOf(0)}
		r.SubUnits = append(r.SubUnits, part)
	}
	return r, nil
}

// FailureOption configures a UUR failure.
type FailureOption func(*Failure)

// FailureComRef sets the component reference designator ("U7").
func FailureComRef(ref string) FailureOption { return func(f *Failure) { f.ComRef = StrOf(ref) } }

// FailureComment sets the failure comment.
func FailureComment(s string) FailureOption { return func(f *Failure) { f.Comment = StrOf(s) } }

// FailureFuncBlock sets the functional block of the failed component.
func FailureFuncBlock(s string) FailureOption { return func(f *Failure) { f.FuncBlock = StrOf(s) } }

// FailureArticle sets the failed component's article number, revision,
// vendor and description (empty values stay null).
func FailureArticle(number, rev, vendor, description string) FailureOption {
	return func(f *Failure) {
		f.ArtNumber, f.ArtRev, f.ArtVendor, f.ArtDescription = nullIfEmpty(number), nullIfEmpty(rev), nullIfEmpty(vendor), nullIfEmpty(description)
	}
}

// FailureStep references the UUT step that revealed the failure (its id,
// so finalise the UUT first).
func FailureStep(step *Step) FailureOption {
	return func(f *Failure) {
		if step != nil {
			f.RefStepID = step.ID
		}
	}
}

// AddFailure adds a failure to the sub-unit with the given idx (0 = the
// repaired unit). category and code must match fail codes of the repair
// type on the server.
func (r *Report) AddFailure(subUnitIdx int, category, code string, opts ...FailureOption) (*Failure, error) {
	v := &errs.ValidationError{Op: "report.AddFailure"}
	var su *SubUnit
	pos := -1
	for i, s := range r.SubUnits {
		if s != nil && s.Idx.IsSet() && s.Idx.Int64() == int64(subUnitIdx) {
			su, pos = s, i
			break
		}
	}
	if r.Type() != TypeUUR {
		v.Add("subUnits", "uur-only", "failures belong to repair (UUR) reports")
	}
	if su == nil {
		v.Add("subUnits", "ref=idx", fmt.Sprintf("no sub-unit has idx %d", subUnitIdx))
		return nil, v
	}
	path := fmt.Sprintf("subUnits[%d].failures[%d].", pos, len(su.Failures))
	checkText(v, path+"category", category, 100, true)
	checkText(v, path+"code", code, 100, true)
	f := &Failure{ArtNumber: NullStr(), ArtRev: NullStr(), ArtVendor: NullStr(), ArtDescription: NullStr(),
		Category: StrOf(category), Code: StrOf(code), Comment: NullStr(), ComRef: NullStr(), FuncBlock: NullStr(), RefStepID: IntOf(0)}
	for _, o := range opts {
		if o != nil {
			o(f)
		}
	}
	checkText(v, path+"comment", f.Comment.Value(), 1000, false)
	checkText(v, path+"comRef", f.ComRef.Value(), 50, false)
	checkText(v, path+"funcBlock", f.FuncBlock.Value(), 100, false)
	checkText(v, path+"artNumber", f.ArtNumber.Value(), 100, false)
	checkText(v, path+"artRev", f.ArtRev.Value(), 100, false)
	checkText(v, path+"artVendor", f.ArtVendor.Value(), 100, false)
	checkText(v, path+"artDescription", f.ArtDescription.Value(), 100, false)
	if !f.RefStepID.IsSet() {
		v.Add(path+"refStepId", "required", "the referenced step has no id (finalise the UUT first)")
	} else {
		checkInt(v, path+"refStepId", int(f.RefStepID.Int64()), 0, math.MaxInt32)
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	su.Failures = append(su.Failures, f)
	return f, nil
}

// Attach adds a file to the failure.
func (f *Failure) Attach(name, contentType string, data []byte) error {
	b, err := newBinary("report.Failure.Attach", fmt.Sprintf("attachments[%d].", len(f.Attachments)), name, contentType, data)
	if err != nil {
		return err
	}
	f.Attachments = append(f.Attachments, b)
	return nil
}

// AddBinaryData adds a report-level file; WSJF defines these for repair
// reports only, so a UUT refuses it.
func (r *Report) AddBinaryData(name, contentType string, data []byte) error {
	if r.Type() != TypeUUR {
		return errs.Invalid("report.AddBinaryData", "binaryData", "report-level binaryData is defined for repair (UUR) reports only; attach files to steps instead")
	}
	b, err := newBinary("report.AddBinaryData", fmt.Sprintf("binaryData[%d].", len(r.BinaryData)), name, contentType, data)
	if err != nil {
		return err
	}
	r.BinaryData = append(r.BinaryData, b)
	return nil
}

func newBinary(op, path, name, contentType string, data []byte) (*BinaryData, error) {
	v := &errs.ValidationError{Op: op}
	if contentType == "" {
		contentType = sniff(name)
	}
	checkText(v, path+"name", name, 256, true)
	checkText(v, path+"contentType", contentType, 100, true)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	return &BinaryData{ContentType: StrOf(contentType), Data: StrOf(base64.StdEncoding.EncodeToString(data)), Name: StrOf(name), ID: NullStr()}, nil
}
