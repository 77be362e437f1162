package report

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/watsgo/sdk/internal/errs"
	"github.com/watsgo/sdk/internal/odata"
)

// Header fields usable in $filter and $orderby (wire names of ReportHeader).
const (
	FieldID            = "uuid"
	FieldSerialNumber  = "serialNumber"
	FieldPartNumber    = "partNumber"
	FieldRevision      = "revision"
	FieldBatchNumber   = "batchNumber"
	FieldReportType    = "reportType"
	FieldStationName   = "stationName"
	FieldLocation      = "location"
	FieldPurpose       = "purpose"
	FieldProcessCode   = "processCode"
	FieldProcessName   = "processName"
	FieldResult        = "result"
	FieldStart         = "start"
	FieldUserName      = "userName"
	FieldComment       = "comment"
	FieldExecutionTime = "executionTime"
	FieldFixtureID     = "fixtureId"
	FieldReceiveCount  = "receiveCount"
	FieldTimeStamp     = "timeStamp"
	FieldReferencedUUT = "referencedUut"
)

// $expand names of the header query. UUT headers carry the first four
// collections, UUR headers the uur* ones.
const (
	ExpandSubUnits       = "subUnits"
	ExpandMiscInfo       = "miscInfo"
	ExpandAssets         = "assets"
	ExpandAttachments    = "attachments"
	ExpandUURSubUnits    = "uurSubUnits"
	ExpandUURMiscInfo    = "uurMiscInfo"
	ExpandUURAttachments = "uurAttachments"
)

// expandNames are the collections ReportHeader has.
var expandNames = map[string]bool{
	ExpandSubUnits: true, ExpandMiscInfo: true, ExpandAssets: true, ExpandAttachments: true,
	ExpandUURSubUnits: true, ExpandUURMiscInfo: true, ExpandUURAttachments: true,
}

// TypeAny in HeaderQuery.Type selects UUT and UUR headers alike. It is a
// query value only; no report has it as its type.
const TypeAny Type = "*"

// DefaultOrder is the $orderby sent when a HeaderQuery names none: newest
// first, as pyWATS does. A fixed order keeps $skip paging stable.
var DefaultOrder = []odata.Order{{Field: FieldStart, Desc: true}}

// HeaderQuery selects report headers. The zero value asks for every UUT
// header, newest first. Build filters with the wats.Eq family (escaped
// literals) or start from BySerialNumber, ByPartNumber, ByDateRange,
// LastDays and refine with Where.
type HeaderQuery struct {
	// Type is TypeUUT (default when empty), TypeUUR, or TypeAny for both
	// kinds. The route has no report-type parameter: the type is the
	// reportType column of the header, so it is sent as the $filter term
	// reportType eq 'T' (or 'R'), joined with Filter by "and".
	Type Type
	// Filter is the $filter expression.
	Filter odata.Expr
	// OrderBy is the $orderby list; empty means DefaultOrder.
	OrderBy []odata.Order
	// Expand lists the collections to expand (Expand* constants).
	Expand []string
	// Skip is the number of rows to skip before the first one returned.
	Skip int
	// Limit caps the number of headers returned in total; 0 means no cap.
	Limit int
}

// BySerialNumber selects the headers of one serial number.
func BySerialNumber(sn string) HeaderQuery {
	if sn == "" {
		return HeaderQuery{Filter: odata.Invalid(errs.Invalid("report.BySerialNumber", FieldSerialNumber, "serial number is empty"))}
	}
	return HeaderQuery{Filter: odata.Eq(FieldSerialNumber, sn)}
}

// ByPartNumber selects the headers of a part number, and of one revision of
// it when rev is not empty.
func ByPartNumber(pn, rev string) HeaderQuery {
	if pn == "" {
		return HeaderQuery{Filter: odata.Invalid(errs.Invalid("report.ByPartNumber", FieldPartNumber, "part number is empty"))}
	}
	f := odata.Eq(FieldPartNumber, pn)
	if rev != "" {
		f = odata.And(f, odata.Eq(FieldRevision, rev))
	}
	return HeaderQuery{Filter: f}
}

