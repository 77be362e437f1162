package report

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/watsgo/sdk/internal/guid"

	"github.com/watsgo/sdk/internal/errs"
)

// Option configures NewUUT and NewUUR.
type Option func(*buildConfig)

type buildConfig struct {
	station    Station
	operator   string
	start      time.Time
	id         string
	comment    string
	fixtureID  string
	batchSN    string
	socket     *int
	execTime   *time.Duration
	seqName    string
	seqPath    string
	seqVersion string
	testOpName string
	refUUT     string
	hasStart   bool
	hasComment bool
	hasFixture bool
	hasBatchSN bool
}

// WithStation sets machineName, location and purpose; empty fields keep
// their defaults (the name defaults to WATS_STATION, then the host name).
func WithStation(s Station) Option {
	return func(c *buildConfig) {
		if s.Name != "" {
			c.station.Name = s.Name
		}
		if s.Location != "" {
			c.station.Location = s.Location
		}
		if s.Purpose != "" {
			c.station.Purpose = s.Purpose
		}
	}
}

// WithOperator sets the operator (uut.user or uur.user).
func WithOperator(user string) Option { return func(c *buildConfig) { c.operator = user } }

// WithStart sets the start time (default: now, local time with offset).
func WithStart(t time.Time) Option {
	return func(c *buildConfig) { c.start, c.hasStart = t, true }
}

// WithID sets the report GUID instead of a generated one.
func WithID(guid string) Option { return func(c *buildConfig) { c.id = guid } }

// WithComment sets uut.comment or uur.comment.
func WithComment(s string) Option { return func(c *buildConfig) { c.comment, c.hasComment = s, true } }

// WithFixtureID sets uut.fixtureId.
func WithFixtureID(s string) Option {
	return func(c *buildConfig) { c.fixtureID, c.hasFixture = s, true }
}

// WithBatchSN sets uut.batchSN.
func WithBatchSN(s string) Option { return func(c *buildConfig) { c.batchSN, c.hasBatchSN = s, true } }

// WithTestSocket sets uut.testSocketIndex (-1 conventionally means a
// single-socket station).
func WithTestSocket(i int) Option { return func(c *buildConfig) { c.socket = &i } }

// WithExecTime sets uut.execTime or uur.execTime.
func WithExecTime(d time.Duration) Option { return func(c *buildConfig) { c.execTime = &d } }

// WithSequence sets the root step's name and its seqCall path and version
// (defaults "MainSequence Callback", null, null).
func WithSequence(name, path, version string) Option {
	return func(c *buildConfig) { c.seqName, c.seqPath, c.seqVersion = name, path, version }
}

// WithTestOperationName sets uur.processName, the name of the test
// operation that found the failure.
func WithTestOperationName(name string) Option { return func(c *buildConfig) { c.testOpName = name } }

// WithRefUUT links a repair report to the failed UUT report's id.
func WithRefUUT(id string) Option { return func(c *buildConfig) { c.refUUT = id } }

func newConfig(opts []Option) *buildConfig {
	c := &buildConfig{seqName: "MainSequence Callback"}
	for _, o := range opts {
		if o != nil {
			o(c)
		}
	}
	if c.station.Name == "" {
		c.station.Name = DefaultStationName()
	}
	if !c.hasStart {
		c.start = time.Now()
	}
	return c
}

// check helpers shared by the builders. Paths are JSON names.

func checkText(v *errs.ValidationError, path, s string, max int, required bool) {
	if s == "" {
		if required {
			v.Add(path, "required", "is required")
		}
		return
	}
	if max > 0 && utf8.RuneCountInString(s) > max {
		v.Add(path, fmt.Sprintf("max=%d", max), fmt.Sprintf("is longer than %d characters", max))
	}
	if !xmlSafe(s) {
		v.Add(path, "xmlsafe", "contains a character that is invalid in XML")
	}
}

// checkIdent checks a serial or part number: 1–100 characters, XML-safe and
// free of the characters WATS searches treat as wildcards.
func checkIdent(v *errs.ValidationError, path, s string) {
	checkText(v, path, s, 100, true)
	if strings.ContainsAny(s, searchChars) {
		v.Add(path, "searchchars", fmt.Sprintf("must not contain any of %s (wildcards in WATS searches)", searchChars))
	}
}

func checkInt(v *errs.ValidationError, path string, n int, lo, hi int64) {
	if int64(n) < lo || int64(n) > hi {
		v.Add(path, fmt.Sprintf("range=%d..%d", lo, hi), fmt.Sprintf("must be within %d…%d, got %d", lo, hi, n))
	}
}

