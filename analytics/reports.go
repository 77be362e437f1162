package analytics

import (
	"context"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/watsgo/sdk/internal/errs"
)

// SerialNumberHistory returns the headers of every report (UUT and UUR)
// matching the filter's serial number, part number, batch and misc value.
//
// WATS API: POST /api/App/SerialNumberHistory
func (s *Service) SerialNumberHistory(ctx context.Context, f *Filter) ([]ReportHeader, error) {
	var out []ReportHeader
	return out, s.postFilter(ctx, "analytics.SerialNumberHistory", "/api/App/SerialNumberHistory", f, &out)
}

// UUTReports returns UUT report headers matching the filter (newest 1000
// by default; set TopCount).
//
// WATS API: POST /api/App/UutReport
func (s *Service) UUTReports(ctx context.Context, f *Filter) ([]ReportHeader, error) {
	var out []ReportHeader
	return out, s.postFilter(ctx, "analytics.UUTReports", "/api/App/UutReport", f, &out)
}

// UURReports returns UUR report headers matching the filter.
//
// WATS API: POST /api/App/UurReport
func (s *Service) UURReports(ctx context.Context, f *Filter) ([]ReportHeader, error) {
	var out []ReportHeader
	return out, s.postFilter(ctx, "analytics.UURReports", "/api/App/UurReport", f, &out)
}

// UUTQuery are the query parameters of UUTReportsQuery; all optional.
type UUTQuery struct {
	SerialNumber, PartNumber, Revision, BatchNumber, StationName, TestOperation string       // query serialNumber, partNumber, revision, batchNumber, stationName, testOperation
	Status                                                                      ResultStatus // result filter, full words such as Passed (query status)
	DateFrom, DateTo                                                            time.Time    // report date range (query dateFrom, dateTo; sent as RFC 3339)
	ProductGroupID, LevelID                                                     string       // ids, not names (query productGroupId, levelId)
}

// UUTReportsQuery is UUTReports through the GET form (query parameters
// instead of a filter body).
//
// WATS API: GET /api/App/UutReport
func (s *Service) UUTReportsQuery(ctx context.Context, o UUTQuery) ([]ReportHeader, error) {
	const op = "analytics.UUTReportsQuery"
	if !o.DateFrom.IsZero() && !o.DateTo.IsZero() && o.DateTo.Before(o.DateFrom) {
		return nil, errs.Invalid(op, "dateTo", "must not be before dateFrom")
	}
	q := url.Values{}
	for k, val := range map[string]string{"serialNumber": o.SerialNumber, "partNumber": o.PartNumber, "revision": o.Revision,
		"batchNumber": o.BatchNumber, "stationName": o.StationName, "testOperation": o.TestOperation, "status": string(o.Status),
		"productGroupId": o.ProductGroupID, "levelId": o.LevelID} {
		if val != "" {
			q.Set(k, val)
		}
	}
	if !o.DateFrom.IsZero() {
		q.Set("dateFrom", o.DateFrom.Format(time.RFC3339))
	}
	if !o.DateTo.IsZero() {
		q.Set("dateTo", o.DateTo.Format(time.RFC3339))
	}
	var out []ReportHeader
	return out, get(ctx, s.t, op, "/api/App/UutReport", q, &out)
}

// RepairHistoryOptions narrow RelatedRepairHistory (both optional).
type RepairHistoryOptions struct {
	RepairOperationCode int // repair operation code (query repairOperationCode; sent when > 0)
	TestOperationCode   int // test operation code (query testOperationCode; sent when > 0)
}

// RelatedRepairHistory returns the repairs recorded for a part number and
// revision, with the failing step and repair codes.
//
// WATS API: GET /api/App/RelatedRepairHistory
func (s *Service) RelatedRepairHistory(ctx context.Context, partNumber, revision string, o RepairHistoryOptions) ([]RepairHistoryRecord, error) {
	const op = "analytics.RelatedRepairHistory"
	v := &errs.ValidationError{Op: op}
	if strings.TrimSpace(partNumber) == "" {
		v.Add("partNumber", "required", "is required")
	}
	if strings.TrimSpace(revision) == "" {
		v.Add("revision", "required", "is required")
	}
	if err := v.OrNil(); err != nil {
		return nil, err
	}
	q := url.Values{"partNumber": {partNumber}, "revision": {revision}}
	if o.RepairOperationCode > 0 {
		q.Set("repairOperationCode", strconv.Itoa(o.RepairOperationCode))
	}
	if o.TestOperationCode > 0 {
		q.Set("testOperationCode", strconv.Itoa(o.TestOperationCode))
	}
	var out []RepairHistoryRecord
	return out, get(ctx, s.t, op, "/api/App/RelatedRepairHistory", q, &out)
}