// ByDateRange selects headers whose start lies in [from, to). A zero bound
// is open. Times are sent in UTC so the server's zone never matters.
func ByDateRange(from, to time.Time) HeaderQuery {
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return HeaderQuery{Filter: odata.Invalid(errs.Invalid("report.ByDateRange", FieldStart,
			fmt.Sprintf("from (%s) must be before to (%s)", from.Format(time.RFC3339), to.Format(time.RFC3339))))}
	}
	var parts []odata.Expr
	if !from.IsZero() {
		parts = append(parts, odata.Ge(FieldStart, from.UTC()))
	}
	if !to.IsZero() {
		parts = append(parts, odata.Lt(FieldStart, to.UTC()))
	}
	return HeaderQuery{Filter: odata.And(parts...)}
}

// LastDays selects headers that started within the last n days (n ≥ 1).
func LastDays(n int) HeaderQuery {
	if n < 1 {
		return HeaderQuery{Filter: odata.Invalid(errs.Invalid("report.LastDays", "days", fmt.Sprintf("days must be at least 1, got %d", n)))}
	}
	return ByDateRange(time.Now().AddDate(0, 0, -n), time.Time{})
}

// Where returns a copy of q whose filter also requires e.
func (q HeaderQuery) Where(e odata.Expr) HeaderQuery {
	q.Filter = odata.And(q.Filter, e)
	return q
}

// UUR returns a copy of q that asks for repair (UUR) headers.
func (q HeaderQuery) UUR() HeaderQuery {
	q.Type = TypeUUR
	return q
}

// WithSubUnit returns a copy of q that also requires a sub-unit with part
// number pn (the subUnits or uurSubUnits lambda, by q.Type).
func (q HeaderQuery) WithSubUnit(pn string) HeaderQuery {
	coll := ExpandSubUnits
	if q.Type == TypeUUR {
		coll = ExpandUURSubUnits
	}
	return q.Where(odata.Any(coll, "s", odata.Eq("s/"+FieldPartNumber, pn)))
}

// values renders q for one page request; op names the calling operation.
func (q HeaderQuery) values(op string, top, skip int) (url.Values, error) {
	v := &errs.ValidationError{Op: op}
	if err := q.Filter.Err(); err != nil {
		var ve *errs.ValidationError
		if errors.As(err, &ve) {
			v.Fields = append(v.Fields, ve.Fields...)
		} else {
			v.Add("$filter", "odata", err.Error())
		}
	}
	filter := q.Filter
	switch q.Type {
	case "", TypeUUT:
		filter = odata.And(odata.Eq(FieldReportType, string(TypeUUT)), filter)
	case TypeUUR:
		filter = odata.And(odata.Eq(FieldReportType, string(TypeUUR)), filter)
	case TypeAny:
	default:
		v.Add("reportType", "oneof=T R *", fmt.Sprintf("report type must be %q, %q or TypeAny, got %q", TypeUUT, TypeUUR, q.Type))
	}
	for i, name := range q.Expand {
		if !expandNames[name] {
			v.Add(fmt.Sprintf("$expand[%d]", i), "oneof", fmt.Sprintf("%q is not an expandable member of ReportHeader", name))
		}
	}
	if q.Skip < 0 {
		v.Add("$skip", "min=0", fmt.Sprintf("skip must not be negative, got %d", q.Skip))
	}
	if q.Limit < 0 {
		v.Add("limit", "min=0", fmt.Sprintf("limit must not be negative, got %d", q.Limit))
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	order := q.OrderBy
	if len(order) == 0 {
		order = DefaultOrder
	}
	vals, err := odata.Query{Filter: filter, OrderBy: order, Expand: q.Expand, Top: top, Skip: skip}.Values()
	if err != nil {
		return nil, errs.Invalid(op, "$query", err.Error())
	}
	if top > 0 {
		// Always send $top, so a page is never the server's unknown default.
		vals.Set("$top", strconv.Itoa(top))
	}
	return vals, nil
}