func checkFinite(v *errs.ValidationError, path string, f float64) {
	if !finite(f) {
		v.Add(path, "finite", fmt.Sprintf("must be a finite number, got %v", f))
	}
}

func (c *buildConfig) checkCommon(v *errs.ValidationError) {
	checkText(v, "machineName", c.station.Name, 100, true)
	checkText(v, "location", c.station.Location, 100, true)
	checkText(v, "purpose", c.station.Purpose, 100, true)
	if c.id != "" && !guid.ValidBraced(c.id) {
		v.Add("id", "guid", fmt.Sprintf("must be a GUID, got %q", c.id))
	}
	if c.start.IsZero() || c.start.Year() < 1970 {
		v.Add("start", "min=1970", "start time must be set and not before 1970")
	}
	if c.execTime != nil && *c.execTime < 0 {
		v.Add("execTime", "min=0", "must not be negative")
	}
}

func (c *buildConfig) header(typ Type, pn, sn, rev string, process int) (Header, error) {
	id := strings.ToLower(c.id)
	if id == "" {
		g, err := NewGUID()
		if err != nil {
			return Header{}, err
		}
		id = g
	}
	return Header{
		Type:        StrOf(string(typ)),
		ID:          StrOf(id),
		PN:          StrOf(pn),
		SN:          StrOf(sn),
		Rev:         StrOf(rev),
		ProcessCode: IntOf(int64(process)),
		MachineName: StrOf(c.station.Name),
		Location:    StrOf(c.station.Location),
		Purpose:     StrOf(c.station.Purpose),
		Start:       TimeOf(c.start),
	}, nil
}

func optStr(set bool, s string) Str {
	if !set {
		return Str{}
	}
	return StrOf(s)
}

func nullIfEmpty(s string) Str {
	if s == "" {
		return NullStr()
	}
	return StrOf(s)
}

func seconds(d time.Duration) Num { return NumOf(math.Round(d.Seconds()*1e7) / 1e7) }

// NewUUT starts a test (UUT) report for one unit. Part number, serial number
// and revision must be 1–100 XML-safe characters without the search
// wildcards * % ? [ ] ^ ! / \; the process code is the test operation
// (Int16). Location, purpose and operator are required options; the station
// name defaults to WATS_STATION, then the host name; the start time to now.
// The report gets a new lower-case GUID and a root sequence to add steps to.
func NewUUT(pn, sn, rev string, processCode int, opts ...Option) (*Report, error) {
	c := newConfig(opts)
	v := &errs.ValidationError{Op: "report.NewUUT"}
	checkIdent(v, "pn", pn)
	checkIdent(v, "sn", sn)
	checkText(v, "rev", rev, 100, true)
	checkInt(v, "processCode", processCode, math.MinInt16, math.MaxInt16)
	c.checkCommon(v)
	checkText(v, "uut.user", c.operator, 100, true)
	checkText(v, "uut.comment", c.comment, 5000, false)
	checkText(v, "uut.fixtureId", c.fixtureID, 100, false)
	checkText(v, "uut.batchSN", c.batchSN, 100, false)
	if c.socket != nil {
		checkInt(v, "uut.testSocketIndex", *c.socket, math.MinInt16, math.MaxInt16)
	}
	checkText(v, "root.name", c.seqName, 100, true)
	checkText(v, "root.seqCall.path", c.seqPath, 500, false)
	checkText(v, "root.seqCall.version", c.seqVersion, 30, false)
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	h, err := c.header(TypeUUT, pn, sn, rev, processCode)
	if err != nil {
		return nil, err
	}
	u := &UUTInfo{
		User:      StrOf(c.operator),
		Comment:   optStr(c.hasComment, c.comment),
		FixtureID: optStr(c.hasFixture, c.fixtureID),
		BatchSN:   optStr(c.hasBatchSN, c.batchSN),
	}
	if c.socket != nil {
		u.TestSocketIndex = IntOf(int64(*c.socket))
	}
	if c.execTime != nil {
		u.ExecTime = seconds(*c.execTime)
	}
	root := &Step{
		Group:            StrOf(GroupMain),
		StepType:         StrOf("SequenceCall"),
		Name:             StrOf(c.seqName),
		CausedUUTFailure: BoolOf(false),
		SeqCall:          &SeqCall{Path: nullIfEmpty(c.seqPath), Name: StrOf(c.seqName), Version: nullIfEmpty(c.seqVersion)},
		Steps:            make([]*Step, 0, 8),
		arena:            &stepArena{},
	}
	return &Report{
		Header:    h,
		Root:      root,
		UUT:       u,
		MiscInfos: []*MiscInfo{},
		SubUnits:  []*SubUnit{},
	}, nil
}

