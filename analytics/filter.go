package analytics

import (
	"strconv"
	"time"

	"github.com/watsgo/sdk/internal/errs"
)

// DateGrouping is the period size of grouped results (wire "dateGrouping").
// The names follow pyWATS; the server confirms only the integer set, and
// its own default filters hint that 1 may mean day rather than quarter, so
// check this mapping on a real server before relying on it.
type DateGrouping int

// Date groupings.
const (
	GroupNone    DateGrouping = -1
	GroupYear    DateGrouping = 0
	GroupQuarter DateGrouping = 1
	GroupMonth   DateGrouping = 2
	GroupWeek    DateGrouping = 3
	GroupDay     DateGrouping = 4
	GroupHour    DateGrouping = 5
)

// ResultStatus is a report result as the filter spells it (full words).
type ResultStatus string

// Result filter values, in the full words the SDK sends.
const (
	StatusPassed     ResultStatus = "Passed"
	StatusFailed     ResultStatus = "Failed"
	StatusError      ResultStatus = "Error"
	StatusTerminated ResultStatus = "Terminated"
	StatusDone       ResultStatus = "Done"
	StatusSkipped    ResultStatus = "Skipped"
)

// Run selects which run of each unit TestStepAnalysis looks at (see
// UnverifiedService.TestStepAnalysis).
type Run int

// String returns the name of the run.
func (r Run) String() string {
	switch r {
	case RunFirst:
		return "first"
	case RunSecond:
		return "second"
	case RunThird:
		return "third"
	case RunLast:
		return "last"
	case RunAll:
		return "all"
	}
	return "Run(" + strconv.Itoa(int(r)) + ")"
}

func (r Run) valid() bool { return r >= RunAll && r != 0 && r <= RunThird }

// Runs.
const (
	RunFirst  Run = 1
	RunSecond Run = 2
	RunThird  Run = 3
	RunLast   Run = -1
	RunAll    Run = -2
)

// Filter is the server's filter object (PublicWatsFilter), the body of
// every analytics POST. Fields carry the exact wire names; nil and empty
// fields are never sent. Each endpoint honours only some fields (the
// server lists them per route). String fields accept WATS wildcards: ";" separates
// alternatives, "%" matches any run of characters, "_" one character.
type Filter struct {
	SerialNumber string `json:"serialNumber,omitempty"` // unit serial number (serialNumber)
	PartNumber   string `json:"partNumber,omitempty"`   // product part number (partNumber)
	Revision     string `json:"revision,omitempty"`     // product revision (revision)
	BatchNumber  string `json:"batchNumber,omitempty"`  // batch number (batchNumber)
	StationName  string `json:"stationName,omitempty"`  // test station name (stationName)
	// TestOperation is the test operation (process) name, sent as given.
	TestOperation string       `json:"testOperation,omitempty"`
	Status        ResultStatus `json:"status,omitempty"` // result filter, full words such as Passed (status)
	// Yield is a yield threshold in percent (wire name "yield").
	Yield           *int   `json:"yield,omitempty"`
	MiscDescription string `json:"miscDescription,omitempty"` // misc-info description to match (miscDescription)
	MiscValue       string `json:"miscValue,omitempty"`       // misc-info value to match (miscValue)
	// ProductGroup and Level are names (the GET routes take ids instead).
	ProductGroup string `json:"productGroup,omitempty"`
	Level        string `json:"level,omitempty"`      // production level name (level)
	SWFilename   string `json:"swFilename,omitempty"` // test software file name (swFilename)
	SWVersion    string `json:"swVersion,omitempty"`  // test software version (swVersion)
	Socket       string `json:"socket,omitempty"`     // test socket / fixture identifier (socket)
	// DateFrom and DateTo bound the report start times, both inclusive.
	DateFrom *time.Time `json:"dateFrom,omitempty"`
	DateTo   *time.Time `json:"dateTo,omitempty"` // inclusive end (dateTo)
	// DateGrouping is the period size for grouped results.
	DateGrouping *DateGrouping `json:"dateGrouping,omitempty"`
	// PeriodCount is the number of periods to cover, ending now.
	PeriodCount *int `json:"periodCount,omitempty"`
	// IncludeCurrentPeriod includes the running, incomplete period. When
	// DateGrouping or PeriodCount is set and this is nil, the SDK sends
	// true, as the WATS web client does.
	IncludeCurrentPeriod *bool `json:"includeCurrentPeriod,omitempty"`
	MaxCount             *int  `json:"maxCount,omitempty"` // max rows/items considered (maxCount)
	MinCount             *int  `json:"minCount,omitempty"` // minimum count threshold, e.g. minimum volume for a row (minCount)
	TopCount             *int  `json:"topCount,omitempty"` // return only the top N rows (topCount)
	// Dimensions is the raw dimensions string. Prefer the typed
	// Dimensions argument of DynamicYield and DynamicRepair, which is sent
	// as the query parameter; setting both is refused.
	Dimensions string `json:"dimensions,omitempty"`
}

// Ptr returns a pointer to v, for the optional Filter fields:
// Filter{TopCount: analytics.Ptr(5)}.
func Ptr[T any](v T) *T { return &v }

// Between sets DateFrom and DateTo and returns f, for chaining.
func (f Filter) Between(from, to time.Time) Filter {
	f.DateFrom, f.DateTo = &from, &to
	return f
}

// prepared validates f and returns the copy that goes on the wire.
func (f *Filter) prepared(v *errs.ValidationError) *Filter {
	var out Filter
	if f != nil {
		out = *f
	}
	if out.DateFrom != nil && out.DateTo != nil && out.DateTo.Before(*out.DateFrom) {
		v.Add("dateTo", "gtefield=dateFrom", "must not be before dateFrom")
	}
	if g := out.DateGrouping; g != nil && (*g < GroupNone || *g > GroupHour) {
		v.Add("dateGrouping", "oneof=-1 0 1 2 3 4 5", "must be one of the DateGrouping constants, got "+strconv.Itoa(int(*g)))
	}
	if y := out.Yield; y != nil && (*y < 0 || *y > 100) {
		v.Add("yield", "min=0,max=100", "is a percentage 0..100")
	}
	for _, c := range []struct {
		name string
		p    *int
	}{{"periodCount", out.PeriodCount}, {"maxCount", out.MaxCount}, {"minCount", out.MinCount}, {"topCount", out.TopCount}} {
		if c.p != nil && *c.p < 0 {
			v.Add(c.name, "min=0", "must not be negative")
		}
	}
	// A .NET server reads at most 7 fractional digits (100 ns ticks).
	for _, d := range []**time.Time{&out.DateFrom, &out.DateTo} {
		if *d != nil {
			t := (*d).Truncate(100 * time.Nanosecond)
			*d = &t
		}
	}
	if out.IncludeCurrentPeriod == nil && (out.DateGrouping != nil || out.PeriodCount != nil) {
		out.IncludeCurrentPeriod = Ptr(true)
	}
	return &out
}