// AddMiscInfo adds a text key/value pair to the header.
func (r *Report) AddMiscInfo(description, text string) error {
	v := &errs.ValidationError{Op: "report.AddMiscInfo"}
	path := fmt.Sprintf("miscInfos[%d]", len(r.MiscInfos))
	checkText(v, path+".description", description, 100, true)
	checkText(v, path+".text", text, 100, false)
	if err := v.OrNil(); err != nil {
		return err
	}
	r.MiscInfos = append(r.MiscInfos, &MiscInfo{Description: StrOf(description), Text: StrOf(text), Numeric: NullInt()})
	return nil
}

// AddMiscInfoNumeric adds a numeric (Int16) key/value pair to the header.
func (r *Report) AddMiscInfoNumeric(description string, n int) error {
	v := &errs.ValidationError{Op: "report.AddMiscInfoNumeric"}
	path := fmt.Sprintf("miscInfos[%d]", len(r.MiscInfos))
	checkText(v, path+".description", description, 100, true)
	checkInt(v, path+".numeric", n, math.MinInt16, math.MaxInt16)
	if err := v.OrNil(); err != nil {
		return err
	}
	r.MiscInfos = append(r.MiscInfos, &MiscInfo{Description: StrOf(description), Text: NullStr(), Numeric: IntOf(int64(n))})
	return nil
}

// AddSubUnit adds a component (UUT) or an involved part (UUR). In a UUR the
// part gets the next free idx and parentIdx 0 (the repaired unit).
func (r *Report) AddSubUnit(partType, pn, rev, sn string) (*SubUnit, error) {
	v := &errs.ValidationError{Op: "report.AddSubUnit"}
	path := fmt.Sprintf("subUnits[%d]", len(r.SubUnits))
	checkText(v, path+".partType", partType, 50, false)
	checkIdent(v, path+".pn", pn)
	checkText(v, path+".rev", rev, 100, false)
	if sn != "" || r.Type() == TypeUUT {
		checkIdent(v, path+".sn", sn)
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	su := &SubUnit{PartType: StrOf(partType), PN: StrOf(pn), Rev: StrOf(rev), SN: StrOf(sn)}
	if r.Type() == TypeUUR {
		next := int64(0)
		for _, s := range r.SubUnits {
			if s != nil && s.Idx.Int64() >= next {
				next = s.Idx.Int64() + 1
			}
		}
		su.Idx, su.ParentIdx = IntOf(next), IntOf(0)
	}
	r.SubUnits = append(r.SubUnits, su)
	return su, nil
}

// AddAsset records an asset (fixture, instrument) used by the test.
func (r *Report) AddAsset(assetSN string, usageCount int) error {
	v := &errs.ValidationError{Op: "report.AddAsset"}
	path := fmt.Sprintf("assets[%d]", len(r.Assets))
	checkText(v, path+".assetSN", assetSN, 100, true)
	checkInt(v, path+".usageCount", usageCount, 0, math.MaxInt32)
	if err := v.OrNil(); err != nil {
		return err
	}
	r.Assets = append(r.Assets, &Asset{AssetSN: StrOf(assetSN), UsageCount: IntOf(int64(usageCount)), UsageCountFormat: NullStr()})
	return nil
}

// AddAdditionalData adds a named property tree to the report.
func (r *Report) AddAdditionalData(name string, props ...*Property) error {
	a, err := newAdditional("report.AddAdditionalData", fmt.Sprintf("additionalData[%d]", len(r.AdditionalData)), name, props)
	if err != nil {
		return err
	}
	r.AdditionalData = append(r.AdditionalData, a)
	return nil
}

// NewProperty returns an additional-data property; typ is Number, String,
// Bool, Obj or Array. Add children to Props for Obj properties.
func NewProperty(name, typ, value string) *Property {
	p := &Property{Name: StrOf(name), Type: StrOf(typ)}
	if value != "" {
		p.Value = StrOf(value)
	}
	return p
}

func newAdditional(op, path, name string, props []*Property) (*AdditionalData, error) {
	v := &errs.ValidationError{Op: op}
	checkText(v, path+".name", name, 200, true)
	for i, p := range props {
		if p == nil {
			v.Add(fmt.Sprintf("%s.props[%d]", path, i), "required", "must not be nil")
		}
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	list := make([]*Property, len(props))
	copy(list, props)
	return &AdditionalData{Name: StrOf(name), Props: list}, nil
}
